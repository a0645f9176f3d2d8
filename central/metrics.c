/* Prometheus text on --metrics ADDR:PORT, served by libmicrohttpd. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <microhttpd.h>

#include "central/metrics.h"
#include "central/pg.h"
#include "central/status.h"
#include "lib/i18n.h"
#include "lib/time.h"
#include "lib/xmalloc.h"

struct central_metrics {
	struct MHD_Daemon	*d;
	char			*conninfo;
	struct central_pg	*pg;	/* the metrics thread's own */
	struct central_live	*live;
};

/* One metric's HELP and TYPE lines. */
static void
head(struct wms_buf *b, const char *name, const char *type, const char *help)
{
	wms_buf_addf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name,
	    type);
}

/* Per-site series, one metric at a time as the format wants. */
enum site_fig {
	FIG_APPLIED, FIG_LAST_SEQ, FIG_LAG_EVENTS, FIG_LAG_S, FIG_HEARTBEAT,
	FIG_GAPS, FIG_MISSING, FIG_QUARANTINED, FIG_RATE, FIG_REVOKED, FIG_N
};

static const struct {
	const char	*name, *type, *help;
} site_figs[FIG_N] = {
	[FIG_APPLIED] = { "makhzan_site_applied_total", "counter",
	    "Events of the site applied at the centre." },
	[FIG_LAST_SEQ] = { "makhzan_site_last_seq", "gauge",
	    "Every event of the site up to this sequence is applied." },
	[FIG_LAG_EVENTS] = { "makhzan_site_lag_events", "gauge",
	    "Events known to exist (heartbeat, received) and not applied." },
	[FIG_LAG_S] = { "makhzan_site_lag_seconds", "gauge",
	    "Age of the oldest event not yet applied; 0 without lag." },
	[FIG_HEARTBEAT] = { "makhzan_site_last_heartbeat_timestamp_seconds",
	    "gauge", "When the site's last heartbeat was sent (unix time)." },
	[FIG_GAPS] = { "makhzan_site_gaps", "gauge",
	    "Ranges of sequences missing between applied and received." },
	[FIG_MISSING] = { "makhzan_site_missing_events", "gauge",
	    "Sequences missing between applied and received." },
	[FIG_QUARANTINED] = { "makhzan_site_quarantined_total", "counter",
	    "Messages in the site's name quarantined, never applied." },
	[FIG_RATE] = { "makhzan_site_events_per_minute", "gauge",
	    "Events applied per minute over the last hour." },
	[FIG_REVOKED] = { "makhzan_site_revoked", "gauge",
	    "1 when the site is revoked." },
};

static void
site_series(struct wms_buf *b, const struct central_site_status *st,
    size_t n)
{
	const struct central_site_status	*s;
	int64_t					 v, x;
	time_t					 t;
	size_t					 i, g;
	int					 f;

	for (f = 0; f < FIG_N; f++) {
		head(b, site_figs[f].name, site_figs[f].type, site_figs[f].help);
		for (i = 0; i < n; i++) {
			s = &st[i];
			switch (f) {
			case FIG_APPLIED: v = s->applied; break;
			case FIG_LAST_SEQ: v = s->last_seq; break;
			case FIG_LAG_EVENTS: v = s->lag_events; break;
			case FIG_LAG_S: v = s->lag_s; break;
			case FIG_HEARTBEAT:
				/* No series for a site never heard from. */
				if (s->last_heartbeat[0] == '\0' ||
				    wms_time_parse(s->last_heartbeat, &t) != 0)
					continue;
				v = (int64_t)t;
				break;
			case FIG_GAPS: v = (int64_t)s->ngaps; break;
			case FIG_MISSING:
				for (v = 0, g = 0; g < s->ngaps; g++)
					v += s->gaps[g][1] - s->gaps[g][0] + 1;
				break;
			case FIG_QUARANTINED: v = s->quarantined; break;
			case FIG_RATE:
				x = central_per_min_x100(s);
				wms_buf_addf(b, "%s{site=\"%s\"} %lld.%02lld\n",
				    site_figs[f].name, s->site,
				    (long long)(x / 100), (long long)(x % 100));
				continue;
			default: v = s->revoked; break;
			}
			wms_buf_addf(b, "%s{site=\"%s\"} %lld\n",
			    site_figs[f].name, s->site, (long long)v);
		}
	}
}

int
central_metrics_text(struct central_pg *pg, const struct central_live *l,
    struct wms_buf *b)
{
	struct central_site_status	*st = NULL;
	struct wms_err			 err;
	size_t				 n = 0;
	int				 pg_up;

	pg_up = pg != NULL && central_status(pg, NULL, &st, &n, &err) == 0;
	if (pg_up)
		site_series(b, st, n);
	central_status_free(st, n);
	head(b, "makhzan_central_pg_up", "gauge",
	    "1 when the centre's PostgreSQL answers.");
	wms_buf_addf(b, "makhzan_central_pg_up %d\n", pg_up);
	if (l == NULL)
		return pg_up;
	head(b, "makhzan_central_nats_up", "gauge",
	    "1 while this consumer is connected to NATS.");
	wms_buf_addf(b, "makhzan_central_nats_up %d\n", atomic_load(&l->nats_up));
#define COUNTER(name, field, help) do { \
	head(b, name, "counter", help); \
	wms_buf_addf(b, name " %lld\n", (long long)atomic_load(&l->field)); \
} while (0)
	COUNTER("makhzan_central_messages_total", messages,
	    "Messages this consumer read from the stream.");
	COUNTER("makhzan_central_kept_total", kept,
	    "Messages kept as evidence (new event parts).");
	COUNTER("makhzan_central_duplicates_total", duplicates,
	    "Messages that were kept before (redelivered, resent).");
	COUNTER("makhzan_central_quarantined_total", quarantined,
	    "Messages this consumer quarantined.");
	COUNTER("makhzan_central_heartbeats_total", heartbeats,
	    "Heartbeats this consumer read.");
	COUNTER("makhzan_central_applied_total", applied,
	    "Events this consumer applied.");
	COUNTER("makhzan_central_batches_total", batches,
	    "Batches this consumer committed.");
