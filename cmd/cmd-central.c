/* makhzan central: the ministry's consumer, its setup, sites and indicators. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central/consumer.h"
#include "central/metrics.h"
#include "central/national.h"
#include "central/pg.h"
#include "central/setup.h"
#include "central/sites.h"
#include "central/status.h"
#include "central/stock.h"
#include "cmd/cmd.h"
#include "core/wms.h"
#include "data/db-digest.h"
#include "lib/config.h"
#include "lib/json.h"

/* Option keys of the central commands. */
enum {
	KEY_NATS = 'N',
	KEY_PG = 'G',
	KEY_SITE = 's',
	KEY_KEY = 'k',
	KEY_REPLICAS = 'r',
	KEY_METRICS = 'm',
	KEY_BATCH = 'b',
};

#define OPT_NATS	{ .name = "nats", .key = KEY_NATS, .flags = WMS_OPT_VALUE }
#define OPT_PG		{ .name = "pg", .key = KEY_PG, .flags = WMS_OPT_VALUE }
#define OPT_SITE	{ .name = "site", .key = KEY_SITE, .flags = WMS_OPT_VALUE }
#define OPT_END		{ .name = NULL }

/* The centre's PostgreSQL: --pg, else [central] pg, else libpq's PG*. */
static const char *
central_conninfo(struct cmd_ctx *c, const struct wms_args *a)
{
	return central_pg_conninfo(wms_opt_value(a, KEY_PG),
	    c->conf != NULL ? c->conf->central_pg : NULL);
}

/* Connect, checking the schema unless flags say otherwise. */
static int
central_open(struct cmd_ctx *c, const struct wms_args *a, int flags,
    struct central_pg **pg)
{
	struct wms_err err;

	if (central_pg_open(central_conninfo(c, a), flags, pg, &err) != 0)
		return cmd_fail(&err);
	return CMD_OK;
}

/* The bus as [central] says, with --nats for the servers. */
static void
central_nats(struct cmd_ctx *c, const struct wms_args *a,
    struct bus_nats_conf *n)
{
	struct wms_config none;

	memset(&none, 0, sizeof none);
	bus_nats_conf_central(n, c->conf != NULL ? c->conf : &none);
	if (wms_opt_value(a, KEY_NATS) != NULL)
		n->urls = wms_opt_value(a, KEY_NATS);
}

static int
cmd_central_setup(struct cmd_ctx *c, const struct wms_args *a)
{
	struct central_setup_info	 info;
	struct bus_nats_conf		 n;
	struct central_pg		*pg;
	struct bus_conn			*bus;
	struct wms_err			 err;
	const char			*rep;
	int				 rc, from, to, replicas;

	if (a->nargs != 0)
		return cmd_usage(c, _("unexpected argument %s"), a->args[0]);
	rep = wms_opt_value(a, KEY_REPLICAS);
	if (rep == NULL && c->conf != NULL)
		rep = c->conf->central_replicas;
	if (rep == NULL)
		rep = "1";
	if (strcmp(rep, "1") != 0 && strcmp(rep, "3") != 0)
		return cmd_usage(c, _("replicas are 1 or 3, not %s"), rep);
	replicas = cmd_replicas(rep);
	central_nats(c, a, &n);
	if (n.urls == NULL)
		return cmd_usage(c, _("no bus server: give --nats URL or nats = "
		    "in [central] of makhzan.ini"));
	/* Both servers first: a failure prints its one line and nothing else. */
	if ((rc = central_open(c, a, CENTRAL_PG_ANY_SCHEMA, &pg)) != CMD_OK)
		return rc;
	n.name = "makhzan-central-setup";
	if (bus_connect(&n, &bus, &err) != 0) {
		central_pg_close(pg);
		return cmd_fail(&err);
	}
	if (central_setup_stream(bus, replicas, &info, &err) != 0 ||
	    central_pg_migrate(pg, &from, &to, &err) != 0) {
		bus_close(bus);
		central_pg_close(pg);
		return cmd_fail(&err);
	}
	if (from == to)
		printf(_("central database (%s): schema %d, up to date\n"),
		    central_pg_where(pg), to);
	else
		printf(_("central database (%s): schema %d made (it was %d)\n"),
		    central_pg_where(pg), to, from);
	central_pg_close(pg);
	if (info.stream_created)
		printf(_("stream MAKHZAN_EVENTS at %s: made, subjects "
		    "makhzan.*.events.>, file storage, %d replica(s), "
		    "duplicates dropped for 1 h\n"), bus_conn_url(bus),
		    info.replicas);
	else
		printf(_("stream MAKHZAN_EVENTS at %s: there%s, %d replica(s), "
		    "%llu messages\n"), bus_conn_url(bus), info.stream_updated ?
		    _(" (replicas changed)") : "", info.replicas,
		    (unsigned long long)info.msgs);
	if (info.consumer_created)
		printf(_("consumer CENTRAL: made (durable, pull, explicit "
		    "acknowledgement after %d s)\n"), CENTRAL_ACK_WAIT_S);
	else
		printf(_("consumer CENTRAL: there, %llu messages to deliver, "
		    "%lld delivered and not acknowledged\n"),
		    (unsigned long long)info.pending,
		    (long long)info.ack_pending);
	bus_close(bus);
	return CMD_OK;
}

static volatile sig_atomic_t central_stop;

static void
central_on_signal(int sig)
{
	(void)sig;
	central_stop = 1;
}

static void
central_log(const char *line, void *arg)
{
	(void)arg;
	fprintf(stderr, "%s\n", line);
	fflush(stderr);
}

static int
cmd_central(struct cmd_ctx *c, const struct wms_args *a)
{
	struct central_run_opts	 o;
	struct sigaction	 sa;
	struct wms_err		 err;
	const char		*v;
	char			*end;
	long			 batch = 0;

	if (a->nargs != 0) {
		fprintf(stderr, "makhzan: %s central %s\n",
		    _("unknown command"), a->args[0]);
		fprintf(stderr, "%s: makhzan central [setup|status|quarantine|"
		    "sites] ...\n", _("usage"));
		return CMD_USAGE;
	}
	if ((v = wms_opt_value(a, KEY_BATCH)) != NULL) {
		batch = strtol(v, &end, 10);
		if (*end != '\0' || batch < 1 || batch > 4096)
			return cmd_usage(c, _("--batch takes 1 to 4096"));
	}
	memset(&o, 0, sizeof o);
	central_nats(c, a, &o.nats);
	if (o.nats.urls == NULL)
		return cmd_usage(c, _("no bus server: give --nats URL or nats = "
		    "in [central] of makhzan.ini"));
	o.conninfo = central_conninfo(c, a);
	o.metrics = wms_opt_value(a, KEY_METRICS);
	if (o.metrics == NULL && c->conf != NULL)
		o.metrics = c->conf->central_metrics;
	if (o.metrics != NULL && !central_metrics_addr_ok(o.metrics))
		return cmd_usage(c, _("--metrics takes ADDR:PORT "
		    "(127.0.0.1:9464, [::1]:9464 or :9464), not %s"), o.metrics);
	o.batch = (int)batch;
	o.log = central_log;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = central_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (central_consume(&o, &central_stop, &err) != 0)
		return cmd_fail(&err);
	return CMD_OK;
}

static int
cmd_central_status(struct cmd_ctx *c, const struct wms_args *a)
{
	struct central_site_status	*st;
	struct central_pg		*pg;
	struct wms_err			 err;
	const char			*fmt = wms_opt_value(a, 'f');
	json_t				*j;
	char				*text;
	size_t				 n;
	int				 rc;

	if (a->nargs != 0)
		return cmd_usage(c, _("unexpected argument %s"), a->args[0]);
	if (fmt != NULL && report_format_parse(fmt) < 0)
		return cmd_usage(c, _("unknown format \"%s\": table, csv or "
		    "json"), fmt);
	if ((rc = central_open(c, a, 0, &pg)) != CMD_OK)
		return rc;
	rc = central_status(pg, wms_opt_value(a, KEY_SITE), &st, &n, &err);
	central_pg_close(pg);
	if (rc != 0)
		return cmd_fail(&err);
	if (fmt != NULL && report_format_parse(fmt) == REPORT_JSON) {
		j = central_status_json(st, n);
		text = json_dumps(j, JSON_INDENT(2) | JSON_REAL_PRECISION(12));
		printf("%s\n", text);
		free(text);
		json_decref(j);
		rc = CMD_OK;
	} else {
		rc = cmd_report(c, central_status_report(st, n), fmt);
	}
	central_status_free(st, n);
	return rc;
}

