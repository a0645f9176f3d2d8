/* Tests of lib/hmap.c: the hash index behind the posting caches. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lib/hmap.h"

struct keys {
	int64_t	a[5000], b[5000];
};

struct probe {
	const struct keys	*k;
	int64_t			 a, b;
};

static int
eq(size_t pos, const void *arg)
{
	const struct probe *p = arg;

	return p->k->a[pos] == p->a && p->k->b[pos] == p->b;
}

/* Every hash the same: the equality function alone tells keys apart. */
static int
eq_str(size_t pos, const void *arg)
{
	static const char *const words[] = { "P-100", "P-101", "CHM-BENT" };

	return strcmp(words[pos], arg) == 0;
}

static void
hmap__many_keys__each_found_at_its_position(void **state)
{
	static struct keys	k;
	struct wms_hmap		m;
	struct probe		p;
	size_t			i;

	(void)state;
	memset(&m, 0, sizeof m);
	for (i = 0; i < 5000; i++) {
		k.a[i] = (int64_t)i * 7;
		k.b[i] = -(int64_t)i;
		wms_hmap_put(&m, wms_hash_ints(k.a[i], k.b[i], 0), i);
	}
	assert_int_equal(m.n, 5000);
	/* Grown so that it stays at most half full. */
	assert_true(m.cap >= 10000);
	p.k = &k;
	for (i = 0; i < 5000; i++) {
		p.a = k.a[i];
		p.b = k.b[i];
		assert_int_equal(wms_hmap_get(&m, wms_hash_ints(p.a, p.b, 0),
		    eq, &p), (long)i);
	}
	p.a = 3;
	p.b = 3;
	assert_int_equal(wms_hmap_get(&m, wms_hash_ints(3, 3, 0), eq, &p), -1);
	wms_hmap_free(&m);
	assert_int_equal(m.cap, 0);
}

static void
hmap__same_hash__told_apart_by_eq(void **state)
{
	struct wms_hmap m;

	(void)state;
	memset(&m, 0, sizeof m);
	wms_hmap_put(&m, 42, 0);
	wms_hmap_put(&m, 42, 1);
	wms_hmap_put(&m, 42, 2);
	assert_int_equal(wms_hmap_get(&m, 42, eq_str, "P-101"), 1);
	assert_int_equal(wms_hmap_get(&m, 42, eq_str, "CHM-BENT"), 2);
	assert_int_equal(wms_hmap_get(&m, 42, eq_str, "P-102"), -1);
	assert_int_equal(wms_hmap_get(&m, 43, eq_str, "P-100"), -1);
	wms_hmap_free(&m);
}

static void
hmap__empty__nothing_found(void **state)
{
	struct wms_hmap m;

	(void)state;
	memset(&m, 0, sizeof m);
	assert_int_equal(wms_hmap_get(&m, 1, eq_str, "P-100"), -1);
	wms_hmap_free(&m);
}

static void
hash__keys__differ_and_repeat(void **state)
{
	(void)state;
	assert_true(wms_hash_str("P-100") == wms_hash_str("P-100"));
	assert_true(wms_hash_str("P-100") != wms_hash_str("P-101"));
	assert_true(wms_hash_ints(1, 2, 3) == wms_hash_ints(1, 2, 3));
	assert_true(wms_hash_ints(1, 2, 3) != wms_hash_ints(3, 2, 1));
	assert_true(wms_hash_ints(0, 0, 1) != wms_hash_ints(0, 1, 0));
}

/* The integer index keeps its keys: each found where it was put. */
static void
imap__keys__found_at_their_positions(void **state)
{
	struct wms_imap	m;
	int64_t		i;

	(void)state;
	memset(&m, 0, sizeof m);
	assert_int_equal(wms_imap_get(&m, 1, 2, 3), -1);
	for (i = 0; i < 3000; i++)
		wms_imap_put(&m, i, -i, i % 7, (size_t)i);
	for (i = 0; i < 3000; i++)
		assert_int_equal(wms_imap_get(&m, i, -i, i % 7), (long)i);
	/* The same ids in another order, or another third, are not there. */
	assert_int_equal(wms_imap_get(&m, -5, 5, 5), -1);
	assert_int_equal(wms_imap_get(&m, 5, -5, 6), -1);
	wms_imap_free(&m);
	assert_int_equal(m.cap, 0);
	assert_int_equal(wms_imap_get(&m, 0, 0, 0), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hmap__many_keys__each_found_at_its_position),
		cmocka_unit_test(hmap__same_hash__told_apart_by_eq),
		cmocka_unit_test(hmap__empty__nothing_found),
		cmocka_unit_test(hash__keys__differ_and_repeat),
		cmocka_unit_test(imap__keys__found_at_their_positions),
	};

	return cmocka_run_group_tests_name("hmap", tests, NULL, NULL);
}
