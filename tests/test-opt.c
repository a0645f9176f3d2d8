/* Unit tests for lib/opt.c: options from tables, argv never changed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/opt.h"

enum { K_TO = 'T', K_LOT = 'L', K_SERIAL = 'S', K_PENDING = 'p',
    K_REASON = 'W', K_PWFILE = 0x100, K_DB, K_VERBOSE, K_OUT };

static const struct wms_opt cmd_table[] = {
	{ .name = "to", .key = K_TO, .flags = WMS_OPT_VALUE },
	{ .name = "lot", .key = K_LOT, .flags = WMS_OPT_VALUE },
	{ .name = "serial", .key = K_SERIAL,
	    .flags = WMS_OPT_VALUE | WMS_OPT_MANY },
	{ .name = "pending", .key = K_PENDING },
	{ .name = "reason", .key = K_REASON, .flags = WMS_OPT_VALUE },
	{ .name = "verbose", .key = K_VERBOSE, .letter = 'v' },
	{ .name = "out", .key = K_OUT, .letter = 'o', .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

static const struct wms_opt global_table[] = {
	{ .name = "password-file", .key = K_PWFILE, .flags = WMS_OPT_VALUE },
	{ .name = "db", .key = K_DB, .flags = WMS_OPT_VALUE },
	{ .name = NULL }
};

static const struct wms_opt *const tables[] = {
	cmd_table, global_table, NULL
};

/* Parse a NULL-terminated list of words; the rc. */
static int
parse_words(const char *const *words, int flags, struct wms_args *a,
    struct wms_err *err)
{
	char	*argv[64];
	int	 argc = 0;

	while (words[argc] != NULL) {
		assert_true(argc < 63);
		argv[argc] = (char *)words[argc];
		argc++;
	}
	argv[argc] = NULL;
	wms_err_clear(err);
	return wms_opt_parse(argc, argv, tables, flags, a, err);
}

/* Expect a usage error whose message contains want. */
static void
parse_refused(const char *const *words, const char *want)
{
	struct wms_args	a;
	struct wms_err	err;
	int		rc = parse_words(words, 0, &a, &err);

	if (rc != WMS_ERR_USAGE)
		fail_msg("rc %d for \"%s ...\", wanted a usage error", rc,
		    words[0]);
	if (strstr(err.msg, want) == NULL)
		fail_msg("\"%s\" not in \"%s\"", want, err.msg);
	assert_null(strchr(err.msg, '\n'));
	wms_opt_free(&a);
}

static void
parse__options_and_arguments__in_the_order_given(void **state)
{
	static const char *const w[] = { "--to", "HMS/A/01", "P-100", "--lot",
	    "L1", "5", "--pending", "BAG", "--reason=late stock", NULL };
	struct wms_args	a;
	struct wms_err	err;

	(void)state;
	assert_int_equal(parse_words(w, 0, &a, &err), 0);
	assert_int_equal(a.nargs, 3);
	assert_string_equal(a.args[0], "P-100");
	assert_string_equal(a.args[1], "5");
	assert_string_equal(a.args[2], "BAG");
	assert_int_equal(a.nopts, 4);
	assert_int_equal(a.opts[0].key, K_TO);
	assert_string_equal(a.opts[0].value, "HMS/A/01");
	assert_int_equal(a.opts[2].key, K_PENDING);
	assert_null(a.opts[2].value);
	assert_string_equal(wms_opt_value(&a, K_LOT), "L1");
	assert_string_equal(wms_opt_value(&a, K_REASON), "late stock");
	assert_true(wms_opt_given(&a, K_PENDING));
	assert_false(wms_opt_given(&a, K_SERIAL));
	assert_null(wms_opt_value(&a, K_SERIAL));
	wms_opt_free(&a);
}

static void
parse__negative_numbers__are_arguments(void **state)
{
	static const char *const w[] = { "HMS/A/01", "P-100", "-5", "-.5",
	    "-٥", "-۵", "-٫٥", "-0", NULL };
	struct wms_args	a;
	struct wms_err	err;
	int		i;

	(void)state;
	assert_int_equal(parse_words(w, 0, &a, &err), 0);
	assert_int_equal(a.nopts, 0);
	assert_int_equal(a.nargs, 8);
	for (i = 0; i < 8; i++)
		assert_string_equal(a.args[i], w[i]);
	wms_opt_free(&a);
}

