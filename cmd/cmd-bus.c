/* makhzan bus keygen, bus key: the site's signing key for the data bus. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bus/sign.h"
#include "cmd/cmd.h"
#include "core/wms.h"
#include "core/write.h"
#include "lib/config.h"
#include "lib/json.h"
#include "lib/xmalloc.h"

char *
cmd_key_path(const struct cmd_ctx *c)
{
	char *path;

	if (c->conf != NULL && c->conf->bus_sign_key != NULL &&
	    *c->conf->bus_sign_key != '\0')
		return xstrdup(c->conf->bus_sign_key);
	xasprintf(&path, "%s.key", c->db_path);
	return path;
}

int
cmd_key_make(const char *path, const char *site, struct bus_key *k,
    struct wms_err *err)
{
	int rc;

	if ((rc = cmd_mkdir_for(path, err)) != 0)
		return rc;
	return bus_key_generate(path, site, k, err);
}

struct keygen {
	const char		*path;
	struct bus_key		 k;
	int			 made;
};

/*
 * The key file, and an audit entry that says a key was made and which:
 * the auditor sees when the site's signing identity changed, and by whom.
 */
static int
keygen_write(struct wms *w, void *arg, struct wms_write *log,
    struct wms_err *err)
{
	struct keygen	*g = arg;
	char		 pk[BUS_PK_TEXT];
	int		 rc;

	if ((rc = cmd_key_make(g->path, wms_site(w), &g->k, err)) != 0)
		return rc;
	g->made = 1;
	bus_key_public_text(&g->k, pk);
	log->action = "bus.keygen";
	log->detail = json_pack("{ss ss ss}", "key_id", g->k.id, "public_key",
	    pk, "path", g->path);
	return 0;
}

static int
cmd_bus_keygen(struct cmd_ctx *c, const struct wms_args *a)
{
	struct keygen	 g;
	struct wms_err	 err;
	char		 pk[BUS_PK_TEXT], *path;
	int		 rc;

	if (a->nargs != 0)
		return cmd_usage(c, _("bus keygen takes no arguments"));
	path = cmd_key_path(c);
	memset(&g, 0, sizeof g);
	g.path = path;
	rc = wms_write_run(c->w, WMS_PERM_ADMIN, keygen_write, &g, &err);
	if (rc != 0) {
		/* Not recorded, so not made. */
		if (g.made)
			unlink(path);
		free(path);
		return cmd_fail(&err);
	}
	bus_key_public_text(&g.k, pk);
	printf(_("site key for %s written to %s (key id %s)\n"), wms_site(c->w),
	    path, g.k.id);
	printf(_("register it at the ministry: makhzan central sites add %s "
	    "--key %s\n"), wms_site(c->w), pk);
	free(path);
	return CMD_OK;
}

static int
cmd_bus_key(struct cmd_ctx *c, const struct wms_args *a)
{
	const char	*format = wms_opt_value(a, 'f');
	struct bus_key	 k;
	struct wms_err	 err;
	char		 pk[BUS_PK_TEXT], *path, *text;
	json_t		*o;
	int		 rc;

	if (a->nargs != 0)
		return cmd_usage(c, _("bus key takes no arguments"));
	if (format != NULL && strcmp(format, "json") != 0 &&
	    strcmp(format, "table") != 0)
		return cmd_usage(c, _("unknown format \"%s\": table or json"),
		    format);
	path = cmd_key_path(c);
	rc = bus_key_load(path, &k, &err);
	bus_key_wipe(&k);
	if (rc != 0) {
		free(path);
		return cmd_fail(&err);
	}
	bus_key_public_text(&k, pk);
	if (format != NULL && strcmp(format, "json") == 0) {
		o = json_pack("{ss ss ss ss}", "site", k.site, "key_id", k.id,
		    "public_key", pk, "path", path);
		text = wms_json_text(o);
		printf("%s\n", text);
		free(text);
		json_decref(o);
	} else {
		/* The key alone, for `central sites add SITE --key`. */
		printf("%s\n", pk);
	}
	free(path);
	return CMD_OK;
}

static const struct wms_opt key_opts[] = {
	CMD_OPT_FORMAT,
	{ .name = NULL }
};

const struct cmd_entry cmd_bus_keygen_entry = {
	.group = "bus",
	.name = "keygen",
	.usage = "",
	.summary = N_("Make the site's Ed25519 signing key for the data bus "
	    "(sign_key in [bus], else the database's path + .key)."),
	.opts = NULL,
	.flags = CMD_NEEDS_DB | CMD_LOGIN,
	.exec = cmd_bus_keygen,
};

const struct cmd_entry cmd_bus_key_entry = {
	.group = "bus",
	.name = "key",
	.usage = "[--format table|json]",
	.summary = N_("Print the site's public key, to register at the "
	    "ministry."),
	.opts = key_opts,
	.flags = 0,
	.exec = cmd_bus_key,
};