#undef COUNTER
	head(b, "makhzan_central_last_batch_timestamp_seconds", "gauge",
	    "When this consumer last committed a batch (unix time).");
	wms_buf_addf(b, "makhzan_central_last_batch_timestamp_seconds %lld\n",
	    (long long)atomic_load(&l->last_batch));
	return pg_up;
}

static enum MHD_Result
metrics_answer(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **state)
{
	struct central_metrics	*m = cls;
	struct MHD_Response	*resp;
	struct wms_err		 err;
	struct wms_buf		 b = { 0 };
	enum MHD_Result		 ret;
	unsigned int		 code = MHD_HTTP_OK;

	(void)version;
	(void)upload;
	(void)upload_size;
	(void)state;
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		code = MHD_HTTP_METHOD_NOT_ALLOWED;
		wms_buf_adds(&b, "GET /metrics\n");
	} else if (strcmp(url, "/metrics") != 0 && strcmp(url, "/") != 0) {
		code = MHD_HTTP_NOT_FOUND;
		wms_buf_adds(&b, "the metrics are at /metrics\n");
	} else {
		/* One connection of its own, made again after a failure. */
		if (m->pg == NULL && central_pg_open(m->conninfo, 0, &m->pg,
		    &err) != 0)
			m->pg = NULL;
		if (central_metrics_text(m->pg, m->live, &b) == 0 &&
		    m->pg != NULL) {
			central_pg_close(m->pg);
			m->pg = NULL;
		}
	}
	resp = MHD_create_response_from_buffer(b.len, b.data,
	    MHD_RESPMEM_MUST_COPY);
	wms_buf_free(&b);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
	    "text/plain; version=0.0.4; charset=utf-8");
	ret = MHD_queue_response(conn, code, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* ADDR:PORT into sa; 0, or -1 when it is not one. */
static int
metrics_addr(const char *addr, struct sockaddr_storage *sa, socklen_t *len)
{
	struct sockaddr_in	*in4 = (struct sockaddr_in *)sa;
	struct sockaddr_in6	*in6 = (struct sockaddr_in6 *)sa;
	const char		*colon = strrchr(addr, ':');
	char			 host[64], *end;
	long			 port;

	if (colon == NULL || (size_t)(colon - addr) >= sizeof host)
		return -1;
	port = strtol(colon + 1, &end, 10);
	if (*end != '\0' || end == colon + 1 || port < 1 || port > 65535)
		return -1;
	snprintf(host, sizeof host, "%.*s", (int)(colon - addr), addr);
	memset(sa, 0, sizeof *sa);
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		host[strlen(host) - 1] = '\0';
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host + 1, &in6->sin6_addr) != 1)
			return -1;
		*len = sizeof *in6;
		return 0;
	}
	in4->sin_family = AF_INET;
	in4->sin_port = htons((uint16_t)port);
	if (host[0] == '\0')
		in4->sin_addr.s_addr = htonl(INADDR_ANY);
	else if (inet_pton(AF_INET, host, &in4->sin_addr) != 1)
		return -1;
	*len = sizeof *in4;
	return 0;
}

int
central_metrics_addr_ok(const char *addr)
{
	struct sockaddr_storage	sa;
	socklen_t		len;

	return metrics_addr(addr, &sa, &len) == 0;
}

int
central_metrics_start(const char *addr, const char *conninfo,
    struct central_live *live, struct central_metrics **out,
    struct wms_err *err)
{
	struct central_metrics	*m;
	struct sockaddr_storage	 sa;
	socklen_t		 salen;
	unsigned int		 flags = MHD_USE_INTERNAL_POLLING_THREAD;

	*out = NULL;
	if (metrics_addr(addr, &sa, &salen) != 0)
		return wms_err_set(err, WMS_ERR_USAGE, _("--metrics takes "
		    "ADDR:PORT (127.0.0.1:9464, [::1]:9464 or :9464), not %s"),
		    addr);
	if (sa.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	m = xcalloc(1, sizeof *m);
	m->conninfo = xstrdup(conninfo != NULL ? conninfo : "");
	m->live = live;
	m->d = MHD_start_daemon(flags, 0, NULL, NULL, metrics_answer, m,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)10,
	    MHD_OPTION_END);
	if (m->d == NULL) {
		free(m->conninfo);
		free(m);
		return wms_err_set(err, WMS_ERR_IO, _("cannot serve the "
		    "metrics on %s (is the port taken?)"), addr);
	}
	(void)salen;
	*out = m;
	return 0;
}

void
central_metrics_stop(struct central_metrics *m)
{
	if (m == NULL)
		return;
	MHD_stop_daemon(m->d);
	central_pg_close(m->pg);
	free(m->conninfo);
	free(m);
}
