/*
 * central/consumer.c without servers: the SSL_CTX_new it puts in front of
 * OpenSSL's, so that libnats' reading thread never writes a TLS alert
 * (the comment above it there says why).  central-faults.sh drives the
 * consumer itself against real servers.
 */
#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/ssl.h>

#include "central/consumer.h"

/* What links central/consumer.o into this program, as into makhzan. */
static int (*volatile consume)(const struct central_run_opts *,
    const volatile sig_atomic_t *, struct wms_err *) = central_consume;

/* A context made here takes an end of file without close_notify as a close. */
static void
test_quiet_eof(void **state)
{
	SSL_CTX *ctx;

	(void)state;
	assert_non_null(consume);
	ctx = SSL_CTX_new(TLS_client_method());
	assert_non_null(ctx);
	assert_true((SSL_CTX_get_options(ctx) &
	    SSL_OP_IGNORE_UNEXPECTED_EOF) != 0);
	SSL_CTX_free(ctx);
}

/*
 * libnats finds SSL_CTX_new by the process's global lookup: that must give
 * the program's own, not libssl's (a static or -Bsymbolic link would not).
 */
static void
test_libnats_finds_it(void **state)
{
	Dl_info	 info;
	void	*p, *self;

	(void)state;
	p = dlsym(RTLD_DEFAULT, "SSL_CTX_new");
	assert_non_null(p);
	assert_true(dladdr(p, &info) != 0);
	self = dlopen(NULL, RTLD_NOW);
	assert_non_null(self);
	assert_ptr_equal(p, dlsym(self, "SSL_CTX_new"));
	assert_null(strstr(info.dli_fname, "libssl"));
	dlclose(self);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quiet_eof),
		cmocka_unit_test(test_libnats_finds_it),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
