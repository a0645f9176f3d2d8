build/data/embedded.o: data/embedded.c data/embedded.h
data/embedded.h:
