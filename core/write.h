/*
 * The one write path: every change to the depot database is a transaction
 * that checks the user's permission first and ends with one audit entry
 * and, when the change is news for the ministry, one outbox event.
 */
#ifndef WMS_WRITE_H
#define WMS_WRITE_H

#include <stdint.h>

#include <jansson.h>

#include "core/wms.h"
#include "lib/err.h"

/*
 * What a write leaves behind, filled by the code that makes the change.
 * wms_write_commit() takes the references of detail and payload (it
 * decrefs them, committed or not) and payload_text (it frees it).
 */
struct wms_write {
	const char	*action;	/* audit action: "item.add" */
	const char	*doc;		/* document number, or NULL */
	json_t		*detail;	/* audit detail, or NULL for {} */
	const char	*event;		/* outbox event type, or NULL: none */
	json_t		*payload;	/* the event's payload (an object) */
	/*
	 * Or the payload already encoded (lib/json.h: wms_json_with_list),
	 * for events too long to build as one jansson value; taken and
	 * freed.
	 */
	char		*payload_text;
	/*
	 * A posting's movements, lines lo..hi of doc (none when lo is 0 or
	 * hi < lo):
	 * the audit entry records their digest with the document's and the
	 * event's (core/chain.h).
	 */
	int64_t		 lines_lo, lines_hi;
};

/*
 * Who may write without a role: the login itself (counting a failure, on
 * behalf of a user not logged in) and the first admin at init.  Pass it
 * instead of an enum wms_perm.
 */
#define WMS_WRITE_NOBODY	(-1)

/*
 * Check perm (an enum wms_perm, or WMS_WRITE_NOBODY) for the logged-in
 * user, then BEGIN IMMEDIATE: the write lock is taken before anything is
 * read, so that a write never fails half way for a lock.
 */
int	wms_write_begin(struct wms *, int perm, struct wms_err *err);

/*
 * Append the outbox event and the audit entry of log, then COMMIT.  The
 * audit entry's detail gets the digests of the write's content: the
 * document log->doc with its movements and the event, and every row of
 * master data and users the write changed (core/chain.h).  On any failure
 * everything since wms_write_begin() is rolled back.
 */
int	wms_write_commit(struct wms *, struct wms_write *log,
	    struct wms_err *err);

/* Roll back everything since wms_write_begin(); for the failure paths. */
void	wms_write_abort(struct wms *);

/*
 * The whole write in one call: begin, fn (which makes the change and fills
 * log), commit; or roll back when fn fails.  For the writes that fit in
 * one function (master data, users, devices).
 */
int	wms_write_run(struct wms *, int perm,
	    int (*fn)(struct wms *, void *arg, struct wms_write *log,
	    struct wms_err *err), void *arg, struct wms_err *err);

#endif
