/* The cheap measures (quick.h). Weights are co-occurrence counts used as
 * strengths, as in graph.c; communities are numbered by size, largest 0, so
 * that they read like graph.c's. */
#include "graph/quick.h"
#include "core/alloc.h"
#include "core/error.h"
#include "graph/igraph_glue.h"

#include <igraph.h>
#include <math.h>
#include <stdlib.h>

typedef struct {
	int64_t id, size, first;
} comm;

static int cmp_comm(const void *x, const void *y)
{
	const comm *a = x, *b = y;

	if (a->size != b->size)
		return a->size > b->size ? -1 : 1;
	return a->first < b->first ? -1 : a->first > b->first;
}

static void set_communities(gx_network *net, const igraph_vector_int_t *m)
{
	size_t n = net->n_nodes, i;
	comm *c = gx_xcalloc(n + 1, sizeof *c);
	int64_t *to = gx_xcalloc(n + 1, sizeof *to), k = 0, j;

	for (i = 0; i < n; i++) {
		int64_t x = VECTOR(*m)[i];

		if (c[x].size++ == 0)
			c[x].first = (int64_t)i;
		c[x].id = x;
		if (x + 1 > k)
			k = x + 1;
	}
	qsort(c, (size_t)k, sizeof *c, cmp_comm);
	for (j = 0; j < k; j++)
		to[c[j].id] = j;
	for (i = 0; i < n; i++)
		net->nodes[i].louvain = net->nodes[i].leiden = to[VECTOR(*m)[i]];
	net->louvain_count = net->leiden_count = k;
	free(c);
	free(to);
}

int gx_graph__quick_measure(gx_network *net)
{
	igraph_t g;
	igraph_vector_int_t ends, deg, memb;
	igraph_vector_t w, str, pr;
	igraph_real_t value;
	igraph_error_t rc;
	size_t i;
	int error = GX_OK, have_graph = 0;

	gx_graph__install_handlers();
	igraph_vector_int_init(&ends, (igraph_integer_t)(2 * net->n_edges));
	igraph_vector_int_init(&deg, 0);
	igraph_vector_int_init(&memb, 0);
	igraph_vector_init(&w, (igraph_integer_t)net->n_edges);
	igraph_vector_init(&str, 0);
	igraph_vector_init(&pr, 0);
	for (i = 0; i < net->n_edges; i++) {
		VECTOR(ends)[2 * i] = net->edges[i].u;
		VECTOR(ends)[2 * i + 1] = net->edges[i].v;
		VECTOR(w)[i] = net->edges[i].pair->count;
	}
	if ((rc = igraph_create(&g, &ends, (igraph_integer_t)net->n_nodes, IGRAPH_UNDIRECTED))) {
		error = gx_graph__fail(rc, "building the graph");
		goto done;
	}
	have_graph = 1;
	if ((rc = igraph_degree(&g, &deg, igraph_vss_all(), IGRAPH_ALL, 0)) ||
	    (rc = igraph_strength(&g, &str, igraph_vss_all(), IGRAPH_ALL, 0, &w))) {
		error = gx_graph__fail(rc, "degree");
		goto done;
	}
	if ((rc = igraph_pagerank(&g, IGRAPH_PAGERANK_ALGO_PRPACK, &pr, &value, igraph_vss_all(), 0,
				  0.85, &w, NULL))) {
		error = gx_graph__fail(rc, "PageRank");
		goto done;
	}
	for (i = 0; i < net->n_nodes; i++) {
		net->nodes[i].degree = VECTOR(deg)[i];
		net->nodes[i].strength = VECTOR(str)[i];
		net->nodes[i].pagerank = isfinite(VECTOR(pr)[i]) ? VECTOR(pr)[i] : 0;
	}
	if (net->n_edges == 0)
		goto done;
	/* the same seed as graph.c: reproducible communities */
	igraph_rng_seed(igraph_rng_default(), 20240611);
	if ((rc = igraph_community_multilevel(&g, &w, 1.0, &memb, NULL, NULL))) {
		error = gx_graph__fail(rc, "Louvain communities");
		goto done;
	}
	set_communities(net, &memb);
done:
	if (have_graph)
		igraph_destroy(&g);
	igraph_vector_int_destroy(&ends);
	igraph_vector_int_destroy(&deg);
	igraph_vector_int_destroy(&memb);
	igraph_vector_destroy(&w);
	igraph_vector_destroy(&str);
	igraph_vector_destroy(&pr);
	return error;
}
