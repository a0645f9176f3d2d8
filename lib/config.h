/* Settings from INI files: /etc/makhzan.ini, then the user's own. */
#ifndef WMS_CONFIG_H
#define WMS_CONFIG_H

#include "lib/err.h"

/*
 * Every setting as text, NULL when not given.  Secrets (passwords, tokens)
 * are best given as files (*_file), so that they stay out of the process
 * list and of any file that is shown to people.
 */
struct wms_config {
	/* [makhzan] */
	char	*db;		/* db = PATH */
	char	*lang;		/* lang = ar|en */
	char	*user;		/* user = NAME */
	char	*station;	/* station = NAME (whose devices) */
	char	*bidi;		/* bidi = self|terminal */
	char	*printer;	/* printer = tcp://HOST|cups:QUEUE */
	char	*tz;		/* tz = Asia/Damascus (times shown) */
	char	*session_minutes;	/* session_minutes = N (makhzan login) */
	char	*currency;	/* currency = SYP: shown beside money */
	char	*count_self_post;	/* count_self_post = yes|no: the
					 * supervisor who counted may post
					 * (small depots); no by default */
	/* [bus]: this depot on the ministry's data bus */
	char	*bus_nats;	/* nats = tls://HOST:PORT[,URL...] */
	char	*bus_user;	/* user = NAME (with password) */
	char	*bus_password;	/* password = SECRET */
	char	*bus_password_file;
	char	*bus_token_file;	/* token_file = PATH */
	char	*bus_nkey;	/* nkey = PUBLIC NKEY (with nkey_file) */
	char	*bus_nkey_file;	/* nkey_file = PATH (its seed) */
	char	*bus_creds_file;	/* creds_file = PATH (a JWT + seed) */
	char	*bus_ca;	/* ca = PATH (PEM) */
	char	*bus_cert;	/* cert = PATH (client certificate, PEM) */
	char	*bus_key;	/* key = PATH (its private key, PEM) */
	char	*bus_sign_key;	/* sign_key = PATH (the site's Ed25519 key) */
	char	*bus_catalogue;	/* catalogue = local|central */
	char	*bus_centre_key;	/* centre_key = the centre's public key */
	/* [central]: the ministry's consumer */
	char	*central_nats;	/* nats = URL[,URL...] */
	char	*central_pg;	/* pg = CONNINFO */
	char	*central_user;
	char	*central_password;
	char	*central_password_file;
	char	*central_token_file;
	char	*central_nkey;
	char	*central_nkey_file;
	char	*central_creds_file;
	char	*central_ca;
	char	*central_cert;
	char	*central_key;
	char	*central_replicas;	/* replicas = 1|3 */
	char	*central_metrics;	/* metrics = ADDR:PORT */
	char	*central_sign_key;	/* sign_key = PATH (the catalogue's key) */
};

/*
 * Read /etc/makhzan.ini and then $XDG_CONFIG_HOME/makhzan/makhzan.ini
 * (else ~/.config/makhzan/makhzan.ini); later files win.  A missing file is
 * no error; a malformed one is WMS_ERR_INVALID naming the file and line, as
 * is an unknown section or key, a file over WMS_CONFIG_MAX_BYTES, a NUL
 * byte or text that is not UTF-8.  path, when not NULL, is read instead
 * of both.
 */
#define WMS_CONFIG_MAX_BYTES	(256 * 1024)
int	wms_config_load(struct wms_config *, const char *path,
	    struct wms_err *err);
void	wms_config_fini(struct wms_config *);

#endif
