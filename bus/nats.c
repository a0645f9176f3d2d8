/* A connection to NATS JetStream from makhzan.ini's settings. */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "bus/nats.h"
#include "lib/i18n.h"
#include "lib/xmalloc.h"

struct bus_conn {
	natsConnection	*nc;
	jsCtx		*js;
	char		*url;
	atomic_int	 up;
	atomic_int	 closed;	/* the library's last callback has run */
};

void
bus_nats_conf_bus(struct bus_nats_conf *n, const struct wms_config *c)
{
	memset(n, 0, sizeof *n);
	n->urls = c->bus_nats;
	n->user = c->bus_user;
	n->password = c->bus_password;
	n->password_file = c->bus_password_file;
	n->token_file = c->bus_token_file;
	n->nkey = c->bus_nkey;
	n->nkey_file = c->bus_nkey_file;
	n->creds_file = c->bus_creds_file;
	n->ca = c->bus_ca;
	n->cert = c->bus_cert;
	n->key = c->bus_key;
}

void
bus_nats_conf_central(struct bus_nats_conf *n, const struct wms_config *c)
{
	memset(n, 0, sizeof *n);
	n->urls = c->central_nats;
	n->user = c->central_user;
	n->password = c->central_password;
	n->password_file = c->central_password_file;
	n->token_file = c->central_token_file;
	n->nkey = c->central_nkey;
	n->nkey_file = c->central_nkey_file;
	n->creds_file = c->central_creds_file;
	n->ca = c->central_ca;
	n->cert = c->central_cert;
	n->key = c->central_key;
}

int
bus_nats_fail(natsStatus s, jsErrCode jerr, const char *what,
    struct wms_err *err)
{
	const char *last = nats_GetLastError(NULL);

	if (last == NULL || *last == '\0')
		last = natsStatus_GetText(s);
	switch (s) {
	case NATS_NO_SERVER:
	case NATS_IO_ERROR:
	case NATS_CONNECTION_CLOSED:
	case NATS_CONNECTION_DISCONNECTED:
		return wms_err_set(err, WMS_ERR_IO,
		    _("%s: the bus does not answer (%s); the events wait in "
		    "the outbox"), what, last);
	case NATS_CONNECTION_AUTH_FAILED:
	case NATS_NOT_PERMITTED:
		return wms_err_set(err, WMS_ERR_DENIED,
		    _("%s: the bus refused this site's credentials or "
		    "permissions: check user, password, token or nkey in "
		    "makhzan.ini"), what);
	case NATS_SSL_ERROR:
	case NATS_SECURE_CONNECTION_REQUIRED:
		return wms_err_set(err, WMS_ERR_IO,
		    _("%s: TLS failed (%s): check ca, cert and key in "
		    "makhzan.ini and the server's certificate"), what, last);
	case NATS_TIMEOUT:
		return wms_err_set(err, WMS_ERR_IO,
		    _("%s: no answer from the bus in time; the outcome is "
		    "unknown and will be tried again"), what);
	case NATS_NO_RESPONDERS:
		return wms_err_set(err, WMS_ERR_IO,
		    _("%s: no JetStream stream takes this subject: run "
		    "makhzan central setup at the ministry"), what);
	default:
		break;
	}
	if (jerr == JSNotEnabledErr || jerr == JSNotEnabledForAccountErr)
		return wms_err_set(err, WMS_ERR_IO,
		    _("%s: the NATS server has no JetStream: start it with -js "
		    "or jetstream {} in its configuration"), what);
	if (jerr != 0)
		return wms_err_set(err, WMS_ERR_IO,
		    _("%s: JetStream error %d (%s)"), what, (int)jerr, last);
	return wms_err_set(err, WMS_ERR_IO, _("%s: %s"), what, last);
}

