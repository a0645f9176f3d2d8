/*
 * libFuzzer harness for bus/envelope.c: any bytes as a message body.  A
 * body that parses has every field in its form, and building its event
 * again gives a body that parses to the same fields.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bus/envelope.h"
#include "lib/json.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bus_envelope	 e, e2;
	struct bus_event	 ev;
	struct bus_msg		*m;
	struct wms_err		 err;
	char			*payload;
	int			 n;

	if (bus_envelope_parse(data, size, &e, &err) != 0) {
		assert(err.msg[0] != '\0' && e.root == NULL);
		return 0;
	}
	assert(e.v == 1 && e.part >= 1 && e.part <= e.parts && e.seq >= 0);
	assert(strlen(e.id) == 36);
	if (e.parts == 1) {
		payload = wms_json_text(e.payload);
		ev = (struct bus_event){ .id = e.id, .site = e.site,
		    .seq = e.seq, .type = e.type, .at = e.at, .user = e.user,
		    .payload = payload };
		assert(bus_envelope_build(&ev, &m, &n, &err) == 0);
		assert(n >= 1);
		if (n == 1) {
			assert(bus_envelope_parse(m[0].body.data,
			    m[0].body.len, &e2, &err) == 0);
			assert(strcmp(e2.id, e.id) == 0 && e2.seq == e.seq &&
			    strcmp(e2.site, e.site) == 0 &&
			    json_equal(e2.payload, e.payload));
			bus_envelope_fini(&e2);
		}
		bus_msgs_free(m, n);
		free(payload);
	}
	bus_envelope_fini(&e);
	return 0;
}
