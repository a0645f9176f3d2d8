/* Unit tests for lib/csv.c: records, line numbers, errors, headers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/csv.h"
#include "lib/err.h"

static struct wms_csv *
mem(const char *s)
{
	return wms_csv_open_mem(s, strlen(s));
}

/* Read the next record and expect exactly the n fields given, at line. */
static void
expect_record(struct wms_csv *csv, int line, size_t n, ...)
{
	struct wms_err	 err = { 0, "" };
	va_list		 ap;
	size_t		 i;

	assert_int_equal(wms_csv_next(csv, &err), 1);
	assert_int_equal(wms_csv_lineno(csv), line);
	assert_int_equal(wms_csv_nfields(csv), n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_string_equal(wms_csv_field(csv, i),
		    va_arg(ap, const char *));
	va_end(ap);
	assert_null(wms_csv_field(csv, n));
}

static void
expect_end(struct wms_csv *csv)
{
	struct wms_err	err = { 0, "" };

	assert_int_equal(wms_csv_next(csv, &err), 0);
}

/* Read records until the error and expect its message. */
static void
expect_error(const char *input, size_t len, const char *msg)
{
	struct wms_csv	*csv;
	struct wms_err	 err = { 0, "" };
	int		 rc;

	csv = wms_csv_open_mem(input, len);
	do {
		rc = wms_csv_next(csv, &err);
	} while (rc == 1);
	assert_int_equal(rc, WMS_ERR_INVALID);
	assert_int_equal(err.rc, WMS_ERR_INVALID);
	assert_string_equal(err.msg, msg);
	wms_csv_close(csv);
}

/* ---- records ---- */

static void
next__plain_fields__split_on_commas(void **state)
{
	struct wms_csv	*csv;

	(void)state;
	csv = mem("code,name,qty\nP-100,صمام كروي,12.5\n");
	expect_record(csv, 1, 3, "code", "name", "qty");
	expect_record(csv, 2, 3, "P-100", "صمام كروي", "12.5");
	expect_end(csv);
	expect_end(csv);
	wms_csv_close(csv);
}

static void
next__quoted_comma__one_field(void **state)
{
	struct wms_csv	*csv;

	(void)state;
	csv = mem("\"a,b\",c,\"\"\n");
	expect_record(csv, 1, 3, "a,b", "c", "");
	expect_end(csv);
	wms_csv_close(csv);
}

static void
next__doubled_quotes__one_quote(void **state)
{
	struct wms_csv	*csv;

	(void)state;
	csv = mem("\"2\"\" pipe\",\"\"\"\",\"say \"\"hi\"\"\"\n");
	expect_record(csv, 1, 3, "2\" pipe", "\"", "say \"hi\"");
	expect_end(csv);
	wms_csv_close(csv);
}

static void
next__quote_inside_unquoted__kept(void **state)
{
	struct wms_csv	*csv;

	(void)state;
	csv = mem("12\" pipe,a\"b\n");
	expect_record(csv, 1, 2, "12\" pipe", "a\"b");
	wms_csv_close(csv);
}

static void
next__embedded_newline__lines_counted(void **state)
{
	struct wms_csv	*csv;

	(void)state;
	csv = mem("h1,h2\n\"two\nlines\",x\n\"three\n\nlines\",y\nlast,z\n");
	expect_record(csv, 1, 2, "h1", "h2");
	expect_record(csv, 2, 2, "two\nlines", "x");
	expect_record(csv, 4, 2, "three\n\nlines", "y");
	expect_record(csv, 7, 2, "last", "z");
	expect_end(csv);
	wms_csv_close(csv);
}

static void
next__crlf__line_end_removed(void **state)
{
	struct wms_csv	*csv;

	(void)state;
	csv = mem("a,b\r\nc,\"d\"\r\n\"e\r\nf\",g\r\nh,i");
	expect_record(csv, 1, 2, "a", "b");
	expect_record(csv, 2, 2, "c", "d");
	expect_record(csv, 3, 2, "e\r\nf", "g");
	expect_record(csv, 5, 2, "h", "i");
	expect_end(csv);
	wms_csv_close(csv);
}

static void
next__bom__skipped(void **state)
{
	struct wms_csv	*csv;

	(void)state;
	csv = mem("\xEF\xBB\xBF" "code,qty\nA,1\n");
	expect_record(csv, 1, 2, "code", "qty");
	expect_record(csv, 2, 2, "A", "1");
	wms_csv_close(csv);

	/* Only at the very start: later it is data (U+FEFF). */
	csv = mem("a\n\xEF\xBB\xBF" "b\n");
	expect_record(csv, 1, 1, "a");
	expect_record(csv, 2, 1, "\xEF\xBB\xBF" "b");
	wms_csv_close(csv);

	csv = mem("\xEF\xBB\xBF");
	expect_end(csv);
	wms_csv_close(csv);
}

static void
next__blank_lines__skipped(void **state)
{
	struct wms_csv	*csv;

	(void)state;
	csv = mem("\n\r\na\n\n\nb,c\n\n");
	expect_record(csv, 3, 1, "a");
	expect_record(csv, 6, 2, "b", "c");
	expect_end(csv);
	wms_csv_close(csv);
}

static void
next__final_line_end__optional(void **state)
{
	struct wms_csv	*csv;

	(void)state;
	csv = mem("a,b\nc,d");
	expect_record(csv, 1, 2, "a", "b");
	expect_record(csv, 2, 2, "c", "d");
	expect_end(csv);
	wms_csv_close(csv);

	csv = mem("a,\"b\"");
	expect_record(csv, 1, 2, "a", "b");
	expect_end(csv);
	wms_csv_close(csv);
}

static void
next__empty_fields__kept(void **state)
{
	struct wms_csv	*csv;

	(void)state;
	csv = mem(",,\na,\n,b\n\"\"\n");
	expect_record(csv, 1, 3, "", "", "");
	expect_record(csv, 2, 2, "a", "");
	expect_record(csv, 3, 2, "", "b");
	expect_record(csv, 4, 1, "");
	expect_end(csv);
	wms_csv_close(csv);
}

static void
next__spaces__not_trimmed(void **state)
{
	struct wms_csv	*csv;

	(void)state;
	csv = mem(" a , b ,\t\n   \n");
	expect_record(csv, 1, 3, " a ", " b ", "\t");
	expect_record(csv, 2, 1, "   ");
	wms_csv_close(csv);
}

static void
next__empty_input__end(void **state)
{
	struct wms_csv	*csv;

	(void)state;
	csv = wms_csv_open_mem("", 0);
	expect_end(csv);
	assert_int_equal(wms_csv_nfields(csv), 0);
	assert_null(wms_csv_field(csv, 0));
	assert_int_equal(wms_csv_lineno(csv), 0);
	wms_csv_close(csv);
	wms_csv_close(NULL);
}

static void
next__input_buffer__copied(void **state)
{
	struct wms_csv	*csv;
	char		 buf[] = "x,y\n";

	(void)state;
	csv = wms_csv_open_mem(buf, strlen(buf));
	memset(buf, 'z', strlen(buf));
	expect_record(csv, 1, 2, "x", "y");
	wms_csv_close(csv);
}

static void
next__field_at_limit__accepted(void **state)
{
	struct wms_csv	*csv;
	char		*buf;
	size_t		 n = WMS_CSV_FIELD_MAX;
	struct wms_err	 err = { 0, "" };

	(void)state;
	buf = malloc(n + 8);
	assert_non_null(buf);
	buf[0] = '"';
	memset(buf + 1, 'q', n);
	memcpy(buf + 1 + n, "\",b\n", 4);
	csv = wms_csv_open_mem(buf, n + 5);
	assert_int_equal(wms_csv_next(csv, &err), 1);
	assert_int_equal(strlen(wms_csv_field(csv, 0)), n);
	assert_string_equal(wms_csv_field(csv, 1), "b");
	wms_csv_close(csv);
	free(buf);
}

static void
next__fields_at_limit__accepted(void **state)
{
	struct wms_csv	*csv;
	char		 buf[2 * WMS_CSV_FIELDS_MAX + 1];
	size_t		 i;
	struct wms_err	 err = { 0, "" };

	(void)state;
	for (i = 0; i < WMS_CSV_FIELDS_MAX; i++) {
		buf[2 * i] = 'a' + i % 26;
		buf[2 * i + 1] = ',';
	}
	buf[2 * WMS_CSV_FIELDS_MAX - 1] = '\n';
	csv = wms_csv_open_mem(buf, 2 * WMS_CSV_FIELDS_MAX);
	assert_int_equal(wms_csv_next(csv, &err), 1);
	assert_int_equal(wms_csv_nfields(csv), WMS_CSV_FIELDS_MAX);
	assert_string_equal(wms_csv_field(csv, WMS_CSV_FIELDS_MAX - 1),
	    "v");
	wms_csv_close(csv);
}

/* ---- errors ---- */

static void
next__unterminated_quote__error_at_its_line(void **state)
{
	const char	*s = "a,b\nc,d\n\ne,\"f\ng\nh\n";

	(void)state;
	expect_error(s, strlen(s), "line 4: unterminated quoted field");
	expect_error("\"", 1, "line 1: unterminated quoted field");
}

static void
next__invalid_utf8__error_at_its_line(void **state)
{
	const char	*s = "a\nb\nc\nd\ne\nf\nok,\xff\n";
	const char	*t = "h\n\"one\ntwo\xc0\xaf\",x\n";

	(void)state;
	expect_error(s, strlen(s), "line 7: invalid UTF-8");
	/* The line of the bad byte, inside a multi-line field. */
	expect_error(t, strlen(t), "line 3: invalid UTF-8");
	expect_error("\xed\xa0\x80\n", 4, "line 1: invalid UTF-8");
	expect_error("ab\xd8", 3, "line 1: invalid UTF-8");
}

static void
next__nul_byte__error(void **state)
{
	(void)state;
	expect_error("a\nb\0c\n", 6, "line 2: NUL byte");
}

static void
next__text_after_closing_quote__error(void **state)
{
	const char	*s = "a\nb\n\"c\"d,e\n";

	(void)state;
	expect_error(s, strlen(s), "line 3: text after closing quote");
	expect_error("\"a\" ,b\n", 7, "line 1: text after closing quote");
	expect_error("\"a\"\rb\n", 6, "line 1: text after closing quote");
}

static void
next__bare_cr__error(void **state)
{
	(void)state;
	expect_error("a\nb\rc\n", 6,
	    "line 2: carriage return without line feed");
	expect_error("a\r", 2, "line 1: carriage return without line feed");
}

static void
next__field_over_limit__error(void **state)
{
	char	*buf;
	size_t	 n = WMS_CSV_FIELD_MAX + 2;

	(void)state;
	buf = malloc(n + 2);
	assert_non_null(buf);
	memcpy(buf, "h\n", 2);
	memset(buf + 2, 'q', n);
	expect_error(buf, n + 2, "line 2: field longer than 65536 bytes");
	/* Quoted: one byte over the limit before the input ends. */
	buf[2] = '"';
	expect_error(buf, n + 2, "line 2: field longer than 65536 bytes");
	free(buf);
}

static void
next__too_many_fields__error(void **state)
{
	char	buf[2 * WMS_CSV_FIELDS_MAX + 16];
	size_t	i;

	(void)state;
	memcpy(buf, "h\n\n", 3);
	for (i = 0; i <= WMS_CSV_FIELDS_MAX; i++) {
		buf[3 + 2 * i] = 'x';
		buf[3 + 2 * i + 1] = ',';
	}
	/* 257 fields of "x", on line 3. */
	expect_error(buf, 3 + 2 * (WMS_CSV_FIELDS_MAX + 1) - 1,
	    "line 3: more than 256 fields");
}

static void
next__after_error__error_again(void **state)
{
	struct wms_csv	*csv;
	struct wms_err	 err = { 0, "" };

	(void)state;
	csv = mem("a\n\"b\"c\nd\n");
	expect_record(csv, 1, 1, "a");
	assert_int_equal(wms_csv_next(csv, &err), WMS_ERR_INVALID);
	assert_int_equal(wms_csv_nfields(csv), 0);
	assert_null(wms_csv_field(csv, 0));
	memset(&err, 0, sizeof err);
	assert_int_equal(wms_csv_next(csv, &err), WMS_ERR_INVALID);
	assert_string_equal(err.msg, "line 2: text after closing quote");
	assert_int_equal(wms_csv_next(csv, NULL), WMS_ERR_INVALID);
	wms_csv_close(csv);
}

/* ---- files ---- */

static void
open__missing_file__io_error(void **state)
{
	struct wms_err	err = { 0, "" };

	(void)state;
	assert_null(wms_csv_open("/nonexistent-dir/items.csv", &err));
	assert_int_equal(err.rc, WMS_ERR_IO);
	assert_non_null(strstr(err.msg, "/nonexistent-dir/items.csv"));
	assert_non_null(strstr(err.msg, "No such file or directory"));
}

static void
open__directory__io_error(void **state)
{
	struct wms_err	err = { 0, "" };

	(void)state;
	assert_null(wms_csv_open("/", &err));
	assert_int_equal(err.rc, WMS_ERR_IO);
	assert_non_null(strstr(err.msg, "Is a directory"));
}

static void
open__file__records_read(void **state)
{
	struct wms_csv	*csv;
	struct wms_err	 err = { 0, "" };
	char		 path[] = "/tmp/test-csv-XXXXXX";
	char		*big;
	const char	*head = "\xEF\xBB\xBF" "code,name\r\n";
	size_t		 i, n = 200000;
	int		 fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	/* Larger than the first read buffer, to cross its growth. */
	big = malloc(n);
	assert_non_null(big);
	for (i = 0; i < n; i++)
		big[i] = (i % 10 == 9) ? '\n' : 'a' + i % 10;
	assert_int_equal(write(fd, head, strlen(head)), (ssize_t)strlen(head));
	assert_int_equal(write(fd, big, n), (ssize_t)n);
	close(fd);
	free(big);

	csv = wms_csv_open(path, &err);
	unlink(path);
	assert_non_null(csv);
	expect_record(csv, 1, 2, "code", "name");
	for (i = 0; i < n / 10; i++)
		expect_record(csv, 2 + (int)i, 1, "abcdefghi");
	expect_end(csv);
	wms_csv_close(csv);
}

/* ---- header ---- */

static const char *const names[] = { "code", "name", "qty", "lot" };
static const char *const required[] = { "code", "qty", NULL };

static void
header__columns__mapped_any_order(void **state)
{
	struct wms_csv	*csv;
	struct wms_err	 err = { 0, "" };
	int		 index[4] = { 9, 9, 9, 9 };

	(void)state;
	csv = mem("\n QTY ,Code,\tname\t\n5,P-100,valve\n");
	assert_int_equal(wms_csv_header(csv, names, index, 4, required, &err),
	    0);
	assert_int_equal(index[0], 1);
	assert_int_equal(index[1], 2);
	assert_int_equal(index[2], 0);
	assert_int_equal(index[3], -1);
	expect_record(csv, 3, 3, "5", "P-100", "valve");
	wms_csv_close(csv);
}

static void
header__record_wider_or_narrower__error_at_its_line(void **state)
{
	struct wms_csv	*csv;
	struct wms_err	 err = { 0, "" };
	int		 index[4];

	(void)state;
	/* "2,5" written with a decimal comma: three fields under two. */
	csv = mem("code,qty\nP-100,3\nGSK-01,2,5\n");
	assert_int_equal(wms_csv_header(csv, names, index, 4, NULL, &err), 0);
	assert_int_equal(wms_csv_next(csv, &err), 1);
	assert_int_equal(wms_csv_next(csv, &err), WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "line 3"));
	assert_non_null(strstr(err.msg, "3 fields"));
	wms_csv_close(csv);
	csv = mem("code,qty\nP-100\n");
	assert_int_equal(wms_csv_header(csv, names, index, 4, NULL, &err), 0);
	assert_int_equal(wms_csv_next(csv, &err), WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "line 2"));
	wms_csv_close(csv);
}

