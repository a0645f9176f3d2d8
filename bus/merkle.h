/*
 * One signature per window of messages: a Merkle tree over the window's
 * message bodies (RFC 6962's shape, BLAKE2b-256), whose root the relay
 * signs once, and for each message the audit path from its leaf to that
 * root.  Whoever holds a body, its proof and the window's signature can
 * check it alone, forever, as with a signature of its own.
 *
 *   leaf = BLAKE2b-256(0x00 || body)
 *   node = BLAKE2b-256(0x01 || left || right)
 *
 * For n leaves that are not a power of two the tree is RFC 6962's: the
 * left subtree holds the largest power of two below n.  Pure: no I/O, no
 * state beyond the tree given.
 */
#ifndef BUS_MERKLE_H
#define BUS_MERKLE_H

#include <stddef.h>
#include <stdint.h>

#define BUS_MERKLE_HASH		32
/* Deepest path a proof may carry (a tree of 2^32 leaves). */
#define BUS_MERKLE_MAX_PATH	32
/* The window's signed message: magic, key id, size, root. */
#define BUS_MERKLE_MAGIC	"makhzan-window-v1"
#define BUS_MERKLE_MSG_MAX	(sizeof BUS_MERKLE_MAGIC + 64 + 8 + \
				 BUS_MERKLE_HASH)
/* "index/size/" + base64 of the path: the Makhzan-Proof header. */
#define BUS_MERKLE_PROOF_TEXT	(2 * 21 + 2 + \
				 (BUS_MERKLE_MAX_PATH * BUS_MERKLE_HASH + 2) \
				 / 3 * 4 + 1)

typedef unsigned char bus_hash[BUS_MERKLE_HASH];

struct bus_merkle {
	bus_hash	*node;		/* every level, leaves first */
	size_t		 n;		/* leaves */
	size_t		 levels;
	size_t		 off[BUS_MERKLE_MAX_PATH + 2];	/* level starts */
	size_t		 cnt[BUS_MERKLE_MAX_PATH + 2];	/* level sizes */
};

/* The leaf hash of a body. */
void	bus_merkle_leaf(const void *body, size_t len, bus_hash out);

/*
 * The tree over n (>= 1, < 2^32) leaf hashes, copied: 0, or -1 when n is
 * out of range.  Freed with bus_merkle_free.
 */
int	bus_merkle_build(struct bus_merkle *t, const bus_hash *leaves,
	    size_t n);
void	bus_merkle_free(struct bus_merkle *t);
void	bus_merkle_root(const struct bus_merkle *t, bus_hash out);

/* The audit path of leaf i into path: its length, or -1 when i >= n. */
int	bus_merkle_path(const struct bus_merkle *t, size_t i,
	    bus_hash path[BUS_MERKLE_MAX_PATH]);

/*
 * Fold leaf i of a tree of size leaves with its path up to the root
 * (RFC 9162, 2.1.3.2): 0 with the root in root, or -1 when the path does
 * not fit the index and size (too short, too long, index >= size).
 */
int	bus_merkle_fold(const bus_hash leaf, uint64_t i, uint64_t size,
	    const bus_hash *path, int npath, bus_hash root);

/*
 * The Makhzan-Proof header's text, "index/size/" + base64 (RFC 4648, with
 * padding) of the path's hashes one after the other ("0/1/" for a window
 * of one), and back: parse gives 0, or -1 when text is not that form
 * (digits only, index < size, a whole number of hashes, at most
 * BUS_MERKLE_MAX_PATH).
 */
void	bus_merkle_proof_text(uint64_t i, uint64_t size, const bus_hash *path,
	    int npath, char out[BUS_MERKLE_PROOF_TEXT]);
int	bus_merkle_proof_parse(const char *text, uint64_t *i, uint64_t *size,
	    bus_hash path[BUS_MERKLE_MAX_PATH], int *npath);

/*
 * The bytes the window's Ed25519 signature covers: "makhzan-window-v1",
 * a NUL, the key id's text (as in Makhzan-Key), a NUL, the tree size as 8
 * bytes big-endian, the root.  Domain-separated, so that no body and no
 * other signature of the site's key can pass for it.  Returns the length.
 */
size_t	bus_merkle_window_msg(const char *key_id, uint64_t size,
	    const bus_hash root, unsigned char out[BUS_MERKLE_MSG_MAX]);

/*
 * Body, proof text and root together: 0 with the root the proof leads
 * to in root, or -1 when the proof is not one.
 */
int	bus_merkle_proof_root(const void *body, size_t len, const char *proof,
	    uint64_t *size, bus_hash root);

#endif
