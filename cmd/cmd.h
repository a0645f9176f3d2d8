/* The command table and what every command shares. */
#ifndef CMD_H
#define CMD_H

#include <stdio.h>

#include "lib/opt.h"
#include "lib/err.h"
#include "lib/i18n.h"
#include "reports/report.h"

struct wms;
struct wms_config;
struct bus_key;

/* Exit statuses: 0 done, 1 refused or failed, 2 usage. */
#define CMD_OK		0
#define CMD_FAIL	1
#define CMD_USAGE	2

/* Flags of a command entry: what the dispatcher does before exec. */
#define CMD_NEEDS_DB	0x1	/* open the database */
#define CMD_LOGIN	0x2	/* and log the user in */
#define CMD_CENTRAL	0x4	/* takes --central: then neither of those */

struct cmd_ctx {
	const char	*db_path;
	int		 db_given;	/* --db or $MAKHZAN_DB */
	const char	*user;
	const char	*password_file;
	const char	*lang;
	const char	*station;	/* [makhzan] station, or NULL */
	const char	*bidi;		/* [makhzan] bidi, or NULL */
	const char	*printer;	/* [makhzan] printer, or NULL */
	const char	*central;	/* --central CONNINFO, or NULL */
	const struct wms_config *conf;	/* every setting of makhzan.ini */
	struct wms	*w;
	const struct cmd_entry *entry;
};

/*
 * One command.  The dispatcher reads the words after the name against
 * opts, the global options and --help before it opens anything, so exec
 * only sees a command line that parsed.
 */
struct cmd_entry {
	const char	*group;		/* "item", or NULL for a top command */
	const char	*name;		/* "add" */
	const char	*usage;		/* arguments after the name */
	const char	*summary;	/* one line, translated at print */
	const struct wms_opt *opts;	/* the options it takes, or NULL */
	int		 flags;
	int		 (*exec)(struct cmd_ctx *, const struct wms_args *);
	/* More for --help after the usage and summary, or NULL. */
	void		 (*help)(struct cmd_ctx *);
};

/* The option every listing takes. */
#define CMD_OPT_FORMAT \
	{ .name = "format", .key = 'f', .flags = WMS_OPT_VALUE }

extern const struct cmd_entry *const cmd_table[];

/* Print "makhzan: message" on stderr and return the exit status for rc. */
int	cmd_fail(const struct wms_err *err);
/*
 * Log the user of c in: by the terminal's session (makhzan login) when no
 * password is given ($MAKHZAN_PASSWORD, --password-file) and one is live,
 * else by the password.  password_only: never by a session.  0, or err.
 */
int	cmd_login_user(struct cmd_ctx *c, int password_only,
	    struct wms_err *err);
/*
 * s made safe to print in a message (wms_text_escape into buf, n bytes):
 * control bytes and invalid UTF-8 escaped, one line.  Returns buf.
 */
const char *cmd_quote(const char *s, char *buf, size_t n);
/* Print a usage error for the current command and return CMD_USAGE. */
int	cmd_usage(struct cmd_ctx *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Print the command's usage and summary on stdout; CMD_OK. */
int	cmd_help(struct cmd_ctx *);
/* Exit status for a wms_rc. */
int	cmd_status(int rc);

/*
 * A listing of wms_master_list's `what` ("depots", "users") with columns
 * cols: takes --format and, where the command table allows it, --depot.
 */
int	cmd_master_list(struct cmd_ctx *, const struct wms_args *,
	    const char *what, const struct report_col *cols, int ncols);

/*
 * CODE --name-ar TEXT --name-en TEXT (a depot, a cost centre): add() it.
 * CMD_OK when added; else the usage error or the failure, printed.
 */
int	cmd_named_add(struct cmd_ctx *, const struct wms_args *,
	    int (*add)(struct wms *, const char *code, const char *name_ar,
	    const char *name_en, struct wms_err *));

/*
 * The end of a command that prints a report: rc is what making or filling
 * *r returned.  0: *r printed in format, as cmd_report does; else *r (if
 * any) freed and err printed, as cmd_fail does.
 */
int	cmd_report_out(struct cmd_ctx *, int rc, struct report **r,
	    const struct wms_err *err, const char *format);

/*
 * A value no longer than size - 1 bytes, for a fixed field: else a usage
 * error naming the option (what), rather than a silent cut.
 */
int	cmd_fits(struct cmd_ctx *, const char *what, const char *value,
	    size_t size);

/* The password for user: $MAKHZAN_PASSWORD, --password-file, or a prompt. */
char	*cmd_password(struct cmd_ctx *, const char *prompt, struct wms_err *);

/* Print a report in the chosen format; CMD_USAGE for an unknown format. */
int	cmd_report(struct cmd_ctx *, struct report *, const char *format);

/* Create the folders above a file (mode 0700) that are missing. */
int	cmd_mkdir_for(const char *path, struct wms_err *err);

/*
 * The site's signing key: its path (sign_key in [bus], else the database's
 * path + ".key"; the caller frees it), and a new one made there (folders
 * made as needed; an existing file is refused).
 */
char	*cmd_key_path(const struct cmd_ctx *);
int	 cmd_key_make(const char *path, const char *site, struct bus_key *k,
	    struct wms_err *err);

/* Parse a quantity argument (thousandths); prints and returns status. */
int	cmd_qty(const char *s, int flags, int64_t *out);

/* A transfer's header, as the store lists it (cmd-transfer.c). */
struct cmd_transfer {
	char	number[48];
	char	from[32], to[32];	/* depot codes */
	char	status[16];
	char	shipped_at[32];		/* UTC, ISO 8601 */
};

/*
 * Every transfer, or (pending) those with stock in transit and not
 * reversed, into an array the caller frees; WMS_PERM_READ.
 */
int	cmd_transfers(struct cmd_ctx *, int pending, struct cmd_transfer **out,
	    size_t *n, struct wms_err *err);

/*
 * The stock table (cmd-onhand.c): rows at real locations filtered by depot,
 * location prefix and item (each may be NULL), with what is in transit to
 * those depots when transit is set (else, in a table, a line saying how
 * much is left out), and a value column for who may see values.
 */
int	cmd_onhand(struct cmd_ctx *, const char *depot, const char *prefix,
	    const char *item, int transit, const char *format);

/*
 * After a transfer receive: print what of transfer number is still in
 * transit, or that nothing is (cmd-transfer.c); the exit status.
 */
int	cmd_transfer_left(struct cmd_ctx *, const char *number);

/* makhzan --central CONNINFO stock: the national stock (cmd-central.c). */
int	cmd_central_stock(struct cmd_ctx *, const struct wms_args *);
/*
 * makhzan --central CONNINFO ledger ITEM and transfer list --pending: the
 * nation's (cmd-central.c); site and depot may be NULL.
 */
int	cmd_central_ledger(struct cmd_ctx *, const char *item,
	    const char *site, const char *depot, const char *format);
int	cmd_central_pending(struct cmd_ctx *, const char *site,
	    const char *depot, const char *format);
/* makhzan check --against-central CONNINFO (cmd-central.c). */
int	cmd_check_central(struct cmd_ctx *, const char *conninfo);

/* Stream replicas from a checked setting: 3 for "3", else 1. */
int	cmd_replicas(const char *setting);

#endif
