/* What the bus's watching loops share (bus/watch.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bus/nats.h"
#include "bus/watch.h"
#include "lib/i18n.h"

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

int
bus_watch_init(struct bus_watch *wt, const struct bus_watch_conf *conf,
    const char *name, const char *no_key, const char *down,
    struct wms_err *err)
{
	memset(wt, 0, sizeof *wt);
	wt->conf = conf;
	wt->start = bus_now_ms();
	wt->backoff = 1000;
	if (conf->centre_key == NULL || *conf->centre_key == '\0')
		return wms_err_set(err, WMS_ERR_USAGE, "%s", no_key);
	if (bus_key_parse_public(conf->centre_key, wt->pk, err) != 0)
		return wms_err_set(err, WMS_ERR_USAGE,
		    _("centre_key in makhzan.ini is not a public key: %s"),
		    err->msg);
	wt->wait_ms = (int64_t)(conf->once_wait_s > 0 ? conf->once_wait_s :
	    10) * 1000;
	wt->nc = conf->nats;
	wt->nc.no_reconnect = 1;
	wt->nc.name = name;
	if (down != NULL)
		snprintf(wt->down, sizeof wt->down, "%s", down);
	return 0;
}

void
bus_watch_log(struct bus_watch *wt, const char *fmt, ...)
{
	char	line[512];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	/* One line per change of state: the same error again is quiet. */
	if (bus_said_again(wt->last, sizeof wt->last, line))
		return;
	/* --once says it in its result instead. */
	if (wt->conf->log != NULL && !wt->conf->once)
		wt->conf->log(wt->conf->log_arg, line);
}

int
bus_watch_connect(struct bus_watch *wt, struct wms_err *err)
{
	int	rc;

	if (wt->bus != NULL && bus_conn_up(wt->bus))
		return BUS_WATCH_UP;
	bus_sub_drop(&wt->sub, &wt->bus);
	if ((rc = bus_connect(&wt->nc, &wt->bus, err)) != 0) {
		if (rc == WMS_ERR_USAGE || rc == WMS_ERR_DENIED)
			return rc;
		if (rc == WMS_ERR_IO && wt->down[0] != '\0')
			wms_err_set(err, rc, "%s", wt->down);
		if (wt->conf->once && bus_now_ms() - wt->start > wt->wait_ms)
			return rc;
		bus_watch_log(wt, "%s", err->msg);
		bus_sleep_watch(wt->conf->stop, wt->conf->once ? 500 :
		    wt->backoff);
		if (wt->backoff < 30000)
			wt->backoff *= 2;
		return BUS_WATCH_AGAIN;
	}
	wt->backoff = 1000;
	return BUS_WATCH_NEW;
}

int
bus_watch_retry(struct bus_watch *wt, const struct wms_err *err)
{
	bus_watch_log(wt, "%s", err->msg);
	bus_sub_drop(&wt->sub, &wt->bus);
	if (wt->conf->once)
		return 1;
	bus_sleep_watch(wt->conf->stop, wt->backoff);
	return 0;
}

void
bus_watch_fini(struct bus_watch *wt)
{
	bus_sub_drop(&wt->sub, &wt->bus);
}
