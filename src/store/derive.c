/* Recomputing what follows from the stored mentions: the entity counts and
 * measures, the aliases seen, the edges with their weights and cue counts,
 * and each edge's first evidence units, cued ones first (the counter keeps
 * them: units are fed with their cue flag). The mentions are fed, document
 * by document, to the same co-occurrence counter and network code that
 * `guanxi build` uses for its exports (src/cooccur/, src/graph/; sentence
 * units, no filters), so the store's numbers are the exports' numbers.
 * Every measure is computed, the path-based ones exact or from sampled
 * sources (paths.h) as for the exports; with --measures fast only those that
 * stay cheap (quick.h), so that adding a document to a large store takes
 * seconds, and the others are NULL. Runs inside the caller's transaction: a
 * failure leaves the previous derived tables in place. */
#include "cooccur/cooccur.h"
#include "cooccur/pairmap.h"
#include "core/alloc.h"
#include "core/error.h"
#include "graph/network.h"
#include "graph/paths.h"
#include "graph/quick.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	GX_VEC(char *) name; /* by store id; NULL where no entity */
	GX_VEC(char *) type;
	uint32_t *src[3];     /* dict, pattern, context mentions by store id */
	gx_strmap ids;        /* name -> store id */
	GX_VEC(int64_t) docs; /* the counter's document i is store document docs[i] */
} derive_ctx;

static void ctx_dispose(derive_ctx *x)
{
	size_t i;

	for (i = 0; i < x->name.len; i++) {
		free(x->name.ptr[i]);
		free(x->type.ptr[i]);
	}
	GX_VEC_FREE(&x->name);
	GX_VEC_FREE(&x->type);
	for (i = 0; i < 3; i++)
		free(x->src[i]);
	gx_strmap_dispose(&x->ids);
	GX_VEC_FREE(&x->docs);
}

static int load_entities(gx_store *st, derive_ctx *x)
{
	sqlite3_stmt *s = NULL;
	size_t i;
	int rc;

	if (gx_store__prepare(st, &s,
			      "SELECT id, name, type || CASE subtype WHEN '' THEN '' ELSE '/' || "
			      "subtype END FROM entities ORDER BY id") < 0)
		return GX_ERROR;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		size_t id = (size_t)sqlite3_column_int64(s, 0);
		const char *name = (const char *)sqlite3_column_text(s, 1);
		uint32_t *slot;

		while (x->name.len <= id) {
			GX_VEC_PUSH(&x->name, NULL);
			GX_VEC_PUSH(&x->type, NULL);
		}
		x->name.ptr[id] = gx_xstrdup(name);
		x->type.ptr[id] = gx_xstrdup((const char *)sqlite3_column_text(s, 2));
		gx_strmap_put(&x->ids, name, strlen(name), (uint32_t)id, &slot, NULL);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return gx_store__fail(st, "reading entities");
	for (i = 0; i < 3; i++)
		x->src[i] = gx_xcalloc(x->name.len + 1, sizeof *x->src[i]);
	return GX_OK;
}

typedef struct {
	sqlite3_stmt *docs, *ments;
	int ments_rc;
	GX_VEC(gx_cooc_item) items;
} feed_state;

static int source_index(const char *s)
{
	return strcmp(s, "dict") == 0 ? 0 : strcmp(s, "pattern") == 0 ? 1 : 2;
}

/* Feeds one document's mentions (the cursor stands on its first row, if
 * any) to the counter, each unit marked with its cue flag. */
static void feed_doc(derive_ctx *x, gx_cooc *c, feed_state *f, int64_t doc, const char *path,
		     uint64_t units)
{
	f->items.len = 0;
	while (f->ments_rc == SQLITE_ROW && sqlite3_column_int64(f->ments, 0) == doc) {
		size_t ent = (size_t)sqlite3_column_int64(f->ments, 2);
		gx_cooc_item it;

		if (ent < x->name.len && x->name.ptr[ent]) {
			it.entity = x->name.ptr[ent];
			it.type = x->type.ptr[ent];
			it.unit = (uint32_t)sqlite3_column_int64(f->ments, 1);
			it.start = (uint32_t)sqlite3_column_int64(f->ments, 3);
			it.end = (uint32_t)sqlite3_column_int64(f->ments, 4);
			it.cued = sqlite3_column_int(f->ments, 5) != 0;
			GX_VEC_PUSH(&f->items, it);
			x->src[source_index((const char *)sqlite3_column_text(f->ments, 6))][ent]++;
		}
		f->ments_rc = sqlite3_step(f->ments);
	}
	GX_VEC_PUSH(&x->docs, doc);
	gx_cooc__add(c, path, f->items.ptr, f->items.len, units);
}

static int feed(gx_store *st, derive_ctx *x, gx_cooc *c)
{
	feed_state f;
	int rc, error = GX_OK;

	memset(&f, 0, sizeof f);
	if (gx_store__prepare(st, &f.docs, "SELECT id, path, units FROM documents ORDER BY id") <
		0 ||
	    gx_store__prepare(st, &f.ments,
			      "SELECT m.doc, m.unit, m.entity, u.byte_start, u.byte_end, u.cued, "
			      "m.source FROM mentions m JOIN units u ON u.doc = m.doc AND "
			      "u.idx = m.unit ORDER BY m.doc, m.unit, m.byte_start") < 0) {
		error = GX_ERROR;
		goto done;
	}
	f.ments_rc = sqlite3_step(f.ments);
	while ((rc = sqlite3_step(f.docs)) == SQLITE_ROW) {
		int64_t doc = sqlite3_column_int64(f.docs, 0);

		/* mentions of a document that is gone cannot happen (same
		 * transaction), but skip them rather than loop */
		while (f.ments_rc == SQLITE_ROW && sqlite3_column_int64(f.ments, 0) < doc)
			f.ments_rc = sqlite3_step(f.ments);
		feed_doc(x, c, &f, doc, (const char *)sqlite3_column_text(f.docs, 1),
			 (uint64_t)sqlite3_column_int64(f.docs, 2));
	}
	if (rc != SQLITE_DONE || (f.ments_rc != SQLITE_DONE && f.ments_rc != SQLITE_ROW))
		error = gx_store__fail(st, "reading mentions");
done:
	sqlite3_finalize(f.docs);
	sqlite3_finalize(f.ments);
	GX_VEC_FREE(&f.items);
	return error;
}

/* An edge in store ids, a < b, and the network edge it comes from. */
typedef struct {
	uint32_t a, b;
	const gx_net_edge *e;
} stored_edge;

static int cmp_stored(const void *x, const void *y)
{
	const stored_edge *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

/* The network's edges in store ids, sorted by key, so that edges and
 * evidence rows are appended to their b-trees in key order rather than
 * inserted at random pages. */
static stored_edge *sorted_edges(const gx_network *net, const uint32_t *sid)
{
	stored_edge *out = gx_xmalloc((net->n_edges + 1) * sizeof *out);
	size_t i;

	for (i = 0; i < net->n_edges; i++) {
		uint32_t a = sid[net->nodes[net->edges[i].u].ent];
		uint32_t b = sid[net->nodes[net->edges[i].v].ent];

		out[i].a = a < b ? a : b;
		out[i].b = a < b ? b : a;
		out[i].e = &net->edges[i];
	}
	qsort(out, net->n_edges, sizeof *out, cmp_stored);
	return out;
}

static int write_edges(gx_store *st, const gx_network *net, const stored_edge *se)
{
	sqlite3_stmt *s = NULL;
	size_t i;
	int error;

	if ((error = gx_store__exec(st, "DELETE FROM edges")) < 0 ||
	    (error = gx_store__prepare(st, &s, "INSERT INTO edges VALUES (?,?,?,?,?,?,?,?,?)")) < 0)
		return error;
	for (i = 0; i < net->n_edges && error == GX_OK; i++) {
		const gx_net_edge *e = se[i].e;

		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, se[i].a);
		sqlite3_bind_int64(s, 2, se[i].b);
		sqlite3_bind_int64(s, 3, e->pair->count);
		sqlite3_bind_int64(s, 4, e->pair->docs);
		sqlite3_bind_int64(s, 5, e->pair->cued);
		sqlite3_bind_double(s, 6, e->assoc);
		sqlite3_bind_double(s, 7, e->jaccard);
		sqlite3_bind_double(s, 8, e->cosine);
		sqlite3_bind_double(s, 9, e->pmi);
		if (sqlite3_step(s) != SQLITE_DONE)
			error = gx_store__fail(st, "storing an edge");
	}
	sqlite3_finalize(s);
	return error;
}

/* Each edge's first units, cued ones first, as the counter kept them
 * (GX_STORE_EVIDENCE of them): what `query partners` and `path` show
 * without looking through every unit the two share. */
static int write_evidence(gx_store *st, const derive_ctx *x, const gx_network *net,
			  const stored_edge *se)
{
	sqlite3_stmt *s = NULL;
	size_t i;
	uint32_t k;
	int error;

	if ((error = gx_store__exec(st, "DELETE FROM evidence")) < 0 ||
	    (error = gx_store__prepare(st, &s, "INSERT INTO evidence VALUES (?,?,?,?,?)")) < 0)
		return error;
	for (i = 0; i < net->n_edges && error == GX_OK; i++) {
		const gx_cooc_pair *p = se[i].e->pair;

		for (k = 0; k < p->n_ev && error == GX_OK; k++) {
			sqlite3_reset(s);
			sqlite3_bind_int64(s, 1, se[i].a);
			sqlite3_bind_int64(s, 2, se[i].b);
			sqlite3_bind_int64(s, 3, k);
			sqlite3_bind_int64(s, 4, x->docs.ptr[p->ev[k].doc]);
			sqlite3_bind_int64(s, 5, p->ev[k].unit);
			if (sqlite3_step(s) != SQLITE_DONE)
				error = gx_store__fail(st, "storing evidence");
		}
	}
	sqlite3_finalize(s);
	return error;
}

static void bind_measure(sqlite3_stmt *s, int i, double v, int full)
{
	if (full)
		sqlite3_bind_double(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

static int write_measures(gx_store *st, const derive_ctx *x, const gx_network *net,
			  const uint32_t *sid, int full)
{
	sqlite3_stmt *s = NULL;
	size_t i;
	int error;

	if ((error = gx_store__prepare(
		 st, &s,
		 "UPDATE entities SET mentions=?2, docs=?3, units=?4, dict=?5, pattern=?6, "
		 "context=?7, degree=?8, strength=?9, betweenness=?10, closeness=?11, "
		 "harmonic=?12, "
		 "eigenvector=?13, pagerank=?14, louvain=?15, leiden=?16 WHERE id=?1")) < 0)
		return error;
	for (i = 0; i < net->n_nodes && error == GX_OK; i++) {
		const gx_net_node *nd = &net->nodes[i];
		uint32_t id = sid[nd->ent];

		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, nd->mentions);
		sqlite3_bind_int64(s, 3, nd->docs);
		sqlite3_bind_int64(s, 4, net->cooc->ents.ptr[nd->ent].units);
		sqlite3_bind_int64(s, 5, x->src[0][id]);
		sqlite3_bind_int64(s, 6, x->src[1][id]);
		sqlite3_bind_int64(s, 7, x->src[2][id]);
		sqlite3_bind_int64(s, 8, nd->degree);
		sqlite3_bind_double(s, 9, nd->strength);
		bind_measure(s, 10, nd->betweenness, full);
		bind_measure(s, 11, nd->closeness, full);
		bind_measure(s, 12, nd->harmonic, full);
		bind_measure(s, 13, nd->eigenvector, full);
		sqlite3_bind_double(s, 14, nd->pagerank);
		sqlite3_bind_int64(s, 15, nd->louvain);
		sqlite3_bind_int64(s, 16, nd->leiden);
		if (sqlite3_step(s) != SQLITE_DONE)
			error = gx_store__fail(st, "storing measures");
	}
	sqlite3_finalize(s);
	return error;
}

/* The surfaces each entity was written as, with their folded forms so that
 * a query in Traditional or full-width finds them. */
static int write_aliases(gx_store *st)
{
	sqlite3_stmt *q = NULL, *s = NULL;
	gx_buf folded = GX_BUF_INIT;
	int rc, error;

	if ((error = gx_store__exec(st, "DELETE FROM aliases")) < 0 ||
	    (error = gx_store__prepare(st, &q,
				       "SELECT entity, surface, count(*) FROM mentions "
				       "GROUP BY entity, surface")) < 0 ||
	    (error = gx_store__prepare(st, &s, "INSERT INTO aliases VALUES (?,?,?,?)")) < 0)
		goto done;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && error == GX_OK) {
		const char *surface = (const char *)sqlite3_column_text(q, 1);

		gx_store__fold(&folded, surface, strlen(surface));
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, sqlite3_column_int64(q, 0));
		sqlite3_bind_text(s, 2, surface, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, folded.ptr ? folded.ptr : "", -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 4, sqlite3_column_int64(q, 2));
		if (sqlite3_step(s) != SQLITE_DONE)
			error = gx_store__fail(st, "storing aliases");
	}
	if (error == GX_OK && rc != SQLITE_DONE)
		error = gx_store__fail(st, "reading surfaces");
done:
	sqlite3_finalize(q);
	sqlite3_finalize(s);
	gx_buf_dispose(&folded);
	return error;
}

/* The network without the costly measures: every entity a node (node i =
 * entity i of the counter), every pair an edge, as gx_network_build makes
 * it without filters. */
static int fast_network(gx_network **out, const gx_cooc *c)
{
	gx_network *net = gx_xcalloc(1, sizeof *net);
	size_t i;
	int error;

	net->cooc = c;
	gx_network_options_init(&net->opt);
	net->nodes = gx_xcalloc(c->ents.len + 1, sizeof *net->nodes);
	net->edges = gx_xcalloc(c->pairs.len + 1, sizeof *net->edges);
	net->n_nodes = c->ents.len;
	net->n_edges = c->pairs.len;
	for (i = 0; i < c->ents.len; i++) {
		net->nodes[i].ent = (uint32_t)i;
		net->nodes[i].name = c->ents.ptr[i].name;
		net->nodes[i].type = c->ents.ptr[i].type;
		net->nodes[i].mentions = c->ents.ptr[i].mentions;
		net->nodes[i].docs = c->ents.ptr[i].docs;
	}
	for (i = 0; i < c->pairs.len; i++) {
		gx_net_edge *e = &net->edges[i];

		e->u = c->pairs.ptr[i].a;
		e->v = c->pairs.ptr[i].b;
		e->pair = &c->pairs.ptr[i];
		e->weight = gx_cooc__weight(c, e->pair, GX_W_COUNT);
		e->assoc = gx_cooc__weight(c, e->pair, GX_W_ASSOC);
		e->jaccard = gx_cooc__weight(c, e->pair, GX_W_JACCARD);
		e->cosine = gx_cooc__weight(c, e->pair, GX_W_COSINE);
		e->pmi = gx_cooc__weight(c, e->pair, GX_W_PMI);
	}
	if ((error = gx_graph__quick_measure(net)) < 0) {
		gx_network_free(net);
		net = NULL;
	}
	*out = net;
	return error;
}

/* Every measure (the path-based ones exact or sampled as st->paths says),
 * or with --measures fast only the cheap ones. */
static int build_network(gx_store *st, gx_network **net, const gx_cooc *c, int *full)
{
	gx_network_options opt;

	*full = st->measures != GX_MEASURES_FAST;
	if (!*full)
		return fast_network(net, c);
	gx_network_options_init(&opt);
	opt.paths = st->paths;
	opt.threads = st->threads;
	return gx_network_build(net, c, &opt);
}

/* meta: which measures were computed and, for the path-based ones, whether
 * they are exact or estimated from sampled sources (how many, which seed):
 * queries print it beside those values. */
static int write_meta(gx_store *st, const gx_network *net, int full)
{
	char sql[512];

	if (!full)
		return gx_store__exec(st, "INSERT OR REPLACE INTO meta VALUES ('measures', 'fast');"
					  "DELETE FROM meta WHERE key IN ('paths', 'path_sources', "
					  "'path_seed')");
	snprintf(sql, sizeof sql,
		 "INSERT OR REPLACE INTO meta VALUES ('measures', 'full'), ('paths', '%s'), "
		 "('path_sources', '%u'), ('path_seed', '%u')",
		 net->paths_exact ? "exact" : "sampled", (unsigned)net->path_sources,
		 (unsigned)GX_PATHS_SEED);
	return gx_store__exec(st, sql);
}

int gx_store__derive(gx_store *st)
{
	gx_cooc_options copt = {GX_UNIT_SENTENCE, 0, GX_STORE_EVIDENCE};
	int full = 1;
	derive_ctx x;
	stored_edge *se = NULL;
	gx_cooc *c = NULL;
	gx_network *net = NULL;
	uint32_t *sid = NULL;
	size_t i;
	int error;

	memset(&x, 0, sizeof x);
	gx_strmap_dispose(&st->entity_ids);
	memset(&st->entity_ids, 0, sizeof st->entity_ids);
	if ((error = gx_store__exec(st, "DELETE FROM entities WHERE id NOT IN "
					"(SELECT DISTINCT entity FROM mentions)")) < 0 ||
	    (error = load_entities(st, &x)) < 0 || (error = gx_cooc_new(&c, &copt)) < 0 ||
	    (error = feed(st, &x, c)) < 0 || (error = build_network(st, &net, c, &full)) < 0)
		goto done;
	sid = gx_xcalloc(c->ents.len + 1, sizeof *sid);
	for (i = 0; i < c->ents.len; i++)
		gx_strmap_get(&x.ids, c->ents.ptr[i].name, strlen(c->ents.ptr[i].name), &sid[i]);
	se = sorted_edges(net, sid);
	if ((error = write_edges(st, net, se)) < 0 ||
	    (error = write_evidence(st, &x, net, se)) < 0 ||
	    (error = write_measures(st, &x, net, sid, full)) < 0 ||
	    (error = write_aliases(st)) < 0 || (error = write_meta(st, net, full)) < 0)
		goto done;
done:
	free(se);
	free(sid);
	gx_network_free(net);
	gx_cooc_free(c);
	ctx_dispose(&x);
	return error;
}
