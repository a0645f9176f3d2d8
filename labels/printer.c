/* Printers: raw TCP (port 9100) and CUPS queues through lp(1). */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/datafile.h"
#include "lib/i18n.h"
#include "labels/label.h"

#define PRINTER_CONNECT_MS	5000
#define PRINTER_SEND_MS		15000
/* A voucher or a report is at most a few megabytes; more is not one. */
#define LABEL_PDF_MAX		(64u << 20)

extern char **environ;

/* HOST and PORT of tcp://HOST[:PORT] or tcp://[V6]:PORT. */
static int
printer_tcp_split(const char *uri, char *host, size_t hsize, char *port,
    size_t psize)
{
	const char	*h = uri + 6, *colon, *end;
	size_t		 n;

	if (*h == '[') {
		if ((end = strchr(h, ']')) == NULL)
			return -1;
		n = (size_t)(end - h - 1);
		if (n == 0 || n >= hsize)
			return -1;
		memcpy(host, h + 1, n);
		host[n] = '\0';
		colon = end[1] == ':' ? end + 1 : end[1] == '\0' ? NULL : end;
		if (colon == end)
			return -1;
	} else {
		colon = strrchr(h, ':');
		n = colon != NULL ? (size_t)(colon - h) : strlen(h);
		if (n == 0 || n >= hsize || memchr(h, '/', n) != NULL)
			return -1;
		memcpy(host, h, n);
		host[n] = '\0';
	}
	if (colon == NULL) {
		snprintf(port, psize, "9100");
		return 0;
	}
	colon++;
	n = strlen(colon);
	if (n == 0 || n > 5 || strspn(colon, "0123456789") != n ||
	    strtol(colon, NULL, 10) < 1 || strtol(colon, NULL, 10) > 65535)
		return -1;
	snprintf(port, psize, "%s", colon);
	return 0;
}

int
label_printer_check(const char *p, struct wms_err *err)
{
	char	host[256], port[8];

	if (strncmp(p, "tcp://", 6) == 0 &&
	    printer_tcp_split(p, host, sizeof host, port, sizeof port) == 0)
		return 0;
	if (strncmp(p, "cups:", 5) == 0 && p[5] != '\0' && p[5] != '-' &&
	    strcspn(p + 5, " \t/#") == strlen(p + 5))
		return 0;
	return wms_err_set(err, WMS_ERR_USAGE, _("printer \"%s\": use "
	    "tcp://HOST[:PORT] (raw, port 9100 by default) or cups:QUEUE"), p);
}

/* Connect within PRINTER_CONNECT_MS; -1 with errno set. */
static int
printer_connect(const struct addrinfo *ai)
{
	struct pollfd	pfd;
	socklen_t	len = sizeof(int);
	int		fd, e = 0, flags;

	if ((fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
	    ai->ai_protocol)) < 0)
		return -1;
	flags = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
		if (errno != EINPROGRESS)
			goto fail;
		pfd.fd = fd;
		pfd.events = POLLOUT;
		if (poll(&pfd, 1, PRINTER_CONNECT_MS) <= 0) {
			errno = ETIMEDOUT;
			goto fail;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len) != 0 ||
		    e != 0) {
			errno = e != 0 ? e : errno;
			goto fail;
		}
	}
	fcntl(fd, F_SETFL, flags);
	return fd;
fail:
	e = errno;
	close(fd);
	errno = e;
	return -1;
}

static int
printer_tcp(const char *uri, const struct wms_buf *b, struct wms_err *err)
{
	struct addrinfo	 hints, *res, *ai;
	struct timeval	 tv = { PRINTER_SEND_MS / 1000, 0 };
	char		 host[256], port[8];
	size_t		 off = 0;
	ssize_t		 w;
	int		 fd = -1, rc, e = 0;

	if ((rc = label_printer_check(uri, err)) != 0)
		return rc;
	printer_tcp_split(uri, host, sizeof host, port, sizeof port);
	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_STREAM;
	if ((rc = getaddrinfo(host, port, &hints, &res)) != 0)
		return wms_err_set(err, WMS_ERR_IO, _("printer %s: cannot "
		    "find host %s (%s); nothing was printed"), uri, host,
		    gai_strerror(rc));
	for (ai = res; ai != NULL && fd < 0; ai = ai->ai_next)
		if ((fd = printer_connect(ai)) < 0)
			e = errno;
	freeaddrinfo(res);
	if (fd < 0)
		return wms_err_set(err, WMS_ERR_IO, e == ECONNREFUSED ?
		    _("printer %s refused the connection (is it on, and "
		    "listening on port %s?); nothing was printed: print "
		    "again when it is ready") : _("printer %s: cannot connect "
		    "(%s); nothing was printed: print again when it is "
		    "ready"), uri, e == ECONNREFUSED ? port : strerror(e));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	while (off < b->len) {
		w = send(fd, b->data + off, b->len - off, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			e = errno;
			close(fd);
			return wms_err_set(err, WMS_ERR_IO, _("printer %s "
			    "stopped taking data after %zu of %zu bytes (%s): "
			    "check it and print again"), uri, off, b->len,
			    strerror(e));
		}
		off += (size_t)w;
	}
	/* The printer reads to the end of the stream: say it has come. */
	shutdown(fd, SHUT_WR);
	close(fd);
	return 0;
}

/*
 * lp(1) rather than libcups: one small package (cups-client) instead of
 * libcups2-dev and its many -dev dependencies, lp's own error text, and
 * tests that put a stand-in lp first in PATH and see what it was given.
 */
static int
printer_cups(const char *p, const struct wms_buf *b, enum label_format fmt,
    struct wms_err *err)
{
	posix_spawn_file_actions_t	 fa;
	char				*argv[8], msg[300];
	int				 in[2], errp[2], status, rc, n = 0;
	size_t				 off = 0, got = 0;
	ssize_t				 w;
	pid_t				 pid;
	void				 (*old)(int);

	if ((rc = label_printer_check(p, err)) != 0)
		return rc;
	argv[n++] = (char *)"lp";
	argv[n++] = (char *)"-s";
	argv[n++] = (char *)"-d";
	argv[n++] = (char *)(p + 5);
	if (fmt == LABEL_ZPL) {
		/* ZPL goes to the printer as it is, never through a filter. */
		argv[n++] = (char *)"-o";
		argv[n++] = (char *)"raw";
	}
	argv[n] = NULL;
	if (pipe2(in, O_CLOEXEC) != 0)
		return wms_err_set(err, WMS_ERR_IO, "pipe: %s",
		    strerror(errno));
	if (pipe2(errp, O_CLOEXEC) != 0) {
		close(in[0]);
		close(in[1]);
		return wms_err_set(err, WMS_ERR_IO, "pipe: %s",
		    strerror(errno));
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, errp[1], 2);
	rc = posix_spawnp(&pid, "lp", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(errp[1]);
	if (rc != 0) {
		close(in[1]);
		close(errp[0]);
		return wms_err_set(err, WMS_ERR_IO, _("printer %s: cannot run "
		    "lp (%s): install cups-client; nothing was printed"), p,
		    strerror(rc));
	}
	old = signal(SIGPIPE, SIG_IGN);
	while (off < b->len) {
		w = write(in[1], b->data + off, b->len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	close(in[1]);
	signal(SIGPIPE, old);
	while (got + 1 < sizeof msg && (w = read(errp[0], msg + got,
	    sizeof msg - 1 - got)) > 0)
		got += (size_t)w;
	msg[got] = '\0';
	close(errp[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && off == b->len)
		return 0;
	msg[strcspn(msg, "\n")] = '\0';
	return wms_err_set(err, WMS_ERR_IO, _("printer %s: lp failed (%s); "
	    "nothing was printed: check the queue with lpstat -p and print "
	    "again"), p, *msg != '\0' ? msg : _("no reason given"));
}

int
label_print(const char *printer, const struct wms_buf *b,
    enum label_format fmt, struct wms_err *err)
{
	if (strncmp(printer, "tcp://", 6) == 0)
		return printer_tcp(printer, b, err);
	if (strncmp(printer, "cups:", 5) == 0)
		return printer_cups(printer, b, fmt, err);
	return label_printer_check(printer, err);
}

int
label_print_pdf(const char *printer, const char *stem,
    int (*render)(void *arg, const char *path, struct wms_err *err),
    void *arg, struct wms_err *err)
{
	struct wms_buf	 b = { 0 };
	const char	*dir = getenv("TMPDIR");
	char		*tmp, *data;
	size_t		 len;
	int		 fd, rc;

	if (asprintf(&tmp, "%s/makhzan-%s.XXXXXX", dir != NULL &&
	    *dir != '\0' ? dir : "/tmp", stem) < 0)
		abort();
	if ((fd = mkstemp(tmp)) < 0) {
		rc = wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"),
		    tmp, strerror(errno));
		free(tmp);
		return rc;
	}
	close(fd);
	if ((rc = render(arg, tmp, err)) != 0)
		goto out;
	if ((data = wms_datafile_read(tmp, LABEL_PDF_MAX, &len)) == NULL) {
		rc = wms_err_set(err, WMS_ERR_IO, _("cannot read %s: %s"), tmp,
		    strerror(errno));
		goto out;
	}
	/* The bytes read are the job: the buffer takes them, no copy. */
	b.data = data;
	b.len = b.cap = len;
	rc = label_print(printer, &b, LABEL_PDF, err);
	wms_buf_free(&b);
out:
	unlink(tmp);
	free(tmp);
	return rc;
}
