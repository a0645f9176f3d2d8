/* Tests of lib/buf.c, lib/json.c and lib/time.c: the ground floor's helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/buf.h"
#include "lib/json.h"
#include "lib/time.h"

static void
buf__appends__grow_and_stay_terminated(void **state)
{
	struct wms_buf	 b = { 0 };
	char		*s;
	int		 i;

	(void)state;
	for (i = 0; i < 1000; i++)
		wms_buf_addf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.data));
	assert_memory_equal(b.data, "0,1,2,", 6);
	assert_string_equal(b.data + b.len - 4, "999,");
	wms_buf_add(&b, "\0x", 2);		/* bytes, NUL included */
	assert_int_equal(b.data[b.len - 2], '\0');
	assert_int_equal(b.data[b.len], '\0');
	wms_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	wms_buf_adds(&b, "abc");
	wms_buf_addc(&b, 'd');
	s = wms_buf_steal(&b);
	assert_string_equal(s, "abcd");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	free(s);
	s = wms_buf_steal(&b);		/* an empty buffer gives "" */
	assert_string_equal(s, "");
	free(s);
	wms_buf_free(&b);
}

static void
json__text__is_sorted_and_compact(void **state)
{
	json_t	*v;
	char	*s;
	int64_t	 n = 0;

	(void)state;
	v = json_pack("{si ss s[ii] so}", "z", 1, "a", "\"quoted\"", "m", 1, 2,
	    "lot", wms_json_opt(""));
	s = wms_json_text(v);
	assert_string_equal(s, "{\"a\":\"\\\"quoted\\\"\",\"lot\":null,"
	    "\"m\":[1,2],\"z\":1}");
	assert_string_equal(wms_json_get_str(v, "a"), "\"quoted\"");
	assert_null(wms_json_get_str(v, "z"));
	assert_int_equal(wms_json_get_int(v, "z", &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(wms_json_get_int(v, "a", &n), -1);
	free(s);
	json_decref(v);
}

static void
json__string__replaces_invalid_bytes(void **state)
{
	json_t *v;

	(void)state;
	v = wms_json_string("L\xff" "1");
	assert_non_null(v);
	assert_string_equal(json_string_value(v), "L\xef\xbf\xbd" "1");
	json_decref(v);
	v = wms_json_string(NULL);
	assert_true(json_is_null(v));
	json_decref(v);
}

static void
json__line__keeps_order_and_exact_numbers(void **state)
{
	struct wms_buf		 b = { 0 };
	struct wms_json_rows	 rows;
	json_t			*v;

	(void)state;
	assert_null(wms_json_number("12."));
	assert_null(wms_json_number("012"));
	assert_null(wms_json_number("1,5"));
	assert_null(wms_json_number("\"1\""));
	assert_null(wms_json_number(""));
	v = json_pack("{ss so so s[bn] si}", "z", "a\"b", "qty",
	    wms_json_number("12.5"), "big",
	    wms_json_number("-999999999999999.999"), "m", 1, "a", 3);
	wms_json_buf_line(&b, v);
	assert_string_equal(b.data, "{\"z\": \"a\\\"b\", \"qty\": 12.5, "
	    "\"big\": -999999999999999.999, \"m\": [true, null], \"a\": 3}");
	wms_buf_reset(&b);
	wms_json_rows_begin(&rows, &b);
	wms_json_rows_end(&rows);
	assert_string_equal(b.data, "[]\n");
	wms_buf_reset(&b);
	wms_json_rows_begin(&rows, &b);
	wms_json_rows_add(&rows, v);
	wms_json_rows_add(&rows, json_object_get(v, "m"));
	wms_json_rows_end(&rows);
	assert_string_equal(b.data, "[\n  {\"z\": \"a\\\"b\", \"qty\": 12.5, "
	    "\"big\": -999999999999999.999, \"m\": [true, null], \"a\": 3},"
	    "\n  [true, null]\n]\n");
	json_decref(v);
	wms_buf_free(&b);
}

static void
time__iso__round_trips(void **state)
{
	char	out[32];
	time_t	t;

	(void)state;
	wms_time_iso(1764536400, 7, out);
	assert_string_equal(out, "2025-11-30T21:00:00.007Z");
	assert_int_equal(wms_time_parse(out, &t), 0);
	assert_int_equal(t, 1764536400);
	assert_int_equal(wms_time_parse("2025-11-30T21:00:00Z", &t), 0);
	assert_int_equal(t, 1764536400);
	assert_int_equal(wms_time_parse("2025-11-30", &t), 0);
	assert_int_equal(t, 1764460800);
	assert_int_equal(wms_time_parse("2025-13-30", &t), -1);
	assert_int_equal(wms_time_parse("2025-11-30T21:00", &t), -1);
	assert_int_equal(wms_time_parse("2025-11-30T21:00:00.0Z", &t), -1);
	assert_int_equal(wms_time_parse("", &t), -1);
}

static void
time__local__shows_the_zone(void **state)
{
	struct wms_err	err;
	char		out[40];

	(void)state;
	assert_int_equal(wms_time_zone("Asia/Damascus", &err), 0);
	wms_time_local("2026-11-30T09:50:00.000Z", out, sizeof out);
	assert_string_equal(out, "2026-11-30 12:50");
	wms_time_offset("2026-11-30T09:50:00.000Z", out, sizeof out);
	assert_string_equal(out, "2026-11-30T12:50:00+03:00");
	wms_time_local("2026-11-30", out, sizeof out);
	assert_string_equal(out, "2026-11-30");
	wms_time_local("not a time", out, sizeof out);
	assert_string_equal(out, "not a time");
	assert_int_equal(wms_time_zone("UTC", &err), 0);
	wms_time_offset("2026-11-30T09:50:00.000Z", out, sizeof out);
	assert_string_equal(out, "2026-11-30T09:50:00+00:00");
	assert_int_equal(wms_time_zone("Mars/Olympus", &err), WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "Mars/Olympus"));
	assert_int_equal(wms_time_zone("../../etc/passwd", &err),
	    WMS_ERR_INVALID);
	assert_int_equal(wms_time_zone(NULL, &err), 0);
}

/*
 * One member read from an object's text without parsing it whole: what
 * jansson reads, for every valid text; -1 and "" for what is not a JSON
 * object, or has no string of that name.
 */
static void
json__member_text__as_jansson_reads_it(void **state)
{
	static const char *const good[] = {
		"{\"user\":\"admin\"}",
		" {\"a\":[1,{\"user\":\"x\"},\"}\"],\"user\" : \"a\\\"b\\\\c\\/\" } ",
		"{\"at\":\"t\",\"movements\":[{\"q\":-1.5e+3,\"z\":null,"
		    "\"t\":true,\"f\":false}],\"user\":\"\\u0645\\u062f\"}",
		"{\"user\":\"\\ud83d\\ude00 \\n\\t\"}",
		"{\"user\":\"\xd9\x85\xd8\xaf\xd9\x8a\xd8\xb1\"}",
		"{\"users\":\"no\",\"user\":\"yes\"}",
		"{\"x\":{\"user\":\"nested\"},\"user\":\"top\"}",
		"{\"user\":\"\"}",
	};
	static const char *const bad[] = {
		"", "[]", "\"user\"", "{", "{\"user\":\"a\"", "{\"user\":\"a\"}x",
		"{\"user\":1}", "{\"user\":null}", "{\"x\":\"user\"}",
		"{\"user\":\"a\",}", "{\"user\":\"a\\x\"}", "{\"user\":\"a\nb\"}",
		"{\"x\":01,\"user\":\"a\"}", "{\"x\":[1,],\"user\":\"a\"}",
		"{\"x\":tru,\"user\":\"a\"}", "{\"user\":\"\\u12\"}",
		"{\"x\" \"y\",\"user\":\"a\"}", "{\"x\":{\"user\":\"nested\"}}",
	};
	json_error_t	 jerr;
	json_t		*v;
	char		 out[72];
	size_t		 k;

	(void)state;
	for (k = 0; k < sizeof good / sizeof good[0]; k++) {
		v = json_loads(good[k], 0, &jerr);
		assert_non_null(v);
		assert_int_equal(wms_json_member_text(good[k], strlen(good[k]),
		    "user", out, sizeof out), 0);
		assert_string_equal(out, wms_json_get_str(v, "user"));
		json_decref(v);
	}
	for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		memcpy(out, "junk", 5);
		assert_int_equal(wms_json_member_text(bad[k], strlen(bad[k]),
		    "user", out, sizeof out), -1);
		assert_string_equal(out, "");
	}
	/* Cut as snprintf cuts. */
	assert_int_equal(wms_json_member_text("{\"user\":\"abcdef\"}", 17,
	    "user", out, 4), 0);
	assert_string_equal(out, "abc");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json__member_text__as_jansson_reads_it),
		cmocka_unit_test(buf__appends__grow_and_stay_terminated),
		cmocka_unit_test(json__text__is_sorted_and_compact),
		cmocka_unit_test(json__string__replaces_invalid_bytes),
		cmocka_unit_test(json__line__keeps_order_and_exact_numbers),
		cmocka_unit_test(time__iso__round_trips),
		cmocka_unit_test(time__local__shows_the_zone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
