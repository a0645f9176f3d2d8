/* What a printed voucher reads of a document: its header and its lines. */
#ifndef DB_VOUCHER_H
#define DB_VOUCHER_H

#include <stdint.h>

#include "data/db.h"

/* A document's header with the names of what it refers to. */
struct db_voucher_doc {
	int64_t	id;
	char	number[48];
	char	type[4];	/* GRN, ISS, MOV, TRF, ADJ, CNT, REV */
	char	status[12];
	char	created_at[32];	/* UTC as stored */
	char	user[64];	/* who posted it */
	char	depot[32];
	char	depot_ar[256];
	char	depot_en[256];
	char	supplier[256];	/* "" for none, as every text below */
	char	ref[256];
	char	requester[256];
	char	reason[256];
	char	cc[32];		/* an issue's cost centre */
	char	cc_ar[256];
	char	cc_en[256];
	char	dest[32];	/* a transfer's destination depot */
	char	dest_ar[256];
	char	dest_en[256];
	char	reverses[48];	/* a reversal: the document it reverses */
	char	reverses_type[4];
	char	prefix[208];	/* a count: the area counted */
	char	reversed_by[48];
};

/* The document numbered number: 1 and *d filled, 0 when there is none. */
int	db_voucher_doc_get(struct db *, const char *number,
	    struct db_voucher_doc *d, struct wms_err *err);

/* A movement of the document, with its item and its two locations. */
struct db_voucher_line {
	int64_t		 line;
	const char	*item;
	const char	*name_ar;
	const char	*name_en;
	const char	*uom;
	const char	*lot;		/* NULL for none */
	const char	*from;		/* location paths */
	const char	*from_kind;	/* internal, supplier, consumer, ... */
	const char	*to;
	const char	*to_kind;
	int64_t		 qty;		/* base thousandths */
	int64_t		 value;		/* minor units that moved with it */
};

/* Each movement of document doc in the order it was posted. */
int	db_voucher_line_each(struct db *, int64_t doc,
	    int (*fn)(const struct db_voucher_line *, void *), void *arg,
	    struct wms_err *err);

#endif