static void
header__no_required__all_optional(void **state)
{
	struct wms_csv	*csv;
	struct wms_err	 err = { 0, "" };
	int		 index[4];

	(void)state;
	csv = mem("lot\n");
	assert_int_equal(wms_csv_header(csv, names, index, 4, NULL, &err), 0);
	assert_int_equal(index[0], -1);
	assert_int_equal(index[3], 0);
	wms_csv_close(csv);
}

/* Run the header on input and expect the error message. */
static void
expect_header_error(const char *input, const char *msg)
{
	struct wms_csv	*csv;
	struct wms_err	 err = { 0, "" };
	int		 index[4];

	csv = mem(input);
	assert_int_equal(wms_csv_header(csv, names, index, 4, required, &err),
	    WMS_ERR_INVALID);
	assert_int_equal(err.rc, WMS_ERR_INVALID);
	assert_string_equal(err.msg, msg);
	wms_csv_close(csv);
}

static void
header__unknown_column__error(void **state)
{
	(void)state;
	expect_header_error("code,qtty\n", "line 1: unknown column \"qtty\"");
	expect_header_error("\ncode, qty ,  colour \n",
	    "line 2: unknown column \"colour\"");
}

static void
header__missing_required__error(void **state)
{
	(void)state;
	expect_header_error("code,name\n1,2\n",
	    "line 1: missing column \"qty\" in header");
	expect_header_error("qty\n",
	    "line 1: missing column \"code\" in header");
}

static void
header__duplicate_column__error(void **state)
{
	(void)state;
	expect_header_error("code,qty,QTY \n",
	    "line 1: column \"QTY\" appears twice");
	expect_header_error("code,code,qty\n",
	    "line 1: column \"code\" appears twice");
}

static void
header__empty_column__error(void **state)
{
	(void)state;
	expect_header_error("code,qty,\n", "line 1: header column 3 is empty");
	expect_header_error("code, ,qty\n",
	    "line 1: header column 2 is empty");
}

static void
header__empty_input__error(void **state)
{
	(void)state;
	expect_header_error("", "line 1: no header: the input is empty");
	expect_header_error("\n\n", "line 3: no header: the input is empty");
}

static void
header__malformed_record__error(void **state)
{
	(void)state;
	expect_header_error("code,\"qty\n",
	    "line 1: unterminated quoted field");
}

/* ---- quoting ---- */

static void
check_quote(const char *field, const char *want)
{
	char	*got;

	got = wms_csv_quote(field);
	assert_string_equal(got, want);
	free(got);
}

static void
quote__plain__unchanged(void **state)
{
	(void)state;
	check_quote("P-100", "P-100");
	check_quote("صمام كروي", "صمام كروي");
	check_quote("", "");
	check_quote(NULL, "");
	check_quote("in side", "in side");
}

static void
quote__special__quoted(void **state)
{
	(void)state;
	check_quote("a,b", "\"a,b\"");
	check_quote("2\" pipe", "\"2\"\" pipe\"");
	check_quote("\"", "\"\"\"\"");
	check_quote("a\nb", "\"a\nb\"");
	check_quote("a\rb", "\"a\rb\"");
	check_quote(" lead", "\" lead\"");
	check_quote("trail ", "\"trail \"");
	check_quote("\ttab", "\"\ttab\"");
	check_quote(" ", "\" \"");
}

static void
quote__round_trip__same_fields(void **state)
{
	const char	*fields[] = {
		"", "plain", "a,b", "say \"hi\"", "two\nlines", "cr\r\nlf",
		"\r", " lead", "trail ", "\t", "\"", "\"\"\"", ",",
		"صمام، كروي \"2 inch\"", "中文,한국",
	};
	size_t		 nf = sizeof fields / sizeof fields[0];
	struct wms_csv	*csv;
	struct wms_err	 err = { 0, "" };
	char		*rec = NULL, *q;
	size_t		 i, len = 0;

	(void)state;
	/* All fields in one record, and each field alone in a record. */
	for (i = 0; i < nf; i++) {
		q = wms_csv_quote(fields[i]);
		rec = realloc(rec, len + strlen(q) + 2);
		assert_non_null(rec);
		memcpy(rec + len, q, strlen(q));
		len += strlen(q);
		rec[len++] = i + 1 < nf ? ',' : '\n';
		free(q);
	}
	for (i = 0; i < nf; i++) {
		q = wms_csv_quote(fields[i]);
		rec = realloc(rec, len + strlen(q) + 3);
		assert_non_null(rec);
		memcpy(rec + len, q, strlen(q));
		len += strlen(q);
		memcpy(rec + len, ",\n", 2);
		len += 2;
		free(q);
	}

	csv = wms_csv_open_mem(rec, len);
	free(rec);
	assert_int_equal(wms_csv_next(csv, &err), 1);
	assert_int_equal(wms_csv_nfields(csv), nf);
	for (i = 0; i < nf; i++)
		assert_string_equal(wms_csv_field(csv, i), fields[i]);
	for (i = 0; i < nf; i++) {
		assert_int_equal(wms_csv_next(csv, &err), 1);
		assert_int_equal(wms_csv_nfields(csv), 2);
		assert_string_equal(wms_csv_field(csv, 0), fields[i]);
		assert_string_equal(wms_csv_field(csv, 1), "");
	}
	assert_int_equal(wms_csv_next(csv, &err), 0);
	wms_csv_close(csv);
}

/* An input of more lines than the limit is refused at its first record. */
static void
next__lines_over_limit__refused_first(void **state)
{
	struct wms_csv	*csv;
	struct wms_err	 err;
	size_t		 n = (size_t)WMS_CSV_LINES_MAX + 1, i;
	char		*buf = malloc(2 * n + 1);

	(void)state;
	assert_non_null(buf);
	for (i = 0; i < n; i++)
		memcpy(buf + 2 * i, "a\n", 2);
	csv = wms_csv_open_mem(buf, 2 * n);
	assert_int_equal(wms_csv_next(csv, &err), WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "line 1000001: more than 1000000"));
	wms_csv_close(csv);
	/* At the limit, every line is read. */
	csv = wms_csv_open_mem(buf, 2 * (n - 1));
	for (i = 0; i < n - 1; i++)
		assert_int_equal(wms_csv_next(csv, &err), 1);
	assert_int_equal(wms_csv_next(csv, &err), 0);
	wms_csv_close(csv);
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(next__plain_fields__split_on_commas),
		cmocka_unit_test(next__quoted_comma__one_field),
		cmocka_unit_test(next__doubled_quotes__one_quote),
		cmocka_unit_test(next__quote_inside_unquoted__kept),
		cmocka_unit_test(next__embedded_newline__lines_counted),
		cmocka_unit_test(next__crlf__line_end_removed),
		cmocka_unit_test(next__bom__skipped),
		cmocka_unit_test(next__blank_lines__skipped),
		cmocka_unit_test(next__final_line_end__optional),
		cmocka_unit_test(next__empty_fields__kept),
		cmocka_unit_test(next__spaces__not_trimmed),
		cmocka_unit_test(next__empty_input__end),
		cmocka_unit_test(next__input_buffer__copied),
		cmocka_unit_test(next__field_at_limit__accepted),
		cmocka_unit_test(next__fields_at_limit__accepted),
		cmocka_unit_test(next__unterminated_quote__error_at_its_line),
		cmocka_unit_test(next__invalid_utf8__error_at_its_line),
		cmocka_unit_test(next__nul_byte__error),
		cmocka_unit_test(next__text_after_closing_quote__error),
		cmocka_unit_test(next__bare_cr__error),
		cmocka_unit_test(next__field_over_limit__error),
		cmocka_unit_test(next__too_many_fields__error),
		cmocka_unit_test(next__after_error__error_again),
		cmocka_unit_test(open__missing_file__io_error),
		cmocka_unit_test(open__directory__io_error),
		cmocka_unit_test(open__file__records_read),
		cmocka_unit_test(header__columns__mapped_any_order),
		cmocka_unit_test(header__no_required__all_optional),
		cmocka_unit_test(
		    header__record_wider_or_narrower__error_at_its_line),
		cmocka_unit_test(header__unknown_column__error),
		cmocka_unit_test(header__missing_required__error),
		cmocka_unit_test(header__duplicate_column__error),
		cmocka_unit_test(header__empty_column__error),
		cmocka_unit_test(header__empty_input__error),
		cmocka_unit_test(header__malformed_record__error),
		cmocka_unit_test(next__lines_over_limit__refused_first),
		cmocka_unit_test(quote__plain__unchanged),
		cmocka_unit_test(quote__special__quoted),
		cmocka_unit_test(quote__round_trip__same_fields),
	};

	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
