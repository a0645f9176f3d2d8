/* Tests of lib/config.c: makhzan.ini, its sections and the refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/config.h"

/* Write text to a new file and load it. */
static int
load(const char *text, struct wms_config *c, struct wms_err *err)
{
	char	 path[] = "/tmp/test-config-XXXXXX";
	FILE	*f;
	int	 fd, rc;

	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	rc = wms_config_load(c, path, err);
	unlink(path);
	return rc;
}

static void
config__sections__fill_their_settings(void **state)
{
	struct wms_config	c;
	struct wms_err		err;

	(void)state;
	assert_int_equal(load("[makhzan]\ndb = /var/lib/makhzan/hms.db\n"
	    "tz = Asia/Damascus\n[bus]\nnats = tls://c1:4222,tls://c2:4222\n"
	    "password_file = /etc/makhzan/nats.pass\ncatalogue = central\n"
	    "[central]\npg = host=db dbname=makhzan\nreplicas = 3\n", &c, &err),
	    0);
	assert_string_equal(c.db, "/var/lib/makhzan/hms.db");
	assert_string_equal(c.tz, "Asia/Damascus");
	assert_string_equal(c.bus_nats, "tls://c1:4222,tls://c2:4222");
	assert_string_equal(c.bus_password_file, "/etc/makhzan/nats.pass");
	assert_string_equal(c.bus_catalogue, "central");
	assert_string_equal(c.central_pg, "host=db dbname=makhzan");
	assert_string_equal(c.central_replicas, "3");
	assert_null(c.central_nats);
	assert_null(c.lang);
	wms_config_fini(&c);
	assert_null(c.db);
}

static void
config__unknown__names_the_line_and_the_choices(void **state)
{
	struct wms_config	c;
	struct wms_err		err;

	(void)state;
	assert_int_equal(load("[bus]\nnats = x\nnats_url = y\n", &c, &err),
	    WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "line 3"));
	assert_non_null(strstr(err.msg, "\"nats_url\" in [bus]"));
	assert_non_null(strstr(err.msg, "sign_key"));
	wms_config_fini(&c);
	assert_int_equal(load("[makhzan]\ndb = x\n[zz]\nk = v\n", &c, &err),
	    WMS_ERR_INVALID);
	/* inih reads a section only with its first key: that line. */
	assert_non_null(strstr(err.msg, "line 4"));
	assert_non_null(strstr(err.msg, "[zz]"));
	wms_config_fini(&c);
	assert_int_equal(load("[makhzan]\nlang = fr\n", &c, &err),
	    WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "fr"));
	wms_config_fini(&c);
}


static void
config__session_minutes__read_and_checked(void **state)
{
	struct wms_config	c;
	struct wms_err		err;

	(void)state;
	assert_int_equal(load("[makhzan]\nsession_minutes = 30\n", &c, &err),
	    0);
	assert_string_equal(c.session_minutes, "30");
	wms_config_fini(&c);
	assert_int_equal(load("[makhzan]\nsession_minutes = 0\n", &c, &err),
	    0);
	wms_config_fini(&c);
	assert_int_equal(load("[makhzan]\nsession_minutes = 1441\n", &c,
	    &err), WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "session_minutes"));
	wms_config_fini(&c);
	assert_int_equal(load("[makhzan]\nsession_minutes = -5\n", &c,
	    &err), WMS_ERR_INVALID);
	wms_config_fini(&c);
}

static void
config__bad_text_and_size__refused(void **state)
{
	struct wms_config	 c;
	struct wms_err		 err;
	char			*big;

	(void)state;
	assert_int_equal(load("[makhzan]\nuser = salim\nstation = a\xff\n",
	    &c, &err), WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "line 3: not valid UTF-8"));
	wms_config_fini(&c);
	assert_int_equal(load("[makhzan]\nuser = \xc0\xaf\n", &c, &err),
	    WMS_ERR_INVALID);
	wms_config_fini(&c);
	/* One byte past the limit, all of it comments. */
	big = malloc(WMS_CONFIG_MAX_BYTES + 2);
	assert_non_null(big);
	memset(big, ';', WMS_CONFIG_MAX_BYTES + 1);
	big[WMS_CONFIG_MAX_BYTES + 1] = '\0';
	assert_int_equal(load(big, &c, &err), WMS_ERR_INVALID);
	assert_non_null(strstr(err.msg, "256 KiB"));
	wms_config_fini(&c);
	free(big);
	assert_int_equal(wms_config_load(&c, "/dev/zero", &err),
	    WMS_ERR_INVALID);
	wms_config_fini(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(config__sections__fill_their_settings),
		cmocka_unit_test(config__unknown__names_the_line_and_the_choices),
		cmocka_unit_test(config__session_minutes__read_and_checked),
		cmocka_unit_test(config__bad_text_and_size__refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
