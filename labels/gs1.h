/* Scanned codes: what a scanner typed, turned into what it means. */
#ifndef LABEL_GS1_H
#define LABEL_GS1_H

#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"

enum label_scan_kind {
	LABEL_SCAN_GS1,		/* GS1 element string or parenthesised form */
	LABEL_SCAN_BARCODE,	/* EAN-8, UPC-A or EAN-13 with a valid check digit */
	LABEL_SCAN_LOCATION,	/* DEPOT/ZONE/BIN */
	LABEL_SCAN_DOCUMENT,	/* HMS-GRN-2026-000123 */
	LABEL_SCAN_CODE,	/* anything else: an item code or a barcode to look up */
};

struct label_scan {
	enum label_scan_kind kind;
	char	gtin[15];	/* AI 01 (or 02), 14 digits, check digit verified;
				   for BARCODE the code padded to 14 digits */
	char	sscc[19];	/* AI 00 */
	char	lot[21];	/* AI 10 */
	char	serial[21];	/* AI 21 */
	char	expiry[11];	/* AI 17 as YYYY-MM-DD (DD 00 = last day of the month) */
	char	best_before[11]; /* AI 15 */
	char	produced[11];	/* AI 11 */
	char	item[91];	/* AI 91: the company-internal item code */
	char	order[31];	/* AI 400 */
	int64_t	count;		/* AI 30 or 37, -1 when absent */
	int64_t	net_kg_milli;	/* AI 310n in thousandths of a kg, -1 when absent */
	char	text[256];	/* BARCODE/LOCATION/DOCUMENT/CODE: the text as
				   scanned (trimmed); empty for GS1 */
};

/*
 * Parse what a scanner typed.  The text is trimmed of surrounding spaces,
 * tabs, CR and LF, then recognised as GS1 data, a retail barcode, a location,
 * a document number or a plain code (docs/scanning.md has the rules).
 * Returns 0 and fills *out, or WMS_ERR_INVALID with a message naming the bad
 * part (the AI, its 1-based position in the trimmed text, what was expected);
 * *out is then untouched.
 */
int	label_scan_parse(const char *text, struct label_scan *out,
	    struct wms_err *err);

/*
 * The GS1 check digit of the first n digits of s (mod 10, weights 3,1,3...
 * from the right); -1 on a non-digit.
 */
int	label_gs1_check_digit(const char *s, size_t n);

#endif
