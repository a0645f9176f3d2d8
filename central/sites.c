/* The registered sites and their signing keys: add, revoke, list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bus/sign.h"
#include "central/sites.h"
#include "central/stmt.h"
#include "lib/i18n.h"
#include "reports/report.h"

int
central_site_code_ok(const char *s)
{
	size_t n;

	for (n = 0; s[n] != '\0'; n++) {
		if ((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= 'a' &&
		    s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') ||
		    s[n] == '-' || s[n] == '_')
			continue;
		return 0;
	}
	return n > 0 && n <= 40;
}

/*
 * Whether site is registered: 1 (*revoked saying whether it is revoked),
 * 0 when it is not, or the rc.
 */
static int
site_state(struct central_pg *pg, const char *site, int *revoked,
    struct wms_err *err)
{
	const char	*v[1] = { site };
	PGresult	*res;
	int		 n;

	*revoked = 0;
	if ((res = central_run(pg, CS_SITE_GET, 1, v, 0, err)) == NULL)
		return err->rc;
	if ((n = PQntuples(res)) > 0)
		*revoked = central_val(res, 0, 2) != NULL;
	PQclear(res);
	return n > 0;
}

int
central_site_add(struct central_pg *pg, const char *site, const char *pubkey,
    struct central_site_added *out, struct wms_err *err)
{
	struct bus_key	 k;
	PGresult	*res = NULL;
	const char	*v[3];
	char		 text[BUS_PK_TEXT];
	int		 rc, site_revoked;

	memset(out, 0, sizeof *out);
	if (!central_site_code_ok(site))
		return wms_err_set(err, WMS_ERR_INVALID, _("\"%s\" cannot be "
		    "a site on the bus: letters, digits, - and _ only, at most "
		    "40"), site);
	memset(&k, 0, sizeof k);
	if ((rc = bus_key_parse_public(pubkey, k.pk, err)) != 0)
		return rc;
	bus_key_public_text(&k, text);
	bus_key_id(k.pk, out->key_id);
	if ((rc = central_begin(pg, err)) != 0)
		return rc;
	v[0] = out->key_id;
	v[1] = text;
	if ((res = central_run(pg, CS_KEY_GET, 2, v, 0, err)) == NULL) {
		rc = err->rc;
		goto fail;
	}
	if (PQntuples(res) > 0) {
		const char *owner = central_val(res, 0, 1);
		const char *revoked = central_val(res, 0, 3);

		if (strcmp(owner, site) != 0)
			rc = wms_err_set(err, WMS_ERR_CONFLICT, _("key %s is "
			    "registered for site %s, not %s"), out->key_id,
			    owner, site);
		else if (revoked != NULL)
			rc = wms_err_set(err, WMS_ERR_REFUSED, _("key %s of %s "
			    "was revoked at %s and is not registered again: "
			    "make a new key at the depot with makhzan bus "
			    "keygen"), out->key_id, site, revoked);
		else
			out->already = 1;
		PQclear(res);
		res = NULL;
		if (rc != 0)
			goto fail;
		return central_commit(pg, err);
	}
	PQclear(res);
	res = NULL;
	v[0] = site;
	if ((rc = site_state(pg, site, &site_revoked, err)) == 0) {
		rc = central_run_rows(pg, CS_SITE_ADD, 1, v, err);
		out->site_created = 1;
	} else if (rc > 0 && site_revoked) {
		rc = central_run_rows(pg, CS_SITE_REINSTATE, 1, v, err);
		out->reinstated = 1;
	}
	if (rc < 0)
		goto fail;
	v[0] = out->key_id;
	v[1] = site;
	v[2] = text;
	if ((res = central_run(pg, CS_KEY_ADD, 3, v, 0, err)) == NULL) {
		rc = err->rc;
		goto fail;
	}
	PQclear(res);
	return central_commit(pg, err);
fail:
	PQclear(res);
	central_rollback(pg);
	return rc;
}

int
central_site_revoke(struct central_pg *pg, const char *site,
    const char *key_id, int *keys, int *already, struct wms_err *err)
{
	PGresult	*res;
	const char	*v[2];
	int		 rc, revoked;

	*keys = 0;
	*already = 0;
	if ((rc = central_begin(pg, err)) != 0)
		return rc;
	v[0] = site;
	if ((rc = site_state(pg, site, &revoked, err)) < 0)
		goto fail;
	if (rc == 0) {
		rc = wms_err_set(err, WMS_ERR_NOTFOUND, _("unknown site %s: "
		    "makhzan central sites list shows the registered ones"),
		    site);
		goto fail;
	}
	if (key_id != NULL) {
		v[0] = key_id;
		v[1] = "";
		if ((res = central_run(pg, CS_KEY_GET, 2, v, 0, err)) == NULL) {
			rc = err->rc;
			goto fail;
		}
		if (PQntuples(res) == 0 ||
		    strcmp(central_val(res, 0, 1), site) != 0) {
			PQclear(res);
			rc = wms_err_set(err, WMS_ERR_NOTFOUND, _("site %s has "
			    "no key %s: makhzan central sites list shows its "
			    "keys"), site, key_id);
			goto fail;
		}
		PQclear(res);
		if ((rc = central_run_rows(pg, CS_KEY_REVOKE, 1, v, err)) < 0)
			goto fail;
		*keys = rc;
		*already = *keys == 0;
		return central_commit(pg, err);
	}
	if ((rc = central_run_rows(pg, CS_SITE_REVOKE, 1, v, err)) < 0)
		goto fail;
	*already = rc == 0;
	if ((rc = central_run_rows(pg, CS_SITE_KEYS_REVOKE, 1, v, err)) < 0)
		goto fail;
	*keys = rc;
	return central_commit(pg, err);
fail:
	central_rollback(pg);
	return rc;
}

int
central_sites_report(struct central_pg *pg, struct report **out,
    struct wms_err *err)
{
	static const struct report_col cols[] = {
		{ "site", N_("Site"), REPORT_STR },
		{ "key_id", N_("Key id"), REPORT_STR },
		{ "public_key", N_("Public key"), REPORT_STR },
		{ "added", N_("Added (UTC)"), REPORT_STR },
		{ "revoked", N_("Revoked (UTC)"), REPORT_STR },
	};
	struct report	*r;
	PGresult	*res;
	int		 i, keyed;

	*out = NULL;
	if ((res = central_run(pg, CS_SITES_LIST, 0, NULL, 0, err)) == NULL)
		return err->rc;
	r = report_new(cols, 5);
	for (i = 0; i < PQntuples(res); i++) {
		keyed = central_val(res, i, 3) != NULL;
		report_row(r);
		report_str(r, 0, central_val(res, i, 0));
		report_str(r, 1, central_val(res, i, 3));
		report_str(r, 2, central_val(res, i, 4));
		report_str(r, 3, central_val(res, i, keyed ? 5 : 1));
		/* A key is revoked with its site, or alone. */
		report_str(r, 4, central_val(res, i, keyed &&
		    central_val(res, i, 6) != NULL ? 6 : 2));
	}
	PQclear(res);
	*out = r;
	return 0;
}
