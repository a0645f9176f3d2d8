/* Tests of bus/envelope.c and bus/sign.c: the envelope and its signature. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "bus/envelope.h"
#include "bus/sign.h"
#include "lib/buf.h"
#include "lib/json.h"

#define ID	"0193a5b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b"

static struct bus_event
event(const char *payload)
{
	struct bus_event ev = {
		.id = ID, .site = "HMS", .seq = 42, .type = "transfer.ship",
		.at = "2026-11-26T20:52:25.285Z", .user = "ali",
		.payload = payload,
	};

	return ev;
}

static void
envelope__small__one_message_that_parses_back(void **state)
{
	struct bus_event	 ev = event("{\"number\":\"HMS-TRF-2026-000001\","
	    "\"movements\":[]}");
	struct bus_envelope	 e;
	struct bus_msg		*m;
	struct wms_err		 err;
	int			 n;

	(void)state;
	assert_int_equal(bus_envelope_build(&ev, &m, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(m[0].subject, "makhzan.HMS.events.transfer.ship");
	assert_string_equal(m[0].msg_id, ID);
	assert_int_equal(bus_envelope_parse(m[0].body.data, m[0].body.len, &e,
	    &err), 0);
	assert_string_equal(e.id, ID);
	assert_string_equal(e.site, "HMS");
	assert_int_equal(e.seq, 42);
	assert_string_equal(e.user, "ali");
	assert_int_equal(e.parts, 1);
	assert_string_equal(wms_json_get_str(e.payload, "number"),
	    "HMS-TRF-2026-000001");
	assert_int_equal(bus_subject_check(m[0].subject, &e, &err), 0);
	assert_int_equal(bus_subject_check("makhzan.BNS.events.transfer.ship",
	    &e, &err), WMS_ERR_INVALID);
	bus_envelope_fini(&e);
	bus_msgs_free(m, n);
}

/*
 * The one-part body is written by hand: byte for byte what jansson writes
 * for the same head with the payload's text added, escapes included, and
 * a user that is not UTF-8 is refused (jansson refuses it too).
 */
static void
envelope__one_part__the_bytes_jansson_would_write(void **state)
{
	static const char *const users[] = {
		"ali", "", "a\"b\\c/d", "tab\there\nline\r\b\f",
		"\x01\x1f\x7f", "\xd8\xb3\xd8\xa7\xd9\x84\xd9\x85 salim",
	};
	const char		*payload = "{\"number\":\"X\",\"movements\":[]}";
	struct bus_event	 ev = event(payload);
	struct wms_buf		 want;
	struct bus_msg		*m;
	struct wms_err		 err;
	json_t			*o;
	size_t			 i;
	int			 n;

	(void)state;
	for (i = 0; i < sizeof users / sizeof users[0]; i++) {
		ev.user = users[i];
		assert_int_equal(bus_envelope_build(&ev, &m, &n, &err), 0);
		o = json_pack("{si ss ss sI ss ss ss si si}", "v",
		    BUS_ENVELOPE_VERSION, "id", ev.id, "site", ev.site, "seq",
		    (json_int_t)ev.seq, "type", ev.type, "at", ev.at, "user",
		    ev.user, "part", 1, "parts", 1);
		assert_non_null(o);
		memset(&want, 0, sizeof want);
		wms_json_with_raw(&want, o, "payload", payload,
		    strlen(payload));
		json_decref(o);
		assert_int_equal(m[0].body.len, want.len);
		assert_memory_equal(m[0].body.data, want.data, want.len);
		wms_buf_free(&want);
		bus_msgs_free(m, n);
	}
	ev.user = "\xff\xfe";
	assert_int_equal(bus_envelope_build(&ev, &m, &n, &err),
	    WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "UTF-8"));
}

static void
envelope__large__parts_under_the_limit_that_join_back(void **state)
{
	struct wms_buf		 text = { 0 }, joined = { 0 };
	struct bus_envelope	 e;
	struct bus_event	 ev;
	struct bus_msg		*m;
	struct wms_err		 err;
	json_t			*p;
	char			*again;
	int			 n, i;

	(void)state;
	/* 10,000 lines with Arabic in them: about 1.2 MB of payload. */
	wms_buf_adds(&text, "{\"movements\":[");
	for (i = 0; i < 10000; i++)
		wms_buf_addf(&text, "%s{\"item\":\"P-%05d\",\"name\":\"صمام "
		    "\\\"كروي\\\"\",\"qty_milli\":%d}", i ? "," : "", i,
		    i * 1000);
	wms_buf_adds(&text, "]}");
	ev = event(text.data);
	assert_int_equal(bus_envelope_build(&ev, &m, &n, &err), 0);
	assert_true(n > 1);
	for (i = 0; i < n; i++) {
		assert_true(m[i].body.len <= BUS_MAX_MSG);
		assert_int_equal(bus_envelope_parse(m[i].body.data,
		    m[i].body.len, &e, &err), 0);
		assert_int_equal(e.part, i + 1);
		assert_int_equal(e.parts, n);
		assert_null(e.payload);
		wms_buf_add(&joined, e.chunk, e.chunklen);
		bus_envelope_fini(&e);
	}
	assert_string_equal(m[1].msg_id, ID "/2");
	assert_int_equal(bus_payload_join(&joined, &p, &err), 0);
	again = wms_json_text(p);
	assert_int_equal(joined.len, text.len);
	assert_memory_equal(joined.data, text.data, text.len);
	free(again);
	json_decref(p);
	bus_msgs_free(m, n);
	wms_buf_free(&text);
	wms_buf_free(&joined);
}

static void
envelope__refusals__each_with_its_reason(void **state)
{
	static const struct {
		const char *body, *words;
	} bad[] = {
		{ "not json", "not a JSON envelope" },
		{ "[1]", "lacks a field" },
		{ "{\"v\":2,\"id\":\"" ID "\",\"site\":\"HMS\",\"seq\":1,"
		  "\"type\":\"issue\",\"at\":\"2026-11-26T20:52:25.285Z\","
		  "\"user\":\"a\",\"part\":1,\"parts\":1,\"payload\":{}}",
		  "version 2" },
		{ "{\"v\":1,\"id\":\"" ID "\",\"site\":\"HMS\",\"seq\":1,"
		  "\"type\":\"issue\",\"at\":\"2026-11-26T20:52:25.285Z\","
		  "\"user\":\"a\",\"part\":1,\"parts\":1,\"payload\":{},"
		  "\"extra\":1}", "\"extra\"" },
		{ "{\"v\":1,\"id\":\"nope\",\"site\":\"HMS\",\"seq\":1,"
		  "\"type\":\"issue\",\"at\":\"2026-11-26T20:52:25.285Z\","
		  "\"user\":\"a\",\"part\":1,\"parts\":1,\"payload\":{}}",
		  "out of its form" },
		{ "{\"v\":1,\"id\":\"" ID "\",\"site\":\"H.S\",\"seq\":1,"
		  "\"type\":\"issue\",\"at\":\"2026-11-26T20:52:25.285Z\","
		  "\"user\":\"a\",\"part\":1,\"parts\":1,\"payload\":{}}",
		  "out of its form" },
		{ "{\"v\":1,\"id\":\"" ID "\",\"site\":\"HMS\",\"seq\":1,"
		  "\"type\":\"issue\",\"at\":\"2026-11-26T20:52:25.285Z\","
		  "\"user\":\"a\",\"part\":3,\"parts\":2,\"chunk\":\"{\"}",
		  "out of its form" },
		{ "{\"v\":1,\"id\":\"" ID "\",\"site\":\"HMS\",\"seq\":1,"
		  "\"type\":\"issue\",\"at\":\"2026-11-26T20:52:25.285Z\","
		  "\"user\":\"a\",\"part\":1,\"parts\":1,\"chunk\":\"{}\"}",
		  "lacks a field" },
		{ "{\"v\":1,\"id\":\"" ID "\",\"site\":\"HMS\",\"seq\":1,"
		  "\"type\":\"issue\",\"at\":\"2026-11-26T20:52:25.285Z\","
		  "\"user\":\"\xff\",\"part\":1,\"parts\":1,\"payload\":{}}",
		  "not a JSON envelope" },
	};
	struct bus_envelope	e;
	struct wms_err		err;
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		wms_err_clear(&err);
		assert_int_equal(bus_envelope_parse(bad[i].body,
		    strlen(bad[i].body), &e, &err), WMS_ERR_INVALID);
		if (strstr(err.msg, bad[i].words) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err.msg,
			    bad[i].words);
		assert_null(e.root);
	}
}

static void
envelope__bad_site__cannot_be_sent(void **state)
{
	struct bus_event	 ev = event("{}");
	struct bus_msg		*m;
	struct wms_err		 err;
	int			 n;

	(void)state;
	ev.site = "H.MS";
	assert_int_equal(bus_envelope_build(&ev, &m, &n, &err),
	    WMS_ERR_INVALID);
	ev.site = "HMS";
	ev.payload = "[1]";
	assert_int_equal(bus_envelope_build(&ev, &m, &n, &err),
	    WMS_ERR_INVALID);
}

static void
sign__key_file__signs_and_verifies(void **state)
{
	struct bus_key	 k, pub;
	struct wms_err	 err;
	char		 path[] = "/tmp/test-bus-XXXXXX", file[64], sig[BUS_SIG_TEXT];
	char		 text[BUS_PK_TEXT];
	unsigned char	 pk[BUS_PK_BYTES];
	struct stat	 st;
	const char	*body = "{\"v\":1}";

	(void)state;
	assert_non_null(mkdtemp(path));
	snprintf(file, sizeof file, "%s/hms.key", path);
	assert_int_equal(bus_key_generate(file, "HMS", &pub, &err), 0);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* Never overwritten. */
	assert_int_equal(bus_key_generate(file, "HMS", NULL, &err),
	    WMS_ERR_CONFLICT);
	assert_int_equal(bus_key_load(file, &k, &err), 0);
	assert_string_equal(k.site, "HMS");
	assert_string_equal(k.id, pub.id);
	assert_int_equal(strlen(k.id), 16);
	bus_sign(&k, body, strlen(body), sig);
	assert_int_equal(bus_verify(k.pk, body, strlen(body), sig, &err), 0);
	/* One byte changed, or another key: refused. */
	assert_int_equal(bus_verify(k.pk, "{\"v\":2}", 7, sig, &err),
	    WMS_ERR_CORRUPT);
	bus_key_public_text(&k, text);
	assert_int_equal(strlen(text), 44);
	assert_int_equal(bus_key_parse_public(text, pk, &err), 0);
	assert_memory_equal(pk, k.pk, sizeof pk);
	pk[0] ^= 1;
	assert_int_equal(bus_verify(pk, body, strlen(body), sig, &err),
	    WMS_ERR_CORRUPT);
	assert_int_equal(bus_verify(k.pk, body, strlen(body), "abc", &err),
	    WMS_ERR_CORRUPT);
	assert_int_equal(bus_key_parse_public("short", pk, &err),
	    WMS_ERR_INVALID);
	/* A key others may read is refused, and so is another file. */
	chmod(file, 0644);
	assert_int_equal(bus_key_load(file, &k, &err), WMS_ERR_DENIED);
	assert_non_null(strstr(err.msg, "chmod 600"));
	chmod(file, 0600);
	truncate(file, 40);
	assert_int_equal(bus_key_load(file, &k, &err), WMS_ERR_INVALID);
	unlink(file);
	assert_int_equal(bus_key_load(file, &k, &err), WMS_ERR_NOTFOUND);
	rmdir(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(envelope__small__one_message_that_parses_back),
		cmocka_unit_test(
		    envelope__one_part__the_bytes_jansson_would_write),
		cmocka_unit_test(
		    envelope__large__parts_under_the_limit_that_join_back),
		cmocka_unit_test(envelope__refusals__each_with_its_reason),
		cmocka_unit_test(envelope__bad_site__cannot_be_sent),
		cmocka_unit_test(sign__key_file__signs_and_verifies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
