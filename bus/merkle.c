/* A Merkle tree over a window's message bodies (bus/merkle.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "bus/merkle.h"
#include "lib/xmalloc.h"

void
bus_merkle_leaf(const void *body, size_t len, bus_hash out)
{
	crypto_generichash_state	st;
	const unsigned char		tag = 0x00;

	crypto_generichash_init(&st, NULL, 0, BUS_MERKLE_HASH);
	crypto_generichash_update(&st, &tag, 1);
	crypto_generichash_update(&st, body, len);
	crypto_generichash_final(&st, out, BUS_MERKLE_HASH);
}

static void
merkle_node(const bus_hash left, const bus_hash right, bus_hash out)
{
	unsigned char in[1 + 2 * BUS_MERKLE_HASH];

	in[0] = 0x01;
	memcpy(in + 1, left, BUS_MERKLE_HASH);
	memcpy(in + 1 + BUS_MERKLE_HASH, right, BUS_MERKLE_HASH);
	crypto_generichash(out, BUS_MERKLE_HASH, in, sizeof in, NULL, 0);
}

/*
 * Level by level: pairs (2k, 2k+1) make a node of the level above; an odd
 * last node goes up as it is.  This is RFC 6962's tree: its left subtree
 * is always the largest power of two below the count, so a node promoted
 * alone is the right edge's, which RFC 6962 hashes only with what lies to
 * its left, higher up.
 */
int
bus_merkle_build(struct bus_merkle *t, const bus_hash *leaves, size_t n)
{
	size_t total, l, k, c;

	memset(t, 0, sizeof *t);
	if (n == 0 || n > ((size_t)1 << 31) * 2 - 1)
		return -1;
	/* n + ceil(n/2) + ... < 2n + one odd node per level. */
	total = 2 * n + BUS_MERKLE_MAX_PATH + 2;
	t->node = xreallocarray(NULL, total, sizeof *t->node);
	memcpy(t->node, leaves, n * sizeof *leaves);
	t->n = n;
	t->off[0] = 0;
	t->cnt[0] = n;
	for (l = 0; t->cnt[l] > 1; l++) {
		c = t->cnt[l];
		t->off[l + 1] = t->off[l] + c;
		t->cnt[l + 1] = (c + 1) / 2;
		for (k = 0; k + 1 < c; k += 2)
			merkle_node(t->node[t->off[l] + k],
			    t->node[t->off[l] + k + 1],
			    t->node[t->off[l + 1] + k / 2]);
		if (c % 2 == 1)
			memcpy(t->node[t->off[l + 1] + c / 2],
			    t->node[t->off[l] + c - 1], BUS_MERKLE_HASH);
	}
	t->levels = l + 1;
	return 0;
}

void
bus_merkle_free(struct bus_merkle *t)
{
	free(t->node);
	memset(t, 0, sizeof *t);
}

void
bus_merkle_root(const struct bus_merkle *t, bus_hash out)
{
	memcpy(out, t->node[t->off[t->levels - 1]], BUS_MERKLE_HASH);
}

int
bus_merkle_path(const struct bus_merkle *t, size_t i,
    bus_hash path[BUS_MERKLE_MAX_PATH])
{
	size_t	l, sib;
	int	n = 0;

	if (i >= t->n)
		return -1;
	for (l = 0; l + 1 < t->levels; l++, i /= 2) {
		sib = i ^ 1;
		/* The last node of an odd level has no sibling: it goes up. */
		if (sib < t->cnt[l])
			memcpy(path[n++], t->node[t->off[l] + sib],
			    BUS_MERKLE_HASH);
	}
	return n;
}

