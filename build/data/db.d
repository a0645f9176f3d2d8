build/data/db.o: data/db.c core/i18n.h core/xmalloc.h data/db.h \
 core/err.h data/schema.h
core/i18n.h:
core/xmalloc.h:
data/db.h:
core/err.h:
data/schema.h:
