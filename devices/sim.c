/* A Modbus TCP or RTU simulator: a profile's register image behind libmodbus, with commands and scanner handshakes. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/select.h>
#include <sys/socket.h>

#include <modbus.h>

#include "lib/err.h"
#include "lib/i18n.h"
#include "core/qty.h"
#include "lib/xmalloc.h"
#include "devices/dev.h"
#include "devices/sim.h"

#define SIM_CODES	16
#define SIM_CODE_MAX	256
#define SIM_LINE_MAX	256
#define SIM_STEPS_MAX	10000

/* One step of a script: a weight and a state held for a while. */
struct step {
	int64_t		 ms, gross;
	int		 stable, overload;
};

struct dev_sim {
	const struct dev_profile *p;
	modbus_t	*ctx;
	modbus_mapping_t *map;		/* what clients read */
	modbus_mapping_t *out;		/* writes, when output is separate */
	int		 listen_fd, client_fd, port;
	int		 rtu;		/* client_fd is the serial line */
	pthread_mutex_t	 lock;
	int64_t		 gross, tare;
	int		 stable, overload, underload;
	char		 codes[SIM_CODES][SIM_CODE_MAX];
	int		 ncodes, showing;
	uint32_t	 seq;
	struct step	*steps;		/* the script, or NULL */
	size_t		 nsteps, at;	/* at: the step shown */
	int64_t		 total_ms, started;
};

/* The address range of a table the profile uses. */
struct range {
	unsigned	lo, hi;
	int		used;
};

static void
cover(struct range *r, unsigned a, unsigned n)
{
	if (!r->used || a < r->lo)
		r->lo = a;
	if (!r->used || a + n - 1 > r->hi)
		r->hi = a + n - 1;
	r->used = 1;
}

/* The n registers at a in table t of the image clients read, or NULL. */
static uint16_t *
regs_at(struct dev_sim *s, enum dev_table t, unsigned a, unsigned n)
{
	modbus_mapping_t	*m = s->map;

	if (t == DEV_TABLE_HOLDING) {
		if (a < (unsigned)m->start_registers || a + n >
		    (unsigned)(m->start_registers + m->nb_registers))
			return NULL;
		return m->tab_registers + (a - (unsigned)m->start_registers);
	}
	if (a < (unsigned)m->start_input_registers || a + n >
	    (unsigned)(m->start_input_registers + m->nb_input_registers))
		return NULL;
	return m->tab_input_registers +
	    (a - (unsigned)m->start_input_registers);
}

static uint16_t *
reg_of(struct dev_sim *s, int r)
{
	const struct dev_reg	*g = &s->p->regs[r];

	return regs_at(s, g->table, g->address, (unsigned)g->nregs);
}

/* Put v into bits lo..hi of field f. */
static void
set_field(struct dev_sim *s, const struct dev_field *f, uint32_t v)
{
	const struct dev_reg	*g;
	uint16_t		*r;
	uint32_t		 x, mask;
	unsigned		 width;

	if (f->reg < 0 || (r = reg_of(s, f->reg)) == NULL)
		return;
	g = &s->p->regs[f->reg];
	width = f->hi - f->lo + 1;
	mask = (width >= 32 ? 0xffffffffu : ((uint32_t)1 << width) - 1) <<
	    f->lo;
	x = g->nregs == 2 ? dev_get32(r, g->words) : dev_get16(r, g->words);
	x = (x & ~mask) | ((v << f->lo) & mask);
	if (g->nregs == 2)
		dev_put32(r, g->words, x);
	else
		dev_put16(r, g->words, (uint16_t)x);
}

static uint32_t
get_field(struct dev_sim *s, const struct dev_field *f)
{
	const struct dev_reg	*g;
	uint16_t		*r;

	if (f->reg < 0 || (r = reg_of(s, f->reg)) == NULL)
		return 0;
	g = &s->p->regs[f->reg];
	return dev_bits_get(r, g->nregs, g->words, f->lo, f->hi);
}

/* Make flag f hold (on) or not. */
static void
set_flag(struct dev_sim *s, const struct dev_flag *f, int on)
{
	if (f->field.reg < 0)
		return;
	set_field(s, &f->field, on ? f->want : f->want == 0 ? 1 : 0);
}