static int
cmd_central_quarantine(struct cmd_ctx *c, const struct wms_args *a)
{
	struct central_pg	*pg;
	struct report		*r;
	struct wms_err		 err;
	int			 rc;

	if (a->nargs != 0)
		return cmd_usage(c, _("unexpected argument %s"), a->args[0]);
	if ((rc = central_open(c, a, 0, &pg)) != CMD_OK)
		return rc;
	rc = central_quarantine_report(pg, wms_opt_value(a, KEY_SITE), &r,
	    &err);
	central_pg_close(pg);
	return cmd_report_out(c, rc, &r, &err, wms_opt_value(a, 'f'));
}

static int
cmd_central_sites(struct cmd_ctx *c, const struct wms_args *a)
{
	struct central_site_added	 added;
	struct central_pg		*pg;
	struct report			*r;
	struct wms_err			 err;
	const char			*what, *key = wms_opt_value(a, KEY_KEY);
	int				 rc, keys, already;

	if (a->nargs < 1)
		return cmd_usage(c, _("give add, list or revoke"));
	what = a->args[0];
	if (strcmp(what, "add") == 0) {
		if (a->nargs != 2 || key == NULL)
			return cmd_usage(c, _("give SITE --key PUBKEY"));
	} else if (strcmp(what, "revoke") == 0) {
		if (a->nargs != 2)
			return cmd_usage(c, _("give SITE [--key KEYID]"));
	} else if (strcmp(what, "list") == 0) {
		if (a->nargs != 1)
			return cmd_usage(c, _("unexpected argument %s"),
			    a->args[1]);
	} else {
		return cmd_usage(c, _("unknown sites command %s: add, list or "
		    "revoke"), what);
	}
	if ((rc = central_open(c, a, 0, &pg)) != CMD_OK)
		return rc;
	if (strcmp(what, "list") == 0) {
		rc = central_sites_report(pg, &r, &err);
		central_pg_close(pg);
		return cmd_report_out(c, rc, &r, &err, wms_opt_value(a, 'f'));
	}
	if (strcmp(what, "add") == 0) {
		rc = central_site_add(pg, a->args[1], key, &added, &err);
		central_pg_close(pg);
		if (rc != 0)
			return cmd_fail(&err);
		if (added.already)
			printf(_("key %s is registered for %s already\n"),
			    added.key_id, a->args[1]);
		else if (added.reinstated)
			printf(_("site %s reinstated with key %s (its old keys "
			    "stay revoked)\n"), a->args[1], added.key_id);
		else if (added.site_created)
			printf(_("site %s registered with key %s\n"),
			    a->args[1], added.key_id);
		else
			printf(_("key %s added to site %s\n"), added.key_id,
			    a->args[1]);
		return CMD_OK;
	}
	rc = central_site_revoke(pg, a->args[1], key, &keys, &already, &err);
	central_pg_close(pg);
	if (rc != 0)
		return cmd_fail(&err);
	if (key != NULL)
		printf(already ? _("key %s of %s was revoked already\n") :
		    _("key %s of %s revoked: its events are quarantined from "
		    "now on\n"), key, a->args[1]);
	else if (already)
		printf(_("site %s was revoked already\n"), a->args[1]);
	else
		printf(_("site %s revoked with %d key(s): its events are "
		    "quarantined from now on\n"), a->args[1], keys);
	return CMD_OK;
}

int
cmd_central_stock(struct cmd_ctx *c, const struct wms_args *a)
{
	struct central_pg	*pg;
	struct report		*r;
	struct wms_err		 err;
	int			 rc;

	if (a->nargs != 0)
		return cmd_usage(c, _("unexpected argument %s"), a->args[0]);
	if (central_pg_open(c->central, 0, &pg, &err) != 0)
		return cmd_fail(&err);
	rc = central_stock_report(pg, wms_opt_value(a, KEY_SITE),
	    wms_opt_value(a, 'D'), wms_opt_value(a, 'O'),
	    wms_opt_value(a, 'I'), &r, &err);
	central_pg_close(pg);
	return cmd_report_out(c, rc, &r, &err, wms_opt_value(a, 'f'));
}

int
cmd_central_ledger(struct cmd_ctx *c, const char *item, const char *site,
    const char *depot, const char *format)
{
	struct central_pg	*pg;
	struct report		*r;
	struct wms_err		 err;
	int			 rc;

	if (central_pg_open(c->central, 0, &pg, &err) != 0)
		return cmd_fail(&err);
	rc = central_ledger_report(pg, item, site, depot, &r, &err);
	central_pg_close(pg);
	return cmd_report_out(c, rc, &r, &err, format);
}

int
cmd_central_pending(struct cmd_ctx *c, const char *site, const char *depot,
    const char *format)
{
	struct central_pg	*pg;
	struct report		*r;
	struct wms_err		 err;
	int			 rc, table;

	if (central_pg_open(c->central, 0, &pg, &err) != 0)
		return cmd_fail(&err);
	table = format == NULL || strcmp(format, "table") == 0;
	rc = central_pending_report(pg, site, depot, table, &r, &err);
	central_pg_close(pg);
	if (rc != 0)
		return cmd_fail(&err);
	if (table && report_nrows(r) == 0) {
		report_free(r);
		printf("%s\n", _("nothing in transit"));
		return CMD_OK;
	}
	return cmd_report(c, r, format);
}

static void
ncheck_found(const char *line, void *arg)
{
	int *n = arg;

	printf("%s: %s\n", _("PROBLEM"), line);
	(*n)++;
}

static int
cmd_central_check(struct cmd_ctx *c, const struct wms_args *a)
{
	struct central_pg	*pg;
	struct wms_err		 err;
	int64_t			 transfers, items;
	int			 rc, found = 0;

	if (a->nargs != 0)
		return cmd_usage(c, _("unexpected argument %s"), a->args[0]);
	if ((rc = central_open(c, a, 0, &pg)) != CMD_OK)
		return rc;
	rc = central_national_check(pg, ncheck_found, &found, &transfers,
	    &items, &err);
	central_pg_close(pg);
	if (rc != 0)
		return cmd_fail(&err);
	if (found > 0) {
		printf(_("central check: %d problem(s) in %lld transfer(s) and "
		    "%lld item(s)\n"), found, (long long)transfers,
		    (long long)items);
		return CMD_FAIL;
	}
	printf(_("central check: %lld transfer(s) and %lld item(s) agree: "
	    "shipped = received + in transit, every sum zero, every balance "
	    "its movements\n"), (long long)transfers, (long long)items);
	return CMD_OK;
}

static int
check_feed(const struct db_digest_move *m, void *arg)
{
	central_check_depot(arg, m->number, m->last_seq, m->item, m->lot,
	    m->from, m->to, m->qty, m->value);
	return 0;
}

static void
check_found(const char *line, void *arg)
{
	int *n = arg;

	printf("%s: %s\n", _("DIFFERS"), line);
	(*n)++;
}

