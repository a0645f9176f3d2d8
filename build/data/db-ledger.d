build/data/db-ledger.o: data/db-ledger.c data/db-ledger.h data/db.h \
 core/err.h
data/db-ledger.h:
data/db.h:
core/err.h:
