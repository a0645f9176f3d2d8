/* JSON helpers over jansson: the one way the project writes JSON text. */
#ifndef WMS_JSON_H
#define WMS_JSON_H

#include <stdint.h>

#include <jansson.h>

struct wms_buf;

/*
 * Compact text of v with its keys sorted, so that the same value always
 * gives the same bytes (audit digests and signatures depend on it).  The
 * caller frees it.  Aborts only when memory runs out.
 */
char		*wms_json_text(const json_t *v);
/*
 * Compact text of v with its keys in the order they were set: the same
 * bytes for the same code, without sorting every object's keys (a posting
 * of 10,000 lines has 10,000 objects in its event).
 */
char		*wms_json_event(const json_t *v);
/* The same text (keys in the order set) appended to b. */
void		 wms_json_append(struct wms_buf *b, const json_t *v);
/*
 * The text of object obj with one more member, key, whose value is the
 * array of the elements in elems: elements appended one at a time with
 * wms_json_list_add().  Every value is encoded by jansson; only the
 * brackets and commas between encoded elements are written here.  For
 * arrays too long to hold as jansson values at once (the movements of a
 * 10,000-line document).  The caller frees the text.
 */
char		*wms_json_with_list(const json_t *obj, const char *key,
		    const struct wms_buf *elems);
/*
 * Append to b the text of object obj with one more member, key, whose
 * value is raw: JSON text that jansson wrote earlier (an event payload
 * read back from the outbox), put in as it is instead of parsed and
 * written again.  The reader at the other end parses the whole.
 */
void		 wms_json_with_raw(struct wms_buf *b, const json_t *obj,
		    const char *key, const char *raw, size_t rawlen);
/* One more raw member at the end of the object whose text ends b. */
void		 wms_json_add_raw(struct wms_buf *b, const char *key,
		    const char *raw, size_t rawlen);
/* Append v to a list of elements for wms_json_with_list(). */
void		 wms_json_list_add(struct wms_buf *elems, const json_t *v);
/* The sorted text appended to b. */
void		 wms_json_buf(struct wms_buf *b, const json_t *v);
/*
 * The JSON string of the n bytes at s appended to b, as jansson writes
 * it: '"' and '\\' escaped, the controls below 0x20 as \b \f \n \r \t
 * or \u00XX, every other byte as it is.  s must be valid UTF-8: check it
 * first when it comes from outside.
 */
void		 wms_json_str_add(struct wms_buf *b, const char *s, size_t n);

/*
 * A JSON string of s: null for NULL, and U+FFFD for each byte that is not
 * valid UTF-8 (jansson refuses invalid text; input is checked at the edges,
 * this keeps a bad byte that got past them from losing the whole value).
 */
json_t		*wms_json_string(const char *s);
/* A JSON string of s, or null when s is NULL or "". */
json_t		*wms_json_opt(const char *s);

/*
 * A JSON number written exactly as text ("12.5", "-3", "12.30"), or NULL
 * when text is not a JSON number.  jansson holds numbers as json_int_t or
 * double, and a quantity or an amount never passes through a double: the
 * caller formats it (wms_qty_fmt), this carries the text.  Only
 * wms_json_buf_line() and wms_json_rows_add() write it as a number.
 */
json_t		*wms_json_number(const char *text);

/*
 * Append v on one line, spaced as jansson spaces it without JSON_COMPACT
 * ({"a": 1, "b": [true, null]}), each object's keys in the order they were
 * set, not sorted: for output people read, where the order of the fields
 * is part of the format (--format json).  Every key and every value is
 * written by jansson, but the numbers of wms_json_number().
 */
void		 wms_json_buf_line(struct wms_buf *b, const json_t *v);

/*
 * A JSON array written an element at a time, each on its own line, for
 * output too long to hold as one json_t ("[\n  {...},\n  {...}\n]\n";
 * "[]\n" when empty): begin, add each, end.
 */
struct wms_json_rows {
	struct wms_buf	*b;
	size_t		 n;
};
/* Start the array in b. */
void		 wms_json_rows_begin(struct wms_json_rows *, struct wms_buf *b);
/* Append v as the next element, as wms_json_buf_line() writes it. */
void		 wms_json_rows_add(struct wms_json_rows *, const json_t *v);
/* Close the array and end the line. */
void		 wms_json_rows_end(struct wms_json_rows *);

/*
 * The string value of member key of the JSON object whose text is
 * text[0..len), unescaped into out (n bytes; cut as snprintf cuts), read
 * without building the object: 0, or -1 with out "" when the text is not
 * a JSON object or key is not one of its members with a string value.
 * The first member of that name counts, its key as the text spells it.
 * For a field of an event payload read many times a second (the relay's
 * "user"), where SQLite's JSON functions or jansson's parse cost more
 * than the rest of the row.
 */
int		 wms_json_member_text(const char *text, size_t len,
		    const char *key, char *out, size_t n);

/* The string at key of obj, or NULL when absent or not a string. */
const char	*wms_json_get_str(const json_t *obj, const char *key);
/* The integer at key of obj into *out: 0, or -1 when absent or not one. */
int		 wms_json_get_int(const json_t *obj, const char *key,
		    int64_t *out);

#endif
