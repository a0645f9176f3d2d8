/* RFC 4180 CSV reader (whole input in memory) and field quoter. */
#include "lib/csv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/err.h"
#include "lib/i18n.h"
#include "lib/text.h"
#include "lib/xmalloc.h"

struct wms_csv {
	char		*buf;		/* the whole input */
	size_t		 len;
	size_t		 pos;		/* next byte to read */
	int		 line;		/* line of buf[pos] */
	int		 recline;	/* line where the record starts */

	char		*data;		/* fields, each NUL-terminated */
	size_t		 datalen;
	size_t		 datasize;
	size_t		 off[WMS_CSV_FIELDS_MAX];
	size_t		 nfields;

	size_t		 width;		/* fields of the header, once read */
	int		 failed;	/* a malformed record was met */
	int		 toomany;	/* more lines than WMS_CSV_LINES_MAX */
	struct wms_err	 error;		/* and this is what was said */
};

/*
 * The lines of buf, not counting line ends at its end: counted before the
 * first record, so that an input past the limit is refused before a
 * caller has done anything with a million records of it.
 */
static size_t
csv_lines(const char *buf, size_t len)
{
	const char	*p, *end;
	size_t		 n = 1;

	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		len--;
	if (len == 0)
		return 0;
	for (p = buf, end = buf + len; (p = memchr(p, '\n', (size_t)(end -
	    p))) != NULL; p++)
		n++;
	return n;
}

static struct wms_csv *
csv_new(char *buf, size_t len)
{
	struct wms_csv	*csv;

	csv = xcalloc(1, sizeof *csv);
	csv->buf = buf;
	csv->len = len;
	csv->line = 1;
	csv->toomany = csv_lines(buf, len) > WMS_CSV_LINES_MAX;
	/* A UTF-8 byte order mark at the very start is not data. */
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		csv->pos = 3;
	return csv;
}

struct wms_csv *
wms_csv_open(const char *path, struct wms_err *err)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 len = 0, size = 0, n;
	int	 saved;

	f = fopen(path, "rb");
	if (f == NULL) {
		wms_err_set(err, WMS_ERR_IO, _("cannot open %s: %s"), path,
		    strerror(errno));
		return NULL;
	}
	for (;;) {
		if (size - len < 8192) {
			size = size == 0 ? 65536 : size * 2;
			if (size > WMS_CSV_FILE_MAX + 65536)
				size = WMS_CSV_FILE_MAX + 65536;
			buf = xrealloc(buf, size);
		}
		n = fread(buf + len, 1, size - len, f);
		len += n;
		if (n == 0)
			break;
		if (len > WMS_CSV_FILE_MAX) {
			fclose(f);
			free(buf);
			wms_err_set(err, WMS_ERR_INVALID,
			    _("%s is larger than %d MiB, the most a CSV file "
			    "may be: split it"), path,
			    WMS_CSV_FILE_MAX / (1024 * 1024));
			return NULL;
		}
	}
	if (ferror(f)) {
		saved = errno;
		fclose(f);
		free(buf);
		wms_err_set(err, WMS_ERR_IO, _("cannot read %s: %s"), path,
		    strerror(saved));
		return NULL;
	}
	fclose(f);
	return csv_new(buf, len);
}

struct wms_csv *
wms_csv_open_mem(const char *buf, size_t len)
{
	char	*copy;

	copy = xmalloc(len);
	if (len > 0)
		memcpy(copy, buf, len);
	return csv_new(copy, len);
}

void
wms_csv_close(struct wms_csv *csv)
{
	if (csv == NULL)
		return;
	free(csv->buf);
	free(csv->data);
	free(csv);
}

/* Remember a malformed record: this and every later call reports it. */
static int __attribute__((format(printf, 3, 4)))
csv_fail(struct wms_csv *csv, struct wms_err *err, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	wms_err_setv(&csv->error, WMS_ERR_INVALID, fmt, ap);
	va_end(ap);
	csv->failed = 1;
	csv->nfields = 0;
	csv->datalen = 0;
	if (err != NULL)
		*err = csv->error;
	return WMS_ERR_INVALID;
}

/* Append c to the record's data. */
static void
csv_put(struct wms_csv *csv, char c)
{
	if (csv->datalen == csv->datasize) {
		csv->datasize = csv->datasize == 0 ? 256 : csv->datasize * 2;
		csv->data = xrealloc(csv->data, csv->datasize);
	}
	csv->data[csv->datalen++] = c;
}

/* Append c to the field being read; -1 when the field is already full. */
static int
csv_add(struct wms_csv *csv, char c)
{
	if (csv->datalen - csv->off[csv->nfields] >= WMS_CSV_FIELD_MAX)
		return -1;
	csv_put(csv, c);
	return 0;
}

/* Is buf[pos] the start of a line end (LF or CRLF)? */
static int
csv_at_eol(const struct wms_csv *csv, size_t pos)
{
	if (pos >= csv->len)
		return 0;
	if (csv->buf[pos] == '\n')
		return 1;
	return csv->buf[pos] == '\r' && pos + 1 < csv->len &&
	    csv->buf[pos + 1] == '\n';
}

/* Step over the line end at csv->pos. */
static void
csv_skip_eol(struct wms_csv *csv)
{
	csv->pos += csv->buf[csv->pos] == '\r' ? 2 : 1;
	csv->line++;
}

/*
 * Check the field just read, which started on line first; on failure name
 * the line of the first bad byte.
 */
static int
csv_check_field(struct wms_csv *csv, int first, struct wms_err *err)
{
	size_t		 len = csv->datalen - csv->off[csv->nfields];
	const char	*s;
	size_t		 i, k;
	uint32_t	 cp;
	int		 n, line;

	if (len == 0)
		return 0;	/* an empty field: data may still be NULL */
	s = csv->data + csv->off[csv->nfields];

	for (i = 0; i < len; i += (size_t)n) {
		n = wms_utf8_next(s + i, len - i, &cp);
		if (n > 0 && cp != 0)
			continue;
		line = first;
		for (k = 0; k < i; k++)
			if (s[k] == '\n')
				line++;
		if (n > 0)
			return csv_fail(csv, err, _("line %d: NUL byte"), line);
		return csv_fail(csv, err, _("line %d: invalid UTF-8"), line);
	}
	return 0;
}

int
wms_csv_next(struct wms_csv *csv, struct wms_err *err)
{
	const char	*b = csv->buf;
	int		 first, rc;

	if (csv->failed) {
		if (err != NULL)
			*err = csv->error;
		return csv->error.rc;
	}
	csv->nfields = 0;
	csv->datalen = 0;
	if (csv->toomany)
		return csv_fail(csv, err, _("line %d: more than %d lines, the "
		    "most a CSV input may have: split it"),
		    WMS_CSV_LINES_MAX + 1, WMS_CSV_LINES_MAX);

	while (csv_at_eol(csv, csv->pos))
		csv_skip_eol(csv);	/* empty lines */
	if (csv->line > WMS_CSV_LINES_MAX && csv->pos < csv->len)
		return csv_fail(csv, err, _("line %d: more than %d lines, the "
		    "most a CSV input may have: split it"), csv->line,
		    WMS_CSV_LINES_MAX);
	if (csv->pos >= csv->len)
		return 0;
	csv->recline = csv->line;

	for (;;) {
		if (csv->line > WMS_CSV_LINES_MAX)
			return csv_fail(csv, err,
			    _("line %d: more than %d lines, the most a CSV "
			    "input may have: split it"), csv->line,
			    WMS_CSV_LINES_MAX);
		if (csv->datalen > WMS_CSV_RECORD_MAX)
			return csv_fail(csv, err,
			    _("line %d: a record longer than %d bytes"),
			    csv->recline, WMS_CSV_RECORD_MAX);
		if (csv->nfields == WMS_CSV_FIELDS_MAX)
			return csv_fail(csv, err,
			    _("line %d: more than %d fields"), csv->line,
			    WMS_CSV_FIELDS_MAX);
		csv->off[csv->nfields] = csv->datalen;
		first = csv->line;

		if (csv->pos < csv->len && b[csv->pos] == '"') {
			csv->pos++;
			for (;;) {
				if (csv->pos >= csv->len)
					return csv_fail(csv, err,
					    _("line %d: unterminated quoted "
					    "field"), first);
				if (b[csv->pos] == '"') {
					csv->pos++;
					if (csv->pos >= csv->len ||
					    b[csv->pos] != '"')
						break;
				} else if (b[csv->pos] == '\n')
					csv->line++;
				if (csv_add(csv, b[csv->pos]) == -1)
					goto toolong;
				csv->pos++;
			}
			if (csv->pos < csv->len && b[csv->pos] != ',' &&
			    !csv_at_eol(csv, csv->pos))
				return csv_fail(csv, err,
				    _("line %d: text after closing quote"),
				    csv->line);
		} else {
			while (csv->pos < csv->len && b[csv->pos] != ',' &&
			    !csv_at_eol(csv, csv->pos)) {
				if (b[csv->pos] == '\r')
					return csv_fail(csv, err,
					    _("line %d: carriage return "
					    "without line feed"), csv->line);
				if (csv_add(csv, b[csv->pos]) == -1)
					goto toolong;
				csv->pos++;
			}
		}

		rc = csv_check_field(csv, first, err);
		if (rc != 0)
			return rc;
		csv_put(csv, '\0');
		csv->nfields++;

		if (csv->pos < csv->len && b[csv->pos] == ',') {
			csv->pos++;
			continue;
		}
		if (csv->pos < csv->len)
			csv_skip_eol(csv);
		break;
	}
	/*
	 * After a header, every record has its width: a decimal comma
	 * ("2,5") must not turn into a quantity and a dropped column.
	 */
	if (csv->width != 0 && csv->nfields != csv->width)
		return csv_fail(csv, err,
		    _("line %d: %zu fields, but the header has %zu"),
		    csv->recline, csv->nfields, csv->width);
	return 1;

toolong:
	return csv_fail(csv, err, _("line %d: field longer than %d bytes"),
	    csv->line, WMS_CSV_FIELD_MAX);
}

size_t
wms_csv_nfields(const struct wms_csv *csv)
{
	return csv->nfields;
}

const char *
wms_csv_field(const struct wms_csv *csv, size_t i)
{
	if (i >= csv->nfields)
		return NULL;
	return csv->data + csv->off[i];
}

int
wms_csv_lineno(const struct wms_csv *csv)
{
	return csv->recline;
}

/* Does the len bytes at s equal name, ignoring ASCII case (not the locale)? */
static int
csv_name_eq(const char *s, size_t len, const char *name)
{
	size_t		i;
	unsigned char	a, b;

	if (strlen(name) != len)
		return 0;
	for (i = 0; i < len; i++) {
		a = (unsigned char)s[i];
		b = (unsigned char)name[i];
		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (b >= 'A' && b <= 'Z')
			b += 'a' - 'A';
		if (a != b)
			return 0;
	}
	return 1;
}

int
wms_csv_header(struct wms_csv *csv, const char *const *names, int *index,
    size_t nnames, const char *const *required, struct wms_err *err)
{
	const char	*f;
	char		*shown;
	size_t		 col, k, len;
	int		 rc;

	for (k = 0; k < nnames; k++)
		index[k] = -1;
	rc = wms_csv_next(csv, err);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("line %d: no header: the input is empty"), csv->line);

	for (col = 0; col < csv->nfields; col++) {
		f = wms_csv_field(csv, col);
		while (*f == ' ' || *f == '\t')
			f++;
		len = strlen(f);
		while (len > 0 && (f[len - 1] == ' ' || f[len - 1] == '\t'))
			len--;
		if (len == 0)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("line %d: header column %zu is empty"),
			    csv->recline, col + 1);
		for (k = 0; k < nnames; k++)
			if (csv_name_eq(f, len, names[k]))
				break;
		if (k < nnames && index[k] == -1) {
			index[k] = (int)col;
			continue;
		}
		/* Quote at most 40 columns of what was written. */
		shown = xstrndup(f, len);
		shown[wms_text_fit(shown, 40)] = '\0';
		if (k == nnames)
			rc = wms_err_set(err, WMS_ERR_INVALID,
			    _("line %d: unknown column \"%s\""), csv->recline,
			    shown);
		else
			rc = wms_err_set(err, WMS_ERR_INVALID,
			    _("line %d: column \"%s\" appears twice"),
			    csv->recline, shown);
		free(shown);
		return rc;
	}

	for (; required != NULL && *required != NULL; required++) {
		for (k = 0; k < nnames; k++)
			if (strcmp(names[k], *required) == 0)
				break;
		if (k == nnames || index[k] == -1)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("line %d: missing column \"%s\" in header"),
			    csv->recline, *required);
	}
	csv->width = csv->nfields;
	return 0;
}

char *
wms_csv_quote(const char *field)
{
	const char	*p;
	char		*out;
	size_t		 len, o, quotes;
	int		 need;

	if (field == NULL)
		return xstrdup("");
	len = strlen(field);
	need = strpbrk(field, ",\"\r\n") != NULL;
	if (len > 0 && (field[0] == ' ' || field[0] == '\t' ||
	    field[len - 1] == ' ' || field[len - 1] == '\t'))
		need = 1;
	if (!need)
		return xstrdup(field);

	quotes = 0;
	for (p = field; *p != '\0'; p++)
		if (*p == '"')
			quotes++;
	out = xmalloc(len + quotes + 3);
	o = 0;
	out[o++] = '"';
	for (p = field; *p != '\0'; p++) {
		if (*p == '"')
			out[o++] = '"';
		out[o++] = *p;
	}
	out[o++] = '"';
	out[o] = '\0';
	return out;
}