static void
wms_opt_number__what_reads_as_a_number(void **state)
{
	(void)state;
	assert_true(wms_opt_number("-1"));
	assert_true(wms_opt_number("-12.5"));
	assert_true(wms_opt_number("-.5"));
	assert_true(wms_opt_number("-٣"));
	assert_true(wms_opt_number("-۳"));
	assert_true(wms_opt_number("-٫٣"));
	assert_false(wms_opt_number("-"));
	assert_false(wms_opt_number("-."));
	assert_false(wms_opt_number("--5"));
	assert_false(wms_opt_number("-x5"));
	assert_false(wms_opt_number("5"));
	assert_false(wms_opt_number("-ب"));
}

static void
parse__a_value_is_the_next_word_whatever_it_is(void **state)
{
	static const char *const w[] = { "--reason", "-x", "--lot", "--to",
	    "--to", "-5", NULL };
	struct wms_args	a;
	struct wms_err	err;

	(void)state;
	assert_int_equal(parse_words(w, 0, &a, &err), 0);
	assert_string_equal(wms_opt_value(&a, K_REASON), "-x");
	assert_string_equal(wms_opt_value(&a, K_LOT), "--to");
	assert_string_equal(wms_opt_value(&a, K_TO), "-5");
	assert_int_equal(a.nargs, 0);
	wms_opt_free(&a);
}

static void
parse__double_dash_ends_the_options(void **state)
{
	static const char *const w[] = { "--pending", "--", "--to", "-x", "-",
	    NULL };
	struct wms_args	a;
	struct wms_err	err;

	(void)state;
	assert_int_equal(parse_words(w, 0, &a, &err), 0);
	assert_int_equal(a.nopts, 1);
	assert_int_equal(a.nargs, 3);
	assert_string_equal(a.args[0], "--to");
	assert_string_equal(a.args[1], "-x");
	assert_string_equal(a.args[2], "-");
	wms_opt_free(&a);
}

static void
parse__a_lone_dash_is_an_argument(void **state)
{
	static const char *const w[] = { "-", "--to", "X", NULL };
	struct wms_args	a;
	struct wms_err	err;

	(void)state;
	assert_int_equal(parse_words(w, 0, &a, &err), 0);
	assert_int_equal(a.nargs, 1);
	assert_string_equal(a.args[0], "-");
	wms_opt_free(&a);
}

static void
parse__no_abbreviation__refused_without_the_secret(void **state)
{
	static const char *const w1[] = { "--password", "SECRET", NULL };
	static const char *const w2[] = { "--password=SECRET", NULL };
	static const char *const w3[] = { "--pass", "SECRET", NULL };
	static const char *const w4[] = { "--p=SECRET", NULL };
	static const char *const w5[] = { "--dbx", "x.db", NULL };
	static const char *const w6[] = { "--password-fil", "f", NULL };
	struct wms_args	a;
	struct wms_err	err;

	(void)state;
	parse_refused(w1, "unknown option --password");
	parse_refused(w2, "unknown option --password");
	parse_refused(w3, "unknown option --pass");
	parse_refused(w4, "unknown option --p");
	parse_refused(w5, "unknown option --dbx");
	parse_refused(w6, "unknown option --password-fil");
	assert_int_equal(parse_words(w2, 0, &a, &err), WMS_ERR_USAGE);
	assert_null(strstr(err.msg, "SECRET"));
	assert_null(strchr(err.msg, '='));
	wms_opt_free(&a);
	assert_int_equal(parse_words(w1, 0, &a, &err), WMS_ERR_USAGE);
	assert_null(strstr(err.msg, "SECRET"));
	wms_opt_free(&a);
}

static void
parse__exact_names_of_every_table(void **state)
{
	static const char *const w[] = { "--password-file", "pw.txt",
	    "--db=x.db", "--to", "A", NULL };
	struct wms_args	a;
	struct wms_err	err;

	(void)state;
	assert_int_equal(parse_words(w, 0, &a, &err), 0);
	assert_string_equal(wms_opt_value(&a, K_PWFILE), "pw.txt");
	assert_string_equal(wms_opt_value(&a, K_DB), "x.db");
	assert_string_equal(wms_opt_value(&a, K_TO), "A");
	wms_opt_free(&a);
}

