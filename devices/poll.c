/* A worker thread per device: the UI reads the latest result, never the device. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/i18n.h"
#include "lib/xmalloc.h"
#include "devices/poll.h"

struct dev_poll {
	struct dev_profile	*p;
	struct dev		*d;
	int			 interval_ms;
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	pthread_cond_t		 wake;		/* stop asked */
	int			 stop;
	/* Guarded by lock: what the thread found last. */
	int			 state;		/* 0, WMS_ERR_IO, _NOTFOUND */
	struct dev_reading	 reading;
	int64_t			 at_ms;
	char			 msg[sizeof(((struct wms_err *)0)->msg)];
	char			 codes[DEV_POLL_CODES][256];
	unsigned		 head, ncodes;
	/* Counters for tests and figures, read without the lock. */
	atomic_uint		 dropped;
	_Atomic uint64_t	 reads;
};

/* Wait until ms from now or until stop is asked; lock held. */
static void
poll_wait(struct dev_poll *p, int ms)
{
	struct timespec	ts;

	/* The condition waits on the monotonic clock: a clock set back
	 * by hand must not stop the polling. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	while (!p->stop && pthread_cond_timedwait(&p->wake, &p->lock,
	    &ts) != ETIMEDOUT)
		;
}

/* A scanned code into the ring, dropping the oldest when it is full. */
static void
poll_push(struct dev_poll *p, const char *code)
{
	unsigned	slot;

	if (p->ncodes == DEV_POLL_CODES) {
		p->head = (p->head + 1) % DEV_POLL_CODES;
		p->ncodes--;
		p->dropped++;
	}
	slot = (p->head + p->ncodes) % DEV_POLL_CODES;
	snprintf(p->codes[slot], sizeof p->codes[slot], "%s", code);
	p->ncodes++;
}

static void *
poll_main(void *arg)
{
	struct dev_poll		*p = arg;
	struct dev_reading	 r;
	struct wms_err		 err;
	char			 code[256];
	uint32_t		 seq;
	int64_t			 at;
	int			 rc, fresh, left;

	pthread_mutex_lock(&p->lock);
	while (!p->stop) {
		pthread_mutex_unlock(&p->lock);
		/* The device is only touched here, without the lock. */
		if (p->p->kind == DEV_KIND_SCALE) {
			rc = dev_read_scale(p->d, &r, &at, &err);
		} else {
			/* Drain what the scanner holds before sleeping. */
			left = DEV_POLL_CODES;
			do {
				rc = dev_read_scanner(p->d, code, sizeof code,
				    &seq, &fresh, &err);
				if (rc == 0 && fresh) {
					pthread_mutex_lock(&p->lock);
					poll_push(p, code);
					pthread_mutex_unlock(&p->lock);
				}
			} while (rc == 0 && fresh && --left > 0);
			at = dev_now_ms();
		}
		pthread_mutex_lock(&p->lock);
		p->reads++;
		if (rc == 0) {
			p->state = 0;
			if (p->p->kind == DEV_KIND_SCALE)
				p->reading = r;
			p->at_ms = at;
			p->msg[0] = '\0';
		} else {
			p->state = WMS_ERR_IO;
			memset(&p->reading, 0, sizeof p->reading);
			snprintf(p->msg, sizeof p->msg, "%s", err.msg);
		}
		poll_wait(p, p->interval_ms);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

struct dev_poll *
dev_poll_start(struct dev_profile *prof, const char *uri, int unit_id,
    int timeout_ms, int interval_ms, struct wms_err *err)
{
	struct dev_poll		*p;
	pthread_condattr_t	 ca;
	int			 rc;

	if (interval_ms == 0)
		interval_ms = DEV_POLL_INTERVAL_MS;
	if (interval_ms < 20 || interval_ms > 60000) {
		wms_err_set(err, WMS_ERR_INVALID, _("poll interval %d ms: "
		    "give 20 to 60000"), interval_ms);
		dev_profile_free(prof);
		return NULL;
	}
	p = xcalloc(1, sizeof *p);
	p->p = prof;
	p->interval_ms = interval_ms;
	p->state = WMS_ERR_NOTFOUND;
	if ((p->d = dev_open(prof, uri, unit_id, timeout_ms, err)) == NULL) {
		dev_profile_free(prof);
		free(p);
		return NULL;
	}
	pthread_mutex_init(&p->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p->wake, &ca);
	pthread_condattr_destroy(&ca);
	if ((rc = pthread_create(&p->thread, NULL, poll_main, p)) != 0) {
		wms_err_set(err, WMS_ERR_IO, _("%s: cannot start the polling "
		    "thread: %s"), uri, strerror(rc));
		pthread_cond_destroy(&p->wake);
		pthread_mutex_destroy(&p->lock);
		dev_close(p->d);
		dev_profile_free(prof);
		free(p);
		return NULL;
	}
	return p;
}

void
dev_poll_stop(struct dev_poll *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = 1;
	pthread_cond_signal(&p->wake);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	pthread_cond_destroy(&p->wake);
	pthread_mutex_destroy(&p->lock);
	dev_close(p->d);
	dev_profile_free(p->p);
	free(p);
}

int
dev_poll_weight(struct dev_poll *p, struct dev_reading *out, int64_t *age_ms,
    struct wms_err *err)
{
	int	rc;

	pthread_mutex_lock(&p->lock);
	*out = p->reading;
	*age_ms = p->state == 0 ? dev_now_ms() - p->at_ms : 0;
	rc = p->state;
	if (rc == WMS_ERR_IO)
		wms_err_set(err, rc, "%s", p->msg);
	else if (rc != 0)
		wms_err_set(err, rc, _("%s: no reading yet"),
		    dev_uri_text(p->d));
	pthread_mutex_unlock(&p->lock);
	return rc;
}

int
dev_poll_code(struct dev_poll *p, char *code, size_t len)
{
	int	got = 0;

	pthread_mutex_lock(&p->lock);
	if (p->ncodes > 0) {
		snprintf(code, len, "%s", p->codes[p->head]);
		p->head = (p->head + 1) % DEV_POLL_CODES;
		p->ncodes--;
		got = 1;
	}
	pthread_mutex_unlock(&p->lock);
	return got;
}

unsigned
dev_poll_dropped(struct dev_poll *p)
{
	return atomic_load(&p->dropped);
}

uint64_t
dev_poll_reads(struct dev_poll *p)
{
	return atomic_load(&p->reads);
}
