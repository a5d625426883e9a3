/* bench-paths: times the path measures (src/graph/paths.c) on the network of
 * an edges.csv that `guanxi build` wrote, and checks sampled estimates
 * against the exact values.
 *
 *   bench-paths EDGES.CSV [-s SOURCES] [-j THREADS] [--exact] [--compare]
 *
 * -s N       sampled sources (default: what --paths auto picks)
 * --exact    every node a source
 * --compare  run exact AND sampled (-s N) and print the overlap of their
 *            top 20 by betweenness and by closeness, and Spearman's rank
 *            correlation of the exact top 100 with their sampled values
 *
 * Prints one `key value` line per figure, for bench/run. Not a test. */
#define _POSIX_C_SOURCE 200809L
#include "graph/paths.h"
#include "cooccur/cooccur.h"
#include "core/strmap.h"
#include "graph/network.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TOP 20

typedef struct {
	gx_strmap ids;
	char **names;
	size_t n_names, cap_names;
	gx_cooc_pair *pairs;
	gx_net_edge *edges;
	size_t n_edges, cap_edges;
} graph;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* the next CSV field of `*p` (quoted or not) into `out`; 0 at the line end */
static int field(char **p, char *out, size_t cap)
{
	char *s = *p;
	size_t n = 0;

	if (*s == '\0' || *s == '\n')
		return 0;
	if (*s == '"') {
		for (s++; *s && !(*s == '"' && s[1] != '"'); s++) {
			if (*s == '"')
				s++;
			if (n + 1 < cap)
				out[n++] = *s;
		}
		if (*s == '"')
			s++;
	} else {
		for (; *s && *s != ',' && *s != '\n'; s++)
			if (n + 1 < cap)
				out[n++] = *s;
	}
	out[n] = '\0';
	if (*s == ',')
		s++;
	*p = s;
	return 1;
}

static uint32_t node_id(graph *g, const char *name)
{
	uint32_t *slot;

	if (gx_strmap_put(&g->ids, name, strlen(name), (uint32_t)g->n_names, &slot, NULL)) {
		if (g->n_names == g->cap_names) {
			g->cap_names = g->cap_names ? 2 * g->cap_names : 1024;
			g->names = realloc(g->names, g->cap_names * sizeof *g->names);
		}
		g->names[g->n_names++] = strdup(name);
	}
	return *slot;
}

static void add_edge(graph *g, uint32_t u, uint32_t v, uint32_t count)
{
	if (g->n_edges == g->cap_edges) {
		g->cap_edges = g->cap_edges ? 2 * g->cap_edges : 4096;
		g->pairs = realloc(g->pairs, g->cap_edges * sizeof *g->pairs);
		g->edges = realloc(g->edges, g->cap_edges * sizeof *g->edges);
	}
	memset(&g->pairs[g->n_edges], 0, sizeof g->pairs[0]);
	g->pairs[g->n_edges].count = count;
	g->edges[g->n_edges].u = u < v ? u : v;
	g->edges[g->n_edges].v = u < v ? v : u;
	g->n_edges++;
}

/* edges.csv: Source,Target,Weight,Count,... */
static int load(graph *g, const char *path)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL, a[1024], b[1024], w[64], c[64];
	size_t cap = 0, i;
	int first = 1;

	if (fp == NULL) {
		perror(path);
		return -1;
	}
	while (getline(&line, &cap, fp) > 0) {
		char *p = line;

		if (first) {
			first = 0;
			continue;
		}
		if (field(&p, a, sizeof a) && field(&p, b, sizeof b) && field(&p, w, sizeof w) &&
		    field(&p, c, sizeof c))
			add_edge(g, node_id(g, a), node_id(g, b), (uint32_t)strtoul(c, NULL, 10));
	}
	free(line);
	fclose(fp);
	for (i = 0; i < g->n_edges; i++)
		g->edges[i].pair = &g->pairs[i];
	return 0;
}

static gx_network *network(const graph *g)
{
	gx_network *net = calloc(1, sizeof *net);
	size_t i;

	net->n_nodes = g->n_names;
	net->nodes = calloc(g->n_names + 1, sizeof *net->nodes);
	for (i = 0; i < g->n_names; i++)
		net->nodes[i].name = g->names[i];
	net->n_edges = g->n_edges;
	net->edges = g->edges;
	return net;
}

static double run(gx_network *net, uint32_t sources, unsigned threads, const char *label)
{
	double t = now();

	gx_graph__paths(net, sources, threads);
	t = now() - t;
	printf("%s_seconds %.3f\n%s_sources %u\n", label, t, label, (unsigned)net->path_sources);
	return t;
}

typedef struct {
	double v;
	uint32_t i;
} ranked;

static int by_value(const void *a, const void *b)
{
	const ranked *x = a, *y = b;

	return x->v < y->v ? 1 : x->v > y->v ? -1 : (x->i > y->i) - (x->i < y->i);
}

static ranked *rank(const gx_network *net, int closeness)
{
	ranked *r = malloc((net->n_nodes + 1) * sizeof *r);
	size_t i;

	for (i = 0; i < net->n_nodes; i++) {
		r[i].v = closeness ? net->nodes[i].closeness : net->nodes[i].betweenness;
		r[i].i = (uint32_t)i;
	}
	qsort(r, net->n_nodes, sizeof *r, by_value);
	return r;
}

/* top-K overlap of two rankings */
static size_t overlap(const ranked *x, const ranked *y, size_t k)
{
	size_t i, j, n = 0;

	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++)
			n += x[i].i == y[j].i;
	return n;
}

/* Spearman's rank correlation over the exact top `k`: their exact ranks
 * 0..k-1 against their ranks among themselves by the sampled values */
static double spearman(const ranked *ex, const gx_network *sa, size_t k, int closeness)
{
	ranked *r = malloc((k + 1) * sizeof *r);
	double d2 = 0;
	size_t i;

	for (i = 0; i < k; i++) {
		r[i].v = closeness ? sa->nodes[ex[i].i].closeness : sa->nodes[ex[i].i].betweenness;
		r[i].i = (uint32_t)i;
	}
	qsort(r, k, sizeof *r, by_value);
	for (i = 0; i < k; i++) {
		double d = (double)r[i].i - (double)i;

		d2 += d * d;
	}
	free(r);
	return k > 1 ? 1 - 6 * d2 / ((double)k * ((double)k * k - 1)) : 1;
}

static void compare(const graph *g, uint32_t sources, unsigned threads)
{
	gx_network *ex = network(g), *sa = network(g);
	const char *what[2] = {"betweenness", "closeness"};
	int m;

	run(ex, 0, threads, "exact");
	run(sa, sources, threads, "sampled");
	for (m = 0; m < 2; m++) {
		ranked *x = rank(ex, m), *y = rank(sa, m);
		size_t k = ex->n_nodes < 100 ? ex->n_nodes : 100;

		printf("%s_top%d_overlap %zu\n", what[m], TOP, overlap(x, y, TOP));
		printf("%s_top100_spearman %.3f\n", what[m], spearman(x, sa, k, m));
		free(x);
		free(y);
	}
	free(ex->nodes);
	free(ex);
	free(sa->nodes);
	free(sa);
}

int main(int argc, char **argv)
{
	graph g;
	uint32_t sources = UINT32_MAX;
	unsigned threads = 0;
	int i, exact = 0, cmp = 0;
	const char *path = NULL;

	memset(&g, 0, sizeof g);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
			sources = (uint32_t)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-j") == 0 && i + 1 < argc)
			threads = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--exact") == 0)
			exact = 1;
		else if (strcmp(argv[i], "--compare") == 0)
			cmp = 1;
		else
			path = argv[i];
	}
	if (path == NULL) {
		fputs("usage: bench-paths EDGES.CSV [-s SOURCES] [-j THREADS] [--exact] "
		      "[--compare]\n",
		      stderr);
		return 2;
	}
	if (load(&g, path) < 0)
		return 1;
	printf("nodes %zu\nedges %zu\n", g.n_names, g.n_edges);
	if (sources == UINT32_MAX)
		sources = gx_paths_sources(GX_PATHS_AUTO, g.n_names, g.n_edges);
	if (cmp) {
		compare(&g, sources ? sources : GX_PATHS_AUTO_SOURCES, threads);
	} else {
		gx_network *net = network(&g);

		run(net, exact ? 0 : sources, threads, exact ? "exact" : "paths");
		free(net->nodes);
		free(net);
	}
	return 0;
}
