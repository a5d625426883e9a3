/* What the network exporters share: escaping for CSV, XML and JSON, the
 * look of a node (colour, shape, size by type and centrality), the run's
 * parameters, and opening an output file atomically. One format per file
 * (csv.c json.c graphml.c gexf.c dot.c summary.c); only dot.c sees Graphviz. */
#ifndef GX_EXPORT_COMMON_H
#define GX_EXPORT_COMMON_H

#include "graph/network.h"

#include <stdio.h>

/* Splits "org/university" into "org" (copied to `coarse`, size `n`) and
 * "university" (returned, borrowed; "" if there is no subtype). */
const char *gx_export__split_type(const char *type, char *coarse, size_t n);

/* Writers of one escaped value. XML drops C0 controls (forbidden in XML
 * 1.0) and escapes & < > " '; JSON writes a quoted string; CSV quotes a
 * field holding , " CR or LF (RFC 4180) and doubles its quotes. */
void gx_export__xml(FILE *fp, const char *s);
void gx_export__json(FILE *fp, const char *s);
void gx_export__csv(FILE *fp, const char *s);

/* The look of a node by its coarse type: fill colour as "#RRGGBB" and as
 * components, and a Graphviz shape. */
const char *gx_export__colour(const char *type);
void gx_export__rgb(const char *type, int rgb[3]);
const char *gx_export__shape(const char *type);
/* A node's relative size in [0, 1]: its PageRank rescaled between the
 * network's smallest and largest. */
double gx_export__size(const gx_network *net, size_t node);

/* The run's parameters as one line ("unit=sentence weight=count …") and as
 * the members of a JSON object (without braces). */
void gx_export__params_line(FILE *fp, const gx_network *net);
void gx_export__params_json(FILE *fp, const gx_network *net, const char *indent);

/* Formats a double compactly and exactly enough to read back ("%.10g"; a
 * non-finite value becomes 0). Returns `buf`. */
const char *gx_export__num(char *buf, size_t n, double x);
/* Writes `a`, the number `x` as gx_export__num() formats it, then `b`: the
 * writers' hot path, without printf's format parsing. */
void gx_export__put_num(FILE *fp, const char *a, double x, const char *b);
/* The same with an integer. */
void gx_export__put_int(FILE *fp, const char *a, long long x, const char *b);

/* Layout positions (x, y in points, 2 per node) for the whole network, by
 * Graphviz: neato for small networks, sfdp for large ones (dot.c). Caller
 * frees. */
double *gx_export__layout(const gx_network *net);
/* 1 if the GEXF and JSON exports carry positions: the network has at most
 * opt.layout_max nodes. */
int gx_export__positioned(const gx_network *net);

/* Writers, each into an open stream; they return GX_OK or GX_EIO. */
int gx_export__nodes_csv(FILE *fp, const gx_network *net);
int gx_export__edges_csv(FILE *fp, const gx_network *net);
int gx_export__json_graph(FILE *fp, const gx_network *net, const double *xy);
int gx_export__graphml(FILE *fp, const gx_network *net);
int gx_export__gexf(FILE *fp, const gx_network *net, const double *xy);
int gx_export__summary(FILE *fp, const gx_network *net);
int gx_export__params(FILE *fp, const gx_network *net);
/* graph.dot, graph.svg and graph.png (the drawn part of the network) go
 * through one cgraph graph: dot.c writes them itself into `dir`. */
int gx_export__drawings(const gx_network *net, const char *dir, unsigned formats);

/* Opens DIR/NAME for an atomic write (outfile.c). */
int gx_export__open(gx_outfile **out, const char *dir, const char *name);

#endif
