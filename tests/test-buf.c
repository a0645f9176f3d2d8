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

/* --- the encoder against jansson's ----------------------------------- */

static uint64_t enc_seed = 0x6d616b687a616eULL;

static uint32_t
enc_rand(uint32_t n)
{
	enc_seed = enc_seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(enc_seed >> 33) % n;
}

/* Bytes that test every branch of the escaper, and text beyond ASCII. */
static void
enc_text(char *out, size_t *len)
{
	static const char *const parts[] = {
		"a", "Z", "0", " ", "\"", "\\", "/", "\b", "\f", "\n", "\r",
		"\t", "\x01", "\x1f", "\x7f", "\xd9\x85" /* م */,
		"\xd8\xae\xd8\xb2\xd9\x86", "\xe2\x80\x8f" /* RLM */,
		"\xf0\x9f\x9b\xa2" /* a 4-byte one */, "D1/A/01", "{}[],:",
		"\xc2\xa0", "\xef\xbf\xbd",
	};
	size_t		 n = enc_rand(9), i;
	const char	*p;

	*len = 0;
	for (i = 0; i < n; i++) {
		p = parts[enc_rand(sizeof parts / sizeof parts[0])];
		memcpy(out + *len, p, strlen(p));
		*len += strlen(p);
	}
	if (enc_rand(10) == 0)		/* U+0000: text to json_stringn */
		out[(*len)++] = '\0';
}

static json_t *
enc_value(int depth)
{
	static const json_int_t ints[] = { 0, 1, -1, 42, 1500000,
	    INT64_MAX, INT64_MIN, -9007199254740993LL };
	char	 text[128], key[128];
	size_t	 len, klen, n, i;
	json_t	*v;

	switch (depth > 3 ? enc_rand(6) : enc_rand(8)) {
	case 0:
		enc_text(text, &len);
		return json_stringn(text, len);
	case 1:
		return json_integer(ints[enc_rand(sizeof ints /
		    sizeof ints[0])]);
	case 2:
		return json_boolean(enc_rand(2));
	case 3:
		return json_null();
	case 4:
		return json_real(enc_rand(2) ? 0.1 : -1.5e300);
	case 5:
		return json_integer((json_int_t)enc_rand(100000) - 50000);
	case 6:
		v = json_array();
		n = enc_rand(5);
		for (i = 0; i < n; i++)
			json_array_append_new(v, enc_value(depth + 1));
		return v;
	default:
		v = json_object();
		n = enc_rand(6);
		for (i = 0; i < n; i++) {
			enc_text(key, &klen);
			json_object_setn_new(v, key, klen,
			    enc_value(depth + 1));
		}
		return v;
	}
}

static char *
enc_jansson(const json_t *v, size_t flags)
{
	return json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | flags);
}

static void
json__encoder__writes_what_jansson_writes(void **state)
{
	struct wms_buf	 b = { 0 }, l = { 0 };
	json_t		*v, *obj, *m;
	const char	*key;
	char		*mine, *theirs, *with;
	size_t		 klen;
	int		 i;

	(void)state;
	for (i = 0; i < 20000; i++) {
		v = enc_value(0);
		theirs = enc_jansson(v, JSON_SORT_KEYS);
		mine = wms_json_text(v);
		assert_non_null(theirs);
		assert_string_equal(mine, theirs);
		free(mine);
		free(theirs);
		theirs = enc_jansson(v, 0);
		mine = wms_json_event(v);
		assert_string_equal(mine, theirs);
		free(mine);
		/* The list writer: the same as one object holding the list. */
		if (json_is_object(v) && json_object_get(v, "list") == NULL) {
			wms_json_list_add(&l, v);
			wms_json_list_add(&l, json_true());
			with = wms_json_with_list(v, "list", &l);
			/* Not json_deep_copy: it cuts keys at a U+0000. */
			obj = json_object();
			json_object_keylen_foreach(v, key, klen, m)
				json_object_setn(obj, key, klen, m);
			json_object_set_new(obj, "list", json_pack("[OO]", v,
			    json_true()));
			free(theirs);
			theirs = enc_jansson(obj, 0);
			assert_string_equal(with, theirs);
			json_decref(obj);
			free(with);
			wms_buf_reset(&l);
		}
		free(theirs);
		json_decref(v);
	}
	/* Sorted: bytes compared, the shorter key first, nested too. */
	v = json_pack("{s{sisi}s[]si}", "b", "ab", 1, "a", 2, "", "a\xd9\x85",
	    3);
	wms_json_buf(&b, v);
	assert_string_equal(b.data,
	    "{\"\":[],\"a\xd9\x85\":3,\"b\":{\"a\":2,\"ab\":1}}");
	json_decref(v);
	wms_buf_free(&b);
	wms_buf_free(&l);
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
		cmocka_unit_test(json__encoder__writes_what_jansson_writes),
		cmocka_unit_test(time__iso__round_trips),
		cmocka_unit_test(time__local__shows_the_zone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