/* Encode the scale's state into the image; s->lock held. */
static int
render_scale(struct dev_sim *s, struct wms_err *err)
{
	const struct dev_scale	*sc = &s->p->scale;
	const struct dev_value	*v;
	uint16_t		 regs[DEV_VALUE_COUNT][2], *r;
	int			 neg[DEV_VALUE_COUNT];
	int64_t			 w[DEV_VALUE_COUNT];
	int			 dec = sc->decimals, best = -1, rc;
	size_t			 i, pick = 0;

	if (dec < 0) {
		if (sc->ndecimals_map == 0)
			dec = 3;
		for (i = 0; i < sc->ndecimals_map; i++)
			if (sc->decimals_map[i].decimals == 3 || (best != 3 &&
			    sc->decimals_map[i].decimals > best)) {
				best = sc->decimals_map[i].decimals;
				pick = i;
			}
		if (sc->ndecimals_map > 0)
			dec = best;
	}
	w[DEV_VALUE_GROSS] = s->gross;
	w[DEV_VALUE_NET] = s->gross - s->tare;
	w[DEV_VALUE_TARE] = s->tare;
	for (i = 0; i < DEV_VALUE_COUNT; i++) {
		v = &sc->value[i];
		neg[i] = 0;
		if (v->present && (rc = dev_encode(v->type, v->words,
		    v->decimals >= 0 ? v->decimals : dec, w[i], regs[i],
		    &neg[i], err)) != 0)
			return rc;
	}
	if (sc->decimals < 0)
		set_field(s, &sc->decimals_field, sc->ndecimals_map == 0 ?
		    (uint32_t)dec : sc->decimals_map[pick].key);
	if (sc->unit[0] == '\0') {
		pick = 0;
		for (i = 0; i < sc->nunit_map; i++)
			if (strcmp(sc->unit_map[i].unit, "kg") == 0)
				pick = i;
		set_field(s, &sc->unit_field, sc->unit_map[pick].key);
	}
	set_flag(s, &sc->stable, 0);
	set_flag(s, &sc->overload, 0);
	set_flag(s, &sc->underload, 0);
	set_flag(s, &sc->error, 0);
	set_flag(s, &sc->stable, s->stable);
	if (s->overload)
		set_flag(s, &sc->overload, 1);
	if (s->underload)
		set_flag(s, &sc->underload, 1);
	for (i = 0; i < DEV_VALUE_COUNT; i++) {
		v = &sc->value[i];
		if (!v->present || (r = regs_at(s, v->table, v->address,
		    (unsigned)dev_type_regs(v->type))) == NULL)
			continue;
		memcpy(r, regs[i], sizeof(uint16_t) *
		    (size_t)dev_type_regs(v->type));
		if (dev_type_signed_by_flag(v->type))
			set_flag(s, &v->sign, neg[i]);
	}
	return 0;
}

/* Show the next queued code when none is waiting; s->lock held. */
static void
show_code(struct dev_sim *s)
{
	const struct dev_scanner *sc = &s->p->scanner;
	const struct dev_reg	*g;
	uint16_t		*r, *data;
	size_t			 i, n;

	if (s->showing || s->ncodes == 0)
		return;
	n = strlen(s->codes[0]);
	data = regs_at(s, sc->data_table, sc->data_address,
	    sc->data_registers);
	if (data == NULL || n > 2u * sc->data_registers)
		n = 0;
	for (i = 0; data != NULL && i < n; i++) {
		uint16_t b = (uint8_t)s->codes[0][i];
		int hi = (i % 2 == 0) != (sc->low_byte_first != 0);

		if (hi)
			data[i / 2] = (uint16_t)((data[i / 2] & 0x00ff) |
			    (b << 8));
		else
			data[i / 2] = (uint16_t)((data[i / 2] & 0xff00) | b);
	}
	g = &s->p->regs[sc->length];
	if ((r = reg_of(s, sc->length)) != NULL) {
		if (g->nregs == 2)
			dev_put32(r, g->words, (uint32_t)n);
		else
			dev_put16(r, g->words, (uint16_t)n);
	}
	memmove(s->codes[0], s->codes[1], sizeof s->codes[0] *
	    (size_t)(s->ncodes - 1));
	s->ncodes--;
	s->showing = 1;
	if (sc->sequence >= 0) {
		if (++s->seq == 0 || (s->p->regs[sc->sequence].nregs == 1 &&
		    s->seq > 0xffff))
			s->seq = 1;
		g = &s->p->regs[sc->sequence];
		if ((r = reg_of(s, sc->sequence)) != NULL) {
			if (g->nregs == 2)
				dev_put32(r, g->words, s->seq);
			else
				dev_put16(r, g->words, (uint16_t)s->seq);
		}
	} else
		set_flag(s, &sc->ready, 1);
}

static void
counter_bump(struct dev_sim *s, const struct dev_field *f)
{
	unsigned	width = f->hi - f->lo + 1;
	uint32_t	v = get_field(s, f) + 1;

	if (width < 32)
		v &= ((uint32_t)1 << width) - 1;
	set_field(s, f, v);
}

/* A client wrote v to holding register a; s->lock held. */
static void
written(struct dev_sim *s, unsigned a, uint16_t v)
{
	const struct dev_command *c;
	size_t			 i;

	if (s->p->kind == DEV_KIND_SCANNER) {
		if (a == s->p->scanner.ack_address && s->showing) {
			s->showing = 0;
			if (s->p->scanner.sequence < 0)
				set_flag(s, &s->p->scanner.ready, 0);
			show_code(s);
		}
		return;
	}
	for (i = 0; i < DEV_COMMAND_COUNT; i++) {
		c = &s->p->scale.command[i];
		if (!c->present || c->address != a)
			continue;
		if (v == c->value) {
			if (i == DEV_COMMAND_ZERO) {
				s->gross = 0;
				s->tare = 0;
			} else if (i == DEV_COMMAND_TARE)
				s->tare = s->gross;
			else
				s->tare = 0;
			render_scale(s, NULL);
			set_flag(s, &c->ack, 1);
			set_flag(s, &c->ok, 1);
			if (c->counter.reg >= 0)
				counter_bump(s, &c->counter);
		} else if (c->release >= 0 && v == (uint16_t)c->release)
			set_flag(s, &c->ack, 0);
	}
}

struct dev_sim *
dev_sim_new(const struct dev_profile *p, const char *listen_uri, int unit_id,
    struct wms_err *err)
{
	struct dev_sim		*s;
	struct dev_uri		 u;
	struct range		 h = { 0, 0, 0 }, in = { 0, 0, 0 };
	struct range		*t;
	struct sockaddr_in	 sa;
	socklen_t		 len = sizeof sa;
	size_t			 i;

	if (dev_uri_parse(listen_uri, &u, err) != 0)
		return NULL;
	for (i = 0; i < p->nregs; i++)
		cover(p->regs[i].table == DEV_TABLE_HOLDING ? &h : &in,
		    p->regs[i].address, (unsigned)p->regs[i].nregs);
	if (p->kind == DEV_KIND_SCALE) {
		for (i = 0; i < DEV_VALUE_COUNT; i++)
			if (p->scale.value[i].present)
				cover(p->scale.value[i].table ==
				    DEV_TABLE_HOLDING ? &h : &in,
				    p->scale.value[i].address, (unsigned)
				    dev_type_regs(p->scale.value[i].type));
		for (i = 0; i < DEV_COMMAND_COUNT; i++)
			if (p->scale.command[i].present)
				cover(&h, p->scale.command[i].address, 1);
	} else {
		t = p->scanner.data_table == DEV_TABLE_HOLDING ? &h : &in;
		cover(t, p->scanner.data_address, p->scanner.data_registers);
		cover(&h, p->scanner.ack_address, 1);
	}

	s = xcalloc(1, sizeof *s);
	s->p = p;
	s->listen_fd = s->client_fd = -1;
	s->stable = 1;
	pthread_mutex_init(&s->lock, NULL);
	s->map = modbus_mapping_new_start_address(0, 0, 0, 0, h.lo,
	    h.used ? h.hi - h.lo + 1 : 0, in.lo, in.used ? in.hi - in.lo + 1 :
	    0);
	if (p->separate_output)
		s->out = modbus_mapping_new_start_address(0, 0, 0, 0, h.lo,
		    h.used ? h.hi - h.lo + 1 : 0, 0, 0);
	s->ctx = u.rtu ? modbus_new_rtu(u.device, u.baud, u.parity,
	    u.data_bits, u.stop_bits) : modbus_new_tcp(u.host, u.port);
	if (s->map == NULL || (p->separate_output && s->out == NULL) ||
	    s->ctx == NULL) {
		wms_err_set(err, WMS_ERR_INVALID, "%s: %s", listen_uri,
		    modbus_strerror(errno));
		goto fail;
	}
	modbus_set_slave(s->ctx, unit_id);
	modbus_set_indication_timeout(s->ctx, 1, 0);
	if (u.rtu) {
		/* A serial line has no listening: the sim answers on it. */
		if (modbus_connect(s->ctx) != 0) {
			wms_err_set(err, WMS_ERR_IO, _("%s: cannot open the "
			    "serial line: %s"), listen_uri,
			    modbus_strerror(errno));
			goto fail;
		}
		s->client_fd = modbus_get_socket(s->ctx);
		s->rtu = 1;
		if (p->kind == DEV_KIND_SCALE && render_scale(s, err) != 0)
			goto fail;
		return s;
	}
	if ((s->listen_fd = modbus_tcp_listen(s->ctx, 4)) < 0) {
		wms_err_set(err, WMS_ERR_IO, _("%s: cannot listen: %s"),
		    listen_uri, strerror(errno));
		goto fail;
	}
	if (getsockname(s->listen_fd, (struct sockaddr *)&sa, &len) != 0) {
		wms_err_set(err, WMS_ERR_IO, "%s: %s", listen_uri,
		    strerror(errno));
		goto fail;
	}
	s->port = ntohs(sa.sin_port);
	if (p->kind == DEV_KIND_SCALE && render_scale(s, err) != 0)
		goto fail;
	return s;
fail:
	dev_sim_free(s);
	return NULL;
}

int
dev_sim_port(const struct dev_sim *s)
{
	return s->port;
}

int
dev_sim_set_scale(struct dev_sim *s, int64_t gross, int64_t tare,
    int stable, int overload, int underload, struct wms_err *err)
{
	int64_t	og, ot;
	int	rc;

	if (s->p->kind != DEV_KIND_SCALE)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s is not a "
		    "scale"), s->p->name);
	pthread_mutex_lock(&s->lock);
	og = s->gross;
	ot = s->tare;
	s->gross = gross;
	s->tare = tare;
	s->stable = stable;
	s->overload = overload;
	s->underload = underload;
	if ((rc = render_scale(s, err)) != 0) {
		s->gross = og;
		s->tare = ot;
		render_scale(s, NULL);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

void
dev_sim_get_scale(struct dev_sim *s, int64_t *gross, int64_t *tare)
{
	pthread_mutex_lock(&s->lock);
	if (gross != NULL)
		*gross = s->gross;
	if (tare != NULL)
		*tare = s->tare;
	pthread_mutex_unlock(&s->lock);
}

int
dev_sim_push_code(struct dev_sim *s, const char *code, struct wms_err *err)
{
	size_t	n = strlen(code);
	int	rc = 0;

	if (s->p->kind != DEV_KIND_SCANNER)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s is not a "
		    "scanner"), s->p->name);
	if (n == 0 || n >= SIM_CODE_MAX || n > 2u *
	    s->p->scanner.data_registers)
		return wms_err_set(err, WMS_ERR_INVALID, _("a code of %zu "
		    "bytes does not fit"), n);
	pthread_mutex_lock(&s->lock);
	if (s->ncodes == SIM_CODES)
		rc = wms_err_set(err, WMS_ERR_INVALID, _("%d codes are "
		    "already waiting"), SIM_CODES);
	else {
		memcpy(s->codes[s->ncodes++], code, n + 1);
		show_code(s);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/* Parse one script line into *st; 0 for a step, 1 for nothing, else rc. */
static int
script_line(struct dev_sim *s, const char *path, int lineno, char *line,
    struct step *st, struct wms_err *err)
{
	struct wms_err	 e;
	char		*f[4], *q = line;
	int64_t		 og;
	int		 n = 0, rc;

	line[strcspn(line, "\r\n")] = '\0';
	while (n < 4) {
		q += strspn(q, " \t");
		if (*q == '\0')
			break;
		f[n++] = q;
		q += strcspn(q, " \t");
		if (*q != '\0')
			*q++ = '\0';
	}
	if (n == 0 || f[0][0] == '#')
		return 1;
	if (n < 2 || n > 3)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s:%d: expected "
		    "SECONDS WEIGHT [moving|stable|overload]"), path, lineno);
	if (wms_qty_parse(f[0], 0, &st->ms, &e) != 0 || st->ms < 20 ||
	    st->ms > 86400000)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s:%d: \"%s\" is "
		    "not a number of seconds from 0.02 to 86400"), path, lineno,
		    f[0]);
	if (wms_qty_parse(f[1], WMS_QTY_ZERO | WMS_QTY_SIGNED, &st->gross,
	    &e) != 0)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s:%d: %s"), path,
		    lineno, e.msg);
	st->stable = 1;
	st->overload = 0;
	if (n == 3) {
		if (strcmp(f[2], "moving") == 0)
			st->stable = 0;
		else if (strcmp(f[2], "overload") == 0)
			st->overload = 1;
		else if (strcmp(f[2], "stable") != 0)
			return wms_err_set(err, WMS_ERR_INVALID, _("%s:%d: "
			    "\"%s\": use moving, stable or overload"), path,
			    lineno, f[2]);
	}
	/* The weight must fit the profile: render it once, then undo. */
	pthread_mutex_lock(&s->lock);
	og = s->gross;
	s->gross = st->gross;
	rc = render_scale(s, &e);
	s->gross = og;
	render_scale(s, NULL);
	pthread_mutex_unlock(&s->lock);
	if (rc != 0)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s:%d: %s"), path,
		    lineno, e.msg);
	return 0;
}

/* Show step i of the script; s->lock held. */
static void
script_show(struct dev_sim *s, size_t i)
{
	const struct step	*st = &s->steps[i];

	s->at = i;
	s->gross = st->gross;
	s->stable = st->stable;
	s->overload = st->overload;
	s->underload = 0;
	render_scale(s, NULL);
}

/* Show the step of now; s->lock held. */
static void
script_tick(struct dev_sim *s)
{
	int64_t	t;
	size_t	i;

	if (s->steps == NULL)
		return;
	t = (dev_now_ms() - s->started) % s->total_ms;
	for (i = 0; i + 1 < s->nsteps && t >= s->steps[i].ms; i++)
		t -= s->steps[i].ms;
	if (i != s->at)
		script_show(s, i);
}

int
dev_sim_script(struct dev_sim *s, const char *path, struct wms_err *err)
{
	FILE		*fp;
	char		 line[SIM_LINE_MAX];
	struct step	*steps = NULL, st;
	size_t		 n = 0, cap = 0;
	int64_t		 total = 0;
	int		 lineno = 0, rc = 0;

	if (s->p->kind != DEV_KIND_SCALE)
		return wms_err_set(err, WMS_ERR_INVALID, _("%s is not a "
		    "scale"), s->p->name);
	if ((fp = fopen(path, "r")) == NULL)
		return wms_err_set(err, WMS_ERR_IO, _("%s: cannot read the "
		    "script: %s"), path, strerror(errno));
	while (fgets(line, sizeof line, fp) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(fp)) {
			rc = wms_err_set(err, WMS_ERR_INVALID, _("%s:%d: the "
			    "line is longer than %d bytes"), path, lineno,
			    SIM_LINE_MAX - 2);
			break;
		}
		if ((rc = script_line(s, path, lineno, line, &st, err)) == 1) {
			rc = 0;
			continue;
		}
		if (rc != 0)
			break;
		if (n == SIM_STEPS_MAX) {
			rc = wms_err_set(err, WMS_ERR_INVALID, _("%s:%d: more "
			    "than %d steps"), path, lineno, SIM_STEPS_MAX);
			break;
		}
		steps = xgrow(steps, n, &cap, sizeof *steps);
		steps[n++] = st;
		total += st.ms;
	}
	if (rc == 0 && ferror(fp))
		rc = wms_err_set(err, WMS_ERR_IO, _("%s: cannot read the "
		    "script: %s"), path, strerror(errno));
	fclose(fp);
	if (rc == 0 && n == 0)
		rc = wms_err_set(err, WMS_ERR_INVALID, _("%s: the script has "
		    "no steps (SECONDS WEIGHT [moving|stable|overload] a "
		    "line)"), path);
	if (rc != 0) {
		free(steps);
		return rc;
	}
	pthread_mutex_lock(&s->lock);
	free(s->steps);
	s->steps = steps;
	s->nsteps = n;
	s->total_ms = total;
	s->started = dev_now_ms();
	script_show(s, 0);
	pthread_mutex_unlock(&s->lock);
	return 0;
}

/* Answer the request req of n bytes; s->lock held. */
static void
answer(struct dev_sim *s, const uint8_t *req, int n)
{
	int		 hdr = modbus_get_header_length(s->ctx);
	int		 fc, write;
	unsigned	 a, lo, nb;
	uint16_t	 v = 0;

	fc = n > hdr ? req[hdr] : 0;
	write = (fc == 0x06 && n >= hdr + 5) || (fc == 0x10 && n >= hdr + 8);
	modbus_reply(s->ctx, req, n, write && s->out != NULL ? s->out :
	    s->map);
	if (!write)
		return;
	a = (unsigned)req[hdr + 1] << 8 | req[hdr + 2];
	v = fc == 0x06 ? (uint16_t)(req[hdr + 3] << 8 | req[hdr + 4]) :
	    (uint16_t)(req[hdr + 6] << 8 | req[hdr + 7]);
	lo = (unsigned)s->map->start_registers;
	nb = (unsigned)s->map->nb_registers;
	if (a >= lo && a < lo + nb)
		written(s, a, v);
}

int
dev_sim_serve(struct dev_sim *s, int timeout_ms, struct wms_err *err)
{
	uint8_t		req[MODBUS_TCP_MAX_ADU_LENGTH];
	fd_set		rfds;
	struct timeval	tv;
	int		n, fd, maxfd;

	pthread_mutex_lock(&s->lock);
	script_tick(s);
	pthread_mutex_unlock(&s->lock);
	FD_ZERO(&rfds);
	maxfd = -1;
	if (s->listen_fd >= 0) {
		FD_SET(s->listen_fd, &rfds);
		maxfd = s->listen_fd;
	}
	if (s->client_fd >= 0) {
		FD_SET(s->client_fd, &rfds);
		if (s->client_fd > maxfd)
			maxfd = s->client_fd;
	}
	tv.tv_sec = timeout_ms / 1000;
	tv.tv_usec = (timeout_ms % 1000) * 1000;
	if ((n = select(maxfd + 1, &rfds, NULL, NULL, &tv)) < 0) {
		if (errno == EINTR)
			return 0;
		return wms_err_set(err, WMS_ERR_IO, _("simulator on port %d: "
		    "%s"), s->port, strerror(errno));
	}
	if (n == 0)
		return 0;
	if (s->listen_fd >= 0 && FD_ISSET(s->listen_fd, &rfds)) {
		if ((fd = accept(s->listen_fd, NULL, NULL)) >= 0) {
			if (fd >= FD_SETSIZE) {
				close(fd);
				return 0;
			}
			if (s->client_fd >= 0)
				close(s->client_fd);
			s->client_fd = fd;
		}
		return 0;
	}
	if (s->client_fd >= 0 && FD_ISSET(s->client_fd, &rfds)) {
		if (!s->rtu)
			modbus_set_socket(s->ctx, s->client_fd);
		n = modbus_receive(s->ctx, req);
		if (n > 0) {
			pthread_mutex_lock(&s->lock);
			answer(s, req, n);
			pthread_mutex_unlock(&s->lock);
		} else if (n < 0 && s->rtu) {
			/* A bad frame on the line: drop it, keep the line;
			 * a line hung up reads nothing over and over, so
			 * wait a little rather than spin. */
			modbus_flush(s->ctx);
			nanosleep(&(struct timespec){ 0, 20000000L }, NULL);
		} else if (n < 0) {
			close(s->client_fd);
			s->client_fd = -1;
		}
	}
	return 0;
}

void
dev_sim_free(struct dev_sim *s)
{
	if (s == NULL)
		return;
	if (s->rtu)
		modbus_close(s->ctx);	/* owns the serial line's fd */
	else if (s->client_fd >= 0)
		close(s->client_fd);
	if (s->listen_fd >= 0)
		close(s->listen_fd);
	if (s->ctx != NULL)
		modbus_free(s->ctx);
	modbus_mapping_free(s->map);
	modbus_mapping_free(s->out);
	pthread_mutex_destroy(&s->lock);
	free(s->steps);
	free(s);
}
