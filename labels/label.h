/* Labels: templates, what goes on a label, rendering and printing. */
#ifndef LABEL_H
#define LABEL_H

#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"
#include "lib/err.h"

struct wms;

/* What a label says: the values its template's {placeholders} take. */
struct label_data {
	char	code[48];	/* item code */
	char	name_ar[256];
	char	name_en[256];
	char	uom[16];	/* the item's base unit */
	char	gtin[15];	/* 14 digits with a valid check digit, or "" */
	char	lot[48];	/* lot-tracked items */
	char	serial[48];	/* serial-tracked items */
	char	expiry[11];	/* YYYY-MM-DD or "" */
	char	location[208];
	char	depot[32];
	char	document[48];
	char	qty[48];	/* "25 KG": what one received unit holds */
	char	unit[16];	/* the packing unit (BAG, DRUM) or the uom */
	int64_t	net_kg_milli;	/* AI 310n: thousandths of a kg, or -1 */
	int64_t	count;		/* AI 30: whole units, or -1 */
	int	n, of;		/* unit n of of (received units), else 0 */
};

/* Empty data: every text "", the numbers -1 and 0. */
void	label_data_init(struct label_data *);

/*
 * The GS1 element string of d in brackets ("[01]...[17]...[10]..."), the
 * form libzint reads: (01) GTIN when d has one, else the item code in the
 * company-internal AI (91); (17) expiry; (310n) net weight; then (10) lot,
 * (21) serial, (30) count.  Fixed-length AIs come first so that fewer
 * FNC1 separators are needed.  WMS_ERR_INVALID names a value GS1 cannot
 * carry (a lot longer than 20, a character outside GS1's set 82).
 */
int	label_gs1_build(const struct label_data *d, char *out, size_t size,
	    struct wms_err *err);
/* The human form of a bracketed GS1 string: [01] becomes (01). */
void	label_gs1_human(const char *bracketed, char *out, size_t size);

/* Data from the depot database (read permission is enough). */
int	label_data_item(struct wms *, const char *code, struct label_data *,
	    struct wms_err *err);
int	label_data_lot(struct wms *, const char *code, const char *lot,
	    struct label_data *, struct wms_err *err);
int	label_data_location(struct wms *, const char *path,
	    struct label_data *, struct wms_err *err);
/*
 * One label_data per unit received by the receipt number: a serial-tracked
 * item gives one per serial; otherwise the line is counted in the item's
 * largest packing unit that divides it exactly (40 BAG of 25 KG), else it
 * gives one label for the whole line.  *out is an array of *n to free().
 */
int	label_data_receipt(struct wms *, const char *number,
	    struct label_data **out, size_t *n, struct wms_err *err);

/*
 * The unit a receipt's line was received in (40 BAG): its labels are one
 * a BAG, whatever larger packing unit would also divide the quantity.
 */
struct label_unit_hint {
	const char	*item;		/* code */
	const char	*lot;		/* "" for none */
	const char	*unit;		/* BAG, DRUM; "" for the base unit */
};

/*
 * label_data_receipt, with a line of item and lot counted in the unit its
 * hint names when that unit divides it exactly (else as there).
 */
int	label_data_receipt_units(struct wms *, const char *number,
	    const struct label_unit_hint *hints, size_t nhints,
	    struct label_data **out, size_t *n, struct wms_err *err);

/* Output formats, from a file's extension or for a printer. */
enum label_format {
	LABEL_PNG,
	LABEL_PDF,
	LABEL_SVG,
	LABEL_ZPL,
};

/* The format a file name asks for by its extension; -1 when none fits. */
int	label_format_of(const char *path);

struct label_tpl;

/*
 * Load the template called name ("item", with or without ".ini"), or the
 * file when name contains a '/'.  Searched in order: $MAKHZAN_TEMPLATES,
 * labels/templates beside the binary or one folder up, DATADIR/templates.
 */
struct label_tpl *label_template_find(const char *name, struct wms_err *err);
/* Read and check a template file; "FILE line N: ..." on error. */
struct label_tpl *label_template_load(const char *path, struct wms_err *err);
/* The same from text (name stands for the file in messages). */
struct label_tpl *label_template_parse(const char *name, const char *text,
	    size_t len, struct wms_err *err);
void	label_template_free(struct label_tpl *);
/* What --printer sends for this template: LABEL_ZPL or LABEL_PDF. */
enum label_format label_template_printer_format(const struct label_tpl *);
/* The template's name ([label] name). */
const char *label_template_name(const struct label_tpl *);

/*
 * Render n labels (each copies times) with template t into out (appended).
 * PDF: a page per label, or sheets of N-up labels for a [sheet] template;
 * PNG and SVG: the labels one below the other; ZPL: one ^XA...^XZ format
 * per label with ^PQ copies.  WMS_ERR_INVALID says what does not fit
 * (a symbol too wide for its box, data a symbology cannot carry).
 */
int	label_render(const struct label_tpl *t, const struct label_data *d,
	    size_t n, int copies, enum label_format fmt, struct wms_buf *out,
	    struct wms_err *err);

/*
 * Send bytes to a printer: "tcp://HOST[:PORT]" (raw, port 9100 unless
 * given) or "cups:QUEUE" (through lp(1); raw for ZPL).  A printer that is
 * off or refuses gives one WMS_ERR_IO line naming it; nothing was printed
 * and the same call can simply be made again.
 */
int	label_print(const char *printer, const struct wms_buf *b,
	    enum label_format fmt, struct wms_err *err);
/* Check a printer's form without connecting: 0 or WMS_ERR_USAGE. */
int	label_printer_check(const char *printer, struct wms_err *err);
/*
 * Print A4 pages as one PDF job (a voucher, a report): render writes the
 * PDF to a scratch file, $TMPDIR/makhzan-<stem>.XXXXXX (removed after),
 * whose bytes are then sent to printer as label_print does.
 */
int	label_print_pdf(const char *printer, const char *stem,
	    int (*render)(void *arg, const char *path, struct wms_err *err),
	    void *arg, struct wms_err *err);

/* What to print: the jobs of `makhzan label` and of the terminal UI. */
enum label_kind {
	LABEL_ITEM,
	LABEL_LOT,
	LABEL_LOCATION,
	LABEL_RECEIPT,
};

struct label_job {
	enum label_kind	 kind;
	const char	*arg;		/* item code, location, receipt number */
	const char	*lot;		/* LABEL_LOT */
	const char	*tpl;		/* template name; NULL: the kind's own */
	int		 copies;	/* 1 or more */
	const char	*out;		/* a file (.png .pdf .svg .zpl), or */
	const char	*printer;	/* a printer */
	/* LABEL_RECEIPT: the units its lines were received in, or NULL. */
	const struct label_unit_hint *hints;
	size_t		 nhints;
};

/* The template a kind uses when the job names none: "item", "lot"... */
const char *label_kind_template(enum label_kind);

/*
 * Gather the data, render and write the file or print.  Nothing is written
 * to the database.  On a printer error the job can be run again as is.
 * *nlabels (when not NULL) gets the number of labels made.
 */
int	label_job_run(struct wms *, const struct label_job *, size_t *nlabels,
	    struct wms_err *err);

#endif
