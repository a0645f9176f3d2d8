/* Commands of scales and scanners: configure, read, watch, zero, tare, sim. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "cmd/cmd.h"
#include "lib/csv.h"
#include "devices/registry.h"
#include "core/qty.h"
#include "core/wms.h"
#include "lib/xmalloc.h"
#include "devices/dev.h"
#include "devices/find.h"
#include "devices/sim.h"

struct device_args {
	struct dev_registry_entry	 d;
	const char		*format, *listen, *weight, *tare, *codes;
	const char		*script;
	long			 interval, count, seconds;
	int			 have_unit, have_timeout;
};

static int
device_long(struct cmd_ctx *c, const char *opt, const char *s, long lo,
    long hi, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || end == s || *out < lo || *out > hi)
		return cmd_usage(c, _("--%s takes a whole number from %ld to "
		    "%ld"), opt, lo, hi);
	return CMD_OK;
}

/* A value for a fixed field of struct dev_registry_entry: refused, never cut. */
static int
device_field(struct cmd_ctx *c, const char *opt, const char *v, char *field,
    size_t size)
{
	int rc;

	if ((rc = cmd_fits(c, opt, v, size)) != CMD_OK)
		return rc;
	snprintf(field, size, "%s", v);
	return CMD_OK;
}

/* -1 when the options are read, else an exit status. */
static int
device_parse(struct cmd_ctx *c, const struct wms_args *args,
    struct device_args *a)
{
	const char	*v;
	long		 n;
	int		 i, rc;

	memset(a, 0, sizeof *a);
	a->d.unit_id = DEV_UNIT_ID_DEFAULT;
	a->d.timeout_ms = DEV_TIMEOUT_MS_DEFAULT;
	a->interval = 200;
	a->count = -1;
	a->seconds = 0;
	for (i = 0; i < args->nopts; i++) {
		v = args->opts[i].value;
		rc = CMD_OK;
		switch (args->opts[i].key) {
		case 'k':
			rc = device_field(c, "--kind", v, a->d.kind,
			    sizeof a->d.kind);
			break;
		case 'u':
			rc = device_field(c, "--uri", v, a->d.uri,
			    sizeof a->d.uri);
			break;
		case 'n':
			rc = device_long(c, "unit", v, 0, 247, &n);
			a->d.unit_id = (int)n;
			a->have_unit = 1;
			break;
		case 'p':
			rc = device_field(c, "--profile", v, a->d.profile,
			    sizeof a->d.profile);
			break;
		case 's':
			rc = device_field(c, "--station", v, a->d.station,
			    sizeof a->d.station);
			break;
		case 't':
			rc = device_long(c, "timeout", v, 50, 60000, &n);
			a->d.timeout_ms = (int)n;
			a->have_timeout = 1;
			break;
		case 'f': a->format = v; break;
		case 'i':
			rc = device_long(c, "interval", v, 20, 60000,
			    &a->interval);
			break;
		case 'c':
			rc = device_long(c, "count", v, 1, 100000000,
			    &a->count);
			break;
		case 'S':
			rc = device_long(c, "seconds", v, 1, 31536000,
			    &a->seconds);
			break;
		case 'l': a->listen = v; break;
		case 'w': a->weight = v; break;
		case 'T': a->tare = v; break;
		case 'C': a->codes = v; break;
		case 'X': a->script = v; break;
		}
		if (rc != CMD_OK)
			return rc;
	}
	if (a->format != NULL && strcmp(a->format, "table") != 0 &&
	    strcmp(a->format, "json") != 0)
		return cmd_usage(c, _("unknown format \"%s\": table or json"),
		    a->format);
	return -1;
}

/* The profile and its kind must agree with what the device is said to be. */
static struct dev_profile *
device_profile(const char *name, const char *kind, struct wms_err *err)
{
	struct dev_profile *p;

	if ((p = dev_profile_find(name, err)) == NULL)
		return NULL;
	if (kind != NULL && *kind != '\0' &&
	    (strcmp(kind, "scale") == 0) != (p->kind == DEV_KIND_SCALE)) {
		wms_err_set(err, WMS_ERR_INVALID,
		    _("profile %s is for a %s, not a %s"), name,
		    p->kind == DEV_KIND_SCALE ? "scale" : "scanner", kind);
		dev_profile_free(p);
		return NULL;
	}
	return p;
}

static int
cmd_device_add(struct cmd_ctx *c, const struct wms_args *args)
{
	struct device_args	 a;
	struct dev_profile	*p;
	struct dev_uri		 u;
	struct wms_err		 err;
	int			 rc;

	if ((rc = device_parse(c, args, &a)) != -1)
		return rc;
	if (args->nargs != 1 || *a.d.kind == '\0' || *a.d.uri == '\0' ||
	    *a.d.profile == '\0')
		return cmd_usage(c, _("give NAME, --kind, --uri and --profile"));
	if ((rc = device_field(c, _("the NAME"), args->args[0], a.d.name,
	    sizeof a.d.name)) != CMD_OK)
		return rc;
	if (strcmp(a.d.kind, "scale") != 0 && strcmp(a.d.kind, "scanner") != 0)
		return cmd_usage(c, _("--kind takes scale or scanner"));
	if (dev_uri_parse(a.d.uri, &u, &err) != 0 ||
	    (p = device_profile(a.d.profile, a.d.kind, &err)) == NULL)
		return cmd_fail(&err);
	dev_profile_free(p);
	if (dev_registry_add(c->w, &a.d, &err) != 0)
		return cmd_fail(&err);
	printf(_("%s %s added: %s unit %d, profile %s\n"), a.d.kind, a.d.name,
	    a.d.uri, a.d.unit_id, a.d.profile);
	return CMD_OK;
}

static int
device_list_row(const struct dev_registry_entry *d, void *arg)
{
	struct report *r = arg;

	report_row(r);
	report_str(r, 0, d->name);
	report_str(r, 1, d->kind);
	report_str(r, 2, d->station);
	report_str(r, 3, d->uri);
	report_num(r, 4, d->unit_id);
	report_str(r, 5, d->profile);
	report_num(r, 6, d->timeout_ms);
	return 0;
}

static int
cmd_device_list(struct cmd_ctx *c, const struct wms_args *args)
{
	static const struct report_col cols[] = {
		{ .key = "name", .title = N_("Device"), .type = REPORT_STR },
		{ .key = "kind", .title = N_("Kind"), .type = REPORT_STR },
		{ .key = "station", .title = N_("Station"), .type = REPORT_STR },
		{ .key = "uri", .title = N_("Address"), .type = REPORT_STR },
		{ .key = "unit", .title = N_("Unit id"), .type = REPORT_INT },
		{ .key = "profile", .title = N_("Profile"), .type = REPORT_STR },
		{ .key = "timeout_ms", .title = N_("Timeout (ms)"),
		    .type = REPORT_INT },
	};
	struct device_args	 a;
	struct report		*r;
	struct wms_err		 err;
	int			 rc;

	if ((rc = device_parse(c, args, &a)) != -1)
		return rc;
	if (args->nargs != 0)
		return cmd_usage(c, _("unexpected argument %s"), args->args[0]);
	r = report_new(cols, 7);
	if (dev_registry_each(c->w, *a.d.station ? a.d.station : NULL,
	    device_list_row, r, &err) != 0) {
		report_free(r);
		return cmd_fail(&err);
	}
	return cmd_report(c, r, a.format);
}

static int
cmd_device_remove(struct cmd_ctx *c, const struct wms_args *args)
{
	struct wms_err err;

	if (args->nargs != 1)
		return cmd_usage(c, _("give the device NAME"));
	if (dev_registry_remove(c->w, args->args[0], &err) != 0)
		return cmd_fail(&err);
	printf(_("device %s removed\n"), args->args[0]);
	return CMD_OK;
}

/*
 * The device named by the one argument (configured), or given by
 * --profile, --uri and --unit; opened, no I/O yet.
 */
static struct dev *
device_open(struct cmd_ctx *c, const struct wms_args *args,
    struct device_args *a, struct dev_profile **pp, struct wms_err *err)
{
	struct dev_registry_entry	 d;
	struct dev		*dev;

	*pp = NULL;
	if (args->nargs == 1) {
		if (dev_registry_get(c->w, args->args[0], &d, err) != 0)
			return NULL;
		if (*a->d.uri == '\0')
			snprintf(a->d.uri, sizeof a->d.uri, "%s", d.uri);
		if (*a->d.profile == '\0')
			snprintf(a->d.profile, sizeof a->d.profile, "%s",
			    d.profile);
		if (!a->have_unit)
			a->d.unit_id = d.unit_id;
		if (!a->have_timeout)
			a->d.timeout_ms = d.timeout_ms;
	} else if (args->nargs != 0 || *a->d.uri == '\0' ||
	    *a->d.profile == '\0') {
		wms_err_set(err, WMS_ERR_USAGE,
		    _("give a device NAME, or --profile and --uri"));
		return NULL;
	}
	if ((*pp = device_profile(a->d.profile, NULL, err)) == NULL)
		return NULL;
	dev = dev_open(*pp, a->d.uri, a->d.unit_id, a->d.timeout_ms, err);
	if (dev == NULL) {
		dev_profile_free(*pp);
		*pp = NULL;
	}
	return dev;
}

static volatile sig_atomic_t device_stop;

static void
device_on_signal(int sig)
{
	(void)sig;
	device_stop = 1;
}

/* Print a scale reading as the issue fixes it, or a line for people. */
static void
device_print_scale(const struct dev_reading *r, int json, int64_t age)
{
	char g[32], n[32], t[32];

	wms_qty_fmt(r->gross, g, sizeof g);
	wms_qty_fmt(r->net, n, sizeof n);
	wms_qty_fmt(r->tare, t, sizeof t);
	if (json)
		printf("{\"gross\":%s, \"net\":%s, \"tare\":%s, \"unit\":\"%s\", "
		    "\"stable\":%s, \"overload\":%s, \"underload\":%s}\n", g,
		    n, t, r->unit, r->stable ? "true" : "false",
		    r->overload ? "true" : "false",
		    r->underload ? "true" : "false");
	else
		printf(_("gross %s  net %s  tare %s %s  %s%s%s  (%lld ms old)\n"),
		    g, n, t, r->unit, r->stable ? _("stable") : _("moving"),
		    r->overload ? _("  OVERLOAD") : "",
		    r->underload ? _("  UNDERLOAD") : "", (long long)age);
	fflush(stdout);
}

static void
device_print_scan(const char *code, uint32_t seq, int json)
{
	json_t	*s;
	char	*text;

	if (json) {
		s = json_string(code);
		text = s != NULL ? json_dumps(s, JSON_ENCODE_ANY) :
		    xstrdup("\"\"");
		printf("{\"data\":%s,\"seq\":%lu}\n", text, (unsigned long)seq);
		free(text);
		json_decref(s);
	} else
		printf("%lu  %s\n", (unsigned long)seq, code);
	fflush(stdout);
}

/* Read once (read) or until stopped (watch), printing what changed. */
static int
device_read(struct cmd_ctx *c, const struct wms_args *args, int watch)
{
	struct device_args	 a;
	struct dev_profile	*p = NULL;
	struct dev_reading	 r, last;
	struct dev		*dev;
	struct wms_err		 err;
	struct timespec		 pause;
	char			 code[256];
	uint32_t		 seq;
	int64_t			 at;
	int			 rc, json, fresh, n = 0, have = 0;

	if ((rc = device_parse(c, args, &a)) != -1)
		return rc;
	if ((dev = device_open(c, args, &a, &p, &err)) == NULL)
		return err.rc == WMS_ERR_USAGE ? cmd_usage(c, "%s", err.msg) :
		    cmd_fail(&err);
	json = a.format != NULL && strcmp(a.format, "json") == 0;
	signal(SIGINT, device_on_signal);
	signal(SIGTERM, device_on_signal);
	pause.tv_sec = a.interval / 1000;
	pause.tv_nsec = (a.interval % 1000) * 1000000L;
	rc = CMD_OK;
	memset(&last, 0, sizeof last);
	while (!device_stop) {
		if (p->kind == DEV_KIND_SCALE) {
			if (dev_read_scale(dev, &r, &at, &err) != 0)
				goto failed;
			if (!watch || !have || memcmp(&r, &last, sizeof r) != 0)
				device_print_scale(&r, json, dev_now_ms() - at);
			last = r;
			have = 1;
		} else {
			if (dev_read_scanner(dev, code, sizeof code, &seq,
			    &fresh, &err) != 0)
				goto failed;
			if (!watch || fresh)
				device_print_scan(fresh ? code : "", seq, json);
		}
		if (!watch || (a.count > 0 && ++n >= a.count))
			break;
		nanosleep(&pause, NULL);
		continue;
failed:
		/* A read fails: said once, and watch goes on reconnecting. */
		if (!watch) {
			rc = cmd_fail(&err);
			break;
		}
		fprintf(stderr, "makhzan: %s\n", err.msg);
		have = 0;
		if (a.count > 0 && ++n >= a.count) {
			rc = CMD_FAIL;
			break;
		}
		nanosleep(&pause, NULL);
	}
	dev_close(dev);
	dev_profile_free(p);
	return rc;
}

static int
cmd_device_read(struct cmd_ctx *c, const struct wms_args *a)
{
	return device_read(c, a, 0);
}

static int
cmd_device_watch(struct cmd_ctx *c, const struct wms_args *a)
{
	return device_read(c, a, 1);
}

static int
device_command(struct cmd_ctx *c, const struct wms_args *args,
    enum dev_command_id id)
{
	struct device_args	 a;
	struct dev_profile	*p = NULL;
	struct dev		*dev;
	struct wms_err		 err;
	int			 rc;

	if ((rc = device_parse(c, args, &a)) != -1)
		return rc;
	if (wms_require(c->w, WMS_PERM_POST, &err) != 0)
		return cmd_fail(&err);
	if ((dev = device_open(c, args, &a, &p, &err)) == NULL)
		return err.rc == WMS_ERR_USAGE ? cmd_usage(c, "%s", err.msg) :
		    cmd_fail(&err);
	rc = dev_command(dev, id, &err) != 0 ? cmd_fail(&err) : CMD_OK;
	if (rc == CMD_OK)
		printf(_("%s: %s done\n"), dev_uri_text(dev),
		    dev_command_name(id));
	dev_close(dev);
	dev_profile_free(p);
	return rc;
}

static int
cmd_device_zero(struct cmd_ctx *c, const struct wms_args *a)
{
	return device_command(c, a, DEV_COMMAND_ZERO);
}

static int
cmd_device_tare(struct cmd_ctx *c, const struct wms_args *a)
{
	return device_command(c, a, DEV_COMMAND_TARE);
}

/*
 * Keys for a simulator run on a terminal: the trainer changes the weight
 * or scans a code by hand.  The terminal is put back on every way out.
 */
static struct termios	sim_tty;
static int		sim_tty_raw;

static void
sim_keys_restore(void)
{
	if (sim_tty_raw) {
		tcsetattr(STDIN_FILENO, TCSANOW, &sim_tty);
		sim_tty_raw = 0;
	}
}

/* Raw keys without echo when stdin is a terminal; 1 when it is. */
static int
sim_keys_start(int scanner)
{
	struct termios	raw;

	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &sim_tty) != 0)
		return 0;
	raw = sim_tty;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) != 0)
		return 0;
	sim_tty_raw = 1;
	atexit(sim_keys_restore);
	if (scanner)
		printf("%s\n", _("Type a code and Enter to scan it."));
	else
		printf("%s\n", _("Keys: type a weight and Enter; + and - add "
		    "or take 1; m moving/stable; o overload; t tare; z zero; "
		    "q quit."));
	fflush(stdout);
	return 1;
}

/* What the simulated scale shows, on one line that is rewritten. */
static void
sim_keys_show(struct dev_sim *sim, int stable, int overload)
{
	char	g[32], t[32];
	int64_t	gross, tare;

	dev_sim_get_scale(sim, &gross, &tare);
	wms_qty_fmt(gross, g, sizeof g);
	wms_qty_fmt(tare, t, sizeof t);
	printf("\r%s %s  %s %s  %s\033[K", _("gross"), g, _("tare"), t,
	    overload ? _("overload") : stable ? _("stable") : _("moving"));
	fflush(stdout);
}

/*
 * Read the keys waiting; 1 when q asks to stop.  line gathers a typed
 * weight or code until Enter.
 */
static int
sim_keys_read(struct dev_sim *sim, int scanner, char *line, size_t len,
    int *stable, int *overload)
{
	struct wms_err	err;
	int64_t		gross, tare, w;
	size_t		n;
	char		c;
	int		change;

	while (read(STDIN_FILENO, &c, 1) == 1) {
		n = strlen(line);
		if (c == '\n' || c == '\r') {
			if (n == 0)
				continue;
			if (scanner && dev_sim_push_code(sim, line, &err) != 0)
				printf("\n%s\n", err.msg);
			else if (scanner)
				printf(_("scanned %s\n"), line);
			else if (wms_qty_parse(line, WMS_QTY_ZERO |
			    WMS_QTY_SIGNED, &w, &err) != 0)
				printf("\n%s\n", err.msg);
			else {
				dev_sim_get_scale(sim, NULL, &tare);
				if (dev_sim_set_scale(sim, w, tare, *stable,
				    *overload, 0, &err) != 0)
					printf("\n%s\n", err.msg);
			}
			line[0] = '\0';
		} else if (scanner || strchr("0123456789.-", c) != NULL) {
			if (c == '-' && !scanner && n == 0)
				goto key;
			if (n + 1 < len && (unsigned char)c >= 0x20) {
				line[n] = c;
				line[n + 1] = '\0';
			}
		} else {
key:
			dev_sim_get_scale(sim, &gross, &tare);
			change = 1;
			switch (c) {
			case '+': gross += 1000; break;
			case '-': gross -= 1000; break;
			case 'm': *stable = !*stable; break;
			case 'o': *overload = !*overload; break;
			case 't': tare = gross; break;
			case 'z': gross = tare = 0; break;
			case 'q': return 1;
			default: change = 0; break;
			}
			if (change && dev_sim_set_scale(sim, gross, tare,
			    *stable, *overload, 0, &err) != 0)
				printf("\n%s\n", err.msg);
		}
		if (!scanner)
			sim_keys_show(sim, *stable, *overload);
	}
	return 0;
}

/* Serve until a signal or --seconds; scanners get a code every interval. */
static int
device_sim(struct cmd_ctx *c, const struct wms_args *args, int scanner)
{
	struct device_args	 a;
	struct dev_profile	*p;
	struct dev_sim		*sim;
	struct wms_csv		*csv = NULL;
	struct wms_err		 err;
	int64_t			 gross = 0, tare = 0, start, next;
	char			 line[256] = "";
	int			 rc, keys, stable = 1, overload = 0;

	if ((rc = device_parse(c, args, &a)) != -1)
		return rc;
	if (args->nargs != 0 || *a.d.profile == '\0' || a.listen == NULL)
		return cmd_usage(c, _("give --profile and --listen "
		    "tcp://127.0.0.1:PORT or rtu:PTY"));
	if (scanner && a.codes == NULL && !isatty(STDIN_FILENO))
		return cmd_usage(c, _("give --codes FILE (one code a line), "
		    "or run it on a terminal and type the codes"));
	if ((a.weight != NULL && wms_qty_parse(a.weight, WMS_QTY_ZERO |
	    WMS_QTY_SIGNED, &gross, &err) != 0) || (a.tare != NULL &&
	    wms_qty_parse(a.tare, WMS_QTY_ZERO, &tare, &err) != 0))
		return cmd_fail(&err);
	if ((p = device_profile(a.d.profile, scanner ? "scanner" : "scale",
	    &err)) == NULL)
		return cmd_fail(&err);
	if ((sim = dev_sim_new(p, a.listen, a.d.unit_id, &err)) == NULL) {
		dev_profile_free(p);
		return cmd_fail(&err);
	}
	if (!scanner && dev_sim_set_scale(sim, gross, tare, 1, 0, 0,
	    &err) != 0)
		goto fail;
	if (a.script != NULL && dev_sim_script(sim, a.script, &err) != 0)
		goto fail;
	if (scanner && a.codes != NULL &&
	    (csv = wms_csv_open(a.codes, &err)) == NULL)
		goto fail;
	if (dev_sim_port(sim) != 0)
		printf(_("simulated %s %s listening on port %d (Ctrl-C stops "
		    "it)\n"), scanner ? "scanner" : "scale", p->name,
		    dev_sim_port(sim));
	else
		printf(_("simulated %s %s answering on %s (Ctrl-C stops it)\n"),
		    scanner ? "scanner" : "scale", p->name, a.listen);
	fflush(stdout);
	/* Keys change what a script would overwrite: not both. */
	keys = a.script == NULL && sim_keys_start(scanner);
	if (keys && !scanner)
		sim_keys_show(sim, stable, overload);
	signal(SIGINT, device_on_signal);
	signal(SIGTERM, device_on_signal);
	start = next = dev_now_ms();
	while (!device_stop && (a.seconds == 0 ||
	    dev_now_ms() - start < a.seconds * 1000)) {
		if (dev_sim_serve(sim, 50, &err) != 0)
			goto fail;
		if (keys && sim_keys_read(sim, scanner, line, sizeof line,
		    &stable, &overload))
			break;
		if (scanner && csv != NULL && dev_now_ms() >= next) {
			/* One code a line, the first field; rewound at EOF. */
			if ((rc = wms_csv_next(csv, &err)) == 0) {
				wms_csv_close(csv);
				if ((csv = wms_csv_open(a.codes, &err)) == NULL)
					goto fail;
				rc = wms_csv_next(csv, &err);
			}
			if (rc < 0)
				goto fail;
			if (rc == 1 && dev_sim_push_code(sim, wms_csv_field(csv,
			    0), &err) != 0)
				goto fail;
			next = dev_now_ms() + (a.interval < 1000 ? 2000 :
			    a.interval);
		}
	}
	sim_keys_restore();
	wms_csv_close(csv);
	dev_sim_free(sim);
	dev_profile_free(p);
	return CMD_OK;
fail:
	sim_keys_restore();
	wms_csv_close(csv);
	dev_sim_free(sim);
	dev_profile_free(p);
	return cmd_fail(&err);
}

static int
cmd_sim_scale(struct cmd_ctx *c, const struct wms_args *a)
{
	return device_sim(c, a, 0);
}

static int
cmd_sim_scanner(struct cmd_ctx *c, const struct wms_args *a)
{
	return device_sim(c, a, 1);
}

#define DB_LOGIN	(CMD_NEEDS_DB | CMD_LOGIN)

/* The options of the device commands; a table per command. */
#define OPT_KIND	{ .name = "kind", .key = 'k', .flags = WMS_OPT_VALUE }
#define OPT_URI		{ .name = "uri", .key = 'u', .flags = WMS_OPT_VALUE }
#define OPT_UNIT	{ .name = "unit", .key = 'n', .flags = WMS_OPT_VALUE }
#define OPT_PROFILE	{ .name = "profile", .key = 'p', \
			  .flags = WMS_OPT_VALUE }
#define OPT_STATION	{ .name = "station", .key = 's', \
			  .flags = WMS_OPT_VALUE }
#define OPT_TIMEOUT	{ .name = "timeout", .key = 't', \
			  .flags = WMS_OPT_VALUE }
#define OPT_INTERVAL	{ .name = "interval", .key = 'i', \
			  .flags = WMS_OPT_VALUE }
#define OPT_COUNT	{ .name = "count", .key = 'c', .flags = WMS_OPT_VALUE }
#define OPT_LISTEN	{ .name = "listen", .key = 'l', \
			  .flags = WMS_OPT_VALUE }
#define OPT_WEIGHT	{ .name = "weight", .key = 'w', \
			  .flags = WMS_OPT_VALUE }
#define OPT_TARE	{ .name = "tare", .key = 'T', .flags = WMS_OPT_VALUE }
#define OPT_CODES	{ .name = "codes", .key = 'C', .flags = WMS_OPT_VALUE }
#define OPT_SECONDS	{ .name = "seconds", .key = 'S', \
			  .flags = WMS_OPT_VALUE }
#define OPT_SCRIPT	{ .name = "script", .key = 'X', \
			  .flags = WMS_OPT_VALUE }
#define OPT_END		{ .name = NULL }

static const struct wms_opt device_add_opts[] = {
	OPT_KIND, OPT_URI, OPT_UNIT, OPT_PROFILE, OPT_STATION, OPT_TIMEOUT,
	OPT_END
};

static const struct wms_opt device_list_opts[] = {
	OPT_STATION, CMD_OPT_FORMAT, OPT_END
};

static const struct wms_opt device_read_opts[] = {
	OPT_URI, OPT_PROFILE, OPT_UNIT, OPT_TIMEOUT, CMD_OPT_FORMAT, OPT_END
};

static const struct wms_opt device_watch_opts[] = {
	OPT_URI, OPT_PROFILE, OPT_UNIT, OPT_TIMEOUT, CMD_OPT_FORMAT,
	OPT_INTERVAL, OPT_COUNT, OPT_END
};

/* zero and tare. */
static const struct wms_opt device_command_opts[] = {
	OPT_URI, OPT_PROFILE, OPT_UNIT, OPT_TIMEOUT, OPT_END
};

static const struct wms_opt sim_scale_opts[] = {
	OPT_PROFILE, OPT_LISTEN, OPT_UNIT, OPT_WEIGHT, OPT_TARE, OPT_SECONDS,
	OPT_SCRIPT, OPT_END
};

static const struct wms_opt sim_scanner_opts[] = {
	OPT_PROFILE, OPT_LISTEN, OPT_UNIT, OPT_CODES, OPT_INTERVAL,
	OPT_SECONDS, OPT_END
};

const struct cmd_entry cmd_device_add_entry = {
	.group = "device",
	.name = "add",
	.usage = "NAME --kind scale|scanner "
	    "--uri tcp://HOST:PORT|rtu:DEV?baud=9600... --profile P "
	    "[--unit ID] [--station S] [--timeout MS]",
	.summary = N_("Configure a scale or a scanner for a station; admins."),
	.opts = device_add_opts,
	.flags = DB_LOGIN,
	.exec = cmd_device_add,
};

const struct cmd_entry cmd_device_list_entry = {
	.group = "device",
	.name = "list",
	.usage = "[--station S] [--format table|csv|json]",
	.summary = N_("List the configured devices."),
	.opts = device_list_opts,
	.flags = DB_LOGIN,
	.exec = cmd_device_list,
};

const struct cmd_entry cmd_device_remove_entry = {
	.group = "device",
	.name = "remove",
	.usage = "NAME",
	.summary = N_("Remove a configured device; admins."),
	.opts = NULL,
	.flags = DB_LOGIN,
	.exec = cmd_device_remove,
};

const struct cmd_entry cmd_device_read_entry = {
	.group = "device",
	.name = "read",
	.usage = "NAME | --profile P --uri U [--unit ID] [--format table|json]",
	.summary = N_("Print one reading of a scale or a scanner."),
	.opts = device_read_opts,
	.flags = DB_LOGIN,
	.exec = cmd_device_read,
};

const struct cmd_entry cmd_device_watch_entry = {
	.group = "device",
	.name = "watch",
	.usage = "NAME | --profile P --uri U [--interval MS] [--count N] "
	    "[--format json]",
	.summary = N_("Print readings as they change, until Ctrl-C."),
	.opts = device_watch_opts,
	.flags = DB_LOGIN,
	.exec = cmd_device_watch,
};

const struct cmd_entry cmd_device_zero_entry = {
	.group = "device",
	.name = "zero",
	.usage = "NAME | --profile P --uri U",
	.summary = N_("Zero a scale."),
	.opts = device_command_opts,
	.flags = DB_LOGIN,
	.exec = cmd_device_zero,
};

const struct cmd_entry cmd_device_tare_entry = {
	.group = "device",
	.name = "tare",
	.usage = "NAME | --profile P --uri U",
	.summary = N_("Tare a scale."),
	.opts = device_command_opts,
	.flags = DB_LOGIN,
	.exec = cmd_device_tare,
};

const struct cmd_entry cmd_sim_scale_entry = {
	.group = "sim",
	.name = "scale",
	.usage = "--profile P --listen tcp://127.0.0.1:PORT|rtu:PTY "
	    "[--weight W] [--tare T] [--unit ID] [--seconds N] [--script FILE]",
	.summary = N_("Simulate a Modbus scale for demos, tests and training; "
	    "on a terminal, keys change the weight."),
	.opts = sim_scale_opts,
	.flags = 0,
	.exec = cmd_sim_scale,
};

const struct cmd_entry cmd_sim_scanner_entry = {
	.group = "sim",
	.name = "scanner",
	.usage = "--profile P --listen tcp://127.0.0.1:PORT|rtu:PTY "
	    "[--codes FILE] [--interval MS] [--seconds N]",
	.summary = N_("Simulate a fixed Modbus scanner reading the codes of a "
	    "file, or the codes typed on its terminal."),
	.opts = sim_scanner_opts,
	.flags = 0,
	.exec = cmd_sim_scanner,
};
