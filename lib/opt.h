/* Command-line options read from tables; argv is never changed. */
#ifndef WMS_OPT_H
#define WMS_OPT_H

#include "lib/err.h"

/* Flags of an option. */
#define WMS_OPT_VALUE	0x1	/* takes a value: --name VALUE or --name=VALUE */
#define WMS_OPT_MANY	0x2	/* may be given more than once (--serial) */
#define WMS_OPT_EMPTY	0x4	/* its value may be "" (else refused) */

/* Flags of a parse. */
#define WMS_OPT_STOP	0x1	/* the first argument ends the options */

/*
 * One option a program or a command takes.  A long name is taken only
 * when typed in full: no abbreviation, so that "--password SECRET" is
 * never read as "--password-file SECRET".
 */
struct wms_opt {
	const char	*name;		/* "from", typed as --from; NULL ends */
	int		 key;		/* what the command looks for, > 0 */
	char		 letter;	/* a short form -x, or 0 for none */
	int		 flags;		/* WMS_OPT_VALUE, WMS_OPT_MANY */
};

/* An option as it was given. */
struct wms_opt_given {
	int		 key;
	const char	*value;		/* NULL for an option without value */
};

/* A parsed command line: options and arguments in the order given. */
struct wms_args {
	struct wms_opt_given	 *opts;
	int			  nopts;
	char			**args;	/* pointers into argv, not copies */
	int			  nargs;
};

/*
 * Read the words argv[0 .. argc-1] against tables (a NULL-terminated list
 * of option tables, searched in order) into *a, which wms_opt_free
 * releases whatever the outcome.  "--" ends the options; a word that
 * reads as a negative number ("-5", "-.5", "-٥") is an argument, not an
 * option; an option that takes a value takes the next word whatever it
 * is.  An option given twice is refused unless it is WMS_OPT_MANY (a flag
 * given twice counts once).  There is no limit on the number of options
 * or arguments.  With WMS_OPT_STOP the first argument and every word after
 * it are arguments.  An empty value ("") is refused unless the option
 * is WMS_OPT_EMPTY.
 *
 * Returns 0, or WMS_ERR_USAGE with a one-line message in err that names
 * the option as typed up to any "=", and never quotes a value; or
 * WMS_ERR_INVALID when a value or an argument is not valid UTF-8 text
 * (wms_text_check: text from outside is UTF-8 or refused).  With
 * WMS_OPT_STOP the arguments are not checked: they are a command's words,
 * which it parses again.
 */
int	wms_opt_parse(int argc, char *const argv[],
	    const struct wms_opt *const tables[], int flags,
	    struct wms_args *a, struct wms_err *err);
/* Release what wms_opt_parse allocated; a may be all zero. */
void	wms_opt_free(struct wms_args *a);

/* The value of option key, or NULL when it was not given. */
const char *wms_opt_value(const struct wms_args *a, int key);
/* Whether option key was given. */
int	wms_opt_given(const struct wms_args *a, int key);
/* Whether s reads as a negative number: "-" then a decimal digit. */
int	wms_opt_number(const char *s);

#endif
