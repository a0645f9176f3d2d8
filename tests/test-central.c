/*
 * central/ without servers: site codes, array parameters, the status JSON
 * and table, the Prometheus text, the metrics address, the conninfo
 * precedence and a refused connection.  The integration scripts
 * (tests/integration/central*.sh) drive the rest against real servers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include <cmocka.h>

#include "central/metrics.h"
#include "central/pg.h"
#include "central/sites.h"
#include "central/status.h"
#include "central/stmt.h"
#include "lib/buf.h"
#include "reports/report.h"

static void
test_site_codes(void **state)
{
	(void)state;
	assert_true(central_site_code_ok("HMS"));
	assert_true(central_site_code_ok("hms-2_b"));
	assert_false(central_site_code_ok(""));
	assert_false(central_site_code_ok("H.MS"));	/* would split a subject */
	assert_false(central_site_code_ok("H MS"));
	assert_false(central_site_code_ok("HMS>"));
	assert_false(central_site_code_ok("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNO"));
}

static void
test_arrays(void **state)
{
	struct central_arr a = { { 0 } };

	(void)state;
	assert_string_equal(central_arr_text(&a), "{}");
	central_arr_str(&a, "plain");
	central_arr_str(&a, "with \"quote\" and \\ back");
	central_arr_str(&a, NULL);
	central_arr_str(&a, "");
	central_arr_str(&a, "{,}");
	assert_string_equal(central_arr_text(&a),
	    "{\"plain\",\"with \\\"quote\\\" and \\\\ back\",NULL,\"\",\"{,}\"}");
	/* Closed, then added to: still one literal. */
	central_arr_int(&a, -42);
	central_arr_bool(&a, 1);
	assert_int_equal(a.n, 7);
	assert_non_null(strstr(central_arr_text(&a), ",-42,t}"));
	central_arr_reset(&a);
	central_arr_bytea(&a, "\x00\xff", 2);
	assert_string_equal(central_arr_text(&a), "{\"\\\\x00ff\"}");
	central_arr_free(&a);
}

static struct central_site_status *
two_sites(void)
{
	struct central_site_status *st = calloc(2, sizeof *st);

	assert_non_null(st);
	snprintf(st[0].site, sizeof st[0].site, "%s", "HMS");
	st[0].applied = 233;
	st[0].last_seq = 233;
	st[0].applied_hour = 233;
	snprintf(st[0].last_heartbeat, sizeof st[0].last_heartbeat, "%s", "2026-11-26T20:52:25.285Z");
	snprintf(st[1].site, sizeof st[1].site, "%s", "ADR");
	st[1].revoked = 1;
	st[1].applied = 2;
	st[1].last_seq = 2;
	st[1].lag_events = 2;
	st[1].lag_s = 75;
	st[1].quarantined = 3;
	st[1].gaps = calloc(2, sizeof *st[1].gaps);
	st[1].ngaps = 2;
	st[1].gaps[0][0] = 3;
	st[1].gaps[0][1] = 3;
	st[1].gaps[1][0] = 6;
	st[1].gaps[1][1] = 9;
	return st;
}

static void
test_status_json(void **state)
{
	struct central_site_status	*st = two_sites();
	const char			*key;
	json_t				*j, *o, *v;
	size_t				 n = 0;

	(void)state;
	j = central_status_json(st, 2);
	assert_int_equal(json_array_size(j), 2);
	o = json_array_get(j, 0);
	/* Exactly the fields the issue names. */
	json_object_foreach(o, key, v) {
		assert_non_null(strstr(" site applied last_seq lag_events lag_s "
		    "last_heartbeat gaps quarantined events_per_min ", key));
		n++;
	}
	assert_int_equal(n, 9);
	assert_string_equal(json_string_value(json_object_get(o, "site")),
	    "HMS");
	assert_int_equal(json_integer_value(json_object_get(o, "applied")),
	    233);
	assert_string_equal(json_string_value(json_object_get(o,
	    "last_heartbeat")), "2026-11-26T20:52:25.285Z");
	/* 233 in an hour: 3.88 a minute, in hundredths. */
	assert_int_equal(central_per_min_x100(&st[0]), 388);
	assert_true(json_is_real(json_object_get(o, "events_per_min")));
	o = json_array_get(j, 1);
	assert_true(json_is_null(json_object_get(o, "last_heartbeat")));
	v = json_object_get(o, "gaps");
	assert_int_equal(json_array_size(v), 2);
	assert_int_equal(json_integer_value(json_array_get(json_array_get(v,
	    1), 0)), 6);
	assert_int_equal(json_integer_value(json_array_get(json_array_get(v,
	    1), 1)), 9);
	assert_int_equal(json_integer_value(json_object_get(o, "lag_s")), 75);
	json_decref(j);
	central_status_free(st, 2);
}

