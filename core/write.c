/* The one write path: permission, transaction, audit entry, outbox event. */
#include <stdlib.h>

#include "core/audit.h"
#include "core/chain.h"
#include "core/write.h"
#include "data/db.h"
#include "lib/json.h"

int
wms_write_begin(struct wms *w, int perm, struct wms_err *err)
{
	int rc;

	if (perm != WMS_WRITE_NOBODY &&
	    (rc = wms_require(w, (enum wms_perm)perm, err)) != 0)
		return rc;
	return db_begin(wms_db(w), err);
}

static void
write_log_free(struct wms_write *log)
{
	json_decref(log->detail);
	json_decref(log->payload);
	free(log->payload_text);
	log->detail = log->payload = NULL;
	log->payload_text = NULL;
}

int
wms_write_commit(struct wms *w, struct wms_write *log, struct wms_err *err)
{
	json_t	*payload, *detail;
	char	*text = NULL;
	int64_t	 seq = 0;
	int	 rc = 0;

	/* The event first: the audit entry names it and digests its payload. */
	if (log->event != NULL && log->payload_text == NULL) {
		payload = log->payload != NULL ? json_incref(log->payload) :
		    json_object();
		log->payload_text = wms_json_event(payload);
		json_decref(payload);
	}
	if (log->event != NULL && (rc = wms_outbox_add(w, log->event,
	    log->payload_text, &seq, err)) != 0)
		goto out;
	detail = log->detail != NULL ? json_incref(log->detail) :
	    json_object();
	if ((rc = wms_chain_record(w, detail, log->doc, log->lines_lo,
	    log->lines_hi, seq, log->event != NULL ? log->payload_text : NULL,
	    err)) != 0) {
		json_decref(detail);
		goto out;
	}
	text = wms_json_text(detail);
	json_decref(detail);
	rc = wms_audit_add(w, log->action, log->doc,
	    text != NULL ? text : "{}", err);
	free(text);
	if (rc != 0)
		goto out;
	rc = db_commit(wms_db(w), err);
out:
	if (rc != 0)
		wms_write_abort(w);
	write_log_free(log);
	return rc;
}

void
wms_write_abort(struct wms *w)
{
	db_rollback(wms_db(w));
}

int
wms_write_run(struct wms *w, int perm,
    int (*fn)(struct wms *, void *, struct wms_write *, struct wms_err *),
    void *arg, struct wms_err *err)
{
	struct wms_write	log = { 0 };
	int			rc;

	if ((rc = wms_write_begin(w, perm, err)) != 0)
		return rc;
	if ((rc = fn(w, arg, &log, err)) != 0) {
		wms_write_abort(w);
		write_log_free(&log);
		return rc;
	}
	return wms_write_commit(w, &log, err);
}