int
cmd_check_central(struct cmd_ctx *c, const char *conninfo)
{
	struct central_check_counts	 k;
	struct central_check		*chk;
	struct central_pg		*pg;
	struct wms_err			 err;
	int				 rc, found = 0;

	if (wms_require(c->w, WMS_PERM_READ, &err) != 0)
		return cmd_fail(&err);
	if (central_pg_open(conninfo, 0, &pg, &err) != 0)
		return cmd_fail(&err);
	chk = central_check_new();
	rc = db_digest_each(wms_db(c->w), check_feed, chk, &err);
	if (rc == 0)
		rc = central_check_run(chk, pg, wms_site(c->w), check_found,
		    &found, &k, &err);
	central_check_free(chk);
	central_pg_close(pg);
	if (rc != 0)
		return cmd_fail(&err);
	printf(_("%lld documents of %s compared with the centre: %lld differ, "
	    "%lld missing at the centre, %lld missing here; %lld not compared "
	    "(their events are not applied at the centre yet)\n"),
	    (long long)k.compared, wms_site(c->w), (long long)k.differ,
	    (long long)k.missing_centre, (long long)k.missing_here,
	    (long long)k.not_yet);
	return found > 0 ? CMD_FAIL : CMD_OK;
}

static const struct wms_opt central_opts[] = {
	OPT_NATS, OPT_PG,
	{ .name = "metrics", .key = KEY_METRICS, .flags = WMS_OPT_VALUE },
	{ .name = "batch", .key = KEY_BATCH, .flags = WMS_OPT_VALUE },
	OPT_END
};

static const struct wms_opt setup_opts[] = {
	OPT_NATS, OPT_PG,
	{ .name = "replicas", .key = KEY_REPLICAS, .flags = WMS_OPT_VALUE },
	OPT_END
};

static const struct wms_opt listing_opts[] = {
	OPT_NATS, OPT_PG, OPT_SITE, CMD_OPT_FORMAT, OPT_END
};

static const struct wms_opt sites_opts[] = {
	OPT_NATS, OPT_PG,
	{ .name = "key", .key = KEY_KEY, .flags = WMS_OPT_VALUE },
	CMD_OPT_FORMAT,
	OPT_END
};

const struct cmd_entry cmd_central_entry = {
	.name = "central",
	.usage = "[--nats URL] [--pg CONNINFO] [--metrics ADDR:PORT] "
	    "[--batch N]",
	.summary = N_("The ministry's consumer: events from the bus into "
	    "PostgreSQL, verified, in order, once."),
	.opts = central_opts,
	.flags = 0,
	.exec = cmd_central,
};

const struct cmd_entry cmd_central_setup_entry = {
	.group = "central",
	.name = "setup",
	.usage = "[--nats URL] [--pg CONNINFO] [--replicas 1|3]",
	.summary = N_("Make the central schema, the stream and its consumer, "
	    "or say what is there."),
	.opts = setup_opts,
	.flags = 0,
	.exec = cmd_central_setup,
};

static const struct wms_opt check_opts[] = {
	OPT_NATS, OPT_PG, OPT_END
};

const struct cmd_entry cmd_central_check_entry = {
	.group = "central",
	.name = "check",
	.usage = "[--pg CONNINFO]",
	.summary = N_("Check the nation at the centre: per transfer, shipped "
	    "= received + in transit by item and lot; every item sums to "
	    "zero; every balance is its movements."),
	.opts = check_opts,
	.flags = 0,
	.exec = cmd_central_check,
};

const struct cmd_entry cmd_central_status_entry = {
	.group = "central",
	.name = "status",
	.usage = "[--site S] [--pg CONNINFO] [--format table|csv|json]",
	.summary = N_("Per site: applied, last sequence, lag, heartbeat, "
	    "gaps, quarantined, events per minute."),
	.opts = listing_opts,
	.flags = 0,
	.exec = cmd_central_status,
};

const struct cmd_entry cmd_central_quarantine_entry = {
	.group = "central",
	.name = "quarantine",
	.usage = "[--site S] [--pg CONNINFO] [--format table|csv|json]",
	.summary = N_("What was quarantined at the centre, and why."),
	.opts = listing_opts,
	.flags = 0,
	.exec = cmd_central_quarantine,
};

const struct cmd_entry cmd_central_sites_entry = {
	.group = "central",
	.name = "sites",
	.usage = "add SITE --key PUBKEY | list [--format table|csv|json] | "
	    "revoke SITE [--key KEYID]   [--pg CONNINFO]",
	.summary = N_("Register the sites and the keys they sign with, list "
	    "them, revoke them."),
	.opts = sites_opts,
	.flags = 0,
	.exec = cmd_central_sites,
};
