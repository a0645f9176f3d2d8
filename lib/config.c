/* Settings from INI files: /etc/makhzan.ini, then the user's own. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "lib/config.h"
#include "lib/i18n.h"
#include "lib/xmalloc.h"

struct config_ctx {
	struct wms_config	*c;
	char			 bad[160];	/* what is wrong, without the line */
};

static const struct {
	const char	*key;
	size_t		 off;
} config_keys[] = {
	{ "db", offsetof(struct wms_config, db) },
	{ "lang", offsetof(struct wms_config, lang) },
	{ "user", offsetof(struct wms_config, user) },
	{ "station", offsetof(struct wms_config, station) },
	{ "bidi", offsetof(struct wms_config, bidi) },
	{ "printer", offsetof(struct wms_config, printer) },
};

/* inih calls this per setting; 0 stops it and it returns the line. */
static int
config_entry(void *arg, const char *section, const char *key,
    const char *value)
{
	struct config_ctx	*x = arg;
	char			**slot;
	size_t			 i;

	if (strcmp(section, "makhzan") != 0) {
		snprintf(x->bad, sizeof x->bad,
		    _("unknown section [%s]: use [makhzan]"), section);
		return 0;
	}
	for (i = 0; i < sizeof config_keys / sizeof config_keys[0]; i++) {
		if (strcmp(config_keys[i].key, key) != 0)
			continue;
		slot = (char **)((char *)x->c + config_keys[i].off);
		free(*slot);
		*slot = xstrdup(value);
		return 1;
	}
	snprintf(x->bad, sizeof x->bad,
	    _("unknown setting \"%s\": db, lang, user, station, bidi or "
	    "printer"),
	    key);
	return 0;
}

static int
config_file(struct wms_config *c, const char *file, struct wms_err *err)
{
	struct config_ctx	 x = { c, "" };
	FILE			*f;
	int			 line;

	if ((f = fopen(file, "r")) == NULL) {
		if (errno == ENOENT)
			return 0;
		return wms_err_set(err, WMS_ERR_IO, _("cannot read %s: %s"),
		    file, strerror(errno));
	}
	line = ini_parse_file(f, config_entry, &x);
	fclose(f);
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
	free(c->db);
	free(c->lang);
	free(c->user);
	free(c->station);
	free(c->bidi);
	free(c->printer);
	memset(c, 0, sizeof *c);
}
