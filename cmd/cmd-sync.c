/* makhzan sync (the relay to the data bus) and sync status (its figures). */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include <pthread.h>

#include <nats/nats.h>

#include "bus/catalogue.h"
#include "bus/guard.h"
#include "bus/inbound.h"
#include "bus/relay.h"
#include "bus/status.h"
#include "cmd/cmd.h"
#include "core/catalogue.h"
#include "core/wms.h"
#include "data/db-inbound.h"
#include "lib/config.h"
#include "lib/json.h"
#include "lib/time.h"

static volatile sig_atomic_t sync_stop;

static void
sync_on_signal(int sig)
{
	(void)sig;
	sync_stop = 1;
}

/* One line on stderr per change of the relay's state. */
static void
sync_log(void *arg, const char *line)
{
	struct timeval	tv;
	char		at[32];

	(void)arg;
	gettimeofday(&tv, NULL);
	wms_time_iso(tv.tv_sec, (int)(tv.tv_usec / 1000), at);
	fprintf(stderr, "makhzan sync: %s %s\n", at, line);
	fflush(stderr);
}

/* A whole number from lo to hi for option name, into *out. */
static int
sync_number(struct cmd_ctx *c, const char *name, const char *s, long lo,
    long hi, int *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || end == s || v < lo || v > hi)
		return cmd_usage(c, _("--%s takes a whole number from %ld to "
		    "%ld"), name, lo, hi);
	*out = (int)v;
	return CMD_OK;
}

/*
 * A watcher beside the relay (the catalogue's, the inbound consumer), on
 * its own connections: run by --once in turn, by the daemon on a thread
 * of its own, with its own database connection.
 */
struct sync_watch {
	struct cmd_ctx		*c;
	struct bus_watch_conf	 conf;
	int			(*run)(struct sync_watch *, struct wms *);
	struct bus_cat_stats	 cat;	/* the catalogue's figures */
	struct bus_inb_stats	 inb;	/* the inbound consumer's */
	struct wms_err		 err;
	int			 rc;
};

static int
sync_run_cat(struct sync_watch *t, struct wms *w)
{
	return bus_catalogue_run(w, &t->conf, &t->cat, &t->err);
}

static int
sync_run_inb(struct sync_watch *t, struct wms *w)
{
	return bus_inbound_run(w, &t->conf, &t->inb, &t->err);
}

static void *
sync_watch_main(void *arg)
{
	struct sync_watch	*t = arg;
	struct wms		*w;

	if ((w = wms_open(t->c->db_path, &t->err)) == NULL) {
		t->rc = t->err.rc;
		sync_log(NULL, t->err.msg);
		return NULL;
	}
	t->rc = t->run(t, w);
	if (t->rc != 0)
		sync_log(NULL, t->err.msg);
	wms_close(w);
	return NULL;
}

static void
sync_watch_conf(struct cmd_ctx *c, const struct bus_relay_conf *relay,
    int (*run)(struct sync_watch *, struct wms *), struct sync_watch *t)
{
	memset(t, 0, sizeof *t);
	t->c = c;
	t->run = run;
	t->conf.nats = relay->nats;
	t->conf.centre_key = c->conf != NULL ? c->conf->bus_centre_key : NULL;
	t->conf.once = relay->once;
	t->conf.once_wait_s = relay->once_wait_s;
	t->conf.stop = &sync_stop;
	t->conf.log = sync_log;
}

static int
cmd_sync(struct cmd_ctx *c, const struct wms_args *a)
{
	struct sync_watch	 cat, inb;
	pthread_t		 cat_thread, inb_thread;
	int			 cat_running = 0, inb_running = 0;
	struct bus_relay_conf	 conf;
	struct bus_relay_stats	 stats;
	struct bus_status	 st;
	struct sigaction	 sa;
	struct wms_err		 err;
	const char		*url = wms_opt_value(a, 'n');
	char			*key;
	int			 rc;

	if (a->nargs != 0)
		return cmd_usage(c, _("sync takes no arguments (did you mean "
		    "sync status?)"));
	memset(&conf, 0, sizeof conf);
	bus_nats_conf_bus(&conf.nats, c->conf);
	if (url != NULL)
		conf.nats.urls = url;
	conf.once = wms_opt_given(a, 'o');
	if (wms_opt_value(a, 'w') != NULL && (rc = sync_number(c, "wait",
	    wms_opt_value(a, 'w'), 1, 86400, &conf.once_wait_s)) != CMD_OK)
		return rc;
	if (wms_opt_value(a, 'W') != NULL && (rc = sync_number(c, "window",
	    wms_opt_value(a, 'W'), 1, 4096, &conf.window)) != CMD_OK)
		return rc;
	if (conf.once_wait_s != 0 && !conf.once)
		return cmd_usage(c, _("--wait goes with --once"));
	key = cmd_key_path(c);
	conf.key_path = key;
	conf.stop = &sync_stop;
	conf.log = sync_log;
	/* A usage mistake is said before anything starts. */
	if ((rc = bus_relay_check(c->w, &conf, &err)) != 0) {
		free(key);
		if (rc == WMS_ERR_USAGE)
			return cmd_usage(c, "%s", err.msg);
		return cmd_fail(&err);
	}
	memset(&cat, 0, sizeof cat);
	memset(&inb, 0, sizeof inb);
	if (wms_catalogue_central()) {
		sync_watch_conf(c, &conf, sync_run_inb, &inb);
		sync_watch_conf(c, &conf, sync_run_cat, &cat);
		if (cat.conf.centre_key == NULL) {
			free(key);
			return cmd_usage(c, "%s", _("catalogue = central needs "
			    "the centre's public key: centre_key = in [bus] of "
			    "makhzan.ini (makhzan central keygen prints it)"));
		}
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = sync_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* A write to a closed TLS connection is an error, not a death. */
	signal(SIGPIPE, SIG_IGN);
	/*
	 * catalogue = central: --once catches up with the centre's bucket
	 * first; the daemon watches it on a thread of its own, with its own
	 * database connection, while the relay sends.
	 */
	/*
	 * A catalogue stuck at a change does not hold the outbox back: the
	 * events are sent all the same, and the catalogue's error is the
	 * command's.
	 */
	if (wms_catalogue_central() && conf.once) {
		if ((cat.rc = cat.run(&cat, c->w)) == 0)
			printf(_("catalogue: %lld change(s) applied, at "
			    "revision %lld\n"), (long long)cat.cat.applied,
			    (long long)cat.cat.revision);
	} else if (wms_catalogue_central()) {
		if (pthread_create(&cat_thread, NULL, sync_watch_main,
		    &cat) == 0)
			cat_running = 1;
	}
	/*
	 * Transfers from other sites, forwarded by the centre: after the
	 * catalogue (the depots and items they name), before the relay (which
	 * sends the documents they make up to the centre).
	 */
	if (wms_catalogue_central() && conf.once) {
		if ((inb.rc = inb.run(&inb, c->w)) == 0) {
			printf(_("inbound: %lld transfer message(s) from other "
			    "sites applied, %lld seen again, %lld refused\n"),
			    (long long)inb.inb.applied,
			    (long long)inb.inb.again,
			    (long long)inb.inb.refused);
			if (inb.inb.refused > 0)
				fprintf(stderr, "makhzan: %s\n",
				    inb.inb.last_refused);
		}
	} else if (wms_catalogue_central()) {
		if (pthread_create(&inb_thread, NULL, sync_watch_main,
		    &inb) == 0)
			inb_running = 1;
	}
	rc = bus_relay_run(c->w, &conf, &stats, &err);
	if (cat_running || inb_running) {
		/* The relay ended: the watchers end with it. */
		sync_stop = 1;
		if (cat_running)
			pthread_join(cat_thread, NULL);
		if (inb_running)
			pthread_join(inb_thread, NULL);
	}
	free(key);
	nats_Close();
	if (rc != 0)
		return cmd_fail(&err);
	if (conf.once) {
		if (bus_status_read(c->w, &st, &err) != 0)
			return cmd_fail(&err);
		printf(_("sent %lld events (%lld messages); %lld waiting\n"),
		    (long long)stats.events, (long long)stats.messages,
		    (long long)st.pending);
		if (cat.rc != 0)
			return cmd_fail(&cat.err);
		if (inb.rc != 0)
			return cmd_fail(&inb.err);
		if (inb.inb.refused > 0)
			return CMD_FAIL;
	}
	return CMD_OK;
}

/* "2 h 5 min", "3 min 20 s", "12 s": an age in words. */
static void
sync_age(int64_t s, char *out, size_t n)
{
	if (s >= 86400)
		snprintf(out, n, _("%lld d %lld h"), (long long)(s / 86400),
		    (long long)(s % 86400 / 3600));
	else if (s >= 3600)
		snprintf(out, n, _("%lld h %lld min"), (long long)(s / 3600),
		    (long long)(s % 3600 / 60));
	else if (s >= 60)
		snprintf(out, n, _("%lld min %lld s"), (long long)(s / 60),
		    (long long)(s % 60));
	else
		snprintf(out, n, _("%lld s"), (long long)s);
}

/* A stored UTC time with its offset for JSON, or null. */
static json_t *
sync_when(const char *at)
{
	char t[64];

	if (*at == '\0')
		return json_null();
	wms_time_offset(at, t, sizeof t);
	return json_string(t);
}

/* The messages from other sites (transfers between sites), for JSON. */
static json_t *
sync_inbound_json(const struct db_inb_status *in)
{
	return json_pack("{sI sI sI so so so so sI so}", "shipments",
	    (json_int_t)in->shipments, "receipts", (json_int_t)in->receipts,
	    "in_transit", (json_int_t)in->in_transit, "last_applied",
	    sync_when(in->last_applied), "waiting",
	    wms_json_opt(in->waiting[0] != '\0' ? in->waiting : NULL),
	    "waiting_since", sync_when(in->waiting_since), "last_refused",
	    wms_json_opt(in->last_refused[0] != '\0' ? in->last_refused :
	    NULL), "refused", (json_int_t)in->refused, "last_refused_at",
	    sync_when(in->last_refused_at));
}

/* The same in words, after the relay's and the catalogue's lines. */
static void
sync_inbound_text(const struct db_inb_status *in)
{
	char t[64];

	if (in->last_applied[0] != '\0') {
		wms_time_local(in->last_applied, t, sizeof t);
		printf(_("inbound applied:    %lld shipment(s) and %lld "
		    "receipt(s) from other sites (the last %s)\n"),
		    (long long)in->shipments, (long long)in->receipts, t);
	} else {
		printf(_("inbound applied:    none from other sites\n"));
	}
	printf(_("inbound in transit: %lld shipment(s) from other sites to "
	    "receive here\n"), (long long)in->in_transit);
	if (in->waiting[0] != '\0') {
		wms_time_local(in->waiting_since, t, sizeof t);
		printf(_("inbound waiting:    %s (since %s)\n"), in->waiting, t);
	} else {
		printf(_("inbound waiting:    none\n"));
	}
	if (in->refused > 0) {
		wms_time_local(in->last_refused_at, t, sizeof t);
		printf(_("inbound refused:    %lld, the last at %s: %s\n"),
		    (long long)in->refused, t, in->last_refused);
	} else {
		printf(_("inbound refused:    none\n"));
	}
}

static int
cmd_sync_status(struct cmd_ctx *c, const struct wms_args *a)
{
	const char		*format = wms_opt_value(a, 'f');
	struct db_cat_state	 cs;
	struct db_inb_status	 in;
	struct bus_status	 st;
	struct wms_err		 err;
	char			 t[64], age[64], *text;
	int64_t			 rate;
	json_t			*o;

	if (a->nargs != 0)
		return cmd_usage(c, _("sync status takes no arguments"));
	if (format != NULL && strcmp(format, "json") != 0 &&
	    strcmp(format, "table") != 0)
		return cmd_usage(c, _("unknown format \"%s\": table or json"),
		    format);
	if (wms_require(c->w, WMS_PERM_READ, &err) != 0 ||
	    bus_status_read(c->w, &st, &err) != 0)
		return cmd_fail(&err);
	rate = BUS_STATUS_RATE_X100(&st);
	if (format != NULL && strcmp(format, "json") == 0) {
		if (st.last_ack[0] != '\0')
			wms_time_offset(st.last_ack, t, sizeof t);
		o = json_pack("{sI sI so sf so sI sI}", "pending",
		    (json_int_t)st.pending, "oldest_pending_s",
		    (json_int_t)st.oldest_pending_s, "last_ack",
		    st.last_ack[0] != '\0' ? json_string(t) : json_null(),
		    "events_per_min", (double)rate / 100.0, "last_error",
		    wms_json_opt(st.last_error), "last_seq",
		    (json_int_t)st.last_seq, "acked_seq",
		    (json_int_t)st.acked_seq);
		if (wms_catalogue_central() &&
		    wms_catalogue_state(c->w, &cs, &err) == 0) {
			json_object_set_new(o, "catalogue_revision",
			    json_integer((json_int_t)cs.revision));
			json_object_set_new(o, "catalogue_error",
			    wms_json_opt(cs.last_error[0] != '\0' ?
			    cs.last_error : NULL));
		}
		if (db_inb_status(wms_db(c->w), &in, &err) != 0) {
			json_decref(o);
			return cmd_fail(&err);
		}
		json_object_set_new(o, "inbound", sync_inbound_json(&in));
		/* jansson, with the rate's digits as they are (4.5, 0.07). */
		text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS |
		    JSON_REAL_PRECISION(12));
		printf("%s\n", text);
		free(text);
		json_decref(o);
		return CMD_OK;
	}
	sync_age(st.oldest_pending_s, age, sizeof age);
	if (st.pending > 0)
		printf(_("events waiting:     %lld (the oldest for %s)\n"),
		    (long long)st.pending, age);
	else
		printf(_("events waiting:     none\n"));
	if (st.last_ack[0] != '\0') {
		wms_time_local(st.last_ack, t, sizeof t);
		printf(_("last acknowledged:  %s\n"), t);
	} else {
		printf(_("last acknowledged:  never\n"));
	}
	printf(_("events per minute:  %lld.%02lld (over the last hour)\n"),
	    (long long)(rate / 100), (long long)(rate % 100));
	if (st.last_error[0] != '\0') {
		wms_time_local(st.last_error_at, t, sizeof t);
		printf(_("last error:         %s (since %s)\n"), st.last_error,
		    t);
	} else {
		printf(_("last error:         none\n"));
	}
	if (wms_catalogue_central() &&
	    wms_catalogue_state(c->w, &cs, &err) == 0) {
		if (cs.applied_at[0] != '\0')
			wms_time_local(cs.applied_at, t, sizeof t);
		printf(_("catalogue:          revision %lld from the centre "
		    "(last applied %s)\n"), (long long)cs.revision,
		    cs.applied_at[0] != '\0' ? t : _("never"));
		if (cs.last_error[0] != '\0')
			printf(_("catalogue error:    %s\n"), cs.last_error);
	}
	if (db_inb_status(wms_db(c->w), &in, &err) != 0)
		return cmd_fail(&err);
	sync_inbound_text(&in);
	return CMD_OK;
}

/* makhzan sync renumber: after a restore, past what the bus holds. */
static int
cmd_sync_renumber(struct cmd_ctx *c, const struct wms_args *a)
{
	struct bus_nats_conf	 nc;
	struct bus_guard	 g;
	struct wms_err		 err;
	const char		*url = wms_opt_value(a, 'n');
	int64_t			 moved;

	if (a->nargs != 0)
		return cmd_usage(c, _("sync renumber takes no arguments"));
	bus_nats_conf_bus(&nc, c->conf);
	if (url != NULL)
		nc.urls = url;
	if (nc.urls == NULL || *nc.urls == '\0')
		return cmd_usage(c, _("no bus server: give --nats URL or nats "
		    "= in [bus] of makhzan.ini"));
	if (bus_renumber(c->w, &nc, &g, &moved, &err) != 0) {
		nats_Close();
		return cmd_fail(&err);
	}
	nats_Close();
	if (g.bus_seq <= g.restored_seq) {
		printf(_("nothing to renumber: the bus holds this site's events "
		    "up to %lld, no further than the backup (%lld); the relay "
		    "goes on from there\n"), (long long)g.bus_seq,
		    (long long)g.restored_seq);
		return CMD_OK;
	}
	if (moved == 0) {
		printf(_("renumbered: the bus holds this site's events up to "
		    "%lld; %lld to %lld were sent before the restore and are "
		    "not in this database (the centre has them); the next "
		    "event is %lld\n"), (long long)g.bus_seq,
		    (long long)g.restored_seq + 1, (long long)g.bus_seq,
		    (long long)g.bus_seq + 1);
		return CMD_OK;
	}
	printf(_("renumbered: the bus holds this site's events up to %lld; "
	    "%lld to %lld were sent before the restore and are not in this "
	    "database (the centre has them); the %lld events written since "
	    "the restore are now %lld to %lld\n"), (long long)g.bus_seq,
	    (long long)g.restored_seq + 1, (long long)g.bus_seq,
	    (long long)moved, (long long)g.bus_seq + 1,
	    (long long)(g.bus_seq + moved));
	return CMD_OK;
}

static const struct wms_opt renumber_opts[] = {
	{ .name = "nats", .key = 'n', .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

static const struct wms_opt sync_opts[] = {
	{ .name = "once", .key = 'o' },
	{ .name = "nats", .key = 'n', .flags = WMS_OPT_VALUE },
	{ .name = "wait", .key = 'w', .flags = WMS_OPT_VALUE },
	{ .name = "window", .key = 'W', .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

static const struct wms_opt status_opts[] = {
	CMD_OPT_FORMAT,
	{ .name = NULL }
};

const struct cmd_entry cmd_sync_entry = {
	.name = "sync",
	.usage = "[--once [--wait SECONDS]] [--nats URL] [--window N]",
	.summary = N_("Send the outbox to the data bus, signed, until "
	    "stopped (SIGTERM); --once drains it and exits."),
	.opts = sync_opts,
	.flags = CMD_NEEDS_DB,
	.exec = cmd_sync,
};

const struct cmd_entry cmd_sync_status_entry = {
	.group = "sync",
	.name = "status",
	.usage = "[--format table|json]",
	.summary = N_("What waits for the data bus, the last "
	    "acknowledgement, the rate and the last error."),
	.opts = status_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_sync_status,
};

const struct cmd_entry cmd_sync_renumber_entry = {
	.group = "sync",
	.name = "renumber",
	.usage = "[--nats URL]",
	.summary = N_("After a restore from an older backup: put the events "
	    "written since after the last one the bus holds (admin)."),
	.opts = renumber_opts,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_sync_renumber,
};
