/* Scale and scanner drivers over libmodbus, driven by a device profile. */
#ifndef DEV_DEV_H
#define DEV_DEV_H

#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"
#include "devices/profile.h"

/* Where a device is: Modbus TCP or RTU over a serial line. */
struct dev_uri {
	int	 rtu;		/* 0: TCP, host and port; 1: RTU, the rest */
	char	 host[256];
	int	 port;		/* 0-65535; 0 only makes sense to listen */
	char	 device[256];
	int	 baud;
	char	 parity;	/* 'N', 'E' or 'O' */
	int	 data_bits, stop_bits;
};

/*
 * Parse tcp://HOST[:PORT] (port 502 by default; [v6] hosts in brackets) or
 * rtu:/dev/DEVICE[?baud=9600&parity=N&data=8&stop=1] (those are the
 * defaults) into *u.  WMS_ERR_INVALID naming the text and the bad part.
 */
int		 dev_uri_parse(const char *text, struct dev_uri *u,
		    struct wms_err *err);

/* One device: its libmodbus context, its profile and its reconnect state. */
struct dev;

/*
 * A device at uri with Modbus unit unit_id (TCP 0-255, RTU 1-247) read by
 * profile p, which must outlive it.  timeout_ms bounds connect, each
 * answer and command handshakes; 0 takes the profile's.  No I/O: the
 * connection is made on first use, and again after a failure, with a
 * backoff of 100 ms doubling to 5 s.  NULL and WMS_ERR_INVALID on a bad
 * URI or unit.
 */
struct dev	*dev_open(const struct dev_profile *p, const char *uri,
		    int unit_id, int timeout_ms, struct wms_err *err);
/* Close the connection and free d; NULL is fine. */
void		 dev_close(struct dev *d);
/* The URI d was opened with, as given. */
const char	*dev_uri_text(const struct dev *d);

/*
 * One scale reading into *out, stamped in *at_ms (CLOCK_MONOTONIC, ms).
 * Reads the registers the profile needs in as few FC03/FC04 requests as
 * contiguous addresses allow (125 registers at most each) and decodes them
 * with dev_scale_decode.  On failure *out and *at_ms are zeroed, never the
 * last good values, and err names the URI and what happened (refused, no
 * answer within N ms, exception N (name) reading holding/input A).  An
 * exception keeps the connection; any other failure flushes, closes it,
 * and the next call reconnects after the backoff; a call within the
 * backoff fails at once with "reconnecting in N ms".  WMS_ERR_IO, or
 * WMS_ERR_INVALID when the registers do not decode.
 */
int		 dev_read_scale(struct dev *d, struct dev_reading *out,
		    int64_t *at_ms, struct wms_err *err);

/*
 * Poll a scanner: read the sequence register (or the ready flag); when the
 * sequence is nonzero and differs from the last one acknowledged (or ready
 * is set) read the length and data, decode the bytes in the profile's
 * order into code (NUL-terminated; len must hold length + 1), acknowledge
 * as the profile says and set *fresh to 1.  Otherwise *fresh is 0 and code
 * is "".  *seq is the device's sequence (with a ready flag, a count the
 * driver keeps).  Failures as dev_read_scale; a code is only taken as read
 * once its acknowledge was written, so a failure mid-way repeats it.
 */
int		 dev_read_scanner(struct dev *d, char *code, size_t len,
		    uint32_t *seq, int *fresh, struct wms_err *err);

/*
 * Send command id as the profile defines it: write its value, wait for the
 * ack flag, write the release, wait for the ack to clear, check the ok
 * flag; or wait for the counter to change.  Each wait lasts at most the
 * timeout.  WMS_ERR_INVALID when the profile has no such command,
 * WMS_ERR_IO when the device fails, does not acknowledge, or says no.
 */
int		 dev_command(struct dev *d, enum dev_command_id id,
		    struct wms_err *err);

/* The monotonic clock in milliseconds, the time base of readings. */
int64_t		 dev_now_ms(void);

#endif