static void
parse__misuse__one_line_usage_errors(void **state)
{
	static const char *const twice[] = { "--to", "A", "--to", "B", NULL };
	static const char *const novalue[] = { "P-100", "--lot", NULL };
	static const char *const flagvalue[] = { "--pending=yes", NULL };
	static const char *const shortflag[] = { "-vx", NULL };
	static const char *const unknown[] = { "-x", NULL };
	static const char *const arabic[] = { "-بSECRET", NULL };
	static const char *const ctrl[] = { "--a\nb\x01\xff", NULL };
	static const char *const empty[] = { "--=x", NULL };

	(void)state;
	parse_refused(twice, "option --to is given twice");
	parse_refused(novalue, "option --lot needs a value");
	parse_refused(flagvalue, "option --pending takes no value");
	parse_refused(shortflag, "option --verbose takes no value");
	parse_refused(unknown, "unknown option -x");
	parse_refused(arabic, "unknown option -ب");
	parse_refused(ctrl, "unknown option --a\\x0ab\\x01\\xff");
	parse_refused(empty, "unknown option --");
}

static void
parse__hostile_option_names__quoted_and_bounded(void **state)
{
	static char	 name[4096];
	const char	*w[] = { name, NULL };
	struct wms_args	 a;
	struct wms_err	 err;

	(void)state;
	memset(name, 'x', sizeof name - 1);
	name[0] = name[1] = '-';
	name[sizeof name - 1] = '\0';
	assert_int_equal(parse_words(w, 0, &a, &err), WMS_ERR_USAGE);
	assert_true(strlen(err.msg) < 120);
	assert_non_null(strstr(err.msg, "..."));
	wms_opt_free(&a);
}

static void
parse__repeats__many_kept_flags_once(void **state)
{
	static const char *const w[] = { "--serial", "S1", "--pending",
	    "--serial=S2", "--pending", "--serial", "S1", NULL };
	struct wms_args	a;
	struct wms_err	err;
	int		i, n = 0;

	(void)state;
	assert_int_equal(parse_words(w, 0, &a, &err), 0);
	for (i = 0; i < a.nopts; i++)
		n += a.opts[i].key == K_SERIAL;
	assert_int_equal(n, 3);
	assert_int_equal(a.nopts, 4);
	wms_opt_free(&a);
}

static void
parse__short_letters(void **state)
{
	static const char *const w[] = { "-v", "-o", "a.png", "-ob.png",
	    NULL };
	static const char *const w2[] = { "-o", "a.png", "-v", NULL };
	static const char *const w3[] = { "-o", NULL };
	struct wms_args	a;
	struct wms_err	err;

	(void)state;
	/* -o twice: a value option given twice. */
	parse_refused(w, "option --out is given twice");
	assert_int_equal(parse_words(w2, 0, &a, &err), 0);
	assert_true(wms_opt_given(&a, K_VERBOSE));
	assert_string_equal(wms_opt_value(&a, K_OUT), "a.png");
	wms_opt_free(&a);
	parse_refused(w3, "option --out needs a value");
}

static void
parse__stop__the_first_argument_ends_the_options(void **state)
{
	static const char *const w[] = { "--db", "x.db", "adjust", "A", "--to",
	    "--", "-5", "--bogus", NULL };
	struct wms_args	a;
	struct wms_err	err;
	int		i;

	(void)state;
	assert_int_equal(parse_words(w, WMS_OPT_STOP, &a, &err), 0);
	assert_int_equal(a.nopts, 1);
	assert_int_equal(a.nargs, 6);
	for (i = 0; i < 6; i++)
		assert_string_equal(a.args[i], w[i + 2]);
	wms_opt_free(&a);
}

static void
parse__argv_is_not_changed(void **state)
{
	static const char *const w[] = { "adjust", "-5", "--reason", "-x",
	    "--serial", "S", "--", "-٥", "--to=A", NULL };
	char		*argv[16], *copy[16], *text[16];
	struct wms_args	 a;
	struct wms_err	 err;
	int		 i, n;

	(void)state;
	for (n = 0; w[n] != NULL; n++) {
		argv[n] = strdup(w[n]);
		copy[n] = argv[n];
		text[n] = strdup(w[n]);
	}
	argv[n] = NULL;
	assert_int_equal(wms_opt_parse(n, argv, tables, 0, &a, &err), 0);
	for (i = 0; i < n; i++) {
		assert_ptr_equal(argv[i], copy[i]);
		assert_string_equal(argv[i], text[i]);
	}
	assert_null(argv[n]);
	/* The arguments point into argv: nothing was copied or marked. */
	assert_ptr_equal(a.args[1], argv[1]);
	wms_opt_free(&a);
	for (i = 0; i < n; i++) {
		free(argv[i]);
		free(text[i]);
	}
}

/* The old parser kept 30 options of a table and dropped the rest. */
static void
parse__no_limit__every_option_and_argument(void **state)
{
	enum { NOPT = 100, NPAIR = 10000 };
	static struct wms_opt	 big[NOPT + 1];
	static char		 names[NOPT][16], typed[NOPT][16];
	const struct wms_opt	*t[] = { big, NULL };
	char			**argv;
	struct wms_args		 a;
	struct wms_err		 err;
	int			 i, argc = 0;

	(void)state;
	for (i = 0; i < NOPT; i++) {
		snprintf(names[i], sizeof names[i], "opt-%d", i);
		snprintf(typed[i], sizeof typed[i], "--opt-%d", i);
		big[i].name = names[i];
		big[i].key = 0x1000 + i;
		big[i].flags = WMS_OPT_VALUE | WMS_OPT_MANY;
	}
	big[NOPT].name = NULL;
	argv = calloc(2 * NPAIR + 1, sizeof *argv);
	assert_non_null(argv);
	/* Pairs: an option of the table and its value, or two arguments. */
	for (i = 0; i < NPAIR; i++) {
		argv[argc++] = i % 2 ? typed[(i / 2) % NOPT] : (char *)"arg";
		argv[argc++] = (char *)(i % 2 ? "v" : "-7");
	}
	assert_int_equal(wms_opt_parse(argc, argv, t, 0, &a, &err), 0);
	assert_int_equal(a.nopts, NPAIR / 2);
	assert_int_equal(a.nargs, NPAIR);
	for (i = 0; i < NOPT; i++)
		assert_int_equal(a.opts[i].key, 0x1000 + i);
	assert_string_equal(a.args[a.nargs - 1], "-7");
	wms_opt_free(&a);
	free(argv);
}


static void
parse__invalid_utf8_and_empty_values__refused(void **state)
{
	static const char *const lot[] = { "--lot", "\xff\xfe\xc3", NULL };
	static const char *const lot_eq[] = { "--lot=\xc0\xaf", NULL };
	static const char *const arg[] = { "P-\xed\xa0\x80", "5", NULL };
	static const char *const stop[] = { "receive", "\xff", NULL };
	static const char *const empty[] = { "--lot", "", NULL };
	static const char *const empty_eq[] = { "--reason=", NULL };
	struct wms_args	a;
	struct wms_err	err;

	(void)state;
	assert_int_equal(parse_words(lot, 0, &a, &err), WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "--lot"));
	assert_non_null(strstr(err.msg, "\\xff\\xfe\\xc3"));
	wms_opt_free(&a);
	assert_int_equal(parse_words(lot_eq, 0, &a, &err), WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "byte 1"));
	wms_opt_free(&a);
	assert_int_equal(parse_words(arg, 0, &a, &err), WMS_ERR_INVALID);
	wms_opt_free(&a);
	/* After a stop the words are the command's, checked by its parse. */
	assert_int_equal(parse_words(stop, WMS_OPT_STOP, &a, &err), 0);
	wms_opt_free(&a);
	parse_refused(empty, "--lot needs a value");
	parse_refused(empty_eq, "--reason needs a value");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    parse__options_and_arguments__in_the_order_given),
		cmocka_unit_test(parse__negative_numbers__are_arguments),
		cmocka_unit_test(
		    parse__invalid_utf8_and_empty_values__refused),
		cmocka_unit_test(wms_opt_number__what_reads_as_a_number),
		cmocka_unit_test(
		    parse__a_value_is_the_next_word_whatever_it_is),
		cmocka_unit_test(parse__double_dash_ends_the_options),
		cmocka_unit_test(parse__a_lone_dash_is_an_argument),
		cmocka_unit_test(
		    parse__no_abbreviation__refused_without_the_secret),
		cmocka_unit_test(parse__exact_names_of_every_table),
		cmocka_unit_test(parse__misuse__one_line_usage_errors),
		cmocka_unit_test(
		    parse__hostile_option_names__quoted_and_bounded),
		cmocka_unit_test(parse__repeats__many_kept_flags_once),
		cmocka_unit_test(parse__short_letters),
		cmocka_unit_test(
		    parse__stop__the_first_argument_ends_the_options),
		cmocka_unit_test(parse__argv_is_not_changed),
		cmocka_unit_test(parse__no_limit__every_option_and_argument),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
