/*
 * A connection to the data bus (NATS with JetStream), made from the
 * settings of makhzan.ini: the servers, one way of authenticating, TLS.
 * The relay (depot side) and makhzan central (ministry side) both use it;
 * nats.c's status codes are turned into words here, once.
 */
#ifndef BUS_NATS_H
#define BUS_NATS_H

#include <nats/nats.h>

#include "lib/config.h"
#include "lib/err.h"

/* What to connect to and how; NULL where not given. */
struct bus_nats_conf {
	const char	*urls;		/* "tls://a:4222,tls://b:4222" */
	const char	*user;
	const char	*password;	/* from the ini file itself */
	const char	*password_file;
	const char	*token_file;
	const char	*nkey;		/* public nkey, with nkey_file */
	const char	*nkey_file;	/* its seed */
	const char	*creds_file;	/* a JWT + seed .creds file */
	const char	*ca;		/* CA certificates, PEM */
	const char	*cert;		/* client certificate, PEM */
	const char	*key;		/* its private key, PEM */
	const char	*name;		/* the connection's name on the server */
	int		 timeout_ms;	/* connect and request timeout; 0: 5 s */
	/*
	 * The library neither buffers nor reconnects: a lost link closes
	 * the connection, dropping what it held unsent, and the caller
	 * connects again.  Else what was unsent when the link fell would
	 * reach the stream on reconnecting, after a gap of lost messages
	 * and before their resend (the relay keeps the outbox's order so).
	 */
	int		 no_reconnect;
};

/* The settings of [bus] (a depot's relay) or [central] (the ministry). */
void	bus_nats_conf_bus(struct bus_nats_conf *, const struct wms_config *);
void	bus_nats_conf_central(struct bus_nats_conf *,
	    const struct wms_config *);

struct bus_conn;

/*
 * Connect once (no retry here: the caller backs off) and open a JetStream
 * context.  Once connected, the library reconnects by itself, forever,
 * every 2 s with jitter, keeping what is published meanwhile in its buffer.
 * WMS_ERR_USAGE when no server is set, WMS_ERR_IO when none answers,
 * WMS_ERR_DENIED when the credentials are refused; the message says which
 * server, never a secret.
 */
int	bus_connect(const struct bus_nats_conf *, struct bus_conn **,
	    struct wms_err *err);
void	bus_close(struct bus_conn *);

natsConnection	*bus_conn_nats(struct bus_conn *);
jsCtx		*bus_conn_js(struct bus_conn *);
/* 1 while connected (not reconnecting, not closed). */
int		 bus_conn_up(struct bus_conn *);
/* The server's URL as given, without credentials. */
const char	*bus_conn_url(struct bus_conn *);

/*
 * Put a nats.c failure into err as words: what was being done, why (server
 * down, credentials refused, TLS, timeout, no stream for the subject, no
 * JetStream), and what to do.  jerr is the JetStream error code or 0.
 * Returns the wms_rc it chose.
 */
int	bus_nats_fail(natsStatus s, jsErrCode jerr, const char *what,
	    struct wms_err *err);

#endif
