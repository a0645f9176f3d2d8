/* Unit tests for core/session.c and core/role.c: init, login, roles. */
#include "tests/fixture.h"

/* wms_init must refuse and leave no file behind. */
static void
init_bad(const char *site, const char *admin, const char *password,
    const char *sub)
{
	struct wms_err	err;
	char		path[256];

	fx_tmp_path(path, sizeof path, "session");
	wms_err_clear(&err);
	fx_fails(wms_init(path, site, admin, password, &err), WMS_ERR_INVALID,
	    &err, sub);
	assert_int_equal(access(path, F_OK), -1);
}

static void
wms_init__bad_site_code__refused(void **state)
{
	(void)state;
	init_bad("", FX_ADMIN, FX_PASSWORD, "site");
	init_bad(NULL, FX_ADMIN, FX_PASSWORD, "site");
	init_bad("T", FX_ADMIN, FX_PASSWORD, "site");
	init_bad("tst", FX_ADMIN, FX_PASSWORD, "tst");
	init_bad("T ST", FX_ADMIN, FX_PASSWORD, "T ST");
	init_bad("TST/1", FX_ADMIN, FX_PASSWORD, "TST/1");
	init_bad("ABCDEFGHIJKLMNOPQRSTUVWXY", FX_ADMIN, FX_PASSWORD, "site");
	init_bad("حمص", FX_ADMIN, FX_PASSWORD, "site");
}

static void
wms_init__short_password__refused(void **state)
{
	(void)state;
	init_bad(FX_SITE, FX_ADMIN, "pass123", "8 characters");
	init_bad(FX_SITE, FX_ADMIN, "", "8 characters");
	init_bad(FX_SITE, FX_ADMIN, NULL, "8 characters");
}

static void
wms_init__bad_admin_name__refused(void **state)
{
	(void)state;
	init_bad(FX_SITE, "", FX_PASSWORD, "user name");
	init_bad(FX_SITE, "ad min", FX_PASSWORD, "ad min");
	init_bad(FX_SITE, "admin;--", FX_PASSWORD, "admin;--");
}

static void
wms_init__existing_file__refused_and_intact(void **state)
{
	struct wms_err	 err;
	struct wms	*w;
	char		 path[256], *before;
	int		 fd;

	(void)state;
	/* Somebody's file. */
	fx_tmp_path(path, sizeof path, "session");
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "keep me\n", 8), 8);
	close(fd);
	fx_fails(wms_init(path, FX_SITE, FX_ADMIN, FX_PASSWORD, &err),
	    WMS_ERR_CONFLICT, &err, path);
	{
		char	buf[32];
		ssize_t	n;

		fd = open(path, O_RDONLY);
		assert_true(fd >= 0);
		n = read(fd, buf, sizeof buf);
		close(fd);
		assert_int_equal(n, 8);
		assert_memory_equal(buf, "keep me\n", 8);
	}
	fx_unlink_db(path);

	/* A depot database: its data survive a second init. */
	fx_tmp_path(path, sizeof path, "session");
	fx_ok(wms_init(path, FX_SITE, FX_ADMIN, FX_PASSWORD, &err), &err);
	w = fx_open_as(path, FX_ADMIN);
	fx_ok(wms_depot_add(w, "HMS", "حمص", "Homs", &err), &err);
	before = fx_snapshot(w);
	wms_close(w);
	fx_fails(wms_init(path, "OTHER", "root", "password2", &err),
	    WMS_ERR_CONFLICT, &err, NULL);
	w = fx_open_as(path, FX_ADMIN);
	assert_string_equal(wms_site(w), FX_SITE);
	fx_unchanged(w, before);
	free(before);
	wms_close(w);
	fx_unlink_db(path);
}

static void
wms_init__new_file__site_admin_and_audit(void **state)
{
	struct fx	*f = *state;
	int64_t		 n;

	assert_string_equal(wms_site(f->w), FX_SITE);
	assert_string_equal(wms_user_name(f->w), FX_ADMIN);
	assert_int_equal(wms_user_role(f->w), WMS_ROLE_ADMIN);
	assert_int_equal(wms_currency_minor(f->w), 2);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM user"), 1);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM audit WHERE "
	    "action = 'init' AND seq = 1"), 1);
	fx_ok(wms_audit_verify(f->w, &n, &f->err), &f->err);
	assert_int_equal(n, 1);
}

static void
wms_login__good_password__logged_in(void **state)
{
	struct fx	*f = *state;
	struct wms	*w;

	w = fx_open_as(f->path, NULL);
	assert_int_equal(wms_user_role(w), WMS_ROLE_NONE);
	fx_ok(wms_login(w, "sk", FX_PASSWORD, &f->err), &f->err);
	assert_string_equal(wms_user_name(w), "sk");
	assert_int_equal(wms_user_role(w), WMS_ROLE_STOREKEEPER);
	assert_true(wms_user_id(w) > 0);
	wms_close(w);
}

static void
wms_login__wrong_password_or_unknown_user__same_words(void **state)
{
	struct fx	*f = *state;
	struct wms	*w;
	struct wms_err	 e1, e2;

	w = fx_open_as(f->path, NULL);
	fx_fails(wms_login(w, "sk", "password2", &e1), WMS_ERR_DENIED, &e1,
	    NULL);
	fx_fails(wms_login(w, "nobody", "password2", &e2), WMS_ERR_DENIED,
	    &e2, NULL);
	assert_string_equal(e1.msg, e2.msg);
	assert_null(strstr(e2.msg, "nobody"));
	/* The failure does not log anybody in. */
	assert_int_equal(wms_user_role(w), WMS_ROLE_NONE);
	/* The wrong password is counted although the call failed. */
	assert_int_equal(fx_int(w, "SELECT failures FROM user WHERE "
	    "name = 'sk'"), 1);
	fx_fails(wms_login(w, "sk", NULL, &e1), WMS_ERR_DENIED, &e1, NULL);
	fx_fails(wms_login(w, "", FX_PASSWORD, &e1), WMS_ERR_DENIED, &e1,
	    NULL);
	wms_close(w);
}

static void
wms_login__five_wrong_passwords__locked_with_minutes_left(void **state)
{
	struct fx	*f = *state;
	struct wms	*w;
	int		 i;

	w = fx_open_as(f->path, NULL);
	for (i = 0; i < WMS_LOGIN_TRIES; i++)
		fx_fails(wms_login(w, "sk", "wrong-password", &f->err),
		    WMS_ERR_DENIED, &f->err, NULL);
	fx_fails(wms_login(w, "sk", FX_PASSWORD, &f->err), WMS_ERR_DENIED,
	    &f->err, "locked");
	if (strstr(f->err.msg, "15") == NULL ||
	    strstr(f->err.msg, "minute") == NULL)
		fail_msg("the lock message gives no minutes left: %s",
		    f->err.msg);
	assert_int_equal(wms_user_role(w), WMS_ROLE_NONE);
	/* Other accounts are not locked. */
	fx_ok(wms_login(w, "sup", FX_PASSWORD, &f->err), &f->err);

	/* When the lock has run out, the right password works again. */
	assert_int_equal(fx_sql(w, "UPDATE user SET locked_until = "
	    "unixepoch() - 1 WHERE name = 'sk'"), SQLITE_OK);
	fx_ok(wms_login(w, "sk", FX_PASSWORD, &f->err), &f->err);
	assert_int_equal(fx_int(w, "SELECT failures FROM user WHERE "
	    "name = 'sk'"), 0);
	wms_close(w);
}

static void
wms_login__wrong_password_after_lock_ran_out__counts_from_one(void **state)
{
	struct fx	*f = *state;
	struct wms	*w;
	int		 i;

	w = fx_open_as(f->path, NULL);
	for (i = 0; i < WMS_LOGIN_TRIES; i++)
		fx_fails(wms_login(w, "sk", "wrong-password", &f->err),
		    WMS_ERR_DENIED, &f->err, NULL);
	assert_int_equal(fx_sql(w, "UPDATE user SET locked_until = "
	    "unixepoch() - 1 WHERE name = 'sk'"), SQLITE_OK);
	/* One more wrong password after the lock: not locked again. */
	fx_fails(wms_login(w, "sk", "wrong-password", &f->err),
	    WMS_ERR_DENIED, &f->err, "wrong");
	assert_int_equal(fx_int(w, "SELECT failures FROM user WHERE "
	    "name = 'sk'"), 1);
	assert_int_equal(fx_int(w, "SELECT locked_until FROM user WHERE "
	    "name = 'sk'"), 0);
	fx_ok(wms_login(w, "sk", FX_PASSWORD, &f->err), &f->err);
	wms_close(w);
}

static void
wms_login__four_wrong_then_right__not_locked(void **state)
{
	struct fx	*f = *state;
	struct wms	*w;
	int		 i;

	w = fx_open_as(f->path, NULL);
	for (i = 0; i < WMS_LOGIN_TRIES - 1; i++)
		fx_fails(wms_login(w, "sk", "wrong-password", &f->err),
		    WMS_ERR_DENIED, &f->err, NULL);
	fx_ok(wms_login(w, "sk", FX_PASSWORD, &f->err), &f->err);
	/* The success reset the count: one more wrong password does not
	 * lock. */
	fx_fails(wms_login(w, "sk", "wrong-password", &f->err),
	    WMS_ERR_DENIED, &f->err, NULL);
	fx_ok(wms_login(w, "sk", FX_PASSWORD, &f->err), &f->err);
	wms_close(w);
}

static void
wms_login_trusted__unknown_user__notfound(void **state)
{
	struct fx *f = *state;

	fx_fails(wms_login_trusted(f->w, "ghost", &f->err), WMS_ERR_NOTFOUND,
	    &f->err, "ghost");
	/* Still the admin. */
	assert_string_equal(wms_user_name(f->w), FX_ADMIN);
}

static void
wms_post__nobody_logged_in__denied(void **state)
{
	struct fx	*f = *state;
	struct wms	*w;
	char		*before;

	w = fx_open_as(f->path, NULL);
	before = fx_snapshot(w);
	fx_fails(fx_post1(w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    1000, NULL, NULL, NULL, -1, NULL, &f->err), WMS_ERR_DENIED,
	    &f->err, "logged in");
	fx_unchanged(w, before);
	free(before);
	wms_close(w);
}

static void
storekeeper__receive__allowed(void **state)
{
	struct fx	*f = *state;
	char		 number[WMS_NUMBER_MAX];

	fx_as(f->w, "sk");
	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    8000, NULL, NULL, NULL, 100, number, &f->err), &f->err);
	fx_ok(fx_post1(f->w, WMS_DOC_ISSUE, "HMS/A/01", "CC-MAINT", "P-100",
	    1000, NULL, NULL, NULL, -1, NULL, &f->err), &f->err);
	fx_ok(fx_post1(f->w, WMS_DOC_MOVE, "HMS/A/01", "HMS/A/02", "P-100",
	    1000, NULL, NULL, NULL, -1, NULL, &f->err), &f->err);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 6000);
	/* The document records who posted it. */
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM document d JOIN "
	    "user u ON u.id = d.user_id WHERE d.number = %Q AND "
	    "u.name = 'sk'", number), 1);
}

static void
storekeeper__supervisor_and_admin_work__denied(void **state)
{
	struct fx	*f = *state;
	struct db_item	 it;
	char		 number[WMS_NUMBER_MAX], rev[WMS_NUMBER_MAX], *before;

	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    5000, NULL, NULL, NULL, -1, number, &f->err), &f->err);
	fx_as(f->w, "sk");
	before = fx_snapshot(f->w);

	fx_fails(fx_post1(f->w, WMS_DOC_ADJUST, "HMS/A/01", NULL, "P-100",
	    -1000, NULL, NULL, NULL, -1, NULL, &f->err), WMS_ERR_DENIED,
	    &f->err, "storekeeper");
	fx_unchanged(f->w, before);
	fx_fails(wms_reverse(f->w, number, "mistake", rev, &f->err),
	    WMS_ERR_DENIED, &f->err, "storekeeper");
	fx_unchanged(f->w, before);
	memset(&it, 0, sizeof it);
	it.code = (char *)"BLT-12";
	it.name_ar = (char *)"برغي";
	it.name_en = (char *)"Bolt";
	it.uom = (char *)"EA";
	fx_fails(wms_item_add(f->w, &it, &f->err), WMS_ERR_DENIED, &f->err,
	    "storekeeper");
	fx_unchanged(f->w, before);
	fx_fails(wms_unit_add(f->w, "P-100", "BOX", 10000, &f->err),
	    WMS_ERR_DENIED, &f->err, NULL);
	fx_unchanged(f->w, before);
	fx_fails(wms_location_add(f->w, "HMS/B/01", &f->err), WMS_ERR_DENIED,
	    &f->err, NULL);
	fx_unchanged(f->w, before);
	fx_fails(wms_cc_add(f->w, "CC-NEW", "جديد", "New", &f->err),
	    WMS_ERR_DENIED, &f->err, NULL);
	fx_unchanged(f->w, before);
	fx_fails(wms_depot_add(f->w, "ADN", "عدن", "Aden", &f->err),
	    WMS_ERR_DENIED, &f->err, NULL);
	fx_unchanged(f->w, before);
	fx_fails(wms_user_add(f->w, "mallory", "admin", FX_PASSWORD, &f->err),
	    WMS_ERR_DENIED, &f->err, "storekeeper");
	fx_unchanged(f->w, before);
	fx_fails(wms_user_passwd(f->w, "admin", "password2", &f->err),
	    WMS_ERR_DENIED, &f->err, NULL);
	fx_unchanged(f->w, before);
	free(before);
}

static void
auditor__any_write__denied(void **state)
{
	struct fx	*f = *state;
	struct db_item	 it;
	char		 grn[WMS_NUMBER_MAX], trf[WMS_NUMBER_MAX];
	char		 rev[WMS_NUMBER_MAX], *before;
	int64_t		 n;
	static const enum wms_doc_type types[] = { WMS_DOC_RECEIPT,
	    WMS_DOC_ISSUE, WMS_DOC_MOVE, WMS_DOC_TRANSFER, WMS_DOC_ADJUST };
	static const char *const from[] = { NULL, "HMS/A/01", "HMS/A/01",
	    "HMS/A/01", "HMS/A/01" };
	static const char *const to[] = { "HMS/A/01", "CC-MAINT", "HMS/A/02",
	    "BNS", NULL };
	size_t i;

	fx_ok(fx_post1(f->w, WMS_DOC_RECEIPT, NULL, "HMS/A/01", "P-100",
	    5000, NULL, NULL, NULL, -1, grn, &f->err), &f->err);
	fx_ok(fx_post1(f->w, WMS_DOC_TRANSFER, "HMS/A/01", "BNS", "P-100",
	    1000, NULL, NULL, NULL, -1, trf, &f->err), &f->err);
	fx_as(f->w, "aud");
	before = fx_snapshot(f->w);
	for (i = 0; i < sizeof types / sizeof types[0]; i++) {
		fx_fails(fx_post1(f->w, types[i], from[i], to[i], "P-100",
		    1000, NULL, NULL, NULL, -1, NULL, &f->err),
		    WMS_ERR_DENIED, &f->err, "auditor");
		fx_unchanged(f->w, before);
	}
	fx_fails(wms_transfer_receive(f->w, trf, "BNS/A/01", NULL, 0,
	    &f->err), WMS_ERR_DENIED, &f->err, "auditor");
	fx_unchanged(f->w, before);
	fx_fails(wms_reverse(f->w, grn, "mistake", rev, &f->err),
	    WMS_ERR_DENIED, &f->err, "auditor");
	fx_unchanged(f->w, before);
	memset(&it, 0, sizeof it);
	it.code = (char *)"BLT-12";
	it.name_ar = (char *)"برغي";
	it.name_en = (char *)"Bolt";
	it.uom = (char *)"EA";
	fx_fails(wms_item_add(f->w, &it, &f->err), WMS_ERR_DENIED, &f->err,
	    NULL);
	fx_fails(wms_unit_add(f->w, "P-100", "BOX", 10000, &f->err),
	    WMS_ERR_DENIED, &f->err, NULL);
	fx_fails(wms_location_add(f->w, "HMS/B/01", &f->err), WMS_ERR_DENIED,
	    &f->err, NULL);
	fx_fails(wms_cc_add(f->w, "CC-NEW", "جديد", "New", &f->err),
	    WMS_ERR_DENIED, &f->err, NULL);
	fx_fails(wms_depot_add(f->w, "ADN", "عدن", "Aden", &f->err),
	    WMS_ERR_DENIED, &f->err, NULL);
	fx_fails(wms_user_add(f->w, "mallory", "auditor", FX_PASSWORD,
	    &f->err), WMS_ERR_DENIED, &f->err, NULL);
	fx_unchanged(f->w, before);
	/* Reading is what an auditor is for. */
	fx_ok(wms_audit_verify(f->w, &n, &f->err), &f->err);
	assert_int_equal(n, f->master_writes + 2);
	fx_unchanged(f->w, before);
	free(before);
}

static void
supervisor__adjust_and_reverse__allowed_but_not_users(void **state)
{
	struct fx	*f = *state;
	char		 number[WMS_NUMBER_MAX], rev[WMS_NUMBER_MAX], *before;

	fx_as(f->w, "sup");
	fx_ok(fx_post1(f->w, WMS_DOC_ADJUST, "HMS/A/01", NULL, "P-100", 3000,
	    NULL, NULL, NULL, -1, number, &f->err), &f->err);
	fx_ok(wms_reverse(f->w, number, "counted twice", rev, &f->err),
	    &f->err);
	assert_int_equal(fx_balance(f->w, "HMS/A/01", "P-100", NULL), 0);
	fx_ok(wms_location_add(f->w, "HMS/B/01", &f->err), &f->err);
	before = fx_snapshot(f->w);
	fx_fails(wms_user_add(f->w, "mallory", "admin", FX_PASSWORD, &f->err),
	    WMS_ERR_DENIED, &f->err, "supervisor");
	fx_fails(wms_depot_add(f->w, "ADN", "عدن", "Aden", &f->err),
	    WMS_ERR_DENIED, &f->err, "supervisor");
	fx_unchanged(f->w, before);
	free(before);
}

static void
wms_user_add__existing_or_bad__refused_unchanged(void **state)
{
	struct fx	*f = *state;
	char		*before;

	before = fx_snapshot(f->w);
	fx_fails(wms_user_add(f->w, "sk", "storekeeper", FX_PASSWORD,
	    &f->err), WMS_ERR_CONFLICT, &f->err, "sk");
	fx_unchanged(f->w, before);
	fx_fails(wms_user_add(f->w, "bob", "boss", FX_PASSWORD, &f->err),
	    WMS_ERR_INVALID, &f->err, "boss");
	fx_unchanged(f->w, before);
	fx_fails(wms_user_add(f->w, "bob", "storekeeper", "short", &f->err),
	    WMS_ERR_INVALID, &f->err, "8");
	fx_unchanged(f->w, before);
	fx_fails(wms_user_add(f->w, "bob smith", "storekeeper", FX_PASSWORD,
	    &f->err), WMS_ERR_INVALID, &f->err, NULL);
	fx_unchanged(f->w, before);
	free(before);
}

static void
wms_user_passwd__own_password__changed(void **state)
{
	struct fx	*f = *state;
	struct wms	*w;

	fx_as(f->w, "sk");
	fx_ok(wms_user_passwd(f->w, "sk", "new-password", &f->err), &f->err);
	w = fx_open_as(f->path, NULL);
	fx_fails(wms_login(w, "sk", FX_PASSWORD, &f->err), WMS_ERR_DENIED,
	    &f->err, NULL);
	fx_ok(wms_login(w, "sk", "new-password", &f->err), &f->err);
	wms_close(w);
}

static void
wms_require__roles__table(void **state)
{
	struct fx	*f = *state;
	static const struct {
		const char	*user;
		int		 want[6];	/* READ .. ADMIN: 1 allowed */
	} cases[] = {
		{ "sk", { 1, 1, 1, 0, 0, 0 } },
		{ "sup", { 1, 1, 1, 1, 1, 0 } },
		{ "aud", { 1, 0, 0, 0, 0, 0 } },
		{ "admin", { 1, 1, 1, 1, 1, 1 } },
	};
	size_t	i;
	int	p, rc;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fx_as(f->w, cases[i].user);
		for (p = WMS_PERM_READ; p <= WMS_PERM_ADMIN; p++) {
			rc = wms_require(f->w, (enum wms_perm)p, &f->err);
			if ((rc == 0) != cases[i].want[p])
				fail_msg("%s, permission %d: rc %d", cases[i].user,
				    p, rc);
			if (rc != 0) {
				assert_int_equal(rc, WMS_ERR_DENIED);
				assert_non_null(strstr(f->err.msg,
				    cases[i].user));
			}
		}
	}
	assert_string_equal(wms_role_name(WMS_ROLE_AUDITOR), "auditor");
	assert_int_equal(wms_role_parse("supervisor"), WMS_ROLE_SUPERVISOR);
	assert_int_equal(wms_role_parse("root"), WMS_ROLE_NONE);
	assert_int_equal(wms_role_parse(NULL), WMS_ROLE_NONE);
}

static void
wms_user_set_role_and_unlock__admin_only_last_admin_kept(void **state)
{
	struct fx	*f = *state;
	struct wms	*w;
	int		 i;

	fx_ok(wms_user_set_role(f->w, "sk", "supervisor", &f->err), &f->err);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM user WHERE "
	    "name = 'sk' AND role = 'supervisor'"), 1);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM audit WHERE "
	    "action = 'user.role'"), 1);
	fx_fails(wms_user_set_role(f->w, "sk", "boss", &f->err),
	    WMS_ERR_INVALID, &f->err, "unknown role");
	fx_fails(wms_user_set_role(f->w, "nobody", "auditor", &f->err),
	    WMS_ERR_NOTFOUND, &f->err, "nobody");
	/* The only admin keeps the role; with a second one it may go. */
	fx_fails(wms_user_set_role(f->w, FX_ADMIN, "auditor", &f->err),
	    WMS_ERR_REFUSED, &f->err, "last admin");
	fx_ok(wms_user_set_role(f->w, "aud", "admin", &f->err), &f->err);
	fx_ok(wms_user_set_role(f->w, FX_ADMIN, "supervisor", &f->err),
	    &f->err);
	/* Demoted: a supervisor from now on, not from the next login. */
	assert_int_equal(wms_user_role(f->w), WMS_ROLE_SUPERVISOR);
	fx_fails(wms_user_unlock(f->w, "sup", &f->err), WMS_ERR_DENIED,
	    &f->err, NULL);

	/* A locked account is unlocked by an admin only. */
	w = fx_open_as(f->path, NULL);
	for (i = 0; i < WMS_LOGIN_TRIES; i++)
		wms_login(w, "sup", "wrong-password", &f->err);
	fx_fails(wms_login(w, "sup", FX_PASSWORD, &f->err), WMS_ERR_DENIED,
	    &f->err, "locked");
	fx_as(f->w, "sk");
	fx_fails(wms_user_unlock(f->w, "sup", &f->err), WMS_ERR_DENIED,
	    &f->err, NULL);
	fx_fails(wms_user_set_role(f->w, "sk", "admin", &f->err),
	    WMS_ERR_DENIED, &f->err, NULL);
	fx_as(f->w, "aud");
	fx_ok(wms_user_unlock(f->w, "sup", &f->err), &f->err);
	fx_ok(wms_login(w, "sup", FX_PASSWORD, &f->err), &f->err);
	assert_int_equal(fx_int(f->w, "SELECT count(*) FROM audit WHERE "
	    "action = 'user.unlock'"), 1);
	wms_close(w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wms_init__bad_site_code__refused),
		cmocka_unit_test(wms_init__short_password__refused),
		cmocka_unit_test(wms_init__bad_admin_name__refused),
		cmocka_unit_test(wms_init__existing_file__refused_and_intact),
		cmocka_unit_test_setup_teardown(
		    wms_init__new_file__site_admin_and_audit, fx_setup_bare,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_login__good_password__logged_in, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_login__wrong_password_or_unknown_user__same_words,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_login__five_wrong_passwords__locked_with_minutes_left,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_login__wrong_password_after_lock_ran_out__counts_from_one,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_login__four_wrong_then_right__not_locked, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_login_trusted__unknown_user__notfound, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_post__nobody_logged_in__denied, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(storekeeper__receive__allowed,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    storekeeper__supervisor_and_admin_work__denied, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(auditor__any_write__denied,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    supervisor__adjust_and_reverse__allowed_but_not_users,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_user_add__existing_or_bad__refused_unchanged, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_user_passwd__own_password__changed, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(wms_require__roles__table,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    wms_user_set_role_and_unlock__admin_only_last_admin_kept,
		    fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests_name("session", tests, NULL, NULL);
}