int
bus_merkle_fold(const bus_hash leaf, uint64_t i, uint64_t size,
    const bus_hash *path, int npath, bus_hash root)
{
	bus_hash	r;
	uint64_t	fn = i, sn;
	int		k;

	if (size == 0 || i >= size || npath < 0 ||
	    npath > BUS_MERKLE_MAX_PATH)
		return -1;
	sn = size - 1;
	memcpy(r, leaf, BUS_MERKLE_HASH);
	for (k = 0; k < npath; k++) {
		if (sn == 0)
			return -1;
		if ((fn & 1) == 1 || fn == sn) {
			merkle_node(path[k], r, r);
			while ((fn & 1) == 0 && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else {
			merkle_node(r, path[k], r);
		}
		fn >>= 1;
		sn >>= 1;
	}
	if (sn != 0)
		return -1;
	memcpy(root, r, BUS_MERKLE_HASH);
	return 0;
}

/* Decimal digits of v at p: where they end. */
static char *
merkle_utoa(char *p, uint64_t v)
{
	char	 tmp[21];
	int	 n = 0;

	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

/*
 * RFC 4648 base64 with padding, the same text as sodium_bin2base64's
 * ORIGINAL variant.  Not libsodium's: its encoder is constant-time, one
 * character at a time, for secrets, and a proof is public; it was a
 * quarter of the relay's signing cost (a path of 8 hashes a message).
 */
static char *
merkle_base64(char *p, const unsigned char *in, size_t n)
{
	static const char	b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	uint32_t		v;

	for (; n >= 3; n -= 3, in += 3) {
		v = (uint32_t)in[0] << 16 | (uint32_t)in[1] << 8 | in[2];
		*p++ = b64[v >> 18];
		*p++ = b64[(v >> 12) & 63];
		*p++ = b64[(v >> 6) & 63];
		*p++ = b64[v & 63];
	}
	if (n > 0) {
		v = (uint32_t)in[0] << 16 | (n > 1 ? (uint32_t)in[1] << 8 : 0);
		*p++ = b64[v >> 18];
		*p++ = b64[(v >> 12) & 63];
		*p++ = n > 1 ? b64[(v >> 6) & 63] : '=';
		*p++ = '=';
	}
	return p;
}

void
bus_merkle_proof_text(uint64_t i, uint64_t size, const bus_hash *path,
    int npath, char out[BUS_MERKLE_PROOF_TEXT])
{
	char *p;

	p = merkle_utoa(out, i);
	*p++ = '/';
	p = merkle_utoa(p, size);
	*p++ = '/';
	if (npath > 0)
		p = merkle_base64(p, (const unsigned char *)path,
		    (size_t)npath * BUS_MERKLE_HASH);
	*p = '\0';
}

/* Decimal digits up to '/', no sign, no leading zero: *v, or -1. */
static int
merkle_num(const char **s, uint64_t *v)
{
	const char	*p = *s;
	uint64_t	 x = 0;

	if (*p < '0' || *p > '9' || (*p == '0' && p[1] != '/'))
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (x > (UINT64_MAX - 9) / 10)
			return -1;
		x = x * 10 + (uint64_t)(*p - '0');
	}
	if (*p != '/')
		return -1;
	*v = x;
	*s = p + 1;
	return 0;
}

int
bus_merkle_proof_parse(const char *text, uint64_t *i, uint64_t *size,
    bus_hash path[BUS_MERKLE_MAX_PATH], int *npath)
{
	const char	*p = text, *end;
	size_t		 len, bin;

	if (text == NULL || merkle_num(&p, i) != 0 ||
	    merkle_num(&p, size) != 0 || *i >= *size)
		return -1;
	len = strlen(p);
	if (len == 0) {
		*npath = 0;
		return 0;
	}
	if (len > (BUS_MERKLE_MAX_PATH * BUS_MERKLE_HASH + 2) / 3 * 4 ||
	    sodium_base642bin((unsigned char *)path, BUS_MERKLE_MAX_PATH *
	    BUS_MERKLE_HASH, p, len, NULL, &bin, &end,
	    sodium_base64_VARIANT_ORIGINAL) != 0 || *end != '\0' ||
	    bin == 0 || bin % BUS_MERKLE_HASH != 0)
		return -1;
	*npath = (int)(bin / BUS_MERKLE_HASH);
	return 0;
}

size_t
bus_merkle_window_msg(const char *key_id, uint64_t size, const bus_hash root,
    unsigned char out[BUS_MERKLE_MSG_MAX])
{
	size_t	n = 0, kl = strnlen(key_id, 63);
	int	b;

	memcpy(out, BUS_MERKLE_MAGIC, sizeof BUS_MERKLE_MAGIC);
	n += sizeof BUS_MERKLE_MAGIC;		/* with its NUL */
	memcpy(out + n, key_id, kl);
	n += kl;
	out[n++] = '\0';
	for (b = 7; b >= 0; b--)
		out[n++] = (unsigned char)(size >> (8 * b));
	memcpy(out + n, root, BUS_MERKLE_HASH);
	return n + BUS_MERKLE_HASH;
}

int
bus_merkle_proof_root(const void *body, size_t len, const char *proof,
    uint64_t *size, bus_hash root)
{
	bus_hash	leaf, path[BUS_MERKLE_MAX_PATH];
	uint64_t	i;
	int		npath;

	if (bus_merkle_proof_parse(proof, &i, size, path, &npath) != 0)
		return -1;
	bus_merkle_leaf(body, len, leaf);
	return bus_merkle_fold(leaf, i, *size, path, npath, root);
}
