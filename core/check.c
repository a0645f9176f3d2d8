/* makhzan check: the database agrees with itself. */
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/check.h"
#include "lib/i18n.h"
#include "core/qty.h"
#include "core/wms.h"
#include "data/db-report.h"

static const char *
col(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s != NULL ? s : "";
}

int
wms_check(struct wms *w, void (*fn)(const char *, void *), void *arg,
    struct wms_err *err)
{
	struct db	*db = wms_db(w);
	sqlite3_stmt	*st;
	struct wms_err	 e;
	char		 line[600], a[32], b[32];
	int64_t		 n, counter, count, lo, hi;
	int		 rc, bad = 0, i;
	static const int queries[] = { DB_CHK_INTEGRITY, DB_CHK_BALANCE,
	    DB_CHK_NEGATIVE, DB_CHK_SUM, DB_CHK_COST };

	if ((rc = wms_require(w, WMS_PERM_READ, err)) != 0)
		return rc;
	for (i = 0; i < (int)(sizeof queries / sizeof queries[0]); i++) {
		if ((st = db_stmt(db, &db_report_table, queries[i], err)) ==
		    NULL)
			return WMS_ERR_DB;
		while ((rc = db_step(db, st, err)) == 1) {
			switch (queries[i]) {
			case DB_CHK_INTEGRITY:
				if (strcmp(col(st, 0), "ok") == 0)
					continue;
				snprintf(line, sizeof line,
				    _("SQLite integrity: %s"), col(st, 0));
				break;
			case DB_CHK_BALANCE:
				snprintf(line, sizeof line,
				    _("balance of %s at %s (lot #%s) is %s but "
				    "the ledger sums to %s"), col(st, 1),
				    col(st, 0), col(st, 2),
				    wms_qty_fmt(sqlite3_column_int64(st, 3), a,
				    sizeof a), wms_qty_fmt(sqlite3_column_int64(
				    st, 4), b, sizeof b));
				break;
			case DB_CHK_NEGATIVE:
				snprintf(line, sizeof line,
				    _("negative stock: %s has %s of %s"),
				    col(st, 0), wms_qty_fmt(
				    sqlite3_column_int64(st, 2), a, sizeof a),
				    col(st, 1));
				break;
			case DB_CHK_SUM:
				snprintf(line, sizeof line,
				    _("%s does not sum to zero over all "
				    "locations: %s"), col(st, 0), wms_qty_fmt(
				    sqlite3_column_int64(st, 1), a, sizeof a));
				break;
			default:
				snprintf(line, sizeof line,
				    _("negative value of %s at %s: %s"),
				    col(st, 0), col(st, 1), col(st, 2));
				break;
			}
			fn(line, arg);
			bad++;
		}
		sqlite3_reset(st);
		if (rc < 0)
			return rc;
	}
	if (wms_audit_verify(w, &n, &e) != 0) {
		fn(e.msg, arg);
		bad++;
	}
	if ((st = db_stmt(db, &db_report_table, DB_CHK_OUTBOX, err)) == NULL)
		return WMS_ERR_DB;
	if ((rc = db_step(db, st, err)) == 1) {
		counter = sqlite3_column_int64(st, 0);
		count = sqlite3_column_int64(st, 1);
		lo = sqlite3_column_int64(st, 2);
		hi = sqlite3_column_int64(st, 3);
		if (count > 0 && (hi - lo + 1 != count || hi != counter)) {
			snprintf(line, sizeof line,
			    _("outbox: %lld events numbered %lld to %lld, "
			    "counter at %lld: events are missing"),
			    (long long)count, (long long)lo, (long long)hi,
			    (long long)counter);
			fn(line, arg);
			bad++;
		}
	}
	sqlite3_reset(st);
	if (rc < 0)
		return rc;
	if (bad > 0)
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("check failed: %d problems"), bad);
	return 0;
}
