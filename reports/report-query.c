/* Fill a report from a statement's rows: the shape every list report has. */
#include "core/wms.h"
#include "data/stmt.h"
#include "reports/report.h"

int
report_fill(struct wms *w, sqlite3_stmt *st, struct report *r,
    const int *map, struct report **out, struct wms_err *err)
{
	struct db	*db = wms_db(w);
	int		 rc, k, c, n;

	n = report_ncols(r);
	while ((rc = db_step(db, st, err)) == 1) {
		report_row(r);
		for (k = 0; k < n; k++) {
			c = map != NULL ? map[k] : k;
			if (sqlite3_column_type(st, c) == SQLITE_NULL)
				continue;
			if (report_col_type(r, k) == REPORT_STR)
				report_str(r, k, (const char *)
				    sqlite3_column_text(st, c));
			else
				report_num(r, k, sqlite3_column_int64(st, c));
		}
	}
	sqlite3_reset(st);
	if (rc < 0) {
		report_free(r);
		return rc;
	}
	*out = r;
	return 0;
}
