/* What the bus's watching loops share (bus/watch.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bus/nats.h"
#include "bus/watch.h"

int64_t
bus_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
bus_sleep_watch(const volatile sig_atomic_t *stop, int ms)
{
	struct timespec ts = { 0, 100 * 1000000L };

	for (; ms > 0 && !(stop != NULL && *stop); ms -= 100)
		nanosleep(&ts, NULL);
}

void
bus_sub_drop(natsSubscription **sub, struct bus_conn **bus)
{
	if (*sub != NULL) {
		natsSubscription_Destroy(*sub);
		*sub = NULL;
	}
	if (*bus != NULL) {
		bus_close(*bus);
		*bus = NULL;
	}
}

int
bus_said_again(char *last, size_t n, const char *line)
{
	if (strncmp(line, last, n - 1) == 0)
		return 1;
	snprintf(last, n, "%s", line);
	return 0;
}
