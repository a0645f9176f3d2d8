/* makhzan check: the database agrees with itself. */
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/chain.h"
#include "core/check.h"
#include "core/qty.h"
#include "core/wms.h"
#include "data/db-report.h"
#include "data/db-verify.h"
#include "lib/i18n.h"

/* The caller's callback, and the number of problems handed to it. */
struct check {
	void		(*fn)(const char *, void *);
	void		*arg;
	int		 bad;
	enum db_check	 which;		/* the check running */
	enum db_verify	 vwhich;	/* the limit or value check running */
	int		 minor;		/* the currency's decimals */
	char		 line[600];
};

static void
check_say(struct check *c)
{
	c->fn(c->line, c->arg);
	c->bad++;
}

static int
check_integrity(const char *line, void *arg)
{
	struct check *c = arg;

	if (strcmp(line, "ok") == 0)
		return 0;
	snprintf(c->line, sizeof c->line, _("SQLite integrity: %s"), line);
	check_say(c);
	return 0;
}

/* What is wrong with a row of the check c->which, in words. */
static int
check_row(const struct db_check_row *r, void *arg)
{
	struct check	*c = arg;
	char		 n[24], q[32], l[32];

	switch (c->which) {
	case DB_CHECK_BALANCES:
		snprintf(n, sizeof n, "%lld", (long long)r->lot_id);
		snprintf(c->line, sizeof c->line, _("balance of %s at %s "
		    "(lot #%s) is %s but the ledger sums to %s"), r->item,
		    r->location, n, wms_qty_fmt(r->qty, q, sizeof q),
		    wms_qty_fmt(r->ledger, l, sizeof l));
		break;
	case DB_CHECK_NEGATIVES:
		snprintf(c->line, sizeof c->line, _("negative stock: %s has %s "
		    "of %s"), r->location, wms_qty_fmt(r->qty, q, sizeof q),
		    r->item);
		break;
	case DB_CHECK_SUMS:
		snprintf(c->line, sizeof c->line, _("%s does not sum to zero "
		    "over all locations: %s"), r->item, wms_qty_fmt(r->qty, q,
		    sizeof q));
		break;
	default:	/* DB_CHECK_COSTS */
		snprintf(n, sizeof n, "%lld", (long long)r->value);
		snprintf(c->line, sizeof c->line, _("negative value of %s at "
		    "%s: %s"), r->item, r->depot, n);
		break;
	}
	check_say(c);
	return 0;
}

/* What is wrong with a row of a limit or value check, in words. */
static int
check_verify_row(const struct db_verify_row *r, void *arg)
{
	struct check	*c = arg;
	char		 q[32], l[40], v[40], g[40];
	int		 minor = c->minor;

	switch (c->vwhich) {
	case DB_VERIFY_BAL_LIMIT:
		snprintf(c->line, sizeof c->line, _("balance past the limit: "
		    "%s has %s of %s, more than %s either way"), r->location,
		    wms_qty_fmt(r->qty, q, sizeof q), r->item,
		    wms_qty_fmt(WMS_BAL_MAX, l, sizeof l));
		break;
	case DB_VERIFY_MOVE_LIMIT:
		snprintf(c->line, sizeof c->line, _("movement past the limits: "
		    "%s line %lld moves %s of %s with a value of %s"), r->doc,
		    (long long)r->line, wms_qty_fmt(r->qty, q, sizeof q),
		    r->item, wms_money_fmt(r->value, minor, v, sizeof v));
		break;
	case DB_VERIFY_COST_LIMIT:
		snprintf(c->line, sizeof c->line, _("value past the limit: "
		    "%s holds %s of %s, more than %s"), r->depot,
		    wms_money_fmt(r->value, minor, v, sizeof v), r->item,
		    wms_money_fmt(WMS_VALUE_MAX, minor, l, sizeof l));
		break;
	case DB_VERIFY_ZERO_VALUE:
		snprintf(c->line, sizeof c->line, _("value without quantity: "
		    "%s has no %s but a value of %s"), r->depot, r->item,
		    wms_money_fmt(r->value, minor, v, sizeof v));
		break;
	case DB_VERIFY_TRANSIT_VALUE:
		snprintf(c->line, sizeof c->line, _("value leaked: %s holds %s "
		    "of %s for %s with no quantity left in transit"),
		    r->location, wms_money_fmt(r->value, minor, v, sizeof v),
		    r->item, r->doc);
		break;
	default:	/* DB_VERIFY_COST_LEDGER */
		snprintf(c->line, sizeof c->line, _("value of %s at %s is %s "
		    "but the ledger sums to %s"), r->item, r->depot,
		    wms_money_fmt(r->value, minor, v, sizeof v),
		    wms_money_fmt(r->ledger, minor, g, sizeof g));
		break;
	}
	check_say(c);
	return 0;
}

int
wms_check(struct wms *w, void (*fn)(const char *, void *), void *arg,
    struct wms_err *err)
{
	struct db		*db = wms_db(w);
	struct check		 c = { .fn = fn, .arg = arg };
	struct db_check_outbox	 o;
	struct wms_err		 e;
	int64_t			 n;
	int			 rc;

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0 ||
	    (rc = db_check_integrity(db, check_integrity, &c, err)) != 0)
		return rc;
	/*
	 * The limits first, so that a figure past them is named before
	 * the sums it spoils.  A sum of values that does not fit in 64 bits
	 * fails in SQLite: that is a problem to name, not a reason to stop.
	 */
	c.minor = wms_currency_minor(w);
	for (c.vwhich = 0; c.vwhich < DB_VERIFY_N; c.vwhich++) {
		rc = db_verify_each(db, c.vwhich, WMS_BAL_MAX, WMS_VALUE_MAX,
		    check_verify_row, &c, &e);
		if (rc == WMS_ERR_DB) {
			snprintf(c.line, sizeof c.line, _("values: the ledger's "
			    "values do not add up within 64 bits (values past "
			    "the limits)"));
			check_say(&c);
		} else if (rc != 0) {
			*err = e;
			return rc;
		}
	}
	if ((rc = wms_chain_verify(w, fn, arg, &c.bad, err)) != 0)
		return rc;
	for (c.which = 0; c.which < DB_CHECK_N; c.which++)
		if ((rc = db_check_each(db, c.which, check_row, &c, err)) != 0)
			return rc;
	if (wms_audit_verify(w, &n, &e) != 0) {
		snprintf(c.line, sizeof c.line, "%s", e.msg);
		check_say(&c);
	}
	if ((rc = db_check_outbox(db, &o, err)) != 0)
		return rc;
	if (o.count > 0 && (o.hi - o.lo + 1 != o.count || o.hi != o.counter)) {
		snprintf(c.line, sizeof c.line,
		    _("outbox: %lld events numbered %lld to %lld, "
		    "counter at %lld: events are missing"),
		    (long long)o.count, (long long)o.lo, (long long)o.hi,
		    (long long)o.counter);
		check_say(&c);
	}
	if (c.bad > 0)
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("check failed: %d problems"), c.bad);
	return 0;
}
