/* libFuzzer harness for labels/gs1.c: any bytes in, invariants out. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/err.h"
#include "lib/xmalloc.h"
#include "labels/gs1.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Assert that the array a of n bytes holds a NUL. */
#define FUZZ_TERMINATED(a)	assert(memchr((a), '\0', sizeof (a)) != NULL)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct label_scan	 r;
	struct wms_err		 err;
	char			*s;
	int			 rc;

	s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	wms_err_clear(&err);
	rc = label_scan_parse(s, &r, &err);
	if (rc == 0) {
		assert(r.kind >= LABEL_SCAN_GS1 && r.kind <= LABEL_SCAN_CODE);
		FUZZ_TERMINATED(r.gtin);
		FUZZ_TERMINATED(r.sscc);
		FUZZ_TERMINATED(r.lot);
		FUZZ_TERMINATED(r.serial);
		FUZZ_TERMINATED(r.expiry);
		FUZZ_TERMINATED(r.best_before);
		FUZZ_TERMINATED(r.produced);
		FUZZ_TERMINATED(r.item);
		FUZZ_TERMINATED(r.order);
		FUZZ_TERMINATED(r.text);
		assert(r.count >= -1 && r.count <= 99999999);
		assert(r.net_kg_milli >= -1 &&
		    r.net_kg_milli <= INT64_C(999999000));
		if (r.kind == LABEL_SCAN_GS1)
			assert(r.text[0] == '\0');
		else
			assert(r.text[0] != '\0');
	} else {
		assert(rc == WMS_ERR_INVALID && err.rc == rc);
		assert(err.msg[0] != '\0');
	}
	free(s);
	return 0;
}