static void
test_status_table(void **state)
{
	struct central_site_status	*st = two_sites();
	struct report			*r;
	char				*text;

	(void)state;
	r = central_status_report(st, 2);
	text = report_render(r, REPORT_TABLE);
	assert_non_null(strstr(text, "3.88"));
	assert_non_null(strstr(text, "3-3, 6-9"));
	assert_non_null(strstr(text, "ADR (revoked)"));
	assert_non_null(strstr(text, "never"));
	free(text);
	report_free(r);
	central_status_free(st, 2);
}

static void
test_metrics_text(void **state)
{
	struct central_live	live;
	struct wms_buf		b = { 0 };

	(void)state;
	memset(&live, 0, sizeof live);
	atomic_store(&live.applied, 12);
	atomic_store(&live.nats_up, 1);
	/* No PostgreSQL: this process's figures, and pg_up 0. */
	assert_int_equal(central_metrics_text(NULL, &live, &b), 0);
	assert_non_null(strstr(b.data, "# HELP makhzan_central_pg_up "));
	assert_non_null(strstr(b.data, "# TYPE makhzan_central_pg_up gauge\n"
	    "makhzan_central_pg_up 0\n"));
	assert_non_null(strstr(b.data, "# TYPE makhzan_central_applied_total "
	    "counter\nmakhzan_central_applied_total 12\n"));
	assert_non_null(strstr(b.data, "makhzan_central_nats_up 1\n"));
	wms_buf_free(&b);
}

static void
test_metrics_addr(void **state)
{
	(void)state;
	assert_true(central_metrics_addr_ok("127.0.0.1:9464"));
	assert_true(central_metrics_addr_ok(":9464"));
	assert_true(central_metrics_addr_ok("[::1]:9464"));
	assert_false(central_metrics_addr_ok("nowhere"));
	assert_false(central_metrics_addr_ok("127.0.0.1:"));
	assert_false(central_metrics_addr_ok("127.0.0.1:99999"));
	assert_false(central_metrics_addr_ok("localhost:9464"));
	assert_false(central_metrics_addr_ok("[::1:9464"));
}

static void
test_conninfo(void **state)
{
	(void)state;
	assert_string_equal(central_pg_conninfo("host=a", "host=b"), "host=a");
	assert_string_equal(central_pg_conninfo(NULL, "host=b"), "host=b");
	/* Neither: libpq's own PG* variables. */
	assert_string_equal(central_pg_conninfo(NULL, NULL), "");
	/* The last of central/schema/: 0007-lot-count-line.sql. */
	assert_int_equal(central_pg_schema_latest(), 7);
}

/* A port nothing listens on. */
static int
dead_port(void)
{
	struct sockaddr_in	a;
	socklen_t		len = sizeof a;
	int			fd, port;

	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	port = ntohs(a.sin_port);
	close(fd);
	return port;
}

static void
test_refused(void **state)
{
	struct central_pg	*pg = NULL;
	struct wms_err		 err;
	char			 conninfo[200], where[64];
	int			 port = dead_port();

	(void)state;
	snprintf(conninfo, sizeof conninfo, "host=127.0.0.1 port=%d "
	    "dbname=central user=ministry password=s3cret connect_timeout=3",
	    port);
	assert_int_equal(central_pg_open(conninfo, 0, &pg, &err), WMS_ERR_IO);
	assert_null(pg);
	/* One line, saying where, never the password. */
	assert_null(strchr(err.msg, '\n'));
	snprintf(where, sizeof where, "host 127.0.0.1 port %d", port);
	assert_non_null(strstr(err.msg, where));
	assert_non_null(strstr(err.msg, "database central user ministry"));
	assert_null(strstr(err.msg, "s3cret"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_site_codes),
		cmocka_unit_test(test_arrays),
		cmocka_unit_test(test_status_json),
		cmocka_unit_test(test_status_table),
		cmocka_unit_test(test_metrics_text),
		cmocka_unit_test(test_metrics_addr),
		cmocka_unit_test(test_conninfo),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
