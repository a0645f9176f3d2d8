/* makhzan demo: build the demo depot database and show where it is. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/demo.h"
#include "core/wms.h"
#include "core/xmalloc.h"
#include "tui/tui.h"

static void
demo_progress(int day, int days, void *arg)
{
	(void)arg;
	if (isatty(STDERR_FILENO) && (day % 10 == 0 || day == days - 1))
		fprintf(stderr, "\r%s %d/%d", _("writing history: day"), day + 1,
		    days);
}

/* $XDG_DATA_HOME/makhzan/demo.db. */
static char *
demo_path(void)
{
	const char	*x, *home;
	char		*path;

	x = getenv("XDG_DATA_HOME");
	home = getenv("HOME");
	if (x != NULL && *x != '\0')
		xasprintf(&path, "%s/makhzan/demo.db", x);
	else
		xasprintf(&path, "%s/.local/share/makhzan/demo.db",
		    home != NULL ? home : ".");
	return path;
}

/* Open the terminal UI on the demo depot, salim's name filled in. */
static int
demo_tui(struct cmd_ctx *c, const char *path)
{
	struct tui_login_arg	 login;
	struct wms_err		 err;
	struct wms		*w;
	int			 rc;

	login.user = "salim";
	login.hint = _("Demo users: salim (storekeeper), huda (supervisor), "
	    "rami (auditor), admin; the password of each is makhzan-demo.");
	if ((w = wms_open(path, &err)) == NULL)
		return cmd_fail(&err);
	rc = tui_run(w, &login, c->lang, TUI_BIDI_SELF, &err) != 0 ?
	    cmd_fail(&err) : CMD_OK;
	wms_close(w);
	return rc;
}

static int
cmd_demo(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "no-tui", no_argument, NULL, 'n' },
		{ "fresh", no_argument, NULL, 'f' },
		{ "days", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	struct wms_demo_stats	 st;
	struct wms_err		 err;
	char			*path, *end, *p;
	long			 days = 120;
	int			 ch, fresh = 0, no_tui = 0, rc = CMD_OK;

	while ((ch = cmd_getopt(c, argc, argv, "", opts)) != -1) {
		if (ch < -1)
			return ch == -2 ? CMD_OK : CMD_USAGE;
		if (ch == 'f')
			fresh = 1;
		else if (ch == 'n')
			no_tui = 1;
		else if (ch == 'd') {
			errno = 0;
			days = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || days < 7 ||
			    days > 3650)
				return cmd_usage(c, _("--days takes 7 to 3650"));
		}
	}
	if (optind != argc)
		return cmd_usage(c, _("unexpected argument %s"), argv[optind]);
	path = c->db_given ? xstrdup(c->db_path) : demo_path();
	if (cmd_mkdir_for(path, &err) != 0) {
		rc = cmd_fail(&err);
		goto out;
	}
	if (fresh && access(path, F_OK) == 0) {
		const char *const sfx[] = { "", "-wal", "-shm" };

		for (size_t i = 0; i < 3; i++) {
			xasprintf(&p, "%s%s", path, sfx[i]);
			unlink(p);
			free(p);
		}
	}
	if (access(path, F_OK) == 0) {
		printf(_("using the demo database %s (give --fresh to build it "
		    "again)\n"), path);
	} else {
		printf(_("building the demo depot in %s ...\n"), path);
		fflush(stdout);
		if (wms_demo_build(path, (int)days, demo_progress, NULL, &st,
		    &err) != 0) {
			if (isatty(STDERR_FILENO))
				fputc('\n', stderr);
			rc = cmd_fail(&err);
			goto out;
		}
		if (isatty(STDERR_FILENO))
			fputc('\n', stderr);
		printf(_("%d depots, %d locations, %d items, %d documents over "
		    "%d days\n"), st.depots, st.locations, st.items,
		    st.documents, st.days);
	}
	printf("\n%s\n", _("Users (password makhzan-demo): admin (admin), "
	    "salim (storekeeper), huda (supervisor), rami (auditor)."));
	printf("\n%s\n  export MAKHZAN_DB=%s MAKHZAN_USER=salim "
	    "MAKHZAN_PASSWORD=makhzan-demo\n  ./makhzan stock --depot HMS\n"
	    "  ./makhzan item list --search %s\n  ./makhzan transfer list "
	    "--pending\n", _("Try:"), path, "بنتونيت");
	if (!no_tui && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		rc = demo_tui(c, path);
out:
	free(path);
	return rc;
}

const struct cmd_entry cmd_demo_entry = { NULL, "demo",
    "[--no-tui] [--fresh] [--days N]",
    N_("Build (or reuse) the demo depot, three depots with 80 items and "
    "months of history, and open the terminal UI on it."), 0, cmd_demo };
