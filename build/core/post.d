build/core/post.o: core/post.c core/audit.h core/err.h core/i18n.h \
 core/post.h core/master.h core/qty.h core/wms.h core/xmalloc.h \
 data/db-ledger.h data/db.h data/db-site.h
core/audit.h:
core/err.h:
core/i18n.h:
core/post.h:
core/master.h:
core/qty.h:
core/wms.h:
core/xmalloc.h:
data/db-ledger.h:
data/db.h:
data/db-site.h:
