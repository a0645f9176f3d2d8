/* A label job: find the template, gather the data, render, write or print. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/datafile.h"
#include "lib/i18n.h"
#include "lib/xmalloc.h"
#include "labels/label.h"

static const char *const kind_templates[] = {
	[LABEL_ITEM] = "item",
	[LABEL_LOT] = "lot",
	[LABEL_LOCATION] = "location",
	[LABEL_RECEIPT] = "unit",
};

const char *
label_kind_template(enum label_kind k)
{
	return kind_templates[k];
}

struct label_tpl *
label_template_find(const char *name, struct wms_err *err)
{
	struct wms_datafile	f;

	if (name == NULL || *name == '\0') {
		wms_err_set(err, WMS_ERR_INVALID, _("missing template"));
		return NULL;
	}
	if (strchr(name, '/') != NULL)
		return label_template_load(name, err);
	if (wms_datafile_find(name, "MAKHZAN_TEMPLATES", "labels/templates",
	    "templates", &f))
		return label_template_load(f.path, err);
	wms_err_set(err, WMS_ERR_NOTFOUND,
	    _("no template %s%s (looked in $MAKHZAN_TEMPLATES, beside makhzan, "
	    "and %s): see the files in labels/templates"), name, f.ext,
	    f.installed);
	return NULL;
}

/* Write b to path whole or not at all: a temporary file, then rename. */
static int
job_write(const char *path, const struct wms_buf *b, struct wms_err *err)
{
	char	tmp[PATH_MAX];
	FILE	*f;
	int	fd, e;

	if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp)
		return wms_err_set(err, WMS_ERR_IO, _("%s: name too long"),
		    path);
	if ((fd = mkstemp(tmp)) < 0)
		return wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"),
		    path, strerror(errno));
	fchmod(fd, 0644);
	if ((f = fdopen(fd, "wb")) == NULL) {
		e = errno;
		close(fd);
		unlink(tmp);
		return wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"),
		    path, strerror(e));
	}
	if (fwrite(b->data, 1, b->len, f) != b->len || fflush(f) != 0 ||
	    fsync(fileno(f)) != 0) {
		e = errno;
		fclose(f);
		unlink(tmp);
		return wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"),
		    path, strerror(e));
	}
	fclose(f);
	if (rename(tmp, path) != 0) {
		e = errno;
		unlink(tmp);
		return wms_err_set(err, WMS_ERR_IO, _("cannot write %s: %s"),
		    path, strerror(e));
	}
	return 0;
}

int
label_job_run(struct wms *w, const struct label_job *j, size_t *nlabels,
    struct wms_err *err)
{
	struct label_tpl	*t = NULL;
	struct label_data	*d = NULL;
	struct wms_buf	 b = { 0 };
	size_t			 n = 1;
	int			 fmt = LABEL_PNG, rc;

	if (nlabels != NULL)
		*nlabels = 0;
	if ((j->out == NULL) == (j->printer == NULL))
		return wms_err_set(err, WMS_ERR_USAGE, _("give --out FILE or "
		    "--printer PRINTER"));
	if (j->copies < 1 || j->copies > 1000)
		return wms_err_set(err, WMS_ERR_USAGE, _("--copies takes 1 to "
		    "1000"));
	if (j->out != NULL && (fmt = label_format_of(j->out)) < 0)
		return wms_err_set(err, WMS_ERR_USAGE, _("%s: the file name "
		    "must end in .png, .pdf, .svg or .zpl"), j->out);
	if (j->printer != NULL &&
	    (rc = label_printer_check(j->printer, err)) != 0)
		return rc;
	if ((t = label_template_find(j->tpl != NULL ? j->tpl :
	    label_kind_template(j->kind), err)) == NULL)
		return err != NULL ? err->rc : WMS_ERR_NOTFOUND;
	if (j->printer != NULL)
		fmt = (int)label_template_printer_format(t);
	if (j->kind == LABEL_RECEIPT)
		rc = label_data_receipt_units(w, j->arg, j->hints, j->nhints,
		    &d, &n, err);
	else {
		d = xmalloc(sizeof *d);
		rc = j->kind == LABEL_ITEM ? label_data_item(w, j->arg, d, err) :
		    j->kind == LABEL_LOT ? label_data_lot(w, j->arg, j->lot, d,
		    err) : label_data_location(w, j->arg, d, err);
	}
	if (rc != 0)
		goto out;
	if ((rc = label_render(t, d, n, j->copies, (enum label_format)fmt, &b,
	    err)) != 0)
		goto out;
	if (j->out != NULL)
		rc = job_write(j->out, &b, err);
	else
		rc = label_print(j->printer, &b, (enum label_format)fmt, err);
	if (rc == 0 && nlabels != NULL)
		*nlabels = n * (size_t)j->copies;
out:
	wms_buf_free(&b);
	free(d);
	label_template_free(t);
	return rc;
}
