/* path A B: the shortest chain of ties, by a breadth-first search from both
 * ends over the stored edges (one indexed lookup per expanded node), so a
 * query on a large store touches the neighbourhoods of A and B rather than
 * the whole graph. Neighbours are visited heaviest tie first, so among
 * chains of equal length the search tends to follow strong ties. Each step
 * gets one evidence sentence (a cued one if there is). */
#include "core/alloc.h"
#include "core/error.h"
#include "query/query.h"

#include <stdlib.h>
#include <string.h>

typedef GX_VEC(int64_t) id_vec;

typedef struct {
	int64_t *parent; /* by entity id; -1: not reached */
	int32_t *dist;
	id_vec frontier;
} side;

static int64_t max_id(qctx *x)
{
	sqlite3_stmt *s = NULL;
	int64_t n = 0;

	if (gx_store__prepare(x->st, &s, "SELECT coalesce(max(id), 0) FROM entities") == GX_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static void side_init(side *sd, int64_t n, int64_t start)
{
	int64_t i;

	sd->parent = gx_xmalloc((size_t)(n + 1) * sizeof *sd->parent);
	sd->dist = gx_xmalloc((size_t)(n + 1) * sizeof *sd->dist);
	for (i = 0; i <= n; i++) {
		sd->parent[i] = -1;
		sd->dist[i] = -1;
	}
	memset(&sd->frontier, 0, sizeof sd->frontier);
	sd->parent[start] = start;
	sd->dist[start] = 0;
	GX_VEC_PUSH(&sd->frontier, start);
}

static void side_dispose(side *sd)
{
	free(sd->parent);
	free(sd->dist);
	GX_VEC_FREE(&sd->frontier);
}

/* Expands one level of `me`; returns the meeting node with the smallest
 * total distance found in this level, or -1. */
static int64_t expand(sqlite3_stmt *nb, side *me, const side *other, int64_t n)
{
	id_vec next = {0};
	int64_t meet = -1;
	size_t i;

	for (i = 0; i < me->frontier.len; i++) {
		int64_t u = me->frontier.ptr[i];

		sqlite3_reset(nb);
		sqlite3_bind_int64(nb, 1, u);
		while (sqlite3_step(nb) == SQLITE_ROW) {
			int64_t v = sqlite3_column_int64(nb, 0);

			if (v < 0 || v > n || me->dist[v] >= 0)
				continue;
			me->dist[v] = me->dist[u] + 1;
			me->parent[v] = u;
			GX_VEC_PUSH(&next, v);
			if (other->dist[v] >= 0 &&
			    (meet < 0 ||
			     me->dist[v] + other->dist[v] < me->dist[meet] + other->dist[meet]))
				meet = v;
		}
	}
	GX_VEC_FREE(&me->frontier);
	me->frontier.ptr = next.ptr;
	me->frontier.len = next.len;
	me->frontier.cap = next.cap;
	return meet;
}

/* The chain a → … → b as entity ids; `*len` nodes. */
static int64_t *chain(const side *sa, const side *sb, int64_t meet, size_t *len)
{
	size_t na = (size_t)sa->dist[meet], nb = (size_t)sb->dist[meet], i;
	int64_t *ids = gx_xmalloc((na + nb + 1) * sizeof *ids), v;

	for (v = meet, i = na;; v = sa->parent[v], i--) {
		ids[i] = v;
		if (i == 0)
			break;
	}
	for (v = meet, i = na; i < na + nb; i++) {
		v = sb->parent[v];
		ids[i + 1] = v;
	}
	*len = na + nb + 1;
	return ids;
}

static int64_t search(qctx *x, int64_t a, int64_t b, side *sa, side *sb)
{
	sqlite3_stmt *nb = NULL;
	int64_t n = max_id(x), meet = a == b ? a : -1;

	side_init(sa, n, a);
	side_init(sb, n, b);
	if (gx_store__prepare(x->st, &nb,
			      "SELECT b, count FROM edges WHERE a = ?1 UNION ALL "
			      "SELECT a, count FROM edges WHERE b = ?1 ORDER BY 2 DESC") < 0)
		return -2;
	while (meet < 0 && sa->frontier.len && sb->frontier.len) {
		if (sa->frontier.len <= sb->frontier.len)
			meet = expand(nb, sa, sb, n);
		else
			meet = expand(nb, sb, sa, n);
	}
	sqlite3_finalize(nb);
	return meet;
}

/* Name and type of an entity, into a gx_qentity. */
static void load_entity(qctx *x, int64_t id, gx_qentity *e)
{
	sqlite3_stmt *s = NULL;

	memset(e, 0, sizeof *e);
	e->id = id;
	e->via = "name";
	if (gx_store__prepare(x->st, &s,
			      "SELECT name, type || CASE subtype WHEN '' THEN '' ELSE '/' || "
			      "subtype END, mentions FROM entities WHERE id = ?") == GX_OK) {
		sqlite3_bind_int64(s, 1, id);
		if (sqlite3_step(s) == SQLITE_ROW) {
			e->name = gx_xstrdup(gx_query__text(s, 0));
			e->type = gx_xstrdup(gx_query__text(s, 1));
			e->mentions = sqlite3_column_int64(s, 2);
		}
	}
	if (e->name == NULL) {
		e->name = gx_xstrdup("?");
		e->type = gx_xstrdup("?");
	}
	sqlite3_finalize(s);
}

static void print_step(qctx *x, gx_qevidence *evs, const gx_qentity *u, const gx_qentity *v,
		       size_t i)
{
	sqlite3_stmt *ev = gx_query__evidence_bind(evs, u, v, 0, 0, 1);
	int have = sqlite3_step(ev) == SQLITE_ROW;

	if (x->q->json) {
		fputs(i ? ",\n    {\"from\": " : "\n    {\"from\": ", x->fp);
		gx_json_str(x->fp, u->name);
		fputs(", \"to\": ", x->fp);
		gx_json_str(x->fp, v->name);
		fputs(", \"evidence\": ", x->fp);
		if (have)
			gx_query__json_unit(x->fp, ev);
		else
			fputs("null", x->fp);
		fputc('}', x->fp);
		return;
	}
	fprintf(x->fp, "%zu. %s -- %s\n", i + 1, u->name, v->name);
	if (have)
		fprintf(x->fp, "      %s%s#%lld: %s\n", sqlite3_column_int(ev, 3) ? "* " : "",
			gx_query__text(ev, 0), (long long)sqlite3_column_int64(ev, 1),
			gx_query__text(ev, 2));
}

static int print_chain(qctx *x, const int64_t *ids, size_t len)
{
	gx_qentity *e = gx_xcalloc(len, sizeof *e);
	gx_qevidence ev;
	size_t i;
	int error;

	for (i = 0; i < len; i++)
		load_entity(x, ids[i], &e[i]);
	if ((error = gx_query__evidence_open(x, &ev)) < 0)
		goto done;
	if (x->q->json) {
		fprintf(x->fp, ", \"length\": %zu, \"path\": [", len - 1);
		for (i = 0; i < len; i++) {
			fputs(i ? ", " : "", x->fp);
			gx_query__json_entity(x->fp, &e[i]);
		}
		fputs("], \"steps\": [", x->fp);
	} else {
		fprintf(x->fp, "%s to %s: %zu tie%s\n", e[0].name, e[len - 1].name, len - 1,
			len == 2 ? "" : "s");
	}
	for (i = 0; i + 1 < len; i++)
		print_step(x, &ev, &e[i], &e[i + 1], i);
	if (x->q->json)
		fputs("\n  ]}\n", x->fp);
	gx_query__evidence_close(&ev);
done:
	for (i = 0; i < len; i++)
		gx_qentity_dispose(&e[i]);
	free(e);
	return error;
}

int gx_query__path(qctx *x, const gx_qentity *a, const gx_qentity *b)
{
	side sa, sb;
	int64_t meet, *ids = NULL;
	size_t len = 0;
	int error = GX_OK;

	meet = search(x, a->id, b->id, &sa, &sb);
	if (x->q->json) {
		fputs("{\"from\": ", x->fp);
		gx_query__json_entity(x->fp, a);
		fputs(", \"to\": ", x->fp);
		gx_query__json_entity(x->fp, b);
	}
	if (meet == -2) {
		error = GX_ERROR;
	} else if (meet < 0) {
		if (x->q->json)
			fputs(", \"length\": null, \"path\": [], \"steps\": []}\n", x->fp);
		else
			fprintf(x->fp, "no chain of ties between %s and %s\n", a->name, b->name);
		error = gx_error_set(GX_ENOTFOUND, "no chain of ties between %s and %s", a->name,
				     b->name);
	} else {
		ids = chain(&sa, &sb, meet, &len);
		error = print_chain(x, ids, len);
	}
	free(ids);
	side_dispose(&sa);
	side_dispose(&sb);
	return error;
}
