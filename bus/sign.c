/* The site's Ed25519 signing key: make, store, load, sign, verify. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "bus/sign.h"
#include "lib/i18n.h"

#define KEY_MAGIC	"makhzan-ed25519-v1"

/* The key file, one "name value" a line:
 *	makhzan-ed25519-v1
 *	site HMS
 *	public <base64 of 32 bytes>
 *	secret <base64 of 64 bytes>
 */

static int
sign_init(struct wms_err *err)
{
	if (sodium_init() < 0)
		return wms_err_set(err, WMS_ERR_IO,
		    _("libsodium could not start (no entropy source?)"));
	return 0;
}

void
bus_key_id(const unsigned char pk[BUS_PK_BYTES], char out[BUS_KEYID_TEXT])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof h, pk, BUS_PK_BYTES, NULL, 0);
	sodium_bin2hex(out, BUS_KEYID_TEXT, h, 8);
}

void
bus_key_public_text(const struct bus_key *k, char out[BUS_PK_TEXT])
{
	sodium_bin2base64(out, BUS_PK_TEXT, k->pk, BUS_PK_BYTES,
	    sodium_base64_VARIANT_ORIGINAL);
}

/* base64 text of exactly n bytes into out: 0, or -1. */
static int
sign_unbase64(const char *text, unsigned char *out, size_t n)
{
	size_t		 len = 0;
	const char	*end = NULL;

	if (text == NULL || sodium_base642bin(out, n, text, strlen(text), NULL,
	    &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 || len != n ||
	    (end != NULL && *end != '\0'))
		return -1;
	return 0;
}

int
bus_key_parse_public(const char *text, unsigned char pk[BUS_PK_BYTES],
    struct wms_err *err)
{
	if (sign_unbase64(text, pk, BUS_PK_BYTES) != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("not a public key: give the 44 characters that "
		    "makhzan bus key prints at the depot"));
	return 0;
}

int
bus_key_generate(const char *path, const char *site, struct bus_key *out,
    struct wms_err *err)
{
	struct bus_key	 k;
	char		 pk[BUS_PK_TEXT], sk[crypto_sign_SECRETKEYBYTES * 2];
	FILE		*f;
	int		 fd, rc;

	if ((rc = sign_init(err)) != 0)
		return rc;
	memset(&k, 0, sizeof k);
	snprintf(k.site, sizeof k.site, "%s", site);
	crypto_sign_keypair(k.pk, k.sk);
	bus_key_id(k.pk, k.id);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) <
	    0) {
		bus_key_wipe(&k);
		if (errno == EEXIST)
			return wms_err_set(err, WMS_ERR_CONFLICT,
			    _("%s exists: a site key is never overwritten "
			    "(the centre knows it); move it away first if you "
			    "mean to replace it"), path);
		return wms_err_set(err, WMS_ERR_IO, _("cannot create %s: %s"),
		    path, strerror(errno));
	}
	bus_key_public_text(&k, pk);
	sodium_bin2base64(sk, sizeof sk, k.sk, BUS_SK_BYTES,
	    sodium_base64_VARIANT_ORIGINAL);
	f = fdopen(fd, "w");
	if (f == NULL || fprintf(f, "%s\nsite %s\npublic %s\nsecret %s\n",
	    KEY_MAGIC, site, pk, sk) < 0 || fflush(f) != 0 ||
	    fsync(fd) != 0) {
		rc = wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"),
		    path, strerror(errno));
		if (f != NULL)
			fclose(f);
		else
			close(fd);
		unlink(path);
		sodium_memzero(sk, sizeof sk);
		bus_key_wipe(&k);
		return rc;
	}
	fclose(f);
	sodium_memzero(sk, sizeof sk);
	if (out != NULL) {
		*out = k;
		sodium_memzero(out->sk, sizeof out->sk);
	}
	bus_key_wipe(&k);
	return 0;
}

int
bus_key_load(const char *path, struct bus_key *k, struct wms_err *err)
{
	struct stat	 st;
	FILE		*f = NULL;
	char		 line[256], name[16], value[200];
	unsigned char	 check[BUS_PK_BYTES];
	int		 rc, have = 0, fd;

	memset(k, 0, sizeof *k);
	if ((rc = sign_init(err)) != 0)
		return rc;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return wms_err_set(err, errno == ENOENT ? WMS_ERR_NOTFOUND :
		    WMS_ERR_IO, _("cannot read the site key %s: %s (make one "
		    "with makhzan bus keygen)"), path, strerror(errno));
	if (fstat(fd, &st) != 0 || (st.st_mode & 077) != 0) {
		close(fd);
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("the site key %s may be read by others (mode %03o): "
		    "chmod 600 it"), path, (unsigned)(st.st_mode & 0777));
	}
	f = fdopen(fd, "r");
	if (f == NULL || fgets(line, sizeof line, f) == NULL ||
	    strcmp(line, KEY_MAGIC "\n") != 0) {
		rc = wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is not a makhzan site key"), path);
		goto out;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "%15s %199s", name, value) != 2)
			continue;
		if (strcmp(name, "site") == 0 &&
		    strlen(value) < sizeof k->site) {
			memcpy(k->site, value, strlen(value) + 1);
			have |= 1;
		} else if (strcmp(name, "public") == 0 &&
		    sign_unbase64(value, k->pk, BUS_PK_BYTES) == 0) {
			have |= 2;
		} else if (strcmp(name, "secret") == 0 &&
		    sign_unbase64(value, k->sk, BUS_SK_BYTES) == 0) {
			have |= 4;
		}
	}
	sodium_memzero(value, sizeof value);
	sodium_memzero(line, sizeof line);
	/* The secret key holds its public half: they must agree. */
	if (have != 7 || crypto_sign_ed25519_sk_to_pk(check, k->sk) != 0 ||
	    memcmp(check, k->pk, BUS_PK_BYTES) != 0) {
		rc = wms_err_set(err, WMS_ERR_INVALID,
		    _("%s is damaged: it lacks the site, or its public and "
		    "secret halves do not belong together"), path);
		goto out;
	}
	bus_key_id(k->pk, k->id);
	rc = 0;
out:
	if (f != NULL)
		fclose(f);
	else
		close(fd);
	if (rc != 0)
		bus_key_wipe(k);
	return rc;
}

void
bus_key_wipe(struct bus_key *k)
{
	sodium_memzero(k->sk, sizeof k->sk);
}

void
bus_sign(const struct bus_key *k, const void *body, size_t n,
    char out[BUS_SIG_TEXT])
{
	unsigned char sig[BUS_SIG_BYTES];

	crypto_sign_detached(sig, NULL, body, n, k->sk);
	sodium_bin2base64(out, BUS_SIG_TEXT, sig, sizeof sig,
	    sodium_base64_VARIANT_ORIGINAL);
}

int
bus_verify(const unsigned char pk[BUS_PK_BYTES], const void *body, size_t n,
    const char *sig, struct wms_err *err)
{
	unsigned char bin[BUS_SIG_BYTES];

	if (sign_unbase64(sig, bin, sizeof bin) != 0)
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("the signature is not 64 bytes of base64"));
	if (crypto_sign_verify_detached(bin, body, n, pk) != 0)
		return wms_err_set(err, WMS_ERR_CORRUPT,
		    _("the signature does not match the message"));
	return 0;
}
