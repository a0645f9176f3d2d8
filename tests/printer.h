/*
 * A label printer on loopback for the tests: a thread that accepts
 * connections on a free port and keeps every byte sent to it, as a raw
 * TCP 9100 printer would.  Header-only; include it after <cmocka.h>.
 */
#ifndef TESTS_PRINTER_H
#define TESTS_PRINTER_H

#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct printer {
	int		 fd, port;
	pthread_t	 thread;
	atomic_int	 stop;
	pthread_mutex_t	 lock;
	char		*got;		/* every byte received */
	size_t		 len;
	int		 jobs;		/* connections taken */
};

static void *
printer_main(void *arg)
{
	struct printer	*p = arg;
	struct pollfd	 pf;
	char		 buf[8192];
	ssize_t		 n;
	int		 c;

	while (!atomic_load(&p->stop)) {
		pf.fd = p->fd;
		pf.events = POLLIN;
		if (poll(&pf, 1, 50) <= 0)
			continue;
		if ((c = accept(p->fd, NULL, NULL)) < 0)
			continue;
		while ((n = read(c, buf, sizeof buf)) > 0) {
			pthread_mutex_lock(&p->lock);
			p->got = realloc(p->got, p->len + (size_t)n + 1);
			memcpy(p->got + p->len, buf, (size_t)n);
			p->len += (size_t)n;
			p->got[p->len] = '\0';
			pthread_mutex_unlock(&p->lock);
		}
		close(c);
		pthread_mutex_lock(&p->lock);
		p->jobs++;
		pthread_mutex_unlock(&p->lock);
	}
	return NULL;
}

static struct printer *
printer_start(void)
{
	struct printer		*p = calloc(1, sizeof *p);
	struct sockaddr_in	 sa;
	socklen_t		 len = sizeof sa;

	assert_non_null(p);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true((p->fd = socket(AF_INET, SOCK_STREAM, 0)) >= 0);
	assert_int_equal(bind(p->fd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(listen(p->fd, 4), 0);
	assert_int_equal(getsockname(p->fd, (struct sockaddr *)&sa, &len), 0);
	p->port = ntohs(sa.sin_port);
	pthread_mutex_init(&p->lock, NULL);
	atomic_init(&p->stop, 0);
	assert_int_equal(pthread_create(&p->thread, NULL, printer_main, p), 0);
	return p;
}

/* Wait (3 s at most) until jobs connections have been taken; their count. */
static int
printer_wait(struct printer *p, int jobs)
{
	int	i, n = 0;

	for (i = 0; i < 300; i++) {
		pthread_mutex_lock(&p->lock);
		n = p->jobs;
		pthread_mutex_unlock(&p->lock);
		if (n >= jobs)
			break;
		usleep(10000);
	}
	return n;
}

static void
printer_stop(struct printer *p)
{
	atomic_store(&p->stop, 1);
	pthread_join(p->thread, NULL);
	close(p->fd);
	pthread_mutex_destroy(&p->lock);
	free(p->got);
	free(p);
}

#endif
