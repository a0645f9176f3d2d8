/* A Modbus TCP or RTU simulator of a scale or scanner, serving a device profile's registers. */
#ifndef DEV_SIM_H
#define DEV_SIM_H

#include <stdint.h>

#include "lib/err.h"
#include "devices/profile.h"

struct dev_sim;

/*
 * Listen on listen_uri, tcp://HOST:PORT (port 0: a free one, see
 * dev_sim_port), or answer on a serial line, rtu:/dev/PTY?baud=...
 * (one end of a socat pty pair, or a real port), as Modbus unit unit_id serving the registers of profile
 * p, which must outlive the sim.  Only the addresses the profile uses are
 * mapped: others answer exception 2.  The scale starts at 0, stable.
 * NULL and WMS_ERR_IO or WMS_ERR_INVALID on failure.
 */
struct dev_sim	*dev_sim_new(const struct dev_profile *p,
		    const char *listen_uri, int unit_id, struct wms_err *err);
/* The TCP port the sim listens on. */
int		 dev_sim_port(const struct dev_sim *s);

/*
 * Show gross and tare (thousandths; net = gross - tare) encoded by the
 * profile, with 3 decimals where the profile reads decimals from the
 * device, and the stable, overload and underload flags where the profile
 * defines them.  WMS_ERR_INVALID when a value does not fit the profile
 * (e.g. 12.345 on a profile with 0 decimals).  Thread-safe.
 */
int		 dev_sim_set_scale(struct dev_sim *s, int64_t gross,
		    int64_t tare, int stable, int overload, int underload,
		    struct wms_err *err);
/* What the scale shows now (after commands); any pointer may be NULL. */
void		 dev_sim_get_scale(struct dev_sim *s, int64_t *gross,
		    int64_t *tare);

/*
 * Play the script at path, looping, from now on: one step a line,
 * "SECONDS WEIGHT [moving|stable|overload]" (stable when left out): for
 * SECONDS (up to 3 decimals, 0.02 to 86400) the gross is WEIGHT (up to 3
 * decimals, may be negative) with that state; the tare stays as it is.
 * Blank lines and lines starting with # are skipped.  Each weight must fit
 * the profile.  dev_sim_serve moves from step to step.  WMS_ERR_IO when
 * the file cannot be read, WMS_ERR_INVALID naming FILE:LINE and what is
 * wrong; the script in place before is kept then.
 */
int		 dev_sim_script(struct dev_sim *s, const char *path,
		    struct wms_err *err);

/*
 * Scanner: queue code (at most 16 waiting).  The sim shows one code at a
 * time: it bumps the sequence (or sets ready) and shows the next after
 * the acknowledge.  Thread-safe.
 */
int		 dev_sim_push_code(struct dev_sim *s, const char *code,
		    struct wms_err *err);

/*
 * Serve one client request, or wait up to timeout_ms for one; a new
 * client replaces the one before.  First shows the script's step for now,
 * when a script plays.  Carries out the profile's commands a
 * client writes (zero: gross 0 and tare 0; tare: tare = gross; clear and
 * gross: tare 0), with their ack flag or counter, and scanner
 * acknowledges.  Returns 0, or WMS_ERR_IO when the listening socket fails.
 */
int		 dev_sim_serve(struct dev_sim *s, int timeout_ms,
		    struct wms_err *err);
/* Close every socket and free s; NULL is fine. */
void		 dev_sim_free(struct dev_sim *s);

#endif
