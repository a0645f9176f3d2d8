build/core/qty.o: core/qty.c core/i18n.h core/qty.h core/err.h
core/i18n.h:
core/qty.h:
core/err.h:
