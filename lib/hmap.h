/* A small open-addressing index from a 64-bit hash to positions in an array. */
#ifndef WMS_HMAP_H
#define WMS_HMAP_H

#include <stddef.h>
#include <stdint.h>

/*
 * The map holds (hash, position) pairs; the caller keeps the keys and the
 * values in its own array and says, through eq, whether the key at a
 * position is the one looked for.  Zero-initialise before use.
 */
struct wms_hmap {
	uint64_t	*hash;
	size_t		*pos;		/* position + 1; 0 is an empty slot */
	size_t		 cap;		/* a power of two, or 0 */
	size_t		 n;
};

/* The position whose hash is h and for which eq(pos, arg) holds, or -1. */
long	wms_hmap_get(const struct wms_hmap *, uint64_t h,
	    int (*eq)(size_t pos, const void *arg), const void *arg);
/* Add position pos under hash h (the caller made sure it is not there). */
void	wms_hmap_put(struct wms_hmap *, uint64_t h, size_t pos);
void	wms_hmap_free(struct wms_hmap *);

/*
 * An index from up to three integers (unused ones 0) to positions, which
 * keeps the keys itself: for an array whose elements are known by ids.
 * Zero-initialise before use.
 */
struct wms_imap {
	struct wms_hmap	  m;
	int64_t		(*keys)[3];	/* by position */
	size_t		  cap;
};

/* The position of key (a, b, c), or -1. */
long	wms_imap_get(const struct wms_imap *, int64_t a, int64_t b,
	    int64_t c);
/* Add key (a, b, c) at position pos (the caller made sure it is new). */
void	wms_imap_put(struct wms_imap *, int64_t a, int64_t b, int64_t c,
	    size_t pos);
void	wms_imap_free(struct wms_imap *);

/* Hashes for keys: a string (FNV-1a) and up to three integers. */
uint64_t wms_hash_str(const char *);
uint64_t wms_hash_ints(int64_t, int64_t, int64_t);

#endif
