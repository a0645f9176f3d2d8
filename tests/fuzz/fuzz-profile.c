/*
 * libFuzzer harness for devices/profile.c: any bytes as a device profile.
 * A profile that parses names registers that exist, and decoding a
 * reading with it from any register image fails cleanly or gives one
 * within its decimals.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "devices/profile.h"
#include "lib/err.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
field_ok(const struct dev_profile *p, const struct dev_field *f)
{
	assert(f->reg >= -1 && f->reg < (int)p->nregs);
	if (f->reg >= 0)
		assert(f->lo <= f->hi && f->hi < 32);
}

static void
decode(const struct dev_profile *p, const uint16_t *regs, size_t n)
{
	struct dev_image	img = { .holding = regs, .nholding = n,
	    .input = regs, .ninput = n };
	struct dev_reading	r;
	struct wms_err		err;
	int			rc;

	rc = dev_scale_decode(p, &img, &r, &err);
	if (rc != 0) {
		assert(rc == WMS_ERR_INVALID && err.msg[0] != '\0');
		return;
	}
	assert(r.decimals >= 0 && r.decimals <= DEV_DECIMALS_MAX);
	assert(memchr(r.unit, '\0', sizeof r.unit) != NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint16_t		 zero[1024], ones[1024], mixed[1024];
	struct dev_profile	*p;
	struct wms_err		 err;
	size_t			 i;
	int			 k;

	wms_err_clear(&err);
	p = dev_profile_parse("fuzz.ini", (const char *)data, size, &err);
	if (p == NULL) {
		assert(err.rc == WMS_ERR_INVALID && err.msg[0] != '\0');
		assert(strchr(err.msg, '\n') == NULL);
		return 0;
	}
	assert(p->name != NULL);
	for (i = 0; i < p->nregs; i++)
		assert(p->regs[i].nregs == 1 || p->regs[i].nregs == 2);
	if (p->kind == DEV_KIND_SCALE) {
		field_ok(p, &p->scale.stable.field);
		field_ok(p, &p->scale.overload.field);
		for (k = 0; k < DEV_COMMAND_COUNT; k++)
			field_ok(p, &p->scale.command[k].ok.field);
		for (i = 0; i < 1024; i++) {
			ones[i] = 0xffff;
			mixed[i] = (uint16_t)(i * 2654435761u >> 7);
		}
		decode(p, zero, 1024);
		decode(p, ones, 1024);
		decode(p, mixed, 1024);
		decode(p, mixed, 3);
	}
	dev_profile_free(p);
	return 0;
}
