/* The command table and what every command shares. */
#ifndef CMD_H
#define CMD_H

#include <getopt.h>
#include <stdio.h>

#include "lib/err.h"
#include "lib/i18n.h"
#include "reports/report.h"

struct wms;

/* Exit statuses: 0 done, 1 refused or failed, 2 usage. */
#define CMD_OK		0
#define CMD_FAIL	1
#define CMD_USAGE	2

/* Flags of a command entry: what the dispatcher does before exec. */
#define CMD_NEEDS_DB	0x1	/* open the database */
#define CMD_LOGIN	0x2	/* and log the user in */

struct cmd_ctx {
	const char	*db_path;
	int		 db_given;	/* --db or $MAKHZAN_DB */
	const char	*user;
	const char	*password_file;
	const char	*lang;
	const char	*station;	/* [makhzan] station, or NULL */
	const char	*bidi;		/* [makhzan] bidi, or NULL */
	const char	*printer;	/* [makhzan] printer, or NULL */
	struct wms	*w;
	const struct cmd_entry *entry;
};

struct cmd_entry {
	const char	*group;		/* "item", or NULL for a top command */
	const char	*name;		/* "add" */
	const char	*usage;		/* arguments after the name */
	const char	*summary;	/* one line, translated at print */
	int		 flags;
	int		 (*exec)(struct cmd_ctx *, int argc, char **argv);
};

extern const struct cmd_entry *const cmd_table[];

/* Print "makhzan: message" on stderr and return the exit status for rc. */
int	cmd_fail(const struct wms_err *err);
/* Print a usage error for the current command and return CMD_USAGE. */
int	cmd_usage(struct cmd_ctx *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Print the command's usage and summary on stdout; CMD_OK. */
int	cmd_help(struct cmd_ctx *);
/* Exit status for a wms_rc. */
int	cmd_status(int rc);

/*
 * Parse options with getopt_long; "--help" is added to every command.
 * Returns the option character, -1 at the end, or -2 after printing help
 * (the caller returns CMD_OK) and -3 after a usage error (return
 * CMD_USAGE).
 */
int	cmd_getopt(struct cmd_ctx *, int argc, char **argv,
	    const char *shortopts, const struct option *longopts);

/* "--name" of the option with value ch in longopts, for messages. */
const char *cmd_opt_typed(const struct option *longopts, int ch);

/* The password for user: $MAKHZAN_PASSWORD, --password-file, or a prompt. */
char	*cmd_password(struct cmd_ctx *, const char *prompt, struct wms_err *);

/* Print a report in the chosen format; CMD_USAGE for an unknown format. */
int	cmd_report(struct cmd_ctx *, struct report *, const char *format);

/* Create the folders above a file (mode 0700) that are missing. */
int	cmd_mkdir_for(const char *path, struct wms_err *err);

/* Parse a quantity argument (thousandths); prints and returns status. */
int	cmd_qty(const char *s, int flags, int64_t *out);

#endif
