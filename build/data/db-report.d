build/data/db-report.o: data/db-report.c data/db-report.h data/db.h \
 core/err.h
data/db-report.h:
data/db.h:
core/err.h:
