/*
 * The catalogue from the centre: its signed values (bus/catalogue.c) and a
 * depot applying them (core/catalogue.c): each once, in one write with an
 * audit entry; a value that does not verify or collides changes nothing;
 * local edits refused when the catalogue is the centre's.
 */
#include "tests/fixture.h"

#include "bus/catalogue.h"
#include "core/catalogue.h"
#include "lib/buf.h"

struct keys {
	char		dir[64];
	struct bus_key	k, other;
};

static void
keys_make(struct keys *ks)
{
	char		 path[128];
	struct wms_err	 err;

	snprintf(ks->dir, sizeof ks->dir, "/tmp/mz-cat-XXXXXX");
	assert_non_null(mkdtemp(ks->dir));
	snprintf(path, sizeof path, "%s/centre.key", ks->dir);
	fx_ok(bus_key_generate(path, BUS_CAT_SITE, NULL, &err), &err);
	fx_ok(bus_key_load(path, &ks->k, &err), &err);
	unlink(path);
	snprintf(path, sizeof path, "%s/other.key", ks->dir);
	fx_ok(bus_key_generate(path, BUS_CAT_SITE, NULL, &err), &err);
	fx_ok(bus_key_load(path, &ks->other, &err), &err);
	unlink(path);
	rmdir(ks->dir);
}

#define ID	"0192a4b0-0000-7000-8000-000000000001"
#define AT	"2026-12-03T01:00:00.000Z"
#define ITEM	"{\"code\":\"NEW-1\",\"name_ar\":\"مضخة\",\"name_en\":" \
	"\"New pump\",\"category\":\"\",\"uom\":\"EA\",\"tracking\":\"none\"," \
	"\"weighed\":false,\"min\":5000,\"max\":0,\"shelf_life\":null," \
	"\"barcodes\":[\"6290000000011\"],\"units\":[{\"unit\":\"BOX\"," \
	"\"factor\":12000}]}"

static void
value_roundtrip(void **state)
{
	struct bus_cat_value	 v;
	struct wms_buf		 b = { 0 };
	struct wms_err		 err;
	struct keys		 ks;

	(void)state;
	keys_make(&ks);
	fx_ok(bus_cat_value_build(&ks.k, ID, 7, AT, "central", "item.NEW-1",
	    ITEM, &b, &err), &err);
	fx_ok(bus_cat_value_read(ks.k.pk, "item.NEW-1", b.data, b.len, &v,
	    &err), &err);
	assert_int_equal(v.seq, 7);
	assert_string_equal(v.by, "central");
	assert_string_equal(json_string_value(json_object_get(v.record,
	    "name_en")), "New pump");
	json_decref(v.record);
	/* Under another key it is not this key's value. */
	fx_fails(bus_cat_value_read(ks.k.pk, "item.P-100", b.data, b.len,
	    &v, &err), WMS_ERR_INVALID, &err, "not the value of this key");
	/* Checked against another key: refused, naming the key. */
	fx_fails(bus_cat_value_read(ks.other.pk, "item.NEW-1", b.data,
	    b.len, &v, &err), WMS_ERR_CORRUPT, &err, "not by the centre's key");
	/* One byte of the body changed: the signature fails. */
	b.data[b.len - 5] ^= 1;
	fx_fails(bus_cat_value_read(ks.k.pk, "item.NEW-1", b.data, b.len,
	    &v, &err), WMS_ERR_CORRUPT, &err, "bad signature");
	/* Not a catalogue value at all. */
	fx_fails(bus_cat_value_read(ks.k.pk, "item.NEW-1", "{}\n{}", 5,
	    &v, &err), WMS_ERR_INVALID, &err, "not a makhzan catalogue value");
	wms_buf_free(&b);
	bus_key_wipe(&ks.k);
	bus_key_wipe(&ks.other);
}

static int64_t
one(struct fx *f, const char *sql)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static json_t *
rec(const char *text)
{
	json_t *v = json_loads(text, 0, NULL);

	assert_non_null(v);
	return v;
}

static void
apply_once_in_order(void **state)
{
	struct fx	*f = *state;
	json_t		*v;
	int		 applied;

	v = rec(ITEM);
	fx_ok(wms_catalogue_apply(f->w, "item.NEW-1", v, 3, "central", AT,
	    &applied, &f->err), &f->err);
	assert_int_equal(applied, 1);
	assert_int_equal(one(f, "SELECT min_qty FROM item WHERE code = "
	    "'NEW-1'"), 5000);
	assert_int_equal(one(f, "SELECT factor FROM item_unit u JOIN item i "
	    "ON i.id = u.item_id WHERE i.code = 'NEW-1'"), 12000);
	assert_int_equal(one(f, "SELECT count(*) FROM audit WHERE action = "
	    "'catalogue.item'"), 1);
	/* The same revision again, or an older one: nothing. */
	fx_ok(wms_catalogue_apply(f->w, "item.NEW-1", v, 3, "central", AT,
	    &applied, &f->err), &f->err);
	assert_int_equal(applied, 0);
	fx_ok(wms_catalogue_apply(f->w, "item.NEW-1", v, 2, "central", AT,
	    &applied, &f->err), &f->err);
	assert_int_equal(applied, 0);
	json_decref(v);
	/* A change: names and minimum in place, the search index too. */
	v = rec(ITEM);
	json_object_set_new(v, "name_en", json_string("Renamed pump"));
	json_object_set_new(v, "min", json_integer(9000));
	fx_ok(wms_catalogue_apply(f->w, "item.NEW-1", v, 4, "central", AT,
	    &applied, &f->err), &f->err);
	assert_int_equal(applied, 1);
	json_decref(v);
	assert_int_equal(one(f, "SELECT min_qty FROM item WHERE code = "
	    "'NEW-1'"), 9000);
	assert_int_equal(one(f, "SELECT count(*) FROM item_names WHERE "
	    "item_names MATCH 'renamed'"), 1);
	assert_int_equal(one(f, "SELECT count(*) FROM item_names WHERE "
	    "item_names MATCH 'new'"), 0);
	assert_int_equal(one(f, "SELECT revision FROM catalogue_state"), 4);
	/* A depot and a cost centre. */
	v = rec("{\"code\":\"ADR\",\"name_ar\":\"عدرا\",\"name_en\":\"Adra\","
	    "\"site\":\"ADR\"}");
	fx_ok(wms_catalogue_apply(f->w, "depot.ADR", v, 5, "central", AT,
	    &applied, &f->err), &f->err);
	json_decref(v);
	assert_int_equal(one(f, "SELECT count(*) FROM location WHERE path "
	    "GLOB 'ADR/@*'"), 4);
	assert_int_equal(one(f, "SELECT count(*) FROM depot WHERE code = "
	    "'ADR' AND site = 'ADR'"), 1);
}

static void
apply_refused_changes_nothing(void **state)
{
	struct fx	*f = *state;
	char		*before, *after;
	json_t		*v;
	int		 applied;

	before = fx_snapshot(f->w);
	/* A barcode that is another item's here. */
	v = rec(ITEM);
	json_object_set_new(v, "barcodes",
	    json_pack("[s]", "6281000000017"));
	fx_fails(wms_catalogue_apply(f->w, "item.NEW-1", v, 1, "central",
	    AT, &applied, &f->err), WMS_ERR_CONFLICT, &f->err,
	    "barcode 6281000000017 belongs to another item");
	json_decref(v);
	/* What the depot's own checks refuse. */
	v = rec(ITEM);
	json_object_set_new(v, "max", json_integer(1000));
	fx_fails(wms_catalogue_apply(f->w, "item.NEW-1", v, 1, "central",
	    AT, &applied, &f->err), WMS_ERR_INVALID, &f->err, "maximum");
	json_decref(v);
	/* A value under another code's key. */
	v = rec(ITEM);
	fx_fails(wms_catalogue_apply(f->w, "item.OTHER", v, 1, "central",
	    AT, &applied, &f->err), WMS_ERR_INVALID, &f->err, "key");
	json_decref(v);
	after = fx_snapshot(f->w);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void
local_edits_refused_when_central(void **state)
{
	struct fx	*f = *state;
	struct db_item	 it;

	memset(&it, 0, sizeof it);
	it.code = (char *)"X-1";
	it.name_ar = (char *)"س";
	it.name_en = (char *)"X";
	it.uom = (char *)"EA";
	wms_catalogue_set_central(1);
	fx_fails(wms_item_add(f->w, &it, &f->err), WMS_ERR_DENIED, &f->err,
	    "--central CONNINFO item add");
	fx_fails(wms_unit_add(f->w, "P-100", "BOX", 1000, &f->err),
	    WMS_ERR_DENIED, &f->err, "unit add");
	fx_fails(wms_depot_add(f->w, "ADR", "عدرا", "Adra", &f->err),
	    WMS_ERR_DENIED, &f->err, "depot add");
	fx_fails(wms_cc_add(f->w, "OPS", "عمليات", "Ops", &f->err),
	    WMS_ERR_DENIED, &f->err, "cost-centre add");
	wms_catalogue_set_central(0);
	fx_ok(wms_item_add(f->w, &it, &f->err), &f->err);
}

static void
local_edits_go_up_as_events(void **state)
{
	struct fx	*f = *state;
	struct db_item	 it;
	int64_t		 before;

	memset(&it, 0, sizeof it);
	it.code = (char *)"X-2";
	it.name_ar = (char *)"س";
	it.name_en = (char *)"X";
	it.uom = (char *)"EA";
	before = one(f, "SELECT count(*) FROM outbox");
	/* Without a bus: the audit log only, as before. */
	fx_ok(wms_item_add(f->w, &it, &f->err), &f->err);
	assert_int_equal(one(f, "SELECT count(*) FROM outbox"), before);
	wms_catalogue_set_events(1);
	it.code = (char *)"X-3";
	fx_ok(wms_item_add(f->w, &it, &f->err), &f->err);
	fx_ok(wms_unit_add(f->w, "X-3", "BOX", 6000, &f->err), &f->err);
	fx_ok(wms_location_add(f->w, "HMS/B/01", &f->err), &f->err);
	wms_catalogue_set_events(0);
	assert_int_equal(one(f, "SELECT count(*) FROM outbox"), before + 3);
	assert_int_equal(one(f, "SELECT count(*) FROM outbox WHERE type = "
	    "'item.add' AND json_extract(payload, '$.code') = 'X-3' AND "
	    "json_extract(payload, '$.type') = 'item.add'"), 1);
	assert_int_equal(one(f, "SELECT count(*) FROM outbox WHERE type IN "
	    "('unit.add', 'location.add')"), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(value_roundtrip),
		cmocka_unit_test_setup_teardown(apply_once_in_order, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(apply_refused_changes_nothing,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(local_edits_refused_when_central,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(local_edits_go_up_as_events,
		    fx_setup, fx_teardown),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
