/* The filtered network and its measures, in plain C arrays: src/export/ reads
 * it without seeing igraph (STYLE.md 3.1: <igraph.h> stays in src/graph/). */
#ifndef GX_GRAPH_NETWORK_H
#define GX_GRAPH_NETWORK_H

#include "cooccur/cooccur.h"
#include "guanxi/guanxi.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint32_t ent;     /* entity id in the accumulator */
	const char *name; /* canonical name, borrowed from the accumulator */
	const char *type; /* "org/university", borrowed */
	uint32_t mentions, docs;
	int64_t degree;
	double strength;         /* sum of counts (weights as strengths) */
	double betweenness;      /* lengths 1/count, not normalised */
	double closeness;        /* lengths 1/count, over the reachable nodes, normalised */
	double harmonic;         /* lengths 1/count, normalised by n - 1 */
	double eigenvector;      /* counts as strengths, scaled to max 1 */
	double pagerank;         /* counts as strengths, damping 0.85 */
	int64_t louvain, leiden; /* community, numbered by size (0 = largest) */
	double x, y;             /* layout position in points (export fills it) */
} gx_net_node;

typedef struct {
	uint32_t u, v;            /* node indices, u < v */
	const gx_cooc_pair *pair; /* counts and evidence, borrowed */
	double weight;            /* the chosen weight */
	double assoc, jaccard, cosine, pmi;
} gx_net_edge;

struct gx_network {
	const gx_cooc *cooc;
	gx_network_options opt;
	gx_net_node *nodes;
	size_t n_nodes;
	gx_net_edge *edges;
	size_t n_edges;
	size_t components; /* connected components, isolates included */
	int64_t louvain_count, leiden_count;
	double louvain_q, leiden_q;      /* modularity of each partition */
	int eigen_failed;                /* eigenvector centrality could not converge */
	double pagerank_lo, pagerank_hi; /* the smallest and largest PageRank (node sizes) */
	int paths_exact;                 /* betweenness, closeness, harmonic from every node */
	uint32_t path_sources;           /* the sources they were computed from (paths.h) */
};

/* Computes every measure of `net` (nodes and edges filled). GX_ERROR with
 * igraph's message if igraph fails. Implemented in graph.c, the only file that
 * talks to igraph. */
int gx_graph__measure(gx_network *net);

/* The coarse type's bit (GX_TYPE_*) of "org/university"; 0 if unknown. */
unsigned gx_type_bit(const char *type);

#endif
