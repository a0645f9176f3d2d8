/*
 * What the bus's watching loops share (the catalogue's watcher in
 * bus/catalogue.c, the inbound consumer in bus/inbound.c): a monotonic
 * clock, a sleep that wakes on a stop flag, dropping a subscription with
 * its connection, and logging a change of state once.
 */
#ifndef BUS_WATCH_H
#define BUS_WATCH_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include <nats/nats.h>

struct bus_conn;

/* Milliseconds of a monotonic clock. */
int64_t	bus_now_ms(void);
/* Sleep ms, waking every 100 ms to look at *stop (may be NULL). */
void	bus_sleep_watch(const volatile sig_atomic_t *stop, int ms);
/* Destroy *sub and close *bus, each when there, and clear them. */
void	bus_sub_drop(natsSubscription **sub, struct bus_conn **bus);
/*
 * 1 when line is what last (n bytes) holds: the same state said again,
 * to keep quiet; else 0, and last holds line from now on.
 */
int	bus_said_again(char *last, size_t n, const char *line);

#endif
