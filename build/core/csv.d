build/core/csv.o: core/csv.c core/csv.h core/err.h core/i18n.h \
 core/text.h core/xmalloc.h
core/csv.h:
core/err.h:
core/i18n.h:
core/text.h:
core/xmalloc.h:
