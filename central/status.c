/* The centre's indicators per site, and the quarantine, from PostgreSQL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central/status.h"
#include "central/stmt.h"
#include "lib/i18n.h"
#include "lib/xmalloc.h"
#include "reports/report.h"

static int64_t
max64(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

int
central_status(struct central_pg *pg, const char *site,
    struct central_site_status **out, size_t *n, struct wms_err *err)
{
	struct central_site_status	*st, *s;
	PGresult			*res, *gaps;
	const char			*v[1];
	int64_t				 lag;
	int				 r, g;

	*out = NULL;
	*n = 0;
	v[0] = site;
	if ((res = central_run(pg, CS_STATUS, 1, v, 0, err)) == NULL)
		return err->rc;
	if ((gaps = central_run(pg, CS_GAPS, 1, v, 0, err)) == NULL) {
		PQclear(res);
		return err->rc;
	}
	st = xcalloc((size_t)PQntuples(res) + 1, sizeof *st);
	for (r = 0; r < PQntuples(res); r++) {
		s = &st[r];
		snprintf(s->site, sizeof s->site, "%s", central_val(res, r, 0));
		s->revoked = strcmp(central_val(res, r, 1), "t") == 0;
		s->applied = central_int(res, r, 2);
		s->last_seq = central_int(res, r, 3);
		/* What is known to exist beyond the last applied. */
		lag = 0;
		if (central_val(res, r, 4) != NULL)
			lag = central_int(res, r, 4) - s->last_seq;
		if (central_val(res, r, 9) != NULL)
			lag = max64(lag, central_int(res, r, 9) - s->last_seq);
		s->lag_events = max64(lag, 0);
		if (s->lag_events > 0) {
			/* Events received and waiting: the oldest's age. */
			if (central_val(res, r, 10) != NULL)
				s->lag_s = central_int(res, r, 10);
			/* Pending at the depot when it last spoke, since. */
			if (central_int(res, r, 5) > 0)
				s->lag_s = max64(s->lag_s, central_int(res, r,
				    6) + central_int(res, r, 7));
			/* Written before the heartbeat that told of it. */
			if (central_int(res, r, 4) > s->last_seq)
				s->lag_s = max64(s->lag_s, central_int(res, r,
				    7));
			s->lag_s = max64(s->lag_s, 0);
		}
		if (central_val(res, r, 8) != NULL)
			snprintf(s->last_heartbeat, sizeof s->last_heartbeat,
			    "%s", central_val(res, r, 8));
		s->quarantined = central_int(res, r, 11);
		s->applied_hour = central_int(res, r, 12);
		for (g = 0; g < PQntuples(gaps); g++) {
			if (strcmp(central_val(gaps, g, 0), s->site) != 0)
				continue;
			s->gaps = xreallocarray(s->gaps, s->ngaps + 1,
			    sizeof *s->gaps);
			s->gaps[s->ngaps][0] = central_int(gaps, g, 1);
			s->gaps[s->ngaps][1] = central_int(gaps, g, 2);
			s->ngaps++;
		}
	}
	*n = (size_t)PQntuples(res);
	*out = st;
	PQclear(res);
	PQclear(gaps);
	return 0;
}

void
central_status_free(struct central_site_status *st, size_t n)
{
	size_t i;

	for (i = 0; st != NULL && i < n; i++)
		free(st[i].gaps);
	free(st);
}

int64_t
central_per_min_x100(const struct central_site_status *s)
{
	/* Hundredths, rounded: applied in an hour * 100 / 60. */
	return (s->applied_hour * 100 + 30) / 60;
}

json_t *
central_status_json(const struct central_site_status *st, size_t n)
{
	json_t	*arr = json_array(), *o, *gaps;
	size_t	 i, g;

	for (i = 0; i < n; i++) {
		gaps = json_array();
		for (g = 0; g < st[i].ngaps; g++)
			json_array_append_new(gaps, json_pack("[II]",
			    (json_int_t)st[i].gaps[g][0],
			    (json_int_t)st[i].gaps[g][1]));
		o = json_pack("{ss sI sI sI sI so so sI so}",
		    "site", st[i].site,
		    "applied", (json_int_t)st[i].applied,
		    "last_seq", (json_int_t)st[i].last_seq,
		    "lag_events", (json_int_t)st[i].lag_events,
		    "lag_s", (json_int_t)st[i].lag_s,
		    "last_heartbeat", st[i].last_heartbeat[0] != '\0' ?
		    json_string(st[i].last_heartbeat) : json_null(),
		    "gaps", gaps,
		    "quarantined", (json_int_t)st[i].quarantined,
		    "events_per_min", json_real((double)central_per_min_x100(
		    &st[i]) / 100.0));
		json_array_append_new(arr, o);
	}
	return arr;
}

struct report *
central_status_report(const struct central_site_status *st, size_t n)
{
	static const struct report_col cols[] = {
		{ "site", N_("Site"), REPORT_STR },
		{ "applied", N_("Applied"), REPORT_INT },
		{ "last_seq", N_("Last seq"), REPORT_INT },
		{ "lag_events", N_("Lag (events)"), REPORT_INT },
		{ "lag_s", N_("Lag (s)"), REPORT_INT },
		{ "last_heartbeat", N_("Last heartbeat (UTC)"), REPORT_STR },
		{ "gaps", N_("Gaps"), REPORT_STR },
		{ "quarantined", N_("Quarantined"), REPORT_INT },
		{ "events_per_min", N_("Events/min"), REPORT_STR },
	};
	struct report	*r = report_new(cols, 9);
	struct wms_buf	 b = { 0 };
	char		 rate[32];
	int64_t		 x;
	size_t		 i, g;

	for (i = 0; i < n; i++) {
		report_row(r);
		if (st[i].revoked) {
			wms_buf_reset(&b);
			wms_buf_addf(&b, _("%s (revoked)"), st[i].site);
			report_str(r, 0, b.data);
		} else {
			report_str(r, 0, st[i].site);
		}
		report_num(r, 1, st[i].applied);
		report_num(r, 2, st[i].last_seq);
		report_num(r, 3, st[i].lag_events);
		report_num(r, 4, st[i].lag_s);
		report_str(r, 5, st[i].last_heartbeat[0] != '\0' ?
		    st[i].last_heartbeat : _("never"));
		wms_buf_reset(&b);
		for (g = 0; g < st[i].ngaps; g++)
			wms_buf_addf(&b, "%s%lld-%lld", g > 0 ? ", " : "",
			    (long long)st[i].gaps[g][0],
			    (long long)st[i].gaps[g][1]);
		report_str(r, 6, b.len > 0 ? b.data : _("none"));
		report_num(r, 7, st[i].quarantined);
		x = central_per_min_x100(&st[i]);
		snprintf(rate, sizeof rate, "%lld.%02lld", (long long)(x / 100),
		    (long long)(x % 100));
		report_str(r, 8, rate);
	}
	wms_buf_free(&b);
	return r;
}

int
central_quarantine_report(struct central_pg *pg, const char *site,
    struct report **out, struct wms_err *err)
{
	static const struct report_col cols[] = {
		{ "id", N_("Id"), REPORT_INT },
		/* A table shows it in local time (reports/render.c). */
		{ "received_at", N_("Received"), REPORT_STR },
		{ "site", N_("Site"), REPORT_STR },
		{ "subject", N_("Subject"), REPORT_STR },
		{ "msg_id", N_("Message id"), REPORT_STR },
		{ "key_id", N_("Key id"), REPORT_STR },
		{ "reason", N_("Reason"), REPORT_STR },
	};
	struct report	*r;
	PGresult	*res;
	const char	*v[1];
	int		 i, k;

	*out = NULL;
	v[0] = site;
	if ((res = central_run(pg, CS_QUARANTINE_LIST, 1, v, 0, err)) == NULL)
		return err->rc;
	r = report_new(cols, 7);
	for (i = 0; i < PQntuples(res); i++) {
		report_row(r);
		report_num(r, 0, central_int(res, i, 0));
		for (k = 1; k < 7; k++)
			report_str(r, k, central_val(res, i, k));
	}
	PQclear(res);
	*out = r;
	return 0;
}
