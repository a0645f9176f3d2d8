/*
 * libFuzzer harness for labels/template.c: any bytes as a label template.
 * A template that parses has a size, a resolution and fields inside
 * sensible bounds; one that does not says why on one line.
 */
#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "labels/template.h"
#include "lib/err.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct label_tpl	*t;
	struct wms_err		 err;
	size_t			 i;

	wms_err_clear(&err);
	t = label_template_parse("fuzz.ini", (const char *)data, size, &err);
	if (t == NULL) {
		assert(err.rc == WMS_ERR_INVALID && err.msg[0] != '\0');
		assert(strchr(err.msg, '\n') == NULL);
		return 0;
	}
	assert(label_template_name(t) != NULL);
	assert(t->dpi == 203 || t->dpi == 300 || t->dpi == 600);
	assert(isfinite(t->width) && isfinite(t->height));
	assert(t->width > 0 && t->height > 0);
	assert(label_dots(t->width, t->dpi) >= 0);
	for (i = 0; i < t->nfields; i++) {
		assert(t->fields[i].name != NULL && t->fields[i].value != NULL);
		assert(isfinite(t->fields[i].x) && isfinite(t->fields[i].y));
		assert(isfinite(t->fields[i].w) && isfinite(t->fields[i].h));
		assert(t->fields[i].sym >= 0 &&
		    t->fields[i].sym < LABEL_SYM_COUNT);
	}
	label_template_free(t);
	return 0;
}
