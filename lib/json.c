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

/*
 * The encoder.  jansson builds every value; this writes its text, the
 * same bytes json_dump_callback() writes with JSON_COMPACT (test-buf
 * compares the two on random values).  jansson's own encoder checks each
 * container against a table of its parents keyed by the pointer printed
 * as text, and decodes every character one at a time: the texts of a
 * one-line posting cost it 60,000 of the posting's 359,000 instructions,
 * this encoder about 24,000.
 */
#define JSON_DEPTH_MAX	2048	/* deeper only through a loop: a bug */

static void	json_write(struct wms_buf *, const json_t *, int, int);

/*
 * The escaper of both: with check, a byte sequence that is not UTF-8
 * returns -1 (and leaves b with part of the string).
 */
static int
json_str_write(struct wms_buf *b, const char *s, size_t n, int check)
{
	static const char	 hex[] = "0123456789ABCDEF";
	size_t			 i = 0, from = 0;
	char			 esc[6] = { '\\', 'u', '0', '0', 0, 0 };
	unsigned char		 c;
	uint32_t		 cp;
	int			 k;

	wms_buf_addc(b, '"');
	while (i < n) {
		c = (unsigned char)s[i];
		if (c >= 0x80) {
			k = 1;
			if (check && (k = wms_utf8_next(s + i, n - i, &cp)) < 0)
				return -1;
			i += (size_t)k;
			continue;
		}
		if (c >= 0x20 && c != '"' && c != '\\') {
			i++;
			continue;
		}
		wms_buf_add(b, s + from, i - from);
		from = ++i;
		switch (c) {
		case '"':	wms_buf_adds(b, "\\\""); break;
		case '\\':	wms_buf_adds(b, "\\\\"); break;
		case '\b':	wms_buf_adds(b, "\\b"); break;
		case '\f':	wms_buf_adds(b, "\\f"); break;
		case '\n':	wms_buf_adds(b, "\\n"); break;
		case '\r':	wms_buf_adds(b, "\\r"); break;
		case '\t':	wms_buf_adds(b, "\\t"); break;
		default:
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 0xf];
			wms_buf_add(b, esc, sizeof esc);
			break;
		}
	}
	wms_buf_add(b, s + from, n - from);
	wms_buf_addc(b, '"');
	return 0;
}

void
wms_json_str_add(struct wms_buf *b, const char *s, size_t n)
{
	(void)json_str_write(b, s, n, 0);
}

/*
 * A string value.  jansson's setters check UTF-8 but its nocheck ones do
 * not, and its encoder refuses bad text: so does this one.  U+0000 is
 * text to jansson (json_stringn), written as \u0000.
 */
static void
json_write_str(struct wms_buf *b, const char *s, size_t n)
{
	if (json_str_write(b, s, n, 1) != 0)
		abort();	/* a bug: jansson holds valid text */
}

/* "%lld" without printf's machinery: a posting writes a dozen. */
static void
json_write_int(struct wms_buf *b, json_int_t v)
{
	char		 d[24], *p = d + sizeof d;
	uint64_t	 u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	wms_buf_add(b, p, (size_t)(d + sizeof d - p));
}

struct json_key {
	const char	*key;
	size_t		 len;
	json_t		*value;
};

/* jansson's order for sorted keys: bytes compared, the shorter first. */
static int
json_key_cmp(const void *a, const void *b)
{
	const struct json_key	*ka = a, *kb = b;
	size_t			 n = ka->len < kb->len ? ka->len : kb->len;
	int			 r;

	if ((r = memcmp(ka->key, kb->key, n)) != 0)
		return r;
	return ka->len < kb->len ? -1 : ka->len > kb->len;
}

static void
json_write_object(struct wms_buf *b, const json_t *v, int sorted, int depth)
{
	json_t		*o = (json_t *)v;	/* iterators take no const */
	struct json_key	 few[16], *keys = few;
	const char	*key;
	json_t		*m;
	size_t		 n = json_object_size(v), i = 0, klen;

	wms_buf_addc(b, '{');
	if (!sorted || n < 2) {
		json_object_keylen_foreach(o, key, klen, m) {
			if (i++ > 0)
				wms_buf_addc(b, ',');
			json_write_str(b, key, klen);
			wms_buf_addc(b, ':');
			json_write(b, m, sorted, depth + 1);
		}
		wms_buf_addc(b, '}');
		return;
	}
	if (n > sizeof few / sizeof few[0])
		keys = xreallocarray(NULL, n, sizeof *keys);
	json_object_keylen_foreach(o, key, klen, m) {
		keys[i].key = key;
		keys[i].len = klen;
		keys[i++].value = m;
	}
	qsort(keys, n, sizeof *keys, json_key_cmp);
	for (i = 0; i < n; i++) {
		if (i > 0)
			wms_buf_addc(b, ',');
		json_write_str(b, keys[i].key, keys[i].len);
		wms_buf_addc(b, ':');
		json_write(b, keys[i].value, sorted, depth + 1);
	}
	if (keys != few)
		free(keys);
	wms_buf_addc(b, '}');
}

static int
json_to_buf(const char *s, size_t n, void *arg)
{
	wms_buf_add(arg, s, n);
	return 0;
}

static void
json_write(struct wms_buf *b, const json_t *v, int sorted, int depth)
{
	size_t	i, n;

	if (depth > JSON_DEPTH_MAX)
		abort();
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		json_write_object(b, v, sorted, depth);
		break;
	case JSON_ARRAY:
		wms_buf_addc(b, '[');
		n = json_array_size(v);
		for (i = 0; i < n; i++) {
			if (i > 0)
				wms_buf_addc(b, ',');
			json_write(b, json_array_get(v, i), sorted, depth + 1);
		}
		wms_buf_addc(b, ']');
		break;
	case JSON_STRING:
		json_write_str(b, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		json_write_int(b, json_integer_value(v));
		break;
	case JSON_TRUE:
		wms_buf_adds(b, "true");
		break;
	case JSON_FALSE:
		wms_buf_adds(b, "false");
		break;
	case JSON_NULL:
		wms_buf_adds(b, "null");
		break;
	default:
		/* A real: its digits are jansson's to choose. */
		if (json_dump_callback(v, json_to_buf, b, JSON_COMPACT |
		    JSON_ENCODE_ANY) != 0)
			abort();
		break;
	}
}

static void
json_dump_to(struct wms_buf *b, const json_t *v, int sorted)
{
	json_write(b, v, sorted, 0);
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

	assert(json_is_object(obj));
	json_dump_to(&b, obj, 0);
	b.len--;			/* the closing brace */
	if (json_object_size(obj) > 0)
		wms_buf_addc(&b, ',');
	json_write_str(&b, key, strlen(key));
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
	assert(b->len > 0 && b->data[b->len - 1] == '}');
	b->len--;			/* the closing brace */
	if (b->len > 0 && b->data[b->len - 1] != '{')
		wms_buf_addc(b, ',');
	json_write_str(b, key, strlen(key));
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
	json_t		*m;
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
			json_write_str(b, key, klen);
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

/* --- one member of an object's text, without building the value -------- */

struct jscan {
	const char	*p, *end;
	int		 depth;
};

#define JSCAN_DEPTH	512

static void
jscan_ws(struct jscan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' ||
	    *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

static int
jscan_hex4(const char *p, uint32_t *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		*v <<= 4;
		if (p[i] >= '0' && p[i] <= '9')
			*v |= (uint32_t)(p[i] - '0');
		else if ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'f')
			*v |= (uint32_t)((p[i] | 0x20) - 'a' + 10);
		else
			return -1;
	}
	return 0;
}

/*
 * A string at s->p (its opening quote): passed over; its text into out
 * (n bytes, at most n - 1 of text, cut as snprintf cuts) when out is not
 * NULL.  0, or -1 when it is not a JSON string.
 */
static int
jscan_str(struct jscan *s, char *out, size_t n)
{
	size_t		k = 0, m;
	uint32_t	cp, lo;
	char		u[4];

	s->p++;
	while (s->p < s->end && *s->p != '"') {
		if ((unsigned char)*s->p < 0x20)
			return -1;
		if (*s->p != '\\') {
			if (out != NULL && k + 1 < n)
				out[k++] = *s->p;
			s->p++;
			continue;
		}
		if (s->end - s->p < 2)
			return -1;
		switch (s->p[1]) {
		case '"': case '\\': case '/':	cp = (unsigned char)s->p[1]; break;
		case 'b':	cp = '\b'; break;
		case 'f':	cp = '\f'; break;
		case 'n':	cp = '\n'; break;
		case 'r':	cp = '\r'; break;
		case 't':	cp = '\t'; break;
		case 'u':
			if (s->end - s->p < 6 || jscan_hex4(s->p + 2, &cp) != 0)
				return -1;
			s->p += 4;
			/* A pair of surrogates is one character. */
			if (cp >= 0xd800 && cp < 0xdc00 && s->end - s->p >= 8 &&
			    s->p[2] == '\\' && s->p[3] == 'u' &&
			    jscan_hex4(s->p + 4, &lo) == 0 && lo >= 0xdc00 &&
			    lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
				s->p += 6;
			} else if (cp >= 0xd800 && cp < 0xe000) {
				cp = 0xfffd;
			}
			break;
		default:
			return -1;
		}
		s->p += 2;
		if (out != NULL) {
			m = wms_utf8_put(u, cp);
			if (k + m < n) {
				memcpy(out + k, u, m);
				k += m;
			}
		}
	}
	if (s->p >= s->end)
		return -1;
	s->p++;
	if (out != NULL && n > 0)
		out[k] = '\0';
	return 0;
}

static int
jscan_value(struct jscan *s);

/* An object or an array at s->p: passed over; 0, or -1. */
static int
jscan_compound(struct jscan *s, char close)
{
	int first = 1;

	if (++s->depth > JSCAN_DEPTH)
		return -1;
	s->p++;
	for (;;) {
		jscan_ws(s);
		if (s->p >= s->end)
			return -1;
		if (*s->p == close && first)
			break;
		if (!first) {
			if (*s->p == close)
				break;
			if (*s->p != ',')
				return -1;
			s->p++;
			jscan_ws(s);
		}
		first = 0;
		if (close == '}') {
			if (s->p >= s->end || *s->p != '"' ||
			    jscan_str(s, NULL, 0) != 0)
				return -1;
			jscan_ws(s);
			if (s->p >= s->end || *s->p != ':')
				return -1;
			s->p++;
			jscan_ws(s);
		}
		if (jscan_value(s) != 0)
			return -1;
	}
	s->p++;
	s->depth--;
	return 0;
}

/* A number as JSON writes one: -?int frac? exp?. */
static int
jscan_num(struct jscan *s)
{
	const char *p = s->p;

	if (p < s->end && *p == '-')
		p++;
	if (p >= s->end || *p < '0' || *p > '9')
		return -1;
	if (*p == '0')
		p++;
	else
		while (p < s->end && *p >= '0' && *p <= '9')
			p++;
	if (p < s->end && *p == '.') {
		if (++p >= s->end || *p < '0' || *p > '9')
			return -1;
		while (p < s->end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < s->end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < s->end && (*p == '+' || *p == '-'))
			p++;
		if (p >= s->end || *p < '0' || *p > '9')
			return -1;
		while (p < s->end && *p >= '0' && *p <= '9')
			p++;
	}
	s->p = p;
	return 0;
}

static int
jscan_word(struct jscan *s, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(s->end - s->p) < n || memcmp(s->p, w, n) != 0)
		return -1;
	s->p += n;
	return 0;
}

static int
jscan_value(struct jscan *s)
{
	if (s->p >= s->end)
		return -1;
	switch (*s->p) {
	case '{':	return jscan_compound(s, '}');
	case '[':	return jscan_compound(s, ']');
	case '"':	return jscan_str(s, NULL, 0);
	case 't':	return jscan_word(s, "true");
	case 'f':	return jscan_word(s, "false");
	case 'n':	return jscan_word(s, "null");
	default:	return jscan_num(s);
	}
}

static int
jscan_member(const char *text, size_t len, const char *key, char *out,
    size_t n)
{
	struct jscan	 s = { .p = text, .end = text + len, .depth = 1 };
	const char	*name;
	size_t		 klen = strlen(key);
	int		 found = 0, first = 1;

	jscan_ws(&s);
	if (s.p >= s.end || *s.p != '{')
		return -1;
	s.p++;
	for (;;) {
		jscan_ws(&s);
		if (s.p >= s.end)
			return -1;
		if (*s.p == '}' && first)
			break;
		if (!first) {
			if (*s.p == '}')
				break;
			if (*s.p != ',')
				return -1;
			s.p++;
			jscan_ws(&s);
		}
		first = 0;
		if (s.p >= s.end || *s.p != '"')
			return -1;
		name = s.p + 1;
		if (jscan_str(&s, NULL, 0) != 0)
			return -1;
		jscan_ws(&s);
		if (s.p >= s.end || *s.p != ':')
			return -1;
		s.p++;
		jscan_ws(&s);
		/* The first member of that name, as its raw key spells it. */
		if (!found && (size_t)(s.p - name) > klen &&
		    memcmp(name, key, klen) == 0 && name[klen] == '"' &&
		    s.p < s.end && *s.p == '"') {
			if (jscan_str(&s, out, n) != 0)
				return -1;
			found = 1;
		} else if (jscan_value(&s) != 0) {
			return -1;
		}
	}
	s.p++;
	jscan_ws(&s);
	return s.p == s.end && found ? 0 : -1;
}

int
wms_json_member_text(const char *text, size_t len, const char *key,
    char *out, size_t n)
{
	if (jscan_member(text, len, key, out, n) == 0)
		return 0;
	if (n > 0)
		out[0] = '\0';
	return -1;
}
