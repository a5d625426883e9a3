/* The drawn network through Graphviz: graph.dot by cgraph, graph.svg and
 * graph.png rendered by gvc, and the layout positions GEXF and JSON carry.
 * This is the only file that includes Graphviz headers (STYLE.md 3.1), whose
 * macros (TRUE, MIN, boolean…) would leak into anything else.
 *
 * What is drawn: nodes with at least one edge, at most `draw_nodes` of them
 * (those of highest PageRank), and the edges among them. Hundreds of labelled
 * nodes are unreadable in a static picture; the data exports keep everything.
 * Look: type gives shape and colour, PageRank the label size, the chosen
 * weight the pen width. Engine: neato up to SMALL nodes (stress majorisation
 * gives the clearest small pictures), sfdp above (multilevel, fast). */
#define _POSIX_C_SOURCE 200809L
#include "core/alloc.h"
#include "core/error.h"
#include "export/common.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SMALL 100
#define FONT  "Noto Sans CJK SC"

/* cgraph 2.42 takes char * where it means const char * (STYLE.md 4.7) */
static char *S(const char *s)
{
	return (char *)(uintptr_t)s;
}

static void set(void *obj, const char *name, const char *value)
{
	agsafeset(obj, S(name), S(value), S(""));
}

/* One gvc context for the whole process. Graphviz 2.42's pango plugin keeps
 * a pointer to the last font name across contexts, and that name is freed
 * with the context that made it: a second context's first label then reads
 * freed memory (found by ASan). The context is never freed; its memory is
 * libgvc's, like the caches tests/lsan.supp already lists. */
static GVC_t *context(void)
{
	static GVC_t *gvc;

	if (gvc == NULL)
		gvc = gvContext();
	return gvc;
}

static const char *engine_for(size_t nodes)
{
	return nodes <= SMALL ? "neato" : "sfdp";
}

typedef struct {
	double pagerank;
	size_t i;
} ranked;

/* by PageRank, highest first; equal ones in node order */
static int by_pagerank(const void *a, const void *b)
{
	const ranked *x = a, *y = b;

	if (x->pagerank != y->pagerank)
		return x->pagerank < y->pagerank ? 1 : -1;
	return (x->i > y->i) - (x->i < y->i);
}

/* Which nodes are drawn (1 in `keep`); returns how many. */
static size_t choose(const gx_network *net, char *keep)
{
	ranked *order = gx_xmalloc((net->n_nodes + 1) * sizeof *order);
	size_t i, n = 0, limit = net->opt.draw_nodes ? net->opt.draw_nodes : net->n_nodes;

	for (i = 0; i < net->n_nodes; i++)
		if (net->nodes[i].degree > 0) {
			order[n].pagerank = net->nodes[i].pagerank;
			order[n++].i = i;
		}
	qsort(order, n, sizeof *order, by_pagerank);
	memset(keep, 0, net->n_nodes + 1);
	for (i = 0; i < n && i < limit; i++)
		keep[order[i].i] = 1;
	free(order);
	return n < limit ? n : limit;
}

static void graph_attrs(Agraph_t *g, const gx_network *net, size_t drawn, size_t edges)
{
	char buf[512];
	FILE *mem;
	char *params = NULL;
	size_t len = 0;

	set(g, "charset", "UTF-8");
	set(g, "layout", engine_for(drawn));
	set(g, "fontname", FONT);
	set(g, "overlap", drawn <= SMALL ? "false" : "prism");
	set(g, "pack", "true");
	set(g, "outputorder", "edgesfirst");
	set(g, "bgcolor", "white");
	set(g, "pad", "0.3");
	mem = open_memstream(&params, &len);
	if (mem) {
		gx_export__params_line(mem, net);
		fclose(mem);
		set(g, "comment", params);
	}
	snprintf(buf, sizeof buf, "guanxi: %zu of %zu nodes, %zu edges (%s)", drawn, net->n_nodes,
		 edges, params ? params : "");
	set(g, "label", buf);
	set(g, "labelloc", "t");
	set(g, "fontsize", "18");
	free(params);
}

static void node_attrs(Agnode_t *v, const gx_network *net, size_t i)
{
	const gx_net_node *n = &net->nodes[i];
	double s = gx_export__size(net, i);
	char buf[64];

	set(v, "label", n->name);
	set(v, "shape", gx_export__shape(n->type));
	set(v, "style", "filled");
	set(v, "fillcolor", gx_export__colour(n->type));
	set(v, "color", "#333333");
	set(v, "fontcolor", "white");
	set(v, "fontname", FONT);
	snprintf(buf, sizeof buf, "%.1f", 10 + 14 * s);
	set(v, "fontsize", buf);
	set(v, "margin", "0.05,0.03");
	snprintf(buf, sizeof buf, "%.4g", n->pagerank);
	set(v, "pagerank", buf);
	snprintf(buf, sizeof buf, "%lld", (long long)n->leiden);
	set(v, "community", buf);
}

static void edge_attrs(Agedge_t *e, const gx_net_edge *x, double lo, double hi)
{
	double s = hi > lo ? (x->weight - lo) / (hi - lo) : 0.5;
	char buf[64];

	snprintf(buf, sizeof buf, "%.2f", 0.5 + 4.5 * s);
	set(e, "penwidth", buf);
	snprintf(buf, sizeof buf, "%.2f", 2.0 - s); /* neato: stronger ties sit closer */
	set(e, "len", buf);
	snprintf(buf, sizeof buf, "%u", (unsigned)x->pair->count);
	set(e, "count", buf);
	snprintf(buf, sizeof buf, "%.4g", x->weight);
	set(e, "weight_value", buf);
	set(e, "color", "#7f7f7f99");
}

/* A cgraph graph of the nodes in `keep` (all if NULL) and the edges among
 * them; `vs[i]` receives node i (NULL if not drawn). */
static Agraph_t *make_graph(const gx_network *net, const char *keep, Agnode_t **vs, int styled)
{
	Agraph_t *g = agopen(S("guanxi"), Agstrictundirected, NULL);
	double lo = INFINITY, hi = -INFINITY;
	size_t i, drawn = 0, edges = 0;

	for (i = 0; i < net->n_nodes; i++) {
		vs[i] = NULL;
		if (keep && !keep[i])
			continue;
		vs[i] = agnode(g, S(net->nodes[i].name), 1);
		drawn++;
	}
	for (i = 0; i < net->n_edges; i++) {
		const gx_net_edge *x = &net->edges[i];

		if (vs[x->u] && vs[x->v]) {
			lo = fmin(lo, x->weight);
			hi = fmax(hi, x->weight);
			edges++;
		}
	}
	if (styled)
		graph_attrs(g, net, drawn, edges);
	else
		set(g, "overlap", drawn <= SMALL ? "false" : "prism");
	for (i = 0; i < net->n_nodes; i++)
		if (vs[i] && styled)
			node_attrs(vs[i], net, i);
	for (i = 0; i < net->n_edges; i++) {
		const gx_net_edge *x = &net->edges[i];
		Agedge_t *e;

		if (!vs[x->u] || !vs[x->v])
			continue;
		e = agedge(g, vs[x->u], vs[x->v], NULL, 1);
		if (styled)
			edge_attrs(e, x, lo, hi);
		else
			set(e, "len", "1");
	}
	return g;
}

double *gx_export__layout(const gx_network *net)
{
	double *xy = gx_xcalloc(2 * net->n_nodes + 2, sizeof *xy);
	Agnode_t **vs;
	Agraph_t *g;
	GVC_t *gvc;
	size_t i;

	if (net->n_nodes == 0)
		return xy;
	agseterr(AGERR);
	vs = gx_xmalloc(net->n_nodes * sizeof *vs);
	gvc = context();
	g = make_graph(net, NULL, vs, 0);
	set(g, "pack", "true");
	if (gvLayout(gvc, g, engine_for(net->n_nodes)) == 0) {
		for (i = 0; i < net->n_nodes; i++) {
			xy[2 * i] = ND_coord(vs[i]).x;
			xy[2 * i + 1] = ND_coord(vs[i]).y;
		}
		gvFreeLayout(gvc, g);
	}
	agclose(g);
	free(vs);
	return xy;
}

static int write_dot(Agraph_t *g, const gx_network *net, const char *dir)
{
	gx_outfile *f = NULL;
	int error = gx_export__open(&f, dir, "graph.dot");
	FILE *fp;

	if (error < 0)
		return error;
	fp = gx_outfile_stream(f);
	fputs("/* guanxi " GX_VERSION " co-occurrence network: ", fp);
	gx_export__params_line(fp, net);
	fputs(" */\n", fp);
	if (agwrite(g, fp) != 0) {
		gx_outfile_abort(f);
		return gx_error_set(GX_EIO, "cannot write %s/graph.dot", dir);
	}
	return gx_outfile_commit(f);
}

static int render(GVC_t *gvc, Agraph_t *g, const char *dir, const char *name, const char *fmt)
{
	gx_outfile *f = NULL;
	int error = gx_export__open(&f, dir, name);

	if (error < 0)
		return error;
	if (gvRender(gvc, g, S(fmt), gx_outfile_stream(f)) != 0) {
		gx_outfile_abort(f);
		return gx_error_set(GX_ERROR, "Graphviz could not render %s/%s", dir, name);
	}
	return gx_outfile_commit(f);
}

int gx_export__drawings(const gx_network *net, const char *dir, unsigned formats)
{
	char *keep = gx_xmalloc(net->n_nodes + 1);
	Agnode_t **vs = gx_xmalloc((net->n_nodes + 1) * sizeof *vs);
	size_t drawn = choose(net, keep);
	GVC_t *gvc = NULL;
	Agraph_t *g;
	int error = GX_OK;

	agseterr(AGERR);
	g = make_graph(net, keep, vs, 1);
	if (formats & GX_FMT_DOT)
		error = write_dot(g, net, dir);
	if (error == GX_OK && (formats & (GX_FMT_SVG | GX_FMT_PNG))) {
		gvc = context();
		if (gvLayout(gvc, g, engine_for(drawn)) != 0) {
			error = gx_error_set(GX_ERROR, "Graphviz could not lay the graph out");
		} else {
			if (formats & GX_FMT_SVG)
				error = render(gvc, g, dir, "graph.svg", "svg");
			if (error == GX_OK && (formats & GX_FMT_PNG))
				error = render(gvc, g, dir, "graph.png", "png");
			gvFreeLayout(gvc, g);
		}
	}
	agclose(g);
	free(keep);
	free(vs);
	return error;
}
