/*
 * libFuzzer harness for lib/ini.c, the reader under the device profiles
 * and the label templates: any bytes against a small spec.  What it keeps
 * is only what the spec allows, each key once per section, on lines that
 * exist; a refusal names a line of the text.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/ini.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const main_keys[] = { "name", "kind", "source", NULL };
static const char *const reg_keys[] = { "table", "address", "type", "words",
    NULL };

static const char *const *
keys(const char *section)
{
	if (strcmp(section, "main") == 0)
		return main_keys;
	if (strncmp(section, "register.", 9) == 0 && section[9] != '\0')
		return reg_keys;
	return NULL;
}

static const struct wms_ini_spec spec = {
	.keys = keys,
	.sections = "use [main] or [register.NAME]",
	.last = " or ",
	.outside = "%s = %s is outside a section",
	.again = "%s is given twice in [%s] (first on line %d)",
	.not_line = "not a key = value line",
	.nul = "a NUL byte",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wms_ini	 x;
	size_t		 i, j, lines = 1;
	int		 rc;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	rc = wms_ini_read(&x, &spec, (const char *)data, size);
	if (rc != 0) {
		assert(rc == -1);
		assert(x.bad_line >= 0 && (size_t)x.bad_line <= lines);
		assert(x.bad[0] != '\0' && memchr(x.bad, '\0',
		    sizeof x.bad) != NULL);
	} else {
		for (i = 0; i < x.nents; i++) {
			assert(keys(x.ents[i].section) != NULL);
			assert(wms_ini_in_list(keys(x.ents[i].section),
			    x.ents[i].key));
			assert(x.ents[i].line >= 1 &&
			    (size_t)x.ents[i].line <= lines);
			for (j = 0; j < i; j++)
				assert(strcmp(x.ents[i].section,
				    x.ents[j].section) != 0 ||
				    strcmp(x.ents[i].key, x.ents[j].key) != 0);
			assert(wms_ini_get(&x, x.ents[i].section,
			    x.ents[i].key) != NULL);
		}
	}
	wms_ini_free(&x);
	return 0;
}
