build/data/db-count.o: data/db-count.c data/db-count.h data/db.h \
 core/err.h
data/db-count.h:
data/db.h:
core/err.h:
