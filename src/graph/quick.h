/* Measures that stay cheap on large networks (degree, strength, PageRank,
 * Louvain), for the evidence store's incremental builds: the path-based
 * measures of gx_graph__measure (betweenness, closeness, harmonic) cost
 * O(nodes × edges) and take minutes on a store of ~70k edges, which an
 * incremental build that added one document should not pay. */
#ifndef GX_GRAPH_QUICK_H
#define GX_GRAPH_QUICK_H

#include "graph/network.h"

/* Fills degree, strength, pagerank and louvain (leiden = louvain) of every
 * node of `net` (nodes and edges set up by the caller, counts from
 * edge->pair); betweenness, closeness, harmonic and eigenvector are left as
 * they are. GX_ERROR with igraph's message if igraph fails. */
int gx_graph__quick_measure(gx_network *net);

#endif
