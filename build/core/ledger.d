build/core/ledger.o: core/ledger.c core/i18n.h core/ledger.h core/err.h \
 core/post.h core/master.h core/qty.h core/wms.h core/xmalloc.h \
 data/db-item.h data/db.h data/db-ledger.h data/db-site.h
core/i18n.h:
core/ledger.h:
core/err.h:
core/post.h:
core/master.h:
core/qty.h:
core/wms.h:
core/xmalloc.h:
data/db-item.h:
data/db.h:
data/db-ledger.h:
data/db-site.h:
