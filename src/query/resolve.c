/* From what a user types to a stored entity. In order: the canonical name
 * as typed, then folded (Traditional → Simplified, full → half width: the
 * recogniser's fold); a surface seen in the corpus (aliases.folded); then
 * the lexicon, which knows abbreviations the corpus may not have used (the
 * same folded dictionary lookup as the recogniser). The lexicon is loaded
 * only when the store cannot answer, which keeps most queries fast.
 * An unknown name gets the closest known names: edit distance over code
 * points, ties broken by shared characters, then by mentions. */
#include "core/alloc.h"
#include "core/error.h"
#include "core/utf8.h"
#include "core/vec.h"
#include "query/query.h"
#include "recog/lexicon.h"

#include <stdlib.h>
#include <string.h>

void gx_qentity_dispose(gx_qentity *e)
{
	free(e->name);
	free(e->type);
	memset(e, 0, sizeof *e);
}

void gx_query__free_list(char **list)
{
	size_t i;

	for (i = 0; list && list[i]; i++)
		free(list[i]);
	free(list);
}

static int load(gx_store *st, const char *sql, const char *arg, gx_qentity *out, const char *via)
{
	sqlite3_stmt *s = NULL;
	int found = 0;

	if (gx_store__prepare(st, &s, sql) < 0)
		return GX_ERROR;
	sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		out->id = sqlite3_column_int64(s, 0);
		out->name = gx_xstrdup((const char *)sqlite3_column_text(s, 1));
		out->type = gx_xstrdup((const char *)sqlite3_column_text(s, 2));
		out->mentions = sqlite3_column_int64(s, 3);
		out->via = via;
		found = 1;
	}
	sqlite3_finalize(s);
	return found;
}

#define ENTITY_COLS                                                                                \
	"e.id, e.name, e.type || CASE e.subtype WHEN '' THEN '' ELSE '/' || e.subtype END, "       \
	"e.mentions "

static int by_name(gx_store *st, const char *name, gx_qentity *out, const char *via)
{
	return load(st, "SELECT " ENTITY_COLS "FROM entities e WHERE e.name = ?", name, out, via);
}

static int by_alias(gx_store *st, const char *folded, gx_qentity *out)
{
	return load(st,
		    "SELECT " ENTITY_COLS "FROM aliases a JOIN entities e ON e.id = a.entity "
		    "WHERE a.folded = ? GROUP BY e.id ORDER BY sum(a.count) DESC, e.id LIMIT 1",
		    folded, out, "alias");
}

/* The reading of `folded` by the dictionaries the store was built with
 * (the names table, claim order): the first entity it names that the store
 * holds. Returns 1 found, 0 not, GX_ERROR; `*has_names` says whether the
 * table holds anything at all. */
static int by_names(gx_store *st, const char *folded, gx_qentity *out, const char **known,
		    char **known_copy, int *has_names)
{
	sqlite3_stmt *s = NULL;
	int found = 0, rc;

	*has_names = 0;
	if (gx_store__prepare(st, &s, "SELECT EXISTS (SELECT 1 FROM names)") < 0)
		return GX_ERROR;
	if (sqlite3_step(s) == SQLITE_ROW)
		*has_names = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (!*has_names)
		return 0;
	if (gx_store__prepare(st, &s, "SELECT entity FROM names WHERE folded = ? ORDER BY rank") <
	    0)
		return GX_ERROR;
	sqlite3_bind_text(s, 1, folded, -1, SQLITE_STATIC);
	while (found == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 0);

		if (*known_copy == NULL)
			*known = *known_copy = gx_xstrdup(name);
		found = by_name(st, name, out, "dictionary");
	}
	sqlite3_finalize(s);
	return found;
}

/* The lexicon's reading of `folded`: a canonical name, or a surface whose
 * claims (several if ambiguous) name entities; the first stored one wins. */
static int by_lexicon(gx_store *st, const gx_lexicon *lx, const char *folded, gx_qentity *out,
		      const char **known)
{
	uint32_t e = gx_lexicon__find(lx, folded, strlen(folded)), c;
	int found;

	if (e != GX_NONE && !(lx->ents.ptr[e].flags & GX_ENT_TEMPLATE))
		*known = lx->ents.ptr[e].name;

	if (e != GX_NONE && !(lx->ents.ptr[e].flags & GX_ENT_TEMPLATE) &&
	    (found = by_name(st, lx->ents.ptr[e].name, out, "lexicon")) != 0)
		return found;
	for (c = gx_lexicon__surface(lx, folded, strlen(folded)); c != GX_NONE;
	     c = lx->claims.ptr[c].next) {
		const gx_entity *en = &lx->ents.ptr[lx->claims.ptr[c].entity];

		if (en->flags & GX_ENT_TEMPLATE)
			continue;
		if (*known == NULL)
			*known = en->name;
		if ((found = by_name(st, en->name, out, "lexicon")) != 0)
			return found;
	}
	return 0;
}

/* ---- suggestions --------------------------------------------------------------- */

static size_t code_points(const char *s, uint32_t *out, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, n, k = 0;

	while (i < len && k < max) {
		out[k++] = gx_utf8_decode(p + i, len - i, &n);
		i += n;
	}
	return k;
}

static size_t levenshtein(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, size_t *row)
{
	size_t i, j;

	for (j = 0; j <= nb; j++)
		row[j] = j;
	for (i = 1; i <= na; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= nb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[nb];
}

static size_t shared(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i, j, k = 0;

	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (a[i] == b[j]) {
				k++;
				break;
			}
	return k;
}

#define MAX_CP    64
#define N_SUGGEST 5

typedef struct {
	char *name;
	size_t dist, common;
	int64_t mentions;
} suggestion;

/* Worse suggestions sort later. */
static int worse(const suggestion *a, const suggestion *b)
{
	if (a->dist != b->dist)
		return a->dist > b->dist;
	if (a->common != b->common)
		return a->common < b->common;
	return a->mentions < b->mentions;
}

static void consider(suggestion *best, size_t *n, const char *name, size_t dist, size_t common,
		     int64_t mentions)
{
	suggestion s = {NULL, dist, common, mentions};
	size_t i, k;

	for (i = 0; i < *n; i++)
		if (strcmp(best[i].name, name) == 0)
			return;
	if (*n == N_SUGGEST && !worse(&best[N_SUGGEST - 1], &s))
		return;
	if (*n == N_SUGGEST)
		free(best[--*n].name);
	for (k = *n; k > 0 && worse(&best[k - 1], &s); k--)
		best[k] = best[k - 1];
	s.name = gx_xstrdup(name);
	best[k] = s;
	(*n)++;
}

typedef struct {
	char *name;
	int64_t mentions;
} known_name;

/* Scores one candidate `surface` of entity `name` against the query. */
static void rank_one(suggestion *best, size_t *n, const uint32_t *q, size_t nq, const char *name,
		     const char *surface, int64_t mentions)
{
	uint32_t c[MAX_CP];
	size_t row[MAX_CP + 1], nc = code_points(surface, c, MAX_CP), common = shared(q, nq, c, nc);

	if (common > 0)
		consider(best, n, name, levenshtein(q, nq, c, nc, row), common, mentions);
}

/* Ranks every entity name and seen surface against `folded`; a name must
 * share a character with it to be offered. Entities are read first, then
 * the surfaces, each table in one pass: joining the surfaces to their
 * entities made SQLite look each one up (90 ms of 120 on a store of 69k
 * entities and 92k surfaces). */
static char **suggest(gx_store *st, const char *folded)
{
	uint32_t q[MAX_CP];
	size_t nq = code_points(folded, q, MAX_CP), n = 0, i;
	suggestion best[N_SUGGEST];
	GX_VEC(known_name) ents = {0};
	sqlite3_stmt *s = NULL;
	char **out;

	if (gx_store__prepare(st, &s, "SELECT id, name, mentions FROM entities") == GX_OK) {
		while (sqlite3_step(s) == SQLITE_ROW) {
			size_t id = (size_t)sqlite3_column_int64(s, 0);
			known_name k = {NULL, 0};

			while (ents.len <= id)
				GX_VEC_PUSH(&ents, k);
			ents.ptr[id].name = gx_xstrdup((const char *)sqlite3_column_text(s, 1));
			ents.ptr[id].mentions = sqlite3_column_int64(s, 2);
			rank_one(best, &n, q, nq, ents.ptr[id].name, ents.ptr[id].name,
				 ents.ptr[id].mentions);
		}
	}
	sqlite3_finalize(s);
	if (gx_store__prepare(st, &s, "SELECT entity, folded FROM aliases") == GX_OK) {
		while (sqlite3_step(s) == SQLITE_ROW) {
			size_t id = (size_t)sqlite3_column_int64(s, 0);

			if (id < ents.len && ents.ptr[id].name)
				rank_one(best, &n, q, nq, ents.ptr[id].name,
					 (const char *)sqlite3_column_text(s, 1),
					 ents.ptr[id].mentions);
		}
	}
	sqlite3_finalize(s);
	for (i = 0; i < ents.len; i++)
		free(ents.ptr[i].name);
	GX_VEC_FREE(&ents);
	out = gx_xcalloc(n + 1, sizeof *out);
	for (i = 0; i < n; i++)
		out[i] = best[i].name;
	return out;
}

static int not_found(gx_store *st, const char *name, const char *folded, const char *known,
		     char ***suggestions)
{
	char **list = suggest(st, folded);
	gx_buf msg = GX_BUF_INIT;
	size_t i;
	int error;

	gx_buf_printf(&msg, "'%s' not found", name);
	if (known)
		gx_buf_printf(&msg,
			      " (the dictionaries know it as %s, but no stored document "
			      "mentions it)",
			      known);
	for (i = 0; list[i]; i++)
		gx_buf_printf(&msg, "%s%s", i ? ", " : "; closest known names: ", list[i]);
	if (i == 0)
		gx_buf_puts(&msg, "; no known name shares a character with it");
	error = gx_error_set(GX_ENOTFOUND, "%s", msg.ptr);
	gx_buf_dispose(&msg);
	if (suggestions)
		*suggestions = list;
	else
		gx_query__free_list(list);
	return error;
}

int gx_query__resolve(gx_store *st, const gx_query *q, const char *name, gx_qentity *out,
		      char ***suggestions)
{
	gx_buf folded = GX_BUF_INIT;
	const gx_lexicon *lx;
	const char *known = NULL;
	char *known_copy = NULL;
	size_t len = strlen(name);
	int found, has_names = 0;

	memset(out, 0, sizeof *out);
	if (suggestions)
		*suggestions = NULL;
	while (len > 0 && (name[len - 1] == ' ' || name[len - 1] == '\n'))
		len--;
	gx_store__fold(&folded, name, len);
	if (folded.ptr == NULL)
		gx_buf_puts(&folded, "");
	found = by_name(st, name, out, "name");
	if (found == 0)
		found = by_name(st, folded.ptr, out, "name");
	if (found == 0)
		found = by_alias(st, folded.ptr, out);
	if (found == 0)
		found = by_names(st, folded.ptr, out, &known, &known_copy, &has_names);
	/* a store without names (its builder gave it no lexicon): the bundled
	 * dictionaries, loaded now */
	if (found == 0 && !has_names && q->lexicon && (lx = q->lexicon(q->payload)) != NULL)
		found = by_lexicon(st, lx, folded.ptr, out, &known);
	if (found == 0)
		found = not_found(st, name, folded.ptr, known, suggestions);
	free(known_copy);
	gx_buf_dispose(&folded);
	return found < 0 ? found : GX_OK;
}
