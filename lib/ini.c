/* INI text read into entries with their lines, checked section by section. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "lib/i18n.h"
#include "lib/ini.h"
#include "lib/text.h"
#include "lib/xmalloc.h"

static int
badv(struct wms_ini *x, int line, const char *fmt, va_list ap)
{
	if (x->bad_line == 0) {
		x->bad_line = line;
		vsnprintf(x->bad, sizeof x->bad, fmt, ap);
	}
	return -1;
}

int
wms_ini_bad(struct wms_ini *x, int line, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	badv(x, line, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * The same with a format from the spec, which the compiler cannot see:
 * struct wms_ini_spec says what each takes.
 */
static int
bad_spec(struct wms_ini *x, int line, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	badv(x, line, fmt, ap);
	va_end(ap);
	return -1;
}

/* inih's fgets: one line of the text, counted; too long lines are noted. */
static char *
ini_read(char *buf, int num, void *arg)
{
	struct wms_ini	*x = arg;
	const char	*nl, *s;
	size_t		 len, n;
	char		 name[64];

	if (x->p >= x->end)
		return NULL;
	nl = memchr(x->p, '\n', (size_t)(x->end - x->p));
	len = nl != NULL ? (size_t)(nl - x->p) + 1 : (size_t)(x->end - x->p);
	x->line++;
	n = len;
	/* inih needs room for "\r\n\0" after the longest line. */
	if (num < 4 || n > (size_t)num - 3) {
		if (x->long_line == 0)
			x->long_line = x->line;
		n = num > 4 ? (size_t)num - 3 : 0;
	}
	memcpy(buf, x->p, n);
	buf[n] = '\0';
	x->p += len;
	for (s = buf; *s == ' ' || *s == '\t'; s++)
		;
	if (*s == '[') {
		x->header_line = x->line;
		/* A section without keys never reaches the handler. */
		if ((nl = strchr(s, ']')) != NULL) {
			snprintf(name, sizeof name, "%.*s",
			    (int)(nl - s - 1), s + 1);
			if (x->spec->keys(name) == NULL)
				wms_ini_bad(x, x->line, _("unknown section "
				    "[%s]: %s"), name, _(x->spec->sections));
		}
	}
	return buf;
}

/* inih calls this per setting; 0 stops nothing but marks the line bad. */
static int
ini_entry(void *arg, const char *section, const char *key, const char *value)
{
	struct wms_ini		*x = arg;
	const char *const	*keys;
	struct wms_ini_ent	*e;
	size_t			 i;
	char			 allowed[300];

	if (x->bad_line != 0)
		return 1;
	if (*section == '\0')
		return bad_spec(x, x->line, _(x->spec->outside), key, value), 0;
	/* On every entry, not only under a new header: keys is used below. */
	if ((keys = x->spec->keys(section)) == NULL)
		return wms_ini_bad(x, x->header_line, _("unknown section [%s]: "
		    "%s"), section, _(x->spec->sections)), 0;
	if (x->cur_header != x->header_line) {
		for (i = 0; i < x->nsecs; i++)
			if (strcmp(x->secs[i].name, section) == 0)
				return wms_ini_bad(x, x->header_line,
				    _("section [%s] again: it was at line %d"),
				    section, x->secs[i].line), 0;
		x->secs = xreallocarray(x->secs, x->nsecs + 1,
		    sizeof *x->secs);
		x->secs[x->nsecs].name = xstrdup(section);
		x->secs[x->nsecs].line = x->header_line;
		x->nsecs++;
		x->cur_header = x->header_line;
	}
	if (!wms_ini_in_list(keys, key)) {
		wms_ini_list_text(keys, SIZE_MAX, _(x->spec->last), allowed,
		    sizeof allowed);
		return wms_ini_bad(x, x->line, _("unknown key \"%s\" in [%s]: "
		    "use %s"), key, section, allowed), 0;
	}
	if ((e = wms_ini_get(x, section, key)) != NULL)
		return bad_spec(x, x->line, _(x->spec->again), key, section,
		    e->line), 0;
	x->ents = xreallocarray(x->ents, x->nents + 1, sizeof *x->ents);
	e = &x->ents[x->nents++];
	e->section = xstrdup(section);
	e->key = xstrdup(key);
	e->value = xstrdup(value);
	e->line = x->line;
	return 1;
}

int
wms_ini_read(struct wms_ini *x, const struct wms_ini_spec *spec,
    const char *text, size_t len)
{
	const char	*nul;
	int		 line;

	memset(x, 0, sizeof *x);
	x->spec = spec;
	x->p = text;
	x->end = text + len;
	x->cur_header = -1;
	if ((nul = memchr(text, '\0', len)) != NULL) {
		for (line = 1; text < nul; text++)
			line += *text == '\n';
		return wms_ini_bad(x, line, "%s", _(spec->nul));
	}
	line = ini_parse_stream(ini_read, x, ini_entry, x);
	/* The earliest of the errors wins, whoever found it. */
	if (x->long_line != 0 && (x->bad_line == 0 || x->long_line <
	    x->bad_line)) {
		x->bad_line = 0;
		return wms_ini_bad(x, x->long_line, _("line longer than %d "
		    "characters"), ini_max_line - 3);
	}
	if (line != 0 && (x->bad_line == 0 || line < x->bad_line)) {
		x->bad_line = 0;
		return wms_ini_bad(x, line, "%s", _(spec->not_line));
	}
	return x->bad_line != 0 ? -1 : 0;
}

struct wms_ini_ent *
wms_ini_get(const struct wms_ini *x, const char *section, const char *key)
{
	size_t	i;

	for (i = 0; i < x->nents; i++)
		if (strcmp(x->ents[i].section, section) == 0 &&
		    strcmp(x->ents[i].key, key) == 0)
			return &x->ents[i];
	return NULL;
}

struct wms_ini_ent *
wms_ini_need(struct wms_ini *x, const char *section, const char *key,
    const char *what)
{
	struct wms_ini_ent	*e;

	if ((e = wms_ini_get(x, section, key)) == NULL)
		wms_ini_bad(x, wms_ini_sec_line(x, section),
		    _("[%s] needs %s = %s"), section, key, what);
	return e;
}

int
wms_ini_sec_line(const struct wms_ini *x, const char *section)
{
	size_t	i;

	for (i = 0; i < x->nsecs; i++)
		if (strcmp(x->secs[i].name, section) == 0)
			return x->secs[i].line;
	return 0;
}

int
wms_ini_in_list(const char *const *list, const char *s)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

void
wms_ini_list_text(const char *const *list, size_t n, const char *last,
    char *buf, size_t size)
{
	size_t	i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n && list[i] != NULL && len < size; i++) {
		snprintf(buf + len, size - len, "%s%s", i == 0 ? "" :
		    (i + 1 == n || list[i + 1] == NULL) ? last : ", ",
		    list[i]);
		len = strlen(buf);
	}
}

int
wms_ini_pick(struct wms_ini *x, const struct wms_ini_ent *e,
    const char *const *names, size_t n, const char *last, int *out)
{
	char	allowed[200];
	int	i;

	*out = 0;
	if ((i = wms_str_index(names, n, e->value)) >= 0) {
		*out = i;
		return 0;
	}
	wms_ini_list_text(names, n, last, allowed, sizeof allowed);
	return wms_ini_bad(x, e->line, _("%s = %s: use %s"), e->key,
	    e->value, allowed);
}

void
wms_ini_free(struct wms_ini *x)
{
	size_t	i;

	for (i = 0; i < x->nents; i++) {
		free(x->ents[i].section);
		free(x->ents[i].key);
		free(x->ents[i].value);
	}
	free(x->ents);
	for (i = 0; i < x->nsecs; i++)
		free(x->secs[i].name);
	free(x->secs);
	x->ents = NULL;
	x->nents = 0;
	x->secs = NULL;
	x->nsecs = 0;
}
