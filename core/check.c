/* makhzan check: the database agrees with itself. */
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/check.h"
#include "core/qty.h"
#include "core/wms.h"
#include "data/db-report.h"
#include "lib/i18n.h"

/* The caller's callback, and the number of problems handed to it. */
struct check {
	void	(*fn)(const char *, void *);
	void	*arg;
	int	 bad;
	char	 line[600];
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

static int
check_balance(const struct db_check_balance *b, void *arg)
{
	struct check	*c = arg;
	char		 lot[24], q[32], l[32];

	snprintf(lot, sizeof lot, "%lld", (long long)b->lot_id);
	snprintf(c->line, sizeof c->line, _("balance of %s at %s (lot #%s) is "
	    "%s but the ledger sums to %s"), b->item, b->location, lot,
	    wms_qty_fmt(b->qty, q, sizeof q),
	    wms_qty_fmt(b->ledger, l, sizeof l));
	check_say(c);
	return 0;
}

static int
check_negative(const struct db_check_negative *n, void *arg)
{
	struct check	*c = arg;
	char		 q[32];

	snprintf(c->line, sizeof c->line, _("negative stock: %s has %s of %s"),
	    n->location, wms_qty_fmt(n->qty, q, sizeof q), n->item);
	check_say(c);
	return 0;
}

static int
check_sum(const struct db_check_sum *s, void *arg)
{
	struct check	*c = arg;
	char		 q[32];

	snprintf(c->line, sizeof c->line, _("%s does not sum to zero over all "
	    "locations: %s"), s->item, wms_qty_fmt(s->qty, q, sizeof q));
	check_say(c);
	return 0;
}

static int
check_cost(const struct db_check_cost *v, void *arg)
{
	struct check	*c = arg;
	char		 value[24];

	snprintf(value, sizeof value, "%lld", (long long)v->value);
	snprintf(c->line, sizeof c->line, _("negative value of %s at %s: %s"),
	    v->item, v->depot, value);
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
	    (rc = db_check_integrity(db, check_integrity, &c, err)) != 0 ||
	    (rc = db_check_balances(db, check_balance, &c, err)) != 0 ||
	    (rc = db_check_negatives(db, check_negative, &c, err)) != 0 ||
	    (rc = db_check_sums(db, check_sum, &c, err)) != 0 ||
	    (rc = db_check_costs(db, check_cost, &c, err)) != 0)
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
