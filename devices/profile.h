/* Device profiles: a scale's or scanner's register map, read from an INI file. */
#ifndef DEV_PROFILE_H
#define DEV_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"
#include "devices/codec.h"

enum dev_kind {
	DEV_KIND_SCALE,
	DEV_KIND_SCANNER,
};

enum dev_table {
	DEV_TABLE_HOLDING,	/* 4xxxx, read with FC03 */
	DEV_TABLE_INPUT,	/* 3xxxx, read with FC04 */
};

/* A named register, or pair of registers, from a [register.NAME] section. */
struct dev_reg {
	char		*name;
	enum dev_table	 table;
	uint16_t	 address;	/* on the wire, 0-based */
	int		 nregs;		/* 1 (u16) or 2 (u32) */
	enum dev_words	 words;
};

/* Bits lo..hi of register reg (an index into dev_profile.regs); reg -1: none. */
struct dev_field {
	int		 reg;
	unsigned	 lo, hi;
};

/* A condition: true when the field's value equals want. */
struct dev_flag {
	struct dev_field field;
	uint32_t	 want;
};

enum dev_value_id {
	DEV_VALUE_GROSS,
	DEV_VALUE_NET,
	DEV_VALUE_TARE,
	DEV_VALUE_COUNT
};

/* A weight value from a [value.gross], [value.net] or [value.tare] section. */
struct dev_value {
	int		 present;
	enum dev_table	 table;
	uint16_t	 address;
	enum dev_type	 type;
	enum dev_words	 words;
	int		 decimals;	/* 0-6, or -1: the [scale] decimals */
	struct dev_flag	 sign;		/* +sign types: set when negative */
};

enum dev_command_id {
	DEV_COMMAND_ZERO,
	DEV_COMMAND_TARE,
	DEV_COMMAND_GROSS,
	DEV_COMMAND_CLEAR,
	DEV_COMMAND_COUNT
};

/*
 * A [command.NAME] section: write value to holding register address;
 * then, when ack is set, wait until it holds; when release >= 0 write
 * release; success when ok (if set) holds.  When counter is set, the
 * command is done when that field changes.
 */
struct dev_command {
	int		 present;
	uint16_t	 address;
	uint16_t	 value;
	int32_t		 release;	/* -1: nothing written after */
	struct dev_flag	 ack;
	struct dev_flag	 ok;
	struct dev_field counter;
};

struct dev_map {
	uint32_t	 key;
	int		 decimals;
	char		 unit[4];
};

#define DEV_MAP_MAX	16

struct dev_scale {
	int		 decimals;	/* 0-6, or -1: from decimals_field */
	struct dev_field decimals_field;
	struct dev_map	 decimals_map[DEV_MAP_MAX];
	size_t		 ndecimals_map;	/* 0: the field is the count */
	char		 unit[4];	/* "" when from unit_field */
	struct dev_field unit_field;
	struct dev_map	 unit_map[DEV_MAP_MAX];
	size_t		 nunit_map;
	struct dev_flag	 stable, overload, underload, error;
	struct dev_value value[DEV_VALUE_COUNT];
	struct dev_command command[DEV_COMMAND_COUNT];
};

struct dev_scanner {
	int		 sequence;	/* register index, or -1 */
	struct dev_flag	 ready;		/* field.reg -1 when sequence is used */
	int		 length;	/* register index: data length in bytes */
	enum dev_table	 data_table;
	uint16_t	 data_address;
	uint16_t	 data_registers;
	int		 low_byte_first; /* bytes = lo-hi */
	uint16_t	 ack_address;	/* holding */
	int32_t		 ack_value;	/* -1: write the sequence value back */
};

struct dev_profile {
	char		*file;		/* as given, for messages */
	char		*name;
	char		*source;
	enum dev_kind	 kind;
	unsigned	 holding_base, input_base;
	enum dev_words	 words;
	int		 response_timeout_ms;
	int		 byte_timeout_ms;
	int		 write_multiple; /* 1: FC16 for every write, 0: FC06 */
	int		 separate_output; /* writes go to another image */
	struct dev_reg	*regs;
	size_t		 nregs;
	struct dev_scale scale;		/* kind == DEV_KIND_SCALE */
	struct dev_scanner scanner;	/* kind == DEV_KIND_SCANNER */
};

/*
 * Read and check the profile in the file at path.  Returns NULL and fills
 * err (WMS_ERR_IO, or WMS_ERR_INVALID with "FILE line N: ...") on failure.
 */
struct dev_profile	*dev_profile_load(const char *path, struct wms_err *err);
/*
 * The same from the len bytes at text; name stands for the file in
 * messages.
 */
struct dev_profile	*dev_profile_parse(const char *name, const char *text,
			    size_t len, struct wms_err *err);
/* Free p; NULL is fine. */
void			 dev_profile_free(struct dev_profile *p);
/* The name used in files for a value or a command: "gross", "zero" ... */
const char		*dev_value_name(enum dev_value_id id);
const char		*dev_command_name(enum dev_command_id id);

/*
 * The registers a device returned: holding[i] and input[i] are the
 * registers at wire address i, for i below nholding and ninput.
 */
struct dev_image {
	const uint16_t	*holding;
	size_t		 nholding;
	const uint16_t	*input;
	size_t		 ninput;
};

#define DEV_HAS_GROSS	0x1
#define DEV_HAS_NET	0x2
#define DEV_HAS_TARE	0x4

/* One scale reading; weights in thousandths of unit. */
struct dev_reading {
	int64_t		 gross, net, tare;
	unsigned	 has;		/* DEV_HAS_* */
	int		 decimals;
	char		 unit[4];
	int		 stable, overload, underload, error;
};

/*
 * Decode a scale reading from the registers in img by the scale profile p.
 * A weight the profile does not give is derived from the other two
 * (net = gross - tare and so on) when it can be.  Fails with
 * WMS_ERR_INVALID when a register is missing from img, the decimals or
 * unit reported are not in the profile's map, or a value is NaN.
 */
int	dev_scale_decode(const struct dev_profile *p,
	    const struct dev_image *img, struct dev_reading *out,
	    struct wms_err *err);

/* Evaluate flag f over img: 1, 0 (0 too when f is unset), or -1 if missing. */
int	dev_flag_eval(const struct dev_profile *p, const struct dev_flag *f,
	    const struct dev_image *img);

#endif
