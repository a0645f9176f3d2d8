/* Tests of bus/merkle.c: one signature per window, a proof per message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "bus/merkle.h"

/* RFC 6962 2.1, written the RFC's way, to check the level-wise build. */
static void
ref_mth(bus_hash *leaves, size_t n, bus_hash out)
{
	unsigned char	in[1 + 2 * BUS_MERKLE_HASH];
	size_t		k = 1;

	if (n == 1) {
		memcpy(out, leaves[0], BUS_MERKLE_HASH);
		return;
	}
	while (k * 2 < n)
		k *= 2;
	in[0] = 0x01;
	ref_mth(leaves, k, in + 1);
	ref_mth(leaves + k, n - k, in + 1 + BUS_MERKLE_HASH);
	crypto_generichash(out, BUS_MERKLE_HASH, in, sizeof in, NULL, 0);
}

static int
ref_path(bus_hash *leaves, size_t m, size_t n, bus_hash *path)
{
	size_t	k = 1;
	int	np;

	if (n == 1)
		return 0;
	while (k * 2 < n)
		k *= 2;
	if (m < k) {
		np = ref_path(leaves, m, k, path);
		ref_mth(leaves + k, n - k, path[np]);
	} else {
		np = ref_path(leaves + k, m - k, n - k, path);
		ref_mth(leaves, k, path[np]);
	}
	return np + 1;
}

static void
body_of(size_t i, char *out, size_t n)
{
	snprintf(out, n, "{\"v\":1,\"seq\":%zu,\"payload\":{}}", i + 1);
}

static bus_hash *
leaves_of(size_t n)
{
	bus_hash	*l = calloc(n, sizeof *l);
	char		 b[64];
	size_t		 i;

	for (i = 0; i < n; i++) {
		body_of(i, b, sizeof b);
		bus_merkle_leaf(b, strlen(b), l[i]);
	}
	return l;
}

/* Sizes 1..17 and a few windows: the root and every path as RFC 6962's,
 * and every leaf's proof, through its text, folds to the root. */
static void
merkle__sizes__every_proof_folds_to_the_root(void **state)
{
	static const size_t	sizes[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
	    11, 12, 13, 14, 15, 16, 17, 100, 255, 256, 257 };
	bus_hash		root, ref, got, path[BUS_MERKLE_MAX_PATH];
	bus_hash		rpath[BUS_MERKLE_MAX_PATH], *l;
	struct bus_merkle	t;
	char			text[BUS_MERKLE_PROOF_TEXT], b[64];
	uint64_t		size;
	size_t			s, i, n;
	int			np;

	(void)state;
	for (s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		n = sizes[s];
		l = leaves_of(n);
		assert_int_equal(bus_merkle_build(&t, l, n), 0);
		bus_merkle_root(&t, root);
		ref_mth(l, n, ref);
		assert_memory_equal(root, ref, BUS_MERKLE_HASH);
		for (i = 0; i < n; i++) {
			np = bus_merkle_path(&t, i, path);
			assert_int_equal(np, ref_path(l, i, n, rpath));
			assert_memory_equal(path, rpath,
			    (size_t)np * BUS_MERKLE_HASH);
			assert_int_equal(bus_merkle_fold(l[i], i, n, path, np,
			    got), 0);
			assert_memory_equal(got, root, BUS_MERKLE_HASH);
			bus_merkle_proof_text(i, n, path, np, text);
			body_of(i, b, sizeof b);
			assert_int_equal(bus_merkle_proof_root(b, strlen(b),
			    text, &size, got), 0);
			assert_int_equal(size, n);
			assert_memory_equal(got, root, BUS_MERKLE_HASH);
		}
		assert_int_equal(bus_merkle_path(&t, n, path), -1);
		bus_merkle_free(&t);
		free(l);
	}
}

/* Anything changed -- body, index, size, a byte or a hash of the path --
 * fails or leads to another root. */
static void
merkle__changed__fails(void **state)
{
	bus_hash		root, got, path[BUS_MERKLE_MAX_PATH], *l, leaf;
	unsigned char		msg[BUS_MERKLE_MSG_MAX], msg2[BUS_MERKLE_MSG_MAX];
	struct bus_merkle	t;
	size_t			n, i, nm;
	uint64_t		k;
	int			np, b;

	(void)state;
	for (n = 1; n <= 17; n++) {
		l = leaves_of(n);
		assert_int_equal(bus_merkle_build(&t, l, n), 0);
		bus_merkle_root(&t, root);
		for (i = 0; i < n; i++) {
			np = bus_merkle_path(&t, i, path);
			/* Another body. */
			bus_merkle_leaf("{}", 2, leaf);
			assert_true(bus_merkle_fold(leaf, i, n, path, np,
			    got) != 0 || memcmp(got, root, sizeof got) != 0);
			/* Another index, another size. */
			for (k = 0; k < n + 2; k++) {
				if (k == i)
					continue;
				assert_true(bus_merkle_fold(l[i], k, n, path,
				    np, got) != 0 || memcmp(got, root,
				    sizeof got) != 0);
			}
			/* Another size may fold to the same root (the
			 * path's shape can be the same): the signed
			 * message, which holds the size, differs. */
			nm = bus_merkle_window_msg("0123456789abcdef", n,
			    root, msg);
			for (k = 1; k < n + 4; k++) {
				if (k == n)
					continue;
				if (bus_merkle_fold(l[i], i, k, path, np,
				    got) != 0)
					continue;
				assert_true(bus_merkle_window_msg(
				    "0123456789abcdef", k, got, msg2) != nm ||
				    memcmp(msg, msg2, nm) != 0);
			}
			/* A bit of the path, a hash missing or added. */
			for (b = 0; b < np; b++) {
				path[b][b % BUS_MERKLE_HASH] ^= 0x40;
				assert_int_equal(bus_merkle_fold(l[i], i, n,
				    path, np, got), 0);
				assert_memory_not_equal(got, root,
				    BUS_MERKLE_HASH);
				path[b][b % BUS_MERKLE_HASH] ^= 0x40;
			}
			if (np > 0)
				assert_true(bus_merkle_fold(l[i], i, n, path,
				    np - 1, got) != 0 || memcmp(got, root,
				    sizeof got) != 0);
			memset(path[np], 7, BUS_MERKLE_HASH);
			assert_true(bus_merkle_fold(l[i], i, n, path, np + 1,
			    got) != 0 || memcmp(got, root, sizeof got) != 0);
		}
		bus_merkle_free(&t);
		free(l);
	}
}

/* The header's text: what is not index/size/base64-of-hashes is refused. */
static void
merkle__proof_text__malformed_refused(void **state)
{
	static const char *const bad[] = {
		"", "0", "0/1", "1/1/", "2/1/", "01/2/", "0/02/", "-1/2/",
		"+0/2/", "0/2/abc", "0/2/AAAA", "0/ 2/", "0/2/" "AAAA"
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
		"0/2/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=x",
		"99999999999999999999999/99999999999999999999999/",
	};
	bus_hash	path[BUS_MERKLE_MAX_PATH], p1[1];
	char		text[BUS_MERKLE_PROOF_TEXT];
	uint64_t	i, n;
	size_t		k;
	int		np;

	(void)state;
	for (k = 0; k < sizeof bad / sizeof bad[0]; k++)
		assert_int_equal(bus_merkle_proof_parse(bad[k], &i, &n, path,
		    &np), -1);
	assert_int_equal(bus_merkle_proof_parse(NULL, &i, &n, path, &np), -1);
	assert_int_equal(bus_merkle_proof_parse("0/1/", &i, &n, path, &np), 0);
	assert_true(i == 0 && n == 1 && np == 0);
	memset(p1, 0xab, sizeof p1);
	bus_merkle_proof_text(1, 2, p1, 1, text);
	assert_int_equal(strncmp(text, "1/2/", 4), 0);
	assert_int_equal(bus_merkle_proof_parse(text, &i, &n, path, &np), 0);
	assert_true(i == 1 && n == 2 && np == 1);
	assert_memory_equal(path[0], p1[0], BUS_MERKLE_HASH);
}

/*
 * The header's text is the same as it was when libsodium wrote it (its
 * base64, RFC 4648 with padding): every path length, every byte value,
 * the largest index and size.
 */
static void
merkle__proof_text__same_as_libsodium(void **state)
{
	bus_hash	path[BUS_MERKLE_MAX_PATH];
	char		text[BUS_MERKLE_PROOF_TEXT], want[BUS_MERKLE_PROOF_TEXT];
	uint64_t	i, n;
	int		np, k;

	(void)state;
	for (np = 0; np <= BUS_MERKLE_MAX_PATH; np++) {
		for (k = 0; k < np * BUS_MERKLE_HASH; k++)
			path[k / BUS_MERKLE_HASH][k % BUS_MERKLE_HASH] =
			    (unsigned char)(k * 37 + np);
		i = np == BUS_MERKLE_MAX_PATH ? UINT64_MAX - 1 :
		    (uint64_t)np * 7;
		n = np == BUS_MERKLE_MAX_PATH ? UINT64_MAX : i + 1 + (uint64_t)np;
		bus_merkle_proof_text(i, n, path, np, text);
		k = snprintf(want, sizeof want, "%llu/%llu/",
		    (unsigned long long)i, (unsigned long long)n);
		if (np > 0)
			sodium_bin2base64(want + k, sizeof want - (size_t)k,
			    (const unsigned char *)path, (size_t)np *
			    BUS_MERKLE_HASH, sodium_base64_VARIANT_ORIGINAL);
		assert_string_equal(text, want);
	}
}

/* What is signed: the magic, the key id, the size and the root, each
 * changing it. */
static void
merkle__window_msg__binds_key_size_root(void **state)
{
	unsigned char	a[BUS_MERKLE_MSG_MAX], b[BUS_MERKLE_MSG_MAX];
	bus_hash	root, other;
	size_t		na, nb;

	(void)state;
	memset(root, 1, sizeof root);
	memset(other, 2, sizeof other);
	na = bus_merkle_window_msg("0123456789abcdef", 256, root, a);
	assert_int_equal(na, sizeof BUS_MERKLE_MAGIC + 16 + 1 + 8 + 32);
	assert_memory_equal(a, "makhzan-window-v1\0000123456789abcdef\0", 35);
	assert_int_equal(a[35 + 6], 1);		/* 256, big-endian */
	assert_int_equal(a[35 + 7], 0);
	nb = bus_merkle_window_msg("0123456789abcdee", 256, root, b);
	assert_true(na != nb || memcmp(a, b, na) != 0);
	nb = bus_merkle_window_msg("0123456789abcdef", 255, root, b);
	assert_true(na != nb || memcmp(a, b, na) != 0);
	nb = bus_merkle_window_msg("0123456789abcdef", 256, other, b);
	assert_true(na != nb || memcmp(a, b, na) != 0);
	nb = bus_merkle_window_msg("0123456789abcdef", 256, root, b);
	assert_memory_equal(a, b, na);
}

/* A leaf is not a node: 0x00 and 0x01 keep a body from posing as one. */
static void
merkle__leaf__domain_separated(void **state)
{
	unsigned char	in[1 + 2 * BUS_MERKLE_HASH];
	bus_hash	l[2], node, leaf, root;
	struct bus_merkle t;

	(void)state;
	bus_merkle_leaf("a", 1, l[0]);
	bus_merkle_leaf("b", 1, l[1]);
	assert_int_equal(bus_merkle_build(&t, l, 2), 0);
	bus_merkle_root(&t, root);
	in[0] = 0x01;
	memcpy(in + 1, l[0], 32);
	memcpy(in + 33, l[1], 32);
	crypto_generichash(node, 32, in, sizeof in, NULL, 0);
	assert_memory_equal(node, root, 32);
	/* The 64 bytes of the two leaves, sent as a body: another hash. */
	bus_merkle_leaf(in + 1, 64, leaf);
	assert_memory_not_equal(leaf, root, 32);
	bus_merkle_free(&t);
	assert_int_equal(bus_merkle_build(&t, l, 0), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(merkle__sizes__every_proof_folds_to_the_root),
		cmocka_unit_test(merkle__changed__fails),
		cmocka_unit_test(merkle__proof_text__malformed_refused),
		cmocka_unit_test(merkle__proof_text__same_as_libsodium),
		cmocka_unit_test(merkle__window_msg__binds_key_size_root),
		cmocka_unit_test(merkle__leaf__domain_separated),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests_name("merkle", tests, NULL, NULL);
}
