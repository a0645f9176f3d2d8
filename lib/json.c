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

void
wms_json_with_raw(struct wms_buf *b, const json_t *obj, const char *key,
    const char *raw, size_t rawlen)
{
	assert(json_is_object(obj));
	json_dump_to(b, obj, 0);
	wms_json_add_raw(b, key, raw, rawlen);
}

void
wms_json_add_raw(struct wms_buf *b, const char *key, const char *raw,
    size_t rawlen)
{
	json_t *k;

	assert(b->len > 0 && b->data[b->len - 1] == '}');
	b->len--;			/* the closing brace */
	if (b->len > 0 && b->data[b->len - 1] != '{')
		wms_buf_addc(b, ',');
	k = json_string(key);
	json_dump_to(b, k, 0);
	json_decref(k);
	wms_buf_addc(b, ':');
	wms_buf_add(b, raw, rawlen);
	wms_buf_addc(b, '}');
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

/*
 * A number is held as a string whose first byte is NUL: no C string, and
 * so no text from the database or from a person, can make one.
 */
static int
json_is_number_text(const json_t *v)
{
	return json_is_string(v) && json_string_length(v) > 1 &&
	    json_string_value(v)[0] == '\0';
}

/* 1 when s is a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int
json_number_ok(const char *s)
{
	const char *p = s;

	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		p += strspn(p, "0123456789");
	else
		return 0;
	if (*p == '.') {
		if (p[1] < '0' || p[1] > '9')
			return 0;
		p += 1 + strspn(p + 1, "0123456789");
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (*p < '0' || *p > '9')
			return 0;
		p += strspn(p, "0123456789");
	}
	return *p == '\0';
}

json_t *
wms_json_number(const char *text)
{
	struct wms_buf	 b = { 0 };
	json_t		*v;

	if (text == NULL || !json_number_ok(text))
		return NULL;
	wms_buf_addc(&b, '\0');
	wms_buf_adds(&b, text);
	v = json_stringn(b.data, b.len);
	wms_buf_free(&b);
	if (v == NULL)
		abort();	/* only out of memory */
	return v;
}

void
wms_json_buf_line(struct wms_buf *b, const json_t *v)
{
	json_t		*o = (json_t *)v;	/* iterators take no const */
	json_t		*m, *k;
	const char	*key;
	size_t		 i, klen;

	if (json_is_number_text(v)) {
		wms_buf_add(b, json_string_value(v) + 1,
		    json_string_length(v) - 1);
	} else if (json_is_object(v)) {
		wms_buf_addc(b, '{');
		i = 0;
		json_object_keylen_foreach(o, key, klen, m) {
			if (i++ > 0)
				wms_buf_adds(b, ", ");
			/* Valid UTF-8: jansson checked it when it was set. */
			k = json_stringn(key, klen);
			wms_json_buf(b, k);
			json_decref(k);
			wms_buf_adds(b, ": ");
			wms_json_buf_line(b, m);
		}
		wms_buf_addc(b, '}');
	} else if (json_is_array(v)) {
		wms_buf_addc(b, '[');
		json_array_foreach(o, i, m) {
			if (i > 0)
				wms_buf_adds(b, ", ");
			wms_json_buf_line(b, m);
		}
		wms_buf_addc(b, ']');
	} else {
		wms_json_buf(b, v);	/* a scalar: sorting changes nothing */
	}
}

void
wms_json_rows_begin(struct wms_json_rows *r, struct wms_buf *b)
{
	r->b = b;
	r->n = 0;
	wms_buf_addc(b, '[');
}

void
wms_json_rows_add(struct wms_json_rows *r, const json_t *v)
{
	wms_buf_adds(r->b, r->n++ == 0 ? "\n  " : ",\n  ");
	wms_json_buf_line(r->b, v);
}

void
wms_json_rows_end(struct wms_json_rows *r)
{
	wms_buf_adds(r->b, r->n > 0 ? "\n]\n" : "]\n");
}
