/* A small open-addressing index from a 64-bit hash to positions in an array. */
#include <stdlib.h>
#include <string.h>

#include "lib/hmap.h"
#include "lib/xmalloc.h"

long
wms_hmap_get(const struct wms_hmap *m, uint64_t h,
    int (*eq)(size_t, const void *), const void *arg)
{
	size_t i;

	if (m->cap == 0)
		return -1;
	for (i = h & (m->cap - 1); m->pos[i] != 0; i = (i + 1) & (m->cap - 1)) {
		if (m->hash[i] == h && eq(m->pos[i] - 1, arg))
			return (long)(m->pos[i] - 1);
	}
	return -1;
}

static void
hmap_insert(struct wms_hmap *m, uint64_t h, size_t pos)
{
	size_t i;

	for (i = h & (m->cap - 1); m->pos[i] != 0; i = (i + 1) & (m->cap - 1))
		;
	m->hash[i] = h;
	m->pos[i] = pos + 1;
}

void
wms_hmap_put(struct wms_hmap *m, uint64_t h, size_t pos)
{
	uint64_t	*oh;
	size_t		*op, oc, i;

	/* Keep the table at most half full: probes stay short. */
	if ((m->n + 1) * 2 > m->cap) {
		oh = m->hash;
		op = m->pos;
		oc = m->cap;
		m->cap = oc == 0 ? 64 : oc * 2;
		m->hash = xcalloc(m->cap, sizeof *m->hash);
		m->pos = xcalloc(m->cap, sizeof *m->pos);
		for (i = 0; i < oc; i++) {
			if (op[i] != 0)
				hmap_insert(m, oh[i], op[i] - 1);
		}
		free(oh);
		free(op);
	}
	hmap_insert(m, h, pos);
	m->n++;
}

void
wms_hmap_free(struct wms_hmap *m)
{
	free(m->hash);
	free(m->pos);
	memset(m, 0, sizeof *m);
}

/* What wms_imap_get looks for. */
struct imap_probe {
	const struct wms_imap	*im;
	int64_t			 k[3];
};

static int
imap_eq(size_t pos, const void *arg)
{
	const struct imap_probe	*p = arg;
	const int64_t		*k = p->im->keys[pos];

	return k[0] == p->k[0] && k[1] == p->k[1] && k[2] == p->k[2];
}

long
wms_imap_get(const struct wms_imap *im, int64_t a, int64_t b, int64_t c)
{
	struct imap_probe p = { .im = im, .k = { a, b, c } };

	return wms_hmap_get(&im->m, wms_hash_ints(a, b, c), imap_eq, &p);
}

void
wms_imap_put(struct wms_imap *im, int64_t a, int64_t b, int64_t c,
    size_t pos)
{
	while (pos >= im->cap) {
		im->cap = im->cap == 0 ? 16 : im->cap * 2;
		im->keys = xreallocarray(im->keys, im->cap, sizeof *im->keys);
	}
	im->keys[pos][0] = a;
	im->keys[pos][1] = b;
	im->keys[pos][2] = c;
	wms_hmap_put(&im->m, wms_hash_ints(a, b, c), pos);
}

void
wms_imap_free(struct wms_imap *im)
{
	wms_hmap_free(&im->m);
	free(im->keys);
	memset(im, 0, sizeof *im);
}

uint64_t
wms_hash_str(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= UINT64_C(1099511628211);
	}
	return h;
}

/* Mix three integers (the splitmix64 finaliser on each step). */
uint64_t
wms_hash_ints(int64_t a, int64_t b, int64_t c)
{
	uint64_t	h = 0, v[3];
	int		i;

	v[0] = (uint64_t)a;
	v[1] = (uint64_t)b;
	v[2] = (uint64_t)c;
	for (i = 0; i < 3; i++) {
		h ^= v[i] + UINT64_C(0x9e3779b97f4a7c15) + (h << 6) + (h >> 2);
		h ^= h >> 30;
		h *= UINT64_C(0xbf58476d1ce4e5b9);
		h ^= h >> 27;
		h *= UINT64_C(0x94d049bb133111eb);
		h ^= h >> 31;
	}
	return h;
}
