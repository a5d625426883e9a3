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
#include "core/alloc.h"
#include "core/error.h"
#include "graph/network.h"
#include "graph/paths.h"
#include "graph/quick.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

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
static int write_evidence(gx_store *st, const gx_store_counts *k, const gx_network *net,
			  const stored_edge *se)
{
	sqlite3_stmt *s = NULL;
	size_t i;
	uint32_t r;
	int error;

	if ((error = gx_store__exec(st, "DELETE FROM evidence")) < 0 ||
	    (error = gx_store__prepare(st, &s, "INSERT INTO evidence VALUES (?,?,?,?,?)")) < 0)
		return error;
	for (i = 0; i < net->n_edges && error == GX_OK; i++) {
		const gx_cooc_pair *p = se[i].e->pair;

		for (r = 0; r < p->n_ev && error == GX_OK; r++) {
			const gx_evidence *ev = gx_cooc__evidence(net->cooc, p, r);

			sqlite3_reset(s);
			sqlite3_bind_int64(s, 1, se[i].a);
			sqlite3_bind_int64(s, 2, se[i].b);
			sqlite3_bind_int64(s, 3, r);
			sqlite3_bind_int64(s, 4, k->docs.ptr[ev->doc]);
			sqlite3_bind_int64(s, 5, ev->unit);
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

static int write_measures(gx_store *st, const gx_store_counts *k, const gx_network *net, int full)
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
		uint32_t id = k->sid.ptr[nd->ent];

		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, nd->mentions);
		sqlite3_bind_int64(s, 3, nd->docs);
		sqlite3_bind_int64(s, 4, net->cooc->ents.ptr[nd->ent].units);
		sqlite3_bind_int64(s, 5, id < k->src[0].len ? k->src[0].ptr[id] : 0);
		sqlite3_bind_int64(s, 6, id < k->src[1].len ? k->src[1].ptr[id] : 0);
		sqlite3_bind_int64(s, 7, id < k->src[2].len ? k->src[2].ptr[id] : 0);
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

/* Inserts one aliases row: the surface with its folded form, so that a
 * query in Traditional or full-width finds it. */
static int put_alias(gx_store *st, sqlite3_stmt *s, int64_t id, const char *surface, int64_t count,
		     gx_buf *folded)
{
	gx_store__fold(folded, surface, strlen(surface));
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, surface, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, folded->ptr ? folded->ptr : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, count);
	return sqlite3_step(s) == SQLITE_DONE ? GX_OK : gx_store__fail(st, "storing aliases");
}

/* Every surface each entity was written as (counts.c counted them), with
 * its count. */
static int write_aliases(gx_store *st, const gx_store_counts *k)
{
	sqlite3_stmt *s = NULL;
	gx_buf folded = GX_BUF_INIT;
	size_t i;
	int error;

	if ((error = gx_store__exec(st, "DELETE FROM aliases")) < 0 ||
	    (error = gx_store__prepare(st, &s, "INSERT INTO aliases VALUES (?,?,?,?)")) < 0)
		return error;
	for (i = 0; i < k->surfaces.cap && error == GX_OK; i++) {
		const char *key;
		uint32_t len, at;

		if (gx_strmap_slot_at(&k->surfaces, i, &key, &len, &at))
			error = put_alias(st, s, strtoll(key, NULL, 10), strchr(key, '\t') + 1,
					  k->surface_count.ptr[at], &folded);
	}
	sqlite3_finalize(s);
	gx_buf_dispose(&folded);
	return error;
}

/* ---- the network and its measures ------------------------------------------ */

/* The network of `c` without measures: every entity a node (node i =
 * entity i of the counter), every pair an edge (edge i = pair i), as
 * gx_network_build makes it without filters. */
static gx_network *skeleton(const gx_cooc *c)
{
	gx_network *net = gx_xcalloc(1, sizeof *net);
	size_t i;

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
	return net;
}

/* Is `shared` the very network gx_network_build would make of `c` with the
 * options `opt`: the same nodes in the same order, the same edges with the
 * same counts in the same order, measured with the same resolution and
 * path sources? Then its measures are the ones the store would compute
 * (igraph and paths.c get identical input; the thread count changes
 * nothing), and computing them again would only cost time: the path-based
 * measures of the 200 MB benchmark corpus take about 35 CPU seconds. */
static int same_network(const gx_network *shared, const gx_cooc *c, const gx_network_options *opt)
{
	size_t i;

	if (shared->n_nodes != c->ents.len || shared->n_edges != c->pairs.len ||
	    shared->opt.paths != opt->paths || shared->opt.resolution != opt->resolution ||
	    shared->cooc->units != c->units)
		return 0;
	for (i = 0; i < shared->n_nodes; i++)
		if (shared->nodes[i].ent != i || strcmp(shared->nodes[i].name, c->ents.ptr[i].name))
			return 0;
	for (i = 0; i < shared->n_edges; i++) {
		const gx_net_edge *e = &shared->edges[i];
		const gx_cooc_pair *p = &c->pairs.ptr[i];

		if (e->u != p->a || e->v != p->b || e->pair->count != p->count)
			return 0;
	}
	return 1;
}

/* The network of `c` with the measures of `shared` (same_network). */
static gx_network *copy_measures(const gx_network *shared, const gx_cooc *c)
{
	gx_network *net = skeleton(c);
	size_t i;

	net->opt = shared->opt;
	for (i = 0; i < net->n_nodes; i++) {
		gx_net_node *to = &net->nodes[i];
		const gx_net_node *from = &shared->nodes[i];

		to->degree = from->degree;
		to->strength = from->strength;
		to->betweenness = from->betweenness;
		to->closeness = from->closeness;
		to->harmonic = from->harmonic;
		to->eigenvector = from->eigenvector;
		to->pagerank = from->pagerank;
		to->louvain = from->louvain;
		to->leiden = from->leiden;
	}
	net->components = shared->components;
	net->louvain_count = shared->louvain_count;
	net->leiden_count = shared->leiden_count;
	net->louvain_q = shared->louvain_q;
	net->leiden_q = shared->leiden_q;
	net->eigen_failed = shared->eigen_failed;
	net->paths_exact = shared->paths_exact;
	net->path_sources = shared->path_sources;
	return net;
}

/* Every measure (the path-based ones exact or sampled as st->paths says),
 * taken from `shared` when it is the same network; with --measures fast
 * only the cheap ones (quick.h). */
static int build_network(gx_store *st, gx_network **out, const gx_cooc *c, const gx_network *shared,
			 int *full)
{
	gx_network_options opt;
	int error;

	*out = NULL;
	*full = st->measures != GX_MEASURES_FAST;
	if (!*full) {
		gx_network *net = skeleton(c);

		if ((error = gx_graph__quick_measure(net)) < 0)
			gx_network_free(net);
		else
			*out = net;
		return error;
	}
	gx_network_options_init(&opt);
	opt.paths = st->paths;
	opt.threads = st->threads;
	if (shared && same_network(shared, c, &opt)) {
		*out = copy_measures(shared, c);
		return GX_OK;
	}
	return gx_network_build(out, c, &opt);
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

int gx_store__derive(gx_store *st, const gx_network *shared)
{
	gx_store_counts *k = st->counts;
	gx_network *net = NULL;
	stored_edge *se = NULL;
	int full = 1, error = GX_OK;

	st->counts = NULL;
	/* the cache of entity ids may name entities deleted below */
	gx_strmap_dispose(&st->entity_ids);
	memset(&st->entity_ids, 0, sizeof st->entity_ids);
	if ((k == NULL && (error = gx_store__count_all(st, &k)) < 0) ||
	    (error = build_network(st, &net, k->cooc, shared, &full)) < 0)
		goto done;
	se = sorted_edges(net, k->sid.ptr);
	if ((error = write_edges(st, net, se)) < 0 ||
	    (error = write_evidence(st, k, net, se)) < 0 ||
	    (error = write_measures(st, k, net, full)) < 0 || (error = write_aliases(st, k)) < 0 ||
	    (error = write_meta(st, net, full)) < 0)
		goto done;
done:
	free(se);
	gx_network_free(net);
	gx_store__counts_free(k);
	return error;
}
