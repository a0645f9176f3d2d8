build/core/master.o: core/master.c core/audit.h core/err.h core/i18n.h \
 core/master.h core/qty.h core/text.h core/wms.h core/xmalloc.h \
 data/db-item.h data/db.h data/db-site.h data/db-user.h
core/audit.h:
core/err.h:
core/i18n.h:
core/master.h:
core/qty.h:
core/text.h:
core/wms.h:
core/xmalloc.h:
data/db-item.h:
data/db.h:
data/db-site.h:
data/db-user.h:
