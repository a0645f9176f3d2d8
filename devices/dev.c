/* Scale and scanner drivers over libmodbus: connect, read, decode, reconnect with backoff. */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <modbus.h>

#include "lib/err.h"
#include "lib/i18n.h"
#include "lib/xmalloc.h"
#include "devices/dev.h"

#define BACKOFF_FIRST_MS	100
#define BACKOFF_MAX_MS		5000
#define POLL_MS			10
#define RUN_MAX			MODBUS_MAX_READ_REGISTERS

/* A run of contiguous registers read in one request. */
struct run {
	enum dev_table	 table;
	uint16_t	 address;
	uint16_t	 n;
};

struct dev {
	const struct dev_profile *p;
	char		*uri;
	struct dev_uri	 u;
	int		 unit_id;
	int		 timeout_ms;
	modbus_t	*ctx;
	int		 connected;
	int64_t		 retry_at;	/* no connect before, monotonic ms */
	int		 backoff_ms;
	uint16_t	*holding, *input; /* indexed by wire address */
	size_t		 nholding, ninput;
	struct run	*runs;		/* a scale reading */
	size_t		 nruns;
	uint32_t	 last_seq;	/* scanner: last acknowledged */
	uint32_t	 ready_count;
};

int64_t
dev_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
sleep_ms(int ms)
{
	struct timespec	ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* Parse the whole of s as a decimal number in lo..hi. */
static int
whole(const char *s, size_t n, long lo, long hi, long *out)
{
	long	v = 0;
	size_t	i;

	if (n == 0 || n > 9)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static const long bauds[] = { 300, 600, 1200, 2400, 4800, 9600, 19200,
    38400, 57600, 115200, 230400, 460800, 921600 };

static int
rtu_option(const char *text, const char *key, size_t klen, const char *val,
    size_t vlen, struct dev_uri *u, struct wms_err *err)
{
	long	v;
	size_t	i;

	if (klen == 4 && memcmp(key, "baud", 4) == 0) {
		for (i = 0; i < sizeof bauds / sizeof bauds[0]; i++)
			if (whole(val, vlen, 1, 1000000, &v) == 0 &&
			    v == bauds[i]) {
				u->baud = (int)v;
				return 0;
			}
		return wms_err_set(err, WMS_ERR_INVALID, _("%s: baud=%.*s is "
		    "not a serial speed (300 to 921600, e.g. 9600, 19200, "
		    "115200)"), text, (int)vlen, val);
	}
	if (klen == 6 && memcmp(key, "parity", 6) == 0) {
		if (vlen == 1 && strchr("NEO", val[0]) != NULL) {
			u->parity = val[0];
			return 0;
		}
		return wms_err_set(err, WMS_ERR_INVALID, _("%s: parity=%.*s: "
		    "use N, E or O"), text, (int)vlen, val);
	}
	if (klen == 4 && memcmp(key, "data", 4) == 0) {
		if (whole(val, vlen, 5, 8, &v) == 0) {
			u->data_bits = (int)v;
			return 0;
		}
		return wms_err_set(err, WMS_ERR_INVALID, _("%s: data=%.*s: "
		    "data bits are 5 to 8"), text, (int)vlen, val);
	}
	if (klen == 4 && memcmp(key, "stop", 4) == 0) {
		if (whole(val, vlen, 1, 2, &v) == 0) {
			u->stop_bits = (int)v;
			return 0;
		}
		return wms_err_set(err, WMS_ERR_INVALID, _("%s: stop=%.*s: "
		    "stop bits are 1 or 2"), text, (int)vlen, val);
	}
	return wms_err_set(err, WMS_ERR_INVALID, _("%s: unknown option "
	    "\"%.*s\" (use baud, parity, data, stop)"), text, (int)klen, key);
}

/* A bit for each known option, to refuse one given twice. */
static unsigned
opt_bit(const char *key, size_t n)
{
	static const char *const keys[] = { "baud", "parity", "data", "stop" };
	size_t	i;

	for (i = 0; i < 4; i++)
		if (strlen(keys[i]) == n && memcmp(key, keys[i], n) == 0)
			return 1u << i;
	return 0;
}

static int
parse_rtu(const char *text, const char *s, struct dev_uri *u,
    struct wms_err *err)
{
	const char	*q, *amp, *eq;
	size_t		 n;
	unsigned	 seen = 0, bit;

	u->rtu = 1;
	u->baud = 9600;
	u->parity = 'N';
	u->data_bits = 8;
	u->stop_bits = 1;
	q = strchr(s, '?');
	n = q != NULL ? (size_t)(q - s) : strlen(s);
	if (n == 0 || s[0] != '/')
		return wms_err_set(err, WMS_ERR_INVALID, _("%s: the serial "
		    "device is missing: rtu:/dev/ttyUSB0?baud=9600&parity=N"
		    "&data=8&stop=1"), text);
	if (n >= sizeof u->device)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s: the device "
		    "path is longer than %zu bytes"), text,
		    sizeof u->device - 1);
	memcpy(u->device, s, n);
	u->device[n] = '\0';
	if (q == NULL)
		return 0;
	for (s = q + 1;; s = amp + 1) {
		amp = strchr(s, '&');
		n = amp != NULL ? (size_t)(amp - s) : strlen(s);
		eq = memchr(s, '=', n);
		if (eq == NULL)
			return wms_err_set(err, WMS_ERR_INVALID, _("%s: "
			    "option \"%.*s\" has no value (KEY=VALUE)"), text,
			    (int)n, s);
		bit = opt_bit(s, (size_t)(eq - s));
		if (seen & bit)
			return wms_err_set(err, WMS_ERR_INVALID, _("%s: "
			    "option \"%.*s\" is given twice"), text,
			    (int)(eq - s), s);
		if (rtu_option(text, s, (size_t)(eq - s), eq + 1,
		    n - (size_t)(eq - s) - 1, u, err) != 0)
			return WMS_ERR_INVALID;
		seen |= bit;
		if (amp == NULL)
			break;
	}
	return 0;
}

static int
parse_tcp(const char *text, const char *s, struct dev_uri *u,
    struct wms_err *err)
{
	const char	*end, *colon;
	size_t		 n;
	long		 port;

	u->rtu = 0;
	u->port = 502;
	if (s[0] == '[') {
		if ((end = strchr(s, ']')) == NULL)
			return wms_err_set(err, WMS_ERR_INVALID, _("%s: the "
			    "host has no closing ]"), text);
		n = (size_t)(end - s - 1);
		s++;
		colon = end[1] == ':' ? end + 1 : NULL;
		if (end[1] != '\0' && colon == NULL)
			return wms_err_set(err, WMS_ERR_INVALID, _("%s: "
			    "\"%s\" after the host"), text, end + 1);
	} else {
		colon = strchr(s, ':');
		n = colon != NULL ? (size_t)(colon - s) : strlen(s);
	}
	if (n == 0)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s: the host is "
		    "missing: tcp://HOST:PORT"), text);
	if (n >= sizeof u->host)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s: the host is "
		    "longer than %zu bytes"), text, sizeof u->host - 1);
	if (memchr(s, '/', n) != NULL || memchr(s, '?', n) != NULL)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s: a path or "
		    "options do not belong in a TCP address"), text);
	memcpy(u->host, s, n);
	u->host[n] = '\0';
	if (colon != NULL) {
		if (whole(colon + 1, strlen(colon + 1), 0, 65535,
		    &port) != 0)
			return wms_err_set(err, WMS_ERR_INVALID, _("%s: port "
			    "\"%s\" is not a number from 1 to 65535"), text,
			    colon + 1);
		u->port = (int)port;
	}
	return 0;
}

int
dev_uri_parse(const char *text, struct dev_uri *u, struct wms_err *err)
{
	memset(u, 0, sizeof *u);
	if (strncmp(text, "tcp://", 6) == 0)
		return parse_tcp(text, text + 6, u, err);
	if (strncmp(text, "rtu:", 4) == 0)
		return parse_rtu(text, text + 4, u, err);
	return wms_err_set(err, WMS_ERR_INVALID, _("%s: not a device "
	    "address: use tcp://HOST:PORT or rtu:/dev/ttyUSB0?baud=9600"
	    "&parity=N&data=8&stop=1"), text);
}

/* Make the image at least address + n registers long in table t. */
static void
need_regs(struct dev *d, enum dev_table t, unsigned address, unsigned n)
{
	size_t	*len = t == DEV_TABLE_HOLDING ? &d->nholding : &d->ninput;

	if ((size_t)address + n > *len)
		*len = (size_t)address + n;
}

static int
run_cmp(const void *a, const void *b)
{
	const struct run	*x = a, *y = b;

	if (x->table != y->table)
		return x->table < y->table ? -1 : 1;
	if (x->address != y->address)
		return x->address < y->address ? -1 : 1;
	return x->n < y->n ? -1 : x->n > y->n;
}

/* Merge the spans of a scale reading into runs of contiguous registers. */
static void
plan_scale(struct dev *d)
{
	const struct dev_profile *p = d->p;
	struct run		*sp;
	size_t			 i, n = 0, m;
	unsigned		 end;

	sp = xcalloc(p->nregs + DEV_VALUE_COUNT, sizeof *sp);
	for (i = 0; i < p->nregs; i++)
		sp[n++] = (struct run){ p->regs[i].table, p->regs[i].address,
		    (uint16_t)p->regs[i].nregs };
	for (i = 0; i < DEV_VALUE_COUNT; i++)
		if (p->scale.value[i].present)
			sp[n++] = (struct run){ p->scale.value[i].table,
			    p->scale.value[i].address,
			    (uint16_t)dev_type_regs(p->scale.value[i].type) };
	qsort(sp, n, sizeof *sp, run_cmp);
	for (i = 0, m = 0; i < n; i++) {
		need_regs(d, sp[i].table, sp[i].address, sp[i].n);
		if (m > 0 && sp[m - 1].table == sp[i].table &&
		    sp[i].address <= sp[m - 1].address + sp[m - 1].n) {
			end = (unsigned)sp[i].address + sp[i].n;
			if (end <= (unsigned)sp[m - 1].address + sp[m - 1].n)
				continue;
			if (end - sp[m - 1].address <= RUN_MAX) {
				sp[m - 1].n = (uint16_t)(end -
				    sp[m - 1].address);
				continue;
			}
		}
		sp[m++] = sp[i];
	}
	d->runs = sp;
	d->nruns = m;
}

struct dev *
dev_open(const struct dev_profile *p, const char *uri, int unit_id,
    int timeout_ms, struct wms_err *err)
{
	struct dev	*d;
	struct dev_uri	 u;
	char		 port[8];
	modbus_t	*ctx;
	const struct dev_scanner *sc = &p->scanner;
	size_t		 i;

	if (dev_uri_parse(uri, &u, err) != 0)
		return NULL;
	if (!u.rtu && u.port == 0) {
		wms_err_set(err, WMS_ERR_INVALID, _("%s: port 0: give the "
		    "device's port (502 by default)"), uri);
		return NULL;
	}
	if (unit_id < (u.rtu ? 1 : 0) || unit_id > (u.rtu ? 247 : 255)) {
		wms_err_set(err, WMS_ERR_INVALID, _("%s: unit %d is not %s"),
		    uri, unit_id, u.rtu ? "1-247" : "0-255");
		return NULL;
	}
	if (timeout_ms <= 0)
		timeout_ms = p->response_timeout_ms > 0 ?
		    p->response_timeout_ms : 500;
	if (u.rtu)
		ctx = modbus_new_rtu(u.device, u.baud, u.parity, u.data_bits,
		    u.stop_bits);
	else {
		snprintf(port, sizeof port, "%d", u.port);
		ctx = modbus_new_tcp_pi(u.host, port);
	}
	if (ctx == NULL) {
		wms_err_set(err, WMS_ERR_INVALID, "%s: %s", uri,
		    modbus_strerror(errno));
		return NULL;
	}
	modbus_set_error_recovery(ctx, MODBUS_ERROR_RECOVERY_NONE);
	modbus_set_slave(ctx, unit_id);
	modbus_set_response_timeout(ctx, (uint32_t)(timeout_ms / 1000),
	    (uint32_t)(timeout_ms % 1000) * 1000);
	if (p->byte_timeout_ms > 0)
		modbus_set_byte_timeout(ctx,
		    (uint32_t)(p->byte_timeout_ms / 1000),
		    (uint32_t)(p->byte_timeout_ms % 1000) * 1000);

	d = xcalloc(1, sizeof *d);
	d->p = p;
	d->uri = xstrdup(uri);
	d->u = u;
	d->unit_id = unit_id;
	d->timeout_ms = timeout_ms;
	d->ctx = ctx;
	d->backoff_ms = BACKOFF_FIRST_MS;
	for (i = 0; i < p->nregs; i++)
		need_regs(d, p->regs[i].table, p->regs[i].address,
		    (unsigned)p->regs[i].nregs);
	if (p->kind == DEV_KIND_SCALE)
		plan_scale(d);
	else
		need_regs(d, sc->data_table, sc->data_address,
		    sc->data_registers);
	d->holding = xcalloc(d->nholding + 1, sizeof *d->holding);
	d->input = xcalloc(d->ninput + 1, sizeof *d->input);
	return d;
}

void
dev_close(struct dev *d)
{
	if (d == NULL)
		return;
	if (d->connected)
		modbus_close(d->ctx);
	modbus_free(d->ctx);
	free(d->holding);
	free(d->input);
	free(d->runs);
	free(d->uri);
	free(d);
}

const char *
dev_uri_text(const struct dev *d)
{
	return d->uri;
}

static const char *
exception_name(int code)
{
	switch (code) {
	case 1:	return _("illegal function");
	case 2:	return _("illegal data address");
	case 3:	return _("illegal data value");
	case 4:	return _("server device failure");
	case 5:	return _("acknowledge");
	case 6:	return _("server device busy");
	case 7:	return _("negative acknowledge");
	case 8:	return _("memory parity error");
	case 10: return _("gateway path unavailable");
	case 11: return _("gateway target failed to respond");
	}
	return _("unknown");
}

/* Give up the link: flush what arrived late, close, back off. */
static void
drop(struct dev *d)
{
	if (d->connected) {
		modbus_flush(d->ctx);
		modbus_close(d->ctx);
		d->connected = 0;
	}
	d->retry_at = dev_now_ms() + d->backoff_ms;
	d->backoff_ms = d->backoff_ms * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS :
	    d->backoff_ms * 2;
}

/*
 * Translate the libmodbus failure e of doing what (e.g. "reading holding
 * 40006"), once: an exception keeps the link, anything else drops it.
 */
static int
fail(struct dev *d, int e, const char *what, struct wms_err *err)
{
	if (e > MODBUS_ENOBASE && e < EMBXGTAR + 1) {
		int code = e - MODBUS_ENOBASE;

		return wms_err_set(err, WMS_ERR_IO, _("%s: the device "
		    "answered exception %d (%s) %s"), d->uri, code,
		    exception_name(code), what);
	}
	drop(d);
	switch (e) {
	case ETIMEDOUT:
		return wms_err_set(err, WMS_ERR_IO, _("%s: no answer within "
		    "%d ms %s"), d->uri, d->timeout_ms, what);
	case ECONNRESET:
	case EPIPE:
		return wms_err_set(err, WMS_ERR_IO, _("%s: the device closed "
		    "the connection %s"), d->uri, what);
	case EMBBADCRC:
		return wms_err_set(err, WMS_ERR_IO, _("%s: bad CRC in the "
		    "answer %s"), d->uri, what);
	case EMBBADDATA:
	case EMBMDATA:
	case EMBBADEXC:
		return wms_err_set(err, WMS_ERR_IO, _("%s: the answer %s was "
		    "garbled (%s)"), d->uri, what, modbus_strerror(e));
	case EMBBADSLAVE:
		return wms_err_set(err, WMS_ERR_IO, _("%s: another unit than "
		    "%d answered %s"), d->uri, d->unit_id, what);
	}
	return wms_err_set(err, WMS_ERR_IO, _("%s: %s %s"), d->uri,
	    modbus_strerror(e), what);
}

static int
ensure(struct dev *d, struct wms_err *err)
{
	int64_t	now;
	int	e;

	if (d->connected)
		return 0;
	now = dev_now_ms();
	if (now < d->retry_at)
		return wms_err_set(err, WMS_ERR_IO, _("%s: reconnecting in "
		    "%lld ms"), d->uri, (long long)(d->retry_at - now));
	if (modbus_connect(d->ctx) == 0) {
		d->connected = 1;
		/* RTU has no transaction id: drop a late answer to before. */
		if (d->u.rtu)
			modbus_flush(d->ctx);
		return 0;
	}
	e = errno;
	drop(d);
	switch (e) {
	case ECONNREFUSED:
		return wms_err_set(err, WMS_ERR_IO, _("%s: connection "
		    "refused"), d->uri);
	case EINPROGRESS:	/* libmodbus 3.1.6 on a connect timeout */
	case ETIMEDOUT:
		return wms_err_set(err, WMS_ERR_IO, _("%s: no answer within "
		    "%d ms to connect"), d->uri, d->timeout_ms);
	case EHOSTUNREACH:
	case ENETUNREACH:
		return wms_err_set(err, WMS_ERR_IO, _("%s: no route to the "
		    "host"), d->uri);
	case ENOENT:
		return wms_err_set(err, WMS_ERR_IO, _("%s: no such serial "
		    "device"), d->uri);
	}
	return wms_err_set(err, WMS_ERR_IO, _("%s: cannot connect: %s"),
	    d->uri, modbus_strerror(e));
}

/* "reading holding 40006" or "reading input 30001-30004" into buf. */
static const char *
what_read(const struct dev *d, enum dev_table t, unsigned a, unsigned n,
    char *buf, size_t size)
{
	unsigned	base = t == DEV_TABLE_HOLDING ? d->p->holding_base :
			    d->p->input_base;
	const char	*tn = t == DEV_TABLE_HOLDING ? _("holding") :
			    _("input");

	if (n == 1)
		snprintf(buf, size, _("reading %s %u"), tn, base + a);
	else
		snprintf(buf, size, _("reading %s %u-%u"), tn, base + a,
		    base + a + n - 1);
	return buf;
}

/* Read n registers at a of table t into the image, in requests of 125. */
static int
read_regs(struct dev *d, enum dev_table t, unsigned a, unsigned n,
    struct wms_err *err)
{
	uint16_t	*img = t == DEV_TABLE_HOLDING ? d->holding : d->input;
	char		 what[64];
	unsigned	 k;
	int		 rc;

	assert((size_t)a + n <= (t == DEV_TABLE_HOLDING ? d->nholding :
	    d->ninput));
	while (n > 0) {
		if (ensure(d, err) != 0)
			return WMS_ERR_IO;
		k = n > RUN_MAX ? RUN_MAX : n;
		if (t == DEV_TABLE_HOLDING)
			rc = modbus_read_registers(d->ctx, (int)a, (int)k,
			    img + a);
		else
			rc = modbus_read_input_registers(d->ctx, (int)a,
			    (int)k, img + a);
		if (rc != (int)k)
			return fail(d, rc < 0 ? errno : EMBBADDATA,
			    what_read(d, t, a, k, what, sizeof what), err);
		d->backoff_ms = BACKOFF_FIRST_MS;
		a += k;
		n -= k;
	}
	return 0;
}

static int
write_reg(struct dev *d, uint16_t a, uint16_t v, struct wms_err *err)
{
	char	what[64];
	int	rc;

	if (ensure(d, err) != 0)
		return WMS_ERR_IO;
	if (d->p->write_multiple)
		rc = modbus_write_registers(d->ctx, a, 1, &v);
	else
		rc = modbus_write_register(d->ctx, a, v);
	if (rc != 1) {
		snprintf(what, sizeof what, _("writing %u to holding %u"),
		    (unsigned)v, d->p->holding_base + a);
		return fail(d, rc < 0 ? errno : EMBBADDATA, what, err);
	}
	d->backoff_ms = BACKOFF_FIRST_MS;
	return 0;
}

static void
image(const struct dev *d, struct dev_image *img)
{
	img->holding = d->holding;
	img->nholding = d->nholding;
	img->input = d->input;
	img->ninput = d->ninput;
}

int
dev_read_scale(struct dev *d, struct dev_reading *out, int64_t *at_ms,
    struct wms_err *err)
{
	struct dev_image	img;
	size_t			i;
	int			rc;

	memset(out, 0, sizeof *out);
	*at_ms = 0;
	if (d->p->kind != DEV_KIND_SCALE)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s: profile %s is "
		    "not a scale"), d->uri, d->p->name);
	for (i = 0; i < d->nruns; i++)
		if ((rc = read_regs(d, d->runs[i].table, d->runs[i].address,
		    d->runs[i].n, err)) != 0)
			return rc;
	image(d, &img);
	if ((rc = dev_scale_decode(d->p, &img, out, err)) != 0) {
		memset(out, 0, sizeof *out);
		return rc;
	}
	*at_ms = dev_now_ms();
	return 0;
}

/* The value of register index r, read into the image already. */
static uint32_t
reg_value(const struct dev *d, int r)
{
	const struct dev_reg	*g = &d->p->regs[r];
	const uint16_t		*img = g->table == DEV_TABLE_HOLDING ?
				    d->holding : d->input;

	return g->nregs == 2 ? dev_get32(img + g->address, g->words) :
	    dev_get16(img + g->address, g->words);
}

static int
read_reg(struct dev *d, int r, struct wms_err *err)
{
	const struct dev_reg	*g = &d->p->regs[r];

	return read_regs(d, g->table, g->address, (unsigned)g->nregs, err);
}

/* Read the register of flag f and evaluate it into *on. */
static int
read_flag(struct dev *d, const struct dev_flag *f, int *on,
    struct wms_err *err)
{
	struct dev_image	img;
	int			rc;

	if ((rc = read_reg(d, f->field.reg, err)) != 0)
		return rc;
	image(d, &img);
	*on = dev_flag_eval(d->p, f, &img) == 1;
	return 0;
}

int
dev_read_scanner(struct dev *d, char *code, size_t len, uint32_t *seq,
    int *fresh, struct wms_err *err)
{
	const struct dev_scanner *sc = &d->p->scanner;
	const uint16_t		*data;
	uint32_t		 s, n;
	uint16_t		 ack;
	size_t			 i;
	int			 rc, ready;

	*fresh = 0;
	if (len > 0)
		code[0] = '\0';
	if (d->p->kind != DEV_KIND_SCANNER)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s: profile %s is "
		    "not a scanner"), d->uri, d->p->name);
	if (sc->sequence >= 0) {
		if ((rc = read_reg(d, sc->sequence, err)) != 0)
			return rc;
		s = reg_value(d, sc->sequence);
		*seq = s;
		if (s == 0 && d->last_seq != 0 && sc->ack_value < 0) {
			/* EA3600: 0 is a transfer error; 0 back resyncs. */
			if ((rc = write_reg(d, sc->ack_address, 0, err)) != 0)
				return rc;
			d->last_seq = 0;
		}
		if (s == 0 || s == d->last_seq)
			return 0;
	} else {
		if ((rc = read_flag(d, &sc->ready, &ready, err)) != 0)
			return rc;
		*seq = d->ready_count;
		if (!ready)
			return 0;
		s = d->ready_count + 1;
	}
	if ((rc = read_reg(d, sc->length, err)) != 0)
		return rc;
	n = reg_value(d, sc->length);
	if (n > 2u * sc->data_registers || n + 1 > len)
		return wms_err_set(err, WMS_ERR_IO, _("%s: the scanner reports "
		    "a code of %lu bytes, more than %zu"), d->uri,
		    (unsigned long)n, n + 1 > len ? (len ? len - 1 : 0) :
		    2u * (size_t)sc->data_registers);
	if (n > 0 && (rc = read_regs(d, sc->data_table, sc->data_address,
	    (n + 1) / 2, err)) != 0)
		return rc;
	data = (sc->data_table == DEV_TABLE_HOLDING ? d->holding : d->input) +
	    sc->data_address;
	for (i = 0; i < n; i++) {
		uint16_t r = data[i / 2];
		int hi = (i % 2 == 0) != (sc->low_byte_first != 0);

		code[i] = (char)(hi ? r >> 8 : r & 0xff);
	}
	code[n] = '\0';
	ack = sc->ack_value < 0 ? (uint16_t)s : (uint16_t)sc->ack_value;
	if ((rc = write_reg(d, sc->ack_address, ack, err)) != 0) {
		code[0] = '\0';
		return rc;
	}
	if (sc->sequence >= 0)
		d->last_seq = s;
	else
		d->ready_count = s;
	*seq = s;
	*fresh = 1;
	return 0;
}

/* Wait until flag f is on (want 1) or off (want 0), up to the timeout. */
static int
wait_flag(struct dev *d, const struct dev_flag *f, int want,
    const char *name, struct wms_err *err)
{
	int64_t	deadline = dev_now_ms() + d->timeout_ms;
	int	on, rc;

	for (;;) {
		if ((rc = read_flag(d, f, &on, err)) != 0)
			return rc;
		if (on == want)
			return 0;
		if (dev_now_ms() >= deadline)
			return wms_err_set(err, WMS_ERR_IO, want ?
			    _("%s: the device did not acknowledge %s within "
			    "%d ms") : _("%s: the device did not end %s within "
			    "%d ms"), d->uri, name, d->timeout_ms);
		sleep_ms(POLL_MS);
	}
}

static int
read_field(struct dev *d, const struct dev_field *f, uint32_t *v,
    struct wms_err *err)
{
	const struct dev_reg	*g = &d->p->regs[f->reg];
	const uint16_t		*img;
	int			 rc;

	if ((rc = read_reg(d, f->reg, err)) != 0)
		return rc;
	img = (g->table == DEV_TABLE_HOLDING ? d->holding : d->input) +
	    g->address;
	*v = dev_bits_get(img, g->nregs, g->words, f->lo, f->hi);
	return 0;
}

int
dev_command(struct dev *d, enum dev_command_id id, struct wms_err *err)
{
	const struct dev_command *c;
	const char		*name = dev_command_name(id);
	uint32_t		 before = 0, now;
	int64_t			 deadline;
	int			 rc, ok;

	if (d->p->kind != DEV_KIND_SCALE || id >= DEV_COMMAND_COUNT ||
	    !d->p->scale.command[id].present)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s: profile %s has "
		    "no %s command"), d->uri, d->p->name, name);
	c = &d->p->scale.command[id];
	if (c->counter.reg >= 0 &&
	    (rc = read_field(d, &c->counter, &before, err)) != 0)
		return rc;
	if ((rc = write_reg(d, c->address, c->value, err)) != 0)
		return rc;
	if (c->ack.field.reg >= 0 &&
	    (rc = wait_flag(d, &c->ack, 1, name, err)) != 0)
		return rc;
	if (c->release >= 0 &&
	    (rc = write_reg(d, c->address, (uint16_t)c->release, err)) != 0)
		return rc;
	if (c->ack.field.reg >= 0 &&
	    (rc = wait_flag(d, &c->ack, 0, name, err)) != 0)
		return rc;
	if (c->ok.field.reg >= 0) {
		if ((rc = read_flag(d, &c->ok, &ok, err)) != 0)
			return rc;
		if (!ok)
			return wms_err_set(err, WMS_ERR_IO, _("%s: the device "
			    "did not carry out %s"), d->uri, name);
	}
	if (c->counter.reg >= 0) {
		deadline = dev_now_ms() + d->timeout_ms;
		for (;;) {
			if ((rc = read_field(d, &c->counter, &now, err)) != 0)
				return rc;
			if (now != before)
				break;
			if (dev_now_ms() >= deadline)
				return wms_err_set(err, WMS_ERR_IO, _("%s: the "
				    "device did not carry out %s within %d ms"),
				    d->uri, name, d->timeout_ms);
			sleep_ms(POLL_MS);
		}
	}
	return 0;
}
