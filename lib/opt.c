/* Command-line options read from tables; argv is never changed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/opt.h"
#include "lib/i18n.h"
#include "lib/text.h"
#include "lib/xmalloc.h"

/* At most this many bytes of an unknown option are quoted in a message. */
#define OPT_QUOTE_MAX	64

/*
 * The len bytes at s as one line of valid UTF-8 for a message: controls
 * and invalid bytes as \xNN, cut after OPT_QUOTE_MAX bytes with "...".
 */
static void
opt_quote(const char *s, size_t len, char *out, size_t size)
{
	uint32_t	cp;
	size_t		i = 0, o = 0;
	int		n;

	while (i < len && i < OPT_QUOTE_MAX && o + 8 < size) {
		n = wms_utf8_next(s + i, len - i, &cp);
		if (n > 0 && cp >= 0x20 && cp != 0x7f &&
		    (cp < 0x80 || cp > 0x9f)) {
			memcpy(out + o, s + i, (size_t)n);
			o += (size_t)n;
			i += (size_t)n;
		} else {
			o += (size_t)snprintf(out + o, size - o, "\\x%02x",
			    (unsigned char)s[i]);
			i++;
		}
	}
	if (i < len && o + 4 < size) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
}

/* Bytes of the decimal digit at p (ASCII, U+0660.., U+06F0..), or 0. */
static int
opt_digit(const unsigned char *p)
{
	if (p[0] >= '0' && p[0] <= '9')
		return 1;
	if (p[0] == 0xd9 && p[1] >= 0xa0 && p[1] <= 0xa9)
		return 2;
	if (p[0] == 0xdb && p[1] >= 0xb0 && p[1] <= 0xb9)
		return 2;
	return 0;
}

int
wms_opt_number(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (p[0] != '-')
		return 0;
	p++;
	/* A decimal point first: '.' or the Arabic separator U+066B. */
	if (p[0] == '.')
		p++;
	else if (p[0] == 0xd9 && p[1] == 0xab)
		p += 2;
	return opt_digit(p) > 0;
}

static const struct wms_opt *
opt_long(const struct wms_opt *const tables[], const char *name,
    size_t len)
{
	const struct wms_opt	*o;
	int			 t;

	for (t = 0; tables[t] != NULL; t++) {
		for (o = tables[t]; o->name != NULL; o++) {
			if (strlen(o->name) == len &&
			    memcmp(o->name, name, len) == 0)
				return o;
		}
	}
	return NULL;
}

static const struct wms_opt *
opt_short(const struct wms_opt *const tables[], char letter)
{
	const struct wms_opt	*o;
	int			 t;

	for (t = 0; tables[t] != NULL; t++) {
		for (o = tables[t]; o->name != NULL; o++) {
			if (o->letter != 0 && o->letter == letter)
				return o;
		}
	}
	return NULL;
}

/*
 * Every value and argument is text from outside: valid UTF-8 or refused
 * here, at the edge, before a command sees it (name NULL: an argument).
 */
static int
opt_text(const char *name, const char *s, struct wms_err *err)
{
	char what[OPT_QUOTE_MAX + 8];

	if (name != NULL)
		snprintf(what, sizeof what, "--%s", name);
	else
		snprintf(what, sizeof what, "%s", _("an argument"));
	return wms_text_check(what, s, strlen(s), err);
}

static void
opt_arg(struct wms_args *a, char *arg)
{
	a->args = xreallocarray(a->args, (size_t)a->nargs + 1,
	    sizeof *a->args);
	a->args[a->nargs++] = arg;
}

/* Record option o with value; a second one is refused unless MANY. */
static int
opt_take(struct wms_args *a, const struct wms_opt *o, const char *value,
    struct wms_err *err)
{
	if (!(o->flags & WMS_OPT_MANY) && wms_opt_given(a, o->key)) {
		if (!(o->flags & WMS_OPT_VALUE))
			return 0;
		return wms_err_set(err, WMS_ERR_USAGE,
		    _("option --%s is given twice"), o->name);
	}
	a->opts = xreallocarray(a->opts, (size_t)a->nopts + 1,
	    sizeof *a->opts);
	a->opts[a->nopts].key = o->key;
	a->opts[a->nopts].value = value;
	a->nopts++;
	return 0;
}

/* An unknown option: named up to its "=" (a value is never quoted). */
static int
opt_unknown(const char *word, size_t len, struct wms_err *err)
{
	char q[OPT_QUOTE_MAX * 4 + 8];

	opt_quote(word, len, q, sizeof q);
	return wms_err_set(err, WMS_ERR_USAGE, _("unknown option %s"), q);
}

/* The bytes of the character at s: the letter of "-x", for a message. */
static size_t
opt_char_len(const char *s)
{
	uint32_t	cp;
	int		n = wms_utf8_next(s, strnlen(s, 4), &cp);

	return n > 0 ? (size_t)n : 1;
}

int
wms_opt_parse(int argc, char *const argv[],
    const struct wms_opt *const tables[], int flags, struct wms_args *a,
    struct wms_err *err)
{
	const struct wms_opt	*o;
	const char		*s, *eq, *value;
	size_t			 len;
	int			 i, rc, only_args = 0;

	memset(a, 0, sizeof *a);
	for (i = 0; i < argc; i++) {
		s = argv[i];
		if (only_args || s[0] != '-' || s[1] == '\0' ||
		    wms_opt_number(s)) {
			/*
			 * After a stop the words are the command's, which
			 * reads them again with its own options: checked then,
			 * where a bad value is named by its option.
			 */
			if (!(flags & WMS_OPT_STOP) &&
			    (rc = opt_text(NULL, s, err)) != 0)
				return rc;
			opt_arg(a, argv[i]);
			if (flags & WMS_OPT_STOP)
				only_args = 1;
			continue;
		}
		if (strcmp(s, "--") == 0) {
			only_args = 1;
			continue;
		}
		value = NULL;
		if (s[1] == '-') {
			eq = strchr(s + 2, '=');
			len = eq != NULL ? (size_t)(eq - (s + 2)) : strlen(s + 2);
			if ((o = opt_long(tables, s + 2, len)) == NULL)
				return opt_unknown(s, len + 2, err);
			if (eq != NULL && !(o->flags & WMS_OPT_VALUE))
				return wms_err_set(err, WMS_ERR_USAGE,
				    _("option --%s takes no value"), o->name);
			if (eq != NULL)
				value = eq + 1;
		} else {
			if ((o = opt_short(tables, s[1])) == NULL)
				return opt_unknown(s, 1 + opt_char_len(s + 1),
				    err);
			if (s[2] != '\0' && !(o->flags & WMS_OPT_VALUE))
				return wms_err_set(err, WMS_ERR_USAGE,
				    _("option --%s takes no value"), o->name);
			if (s[2] != '\0')
				value = s + 2;
		}
		if ((o->flags & WMS_OPT_VALUE) && value == NULL) {
			if (i + 1 >= argc)
				return wms_err_set(err, WMS_ERR_USAGE,
				    _("option --%s needs a value"), o->name);
			value = argv[++i];
		}
		/* "" is no value: --expiry "" must not read as no expiry. */
		if (value != NULL && *value == '\0' &&
		    !(o->flags & WMS_OPT_EMPTY))
			return wms_err_set(err, WMS_ERR_USAGE,
			    _("option --%s needs a value: \"\" is none"),
			    o->name);
		if (value != NULL && (rc = opt_text(o->name, value, err)) != 0)
			return rc;
		if ((rc = opt_take(a, o, value, err)) != 0)
			return rc;
	}
	return 0;
}

void
wms_opt_free(struct wms_args *a)
{
	free(a->opts);
	free(a->args);
	memset(a, 0, sizeof *a);
}

const char *
wms_opt_value(const struct wms_args *a, int key)
{
	int i;

	for (i = 0; i < a->nopts; i++) {
		if (a->opts[i].key == key)
			return a->opts[i].value;
	}
	return NULL;
}

int
wms_opt_given(const struct wms_args *a, int key)
{
	int i;

	for (i = 0; i < a->nopts; i++) {
		if (a->opts[i].key == key)
			return 1;
	}
	return 0;
}
