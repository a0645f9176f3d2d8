/*
 * The site's signing key: Ed25519 (libsodium) over the exact bytes of each
 * message the relay sends, so that the centre can tell what a depot really
 * sent from anything written later in its database.  The secret key lives
 * in a file of its own (mode 0600), never in the database: whoever can edit
 * the database still cannot sign.
 */
#ifndef BUS_SIGN_H
#define BUS_SIGN_H

#include <stddef.h>

#include "lib/err.h"

#define BUS_PK_BYTES	32
#define BUS_SK_BYTES	64
#define BUS_SIG_BYTES	64
/* Text forms: base64 (RFC 4648, with padding), and the key id in hex. */
#define BUS_PK_TEXT	45	/* 44 + NUL */
#define BUS_SIG_TEXT	89	/* 88 + NUL */
#define BUS_KEYID_TEXT	17	/* 16 hex digits + NUL */

struct bus_key {
	char		site[32];
	unsigned char	pk[BUS_PK_BYTES];
	unsigned char	sk[BUS_SK_BYTES];	/* zero when only public */
	char		id[BUS_KEYID_TEXT];
};

/*
 * Make a new key pair for site and write it to path, created with mode
 * 0600 and refused when path exists (a key is never overwritten: the
 * centre knows the old one).  The public half is filled into *k when k is
 * not NULL.
 */
int	bus_key_generate(const char *path, const char *site, struct bus_key *k,
	    struct wms_err *err);

/*
 * Read the key file at path.  Refused when anyone but its owner may read
 * it (as ssh refuses a private key), when it is not a makhzan key file, or
 * when its halves do not belong together.
 */
int	bus_key_load(const char *path, struct bus_key *k, struct wms_err *err);

/* Forget the secret half (sodium_memzero). */
void	bus_key_wipe(struct bus_key *k);

/* The public key as base64 text, the form `central sites add --key` takes. */
void	bus_key_public_text(const struct bus_key *k, char out[BUS_PK_TEXT]);

/*
 * A public key from its base64 text into pk: 0, or WMS_ERR_INVALID when it
 * is not 32 bytes of base64.
 */
int	bus_key_parse_public(const char *text, unsigned char pk[BUS_PK_BYTES],
	    struct wms_err *err);

/*
 * The key id of a public key: the first 8 bytes of its BLAKE2b-256 digest
 * in hex.  Sent with every message, so the centre finds the key to check.
 */
void	bus_key_id(const unsigned char pk[BUS_PK_BYTES],
	    char out[BUS_KEYID_TEXT]);

/* The signature of the n bytes at body, as base64 text. */
void	bus_sign(const struct bus_key *k, const void *body, size_t n,
	    char out[BUS_SIG_TEXT]);

/*
 * 0 when sig (base64 text) is pk's signature of the n bytes at body;
 * WMS_ERR_CORRUPT when it is not, or is not a signature at all.
 */
int	bus_verify(const unsigned char pk[BUS_PK_BYTES], const void *body,
	    size_t n, const char *sig, struct wms_err *err);

#endif
