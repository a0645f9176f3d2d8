/* The audit chain covers content: digests recorded, recomputed, the schema. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/chain.h"
#include "core/wms.h"
#include "data/db-user.h"
#include "data/db-verify.h"
#include "lib/i18n.h"
#include "lib/xmalloc.h"

#define CHAIN_HEX	(crypto_generichash_BYTES * 2 + 1)

/* Each table's name in messages, and which column of its content names it. */
static const struct {
	const char	*what;
	int		 label;	/* in the content; -1: the key */
} chain_what[DB_CHAIN_NTABLES] = {
	{ N_("depot"), 1 },
	{ N_("location"), 3 },
	{ N_("cost centre"), 1 },
	{ N_("item"), 1 },
	{ N_("barcode"), -1 },
	{ N_("unit (item id/unit)"), -1 },
	{ N_("user"), 1 },
	{ N_("site setting"), -1 },
	{ N_("device"), 1 },
};

static void
chain_hex(const char *text, char out[CHAIN_HEX])
{
	unsigned char bin[crypto_generichash_BYTES];

	crypto_generichash(bin, sizeof bin, (const unsigned char *)text,
	    strlen(text), NULL, 0);
	sodium_bin2hex(out, CHAIN_HEX, bin, sizeof bin);
}

/* The three digests of a posting's content, one per part. */
struct chain_parts {
	crypto_generichash_state	h[DB_NPART];
	int				n[DB_NPART];
};

static void
parts_init(struct chain_parts *p)
{
	int i;

	for (i = 0; i < DB_NPART; i++) {
		crypto_generichash_init(&p->h[i], NULL, 0,
		    crypto_generichash_BYTES);
		p->n[i] = 0;
	}
}

static void
parts_feed(int part, const char *text, void *arg)
{
	struct chain_parts	*p = arg;
	static const unsigned char nl = '\n';

	if (part < 0 || part >= DB_NPART || text == NULL)
		return;
	crypto_generichash_update(&p->h[part], (const unsigned char *)text,
	    strlen(text));
	crypto_generichash_update(&p->h[part], &nl, 1);
	p->n[part]++;
}

static void
parts_hex(struct chain_parts *p, int part, char out[CHAIN_HEX])
{
	unsigned char bin[crypto_generichash_BYTES];

	crypto_generichash_final(&p->h[part], bin, sizeof bin);
	sodium_bin2hex(out, CHAIN_HEX, bin, sizeof bin);
}

static int
chain_table_index(const char *name)
{
	int t;

	for (t = 0; t < DB_CHAIN_NTABLES; t++)
		if (strcmp(db_chain_table(t), name) == 0)
			return t;
	return -1;
}

/* A mark, copied (the data floor's strings last one step). */
struct chain_mark {
	int	 t;
	char	*key;
	int	 migration;
};

struct chain_marks {
	struct chain_mark	*m;
	size_t			 n, cap;
};

static int
marks_add(const struct db_chain_mark *dm, void *arg)
{
	struct chain_marks	*ms = arg;
	int			 t;

	if ((t = chain_table_index(dm->tbl)) < 0)
		return 0;
	ms->m = xgrow(ms->m, ms->n, &ms->cap, sizeof *ms->m);
	ms->m[ms->n].t = t;
	ms->m[ms->n].key = xstrdup(dm->key);
	ms->m[ms->n].migration = strcmp(dm->why, "migration") == 0;
	ms->n++;
	return 0;
}

static void
marks_free(struct chain_marks *ms)
{
	size_t i;

	for (i = 0; i < ms->n; i++)
		free(ms->m[i].key);
	free(ms->m);
	ms->m = NULL;
	ms->n = ms->cap = 0;
}

int
wms_chain_record(struct wms *w, json_t *detail, const char *doc, int64_t lo,
    int64_t hi, int64_t seq, const char *payload, struct wms_err *err)
{
	struct db		*db = wms_db(w);
	struct chain_parts	 p;
	struct chain_marks	 ms = { NULL, 0, 0 };
	json_t			*c, *rows;
	char			 hex[CHAIN_HEX], *row;
	size_t			 i;
	int			 rc;

	/* No lines (lo of 0: not a posting) reads no movement. */
	if (lo < 1 || hi < lo) {
		lo = 1;
		hi = 0;
	}
	if (doc != NULL) {
		/*
		 * The event's payload is the text just stored: digested from
		 * here, as makhzan check reads it back from the outbox.
		 */
		parts_init(&p);
		if ((rc = db_posting_content(db, doc, lo, hi, 0, parts_feed,
		    &p, err)) < 0)
			return rc;
		if (seq > 0 && payload != NULL)
			parts_feed(DB_PART_EVENT, payload, &p);
		if (rc == 1) {
			c = json_object();
			parts_hex(&p, DB_PART_DOC, hex);
			json_object_set_new(c, "document", json_string(hex));
			if (hi >= lo) {
				json_object_set_new(c, "lines", json_pack(
				    "[II]", (json_int_t)lo, (json_int_t)hi));
				parts_hex(&p, DB_PART_MOVE, hex);
				json_object_set_new(c, "movements",
				    json_string(hex));
			}
			if (seq > 0) {
				json_object_set_new(c, "event",
				    json_integer(seq));
				parts_hex(&p, DB_PART_EVENT, hex);
				json_object_set_new(c, "payload",
				    json_string(hex));
			}
			json_object_set_new(detail, "content", c);
		}
	}
	if ((rc = db_chain_marks_each(db, marks_add, &ms, err)) != 0)
		goto out;
	if (ms.n == 0)
		goto out;
	rows = json_array();
	for (i = 0; i < ms.n; i++) {
		if ((rc = db_chain_row(db, ms.m[i].t, ms.m[i].key, &row,
		    err)) < 0) {
			json_decref(rows);
			goto out;
		}
		if (row != NULL)
			chain_hex(row, hex);
		json_array_append_new(rows, json_pack("[sso]",
		    db_chain_table(ms.m[i].t), ms.m[i].key, row != NULL ?
		    json_string(hex) : json_null()));
		free(row);
	}
	json_object_set_new(detail, "rows", rows);
	rc = db_chain_marks_clear(db, err);
out:
	marks_free(&ms);
	return rc;
}

/* --- makhzan check ---------------------------------------------------- */

/* The last digest the chain recorded of a row (NULL hex: deleted). */
struct chain_row {
	int	 t;
	char	*key;
	char	 hex[CHAIN_HEX];
	int	 deleted;
	int	 seen;		/* the row is in the table */
	int64_t	 seq;
};

/* A document as the chain knows it: its entries, the lines they wrote. */
struct chain_doc {
	char	*number;
	int	 content;	/* an entry recorded its content */
	int64_t	 lines;		/* lines the entries wrote */
	int64_t	 last;		/* the last of them */
	char	 want[CHAIN_HEX];	/* the row's digest at the last entry */
	int64_t	 want_seq;	/* that entry */
};

/*
 * A makhzan sync renumber (bus/guard.c): the events after restored_seq,
 * written before entry seq, moved up by shift.  The postings' entries keep
 * the number their event had when they wrote it.
 */
struct chain_renumber {
	int64_t	 seq;
	int64_t	 after;
	int64_t	 shift;
};

struct chain_verify {
	struct wms		*w;
	struct chain_renumber	*renum;
	size_t			 nrenum, caprenum;
	void			(*fn)(const char *, void *);
	void			*arg;
	int			*bad;
	struct chain_row	*rows;
	size_t			 nrows, caprows;
	struct chain_marks	 marks;
	struct chain_doc	*docs;
	size_t			 ndocs, capdocs;
	char			 line[600];
	int			 rc;
	struct wms_err		*err;
};

static void
verify_say(struct chain_verify *v)
{
	v->fn(v->line, v->arg);
	(*v->bad)++;
}

/* Where the event an entry wrote is now, after the renumbers since. */
static int64_t
verify_event_seq(const struct chain_verify *v, int64_t entry, int64_t seq)
{
	size_t	i;

	for (i = 0; i < v->nrenum; i++)
		if (v->renum[i].seq > entry && seq > v->renum[i].after)
			seq += v->renum[i].shift;
	return seq;
}

/* Collect the renumbers, in the chain's order, before the postings. */
static int
verify_renumber(const struct db_audit_entry *e, void *arg)
{
	struct chain_verify	*v = arg;
	struct chain_renumber	*r;
	json_t			*d;
	json_int_t		 after, to;

	if (e->action == NULL || strcmp(e->action, "bus.renumber") != 0 ||
	    e->detail == NULL || (d = json_loads(e->detail, 0, NULL)) == NULL)
		return 0;
	if (json_unpack(d, "{s:I s:I}", "restored_seq", &after, "bus_seq",
	    &to) == 0 && to > after) {
		v->renum = xgrow(v->renum, v->nrenum, &v->caprenum,
		    sizeof *v->renum);
		r = &v->renum[v->nrenum++];
		r->seq = e->seq;
		r->after = after;
		r->shift = to - after;
	}
	json_decref(d);
	return 0;
}

/* A posting's content against the digests its entry recorded. */
static int
verify_content(struct chain_verify *v, const struct db_audit_entry *e,
    json_t *c)
{
	struct chain_parts	 p;
	json_int_t		 lo = 1, hi = 0, seq = 0;
	json_t			*ev;
	const char		*want;
	char			 hex[CHAIN_HEX];
	int			 rc;

	if (e->doc == NULL)
		return 0;
	json_unpack(c, "{s?:[II]}", "lines", &lo, &hi);
	if ((ev = json_object_get(c, "event")) != NULL)
		seq = verify_event_seq(v, e->seq, json_integer_value(ev));
	parts_init(&p);
	if ((rc = db_posting_content(wms_db(v->w), e->doc, lo, hi, seq,
	    parts_feed, &p, v->err)) < 0)
		return rc;
	if (rc == 0) {
		snprintf(v->line, sizeof v->line, _("audit: document %s of "
		    "entry %lld is missing"), e->doc, (long long)e->seq);
		verify_say(v);
		return 0;
	}
	/* The document's row: against its last entry (verify_doc_lines). */
	parts_hex(&p, DB_PART_DOC, hex);
	parts_hex(&p, DB_PART_MOVE, hex);
	if ((want = json_string_value(json_object_get(c, "movements"))) !=
	    NULL && strcmp(want, hex) != 0) {
		snprintf(v->line, sizeof v->line, _("audit: the movements of "
		    "%s (lines %lld to %lld) were changed after entry %lld "
		    "wrote them"), e->doc, (long long)lo, (long long)hi,
		    (long long)e->seq);
		verify_say(v);
	}
	parts_hex(&p, DB_PART_EVENT, hex);
	if ((want = json_string_value(json_object_get(c, "payload"))) !=
	    NULL && strcmp(want, hex) != 0) {
		snprintf(v->line, sizeof v->line, _("audit: the outbox event "
		    "%lld of %s was changed or deleted after entry %lld wrote "
		    "it"), (long long)seq, e->doc, (long long)e->seq);
		verify_say(v);
	}
	return 0;
}

static void
verify_rows_add(struct chain_verify *v, const struct db_audit_entry *e,
    json_t *rows)
{
	struct chain_row	*r;
	const char		*tbl, *key, *hex;
	json_t			*el;
	size_t			 i;
	int			 t;

	json_array_foreach(rows, i, el) {
		tbl = json_string_value(json_array_get(el, 0));
		key = json_string_value(json_array_get(el, 1));
		hex = json_string_value(json_array_get(el, 2));
		if (tbl == NULL || key == NULL ||
		    (t = chain_table_index(tbl)) < 0)
			continue;
		v->rows = xgrow(v->rows, v->nrows, &v->caprows,
		    sizeof *v->rows);
		r = &v->rows[v->nrows++];
		memset(r, 0, sizeof *r);
		r->t = t;
		r->key = xstrdup(key);
		r->deleted = hex == NULL;
		snprintf(r->hex, sizeof r->hex, "%s", hex != NULL ? hex : "");
		r->seq = e->seq;
	}
}

static int
verify_entry(const struct db_audit_entry *e, void *arg)
{
	struct chain_verify	*v = arg;
	struct chain_doc	*cd;
	json_t			*d, *c, *rows;
	json_int_t		 lo = 1, hi = 0;

	if (e->doc != NULL) {
		v->docs = xgrow(v->docs, v->ndocs, &v->capdocs,
		    sizeof *v->docs);
		cd = &v->docs[v->ndocs++];
		memset(cd, 0, sizeof *cd);
		cd->number = xstrdup(e->doc);
	}
	if (e->detail == NULL || (strstr(e->detail, "\"content\"") == NULL &&
	    strstr(e->detail, "\"rows\"") == NULL))
		return 0;
	if ((d = json_loads(e->detail, 0, NULL)) == NULL)
		return 0;	/* the chain's check names an edited detail */
	if ((c = json_object_get(d, "content")) != NULL && e->doc != NULL) {
		cd = &v->docs[v->ndocs - 1];
		cd->content = 1;
		snprintf(cd->want, sizeof cd->want, "%s", json_string_value(
		    json_object_get(c, "document")) != NULL ?
		    json_string_value(json_object_get(c, "document")) : "");
		cd->want_seq = e->seq;
		if (json_unpack(c, "{s:[II]}", "lines", &lo, &hi) == 0 &&
		    hi >= lo) {
			cd->lines = hi - lo + 1;
			cd->last = hi;
		}
	}
	if (c != NULL && (v->rc = verify_content(v, e, c)) != 0) {
		json_decref(d);
		return 1;
	}
	if ((rows = json_object_get(d, "rows")) != NULL)
		verify_rows_add(v, e, rows);
	json_decref(d);
	return 0;
}

/* By table, key, then entry: the last of equal rows is the one that holds. */
static int
row_cmp(const void *a, const void *b)
{
	const struct chain_row	*x = a, *y = b;
	int			 c;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The last recorded digest of table t, key: NULL when none. */
static struct chain_row *
verify_find(struct chain_verify *v, int t, const char *key)
{
	size_t	lo = 0, hi = v->nrows, mid;
	int	c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = v->rows[mid].t != t ? (v->rows[mid].t < t ? -1 : 1) :
		    strcmp(v->rows[mid].key, key);
		if (c < 0)
			lo = mid + 1;
		else if (c > 0)
			hi = mid;
		else {
			while (mid + 1 < v->nrows && v->rows[mid + 1].t == t &&
			    strcmp(v->rows[mid + 1].key, key) == 0)
				mid++;
			return &v->rows[mid];
		}
	}
	return NULL;
}

static int
verify_marked(const struct chain_verify *v, int t, const char *key,
    int migration)
{
	size_t i;

	for (i = 0; i < v->marks.n; i++)
		if (v->marks.m[i].t == t && v->marks.m[i].migration ==
		    migration && strcmp(v->marks.m[i].key, key) == 0)
			return 1;
	return 0;
}

/* How a row is named in a message: its code, path or name, else its key. */
static void
verify_label(int t, const char *key, const char *content, char *out,
    size_t len)
{
	json_t		*a;
	const char	*s = NULL;

	a = chain_what[t].label >= 0 ? json_loads(content, 0, NULL) : NULL;
	if (a != NULL)
		s = json_string_value(json_array_get(a, chain_what[t].label));
	snprintf(out, len, "%s", s != NULL ? s : key);
	json_decref(a);
}

struct verify_table {
	struct chain_verify	*v;
	int			 t;
};

static int
verify_table_row(const char *key, const char *content, void *arg)
{
	struct verify_table	*vt = arg;
	struct chain_verify	*v = vt->v;
	struct chain_row	*r;
	char			 hex[CHAIN_HEX], label[128];
	const char		*what = _(chain_what[vt->t].what);

	verify_label(vt->t, key, content, label, sizeof label);
	if ((r = verify_find(v, vt->t, key)) == NULL) {
		if (verify_marked(v, vt->t, key, 1))
			return 0;	/* from before 0008 */
		snprintf(v->line, sizeof v->line, _("audit: %s %s is not in "
		    "the audit chain: it was added outside makhzan"), what,
		    label);
		verify_say(v);
		return 0;
	}
	r->seen = 1;
	chain_hex(content, hex);
	if (r->deleted || strcmp(hex, r->hex) != 0) {
		snprintf(v->line, sizeof v->line, _("audit: %s %s was changed "
		    "outside makhzan: it does not match audit entry %lld"),
		    what, label, (long long)r->seq);
		verify_say(v);
	}
	return 0;
}

/* The rows the chain recorded against the tables as they are. */
static int
verify_rows(struct chain_verify *v, struct wms_err *err)
{
	struct verify_table	 vt = { v, 0 };
	size_t			 i;
	int			 rc;

	if (v->nrows > 1)
		qsort(v->rows, v->nrows, sizeof *v->rows, row_cmp);
	for (vt.t = 0; vt.t < DB_CHAIN_NTABLES; vt.t++)
		if ((rc = db_chain_each(wms_db(v->w), vt.t, verify_table_row,
		    &vt, err)) != 0)
			return rc;
	for (i = 0; i < v->nrows; i++) {
		/* Only the last of a row's digests holds. */
		if (i + 1 < v->nrows && v->rows[i + 1].t == v->rows[i].t &&
		    strcmp(v->rows[i + 1].key, v->rows[i].key) == 0)
			continue;
		if (v->rows[i].seen || v->rows[i].deleted)
			continue;
		snprintf(v->line, sizeof v->line, _("audit: %s %s was deleted "
		    "outside makhzan (audit entry %lld wrote it)"),
		    _(chain_what[v->rows[i].t].what), v->rows[i].key,
		    (long long)v->rows[i].seq);
		verify_say(v);
	}
	for (i = 0; i < v->marks.n; i++) {
		char	*row = NULL, label[128];
		int	 t = v->marks.m[i].t;

		if (v->marks.m[i].migration)
			continue;
		if (db_chain_row(wms_db(v->w), t, v->marks.m[i].key, &row,
		    err) < 0)
			return WMS_ERR_DB;
		if (row != NULL)
			verify_label(t, v->marks.m[i].key, row, label,
			    sizeof label);
		else
			snprintf(label, sizeof label, "%s", v->marks.m[i].key);
		free(row);
		snprintf(v->line, sizeof v->line, _("audit: %s %s was changed "
		    "without an audit entry"), _(chain_what[t].what), label);
		verify_say(v);
	}
	return 0;
}

static int
doc_cmp(const void *a, const void *b)
{
	return strcmp(((const struct chain_doc *)a)->number,
	    ((const struct chain_doc *)b)->number);
}

/*
 * A document's movements against the lines its entries wrote: a
 * movement added outside makhzan (with its balances) has a line no entry
 * covers; a document no entry names was added outside makhzan.
 */
static int
verify_doc_lines(const char *number, int64_t n, int64_t last, void *arg)
{
	struct chain_verify	*v = arg;
	struct chain_doc	 key, *cd;
	struct chain_parts	 p;
	char			 hex[CHAIN_HEX];

	key.number = (char *)(uintptr_t)number;
	cd = v->ndocs == 0 ? NULL : bsearch(&key, v->docs, v->ndocs,
	    sizeof *v->docs, doc_cmp);
	if (cd == NULL) {
		snprintf(v->line, sizeof v->line, _("audit: document %s is not "
		    "in the audit chain: it was added outside makhzan"),
		    number);
		verify_say(v);
		return 0;
	}
	if (cd->content && (n != cd->lines || last != cd->last)) {
		snprintf(v->line, sizeof v->line, _("audit: document %s has "
		    "%lld movements but its audit entries wrote %lld: "
		    "movements were added or removed outside makhzan"),
		    number, (long long)n, (long long)cd->lines);
		verify_say(v);
	}
	if (cd->want[0] != '\0') {
		parts_init(&p);
		if ((v->rc = db_posting_content(wms_db(v->w), number, 1, 0, 0,
		    parts_feed, &p, v->err)) < 0)
			return 1;
		v->rc = 0;
		parts_hex(&p, DB_PART_DOC, hex);
		if (strcmp(hex, cd->want) != 0) {
			snprintf(v->line, sizeof v->line, _("audit: document "
			    "%s was changed after entry %lld wrote it (a field "
			    "such as its status, cost centre, reason or "
			    "depot)"), number, (long long)cd->want_seq);
			verify_say(v);
		}
	}
	return 0;
}

/* The entries of each document merged into one (by number). */
static int
verify_docs(struct chain_verify *v, struct wms_err *err)
{
	size_t	i, k = 0;
	int	rc;

	if (v->ndocs > 1)
		qsort(v->docs, v->ndocs, sizeof *v->docs, doc_cmp);
	for (i = 0; i < v->ndocs; i++) {
		if (k > 0 && strcmp(v->docs[k - 1].number,
		    v->docs[i].number) == 0) {
			struct chain_doc *d = &v->docs[k - 1];

			d->content |= v->docs[i].content;
			if (v->docs[i].want_seq > d->want_seq) {
				memcpy(d->want, v->docs[i].want,
				    sizeof d->want);
				d->want_seq = v->docs[i].want_seq;
			}
			d->lines += v->docs[i].lines;
			if (v->docs[i].last > d->last)
				d->last = v->docs[i].last;
			free(v->docs[i].number);
			continue;
		}
		v->docs[k++] = v->docs[i];
	}
	v->ndocs = k;
	rc = db_doc_lines_each(wms_db(v->w), verify_doc_lines, v, err);
	return rc != 0 ? rc : v->rc;
}

/* --- the schema --------------------------------------------------------- */

struct schema_obj {
	char	*type, *name, *sql;
};

struct schema_list {
	struct schema_obj	*o;
	size_t			 n, cap;
};

/*
 * SQL text as compared: comments out, each run of white space one space.
 * A comment reworded in a shipped migration after a database was made
 * from it is not an alteration of the schema.
 */
static char *
schema_norm(const char *sql)
{
	char	*out = xmalloc(strlen(sql) + 1), *o = out;
	int	 quote = 0, space = 0;

	for (; *sql != '\0'; sql++) {
		if (!quote && sql[0] == '-' && sql[1] == '-') {
			while (sql[1] != '\0' && sql[1] != '\n')
				sql++;
			space = 1;
			continue;
		}
		if (!quote && (*sql == ' ' || *sql == '\t' || *sql == '\n' ||
		    *sql == '\r')) {
			space = 1;
			continue;
		}
		if (space && o != out)
			*o++ = ' ';
		space = 0;
		if (*sql == '\'')
			quote = !quote;
		*o++ = *sql;
	}
	*o = '\0';
	return out;
}

static int
schema_add(const struct db_schema_obj *o, void *arg)
{
	struct schema_list *l = arg;

	l->o = xgrow(l->o, l->n, &l->cap, sizeof *l->o);
	l->o[l->n].type = xstrdup(o->type != NULL ? o->type : "");
	l->o[l->n].name = xstrdup(o->name != NULL ? o->name : "");
	l->o[l->n].sql = schema_norm(o->sql != NULL ? o->sql : "");
	l->n++;
	return 0;
}

static void
schema_free(struct schema_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->o[i].type);
		free(l->o[i].name);
		free(l->o[i].sql);
	}
	free(l->o);
}

static int
schema_cmp(const struct schema_obj *a, const struct schema_obj *b)
{
	int c;

	if ((c = strcmp(a->type, b->type)) != 0)
		return c;
	return strcmp(a->name, b->name);
}

/*
 * The file's schema against the one this binary's migrations make: every
 * table, index, view and trigger (the append-only ones among them) with
 * the same SQL text.
 */
static int
verify_schema(struct chain_verify *v, struct wms_err *err)
{
	struct schema_list	 want = { NULL, 0, 0 }, have = { NULL, 0, 0 };
	size_t			 i = 0, k = 0;
	int			 rc, c;

	if ((rc = db_schema_each(wms_db(v->w), 1, schema_add, &want,
	    err)) != 0 ||
	    (rc = db_schema_each(wms_db(v->w), 0, schema_add, &have,
	    err)) != 0)
		goto out;
	while (i < want.n || k < have.n) {
		c = i == want.n ? 1 : k == have.n ? -1 :
		    schema_cmp(&want.o[i], &have.o[k]);
		if (c < 0) {
			snprintf(v->line, sizeof v->line, _("schema: %s %s is "
			    "missing (dropped)"), want.o[i].type,
			    want.o[i].name);
			verify_say(v);
			i++;
		} else if (c > 0) {
			snprintf(v->line, sizeof v->line, _("schema: %s %s is "
			    "not part of makhzan's schema (added)"),
			    have.o[k].type, have.o[k].name);
			verify_say(v);
			k++;
		} else {
			if (strcmp(want.o[i].sql, have.o[k].sql) != 0) {
				snprintf(v->line, sizeof v->line, _("schema: "
				    "%s %s differs from the shipped schema "
				    "(altered)"), want.o[i].type,
				    want.o[i].name);
				verify_say(v);
			}
			i++;
			k++;
		}
	}
out:
	schema_free(&want);
	schema_free(&have);
	return rc;
}

int
wms_chain_verify(struct wms *w, void (*fn)(const char *, void *), void *arg,
    int *bad, struct wms_err *err)
{
	struct chain_verify	v;
	size_t			i;
	int			rc;

	memset(&v, 0, sizeof v);
	v.w = w;
	v.fn = fn;
	v.arg = arg;
	v.bad = bad;
	v.err = err;
	if ((rc = verify_schema(&v, err)) != 0)
		return rc;
	/* Without the table of marks (dropped: the schema said so), none. */
	if (db_chain_marks_each(wms_db(w), marks_add, &v.marks, NULL) != 0)
		marks_free(&v.marks);
	rc = db_audit_each(wms_db(w), verify_renumber, &v, err);
	if (rc == 0)
		rc = db_audit_each(wms_db(w), verify_entry, &v, err);
	if (rc == 0)
		rc = v.rc;
	if (rc == 0)
		rc = verify_rows(&v, err);
	if (rc == 0)
		rc = verify_docs(&v, err);
	for (i = 0; i < v.ndocs; i++)
		free(v.docs[i].number);
	free(v.docs);
	for (i = 0; i < v.nrows; i++)
		free(v.rows[i].key);
	free(v.rows);
	free(v.renum);
	marks_free(&v.marks);
	return rc;
}
