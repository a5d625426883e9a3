/* summary.txt: what a reader wants first: the corpus's size, entities by
 * type, the network's size and components, the communities, and the top 10
 * nodes by each measure and within each type. Plain text, UTF-8. */
#include "core/alloc.h"
#include "export/common.h"
#include "graph/paths.h"

#include <stdlib.h>
#include <string.h>

#define TOP 10

typedef double (*measure_fn)(const gx_net_node *n);

static double m_degree(const gx_net_node *n)
{
	return (double)n->degree;
}
static double m_strength(const gx_net_node *n)
{
	return n->strength;
}
static double m_betweenness(const gx_net_node *n)
{
	return n->betweenness;
}
static double m_closeness(const gx_net_node *n)
{
	return n->closeness;
}
static double m_harmonic(const gx_net_node *n)
{
	return n->harmonic;
}
static double m_eigenvector(const gx_net_node *n)
{
	return n->eigenvector;
}
static double m_pagerank(const gx_net_node *n)
{
	return n->pagerank;
}
static double m_mentions(const gx_net_node *n)
{
	return n->mentions;
}

static const struct {
	const char *name;
	measure_fn fn;
} measures[] = {
    {"mentions", m_mentions},       {"degree", m_degree},       {"strength", m_strength},
    {"betweenness", m_betweenness}, {"closeness", m_closeness}, {"harmonic", m_harmonic},
    {"eigenvector", m_eigenvector}, {"pagerank", m_pagerank},
};

typedef struct {
	double v;
	size_t i;
} ranked;

static int cmp_ranked(const void *x, const void *y)
{
	const ranked *a = x, *b = y;

	if (a->v != b->v)
		return a->v > b->v ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* Top nodes by `fn`, only those whose type starts with `type` if non-NULL. */
static void top(FILE *fp, const gx_network *net, measure_fn fn, const char *type)
{
	ranked *r = gx_xmalloc((net->n_nodes + 1) * sizeof *r);
	size_t i, n = 0, tl = type ? strlen(type) : 0;
	char b[40];

	for (i = 0; i < net->n_nodes; i++) {
		const char *t = net->nodes[i].type;

		if (type && !(strncmp(t, type, tl) == 0 && (t[tl] == '/' || t[tl] == '\0')))
			continue;
		r[n].v = fn(&net->nodes[i]);
		r[n++].i = i;
	}
	qsort(r, n, sizeof *r, cmp_ranked);
	for (i = 0; i < n && i < TOP; i++)
		fprintf(fp, "  %2zu. %-12s %s (%s)\n", i + 1, gx_export__num(b, sizeof b, r[i].v),
			net->nodes[r[i].i].name, net->nodes[r[i].i].type);
	if (n == 0)
		fputs("  (none)\n", fp);
	free(r);
}

static size_t type_index(const char *type)
{
	size_t k;

	for (k = 0; k < 4; k++)
		if (gx_type_bit(type) == 1u << k)
			break;
	return k;
}

/* Entities of the corpus and nodes of the (filtered) network, by type. */
static void by_type(FILE *fp, const gx_network *net)
{
	static const char *const types[] = {"org", "zone", "programme", "place", "other"};
	size_t ents[5] = {0}, nodes[5] = {0}, i, k;

	for (i = 0; i < net->cooc->ents.len; i++)
		ents[type_index(net->cooc->ents.ptr[i].type)]++;
	for (i = 0; i < net->n_nodes; i++)
		nodes[type_index(net->nodes[i].type)]++;
	fprintf(fp, "  %-10s %8s %8s\n", "type", "entities", "nodes");
	for (k = 0; k < 5; k++)
		if (k < 4 || ents[k])
			fprintf(fp, "  %-10s %8zu %8zu\n", types[k], ents[k], nodes[k]);
}

static void top_edges(FILE *fp, const gx_network *net)
{
	ranked *r = gx_xmalloc((net->n_edges + 1) * sizeof *r);
	size_t i;
	char b[40];

	for (i = 0; i < net->n_edges; i++) {
		r[i].v = net->edges[i].weight;
		r[i].i = i;
	}
	qsort(r, net->n_edges, sizeof *r, cmp_ranked);
	fprintf(fp, "\nTop %d edges by %s:\n", TOP, gx_weight_name(net->opt.weight));
	for (i = 0; i < net->n_edges && i < TOP; i++) {
		const gx_net_edge *e = &net->edges[r[i].i];

		fprintf(fp, "  %2zu. %-12s %s -- %s (count %u, %u documents)\n", i + 1,
			gx_export__num(b, sizeof b, r[i].v), net->nodes[e->u].name,
			net->nodes[e->v].name, (unsigned)e->pair->count, (unsigned)e->pair->docs);
	}
	free(r);
}

int gx_export__summary(FILE *fp, const gx_network *net)
{
	static const char *const types[] = {"org", "zone", "programme", "place"};
	const gx_cooc *c = net->cooc;
	size_t i, isolated = 0;

	for (i = 0; i < net->n_nodes; i++)
		isolated += net->nodes[i].degree == 0;
	fprintf(fp, "guanxi %s co-occurrence network\nParameters: ", GX_VERSION);
	gx_export__params_line(fp, net);
	fprintf(fp, "\n\nCorpus: %zu documents, %llu units, %zu entities, %zu co-occurring pairs\n",
		c->docs.len, (unsigned long long)c->units, c->ents.len, c->pairs.len);
	fprintf(fp, "Network: %zu nodes (%zu without edges), %zu edges, %zu connected components\n",
		net->n_nodes, isolated, net->n_edges, net->components);
	fprintf(fp,
		"Communities: Louvain %lld (modularity %.4f), Leiden %lld (modularity %.4f), "
		"resolution %g\n",
		(long long)net->louvain_count, net->louvain_q, (long long)net->leiden_count,
		net->leiden_q, net->opt.resolution);
	if (net->eigen_failed)
		fputs("Eigenvector centrality did not converge: its column is 0.\n", fp);
	fputs("Weights: strength, eigenvector, PageRank and communities use counts as strengths;\n"
	      "betweenness, closeness and harmonic use 1/count as path lengths.\n",
	      fp);
	if (net->paths_exact)
		fputs("Betweenness, closeness and harmonic are exact (every node a source).\n\n",
		      fp);
	else
		fprintf(
		    fp,
		    "Betweenness, closeness and harmonic are ESTIMATES from %u of %zu nodes as\n"
		    "shortest-path sources (uniform per component, seed %u; README "
		    "\"Measures\").\n\n",
		    (unsigned)net->path_sources, net->n_nodes, (unsigned)GX_PATHS_SEED);
	by_type(fp, net);
	for (i = 0; i < sizeof measures / sizeof measures[0]; i++) {
		fprintf(fp, "\nTop %d by %s:\n", TOP, measures[i].name);
		top(fp, net, measures[i].fn, NULL);
	}
	for (i = 0; i < 4; i++) {
		fprintf(fp, "\nTop %d %s by pagerank:\n", TOP, types[i]);
		top(fp, net, m_pagerank, types[i]);
	}
	top_edges(fp, net);
	return GX_OK;
}
