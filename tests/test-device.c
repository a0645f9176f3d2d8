/* Tests of core/device.c: the devices configured at the stations. */
#include "tests/fixture.h"

#include "devices/registry.h"

static struct dev_registry_entry
dev_sample(const char *name, const char *kind)
{
	struct dev_registry_entry d;

	memset(&d, 0, sizeof d);
	snprintf(d.name, sizeof d.name, "%s", name);
	snprintf(d.kind, sizeof d.kind, "%s", kind);
	snprintf(d.uri, sizeof d.uri, "tcp://127.0.0.1:1502");
	snprintf(d.profile, sizeof d.profile, "generic");
	snprintf(d.station, sizeof d.station, "dock-1");
	d.unit_id = DEV_UNIT_ID_DEFAULT;
	d.timeout_ms = DEV_TIMEOUT_MS_DEFAULT;
	return d;
}

static int
count_fn(const struct dev_registry_entry *d, void *arg)
{
	(void)d;
	(*(int *)arg)++;
	return 0;
}

static void
wms_device_add__then_get_and_list__same_fields(void **state)
{
	struct fx		*f = *state;
	struct dev_registry_entry	 d = dev_sample("scale-1", "scale"), got;
	int			 n = 0;

	fx_ok(dev_registry_add(f->w, &d, &f->err), &f->err);
	fx_ok(dev_registry_get(f->w, "scale-1", &got, &f->err), &f->err);
	assert_string_equal(got.kind, "scale");
	assert_string_equal(got.uri, "tcp://127.0.0.1:1502");
	assert_string_equal(got.station, "dock-1");
	assert_int_equal(got.unit_id, 1);
	assert_int_equal(got.timeout_ms, 500);
	d = dev_sample("scan-1", "scanner");
	snprintf(d.station, sizeof d.station, "dock-2");
	fx_ok(dev_registry_add(f->w, &d, &f->err), &f->err);
	fx_ok(dev_registry_each(f->w, NULL, count_fn, &n, &f->err), &f->err);
	assert_int_equal(n, 2);
	n = 0;
	fx_ok(dev_registry_each(f->w, "dock-2", count_fn, &n, &f->err), &f->err);
	assert_int_equal(n, 1);
	/* Written with an audit entry each. */
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM audit WHERE "
	    "action = 'device.add'"), 2);
}

static void
wms_device_add__bad_fields__refused_and_nothing_written(void **state)
{
	struct fx		*f = *state;
	struct dev_registry_entry	 d;
	char			*before;

	before = fx_snapshot(f->w);
	d = dev_sample("bad name", "scale");
	fx_fails(dev_registry_add(f->w, &d, &f->err), WMS_ERR_INVALID, &f->err,
	    "bad device name");
	d = dev_sample("s1", "printer");
	fx_fails(dev_registry_add(f->w, &d, &f->err), WMS_ERR_INVALID, &f->err,
	    "printer");
	d = dev_sample("s1", "scale");
	d.unit_id = 300;
	fx_fails(dev_registry_add(f->w, &d, &f->err), WMS_ERR_INVALID, &f->err,
	    "300");
	d = dev_sample("s1", "scale");
	d.timeout_ms = 5;
	fx_fails(dev_registry_add(f->w, &d, &f->err), WMS_ERR_INVALID, &f->err,
	    "timeout");
	d = dev_sample("s1", "scale");
	snprintf(d.station, sizeof d.station, "dock 1");
	fx_fails(dev_registry_add(f->w, &d, &f->err), WMS_ERR_INVALID, &f->err,
	    "station");
	fx_unchanged(f->w, before);
	free(before);
}

static void
wms_device_add__twice_or_by_storekeeper__refused(void **state)
{
	struct fx		*f = *state;
	struct dev_registry_entry	 d = dev_sample("scale-1", "scale");
	char			*before;

	fx_ok(dev_registry_add(f->w, &d, &f->err), &f->err);
	before = fx_snapshot(f->w);
	fx_fails(dev_registry_add(f->w, &d, &f->err), WMS_ERR_CONFLICT, &f->err,
	    "already exists");
	fx_as(f->w, "sk");
	d = dev_sample("scale-2", "scale");
	fx_fails(dev_registry_add(f->w, &d, &f->err), WMS_ERR_DENIED, &f->err,
	    NULL);
	fx_fails(dev_registry_remove(f->w, "scale-1", &f->err), WMS_ERR_DENIED,
	    &f->err, NULL);
	fx_unchanged(f->w, before);
	free(before);
}

static void
wms_device_remove__known_and_unknown(void **state)
{
	struct fx		*f = *state;
	struct dev_registry_entry	 d = dev_sample("scale-1", "scale"), got;

	fx_ok(dev_registry_add(f->w, &d, &f->err), &f->err);
	fx_ok(dev_registry_remove(f->w, "scale-1", &f->err), &f->err);
	fx_fails(dev_registry_get(f->w, "scale-1", &got, &f->err),
	    WMS_ERR_NOTFOUND, &f->err, "scale-1");
	fx_fails(dev_registry_remove(f->w, "scale-1", &f->err), WMS_ERR_NOTFOUND,
	    &f->err, "scale-1");
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM audit WHERE "
	    "action = 'device.remove'"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    wms_device_add__then_get_and_list__same_fields, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_device_add__bad_fields__refused_and_nothing_written,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_device_add__twice_or_by_storekeeper__refused, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_device_remove__known_and_unknown, fx_setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests_name("device", tests, NULL, NULL);
}
