build/core/text.o: core/text.c core/text.h core/xmalloc.h
core/text.h:
core/xmalloc.h:
