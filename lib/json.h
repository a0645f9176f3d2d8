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
/* The same text appended to b. */
void		 wms_json_buf(struct wms_buf *b, const json_t *v);

/*
 * A JSON string of s: null for NULL, and U+FFFD for each byte that is not
 * valid UTF-8 (jansson refuses invalid text; input is checked at the edges,
 * this keeps a bad byte that got past them from losing the whole value).
 */
json_t		*wms_json_string(const char *s);
/* A JSON string of s, or null when s is NULL or "". */
json_t		*wms_json_opt(const char *s);

/* The string at key of obj, or NULL when absent or not a string. */
const char	*wms_json_get_str(const json_t *obj, const char *key);
/* The integer at key of obj into *out: 0, or -1 when absent or not one. */
int		 wms_json_get_int(const json_t *obj, const char *key,
		    int64_t *out);

#endif
