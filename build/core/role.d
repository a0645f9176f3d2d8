build/core/role.o: core/role.c core/i18n.h core/wms.h core/err.h
core/i18n.h:
core/wms.h:
core/err.h:
