/* INI text read into entries with their lines, checked section by section. */
#ifndef WMS_INI_H
#define WMS_INI_H

#include <stddef.h>

/* One "key = value" line as inih gave it, with where it was. */
struct wms_ini_ent {
	char	*section;
	char	*key;
	char	*value;
	int	 line;
};

/* One [section] header. */
struct wms_ini_sec {
	char	*name;
	int	 line;
};

/*
 * What one kind of file (device profiles, label templates) may hold, and
 * the messages that name the kind.  The messages are msgids, translated
 * when used; outside is a format taking the key and the value (%s %s),
 * again one taking the key, the section and the first line (%s %s %d).
 * The files keep their own wording, and po/ar.po its translations.
 */
struct wms_ini_spec {
	/* The allowed keys of a section, NULL-terminated; NULL: unknown. */
	const char *const	*(*keys)(const char *section);
	const char		*sections;	/* "use [a] or [b]" */
	const char		*last;		/* in lists: " or " */
	const char		*outside;	/* a key before [a] */
	const char		*again;		/* a key twice */
	const char		*not_line;	/* inih says no */
	const char		*nul;		/* a NUL byte */
};

/* The file as read: its sections and entries, and the first error. */
struct wms_ini {
	const struct wms_ini_spec *spec;
	struct wms_ini_ent	*ents;
	size_t			 nents;
	struct wms_ini_sec	*secs;		/* as in the file */
	size_t			 nsecs;
	int			 bad_line;	/* 0: no error yet */
	char			 bad[400];	/* without file, line */
	/* The reader's place in the text. */
	const char		*p, *end;
	int			 line;
	int			 header_line;
	int			 long_line;
	int			 cur_header;
};

/*
 * Read the len bytes at text into x (which need not be initialised), by
 * spec: unknown sections and keys, a section or key given twice, a key
 * outside a section, a line too long for inih, a line inih cannot read
 * and a NUL byte are refused.  Returns 0, or -1 with the first error in
 * x->bad at x->bad_line.  Free x with wms_ini_free() either way.
 */
int	wms_ini_read(struct wms_ini *x, const struct wms_ini_spec *spec,
	    const char *text, size_t len);
/* Record an error at line unless there is one already; returns -1. */
int	wms_ini_bad(struct wms_ini *x, int line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* The entry key of section, or NULL. */
struct wms_ini_ent *wms_ini_get(const struct wms_ini *x, const char *section,
	    const char *key);
/*
 * The same, or NULL with "[section] needs key = what" recorded at the
 * section's header line.
 */
struct wms_ini_ent *wms_ini_need(struct wms_ini *x, const char *section,
	    const char *key, const char *what);
/* The line of section's header, or 0 when the file has none. */
int	wms_ini_sec_line(const struct wms_ini *x, const char *section);
/* Whether s is one of the NULL-terminated list. */
int	wms_ini_in_list(const char *const *list, const char *s);
/*
 * "a, b<last>c" of the first n names of list (up to a NULL), for messages;
 * last is ", " or a translated " or ".
 */
void	wms_ini_list_text(const char *const *list, size_t n,
	    const char *last, char *buf, size_t size);
/*
 * A value that must be one of n names: its index in *out (0 when it is
 * none of them), or "key = value: use a, b<last>c" recorded (as
 * wms_ini_bad does) and its rc.
 */
int	wms_ini_pick(struct wms_ini *x, const struct wms_ini_ent *e,
	    const char *const *names, size_t n, const char *last, int *out);
/* Free what wms_ini_read() kept. */
void	wms_ini_free(struct wms_ini *x);

#endif
