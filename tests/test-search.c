/*
 * Unit tests for item search (wms_item_each in core/master.c): the start
 * of a code, of a barcode, of words of the Arabic or English name, folded.
 */
#include "tests/fixture.h"

struct got {
	char	codes[512];
	int	n;
};

static int
collect(const struct db_item *it, void *arg)
{
	struct got *g = arg;

	size_t len = strlen(g->codes);

	snprintf(g->codes + len, sizeof g->codes - len, "%s%s",
	    g->n++ > 0 ? " " : "", it->code);
	return 0;
}

/* The codes found for text, in order, space-separated. */
static const char *
found(struct fx *f, const char *text, size_t limit)
{
	static struct got	g;

	memset(&g, 0, sizeof g);
	fx_ok(wms_item_each(f->w, text, limit, collect, &g, &f->err),
	    &f->err);
	return g.codes;
}

static void
setup_items(struct fx *f)
{
	fx_add_item(f, "VLV-BALL-2", "صمام كروي ٢ إنش", "Ball valve 2 inch",
	    "EA", "none", 0, "6281000000024");
	fx_add_item(f, "VLV-GATE-8", "صمام بوابة ٨ إنش", "Gate valve 8 inch",
	    "EA", "none", 0, "6282000000016");
}

static void
search__code_prefix__any_case(void **state)
{
	struct fx *f = *state;

	setup_items(f);
	assert_string_equal(found(f, "VLV", 0), "VLV-8 VLV-BALL-2 VLV-GATE-8");
	assert_string_equal(found(f, "vlv-b", 0), "VLV-BALL-2");
	assert_string_equal(found(f, "P-1", 0), "P-100");
	assert_string_equal(found(f, "VLV", 2), "VLV-8 VLV-BALL-2");
}

static void
search__barcode_prefix_and_whole(void **state)
{
	struct fx *f = *state;

	setup_items(f);
	assert_string_equal(found(f, "6281", 0), "P-100 VLV-BALL-2");
	assert_string_equal(found(f, "6282000000016", 0), "VLV-GATE-8");
	/* Arabic-Indic digits are folded: a scanner set to Arabic. */
	assert_string_equal(found(f, "٦٢٨٢", 0), "VLV-GATE-8");
	assert_string_equal(found(f, "6283", 0), "");
}

static void
search__name_words__arabic_folded_and_english(void **state)
{
	struct fx *f = *state;

	setup_items(f);
	assert_string_equal(found(f, "صمام", 0),
	    "VLV-8 VLV-BALL-2 VLV-GATE-8");
	/* Every word must match the start of a word of the name. */
	assert_string_equal(found(f, "صمام كرو", 0), "VLV-BALL-2");
	assert_string_equal(found(f, "valve ga", 0), "VLV-GATE-8");
	assert_string_equal(found(f, "valve 8", 0), "VLV-8 VLV-GATE-8");
	/* With tashkeel and a hamza form: the same. */
	assert_string_equal(found(f, "بِنتونيت", 0), "CHM-BENT");
	assert_string_equal(found(f, "اِنش بوابه", 0), "VLV-GATE-8");
	assert_string_equal(found(f, "nothing-like-it", 0), "");
}

static void
search__empty__all_by_code(void **state)
{
	struct fx *f = *state;

	assert_string_equal(found(f, "", 0), "CHM-BENT P-100 VLV-8");
	assert_string_equal(found(f, NULL, 1), "CHM-BENT");
	/* A quote in the text is searched, not an FTS5 syntax error. */
	assert_string_equal(found(f, "\"", 0), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(search__code_prefix__any_case,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    search__barcode_prefix_and_whole, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    search__name_words__arabic_folded_and_english, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(search__empty__all_by_code,
		    fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests_name("search", tests, NULL, NULL);
}
