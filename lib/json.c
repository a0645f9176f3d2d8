/* JSON helpers over jansson: the one way the project writes JSON text. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/json.h"
#include "lib/text.h"
#include "lib/xmalloc.h"

char *
wms_json_text(const json_t *v)
{
	struct wms_buf b = { 0 };

	wms_json_buf(&b, v);
	return wms_buf_steal(&b);
}

static int
json_to_buf(const char *s, size_t n, void *arg)
{
	wms_buf_add(arg, s, n);
	return 0;
}

static void
json_dump_to(struct wms_buf *b, const json_t *v, int sorted)
{
	if (json_dump_callback(v, json_to_buf, b,
	    JSON_COMPACT | JSON_ENCODE_ANY | (sorted ? JSON_SORT_KEYS : 0)) != 0)
		abort();	/* only a value jansson cannot hold: a bug */
}

void
wms_json_buf(struct wms_buf *b, const json_t *v)
{
	json_dump_to(b, v, 1);
}

void
wms_json_append(struct wms_buf *b, const json_t *v)
{
	json_dump_to(b, v, 0);
}

void
wms_json_list_add(struct wms_buf *elems, const json_t *v)
{
	if (elems->len > 0)
		wms_buf_addc(elems, ',');
	json_dump_to(elems, v, 0);
}

char *
wms_json_with_list(const json_t *obj, const char *key,
    const struct wms_buf *elems)
{
	struct wms_buf	 b = { 0 };
	json_t		*k;

	assert(json_is_object(obj));
	json_dump_to(&b, obj, 0);
	b.len--;			/* the closing brace */
	if (json_object_size(obj) > 0)
		wms_buf_addc(&b, ',');
	k = json_string(key);
	json_dump_to(&b, k, 0);
	json_decref(k);
	wms_buf_adds(&b, ":[");
	if (elems->len > 0)
		wms_buf_add(&b, elems->data, elems->len);
	wms_buf_adds(&b, "]}");
	return wms_buf_steal(&b);
}

char *
wms_json_event(const json_t *v)
{
	struct wms_buf b = { 0 };

	json_dump_to(&b, v, 0);
	return wms_buf_steal(&b);
}

json_t *
wms_json_string(const char *s)
{
	struct wms_buf	 b = { 0 };
	json_t		*v;
	size_t		 len, i;
	uint32_t	 cp;
	int		 n;

	if (s == NULL)
		return json_null();
	len = strlen(s);
	if ((v = json_stringn(s, len)) != NULL)
		return v;
	for (i = 0; i < len; i += (size_t)n) {
		if ((n = wms_utf8_next(s + i, len - i, &cp)) < 0) {
			wms_buf_adds(&b, "\xef\xbf\xbd");
			n = 1;
		} else {
			wms_buf_add(&b, s + i, (size_t)n);
		}
	}
	v = json_stringn(b.data != NULL ? b.data : "", b.len);
	wms_buf_free(&b);
	if (v == NULL)
		abort();
	return v;
}

json_t *
wms_json_opt(const char *s)
{
	return s == NULL || *s == '\0' ? json_null() : wms_json_string(s);
}

const char *
wms_json_get_str(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

int
wms_json_get_int(const json_t *obj, const char *key, int64_t *out)
{
	const json_t *v = json_object_get(obj, key);

	if (!json_is_integer(v))
		return -1;
	*out = (int64_t)json_integer_value(v);
	return 0;
}
