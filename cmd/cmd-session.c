/*
 * makhzan login and logout: a session for the terminal, as sudo keeps
 * one, and the login step of every command (a live session, else the
 * password).  The token is in a 0600 file of $XDG_RUNTIME_DIR/makhzan
 * (else /tmp/makhzan-UID, 0700), one per database and terminal.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "cmd/cmd.h"
#include "core/token.h"
#include "lib/config.h"
#include "lib/i18n.h"
#include "lib/xmalloc.h"

#define SESSION_DEFAULT_MINUTES	15
#define SESSION_FILE_MAX	1024

/* What a session file says. */
struct session_file {
	char	db[PATH_MAX];
	char	db_id[WMS_DB_ID_MAX];
	char	user[64];
	char	token[WMS_TOKEN_HEX];
	long long expires;
};

/* The folder of session files, made 0700 and checked to be ours alone. */
static int
session_dir(char *out, size_t n, struct wms_err *err)
{
	const char	*xdg = getenv("XDG_RUNTIME_DIR");
	struct stat	 st;

	if (xdg != NULL && xdg[0] == '/')
		snprintf(out, n, "%s/makhzan", xdg);
	else
		snprintf(out, n, "/tmp/makhzan-%lu", (unsigned long)geteuid());
	if (mkdir(out, 0700) != 0 && errno != EEXIST)
		return wms_err_set(err, WMS_ERR_IO, _("cannot make the session "
		    "folder %s: %s"), out, strerror(errno));
	if (lstat(out, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    st.st_uid != geteuid() || (st.st_mode & 077) != 0)
		return wms_err_set(err, WMS_ERR_IO, _("the session folder %s "
		    "is not a folder of this user's alone (mode 0700): "
		    "refusing to keep a session there"), out);
	return 0;
}

/*
 * The session file of this database on this terminal: named by a hash of
 * the database's real path and the terminal, so that another terminal or
 * another database never finds it.
 */
static int
session_path(struct cmd_ctx *c, char *out, size_t n, char real[PATH_MAX],
    struct wms_err *err)
{
	unsigned char	 h[16];
	char		 dir[PATH_MAX], hex[33], *key;
	const char	*tty;
	int		 rc;

	if (realpath(c->db_path, real) == NULL)
		return wms_err_set(err, WMS_ERR_IO, _("cannot find %s: %s"),
		    c->db_path, strerror(errno));
	if ((rc = session_dir(dir, sizeof dir, err)) != 0)
		return rc;
	tty = isatty(STDIN_FILENO) ? ttyname(STDIN_FILENO) : NULL;
	xasprintf(&key, "%s\n%s", real, tty != NULL ? tty : "-");
	crypto_generichash(h, sizeof h, (unsigned char *)key, strlen(key),
	    NULL, 0);
	free(key);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	snprintf(out, n, "%s/%s.session", dir, hex);
	return 0;
}

/* Read a session file: 1, 0 when there is none (or not a safe one). */
static int
session_read(const char *path, struct session_file *s)
{
	struct stat	 st;
	char		 buf[SESSION_FILE_MAX + 1], *line, *save, *v;
	ssize_t		 got;
	int		 fd, n = 0;

	memset(s, 0, sizeof *s);
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return 0;
	/* Ours, a plain file, nobody else may read it. */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid() || (st.st_mode & 077) != 0 ||
	    st.st_size > SESSION_FILE_MAX) {
		close(fd);
		unlink(path);
		return 0;
	}
	got = read(fd, buf, SESSION_FILE_MAX);
	close(fd);
	if (got <= 0)
		return 0;
	buf[got] = '\0';
	for (line = strtok_r(buf, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if ((v = strchr(line, ' ')) == NULL)
			continue;
		*v++ = '\0';
		if (strcmp(line, "db") == 0)
			n += snprintf(s->db, sizeof s->db, "%s", v) > 0;
		else if (strcmp(line, "db_id") == 0)
			n += snprintf(s->db_id, sizeof s->db_id, "%s", v) > 0;
		else if (strcmp(line, "user") == 0)
			n += snprintf(s->user, sizeof s->user, "%s", v) > 0;
		else if (strcmp(line, "token") == 0)
			n += snprintf(s->token, sizeof s->token, "%s", v) > 0;
		else if (strcmp(line, "expires") == 0) {
			s->expires = strtoll(v, NULL, 10);
			n++;
		}
	}
	sodium_memzero(buf, sizeof buf);
	return n == 5;
}

/* Write the session file whole, 0600, under a temporary name first. */
static int
session_write(const char *path, const struct session_file *s,
    struct wms_err *err)
{
	char	*tmp, *text;
	int	 fd, len, ok;

	xasprintf(&tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"), path,
		    strerror(errno));
		free(tmp);
		return WMS_ERR_IO;
	}
	len = xasprintf(&text, "makhzan-session 1\ndb %s\ndb_id %s\nuser %s\n"
	    "token %s\nexpires %lld\n", s->db, s->db_id, s->user, s->token,
	    s->expires);
	ok = fchmod(fd, 0600) == 0 && write(fd, text, (size_t)len) == len &&
	    close(fd) == 0;
	sodium_memzero(text, (size_t)len);
	free(text);
	if (!ok || rename(tmp, path) != 0) {
		wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"), path,
		    strerror(errno));
		unlink(tmp);
		free(tmp);
		return WMS_ERR_IO;
	}
	free(tmp);
	return 0;
}

/*
 * Log in by the terminal's session: 1 when done, 0 when there is no
 * session to use (why in *why, "" when there is no file at all).
 */
static int
session_try(struct cmd_ctx *c, char *why, size_t n, struct wms_err *err)
{
	struct session_file	 s;
	struct wms_err		 e;
	char			 path[PATH_MAX + 64], real[PATH_MAX];
	char			 id[WMS_DB_ID_MAX];
	int			 rc;

	why[0] = '\0';
	if (session_path(c, path, sizeof path, real, &e) != 0 ||
	    !session_read(path, &s))
		return 0;
	/* Bound to this database (path and identity) and this user. */
	if (wms_db_identity(c->w, id, err) != 0 || strcmp(s.db, real) != 0 ||
	    strcmp(s.db_id, id) != 0) {
		snprintf(why, n, "%s", _("the session is for another "
		    "database: log in again with makhzan login"));
		sodium_memzero(&s, sizeof s);
		return 0;
	}
	if (c->user != NULL && *c->user != '\0' &&
	    strcmp(c->user, s.user) != 0) {
		sodium_memzero(&s, sizeof s);
		return 0;
	}
	rc = wms_token_login(c->w, s.token, s.user, &e);
	sodium_memzero(&s, sizeof s);
	if (rc != 0) {
		snprintf(why, n, "%s", e.msg);
		unlink(path);
		return 0;
	}
	return 1;
}

int
cmd_login_user(struct cmd_ctx *c, int password_only, struct wms_err *err)
{
	char	*pw, why[512];
	int	 rc;

	why[0] = '\0';
	if (!password_only && c->password_file == NULL &&
	    getenv("MAKHZAN_PASSWORD") == NULL) {
		if ((rc = session_try(c, why, sizeof why, err)) == 1)
			return 0;
	}
	if (c->user == NULL || *c->user == '\0')
		return wms_err_set(err, WMS_ERR_DENIED, "%s", why[0] != '\0' ?
		    why : _("who are you? give --user NAME or set "
		    "MAKHZAN_USER, or log in with makhzan login"));
	if ((pw = cmd_password(c, _("Password: "), err)) == NULL) {
		if (why[0] != '\0')
			wms_err_set(err, WMS_ERR_DENIED, "%s", why);
		return err->rc;
	}
	rc = wms_login(c->w, c->user, pw, err);
	explicit_bzero(pw, strlen(pw));
	free(pw);
	return rc;
}

static int
session_minutes(struct cmd_ctx *c)
{
	if (c->conf == NULL || c->conf->session_minutes == NULL)
		return SESSION_DEFAULT_MINUTES;
	/* lib/config.c checked it: 0 to 1440, digits only. */
	return (int)strtol(c->conf->session_minutes, NULL, 10);
}

static int
cmd_login(struct cmd_ctx *c, const struct wms_args *a)
{
	struct session_file	 s;
	struct wms_err		 err;
	char			 path[PATH_MAX + 64], at[64];
	int64_t			 expires;
	int			 minutes = session_minutes(c), rc;
	struct tm		 tm;
	time_t			 t;

	if (a->nargs != 0)
		return cmd_usage(c, _("login takes no arguments"));
	if (minutes == 0) {
		fprintf(stderr, "makhzan: %s\n", _("sessions are off here "
		    "(session_minutes = 0 in makhzan.ini): give the password "
		    "to each command"));
		return CMD_FAIL;
	}
	memset(&s, 0, sizeof s);
	if ((rc = session_path(c, path, sizeof path, s.db, &err)) != 0 ||
	    (rc = wms_db_identity(c->w, s.db_id, &err)) != 0)
		return cmd_fail(&err);
	if ((rc = wms_token_open(c->w, minutes, s.token, &expires,
	    &err)) != 0)
		return cmd_fail(&err);
	snprintf(s.user, sizeof s.user, "%s", wms_user_name(c->w));
	s.expires = (long long)expires;
	rc = session_write(path, &s, &err);
	if (rc != 0) {
		wms_token_close(c->w, s.token, NULL);
		sodium_memzero(&s, sizeof s);
		return cmd_fail(&err);
	}
	sodium_memzero(&s, sizeof s);
	t = (time_t)expires;
	localtime_r(&t, &tm);
	strftime(at, sizeof at, "%H:%M", &tm);
	printf(_("logged in as %s on this terminal until %s (%d minutes); "
	    "makhzan logout ends it\n"), wms_user_name(c->w), at, minutes);
	return CMD_OK;
}

static int
cmd_logout(struct cmd_ctx *c, const struct wms_args *a)
{
	struct session_file	 s;
	struct wms_err		 err;
	char			 path[PATH_MAX + 64], real[PATH_MAX];
	int			 had;

	if (a->nargs != 0)
		return cmd_usage(c, _("logout takes no arguments"));
	if (session_path(c, path, sizeof path, real, &err) != 0)
		return cmd_fail(&err);
	had = session_read(path, &s);
	if (had && strcmp(s.db, real) == 0 &&
	    wms_token_close(c->w, s.token, &err) != 0) {
		sodium_memzero(&s, sizeof s);
		return cmd_fail(&err);
	}
	sodium_memzero(&s, sizeof s);
	if (unlink(path) != 0 && errno != ENOENT) {
		wms_err_set(&err, WMS_ERR_IO, _("cannot remove %s: %s"), path,
		    strerror(errno));
		return cmd_fail(&err);
	}
	printf("%s\n", had ? _("logged out: the session has ended") :
	    _("no session on this terminal"));
	return CMD_OK;
}

const struct cmd_entry cmd_login_entry = {
	.name = "login",
	.usage = "",
	.summary = N_("Keep a session on this terminal for session_minutes "
	    "(15): commands then need no password."),
	.opts = NULL,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_login,
};

const struct cmd_entry cmd_logout_entry = {
	.name = "logout",
	.usage = "",
	.summary = N_("End the session of this terminal."),
	.opts = NULL,
	.flags = CMD_NEEDS_DB,
	.exec = cmd_logout,
};
