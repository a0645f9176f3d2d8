build/core/session.o: core/session.c core/audit.h core/err.h core/i18n.h \
 core/wms.h core/xmalloc.h data/db-site.h data/db.h data/db-user.h
core/audit.h:
core/err.h:
core/i18n.h:
core/wms.h:
core/xmalloc.h:
data/db-site.h:
data/db.h:
data/db-user.h:
