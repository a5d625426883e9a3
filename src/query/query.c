/* The queries (README.md "Queries"). Each reads the store with a few
 * indexed statements (mentions by entity, edges by endpoint, units by
 * document: store.c creates the indexes) and writes its result into a
 * memory buffer that is copied out only when the query succeeded. */
#define _POSIX_C_SOURCE 200809L
#include "query/query.h"
#include "core/alloc.h"
#include "core/error.h"

#include <stdlib.h>
#include <string.h>

/* " AND e.type IN (…)" for the query's type mask, or "" for all. */
static void type_clause(char *out, size_t n, unsigned types)
{
	static const char *const names[] = {"org", "zone", "programme", "place"};
	size_t len;
	int i, first = 1;

	out[0] = '\0';
	if (types == 0 || (types & GX_TYPE_ALL) == GX_TYPE_ALL)
		return;
	snprintf(out, n, " AND e.type IN (");
	for (i = 0; i < 4; i++) {
		if (!(types & (1u << i)))
			continue;
		len = strlen(out);
		snprintf(out + len, n - len, "%s'%s'", first ? "" : ",", names[i]);
		first = 0;
	}
	len = strlen(out);
	snprintf(out + len, n - len, ")");
}

static unsigned rows(const gx_query *q, unsigned dflt)
{
	return q->n ? q->n : dflt;
}

const char *gx_query__text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? (const char *)t : "";
}

void gx_query__json_entity(FILE *fp, const gx_qentity *e)
{
	fputs("{\"id\": ", fp);
	gx_json_num(fp, (double)e->id);
	fputs(", \"name\": ", fp);
	gx_json_str(fp, e->name);
	fputs(", \"type\": ", fp);
	gx_json_str(fp, e->type);
	fputs(", \"via\": ", fp);
	gx_json_str(fp, e->via);
	fputc('}', fp);
}

/* ---- evidence: units mentioning two entities ------------------------------- */

/* A tie's evidence is its units, cued ones first, each kind in document
 * order. The evidence table holds the first GX_STORE_EVIDENCE of them for
 * every edge (derive.c), which is what partners and path show; more than
 * that is read from the mentions. */
#define STORED_UNITS                                                                               \
	"SELECT d.path, v.idx, u.text, u.cued FROM evidence v JOIN units u ON u.doc = v.doc AND "  \
	"u.idx = v.idx JOIN documents d ON d.id = v.doc WHERE v.a = ?1 AND v.b = ?2 ORDER BY "     \
	"v.rank LIMIT ?3"

/* The units mentioning both ?1 and ?2 whose cue flag matches `cued`, in
 * document order, at most `limit`. It starts from ?1's mentions, so bind the
 * rarer entity there (CROSS JOIN keeps SQLite from reordering); GROUP BY
 * follows the index order, so the scan stops at the limit. */
#define CO_UNITS(cued, limit)                                                                      \
	"SELECT * FROM (SELECT d.path AS path, u.idx AS idx, u.text AS text, u.cued AS cued, "     \
	"m1.doc AS doc FROM mentions m1 CROSS JOIN mentions m2 ON m2.entity = ?2 AND "             \
	"m2.doc = m1.doc AND m2.unit = m1.unit JOIN units u ON u.doc = m1.doc AND "                \
	"u.idx = m1.unit JOIN documents d ON d.id = m1.doc WHERE m1.entity = ?1 AND u.cued " cued  \
	" GROUP BY m1.doc, m1.unit LIMIT " limit ")"

/* Cued and plain units are taken separately, each pass stopping at as many
 * as the edge has of its kind (edges.cued, count - cued) or the caller
 * wants, rather than sorting every shared unit by its flag: two hubs of a
 * 200 MB corpus share 19k units, and the sort took 0.9 s. A pass that
 * would find nothing (LIMIT 0) does not run, so a tie whose units are all
 * cued is not scanned to its end for plain ones. */
#define SCAN_UNITS                                                                                 \
	"SELECT path, idx, text, cued FROM (" CO_UNITS("> 0", "?3") " UNION ALL " CO_UNITS(        \
	    "= 0", "?4") ") ORDER BY cued DESC, doc, idx"

int gx_query__evidence_open(qctx *x, gx_qevidence *ev)
{
	int error;

	memset(ev, 0, sizeof *ev);
	if ((error = gx_store__prepare(x->st, &ev->stored, STORED_UNITS)) < 0 ||
	    (error = gx_store__prepare(x->st, &ev->scan, SCAN_UNITS)) < 0)
		gx_query__evidence_close(ev);
	return error;
}

void gx_query__evidence_close(gx_qevidence *ev)
{
	sqlite3_finalize(ev->stored);
	sqlite3_finalize(ev->scan);
	memset(ev, 0, sizeof *ev);
}

static int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

sqlite3_stmt *gx_query__evidence_bind(gx_qevidence *ev, const gx_qentity *a, const gx_qentity *b,
				      int64_t count, int64_t cued, int64_t limit)
{
	int64_t want_cued, want_plain;

	if ((limit >= 0 && limit <= GX_STORE_EVIDENCE) || count <= GX_STORE_EVIDENCE) {
		sqlite3_reset(ev->stored);
		sqlite3_bind_int64(ev->stored, 1, min64(a->id, b->id));
		sqlite3_bind_int64(ev->stored, 2, a->id < b->id ? b->id : a->id);
		sqlite3_bind_int64(ev->stored, 3, limit);
		return ev->stored;
	}
	want_cued = limit < 0 ? cued : min64(limit, cued);
	want_plain = limit < 0 ? count - cued : min64(limit - want_cued, count - cued);
	sqlite3_reset(ev->scan);
	sqlite3_bind_int64(ev->scan, 1, a->mentions <= b->mentions ? a->id : b->id);
	sqlite3_bind_int64(ev->scan, 2, a->mentions <= b->mentions ? b->id : a->id);
	sqlite3_bind_int64(ev->scan, 3, want_cued);
	sqlite3_bind_int64(ev->scan, 4, want_plain < 0 ? 0 : want_plain);
	return ev->scan;
}

void gx_query__json_unit(FILE *fp, sqlite3_stmt *s)
{
	fputs("{\"doc\": ", fp);
	gx_json_str(fp, gx_query__text(s, 0));
	fputs(", \"unit\": ", fp);
	gx_json_num(fp, (double)sqlite3_column_int64(s, 1));
	fputs(", \"cued\": ", fp);
	fputs(sqlite3_column_int(s, 3) ? "true" : "false", fp);
	fputs(", \"text\": ", fp);
	gx_json_str(fp, gx_query__text(s, 2));
	fputc('}', fp);
}

/* Writes the evidence rows of the prepared statement: a JSON array, or note
 * lines under the table's last row. */
static int evidence(qctx *x, sqlite3_stmt *s, gx_qtable *t)
{
	gx_buf line = GX_BUF_INIT;
	int rc, k = 0;

	if (x->q->json)
		fputc('[', x->fp);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (x->q->json) {
			fputs(k++ ? ", " : "", x->fp);
			gx_query__json_unit(x->fp, s);
			continue;
		}
		gx_buf_clear(&line);
		gx_buf_printf(&line, "%s%s#%lld: %s", sqlite3_column_int(s, 3) ? "* " : "",
			      gx_query__text(s, 0), (long long)sqlite3_column_int64(s, 1),
			      gx_query__text(s, 2));
		if (t)
			gx_qtable_note(t, line.ptr);
		else
			fprintf(x->fp, "  %s\n", line.ptr);
	}
	if (x->q->json)
		fputc(']', x->fp);
	gx_buf_dispose(&line);
	return rc == SQLITE_DONE ? GX_OK : gx_store__fail(x->st, "reading evidence");
}

/* ---- partners ------------------------------------------------------------------- */

static int partners_stmt(qctx *x, sqlite3_stmt **s)
{
	char types[128], sql[1024];

	type_clause(types, sizeof types, x->q->types);
	snprintf(
	    sql, sizeof sql,
	    "SELECT e.id, e.name, e.type || CASE e.subtype WHEN '' THEN '' ELSE '/' || "
	    "e.subtype END, e.mentions, g.count, g.docs, g.cued, g.assoc, g.jaccard, g.cosine, "
	    "g.pmi FROM (SELECT b AS p, count, docs, cued, assoc, jaccard, cosine, pmi FROM "
	    "edges WHERE a = ?1 UNION ALL SELECT a, count, docs, cued, assoc, jaccard, cosine, "
	    "pmi FROM edges WHERE b = ?1) g JOIN entities e ON e.id = g.p WHERE 1%s%s "
	    "ORDER BY %sg.count DESC, g.docs DESC, e.name LIMIT ?2",
	    types, x->q->cued ? " AND g.cued > 0" : "", x->q->cued ? "g.cued DESC, " : "");
	return gx_store__prepare(x->st, s, sql);
}

static void json_partner(FILE *fp, sqlite3_stmt *s, unsigned rank)
{
	static const char *const w[] = {"assoc", "jaccard", "cosine", "pmi"};
	int i;

	fprintf(fp, "\n    {\"rank\": %u, \"id\": %lld, \"name\": ", rank,
		(long long)sqlite3_column_int64(s, 0));
	gx_json_str(fp, gx_query__text(s, 1));
	fputs(", \"type\": ", fp);
	gx_json_str(fp, gx_query__text(s, 2));
	fprintf(fp, ", \"count\": %lld, \"docs\": %lld, \"cued\": %lld, \"weights\": {",
		(long long)sqlite3_column_int64(s, 4), (long long)sqlite3_column_int64(s, 5),
		(long long)sqlite3_column_int64(s, 6));
	for (i = 0; i < 4; i++) {
		fprintf(fp, "%s\"%s\": ", i ? ", " : "", w[i]);
		gx_json_num(fp, sqlite3_column_double(s, 7 + i));
	}
	fputs("}, \"evidence\": ", fp);
}

static void table_partner(gx_qtable *t, sqlite3_stmt *s, unsigned rank)
{
	char r[16], c[24], d[24], q[24];
	const char *cells[6];

	snprintf(r, sizeof r, "%u", rank);
	snprintf(c, sizeof c, "%lld", (long long)sqlite3_column_int64(s, 4));
	snprintf(d, sizeof d, "%lld", (long long)sqlite3_column_int64(s, 5));
	snprintf(q, sizeof q, "%lld", (long long)sqlite3_column_int64(s, 6));
	cells[0] = r;
	cells[1] = gx_query__text(s, 1);
	cells[2] = gx_query__text(s, 2);
	cells[3] = c;
	cells[4] = d;
	cells[5] = q;
	gx_qtable_row(t, cells);
}

static int partners(qctx *x, const gx_qentity *a)
{
	static const char *head[] = {"#", "partner", "type", "count", "docs", "cued"};
	static const int right[] = {1, 0, 0, 1, 1, 1};
	sqlite3_stmt *s = NULL;
	gx_qevidence ev;
	gx_qtable t;
	unsigned rank = 0;
	int rc, error;

	gx_qtable_init(&t, 6, head, right);
	memset(&ev, 0, sizeof ev);
	if ((error = partners_stmt(x, &s)) < 0 || (error = gx_query__evidence_open(x, &ev)) < 0)
		goto done;
	sqlite3_bind_int64(s, 1, a->id);
	sqlite3_bind_int(s, 2, (int)rows(x->q, 10));
	if (x->q->json) {
		fputs("{\"query\": ", x->fp);
		gx_json_str(x->fp, x->q->a);
		fputs(", \"entity\": ", x->fp);
		gx_query__json_entity(x->fp, a);
		fprintf(x->fp, ", \"cued_only\": %s, \"partners\": [",
			x->q->cued ? "true" : "false");
	} else {
		fprintf(x->fp, "partners of %s (%s)%s\n", a->name, a->type,
			x->q->cued ? ", ties stated by a cue" : "");
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && error == GX_OK) {
		gx_qentity p = {0};

		p.id = sqlite3_column_int64(s, 0);
		p.mentions = sqlite3_column_int64(s, 3);
		rank++;
		if (x->q->json) {
			fputs(rank > 1 ? "," : "", x->fp);
			json_partner(x->fp, s, rank);
		} else {
			table_partner(&t, s, rank);
		}
		error =
		    evidence(x,
			     gx_query__evidence_bind(&ev, a, &p, sqlite3_column_int64(s, 4),
						     sqlite3_column_int64(s, 6), x->q->evidence),
			     &t);
		if (x->q->json)
			fputc('}', x->fp);
	}
	if (error == GX_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		error = gx_store__fail(x->st, "reading partners");
	if (x->q->json)
		fputs("\n  ]}\n", x->fp);
	else if (rank == 0)
		fputs("(no partners)\n", x->fp);
	else
		gx_qtable_print(&t, x->fp);
done:
	sqlite3_finalize(s);
	gx_query__evidence_close(&ev);
	gx_qtable_dispose(&t);
	return error;
}

/* ---- pair ------------------------------------------------------------------------ */

static void edge_counts(qctx *x, int64_t a, int64_t b, int64_t *count, int64_t *cued)
{
	sqlite3_stmt *s = NULL;

	*count = *cued = 0;
	if (gx_store__prepare(x->st, &s, "SELECT count, cued FROM edges WHERE a = ? AND b = ?") < 0)
		return;
	sqlite3_bind_int64(s, 1, a < b ? a : b);
	sqlite3_bind_int64(s, 2, a < b ? b : a);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*count = sqlite3_column_int64(s, 0);
		*cued = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
}

static int pair(qctx *x, const gx_qentity *a, const gx_qentity *b)
{
	sqlite3_stmt *s;
	gx_qevidence ev;
	int64_t count, cued;
	int error;

	if ((error = gx_query__evidence_open(x, &ev)) < 0)
		return error;
	edge_counts(x, a->id, b->id, &count, &cued);
	s = gx_query__evidence_bind(&ev, a, b, count, cued, x->q->n ? (int64_t)x->q->n : -1);
	if (x->q->json) {
		fputs("{\"a\": ", x->fp);
		gx_query__json_entity(x->fp, a);
		fputs(", \"b\": ", x->fp);
		gx_query__json_entity(x->fp, b);
		fprintf(x->fp,
			", \"count\": %lld, \"cued\": %lld, \"sentences\": ", (long long)count,
			(long long)cued);
		error = evidence(x, s, NULL);
		fputs("}\n", x->fp);
	} else {
		fprintf(x->fp, "%s (%s) and %s (%s): %lld sentences, %lld stating a tie (*)\n",
			a->name, a->type, b->name, b->type, (long long)count, (long long)cued);
		error = evidence(x, s, NULL);
	}
	gx_query__evidence_close(&ev);
	return error;
}

/* ---- top ------------------------------------------------------------------------- */

static const char *const measures[] = {"degree",   "strength",    "betweenness", "closeness",
				       "harmonic", "eigenvector", "pagerank",    "mentions",
				       "docs",     "units",       NULL};

/* How the store's measures were computed (meta, derive.c). */
typedef struct {
	int fast;         /* --measures fast: no path-based measures, no eigenvector */
	int sampled;      /* the path-based ones are estimates */
	unsigned sources; /* shortest-path sources they were computed from */
	unsigned seed;    /* of the source sample */
} measures_info;

static void read_measures_info(qctx *x, measures_info *mi)
{
	sqlite3_stmt *s = NULL;

	memset(mi, 0, sizeof *mi);
	if (gx_store__prepare(x->st, &s,
			      "SELECT key, value FROM meta WHERE key IN ('measures', 'paths', "
			      "'path_sources', 'path_seed')") < 0)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *k = gx_query__text(s, 0), *v = gx_query__text(s, 1);

		if (strcmp(k, "measures") == 0)
			mi->fast = strcmp(v, "fast") == 0;
		else if (strcmp(k, "paths") == 0)
			mi->sampled = strcmp(v, "sampled") == 0;
		else if (strcmp(k, "path_sources") == 0)
			mi->sources = (unsigned)strtoul(v, NULL, 10);
		else
			mi->seed = (unsigned)strtoul(v, NULL, 10);
	}
	sqlite3_finalize(s);
}

static int is_path_measure(const char *m)
{
	return strcmp(m, "betweenness") == 0 || strcmp(m, "closeness") == 0 ||
	       strcmp(m, "harmonic") == 0;
}

/* The note printed beside estimated path-based measures. */
static void sampled_note(FILE *fp, const measures_info *mi, const char *lead)
{
	fprintf(fp,
		"%sbetweenness, closeness and harmonic are estimated from %u sampled "
		"shortest-path sources (seed %u; README \"Measures\")\n",
		lead, mi->sources, mi->seed);
}

/* "paths": how the path-based measures were computed, in JSON answers. */
static void json_paths(FILE *fp, const measures_info *mi)
{
	if (mi->fast || mi->sources == 0)
		fputs(", \"paths\": null", fp);
	else
		fprintf(fp, ", \"paths\": {\"method\": \"%s\", \"sources\": %u, \"seed\": %u}",
			mi->sampled ? "sampled" : "exact", mi->sources, mi->seed);
}

/* Whether the store holds `measure` (a fast build leaves the path-based
 * ones and eigenvector centrality NULL). */
static int computed(const measures_info *mi, const char *measure)
{
	return !mi->fast || !(is_path_measure(measure) || strcmp(measure, "eigenvector") == 0);
}

static int top(qctx *x)
{
	static const char *head[] = {"#", "name", "type", "value", "degree", "mentions"};
	static const int right[] = {1, 0, 0, 1, 1, 1};
	const char *by = x->q->by ? x->q->by : "degree";
	char types[128], sql[512], r[16], v[32], d[24], m[24];
	sqlite3_stmt *s = NULL;
	measures_info mi;
	gx_qtable t;
	unsigned rank = 0;
	int i, rc, error;

	for (i = 0; measures[i] && strcmp(measures[i], by) != 0; i++)
		;
	if (measures[i] == NULL)
		return gx_error_set(GX_EINVAL,
				    "unknown measure '%s' (degree, strength, betweenness, "
				    "closeness, harmonic, eigenvector, pagerank, mentions, docs, "
				    "units)",
				    by);
	read_measures_info(x, &mi);
	if (!computed(&mi, measures[i]))
		return gx_error_set(
		    GX_ENOTFOUND,
		    "the store has no %s: it was built with --measures fast "
		    "(update it with 'guanxi build --db FILE --measures full PATH...')",
		    measures[i]);
	type_clause(types, sizeof types, x->q->types);
	snprintf(sql, sizeof sql,
		 "SELECT e.name, e.type || CASE e.subtype WHEN '' THEN '' ELSE '/' || e.subtype "
		 "END, e.%s, e.degree, e.mentions FROM entities e WHERE 1%s ORDER BY e.%s DESC, "
		 "e.mentions DESC, e.name LIMIT ?",
		 measures[i], types, measures[i]);
	if ((error = gx_store__prepare(x->st, &s, sql)) < 0)
		return error;
	sqlite3_bind_int(s, 1, (int)rows(x->q, 10));
	gx_qtable_init(&t, 6, head, right);
	head[3] = measures[i];
	if (x->q->json)
		fprintf(x->fp, "{\"by\": \"%s\", \"entities\": [", measures[i]);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		rank++;
		if (x->q->json) {
			fprintf(x->fp, "%s\n    {\"rank\": %u, \"name\": ", rank > 1 ? "," : "",
				rank);
			gx_json_str(x->fp, gx_query__text(s, 0));
			fputs(", \"type\": ", x->fp);
			gx_json_str(x->fp, gx_query__text(s, 1));
			fputs(", \"value\": ", x->fp);
			gx_json_num(x->fp, sqlite3_column_double(s, 2));
			fprintf(x->fp, ", \"degree\": %lld, \"mentions\": %lld}",
				(long long)sqlite3_column_int64(s, 3),
				(long long)sqlite3_column_int64(s, 4));
			continue;
		}
		snprintf(r, sizeof r, "%u", rank);
		snprintf(v, sizeof v, "%.6g", sqlite3_column_double(s, 2));
		snprintf(d, sizeof d, "%lld", (long long)sqlite3_column_int64(s, 3));
		snprintf(m, sizeof m, "%lld", (long long)sqlite3_column_int64(s, 4));
		gx_qtable_row(&t, (const char *const[]){r, gx_query__text(s, 0),
							gx_query__text(s, 1), v, d, m});
	}
	if (rc != SQLITE_DONE) {
		error = gx_store__fail(x->st, "reading entities");
	} else if (x->q->json) {
		fputs("\n  ]", x->fp);
		if (is_path_measure(measures[i]))
			json_paths(x->fp, &mi);
		fputs("}\n", x->fp);
	} else {
		gx_qtable_print(&t, x->fp);
		if (is_path_measure(measures[i]) && mi.sampled)
			sampled_note(x->fp, &mi, "note: ");
	}
	head[3] = "value";
	sqlite3_finalize(s);
	gx_qtable_dispose(&t);
	return error;
}

/* ---- candidates ------------------------------------------------------------------- */

/* Other surfaces of entity `id` (not mere Traditional or full-width
 * spellings of its name, which folding finds anyway), joined with '|'. */
static void other_surfaces(qctx *x, int64_t id, const char *name, gx_buf *out)
{
	sqlite3_stmt *s = NULL;

	gx_buf_clear(out);
	gx_buf_puts(out, "");
	if (gx_store__prepare(
		x->st, &s,
		"SELECT DISTINCT folded FROM aliases WHERE entity = ? AND folded != ? "
		"ORDER BY count DESC, folded") < 0)
		return;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (out->len)
			gx_buf_putc(out, '|');
		gx_buf_puts(out, gx_query__text(s, 0));
	}
	sqlite3_finalize(s);
}

static int sample_stmt(qctx *x, sqlite3_stmt **s)
{
	return gx_store__prepare(
	    x->st, s,
	    "SELECT d.path, u.idx, u.text, u.cued FROM mentions m JOIN units u "
	    "ON u.doc = m.doc AND u.idx = m.unit JOIN documents d ON d.id = "
	    "m.doc WHERE m.entity = ? ORDER BY m.doc, m.unit LIMIT 1");
}

static void candidate(qctx *x, sqlite3_stmt *s, sqlite3_stmt *sample, gx_buf *al, unsigned rank)
{
	const char *name = gx_query__text(s, 1), *type = gx_query__text(s, 2);
	long long mentions = sqlite3_column_int64(s, 3), docs = sqlite3_column_int64(s, 4);
	int have;

	other_surfaces(x, sqlite3_column_int64(s, 0), name, al);
	sqlite3_reset(sample);
	sqlite3_bind_int64(sample, 1, sqlite3_column_int64(s, 0));
	have = sqlite3_step(sample) == SQLITE_ROW;
	if (x->q->json) {
		fprintf(x->fp, "%s\n    {\"rank\": %u, \"name\": ", rank > 1 ? "," : "", rank);
		gx_json_str(x->fp, name);
		fputs(", \"type\": ", x->fp);
		gx_json_str(x->fp, type);
		fprintf(x->fp, ", \"mentions\": %lld, \"docs\": %lld, \"aliases\": ", mentions,
			docs);
		gx_json_str(x->fp, al->ptr);
		fputs(", \"sample\": ", x->fp);
		if (have)
			gx_query__json_unit(x->fp, sample);
		else
			fputs("null", x->fp);
		fputc('}', x->fp);
		return;
	}
	fprintf(x->fp, "# %lld mentions in %lld documents; %s#%lld: %s\n", mentions, docs,
		have ? gx_query__text(sample, 0) : "?",
		have ? (long long)sqlite3_column_int64(sample, 1) : 0,
		have ? gx_query__text(sample, 2) : "");
	fprintf(x->fp, "%s\t%s%s%s\n", name, type, al->len ? "\t" : "", al->ptr);
}

static int candidates(qctx *x)
{
	char types[128], sql[512];
	sqlite3_stmt *s = NULL, *sample = NULL;
	gx_buf al = GX_BUF_INIT;
	unsigned rank = 0;
	int rc = SQLITE_DONE, error;

	type_clause(types, sizeof types, x->q->types);
	snprintf(sql, sizeof sql,
		 "SELECT e.id, e.name, e.type || CASE e.subtype WHEN '' THEN '' ELSE '/' || "
		 "e.subtype END, e.mentions, e.docs FROM entities e WHERE e.pattern > 0 AND "
		 "e.dict = 0 AND e.context = 0%s ORDER BY e.mentions DESC, e.docs DESC, e.name "
		 "LIMIT ?",
		 types);
	if ((error = gx_store__prepare(x->st, &s, sql)) < 0 ||
	    (error = sample_stmt(x, &sample)) < 0)
		goto done;
	sqlite3_bind_int(s, 1, (int)rows(x->q, 50));
	if (x->q->json)
		fputs("{\"candidates\": [", x->fp);
	else
		fputs("# names found only by patterns, most frequent first, in the dictionary\n"
		      "# format (canonical<TAB>type<TAB>aliases): check, then paste\n",
		      x->fp);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		candidate(x, s, sample, &al, ++rank);
	if (rc != SQLITE_DONE)
		error = gx_store__fail(x->st, "reading candidates");
	else if (x->q->json)
		fputs("\n  ]}\n", x->fp);
done:
	sqlite3_finalize(s);
	sqlite3_finalize(sample);
	gx_buf_dispose(&al);
	return error;
}

/* ---- entity ----------------------------------------------------------------------- */

static const char *const counts[] = {"mentions", "docs", "units", "dict", "pattern", "context"};
static const char *const values[] = {"degree",   "strength",    "betweenness", "closeness",
				     "harmonic", "eigenvector", "pagerank"};

static void entity_aliases(qctx *x, const gx_qentity *e)
{
	sqlite3_stmt *s = NULL;
	int k = 0;

	if (gx_store__prepare(x->st, &s,
			      "SELECT surface, count FROM aliases WHERE entity = ? ORDER BY count "
			      "DESC, surface") < 0)
		return;
	sqlite3_bind_int64(s, 1, e->id);
	fputs(x->q->json ? ", \"aliases\": [" : "aliases:     ", x->fp);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (x->q->json) {
			fputs(k++ ? ", {\"surface\": " : "{\"surface\": ", x->fp);
			gx_json_str(x->fp, gx_query__text(s, 0));
			fprintf(x->fp, ", \"count\": %lld}", (long long)sqlite3_column_int64(s, 1));
		} else {
			fprintf(x->fp, "%s%s (%lld)", k++ ? ", " : "", gx_query__text(s, 0),
				(long long)sqlite3_column_int64(s, 1));
		}
	}
	fputs(x->q->json ? "]" : "\n", x->fp);
	sqlite3_finalize(s);
}

static int entity(qctx *x, const gx_qentity *e)
{
	sqlite3_stmt *s = NULL;
	measures_info mi;
	size_t i;
	int error;

	if ((error = gx_store__prepare(x->st, &s,
				       "SELECT mentions, docs, units, dict, pattern, context, "
				       "degree, strength, betweenness, closeness, harmonic, "
				       "eigenvector, pagerank, louvain, leiden FROM entities "
				       "WHERE id = ?")) < 0)
		return error;
	sqlite3_bind_int64(s, 1, e->id);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return gx_store__fail(x->st, "reading the entity");
	}
	if (x->q->json) {
		fprintf(x->fp, "{\"query\": ");
		gx_json_str(x->fp, x->q->a);
		fputs(", \"entity\": ", x->fp);
		gx_query__json_entity(x->fp, e);
		fputs(", \"name\": ", x->fp);
		gx_json_str(x->fp, e->name);
		fputs(", \"type\": ", x->fp);
		gx_json_str(x->fp, e->type);
	} else {
		fprintf(x->fp, "name:        %s\ntype:        %s\n", e->name, e->type);
	}
	entity_aliases(x, e);
	fputs(x->q->json ? ", \"counts\": {" : "counts:      ", x->fp);
	for (i = 0; i < 6; i++)
		fprintf(x->fp, x->q->json ? "%s\"%s\": %lld" : "%s%s %lld", i ? ", " : "",
			counts[i], (long long)sqlite3_column_int64(s, (int)i));
	fputs(x->q->json ? "}, \"measures\": {" : "\nmeasures:    ", x->fp);
	for (i = 0; i < 7; i++) {
		fprintf(x->fp, x->q->json ? "%s\"%s\": " : "%s%s ", i ? ", " : "", values[i]);
		if (sqlite3_column_type(s, (int)i + 6) == SQLITE_NULL)
			fputs(x->q->json ? "null" : "-", x->fp);
		else if (x->q->json)
			gx_json_num(x->fp, sqlite3_column_double(s, (int)i + 6));
		else
			fprintf(x->fp, "%.6g", sqlite3_column_double(s, (int)i + 6));
	}
	read_measures_info(x, &mi);
	if (x->q->json) {
		fputc('}', x->fp);
		json_paths(x->fp, &mi);
	} else {
		fputc('\n', x->fp);
		if (mi.sampled)
			sampled_note(x->fp, &mi, "note:        ");
	}
	fprintf(x->fp,
		x->q->json ? ", \"community\": {\"louvain\": %lld, \"leiden\": %lld}}\n"
			   : "community:   louvain %lld, leiden %lld\n",
		(long long)sqlite3_column_int64(s, 13), (long long)sqlite3_column_int64(s, 14));
	sqlite3_finalize(s);
	return GX_OK;
}

/* ---- dispatch ------------------------------------------------------------------- */

static void json_not_found(FILE *fp, const char *name, char **list)
{
	size_t i;

	fputs("{\"error\": \"not found\", \"query\": ", fp);
	gx_json_str(fp, name);
	fputs(", \"suggestions\": [", fp);
	for (i = 0; list && list[i]; i++) {
		fputs(i ? ", " : "", fp);
		gx_json_str(fp, list[i]);
	}
	fputs("]}\n", fp);
}

/* Resolves q->a (and q->b) as the query needs; on GX_ENOTFOUND the JSON
 * answer says so. */
static int resolve_args(qctx *x, gx_qentity *a, gx_qentity *b, FILE *out)
{
	const char *names[2] = {x->q->a, x->q->b};
	gx_qentity *ents[2] = {a, b};
	int need = x->q->kind == GX_Q_PAIR || x->q->kind == GX_Q_PATH        ? 2
		   : x->q->kind == GX_Q_TOP || x->q->kind == GX_Q_CANDIDATES ? 0
									     : 1;
	int i, error;

	for (i = 0; i < need; i++) {
		char **list = NULL;

		if (names[i] == NULL || *names[i] == '\0')
			return gx_error_set(GX_EINVAL, "a NAME is needed");
		error = gx_query__resolve(x->st, x->q, names[i], ents[i], &list);
		if (error == GX_ENOTFOUND && x->q->json)
			json_not_found(out, names[i], list);
		gx_query__free_list(list);
		if (error < 0)
			return error;
	}
	return GX_OK;
}

static int dispatch(qctx *x, const gx_qentity *a, const gx_qentity *b)
{
	switch (x->q->kind) {
	case GX_Q_PARTNERS:
		return partners(x, a);
	case GX_Q_PAIR:
		return pair(x, a, b);
	case GX_Q_PATH:
		return gx_query__path(x, a, b);
	case GX_Q_TOP:
		return top(x);
	case GX_Q_CANDIDATES:
		return candidates(x);
	case GX_Q_ENTITY:
		return entity(x, a);
	}
	return gx_error_set(GX_EINVAL, "unknown query");
}

int gx_query_run(gx_store *st, const gx_query *q, FILE *out)
{
	qctx x = {st, q, NULL};
	gx_qentity a, b;
	char *buf = NULL;
	size_t len = 0;
	int error;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	if ((error = resolve_args(&x, &a, &b, out)) < 0)
		goto done;
	if ((x.fp = open_memstream(&buf, &len)) == NULL) {
		error = gx_error_set(GX_ERROR, "out of memory");
		goto done;
	}
	error = dispatch(&x, &a, &b);
	fclose(x.fp);
	/* a path query that finds no chain still has an answer to print */
	if ((error >= 0 || error == GX_ENOTFOUND) && fwrite(buf, 1, len, out) != len)
		error = gx_error_set(GX_EIO, "cannot write the result");
done:
	free(buf);
	gx_qentity_dispose(&a);
	gx_qentity_dispose(&b);
	return error;
}
