/* The network options of `guanxi build`: unit, weight, filters, formats. */
#ifndef GX_CLI_NETOPT_H
#define GX_CLI_NETOPT_H

#include "guanxi/guanxi.h"
#include "opt.h"

enum {
	OPT_UNIT = 2000,
	OPT_WEIGHT,
	OPT_MIN_COUNT,
	OPT_TOP_EDGES,
	OPT_TOP_K,
	OPT_TYPES,
	OPT_LCC,
	OPT_RESOLUTION,
	OPT_DRAW_NODES,
	OPT_FORMAT,
	OPT_EVIDENCE,
	OPT_PATHS,
	OPT_LAYOUT_MAX
};

#define GX_NETWORK_OPTDEFS                                                                         \
	{"unit", 0, 1, OPT_UNIT}, {"weight", 0, 1, OPT_WEIGHT},                                    \
	    {"min-count", 0, 1, OPT_MIN_COUNT}, {"top-edges", 0, 1, OPT_TOP_EDGES},                \
	    {"top-k", 0, 1, OPT_TOP_K}, {"types", 0, 1, OPT_TYPES}, {"lcc", 0, 0, OPT_LCC},        \
	    {"resolution", 0, 1, OPT_RESOLUTION}, {"draw-nodes", 0, 1, OPT_DRAW_NODES},            \
	    {"format", 0, 1, OPT_FORMAT}, {"paths", 0, 1, OPT_PATHS},                              \
	    {"layout-max", 0, 1, OPT_LAYOUT_MAX},                                                  \
	{                                                                                          \
		"evidence", 0, 1, OPT_EVIDENCE                                                     \
	}

#define GX_NETWORK_HELP                                                                            \
	"Network (README.md \"The network\"):\n"                                                   \
	"  --unit U           co-occurrence unit: sentence (default), paragraph, document,\n"      \
	"                     window:N (N characters)\n"                                           \
	"  --weight W         count (default), assoc, jaccard, cosine, pmi: ranks edges for\n"     \
	"                     the filters and the drawing; every edge carries all of them\n"       \
	"  --min-count N      drop edges seen in fewer than N units (default 1)\n"                 \
	"  --top-edges N      keep the N heaviest edges (default 0: all)\n"                        \
	"  --top-k N          keep an edge if among the K heaviest of either end (0: all)\n"       \
	"  --types LIST       node types kept: org,zone,programme,place (default all)\n"           \
	"  --lcc              keep only the largest connected component\n"                         \
	"  --resolution R     Louvain/Leiden resolution (default 1; higher: smaller groups)\n"     \
	"  --draw-nodes N     graph.dot/svg/png draw the N connected nodes of highest\n"           \
	"                     PageRank (default 150; 0: all)\n"                                    \
	"  --evidence K       evidence references kept per edge (default 3, at most 8)\n"          \
	"  --layout-max N     GEXF/JSON node positions (a Graphviz layout) for networks of\n"      \
	"                     at most N nodes (default 2000; 0: never)\n"                          \
	"  --paths P          betweenness, closeness, harmonic: auto (default: exact up to\n"      \
	"                     nodes x edges = 2.5e8, else from 256 sampled sources), exact,\n"     \
	"                     or N sampled sources\n"                                              \
	"  --format LIST      dot,graphml,gexf,csv,json,svg,png,summary (default all)\n"

typedef struct {
	gx_cooc_options cooc;
	gx_network_options net;
	unsigned formats;
} network_opts;

void network_opts_init(network_opts *no);
/* Handles one network option; 1 if it was one, 0 if not, -1 on a usage
 * error (reported). */
int network_opt(network_opts *no, int id, const char *value);

#endif
