/*
 * Unit tests for core/weigh.c: the weighing rule, a scale's reading as a
 * quantity of an item's base unit, without a device or a terminal.
 */
#include <limits.h>
#include <locale.h>

#include "tests/fixture.h"

#include "lib/i18n.h"
#include "core/weigh.h"

static struct wms_scale_reading
reading(int64_t net, const char *unit)
{
	struct wms_scale_reading r;

	memset(&r, 0, sizeof r);
	r.net = net;
	snprintf(r.unit, sizeof r.unit, "%s", unit);
	r.stable = 1;
	r.age_ms = 200;
	return r;
}

/* An item as the rule sees it: only its code and base unit matter. */
static struct wms_item
item(const char *code, const char *uom)
{
	struct wms_item it;

	memset(&it, 0, sizeof it);
	it.code = (char *)code;
	it.uom = (char *)uom;
	return it;
}

/* The quantity, or -1 with the refusal in f->err (and *rc its code). */
static int64_t
weigh(struct fx *f, const struct wms_scale_reading *r, const char *code,
    const char *uom, int *rc)
{
	struct wms_item	it = item(code, uom);
	int64_t		q = -1;

	*rc = wms_weigh(f->w, "scale-1", r, &it, &q, &f->err);
	return q;
}

static void
mass__every_scale_unit__to_every_mass_unit(void **state)
{
	struct fx			*f = *state;
	struct wms_scale_reading	 r;
	int				 rc;

	/* 12.5 kg is 12500 g, 12.5 kg, 0.013 t (12.5 kg rounds up). */
	r = reading(12500, "kg");
	assert_int_equal(weigh(f, &r, "X", "G", &rc), 12500000);
	assert_int_equal(weigh(f, &r, "X", "KG", &rc), 12500);
	assert_int_equal(weigh(f, &r, "X", "T", &rc), 13);
	/* The item's unit in either case. */
	assert_int_equal(weigh(f, &r, "X", "kg", &rc), 12500);
	/* 750 g; 2 t. */
	r = reading(750000, "g");
	assert_int_equal(weigh(f, &r, "X", "KG", &rc), 750);
	r = reading(2000, "t");
	assert_int_equal(weigh(f, &r, "X", "KG", &rc), 2000000);
	/* 1 lb is 453.59237 g; 16 oz is 1 lb. */
	r = reading(1000, "lb");
	assert_int_equal(weigh(f, &r, "X", "G", &rc), 453592);
	r = reading(16000, "oz");
	assert_int_equal(weigh(f, &r, "X", "G", &rc), 453592);
	assert_int_equal(weigh(f, &r, "X", "KG", &rc), 454);
	assert_int_equal(rc, 0);
}

static void
counted__by_its_kg_unit__rounded_to_whole_pieces(void **state)
{
	struct fx			*f = *state;
	struct wms_scale_reading	 r;
	int				 rc;

	/* A pump of 25 kg: 1 KG = 0.04 EA. */
	fx_ok(wms_unit_add(f->w, "P-100", "KG", 40, &f->err), &f->err);
	/* 87.5 kg is 3.5 pumps: 4 (half away from zero); 62.4 kg is 2. */
	r = reading(87500, "kg");
	assert_int_equal(weigh(f, &r, "P-100", "EA", &rc), 4000);
	r = reading(62400, "kg");
	assert_int_equal(weigh(f, &r, "P-100", "EA", &rc), 2000);
	/* 110.23 lb is 50 kg: 2 pumps. */
	r = reading(110231, "lb");
	assert_int_equal(weigh(f, &r, "P-100", "EA", &rc), 2000);
	/* 12 kg is less than half a pump: refused, not 0. */
	r = reading(12000, "kg");
	assert_int_equal(weigh(f, &r, "P-100", "EA", &rc), -1);
	assert_int_equal(rc, WMS_ERR_INVALID);
	assert_non_null(strstr(f->err.msg, "less than one EA of P-100"));
	/* A valve has no KG unit: it cannot be counted by weight. */
	r = reading(30000, "kg");
	assert_int_equal(weigh(f, &r, "VLV-8", "EA", &rc), -1);
	assert_int_equal(rc, WMS_ERR_INVALID);
	assert_non_null(strstr(f->err.msg, "VLV-8 is counted in EA and has "
	    "no KG unit"));
}

static void
refused__each_reason__quantity_untouched(void **state)
{
	static const struct {
		const char	*why;
		int		 rc;
	} want[] = {
		{ "1.001 s old", WMS_ERR_IO },
		{ "reports an error", WMS_ERR_IO },
		{ "is overloaded", WMS_ERR_INVALID },
		{ "is below zero", WMS_ERR_INVALID },
		{ "moving (208.5 kg)", WMS_ERR_INVALID },
		{ "nothing on the scale (net 0 kg)", WMS_ERR_INVALID },
		{ "nothing on the scale (net -1 kg)", WMS_ERR_INVALID },
		{ "weighs in N, not a mass", WMS_ERR_INVALID },
		{ "is too heavy to book", WMS_ERR_INVALID },
	};
	struct fx			*f = *state;
	struct wms_scale_reading	 r[sizeof want / sizeof want[0]];
	size_t				 i;
	int				 rc;

	for (i = 0; i < sizeof want / sizeof want[0]; i++)
		r[i] = reading(208500, "kg");
	r[0].age_ms = 1001;
	r[1].error = 1;
	r[2].overload = 1;
	r[3].underload = 1;
	r[4].stable = 0;
	r[5].net = 0;
	r[6].net = -1000;
	snprintf(r[7].unit, sizeof r[7].unit, "N");
	/* More tonnes than an int64 of milligrams holds. */
	r[8].net = INT64_MAX / 1000;
	snprintf(r[8].unit, sizeof r[8].unit, "t");
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		assert_int_equal(weigh(f, &r[i], "CHM-BENT", "KG", &rc), -1);
		if (rc != want[i].rc || strstr(f->err.msg, want[i].why) ==
		    NULL)
			fail_msg("reading %zu: rc %d, \"%s\"; wanted %d, "
			    "\"%s\"", i, rc, f->err.msg, want[i].rc,
			    want[i].why);
		assert_non_null(strstr(f->err.msg, "scale-1"));
	}
	/* Exactly 1 s old is still the weight on the scale. */
	r[0].age_ms = 1000;
	assert_int_equal(weigh(f, &r[0], "CHM-BENT", "KG", &rc), 208500);
}

/* Where make put the translations: build/locale beside build/tests. */
static int
locale_dir(char *dir, size_t len)
{
	char	 exe[PATH_MAX], mo[PATH_MAX + 64], *slash;
	ssize_t	 n;

	*dir = '\0';
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0)
		return -1;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return -1;
	*slash = '\0';
	if (snprintf(dir, len, "%s/../locale", exe) >= (int)len)
		return -1;
	snprintf(mo, sizeof mo, "%s/ar/LC_MESSAGES/makhzan.mo", dir);
	return access(mo, R_OK);
}

static void
refused__in_arabic__reason_translated(void **state)
{
	extern int			 _nl_msg_cat_cntr;
	struct fx			*f = *state;
	struct wms_scale_reading	 r = reading(208500, "kg");
	char				 dir[PATH_MAX];
	int				 rc;

	if (locale_dir(dir, sizeof dir) != 0)
		fail_msg("no %s/ar/LC_MESSAGES/makhzan.mo: make all first",
		    dir);
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
	bindtextdomain("makhzan", dir);
	bind_textdomain_codeset("makhzan", "UTF-8");
	textdomain("makhzan");
	setenv("LANGUAGE", "ar", 1);
	++_nl_msg_cat_cntr;
	r.overload = 1;
	assert_int_equal(weigh(f, &r, "CHM-BENT", "KG", &rc), -1);
	setenv("LANGUAGE", "en", 1);
	++_nl_msg_cat_cntr;
	assert_int_equal(rc, WMS_ERR_INVALID);
	if (strstr(f->err.msg, "scale-1 محمّل فوق طاقته") == NULL)
		fail_msg("not in Arabic: \"%s\"", f->err.msg);
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(mass__every_scale_unit__to_every_mass_unit),
		T(counted__by_its_kg_unit__rounded_to_whole_pieces),
		T(refused__each_reason__quantity_untouched),
		T(refused__in_arabic__reason_translated),
	};
#undef T

	return cmocka_run_group_tests_name("weigh-rule", tests, NULL, NULL);
}
