/* The national catalogue: changes at the centre, its key, publishing. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bus/sign.h"
#include "central/catalogue.h"
#include "central/forward.h"
#include "central/pg.h"
#include "cmd/cmd-catalogue.h"
#include "core/catalogue.h"
#include "core/qty.h"
#include "bus/catalogue.h"
#include "bus/watch.h"
#include "core/wms.h"
#include "lib/time.h"
#include "lib/config.h"
#include "lib/xmalloc.h"

enum {
	KEY_NATS = 'N',
	KEY_PG = 'G',
	KEY_KEYFILE = 'K',
	KEY_WATCH = 'w',
	KEY_EVERY = 'e',
};

int
cmd_cat_mode(const struct wms_config *conf)
{
	const char *v = conf->bus_catalogue;

	if (v != NULL && strcmp(v, "local") != 0 && strcmp(v, "central") != 0) {
		fprintf(stderr, "makhzan: %s\n", _("catalogue = in [bus] of "
		    "makhzan.ini is local or central"));
		return CMD_USAGE;
	}
	wms_catalogue_set_central(v != NULL && strcmp(v, "central") == 0);
	/* A depot on a bus keeping its own catalogue tells the centre. */
	wms_catalogue_set_events(conf->bus_nats != NULL &&
	    *conf->bus_nats != '\0' && !wms_catalogue_central());
	return CMD_OK;
}

int
cmd_cat_open(struct cmd_ctx *c, struct central_pg **pg)
{
	struct wms_err err;

	if (central_pg_open(c->central, 0, pg, &err) != 0)
		return cmd_fail(&err);
	return CMD_OK;
}

/* The bus and key of [central], with --nats for the servers. */
static int
cat_publish(struct cmd_ctx *c, struct central_pg *pg, const char *urls,
    int *n, struct wms_err *err)
{
	struct bus_nats_conf	 nc;
	struct wms_config	 none;
	const struct wms_config	*conf = c->conf;

	if (conf == NULL) {
		memset(&none, 0, sizeof none);
		conf = &none;
	}
	bus_nats_conf_central(&nc, conf);
	if (urls != NULL)
		nc.urls = urls;
	return central_cat_publish(pg, &nc, conf->central_sign_key,
	    cmd_replicas(conf->central_replicas), n, err);
}

int
cmd_cat_done(struct cmd_ctx *c, struct central_pg *pg)
{
	struct wms_err	err;
	int		n, rc;

	rc = cat_publish(c, pg, NULL, &n, &err);
	central_pg_close(pg);
	if (rc != 0) {
		fprintf(stderr, _("makhzan: saved at the centre, not yet sent "
		    "to the depots: %s (makhzan central publish sends it)\n"),
		    err.msg);
		return CMD_FAIL;
	}
	return CMD_OK;
}

int
cmd_cat_item_add(struct cmd_ctx *c, const struct db_item *it)
{
	struct central_pg	*pg;
	struct wms_err		 err;
	int			 rc;

	/* Bad input is refused before anything is reached. */
	if (wms_item_check(it, &err) != 0)
		return cmd_fail(&err);
	if ((rc = cmd_cat_open(c, &pg)) != CMD_OK)
		return rc;
	if (central_cat_item_add(pg, it, &err) != 0) {
		central_pg_close(pg);
		return cmd_fail(&err);
	}
	printf(_("item %s added to the national catalogue\n"), it->code);
	return cmd_cat_done(c, pg);
}

int
cmd_cat_unit_add(struct cmd_ctx *c, const char *item, const char *unit,
    int64_t factor)
{
	struct central_pg	*pg;
	struct wms_err		 err;
	int			 rc;

	if (wms_unit_check(unit, factor, &err) != 0)
		return cmd_fail(&err);
	if ((rc = cmd_cat_open(c, &pg)) != CMD_OK)
		return rc;
	if (central_cat_unit_add(pg, item, unit, factor, &err) != 0) {
		central_pg_close(pg);
		return cmd_fail(&err);
	}
	printf(_("unit %s of %s added to the national catalogue\n"), unit,
	    item);
	return cmd_cat_done(c, pg);
}

int
cmd_cat_named_add(struct cmd_ctx *c, const struct wms_args *a, int depot)
{
	const char		*ar = wms_opt_value(a, 'a');
	const char		*en = wms_opt_value(a, 'e');
	const char		*site = wms_opt_value(a, 'S');
	struct central_pg	*pg;
	struct wms_err		 err;
	int			 rc;

	if (a->nargs != 1 || ar == NULL || en == NULL)
		return cmd_usage(c, _("give CODE, --name-ar and --name-en"));
	if (depot && site == NULL)
		return cmd_usage(c, _("give --site SITE: the site whose server "
		    "holds the depot"));
	if ((depot && ((rc = wms_depot_check(a->args[0], ar, en, &err)) != 0 ||
	    (rc = central_cat_site_check(site, &err)) != 0)) ||
	    (!depot && (rc = wms_cc_check(a->args[0], ar, en, &err)) != 0))
		return cmd_fail(&err);
	if ((rc = cmd_cat_open(c, &pg)) != CMD_OK)
		return rc;
	rc = depot ? central_cat_depot_add(pg, a->args[0], ar, en, site, &err) :
	    central_cat_cc_add(pg, a->args[0], ar, en, &err);
	if (rc != 0) {
		central_pg_close(pg);
		return cmd_fail(&err);
	}
	if (depot)
		printf(_("depot %s of site %s added to the national "
		    "catalogue\n"), a->args[0], site);
	else
		printf(_("cost centre %s added to the national catalogue\n"),
		    a->args[0]);
	return cmd_cat_done(c, pg);
}

/* A whole number of days for --shelf-life, as item add takes it. */
static int
cat_days(const char *s, int *out, struct wms_err *err)
{
	char	*end;
	long	 v;

	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 1 || v > 36500)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("bad shelf life \"%s\": days from 1 to 36500"), s);
	*out = (int)v;
	return 0;
}

static int
cmd_item_edit(struct cmd_ctx *c, const struct wms_args *a)
{
	struct central_cat_edit	 e;
	struct central_pg	*pg;
	struct wms_err		 err;
	const char		*v;
	int			 i, rc = CMD_OK, any = 0;

	if (c->central == NULL)
		return cmd_usage(c, _("item edit changes the national "
		    "catalogue: give --central CONNINFO"));
	memset(&e, 0, sizeof e);
	e.min = e.max = -1;
	e.shelf_life = e.weighed = -1;
	for (i = 0; i < a->nopts; i++) {
		v = a->opts[i].value;
		any = 1;
		switch (a->opts[i].key) {
		case 'a':
			e.name_ar = v;
			break;
		case 'e':
			e.name_en = v;
			break;
		case 'c':
			e.category = v;
			break;
		case 'w':
			e.weighed = 1;
			break;
		case 'W':
			e.weighed = 0;
			break;
		case 'm':
		case 'M':
			if (wms_qty_parse(v, WMS_QTY_ZERO, a->opts[i].key ==
			    'm' ? &e.min : &e.max, &err) != 0) {
				rc = cmd_fail(&err);
				goto out;
			}
			break;
		case 's':
			if (cat_days(v, &e.shelf_life, &err) != 0) {
				rc = cmd_fail(&err);
				goto out;
			}
			break;
		case 'b':
			e.barcodes = xreallocarray(e.barcodes, e.nbarcodes + 1,
			    sizeof *e.barcodes);
			e.barcodes[e.nbarcodes++] = (char *)v;
			break;
		default:
			any--;
			break;
		}
	}
	if (a->nargs != 1 || !any) {
		rc = cmd_usage(c, _("give the item CODE and what changes"));
		goto out;
	}
	if ((rc = cmd_cat_open(c, &pg)) != CMD_OK)
		goto out;
	if (central_cat_item_edit(pg, a->args[0], &e, &err) != 0) {
		central_pg_close(pg);
		rc = cmd_fail(&err);
		goto out;
	}
	printf(_("item %s changed in the national catalogue\n"), a->args[0]);
	rc = cmd_cat_done(c, pg);
out:
	free(e.barcodes);
	return rc;
}

/* --pg, else [central] pg, else libpq's PG* variables. */
static const char *
cat_conninfo(struct cmd_ctx *c, const struct wms_args *a)
{
	return central_pg_conninfo(wms_opt_value(a, KEY_PG),
	    c->conf != NULL ? c->conf->central_pg : NULL);
}

static int
cmd_central_publish(struct cmd_ctx *c, const struct wms_args *a)
{
	struct central_pg	*pg;
	struct wms_err		 err;
	int64_t			 left;
	int			 n, rc;

	if (a->nargs != 0)
		return cmd_usage(c, _("unexpected argument %s"), a->args[0]);
	if (central_pg_open(cat_conninfo(c, a), 0, &pg, &err) != 0)
		return cmd_fail(&err);
	rc = cat_publish(c, pg, wms_opt_value(a, KEY_NATS), &n, &err);
	if (rc == 0)
		rc = central_cat_pending(pg, &left, &err);
	central_pg_close(pg);
	if (rc != 0)
		return cmd_fail(&err);
	printf(_("%d catalogue change(s) published; %lld waiting\n"), n,
	    (long long)left);
	return CMD_OK;
}

static volatile sig_atomic_t fwd_stop;

static void
fwd_on_signal(int sig)
{
	(void)sig;
	fwd_stop = 1;
}

/*
 * A line of the watching forwarder on stderr, with the time; a state
 * (last, n bytes) said once while it lasts, or (last NULL) every time.
 */
static void
fwd_log(char *last, size_t n, const char *line)
{
	char	now[32], local[64];

	if (last != NULL && bus_said_again(last, n, line))
		return;
	wms_time_iso(time(NULL), 0, now);
	wms_time_local(now, local, sizeof local);
	fprintf(stderr, "%s %s\n", local, line);
	fflush(stderr);
}

/*
 * central forward --watch: forward every `every` seconds until SIGTERM or
 * SIGINT.  The database or the bus away is said once and tried again at
 * the next round (the messages wait in PostgreSQL); a configuration that
 * cannot work (no key, refused credentials) ends it with its line.
 */
static int
fwd_watch(struct cmd_ctx *c, const struct wms_args *a,
    const struct bus_nats_conf *nc, const struct wms_config *conf, int every)
{
	struct central_pg	*pg = NULL;
	struct sigaction	 sa;
	struct wms_err		 err;
	char			 last[512] = "", line[512];
	long long		 total = 0;
	int			 n, rc;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fwd_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	snprintf(line, sizeof line, _("central forward: watching, every %d "
	    "s"), every);
	fwd_log(last, sizeof last, line);
	while (!fwd_stop) {
		if (pg == NULL && central_pg_open(cat_conninfo(c, a), 0, &pg,
		    &err) != 0) {
			pg = NULL;
			fwd_log(last, sizeof last, err.msg);
			bus_sleep_watch(&fwd_stop, every * 1000);
			continue;
		}
		rc = central_forward(pg, nc, conf->central_sign_key,
		    cmd_replicas(conf->central_replicas), &n, &err);
		if (rc == WMS_ERR_USAGE || rc == WMS_ERR_DENIED) {
			central_pg_close(pg);
			return cmd_fail(&err);
		}
		if (rc != 0) {
			fwd_log(last, sizeof last, err.msg);
			/* Opened again at the next round: it may be gone. */
			central_pg_close(pg);
			pg = NULL;
		} else {
			/* Working again: a failure after is said again. */
			*last = '\0';
			if (n > 0) {
				snprintf(line, sizeof line, _("%d transfer "
				    "message(s) to other sites forwarded"), n);
				fwd_log(NULL, 0, line);
			}
			total += n;
		}
		bus_sleep_watch(&fwd_stop, every * 1000);
	}
	central_pg_close(pg);
	printf(_("central forward: stopped; %lld transfer message(s) to other "
	    "sites forwarded\n"), total);
	return CMD_OK;
}

static int
cmd_central_forward(struct cmd_ctx *c, const struct wms_args *a)
{
	struct bus_nats_conf	 nc;
	struct wms_config	 none;
	const struct wms_config	*conf = c->conf;
	struct central_pg	*pg;
	struct wms_err		 err;
	const char		*v = wms_opt_value(a, KEY_EVERY);
	char			*end;
	long			 every = 5;
	int			 n, rc;

	if (a->nargs != 0)
		return cmd_usage(c, _("unexpected argument %s"), a->args[0]);
	if (v != NULL && !wms_opt_given(a, KEY_WATCH))
		return cmd_usage(c, _("--every is for --watch"));
	if (v != NULL) {
		every = strtol(v, &end, 10);
		if (*v == '\0' || *end != '\0' || every < 1 || every > 3600)
			return cmd_usage(c, _("--every takes seconds, 1 to "
			    "3600, not %s"), v);
	}
	if (conf == NULL) {
		memset(&none, 0, sizeof none);
		conf = &none;
	}
	bus_nats_conf_central(&nc, conf);
	if (wms_opt_value(a, KEY_NATS) != NULL)
		nc.urls = wms_opt_value(a, KEY_NATS);
	if (wms_opt_given(a, KEY_WATCH))
		return fwd_watch(c, a, &nc, conf, (int)every);
	if (central_pg_open(cat_conninfo(c, a), 0, &pg, &err) != 0)
		return cmd_fail(&err);
	rc = central_forward(pg, &nc, conf->central_sign_key,
	    cmd_replicas(conf->central_replicas), &n, &err);
	central_pg_close(pg);
	if (rc != 0)
		return cmd_fail(&err);
	printf(_("%d transfer message(s) to other sites forwarded\n"), n);
	return CMD_OK;
}

static int
cmd_central_keygen(struct cmd_ctx *c, const struct wms_args *a)
{
	struct bus_key	 k;
	struct wms_err	 err;
	const char	*path = wms_opt_value(a, KEY_KEYFILE);
	char		 pub[BUS_PK_TEXT];

	if (a->nargs != 0)
		return cmd_usage(c, _("unexpected argument %s"), a->args[0]);
	if (path == NULL && c->conf != NULL)
		path = c->conf->central_sign_key;
	if (path == NULL)
		return cmd_usage(c, _("give --key-file PATH or sign_key = in "
		    "[central] of makhzan.ini"));
	if (cmd_key_make(path, BUS_CAT_SITE_TEXT, &k, &err) != 0)
		return cmd_fail(&err);
	bus_key_public_text(&k, pub);
	printf(_("the centre's catalogue key is in %s (mode 0600); put its "
	    "public half in [bus] of each depot's makhzan.ini:\n"), path);
	printf("centre_key = %s\n", pub);
	return CMD_OK;
}

static const struct wms_opt item_edit_opts[] = {
	{ .name = "name-ar", .key = 'a', .flags = WMS_OPT_VALUE },
	{ .name = "name-en", .key = 'e', .flags = WMS_OPT_VALUE },
	{ .name = "category", .key = 'c', .flags = WMS_OPT_VALUE },
	{ .name = "weighed", .key = 'w' },
	{ .name = "not-weighed", .key = 'W' },
	{ .name = "min", .key = 'm', .flags = WMS_OPT_VALUE },
	{ .name = "max", .key = 'M', .flags = WMS_OPT_VALUE },
	{ .name = "shelf-life", .key = 's', .flags = WMS_OPT_VALUE },
	{ .name = "barcode", .key = 'b', .flags = WMS_OPT_VALUE | WMS_OPT_MANY },
	{ .name = NULL }
};

static const struct wms_opt publish_opts[] = {
	{ .name = "nats", .key = KEY_NATS, .flags = WMS_OPT_VALUE },
	{ .name = "pg", .key = KEY_PG, .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

static const struct wms_opt forward_opts[] = {
	{ .name = "nats", .key = KEY_NATS, .flags = WMS_OPT_VALUE },
	{ .name = "pg", .key = KEY_PG, .flags = WMS_OPT_VALUE },
	{ .name = "watch", .key = KEY_WATCH },
	{ .name = "every", .key = KEY_EVERY, .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

static const struct wms_opt keygen_opts[] = {
	{ .name = "key-file", .key = KEY_KEYFILE, .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

const struct cmd_entry cmd_item_edit_entry = {
	.group = "item",
	.name = "edit",
	.usage = "CODE [--name-ar T] [--name-en T] [--category C] [--min Q] "
	    "[--max Q] [--shelf-life DAYS] [--weighed|--not-weighed] "
	    "[--barcode B]...   (with --central CONNINFO)",
	.summary = N_("Change an item of the national catalogue; the depots "
	    "get the change through the bus."),
	.opts = item_edit_opts,
	.flags = CMD_CENTRAL,
	.exec = cmd_item_edit,
};

const struct cmd_entry cmd_central_publish_entry = {
	.group = "central",
	.name = "publish",
	.usage = "[--nats URL] [--pg CONNINFO]",
	.summary = N_("Send the catalogue changes not yet sent to the "
	    "depots' bucket, in order, signed."),
	.opts = publish_opts,
	.flags = 0,
	.exec = cmd_central_publish,
};

const struct cmd_entry cmd_central_keygen_entry = {
	.group = "central",
	.name = "keygen",
	.usage = "[--key-file PATH]",
	.summary = N_("Make the key the centre signs the catalogue with, and "
	    "print its public half for the depots."),
	.opts = keygen_opts,
	.flags = 0,
	.exec = cmd_central_keygen,
};

const struct cmd_entry cmd_central_forward_entry = {
	.group = "central",
	.name = "forward",
	.usage = "[--nats URL] [--pg CONNINFO] [--watch [--every SECONDS]]",
	.summary = N_("Forward the shipments to a depot of another site to "
	    "that site, and the receipts back, signed; --watch: every few "
	    "seconds until stopped (SIGTERM)."),
	.opts = forward_opts,
	.flags = 0,
	.exec = cmd_central_forward,
};
