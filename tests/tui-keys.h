/*
 * Driving the terminal UI's screens key by key without a terminal, for the
 * test-tui*.c binaries.  Header-only, like fixture.h; include it after.
 */
#ifndef TESTS_TUI_KEYS_H
#define TESTS_TUI_KEYS_H

#include "lib/text.h"
#include "tui/screen.h"
#include "tui/tui.h"

/* Type a UTF-8 string as key presses. */
static void
type(struct tui *t, const char *s, struct wms_err *err)
{
	uint32_t	cp;
	int		n;

	while (*s != '\0') {
		n = wms_utf8_next(s, strlen(s), &cp);
		assert_true(n > 0);
		assert_int_equal(tui_test_key(t, (int)cp, err), 0);
		s += n;
	}
}

/* Type text, then Enter. */
static void
enter(struct tui *t, const char *text, struct wms_err *err)
{
	type(t, text, err);
	assert_int_equal(tui_test_key(t, '\n', err), 0);
}

static void __attribute__((unused))
key(struct tui *t, int k, struct wms_err *err)
{
	assert_int_equal(tui_test_key(t, k, err), 0);
}

/*
 * F9, and F9 again on what it asks: the summary screen of a document, or
 * the question of a count's review.  0 as tui_test_key.
 */
static int __attribute__((unused))
f9(struct tui *t, struct wms_err *err)
{
	int rc;

	if ((rc = tui_test_key(t, TUI_KEY_F(9), err)) != 0)
		return rc;
	if (strcmp(tui_test_top(t), "confirm") == 0 ||
	    strstr(tui_test_status(t), "F9 again") != NULL)
		rc = tui_test_key(t, TUI_KEY_F(9), err);
	return rc;
}

/* The status line contains sub, or the test fails saying what it was. */
#define status_has(t, sub) do { \
	if (strstr(tui_test_status(t), (sub)) == NULL) \
		fail_msg("status \"%s\" does not contain \"%s\"", \
		    tui_test_status(t), (sub)); \
} while (0)

/* A UI on the login screen, user logged in (in English): at home. */
static struct tui *
logged_in_as(struct fx *f, const char *user)
{
	struct tui_login_arg	 arg = { user, NULL };
	struct tui		*t;

	t = tui_test_new(f->w, "en", &tui_screen_login, &arg, &f->err);
	assert_non_null(t);
	enter(t, FX_PASSWORD, &f->err);
	assert_string_equal(tui_test_top(t), "home");
	return t;
}

/* The storekeeper sk at home. */
static __attribute__((unused)) struct tui *
logged_in(struct fx *f)
{
	return logged_in_as(f, "sk");
}

#endif
