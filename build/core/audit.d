build/core/audit.o: core/audit.c core/audit.h core/err.h core/i18n.h \
 core/wms.h data/db-user.h data/db.h
core/audit.h:
core/err.h:
core/i18n.h:
core/wms.h:
data/db-user.h:
data/db.h:
