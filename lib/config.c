/* Settings from INI files: /etc/makhzan.ini, then the user's own. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "lib/config.h"
#include "lib/datafile.h"
#include "lib/i18n.h"
#include "lib/text.h"
#include "lib/xmalloc.h"

struct config_ctx {
	struct wms_config	*c;
	char			 bad[640];	/* what is wrong, without the line */
};

#define CONF(s, k, field) \
	{ .section = s, .key = k, .off = offsetof(struct wms_config, field) }

/* Every setting: its section, its key, and where it goes. */
static const struct config_key {
	const char	*section;
	const char	*key;
	size_t		 off;
} config_keys[] = {
	CONF("makhzan", "db", db),
	CONF("makhzan", "lang", lang),
	CONF("makhzan", "user", user),
	CONF("makhzan", "station", station),
	CONF("makhzan", "bidi", bidi),
	CONF("makhzan", "printer", printer),
	CONF("makhzan", "tz", tz),
	CONF("makhzan", "session_minutes", session_minutes),
	CONF("makhzan", "count_self_post", count_self_post),
	CONF("makhzan", "currency", currency),
	CONF("bus", "nats", bus_nats),
	CONF("bus", "user", bus_user),
	CONF("bus", "password", bus_password),
	CONF("bus", "password_file", bus_password_file),
	CONF("bus", "token_file", bus_token_file),
	CONF("bus", "nkey", bus_nkey),
	CONF("bus", "nkey_file", bus_nkey_file),
	CONF("bus", "creds_file", bus_creds_file),
	CONF("bus", "ca", bus_ca),
	CONF("bus", "cert", bus_cert),
	CONF("bus", "key", bus_key),
	CONF("bus", "sign_key", bus_sign_key),
	CONF("bus", "catalogue", bus_catalogue),
	CONF("bus", "centre_key", bus_centre_key),
	CONF("central", "nats", central_nats),
	CONF("central", "pg", central_pg),
	CONF("central", "user", central_user),
	CONF("central", "password", central_password),
	CONF("central", "password_file", central_password_file),
	CONF("central", "token_file", central_token_file),
	CONF("central", "nkey", central_nkey),
	CONF("central", "nkey_file", central_nkey_file),
	CONF("central", "creds_file", central_creds_file),
	CONF("central", "ca", central_ca),
	CONF("central", "cert", central_cert),
	CONF("central", "key", central_key),
	CONF("central", "replicas", central_replicas),
	CONF("central", "metrics", central_metrics),
	CONF("central", "sign_key", central_sign_key),
};
#define CONFIG_NKEYS	(sizeof config_keys / sizeof config_keys[0])

/* The keys of section, "a, b or c", for the message that refuses one. */
static void
config_key_list(const char *section, char *out, size_t n)
{
	size_t	i, k = 0, total = 0, len;

	for (i = 0; i < CONFIG_NKEYS; i++)
		total += strcmp(config_keys[i].section, section) == 0;
	out[0] = '\0';
	for (i = 0; i < CONFIG_NKEYS; i++) {
		if (strcmp(config_keys[i].section, section) != 0)
			continue;
		len = strlen(out);
		snprintf(out + len, n - len, "%s%s", k == 0 ? "" :
		    k + 1 == total ? _(" or ") : ", ", config_keys[i].key);
		k++;
	}
}

/* inih calls this per setting; 0 stops it and it returns the line. */
static int
config_entry(void *arg, const char *section, const char *key,
    const char *value)
{
	struct config_ctx	*x = arg;
	char			**slot, keys[512];
	size_t			 i;
	int			 known = 0;

	for (i = 0; i < CONFIG_NKEYS; i++) {
		if (strcmp(config_keys[i].section, section) != 0)
			continue;
		known = 1;
		if (strcmp(config_keys[i].key, key) != 0)
			continue;
		slot = (char **)((char *)x->c + config_keys[i].off);
		free(*slot);
		*slot = xstrdup(value);
		return 1;
	}
	if (!known) {
		snprintf(x->bad, sizeof x->bad,
		    _("unknown section [%s]: use [makhzan], [bus] or "
		    "[central]"), section);
		return 0;
	}
	config_key_list(section, keys, sizeof keys);
	snprintf(x->bad, sizeof x->bad, _("unknown setting \"%s\" in [%s]: %s"),
	    key, section, keys);
	return 0;
}

/*
 * The line of the first byte of text that is not UTF-8 (or a NUL), or 0
 * when all of it is good.
 */
static int
config_bad_text(const char *text, size_t len)
{
	const char	*p = text, *end = text + len, *nl;
	int		 line = 1;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!wms_utf8_valid(p, nl != NULL ? (size_t)(nl - p) :
		    (size_t)(end - p)))
			return line;
		if (nl == NULL)
			break;
		p = nl + 1;
		line++;
	}
	return 0;
}

static int
config_file(struct wms_config *c, const char *file, struct wms_err *err)
{
	struct config_ctx	 x = { c, "" };
	char			*text;
	size_t			 len;
	int			 line;

	/* Read whole and bounded: /dev/zero given as a file ends here. */
	if ((text = wms_datafile_read(file, WMS_CONFIG_MAX_BYTES, &len)) ==
	    NULL) {
		if (errno == ENOENT)
			return 0;
		if (errno == EFBIG)
			return wms_err_set(err, WMS_ERR_INVALID,
			    _("%s is larger than %d KiB, the most a settings "
			    "file may be"), file, WMS_CONFIG_MAX_BYTES / 1024);
		return wms_err_set(err, WMS_ERR_IO, _("cannot read %s: %s"),
		    file, strerror(errno));
	}
	if ((line = config_bad_text(text, len)) != 0) {
		free(text);
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s line %d: not valid UTF-8 text (or a NUL byte): "
		    "write the file in UTF-8"), file, line);
	}
	line = ini_parse_string(text, config_entry, &x);
	free(text);
	if (x.bad[0] != '\0')
		return wms_err_set(err, WMS_ERR_INVALID, _("%s line %d: %s"),
		    file, line, x.bad);
	if (line != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s line %d: not an INI line (key = value)"), file, line);
	if (c->lang != NULL && strcmp(c->lang, "ar") != 0 &&
	    strcmp(c->lang, "en") != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s: lang must be ar or en, not \"%s\""), file, c->lang);
	if (c->session_minutes != NULL && (strspn(c->session_minutes,
	    "0123456789") != strlen(c->session_minutes) ||
	    strlen(c->session_minutes) == 0 || strlen(c->session_minutes) > 4 ||
	    strtol(c->session_minutes, NULL, 10) > 1440))
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s: session_minutes must be a number of minutes from 0 "
		    "(no sessions) to 1440"), file);
	if (c->count_self_post != NULL &&
	    strcmp(c->count_self_post, "yes") != 0 &&
	    strcmp(c->count_self_post, "no") != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s: count_self_post must be yes or no, not \"%s\""),
		    file, c->count_self_post);
	if (c->bidi != NULL && strcmp(c->bidi, "self") != 0 &&
	    strcmp(c->bidi, "terminal") != 0)
		return wms_err_set(err, WMS_ERR_INVALID,
		    _("%s: bidi must be self or terminal, not \"%s\""), file,
		    c->bidi);
	return 0;
}

int
wms_config_load(struct wms_config *c, const char *path, struct wms_err *err)
{
	const char	*x, *home;
	char		*user;
	int		 rc;

	memset(c, 0, sizeof *c);
	if (path != NULL)
		return config_file(c, path, err);
	if ((rc = config_file(c, "/etc/makhzan.ini", err)) != 0)
		return rc;
	x = getenv("XDG_CONFIG_HOME");
	home = getenv("HOME");
	if (x != NULL && *x != '\0')
		xasprintf(&user, "%s/makhzan/makhzan.ini", x);
	else if (home != NULL)
		xasprintf(&user, "%s/.config/makhzan/makhzan.ini", home);
	else
		return 0;
	rc = config_file(c, user, err);
	free(user);
	return rc;
}

void
wms_config_fini(struct wms_config *c)
{
	size_t i;

	for (i = 0; i < CONFIG_NKEYS; i++)
		free(*(char **)((char *)c + config_keys[i].off));
	memset(c, 0, sizeof *c);
}
