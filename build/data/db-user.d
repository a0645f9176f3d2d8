build/data/db-user.o: data/db-user.c data/db-user.h data/db.h core/err.h
data/db-user.h:
data/db.h:
core/err.h:
