/* The igraph side of the network: build an igraph_t from the filtered edges
 * and compute the measures (STYLE.md 4.5).
 *
 * Weights: strength, eigenvector centrality, PageRank and both community
 * methods take co-occurrence COUNTS as strengths (more shared units = closer).
 * Betweenness, closeness and harmonic centrality treat weights as path
 * LENGTHS, so they get 1/count: a pair seen in 5 units is 1/5 as far apart as
 * a pair seen once. Passing counts there would make frequent partners "far".
 *
 * Errors: igraph's default handler aborts. Ours copies the first non-empty
 * reason (0.10 calls it once per unwinding level), frees igraph's cleanup
 * stack and returns; the failing call's code then becomes GX_ERROR. */
#include "core/alloc.h"
#include "core/error.h"
#include "graph/igraph_glue.h"
#include "graph/network.h"
#include "graph/paths.h"

#include <igraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Thread_local char ig_msg[512];

static void on_igraph_error(const char *reason, const char *file, int line, igraph_error_t code)
{
	if (reason && *reason && !ig_msg[0])
		snprintf(ig_msg, sizeof ig_msg, "%s [%s] (%s:%d)", reason, igraph_strerror(code),
			 file, line);
	IGRAPH_FINALLY_FREE();
}

/* Warnings (e.g. "graph is disconnected" from eigenvector centrality) say
 * nothing a user can act on; they are dropped. */
static void on_igraph_warning(const char *reason, const char *file, int line)
{
	(void)reason;
	(void)file;
	(void)line;
}

void gx_graph__install_handlers(void)
{
	ig_msg[0] = '\0';
	igraph_set_error_handler(on_igraph_error);
	igraph_set_warning_handler(on_igraph_warning);
}

int gx_graph__fail(igraph_error_t code, const char *what)
{
	int e = gx_error_set(GX_ERROR, "igraph: %s failed: %s", what,
			     ig_msg[0] ? ig_msg : igraph_strerror(code));

	ig_msg[0] = '\0';
	return e;
}

#define TRY(call, what)                                                                            \
	do {                                                                                       \
		igraph_error_t gx_rc = (call);                                                     \
		if (gx_rc != IGRAPH_SUCCESS) {                                                     \
			error = gx_graph__fail(gx_rc, what);                                       \
			goto done;                                                                 \
		}                                                                                  \
	} while (0)

static double finite_or_zero(double x)
{
	return isfinite(x) ? x : 0.0;
}

typedef struct {
	int64_t id, size, first;
} comm_info;

static int cmp_comm(const void *x, const void *y)
{
	const comm_info *a = x, *b = y;

	if (a->size != b->size)
		return a->size > b->size ? -1 : 1;
	return a->first < b->first ? -1 : a->first > b->first;
}

/* Renumbers a membership so that community 0 is the largest (ties: the one
 * whose first node comes first), which keeps colours stable between runs.
 * Returns the number of communities. */
static int64_t renumber(const igraph_vector_int_t *m, int64_t *out, size_t n)
{
	comm_info *info = gx_xcalloc(n + 1, sizeof *info);
	int64_t *to = gx_xcalloc(n + 1, sizeof *to);
	int64_t k = 0, c;
	size_t i;

	for (i = 0; i < n; i++) {
		c = VECTOR(*m)[i];
		if (info[c].size++ == 0)
			info[c].first = (int64_t)i;
		info[c].id = c;
		if (c + 1 > k)
			k = c + 1;
	}
	qsort(info, (size_t)k, sizeof *info, cmp_comm);
	for (c = 0; c < k; c++)
		to[info[c].id] = c;
	for (i = 0; i < n; i++)
		out[i] = to[VECTOR(*m)[i]];
	free(info);
	free(to);
	return k;
}

static int communities(gx_network *net, const igraph_t *g, const igraph_vector_t *w,
		       const igraph_vector_t *str)
{
	igraph_vector_int_t memb;
	igraph_vector_t q;
	igraph_integer_t k = 0;
	igraph_real_t quality = 0, total = 0;
	size_t i;
	int error = GX_OK;
	int64_t *tmp = gx_xcalloc(net->n_nodes + 1, sizeof *tmp);

	igraph_vector_int_init(&memb, 0);
	igraph_vector_init(&q, 0);
	for (i = 0; i < net->n_edges; i++)
		total += VECTOR(*w)[i];
	if (net->n_edges == 0) {
		/* nothing to partition: every node is its own community */
		for (i = 0; i < net->n_nodes; i++)
			net->nodes[i].louvain = net->nodes[i].leiden = (int64_t)i;
		net->louvain_count = net->leiden_count = (int64_t)net->n_nodes;
		goto done;
	}
	/* Louvain and Leiden start from random orders: a fixed seed makes runs
	 * reproducible */
	igraph_rng_seed(igraph_rng_default(), 20240611);
	TRY(igraph_community_multilevel(g, w, net->opt.resolution, &memb, NULL, &q),
	    "Louvain communities");
	net->louvain_count = renumber(&memb, tmp, net->n_nodes);
	net->louvain_q = igraph_vector_size(&q) ? igraph_vector_max(&q) : 0;
	for (i = 0; i < net->n_nodes; i++)
		net->nodes[i].louvain = tmp[i];
	/* Leiden optimises modularity when node weights are strengths and the
	 * resolution is divided by 2m (igraph_community_leiden docs) */
	igraph_rng_seed(igraph_rng_default(), 20240611);
	TRY(igraph_community_leiden(g, w, str, net->opt.resolution / (2 * total), 0.01, 0, -1,
				    &memb, &k, &quality),
	    "Leiden communities");
	net->leiden_count = renumber(&memb, tmp, net->n_nodes);
	for (i = 0; i < net->n_nodes; i++)
		net->nodes[i].leiden = tmp[i];
	TRY(igraph_modularity(g, &memb, w, net->opt.resolution, 0, &quality), "modularity");
	net->leiden_q = quality;
done:
	free(tmp);
	igraph_vector_int_destroy(&memb);
	igraph_vector_destroy(&q);
	return error;
}

static void eigenvector(gx_network *net, const igraph_t *g, const igraph_vector_t *w)
{
	igraph_vector_t res;
	igraph_arpack_options_t ao;
	igraph_real_t value;
	size_t i;

	igraph_vector_init(&res, 0);
	igraph_arpack_options_init(&ao);
	/* a non-converging eigenvector run is not worth failing a build for: the
	 * column is then 0 and summary.txt says so */
	if (net->n_edges == 0 ||
	    igraph_eigenvector_centrality(g, &res, &value, 0, 1, w, &ao) != IGRAPH_SUCCESS) {
		net->eigen_failed = net->n_edges != 0;
		ig_msg[0] = '\0';
		igraph_vector_destroy(&res);
		return;
	}
	for (i = 0; i < net->n_nodes; i++)
		net->nodes[i].eigenvector = finite_or_zero(VECTOR(res)[i]);
	igraph_vector_destroy(&res);
}

/* Kept with the network so that an exporter sizes each node in O(1): one
 * scan per node made a 65k-node GEXF quadratic (4 s). */
static void pagerank_range(gx_network *net)
{
	size_t i;

	net->pagerank_lo = INFINITY;
	net->pagerank_hi = -INFINITY;
	for (i = 0; i < net->n_nodes; i++) {
		net->pagerank_lo = fmin(net->pagerank_lo, net->nodes[i].pagerank);
		net->pagerank_hi = fmax(net->pagerank_hi, net->nodes[i].pagerank);
	}
}

int gx_graph__measure(gx_network *net)
{
	igraph_t g;
	igraph_vector_int_t ends, deg;
	igraph_vector_t w, str, res;
	igraph_real_t value;
	int error = GX_OK, have_graph = 0;
	size_t i;

	gx_graph__install_handlers();
	ig_msg[0] = '\0';
	igraph_vector_int_init(&ends, (igraph_integer_t)(2 * net->n_edges));
	igraph_vector_int_init(&deg, 0);
	igraph_vector_init(&w, (igraph_integer_t)net->n_edges);
	igraph_vector_init(&str, 0);
	igraph_vector_init(&res, 0);
	for (i = 0; i < net->n_edges; i++) {
		VECTOR(ends)[2 * i] = net->edges[i].u;
		VECTOR(ends)[2 * i + 1] = net->edges[i].v;
		VECTOR(w)[i] = net->edges[i].pair->count;
	}
	TRY(igraph_create(&g, &ends, (igraph_integer_t)net->n_nodes, IGRAPH_UNDIRECTED),
	    "building the graph");
	have_graph = 1;
	TRY(igraph_degree(&g, &deg, igraph_vss_all(), IGRAPH_ALL, 0), "degree");
	TRY(igraph_strength(&g, &str, igraph_vss_all(), IGRAPH_ALL, 0, &w), "strength");
	for (i = 0; i < net->n_nodes; i++) {
		net->nodes[i].degree = VECTOR(deg)[i];
		net->nodes[i].strength = VECTOR(str)[i];
	}
	gx_graph__paths(net, gx_paths_sources(net->opt.paths, net->n_nodes, net->n_edges),
			net->opt.threads);
	TRY(igraph_pagerank(&g, IGRAPH_PAGERANK_ALGO_PRPACK, &res, &value, igraph_vss_all(), 0,
			    0.85, &w, NULL),
	    "PageRank");
	for (i = 0; i < net->n_nodes; i++)
		net->nodes[i].pagerank = finite_or_zero(VECTOR(res)[i]);
	pagerank_range(net);
	eigenvector(net, &g, &w);
	error = communities(net, &g, &w, &str);
done:
	if (have_graph)
		igraph_destroy(&g);
	igraph_vector_int_destroy(&ends);
	igraph_vector_int_destroy(&deg);
	igraph_vector_destroy(&w);
	igraph_vector_destroy(&str);
	igraph_vector_destroy(&res);
	return error;
}
