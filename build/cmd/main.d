build/cmd/main.o: cmd/main.c
