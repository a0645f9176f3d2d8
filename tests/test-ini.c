/* Unit tests for lib/ini.c: entries and lines, every refusal, get and need. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lib/ini.h"

static const char *const main_keys[] = { "name", "size", "colour", NULL };
static const char *const part_keys[] = { "box", "value", NULL };

/* [main] and [part.NAME], NAME any non-empty word. */
static const char *const *
test_keys(const char *section)
{
	if (strcmp(section, "main") == 0)
		return main_keys;
	if (strncmp(section, "part.", 5) == 0 && section[5] != '\0')
		return part_keys;
	return NULL;
}

static const struct wms_ini_spec spec = {
	test_keys,
	"use [main] or [part.NAME]",
	" or ",
	"%s = %s is outside a section: start with [main]",
	"%s given again in [%s] (first at line %d)",
	"not a test line: use [section] or key = value",
	"a NUL byte: a test file is text",
};

/* The same file kind, its lists joined by commas only. */
static const struct wms_ini_spec comma_spec = {
	test_keys,
	"use [main] or [part.NAME]",
	", ",
	"%s = %s is outside a section: start with [main]",
	"%s given again in [%s] (first at line %d)",
	"not a test line: use [section] or key = value",
	"a NUL byte: a test file is text",
};

/* Expect text refused by sp at line with exactly the message msg. */
static void
refused_by(const struct wms_ini_spec *sp, const char *text, size_t len,
    int line, const char *msg)
{
	struct wms_ini	x;

	if (wms_ini_read(&x, sp, text, len) == 0) {
		wms_ini_free(&x);
		fail_msg("accepted:\n%s", text);
	}
	if (x.bad_line != line || strcmp(x.bad, msg) != 0)
		fail_msg("line %d: \"%s\", not line %d: \"%s\"", x.bad_line,
		    x.bad, line, msg);
	wms_ini_free(&x);
}

static void
refused(const char *text, int line, const char *msg)
{
	refused_by(&spec, text, strlen(text), line, msg);
}

static void
read__entries_and_sections__with_their_lines(void **state)
{
	static const char text[] =
	    "; a comment, then a blank line\n"
	    "\n"
	    "[main]\n"
	    "name = Flintec FT-11\n"
	    "size=3 ; a comment after a value\n"
	    "\n"
	    "[part.a]\n"
	    "  # an indented comment\n"
	    "box = 1 2 3 4\n"
	    "[part.b]\n"
	    "value = {code}";		/* no newline at the end */
	struct wms_ini		 x;
	struct wms_ini_ent	*e;

	(void)state;
	assert_int_equal(wms_ini_read(&x, &spec, text, strlen(text)), 0);
	assert_int_equal(x.bad_line, 0);
	assert_int_equal(x.nents, 4);
	assert_string_equal(x.ents[0].section, "main");
	assert_string_equal(x.ents[0].key, "name");
	assert_string_equal(x.ents[0].value, "Flintec FT-11");
	assert_int_equal(x.ents[0].line, 4);
	assert_string_equal(x.ents[1].value, "3");
	assert_int_equal(x.ents[1].line, 5);
	assert_int_equal(x.ents[2].line, 9);
	assert_int_equal(x.ents[3].line, 11);
	assert_int_equal(x.nsecs, 3);
	assert_string_equal(x.secs[0].name, "main");
	assert_int_equal(x.secs[0].line, 3);
	assert_string_equal(x.secs[2].name, "part.b");
	assert_int_equal(x.secs[2].line, 10);
	assert_int_equal(wms_ini_sec_line(&x, "part.a"), 7);
	assert_int_equal(wms_ini_sec_line(&x, "part.c"), 0);
	e = wms_ini_get(&x, "part.a", "box");
	assert_non_null(e);
	assert_string_equal(e->value, "1 2 3 4");
	assert_null(wms_ini_get(&x, "part.b", "box"));
	assert_null(wms_ini_get(&x, "main", "colour"));
	wms_ini_free(&x);
	/* Freed twice is fine: the arrays are gone. */
	wms_ini_free(&x);
	assert_int_equal(x.nents, 0);
}

static void
read__empty_text__no_entries(void **state)
{
	struct wms_ini	x;

	(void)state;
	assert_int_equal(wms_ini_read(&x, &spec, "", 0), 0);
	assert_int_equal(x.nents, 0);
	assert_int_equal(x.nsecs, 0);
	wms_ini_free(&x);
}

static void
refused__duplicate_key(void **state)
{
	(void)state;
	refused("[main]\nname = a\nsize = 1\nname = b\n", 4,
	    "name given again in [main] (first at line 2)");
	/* An indented line continues the line above in inih: a key again. */
	refused("[main]\nname = a\n   b\n", 3,
	    "name given again in [main] (first at line 2)");
}

static void
refused__duplicate_section(void **state)
{
	(void)state;
	refused("[main]\nname = a\n[part.a]\nbox = 1\n[main]\nsize = 2\n", 5,
	    "section [main] again: it was at line 1");
}

static void
refused__unknown_section(void **state)
{
	(void)state;
	/* With keys, and without: the reader sees the header itself. */
	refused("[main]\nname = a\n[bogus]\nx = 1\n", 3,
	    "unknown section [bogus]: use [main] or [part.NAME]");
	refused("[main]\nname = a\n[part.]\n", 3,
	    "unknown section [part.]: use [main] or [part.NAME]");
	/* The first error is kept. */
	refused("[bogus]\n[other]\n", 1,
	    "unknown section [bogus]: use [main] or [part.NAME]");
}

static void
refused__unknown_key__with_the_allowed_list(void **state)
{
	static const char text[] = "[main]\nname = a\nshape = round\n";

	(void)state;
	refused(text, 3, "unknown key \"shape\" in [main]: use name, size or "
	    "colour");
	refused_by(&comma_spec, text, strlen(text), 3, "unknown key "
	    "\"shape\" in [main]: use name, size, colour");
	refused("[part.x]\ncolour = red\n", 2, "unknown key \"colour\" in "
	    "[part.x]: use box or value");
}

static void
refused__key_outside_a_section(void **state)
{
	(void)state;
	refused("name = a\n[main]\n", 1,
	    "name = a is outside a section: start with [main]");
	refused("; a comment\n\nsize = 2\n", 3,
	    "size = 2 is outside a section: start with [main]");
}

static void
refused__too_long_line(void **state)
{
	char	buf[600];

	(void)state;
	snprintf(buf, sizeof buf, "[main]\nname = a\nsize = %0300d\n", 0);
	refused(buf, 3, "line longer than 197 characters");
	/* An earlier error wins over the long line, a later one loses. */
	snprintf(buf, sizeof buf, "[main]\nshape = x\nsize = %0300d\n", 0);
	refused(buf, 2, "unknown key \"shape\" in [main]: use name, size or "
	    "colour");
	snprintf(buf, sizeof buf, "[main]\nsize = %0300d\nshape = x\n", 0);
	refused(buf, 2, "line longer than 197 characters");
}

static void
refused__not_an_ini_line_or_nul(void **state)
{
	static const char nul[] = "[main]\nname = a\nsi\0ze = 1\n";

	(void)state;
	refused("[main]\nname a\n", 2,
	    "not a test line: use [section] or key = value");
	refused("[main\nname = a\n", 1,
	    "not a test line: use [section] or key = value");
	refused_by(&spec, nul, sizeof nul - 1, 3,
	    "a NUL byte: a test file is text");
}

static void
need_and_get(void **state)
{
	static const char text[] = "[main]\nname = a\n\n[part.a]\nbox = 1\n";
	struct wms_ini		 x;
	struct wms_ini_ent	*e;

	(void)state;
	assert_int_equal(wms_ini_read(&x, &spec, text, strlen(text)), 0);
	e = wms_ini_need(&x, "main", "name", "a name");
	assert_non_null(e);
	assert_string_equal(e->value, "a");
	assert_int_equal(e->line, 2);
	assert_int_equal(x.bad_line, 0);
	/* Missing: named at the section's header line. */
	assert_null(wms_ini_need(&x, "part.a", "value", "text with "
	    "{placeholders}"));
	assert_int_equal(x.bad_line, 4);
	assert_string_equal(x.bad, "[part.a] needs value = text with "
	    "{placeholders}");
	/* The first error stays. */
	assert_null(wms_ini_need(&x, "main", "size", "1 to 9"));
	assert_int_equal(wms_ini_bad(&x, 9, "%s", "later"), -1);
	assert_int_equal(x.bad_line, 4);
	assert_string_equal(x.bad, "[part.a] needs value = text with "
	    "{placeholders}");
	wms_ini_free(&x);
}

static void
list_text__forms(void **state)
{
	static const char *const three[] = { "kg", "g", "t", NULL };
	char	buf[40], tiny[6];

	(void)state;
	wms_ini_list_text(three, SIZE_MAX, " or ", buf, sizeof buf);
	assert_string_equal(buf, "kg, g or t");
	wms_ini_list_text(three, 2, " or ", buf, sizeof buf);
	assert_string_equal(buf, "kg or g");
	wms_ini_list_text(three, 1, " or ", buf, sizeof buf);
	assert_string_equal(buf, "kg");
	wms_ini_list_text(three, SIZE_MAX, ", ", buf, sizeof buf);
	assert_string_equal(buf, "kg, g, t");
	/* Cut, never overrun. */
	wms_ini_list_text(three, SIZE_MAX, " or ", tiny, sizeof tiny);
	assert_string_equal(tiny, "kg, g");
	assert_true(wms_ini_in_list(three, "g"));
	assert_false(wms_ini_in_list(three, "lb"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(read__entries_and_sections__with_their_lines),
		cmocka_unit_test(read__empty_text__no_entries),
		cmocka_unit_test(refused__duplicate_key),
		cmocka_unit_test(refused__duplicate_section),
		cmocka_unit_test(refused__unknown_section),
		cmocka_unit_test(refused__unknown_key__with_the_allowed_list),
		cmocka_unit_test(refused__key_outside_a_section),
		cmocka_unit_test(refused__too_long_line),
		cmocka_unit_test(refused__not_an_ini_line_or_nul),
		cmocka_unit_test(need_and_get),
		cmocka_unit_test(list_text__forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
