/* The path-based measures of a network: betweenness, closeness and harmonic
 * centrality, with edge lengths 1/count (graph.c says why), exact or
 * estimated from a sample of sources (README.md "Measures"). */
#ifndef GX_GRAPH_PATHS_H
#define GX_GRAPH_PATHS_H

#include "graph/network.h"

#include <stddef.h>
#include <stdint.h>

/* Above this many nodes × edges, GX_PATHS_AUTO samples sources: exact
 * measures cost one shortest-path tree per node, O(nodes × edges), about
 * 40 ns × nodes × edges of CPU here, so this bounds them near 10 s (5,000
 * nodes with 50,000 edges). */
#define GX_PATHS_EXACT_WORK 250000000ULL
/* The seed of the source sample (recorded in the exports). */
#define GX_PATHS_SEED 20240611u
/* Sources sampled by GX_PATHS_AUTO above that size: on the 15.6k-node
 * network of a 20 MB benchmark corpus, 256 sources find 19 of the exact top
 * 20 by betweenness and by closeness (bench/paths.c, README "Measures"). */
#define GX_PATHS_AUTO_SOURCES 256u
/* A component is sampled with at least this many sources (all of its nodes
 * if it has fewer): a small component's nodes then get exact values. */
#define GX_PATHS_MIN_SOURCES 16u

/* Fills betweenness, closeness and harmonic of every node of `net` (nodes and
 * edges set, counts from edge->pair) and net->paths. `sources` 0 means every
 * node (exact); otherwise about that many sources are drawn, spread over the
 * components by size, with a fixed seed, and the values are scaled up.
 * `threads` 0: one per processor; the values do not depend on it. */
void gx_graph__paths(gx_network *net, uint32_t sources, unsigned threads);

/* What gx_network_options.paths asks for on a network of `nodes` and `edges`:
 * 0 (exact) or the number of sources to sample. */
uint32_t gx_paths_sources(uint32_t paths, size_t nodes, size_t edges);

#endif
