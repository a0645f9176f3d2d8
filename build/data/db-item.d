build/data/db-item.o: data/db-item.c data/db-item.h data/db.h core/err.h
data/db-item.h:
data/db.h:
core/err.h:
