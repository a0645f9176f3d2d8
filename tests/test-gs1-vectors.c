/*
 * GS1 conformance: every in-scope vector of tests/data/gs1-vectors.json
 * (a copy of ../shared/conformance/gs1/vectors.json, described in
 * tests/data/gs1-vectors.md), leaving out those where the reference
 * implementations disagree, through label_scan_parse, with the verdict and
 * the fields the references expect.  A valid vector must parse as GS1 data
 * (or, for the "ean" form, as a retail barcode); an invalid one must be
 * refused or read as something that is not GS1 data.
 *
 * The file is found at $MAKHZAN_GS1_VECTORS, else tests/data/ from the
 * source folder (make check runs tests from there).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "labels/gs1.h"

static json_t *vectors;

static int
load(void **state)
{
	const char	*path = getenv("MAKHZAN_GS1_VECTORS");
	json_error_t	 jerr;

	(void)state;
	if (path == NULL)
		path = "tests/data/gs1-vectors.json";
	if ((vectors = json_load_file(path, 0, &jerr)) == NULL) {
		fprintf(stderr, "%s: %s (line %d)\n", path, jerr.text,
		    jerr.line);
		return -1;
	}
	return 0;
}

static int
unload(void **state)
{
	(void)state;
	json_decref(vectors);
	return 0;
}

/* The string field name of o, or "". */
static const char *
str(const json_t *o, const char *name)
{
	const char *s = json_string_value(json_object_get(o, name));

	return s != NULL ? s : "";
}

/* Thousandths of the decimal text s ("12345.6", "1.235"). */
static int64_t
milli(const char *s)
{
	int64_t	v = 0;
	int	dec = -1;

	for (; *s != '\0'; s++) {
		if (*s == '.') {
			dec = 0;
			continue;
		}
		if (dec >= 3)
			break;
		v = v * 10 + (*s - '0');
		if (dec >= 0)
			dec++;
	}
	for (dec = dec < 0 ? 0 : dec; dec < 3; dec++)
		v *= 10;
	return v;
}

/*
 * The first difference between the fields a vector expects and r, into
 * why; 0 when they agree.  Fields a vector does not name must be empty.
 */
static int
fields_differ(const json_t *want, const struct label_scan *r, char *why,
    size_t size)
{
	static const struct {
		const char	*name;
		size_t		 off;
	} texts[] = {
		{ "gtin", offsetof(struct label_scan, gtin) },
		{ "sscc", offsetof(struct label_scan, sscc) },
		{ "lot", offsetof(struct label_scan, lot) },
		{ "serial", offsetof(struct label_scan, serial) },
		{ "expiry", offsetof(struct label_scan, expiry) },
		{ "best_before", offsetof(struct label_scan, best_before) },
		{ "produced", offsetof(struct label_scan, produced) },
		{ "order", offsetof(struct label_scan, order) },
		{ "item91", offsetof(struct label_scan, item) },
	};
	const json_t	*v;
	const char	*got, *w;
	size_t		 i;
	int64_t		 n;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		got = (const char *)r + texts[i].off;
		w = json_string_value(json_object_get(want, texts[i].name));
		if (w == NULL)
			w = "";
		/* A retail barcode is reported as its GTIN-14. */
		if (r->kind == LABEL_SCAN_BARCODE && strcmp(texts[i].name,
		    "gtin") == 0)
			continue;
		if (strcmp(w, got) != 0) {
			snprintf(why, size, "%s: expected \"%s\", got \"%s\"",
			    texts[i].name, w, got);
			return 1;
		}
	}
	v = json_object_get(want, "count");
	n = v != NULL ? json_integer_value(v) : -1;
	if (n != r->count) {
		snprintf(why, size, "count: expected %" PRId64 ", got %" PRId64,
		    n, r->count);
		return 1;
	}
	w = json_string_value(json_object_get(want, "net_kg"));
	n = w != NULL ? milli(w) : -1;
	if (n != r->net_kg_milli) {
		snprintf(why, size, "net_kg: expected %" PRId64 " g, got %"
		    PRId64, n, r->net_kg_milli);
		return 1;
	}
	return 0;
}

/* What input shows as in a message: controls as \xNN. */
static void
shown(const char *s, char *out, size_t size)
{
	size_t o = 0;

	for (; *s != '\0' && o + 5 < size; s++) {
		if ((unsigned char)*s < 0x20)
			o += (size_t)snprintf(out + o, size - o, "\\x%02x",
			    (unsigned char)*s);
		else
			out[o++] = *s;
	}
	out[o] = '\0';
}

static void
vectors__in_scope__verdict_and_fields(void **state)
{
	struct label_scan	 r;
	struct wms_err		 err;
	const json_t		*v, *f;
	char			 why[1024], in[1024];
	size_t			 i;
	int			 expect, valid, tested = 0, failed = 0, rc;

	(void)state;
	assert_true(json_is_array(vectors));
	json_array_foreach(vectors, i, v) {
		if (strcmp(str(v, "scope"), "in") != 0 ||
		    json_is_true(json_object_get(v, "refs_disagree")))
			continue;
		tested++;
		expect = json_is_true(json_object_get(v, "expect"));
		wms_err_clear(&err);
		memset(&r, 0, sizeof r);
		rc = label_scan_parse(str(v, "input"), &r, &err);
		if (strcmp(str(v, "form"), "ean") == 0)
			valid = rc == 0 && r.kind == LABEL_SCAN_BARCODE;
		else
			valid = rc == 0 && r.kind == LABEL_SCAN_GS1;
		why[0] = '\0';
		if (valid != expect)
			snprintf(why, sizeof why, "expected %s, got %s%s",
			    expect ? "valid" : "refused", valid ? "valid" :
			    rc != 0 ? "refused: " : "not GS1 data",
			    rc != 0 ? err.msg : "");
		else if (valid && (f = json_object_get(v, "fields")) != NULL)
			fields_differ(f, &r, why, sizeof why);
		if (why[0] != '\0') {
			shown(str(v, "input"), in, sizeof in);
			fprintf(stderr, "vector %" JSON_INTEGER_FORMAT " (%s, "
			    "%s) \"%s\": %s\n",
			    json_integer_value(json_object_get(v, "id")),
			    str(v, "source"), str(v, "basis"), in, why);
			failed++;
		}
	}
	fprintf(stderr, "gs1 vectors: %d in scope, %d differ\n", tested,
	    failed);
	/* The copy is the whole suite: 673 in scope, 0 where refs disagree. */
	assert_true(tested >= 600);
	assert_int_equal(failed, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vectors__in_scope__verdict_and_fields),
	};

	return cmocka_run_group_tests(tests, load, unload);
}