/* The first line of a secret file, into out; 0 or -1 (errno). */
static int
nats_secret(const char *path, char *out, size_t n)
{
	FILE	*f;
	size_t	 len;

	if ((f = fopen(path, "re")) == NULL)
		return -1;
	if (fgets(out, (int)n, f) == NULL) {
		fclose(f);
		errno = EINVAL;
		return -1;
	}
	fclose(f);
	len = strcspn(out, "\r\n");
	out[len] = '\0';
	return 0;
}

static void
nats_on_disconnect(natsConnection *nc, void *arg)
{
	struct bus_conn *c = arg;

	(void)nc;
	atomic_store(&c->up, 0);
}

/*
 * The library calls back from a thread of its own, after
 * natsConnection_Close() has returned: bus_close() waits for this one,
 * the last, before it frees what the callbacks write to.
 */
static void
nats_on_closed(natsConnection *nc, void *arg)
{
	struct bus_conn *c = arg;

	(void)nc;
	atomic_store(&c->up, 0);
	atomic_store(&c->closed, 1);
}

static void
nats_on_reconnect(natsConnection *nc, void *arg)
{
	struct bus_conn *c = arg;

	(void)nc;
	atomic_store(&c->up, 1);
}

/* The options of conf; 0, or a wms_rc with err. */
static int
nats_options(const struct bus_nats_conf *conf, struct bus_conn *c,
    natsOptions **out, struct wms_err *err)
{
	natsOptions	*o = NULL;
	natsStatus	 s;
	char		 secret[512];
	const char	*what = _("connecting to the bus");
	int		 rc = 0;

	*out = NULL;
	if ((s = natsOptions_Create(&o)) != NATS_OK)
		return bus_nats_fail(s, 0, what, err);
	s = natsOptions_SetServers(o, NULL, 0);
	/* SetURL takes a comma-separated list of servers. */
	if (s == NATS_OK)
		s = natsOptions_SetURL(o, conf->urls);
	if (s == NATS_OK && conf->name != NULL)
		s = natsOptions_SetName(o, conf->name);
	if (s == NATS_OK)
		s = natsOptions_SetTimeout(o, conf->timeout_ms > 0 ?
		    conf->timeout_ms : 5000);
	if (s == NATS_OK)
		s = natsOptions_SetMaxReconnect(o, -1);
	if (s == NATS_OK)
		s = natsOptions_SetReconnectWait(o, 2000);
	if (s == NATS_OK)
		s = natsOptions_SetReconnectJitter(o, 500, 1500);
	if (s == NATS_OK && conf->no_reconnect)
		s = natsOptions_SetAllowReconnect(o, false);
	if (s == NATS_OK)
		s = natsOptions_SetDisconnectedCB(o, nats_on_disconnect, c);
	if (s == NATS_OK)
		s = natsOptions_SetReconnectedCB(o, nats_on_reconnect, c);
	if (s == NATS_OK)
		s = natsOptions_SetClosedCB(o, nats_on_closed, c);
	if (s != NATS_OK) {
		rc = bus_nats_fail(s, 0, what, err);
		goto out;
	}
	/* One way of authenticating, whichever is given. */
	if (conf->user != NULL) {
		if (conf->password_file != NULL) {
			if (nats_secret(conf->password_file, secret,
			    sizeof secret) != 0) {
				rc = wms_err_set(err, WMS_ERR_IO,
				    _("cannot read the bus password from %s: "
				    "%s"), conf->password_file,
				    strerror(errno));
				goto out;
			}
			s = natsOptions_SetUserInfo(o, conf->user, secret);
			sodium_memzero(secret, sizeof secret);
		} else {
			s = natsOptions_SetUserInfo(o, conf->user,
			    conf->password != NULL ? conf->password : "");
		}
	} else if (conf->token_file != NULL) {
		if (nats_secret(conf->token_file, secret, sizeof secret) != 0) {
			rc = wms_err_set(err, WMS_ERR_IO,
			    _("cannot read the bus token from %s: %s"),
			    conf->token_file, strerror(errno));
			goto out;
		}
		s = natsOptions_SetToken(o, secret);
		sodium_memzero(secret, sizeof secret);
	} else if (conf->nkey_file != NULL) {
		if (conf->nkey == NULL) {
			rc = wms_err_set(err, WMS_ERR_USAGE,
			    _("nkey_file is set but nkey (the public nkey) is "
			    "not: give both in makhzan.ini"));
			goto out;
		}
		s = natsOptions_SetNKeyFromSeed(o, conf->nkey,
		    conf->nkey_file);
	} else if (conf->creds_file != NULL) {
		s = natsOptions_SetUserCredentialsFromFiles(o,
		    conf->creds_file, NULL);
	}
	if (s == NATS_OK && (conf->ca != NULL || conf->cert != NULL)) {
		s = natsOptions_SetSecure(o, true);
		if (s == NATS_OK && conf->ca != NULL)
			s = natsOptions_LoadCATrustedCertificates(o, conf->ca);
		if (s == NATS_OK && conf->cert != NULL)
			s = natsOptions_LoadCertificatesChain(o, conf->cert,
			    conf->key != NULL ? conf->key : conf->cert);
	}
	if (s != NATS_OK) {
		rc = bus_nats_fail(s, 0, _("reading the bus's TLS or "
		    "credential files"), err);
		goto out;
	}
	*out = o;
	o = NULL;
out:
	natsOptions_Destroy(o);
	return rc;
}

int
bus_connect(const struct bus_nats_conf *conf, struct bus_conn **out,
    struct wms_err *err)
{
	struct bus_conn	*c;
	natsOptions	*o = NULL;
	jsOptions	 jo;
	natsStatus	 s;
	char		 what[256];
	int		 rc;

	*out = NULL;
	if (conf->urls == NULL || *conf->urls == '\0')
		return wms_err_set(err, WMS_ERR_USAGE,
		    _("no bus server: give --nats URL or nats = in makhzan.ini"));
	c = xcalloc(1, sizeof *c);
	c->url = xstrdup(conf->urls);
	if ((rc = nats_options(conf, c, &o, err)) != 0)
		goto fail;
	snprintf(what, sizeof what, _("connecting to %s"), c->url);
	if ((s = natsConnection_Connect(&c->nc, o)) != NATS_OK) {
		rc = bus_nats_fail(s, 0, what, err);
		goto fail;
	}
	atomic_store(&c->up, 1);
	jsOptions_Init(&jo);
	jo.Wait = conf->timeout_ms > 0 ? conf->timeout_ms : 5000;
	if ((s = natsConnection_JetStream(&c->js, c->nc, &jo)) != NATS_OK) {
		rc = bus_nats_fail(s, 0, what, err);
		goto fail;
	}
	natsOptions_Destroy(o);
	*out = c;
	return 0;
fail:
	natsOptions_Destroy(o);
	bus_close(c);
	return rc;
}

void
bus_close(struct bus_conn *c)
{
	int i;

	if (c == NULL)
		return;
	jsCtx_Destroy(c->js);
	if (c->nc != NULL) {
		natsConnection_Close(c->nc);
		/* Its callbacks are still to come: wait (5 s at most). */
		for (i = 0; i < 5000 && !atomic_load(&c->closed); i++)
			nats_Sleep(1);
		natsConnection_Destroy(c->nc);
		/* A callback yet to come would write here: better kept. */
		if (!atomic_load(&c->closed))
			return;
	}
	free(c->url);
	free(c);
}

natsConnection *
bus_conn_nats(struct bus_conn *c)
{
	return c->nc;
}

jsCtx *
bus_conn_js(struct bus_conn *c)
{
	return c->js;
}

int
bus_conn_up(struct bus_conn *c)
{
	return atomic_load(&c->up) &&
	    natsConnection_Status(c->nc) == NATS_CONN_STATUS_CONNECTED;
}

const char *
bus_conn_url(struct bus_conn *c)
{
	return c->url;
}
