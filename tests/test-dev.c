/* Unit tests for devices/dev.c and devices/sim.c: URIs, the drivers against the simulator, faults. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "tests/simsrv.h"

#include "devices/dev.h"
#include "devices/sim.h"

#define TIMEOUT_MS	200

static struct dev_profile *
load(const char *name)
{
	return srv_profile(name);
}

static struct dev_profile *
parse(const char *text)
{
	struct dev_profile	*p;
	struct wms_err		 err;

	if ((p = dev_profile_parse("t.ini", text, strlen(text), &err)) == NULL)
		fail_msg("%s", err.msg);
	return p;
}

static struct dev *
open_port(const struct dev_profile *p, int port, int timeout_ms)
{
	struct dev	*d;
	struct wms_err	 err;
	char		 uri[64];

	snprintf(uri, sizeof uri, "tcp://127.0.0.1:%d", port);
	if ((d = dev_open(p, uri, 1, timeout_ms, &err)) == NULL)
		fail_msg("%s", err.msg);
	return d;
}

/* A port nothing listens on (it was free a moment ago). */
static int
free_port(void)
{
	struct sockaddr_in	sa;
	socklen_t		len = sizeof sa;
	int			fd, port;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	port = ntohs(sa.sin_port);
	close(fd);
	return port;
}

/* Read until it works (the driver backs off in between), up to 4 s. */
static void
read_until_ok(struct dev *d, struct dev_reading *r)
{
	struct wms_err	err;
	int64_t		at, end = dev_now_ms() + 4000;
	struct timespec	ts = { 0, 20 * 1000000 };

	while (dev_read_scale(d, r, &at, &err) != 0) {
		assert_int_equal(r->gross, 0);
		assert_int_equal(at, 0);
		if (dev_now_ms() > end)
			fail_msg("no reading: %s", err.msg);
		nanosleep(&ts, NULL);
	}
}

static void
must_contain(const char *msg, const char *want)
{
	if (strstr(msg, want) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", msg, want);
}

/* ---- URIs ---- */

static void
test_uri_good(void **state)
{
	struct dev_uri	u;
	struct wms_err	err;

	(void)state;
	assert_int_equal(dev_uri_parse("tcp://127.0.0.1:1502", &u, &err), 0);
	assert_false(u.rtu);
	assert_string_equal(u.host, "127.0.0.1");
	assert_int_equal(u.port, 1502);
	assert_int_equal(dev_uri_parse("tcp://scale-3.depot", &u, &err), 0);
	assert_string_equal(u.host, "scale-3.depot");
	assert_int_equal(u.port, 502);
	assert_int_equal(dev_uri_parse("tcp://[::1]:5020", &u, &err), 0);
	assert_string_equal(u.host, "::1");
	assert_int_equal(u.port, 5020);
	assert_int_equal(dev_uri_parse("rtu:/dev/ttyUSB0", &u, &err), 0);
	assert_true(u.rtu);
	assert_string_equal(u.device, "/dev/ttyUSB0");
	assert_int_equal(u.baud, 9600);
	assert_int_equal(u.parity, 'N');
	assert_int_equal(u.data_bits, 8);
	assert_int_equal(u.stop_bits, 1);
	assert_int_equal(dev_uri_parse("rtu:/dev/ttyS1?baud=19200&parity=E"
	    "&data=7&stop=2", &u, &err), 0);
	assert_string_equal(u.device, "/dev/ttyS1");
	assert_int_equal(u.baud, 19200);
	assert_int_equal(u.parity, 'E');
	assert_int_equal(u.data_bits, 7);
	assert_int_equal(u.stop_bits, 2);
}

static void
test_uri_bad(void **state)
{
	static const struct {
		const char	*uri, *want;
	} bad[] = {
		{ "ftp://x", "not a device address" },
		{ "tcp://", "host is missing" },
		{ "tcp://:502", "host is missing" },
		{ "tcp://h:99999", "port \"99999\"" },
		{ "tcp://h:12a", "port \"12a\"" },
		{ "tcp://h:", "port \"\"" },
		{ "tcp://h/x", "path" },
		{ "tcp://[::1", "closing ]" },
		{ "rtu:", "serial device is missing" },
		{ "rtu:ttyUSB0", "serial device is missing" },
		{ "rtu:/dev/x?baud=9601", "baud=9601" },
		{ "rtu:/dev/x?parity=X", "parity=X" },
		{ "rtu:/dev/x?data=9", "data=9" },
		{ "rtu:/dev/x?stop=3", "stop=3" },
		{ "rtu:/dev/x?speed=1", "unknown option \"speed\"" },
		{ "rtu:/dev/x?baud", "\"baud\" has no value" },
		{ "rtu:/dev/x?baud=9600&baud=19200", "\"baud\" is given twice" },
	};
	struct dev_uri	u;
	struct wms_err	err;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (dev_uri_parse(bad[i].uri, &u, &err) != WMS_ERR_INVALID)
			fail_msg("accepted %s", bad[i].uri);
		must_contain(err.msg, bad[i].uri);
		must_contain(err.msg, bad[i].want);
	}
}

static void
test_open_bad(void **state)
{
	struct dev_profile	*p = load("generic");
	struct wms_err		 err;

	(void)state;
	assert_null(dev_open(p, "tcp://127.0.0.1:0", 1, 0, &err));
	must_contain(err.msg, "port 0");
	assert_null(dev_open(p, "rtu:/dev/ttyUSB0", 0, 0, &err));
	must_contain(err.msg, "unit 0");
	assert_null(dev_open(p, "tcp://h", 256, 0, &err));
	must_contain(err.msg, "unit 256");
	dev_profile_free(p);
}

/* ---- scales ---- */

struct want {
	int64_t	gross, tare;
	int	stable, overload, underload;
};

/* Set w on the sim, read it back through the driver. */
static void
round_trip(struct srv *v, struct dev *d, const struct want *w)
{
	struct dev_reading	r;
	struct wms_err		err;
	int64_t			at;

	if (dev_sim_set_scale(v->sim, w->gross, w->tare, w->stable,
	    w->overload, w->underload, &err) != 0)
		fail_msg("set: %s", err.msg);
	if (dev_read_scale(d, &r, &at, &err) != 0)
		fail_msg("read: %s", err.msg);
	assert_true(at > 0);
	assert_int_equal(r.gross, w->gross);
	assert_int_equal(r.tare, w->tare);
	assert_int_equal(r.net, w->gross - w->tare);
	assert_int_equal(r.stable, w->stable);
	assert_int_equal(r.overload, w->overload);
	assert_int_equal(r.underload, w->underload);
	assert_int_equal(r.error, 0);
	assert_string_equal(r.unit, "kg");
}

static void
scale_profile(const char *name, const struct want *w, size_t n)
{
	struct dev_profile	*p = load(name);
	struct srv		*v = srv_start(p, 0);
	struct dev		*d = open_port(p, dev_sim_port(v->sim),
				    TIMEOUT_MS);
	size_t			 i;

	for (i = 0; i < n; i++)
		round_trip(v, d, &w[i]);
	dev_close(d);
	srv_stop(v);
	dev_profile_free(p);
}

static void
test_scale_generic(void **state)
{
	static const struct want w[] = {
		{ 12345, 2000, 1, 0, 0 },
		{ -500, 0, 0, 0, 0 },
		{ 999999, 1500, 0, 1, 0 },
		{ -1250, 250, 1, 0, 1 },
	};

	(void)state;
	scale_profile("generic", w, sizeof w / sizeof w[0]);
}

static void
test_scale_flintec(void **state)
{
	static const struct want w[] = {
		{ 150000, 20000, 1, 0, 0 },
		{ -3000, 0, 0, 0, 0 },
		{ 2000000, 0, 0, 1, 0 },
		{ 0, 0, 1, 0, 1 },
	};

	(void)state;
	scale_profile("flintec-ft11", w, sizeof w / sizeof w[0]);
}

static void
test_scale_laumas(void **state)
{
	static const struct want w[] = {
		{ 250000, 50000, 1, 0, 0 },
		{ -3000, 1000, 0, 0, 0 },
		{ 9000, 12000, 0, 1, 0 },
	};

	(void)state;
	scale_profile("laumas-tlu", w, sizeof w / sizeof w[0]);
}

static void
test_scale_dini_hbm(void **state)
{
	static const struct want dini[] = {
		{ 80000, 5000, 1, 0, 0 },
		{ -7000, 0, 0, 0, 1 },
	};
	static const struct want hbm[] = {
		{ 12345, 345, 1, 0, 0 },
		{ -20, 0, 0, 1, 0 },
	};

	(void)state;
	scale_profile("dini-dgt4x", dini, 2);
	scale_profile("hbm-wtx120", hbm, 2);
}

/* A value that does not fit the profile is refused by the sim. */
static void
test_sim_refuses(void **state)
{
	struct dev_profile	*p = load("flintec-ft11");
	struct wms_err		 err;
	struct dev_sim		*s;

	(void)state;
	s = dev_sim_new(p, "tcp://127.0.0.1:0", 1, &err);
	assert_non_null(s);
	assert_true(dev_sim_port(s) > 0);
	assert_int_equal(dev_sim_set_scale(s, 12345, 0, 1, 0, 0, &err),
	    WMS_ERR_INVALID);
	dev_sim_free(s);
	assert_null(dev_sim_new(p, "rtu:/dev/null", 1, &err));
	dev_profile_free(p);
}

/* ---- commands ---- */

static void
commands(const char *name, int64_t gross)
{
	struct dev_profile	*p = load(name);
	struct srv		*v = srv_start(p, 0);
	struct dev		*d = open_port(p, dev_sim_port(v->sim),
				    TIMEOUT_MS);
	struct dev_reading	 r;
	struct wms_err		 err;
	int64_t			 g, t, at;

	if (dev_sim_set_scale(v->sim, gross, 0, 1, 0, 0, &err) != 0)
		fail_msg("%s", err.msg);
	if (dev_command(d, DEV_COMMAND_TARE, &err) != 0)
		fail_msg("%s tare: %s", name, err.msg);
	dev_sim_get_scale(v->sim, &g, &t);
	assert_int_equal(g, gross);
	assert_int_equal(t, gross);
	assert_int_equal(dev_read_scale(d, &r, &at, &err), 0);
	assert_int_equal(r.net, 0);
	assert_int_equal(r.tare, gross);
	/* The same command twice in a row (Laumas needs 0 between). */
	if (dev_sim_set_scale(v->sim, 2 * gross, gross, 1, 0, 0, &err) != 0)
		fail_msg("%s", err.msg);
	if (dev_command(d, DEV_COMMAND_TARE, &err) != 0)
		fail_msg("%s tare again: %s", name, err.msg);
	dev_sim_get_scale(v->sim, NULL, &t);
	assert_int_equal(t, 2 * gross);
	if (dev_command(d, DEV_COMMAND_ZERO, &err) != 0)
		fail_msg("%s zero: %s", name, err.msg);
	dev_sim_get_scale(v->sim, &g, &t);
	assert_int_equal(g, 0);
	assert_int_equal(t, 0);
	assert_int_equal(dev_read_scale(d, &r, &at, &err), 0);
	assert_int_equal(r.gross, 0);
	dev_close(d);
	srv_stop(v);
	dev_profile_free(p);
}

static void
test_commands(void **state)
{
	struct dev_profile	*p = load("generic");
	struct dev		*d;
	struct wms_err		 err;

	(void)state;
	commands("generic", 12345);
	commands("flintec-ft11", 40000);
	commands("laumas-tlu", 40000);
	commands("dini-dgt4x", 40000);
	commands("hbm-wtx120", 40000);
	d = open_port(p, free_port(), TIMEOUT_MS);
	assert_int_equal(dev_command(d, DEV_COMMAND_GROSS, &err),
	    WMS_ERR_INVALID);
	must_contain(err.msg, "no gross command");
	dev_close(d);
	dev_profile_free(p);
}

/* ---- scanners ---- */

static void
scanner(struct dev_profile *p)
{
	static const char *const codes[] = { "0950110153000312",
	    "LOT-42", "X" };
	struct srv	*v = srv_start(p, 0);
	struct dev	*d = open_port(p, dev_sim_port(v->sim), TIMEOUT_MS);
	struct wms_err	 err;
	char		 code[64];
	uint32_t	 seq, last = 0;
	int		 fresh, got = 0, polls;
	size_t		 i;

	for (i = 0; i < 3; i++)
		assert_int_equal(dev_sim_push_code(v->sim, codes[i], &err), 0);
	for (polls = 0; polls < 20; polls++) {
		if (dev_read_scanner(d, code, sizeof code, &seq, &fresh,
		    &err) != 0)
			fail_msg("%s", err.msg);
		if (!fresh) {
			assert_string_equal(code, "");
			continue;
		}
		assert_true(got < 3);
		assert_string_equal(code, codes[got]);
		assert_true(seq > last);
		last = seq;
		got++;
	}
	assert_int_equal(got, 3);
	assert_int_equal(dev_sim_push_code(v->sim, "AFTER", &err), 0);
	assert_int_equal(dev_read_scanner(d, code, sizeof code, &seq, &fresh,
	    &err), 0);
	assert_true(fresh);
	assert_string_equal(code, "AFTER");
	assert_true(seq > last);
	assert_int_equal(dev_read_scanner(d, code, 4, &seq, &fresh, &err), 0);
	assert_false(fresh);
	dev_close(d);
	srv_stop(v);
	dev_profile_free(p);
}

static void
test_scanner_sequence(void **state)
{
	(void)state;
	scanner(load("zebra-ea3600"));
}

static void
test_scanner_ready(void **state)
{
	(void)state;
	scanner(parse("[device]\nname = Ready\nkind = scanner\nsource = test\n"
	    "[register.flags]\ntable = holding\naddress = 10\n"
	    "[register.length]\ntable = holding\naddress = 11\n"
	    "[scanner]\nready = flags:0\nlength = length\n"
	    "data_table = holding\ndata_address = 20\ndata_registers = 16\n"
	    "bytes = lo-hi\nack_address = 12\nack_value = 1\n"));
}

/* ---- faults ---- */

static void
test_refused(void **state)
{
	struct dev_profile	*p = load("generic");
	int			 port = free_port();
	struct dev		*d = open_port(p, port, TIMEOUT_MS);
	struct dev_reading	 r;
	struct wms_err		 err;
	int64_t			 at;
	char			 want[96];

	(void)state;
	snprintf(want, sizeof want, "tcp://127.0.0.1:%d: connection refused",
	    port);
	assert_int_equal(dev_read_scale(d, &r, &at, &err), WMS_ERR_IO);
	assert_string_equal(err.msg, want);
	assert_int_equal(strncmp(dev_uri_text(d), want,
	    strlen(dev_uri_text(d))), 0);
	assert_int_equal(dev_read_scale(d, &r, &at, &err), WMS_ERR_IO);
	must_contain(err.msg, "reconnecting in");
	dev_close(d);
	dev_profile_free(p);
}

static void
test_timeout_then_back(void **state)
{
	struct dev_profile	*p = load("generic");
	struct sockaddr_in	 sa;
	socklen_t		 len = sizeof sa;
	struct dev_reading	 r;
	struct wms_err		 err;
	struct srv		*v;
	struct dev		*d;
	int64_t			 at, t0;
	int			 fd, port, one = 1;

	(void)state;
	/* A socket that listens and never answers. */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(listen(fd, 4), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	port = ntohs(sa.sin_port);
	d = open_port(p, port, TIMEOUT_MS);
	t0 = dev_now_ms();
	assert_int_equal(dev_read_scale(d, &r, &at, &err), WMS_ERR_IO);
	assert_true(dev_now_ms() - t0 >= TIMEOUT_MS - 10);
	must_contain(err.msg, "no answer within 200 ms reading holding 0-7");
	must_contain(err.msg, dev_uri_text(d));
	close(fd);

	v = srv_start(p, port);
	assert_int_equal(dev_sim_set_scale(v->sim, 7000, 1000, 1, 0, 0, &err),
	    0);
	read_until_ok(d, &r);
	assert_int_equal(r.gross, 7000);
	assert_int_equal(r.net, 6000);
	dev_close(d);
	srv_stop(v);
	dev_profile_free(p);
}

static void
test_exception(void **state)
{
	struct dev_profile	*sp = load("generic");
	struct dev_profile	*p = parse("[device]\nname = Far\nkind = scale\n"
				    "source = test\nholding_base = 40001\n"
				    "[register.status]\ntable = holding\n"
				    "address = 40007\n"
				    "[value.gross]\ntable = holding\n"
				    "address = 40101\ntype = s32\n"
				    "[scale]\ndecimals = 0\nunit = kg\n"
				    "stable = status:0\n");
	struct srv		*v = srv_start(sp, 0);
	struct dev		*d = open_port(p, dev_sim_port(v->sim),
				    TIMEOUT_MS);
	struct dev_reading	 r;
	struct wms_err		 err;
	int64_t			 at;

	(void)state;
	assert_int_equal(dev_read_scale(d, &r, &at, &err), WMS_ERR_IO);
	must_contain(err.msg, dev_uri_text(d));
	must_contain(err.msg, "exception 2 (illegal data address) reading "
	    "holding 40101-40102");
	/* An exception keeps the link: no backoff before the next try. */
	assert_int_equal(dev_read_scale(d, &r, &at, &err), WMS_ERR_IO);
	must_contain(err.msg, "exception 2");
	dev_close(d);
	srv_stop(v);
	dev_profile_free(p);
	dev_profile_free(sp);
}

static void
test_restart_no_stale(void **state)
{
	struct dev_profile	*p = load("laumas-tlu");
	struct srv		*v = srv_start(p, 0);
	int			 port = dev_sim_port(v->sim);
	struct dev		*d = open_port(p, port, TIMEOUT_MS);
	struct dev_reading	 r;
	struct wms_err		 err;
	int64_t			 at;
	struct want		 w = { 30000, 0, 1, 0, 0 };

	(void)state;
	round_trip(v, d, &w);
	srv_stop(v);
	/* Nothing listens now: the read fails and shows nothing old. */
	r.gross = 1;
	at = 1;
	assert_int_equal(dev_read_scale(d, &r, &at, &err), WMS_ERR_IO);
	must_contain(err.msg, dev_uri_text(d));
	assert_int_equal(r.gross, 0);
	assert_int_equal(r.stable, 0);
	assert_int_equal(r.has, 0);
	assert_int_equal(at, 0);
	/* The device comes back on the same port with another weight. */
	v = srv_start(p, port);
	assert_int_equal(dev_sim_set_scale(v->sim, 45000, 0, 1, 0, 0, &err),
	    0);
	read_until_ok(d, &r);
	assert_int_equal(r.gross, 45000);
	/* A restart while connected: the driver reconnects by itself. */
	srv_stop(v);
	v = srv_start(p, port);
	assert_int_equal(dev_sim_set_scale(v->sim, 46000, 0, 0, 0, 0, &err),
	    0);
	read_until_ok(d, &r);
	assert_int_equal(r.gross, 46000);
	assert_int_equal(r.stable, 0);
	dev_close(d);
	srv_stop(v);
	dev_profile_free(p);
}

/* ---- the simulator over time ---- */

/* Write text to a fresh file; its path in path. */
static void
write_file(char *path, size_t len, const char *text)
{
	FILE	*fp;
	int	 fd;

	snprintf(path, len, "%s/test-dev-XXXXXX", getenv("TMPDIR") != NULL ?
	    getenv("TMPDIR") : "/tmp");
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(fp = fdopen(fd, "w"));
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* Read at ms after t0 (monotonic); the reading in *r. */
static void
read_at(struct dev *d, int64_t t0, int ms, struct dev_reading *r)
{
	struct wms_err	err;
	int64_t		at, wait = t0 + ms - dev_now_ms();
	struct timespec	ts;

	if (wait > 0) {
		ts.tv_sec = wait / 1000;
		ts.tv_nsec = (long)(wait % 1000) * 1000000;
		nanosleep(&ts, NULL);
	}
	if (dev_read_scale(d, r, &at, &err) != 0)
		fail_msg("read at %d ms: %s", ms, err.msg);
}

static void
test_sim_script(void **state)
{
	struct dev_profile	*p = load("generic");
	struct srv		*v = srv_start(p, 0);
	struct dev		*d = open_port(p, dev_sim_port(v->sim),
				    TIMEOUT_MS);
	struct dev_reading	 r;
	struct wms_err		 err;
	char			 path[256];
	int64_t			 t0;

	(void)state;
	write_file(path, sizeof path, "# a drum put on the platform\n"
	    "0.6 12.5 moving\n\n  0.6\t12.5 stable\n0.6 -2 overload\n"
	    "0.6 0\n");
	assert_int_equal(dev_sim_set_scale(v->sim, 0, 500, 1, 0, 0, &err),
	    0);
	assert_int_equal(dev_sim_script(v->sim, path, &err), 0);
	t0 = dev_now_ms();
	read_at(d, t0, 100, &r);
	assert_int_equal(r.gross, 12500);
	assert_int_equal(r.net, 12000);		/* the tare stays */
	assert_false(r.stable);
	read_at(d, t0, 800, &r);
	assert_int_equal(r.gross, 12500);
	assert_true(r.stable);
	assert_false(r.overload);
	read_at(d, t0, 1400, &r);
	assert_int_equal(r.gross, -2000);
	assert_true(r.overload);
	read_at(d, t0, 2000, &r);
	assert_int_equal(r.gross, 0);
	assert_true(r.stable);
	assert_false(r.overload);
	/* It loops. */
	read_at(d, t0, 2500, &r);
	assert_int_equal(r.gross, 12500);
	assert_false(r.stable);
	unlink(path);

	/* Errors name the file and line; the script before is kept. */
	write_file(path, sizeof path, "1 5\n1 5 wobbly\n");
	assert_int_equal(dev_sim_script(v->sim, path, &err), WMS_ERR_INVALID);
	must_contain(err.msg, path);
	must_contain(err.msg, ":2: \"wobbly\": use moving, stable or "
	    "overload");
	unlink(path);
	write_file(path, sizeof path, "1\n");
	assert_int_equal(dev_sim_script(v->sim, path, &err), WMS_ERR_INVALID);
	must_contain(err.msg, ":1: expected SECONDS WEIGHT");
	unlink(path);
	write_file(path, sizeof path, "0 5\n");
	assert_int_equal(dev_sim_script(v->sim, path, &err), WMS_ERR_INVALID);
	must_contain(err.msg, ":1: \"0\" is not a number of seconds");
	unlink(path);
	write_file(path, sizeof path, "1 heavy\n");
	assert_int_equal(dev_sim_script(v->sim, path, &err), WMS_ERR_INVALID);
	must_contain(err.msg, ":1: ");
	must_contain(err.msg, "heavy");
	unlink(path);
	write_file(path, sizeof path, "# nothing\n\n");
	assert_int_equal(dev_sim_script(v->sim, path, &err), WMS_ERR_INVALID);
	must_contain(err.msg, "no steps");
	unlink(path);
	assert_int_equal(dev_sim_script(v->sim, path, &err), WMS_ERR_IO);
	must_contain(err.msg, "cannot read the script");
	dev_close(d);
	srv_stop(v);
	dev_profile_free(p);

	/* A weight the profile cannot show: FT-11 has 0 decimals. */
	p = load("flintec-ft11");
	v = srv_start(p, 0);
	write_file(path, sizeof path, "1 5\n1 5.5\n");
	assert_int_equal(dev_sim_script(v->sim, path, &err), WMS_ERR_INVALID);
	must_contain(err.msg, ":2: ");
	unlink(path);
	srv_stop(v);
	dev_profile_free(p);
}

/* ---- a misbehaving peer ---- */

enum fake_mode {
	FAKE_GARBAGE,		/* answer each request with random bytes */
	FAKE_HANGUP		/* read the request, close without answer */
};

struct fake {
	enum fake_mode	 mode;
	int		 fd, port;
	pthread_t	 thread;
	atomic_int	 stop, requests;
	uint32_t	 rng;
};

static uint32_t
fake_rand(struct fake *f)
{
	f->rng ^= f->rng << 13;
	f->rng ^= f->rng >> 17;
	f->rng ^= f->rng << 5;
	return f->rng;
}

static void *
fake_main(void *arg)
{
	struct fake	*f = arg;
	struct pollfd	 pf;
	uint8_t		 buf[260];
	ssize_t		 n;
	size_t		 i, len;
	int		 c;

	while (!atomic_load(&f->stop)) {
		pf.fd = f->fd;
		pf.events = POLLIN;
		if (poll(&pf, 1, 20) <= 0)
			continue;
		if ((c = accept(f->fd, NULL, NULL)) < 0)
			continue;
		for (;;) {
			pf.fd = c;
			pf.events = POLLIN;
			if (atomic_load(&f->stop))
				break;
			if (poll(&pf, 1, 20) <= 0)
				continue;
			if ((n = read(c, buf, sizeof buf)) <= 0)
				break;
			atomic_fetch_add(&f->requests, 1);
			if (f->mode == FAKE_HANGUP)
				break;
			len = 1 + fake_rand(f) % 40;
			for (i = 0; i < len; i++)
				buf[i] = (uint8_t)fake_rand(f);
			if (write(c, buf, len) < 0)
				break;
		}
		close(c);
	}
	return NULL;
}

/* A peer in mode m listening on port (0: any). */
static struct fake *
fake_start(enum fake_mode m, int port)
{
	struct sockaddr_in	 sa;
	socklen_t		 len = sizeof sa;
	struct fake		*f;
	int			 one = 1;

	f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->mode = m;
	f->rng = 0x2545f491u;
	atomic_init(&f->stop, 0);
	atomic_init(&f->requests, 0);
	f->fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(f->fd >= 0);
	setsockopt(f->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons((uint16_t)port);
	assert_int_equal(bind(f->fd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(listen(f->fd, 4), 0);
	assert_int_equal(getsockname(f->fd, (struct sockaddr *)&sa, &len), 0);
	f->port = ntohs(sa.sin_port);
	assert_int_equal(pthread_create(&f->thread, NULL, fake_main, f), 0);
	return f;
}

static void
fake_stop(struct fake *f)
{
	atomic_store(&f->stop, 1);
	pthread_join(f->thread, NULL);
	close(f->fd);
	free(f);
}

/*
 * Read through d until the peer f has seen want requests; every read must
 * fail, name the URI and hand back nothing.  The last message in err.
 */
static void
reads_fail(struct dev *d, struct fake *f, int want, struct wms_err *err)
{
	struct dev_reading	r;
	int64_t			at, end = dev_now_ms() + 8000;
	struct timespec		ts = { 0, 20 * 1000000 };

	while (atomic_load(&f->requests) < want) {
		r.gross = 1;
		at = 1;
		assert_int_equal(dev_read_scale(d, &r, &at, err), WMS_ERR_IO);
		must_contain(err->msg, dev_uri_text(d));
		assert_int_equal(r.gross, 0);
		assert_int_equal(r.has, 0);
		assert_int_equal(at, 0);
		if (dev_now_ms() > end)
			fail_msg("the peer saw %d requests: %s",
			    atomic_load(&f->requests), err->msg);
		nanosleep(&ts, NULL);
	}
}

static void
test_garbage(void **state)
{
	struct dev_profile	*p = load("generic");
	struct fake		*f = fake_start(FAKE_GARBAGE, 0);
	int			 port = f->port;
	struct dev		*d = open_port(p, port, TIMEOUT_MS);
	struct dev_reading	 r;
	struct wms_err		 err;
	struct srv		*v;
	int64_t			 at, t0;

	(void)state;
	/* Each answer is noise: a clear error, and the link is dropped. */
	t0 = dev_now_ms();
	assert_int_equal(dev_read_scale(d, &r, &at, &err), WMS_ERR_IO);
	must_contain(err.msg, "reading holding 0-7");
	if (strstr(err.msg, "garbled") == NULL &&
	    strstr(err.msg, "no answer within") == NULL &&
	    strstr(err.msg, "another unit") == NULL &&
	    strstr(err.msg, "exception") == NULL)
		fail_msg("unclear: %s", err.msg);
	assert_int_equal(dev_read_scale(d, &r, &at, &err), WMS_ERR_IO);
	if (strstr(err.msg, "reconnecting in") == NULL &&
	    strstr(err.msg, "exception") == NULL)
		fail_msg("the link was kept: %s", err.msg);
	reads_fail(d, f, 4, &err);
	fake_stop(f);
	assert_true(dev_now_ms() - t0 < 8000);
	/* A good device on the same port is reached after the backoff. */
	v = srv_start(p, port);
	assert_int_equal(dev_sim_set_scale(v->sim, 4321, 321, 1, 0, 0, &err),
	    0);
	read_until_ok(d, &r);
	assert_int_equal(r.gross, 4321);
	assert_int_equal(r.net, 4000);
	dev_close(d);
	srv_stop(v);
	dev_profile_free(p);
}

static void
test_cable_pulled(void **state)
{
	struct dev_profile	*p = load("flintec-ft11");
	struct srv		*v = srv_start(p, 0);
	int			 port = dev_sim_port(v->sim);
	struct dev		*d = open_port(p, port, TIMEOUT_MS);
	struct want		 w = { 30000, 1000, 1, 0, 0 };
	struct dev_reading	 r;
	struct wms_err		 err;
	struct fake		*f;

	(void)state;
	round_trip(v, d, &w);
	srv_stop(v);
	/* The peer takes each request and drops the line without answer. */
	f = fake_start(FAKE_HANGUP, port);
	reads_fail(d, f, 2, &err);
	must_contain(err.msg, "the device closed the connection reading "
	    "holding 40003-40007");
	fake_stop(f);
	v = srv_start(p, port);
	assert_int_equal(dev_sim_set_scale(v->sim, 31000, 0, 0, 0, 0, &err),
	    0);
	read_until_ok(d, &r);
	assert_int_equal(r.gross, 31000);
	assert_int_equal(r.stable, 0);
	dev_close(d);
	srv_stop(v);
	dev_profile_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uri_good),
		cmocka_unit_test(test_uri_bad),
		cmocka_unit_test(test_open_bad),
		cmocka_unit_test(test_scale_generic),
		cmocka_unit_test(test_scale_flintec),
		cmocka_unit_test(test_scale_laumas),
		cmocka_unit_test(test_scale_dini_hbm),
		cmocka_unit_test(test_sim_refuses),
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_scanner_sequence),
		cmocka_unit_test(test_scanner_ready),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_timeout_then_back),
		cmocka_unit_test(test_exception),
		cmocka_unit_test(test_restart_no_stale),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_cable_pulled),
		cmocka_unit_test(test_sim_script),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
