build/data/db-site.o: data/db-site.c data/db-site.h data/db.h core/err.h
data/db-site.h:
data/db.h:
core/err.h:
