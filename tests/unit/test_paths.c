/* The path measures of src/graph/paths.c against igraph's, on random
 * networks built to be hard: several components, isolated nodes, counts
 * drawn from {1, 2, 4} so that many shortest paths tie in length (sums of
 * 1/count reached by different routes), and hubs. Then: the same values
 * whatever the number of threads, a sample as large as every component is
 * exact, a sample ranks a clear hub first, and what --paths auto chooses. */
#include "cooc_fixture.h"
#include "cooccur/cooccur.h"
#include "graph/network.h"
#include "graph/paths.h"
#include "harness.h"

#include <igraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t rng = 88172645463325252ULL;

static uint32_t next_rand(uint32_t bound)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % bound);
}

static void add_alone(gx_cooc *c, const char *x)
{
	gx_cooc_item it = {x, "org/company", 0, 0, 10, 0};

	gx_cooc__add(c, "doc", &it, 1, 1);
}

/* n nodes in `parts` blocks (no edge between blocks), about `deg` edges per
 * node, node 0 of each block a hub, a few isolated nodes */
static gx_cooc *random_cooc(int n, int parts, int deg)
{
	static const int counts[] = {1, 1, 1, 2, 4};
	gx_cooc *c = NULL;
	char a[32], b[32];
	int i, k, block = n / parts;

	gx_cooc_new(&c, NULL);
	for (i = 0; i < n; i++) {
		int base = (i / block) * block, size = i / block == parts - 1 ? n - base : block;

		snprintf(a, sizeof a, "n%d", i);
		if (i % 17 == 16) {
			add_alone(c, a);
			continue;
		}
		for (k = 0; k < deg; k++) {
			int j = base + (int)next_rand(k == 0 ? 1 : (uint32_t)size);

			if (j == i || j % 17 == 16)
				continue;
			snprintf(b, sizeof b, "n%d", j);
			add_pair(c, a, b, counts[next_rand(5)]);
		}
	}
	return c;
}

static gx_network *network(const gx_cooc *c, uint32_t paths, unsigned threads)
{
	gx_network_options opt;
	gx_network *net = NULL;

	gx_network_options_init(&opt);
	opt.paths = paths;
	opt.threads = threads;
	GX_CHECK_INT(gx_network_build(&net, c, &opt), GX_OK);
	return net;
}

static int near(double a, double b)
{
	if (isnan(b))
		b = 0;
	return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* igraph's betweenness, closeness and harmonic, lengths 1/count, as graph.c
 * used them before paths.c; `bad` counts the nodes that differ */
static void compare_igraph(const gx_network *net)
{
	igraph_t g;
	igraph_vector_int_t ends;
	igraph_vector_t len, betw, clo, harm;
	size_t i, bad = 0;

	igraph_vector_int_init(&ends, (igraph_integer_t)(2 * net->n_edges));
	igraph_vector_init(&len, (igraph_integer_t)net->n_edges);
	for (i = 0; i < net->n_edges; i++) {
		VECTOR(ends)[2 * i] = net->edges[i].u;
		VECTOR(ends)[2 * i + 1] = net->edges[i].v;
		VECTOR(len)[i] = 1.0 / net->edges[i].pair->count;
	}
	igraph_create(&g, &ends, (igraph_integer_t)net->n_nodes, IGRAPH_UNDIRECTED);
	igraph_vector_init(&betw, 0);
	igraph_vector_init(&clo, 0);
	igraph_vector_init(&harm, 0);
	igraph_betweenness(&g, &betw, igraph_vss_all(), 0, &len);
	igraph_closeness(&g, &clo, NULL, NULL, igraph_vss_all(), IGRAPH_ALL, &len, 1);
	igraph_harmonic_centrality(&g, &harm, igraph_vss_all(), IGRAPH_ALL, &len, 1);
	for (i = 0; i < net->n_nodes; i++) {
		const gx_net_node *nd = &net->nodes[i];

		if (!near(nd->betweenness, VECTOR(betw)[i]) ||
		    !near(nd->closeness, VECTOR(clo)[i]) || !near(nd->harmonic, VECTOR(harm)[i])) {
			if (bad++ < 3)
				printf("node %s: betweenness %.12g/%.12g closeness %.12g/%.12g "
				       "harmonic %.12g/%.12g\n",
				       nd->name, nd->betweenness, VECTOR(betw)[i], nd->closeness,
				       VECTOR(clo)[i], nd->harmonic, VECTOR(harm)[i]);
		}
	}
	GX_CHECK_INT(bad, 0);
	igraph_vector_destroy(&betw);
	igraph_vector_destroy(&clo);
	igraph_vector_destroy(&harm);
	igraph_vector_destroy(&len);
	igraph_vector_int_destroy(&ends);
	igraph_destroy(&g);
}

static void test_exact_matches_igraph(void)
{
	static const int shapes[][3] = {
	    {12, 1, 2}, {60, 3, 2}, {150, 2, 3}, {300, 4, 4}, {400, 1, 6}};
	size_t s;

	for (s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
		gx_cooc *c = random_cooc(shapes[s][0], shapes[s][1], shapes[s][2]);
		gx_network *net = network(c, GX_PATHS_EXACT, 3);

		if (net) {
			GX_CHECK(net->paths_exact);
			GX_CHECK_INT(net->path_sources, net->n_nodes);
			compare_igraph(net);
		}
		gx_network_free(net);
		gx_cooc_free(c);
	}
}

static int same_measures(const gx_network *a, const gx_network *b)
{
	size_t i;

	if (a->n_nodes != b->n_nodes)
		return 0;
	for (i = 0; i < a->n_nodes; i++)
		if (a->nodes[i].betweenness != b->nodes[i].betweenness ||
		    a->nodes[i].closeness != b->nodes[i].closeness ||
		    a->nodes[i].harmonic != b->nodes[i].harmonic)
			return 0;
	return 1;
}

/* the sums are kept per lane and added in lane order: bit for bit the same
 * whatever the threads, exact or sampled */
static void test_threads_do_not_matter(void)
{
	gx_cooc *c = random_cooc(500, 3, 4);
	uint32_t modes[2] = {GX_PATHS_EXACT, 40};
	int m;

	for (m = 0; m < 2; m++) {
		gx_network *one = network(c, modes[m], 1), *two = network(c, modes[m], 2),
			   *many = network(c, modes[m], 7);

		if (one && two && many) {
			GX_CHECK(same_measures(one, two));
			GX_CHECK(same_measures(one, many));
			GX_CHECK_INT(one->paths_exact, m == 0);
		}
		gx_network_free(one);
		gx_network_free(two);
		gx_network_free(many);
	}
	gx_cooc_free(c);
}

/* a component gets at least GX_PATHS_MIN_SOURCES sources, all of its nodes
 * if it has fewer: small components are then exact, a sample as large as
 * the network is the exact computation */
static void test_full_sample_is_exact(void)
{
	gx_cooc *c = random_cooc(60, 6, 2);
	gx_network *exact = network(c, GX_PATHS_EXACT, 2), *sampled = network(c, 5, 2);

	if (exact && sampled) {
		GX_CHECK(same_measures(exact, sampled));
		GX_CHECK(sampled->paths_exact);
	}
	gx_network_free(exact);
	gx_network_free(sampled);
	gx_cooc_free(c);
}

/* 30 stars of 20 leaves, their centres joined to one hub: every path
 * between stars crosses the hub, which any sample must rank first, and a
 * sampled estimate stays within a factor of the exact value */
static void test_sample_ranks_hub(void)
{
	gx_cooc *c = NULL;
	gx_network *exact, *sampled;
	char a[32], b[32];
	size_t i, top = 0;
	int s, l;

	gx_cooc_new(&c, NULL);
	for (s = 0; s < 30; s++) {
		snprintf(a, sizeof a, "centre%d", s);
		add_pair(c, "hub", a, 1 + s % 3);
		for (l = 0; l < 20; l++) {
			snprintf(b, sizeof b, "leaf%d.%d", s, l);
			add_pair(c, a, b, 1);
		}
	}
	exact = network(c, GX_PATHS_EXACT, 2);
	sampled = network(c, 64, 2);
	if (exact && sampled) {
		for (i = 1; i < sampled->n_nodes; i++)
			if (sampled->nodes[i].betweenness > sampled->nodes[top].betweenness)
				top = i;
		GX_CHECK_STR(sampled->nodes[top].name, "hub");
		GX_CHECK(!sampled->paths_exact);
		GX_CHECK_INT(sampled->path_sources, 64);
		GX_CHECK(sampled->nodes[top].betweenness > 0.7 * exact->nodes[top].betweenness);
		GX_CHECK(sampled->nodes[top].betweenness < 1.3 * exact->nodes[top].betweenness);
	}
	gx_network_free(exact);
	gx_network_free(sampled);
	gx_cooc_free(c);
}

static void test_auto(void)
{
	GX_CHECK_INT(gx_paths_sources(GX_PATHS_AUTO, 1000, 10000), 0);
	GX_CHECK_INT(gx_paths_sources(GX_PATHS_AUTO, 56000, 640000), GX_PATHS_AUTO_SOURCES);
	GX_CHECK_INT(gx_paths_sources(GX_PATHS_EXACT, 56000, 640000), 0);
	GX_CHECK_INT(gx_paths_sources(100, 56000, 640000), 100);
	GX_CHECK_INT(gx_paths_sources(100, 50, 80), 0);
}

int main(void)
{
	test_exact_matches_igraph();
	test_threads_do_not_matter();
	test_full_sample_is_exact();
	test_sample_ranks_hub();
	test_auto();
	return gx_test_done();
}
