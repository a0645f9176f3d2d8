/*
 * libFuzzer harness for lib/config.c: any bytes as makhzan.ini.  A file
 * that loads has only the values it may have; one that does not names
 * the file and says why on one line.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lib/config.h"
#include "lib/err.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int		 fd = -1;
	static char		 path[64];
	struct wms_config	 c;
	struct wms_err		 err;
	int			 rc;

	/* The reader takes a path: one file in memory, rewritten each time. */
	if (fd == -1) {
		fd = memfd_create("makhzan.ini", 0);
		assert(fd != -1);
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	assert(ftruncate(fd, 0) == 0);
	assert(pwrite(fd, data, size, 0) == (ssize_t)size);
	wms_err_clear(&err);
	rc = wms_config_load(&c, path, &err);
	if (rc != 0) {
		assert(err.msg[0] != '\0' && strstr(err.msg, path) != NULL);
		assert(strchr(err.msg, '\n') == NULL);
	} else {
		assert(c.lang == NULL || strcmp(c.lang, "ar") == 0 ||
		    strcmp(c.lang, "en") == 0);
		assert(c.bidi == NULL || strcmp(c.bidi, "self") == 0 ||
		    strcmp(c.bidi, "terminal") == 0);
	}
	wms_config_fini(&c);
	return 0;
}
