/* graph.gexf: GEXF 1.3 (http://gexf.net/1.3) written by hand, igraph having
 * no GEXF writer. Attributes are declared with their types; every node has
 * viz:color (by type), viz:size (by PageRank) and viz:position from a
 * Graphviz layout, so Gephi opens a graph that is already laid out. The run's
 * parameters go into <meta><description>. Validated against the 1.3 RELAX NG
 * schema by the tests. */
#define _POSIX_C_SOURCE 200809L
#include "export/common.h"

#include <time.h>

static const struct {
	const char *id, *type;
} node_attrs[] =
    {
	{"type", "string"},        {"subtype", "string"},    {"mentions", "integer"},
	{"documents", "integer"},  {"degree", "integer"},    {"strength", "double"},
	{"betweenness", "double"}, {"closeness", "double"},  {"harmonic", "double"},
	{"eigenvector", "double"}, {"pagerank", "double"},   {"louvain", "integer"},
	{"leiden", "integer"},     {"community", "integer"},
},
  edge_attrs[] = {
      {"count", "integer"},  {"documents", "integer"}, {"assoc", "double"},
      {"jaccard", "double"}, {"cosine", "double"},     {"pmi", "double"},
};

#define COUNT(a) (sizeof a / sizeof a[0])

static void att_s(FILE *fp, const char *k, const char *v)
{
	fprintf(fp, "          <attvalue for=\"%s\" value=\"", k);
	gx_export__xml(fp, v);
	fputs("\"/>\n", fp);
}

static void att_i(FILE *fp, const char *k, long long v)
{
	fputs("          <attvalue for=\"", fp);
	fputs(k, fp);
	gx_export__put_int(fp, "\" value=\"", v, "\"/>\n");
}

static void att_d(FILE *fp, const char *k, double v)
{
	fputs("          <attvalue for=\"", fp);
	fputs(k, fp);
	gx_export__put_num(fp, "\" value=\"", v, "\"/>\n");
}

static void write_node(FILE *fp, const gx_network *net, size_t i, const double *xy)
{
	const gx_net_node *n = &net->nodes[i];
	char coarse[32], b1[40], b2[40];
	const char *sub = gx_export__split_type(n->type, coarse, sizeof coarse);
	int rgb[3];

	fprintf(fp, "      <node id=\"n%zu\" label=\"", i);
	gx_export__xml(fp, n->name);
	fputs("\">\n        <attvalues>\n", fp);
	att_s(fp, "type", coarse);
	att_s(fp, "subtype", sub);
	att_i(fp, "mentions", n->mentions);
	att_i(fp, "documents", n->docs);
	att_i(fp, "degree", n->degree);
	att_d(fp, "strength", n->strength);
	att_d(fp, "betweenness", n->betweenness);
	att_d(fp, "closeness", n->closeness);
	att_d(fp, "harmonic", n->harmonic);
	att_d(fp, "eigenvector", n->eigenvector);
	att_d(fp, "pagerank", n->pagerank);
	att_i(fp, "louvain", n->louvain);
	att_i(fp, "leiden", n->leiden);
	att_i(fp, "community", n->leiden);
	fputs("        </attvalues>\n", fp);
	gx_export__rgb(n->type, rgb);
	fprintf(fp, "        <viz:color r=\"%d\" g=\"%d\" b=\"%d\" a=\"1.0\"/>\n", rgb[0], rgb[1],
		rgb[2]);
	fprintf(fp, "        <viz:size value=\"%s\"/>\n",
		gx_export__num(b1, sizeof b1, 5 + 25 * gx_export__size(net, i)));
	if (xy)
		fprintf(fp, "        <viz:position x=\"%s\" y=\"%s\" z=\"0.0\"/>\n",
			gx_export__num(b1, sizeof b1, xy[2 * i]),
			gx_export__num(b2, sizeof b2, xy[2 * i + 1]));
	fputs("      </node>\n", fp);
}

static void write_edge(FILE *fp, const gx_network *net, size_t i)
{
	const gx_net_edge *e = &net->edges[i];

	/* Gephi needs positive edge weights: a negative PMI would be refused, so
	 * the GEXF weight is the count unless the chosen weight is positive */
	gx_export__put_int(fp, "      <edge id=\"e", (long long)i, "\"");
	gx_export__put_int(fp, " source=\"n", e->u, "\"");
	gx_export__put_int(fp, " target=\"n", e->v, "\"");
	gx_export__put_num(fp, " weight=\"", e->weight > 0 ? e->weight : e->pair->count, "\">\n");
	fputs("        <attvalues>\n", fp);
	att_i(fp, "count", e->pair->count);
	att_i(fp, "documents", e->pair->docs);
	att_d(fp, "assoc", e->assoc);
	att_d(fp, "jaccard", e->jaccard);
	att_d(fp, "cosine", e->cosine);
	att_d(fp, "pmi", e->pmi);
	fputs("        </attvalues>\n      </edge>\n", fp);
}

static void declare(FILE *fp, const char *cls, size_t n, const char *const *ids,
		    const char *const *types)
{
	size_t i;

	fprintf(fp, "    <attributes class=\"%s\" mode=\"static\">\n", cls);
	for (i = 0; i < n; i++)
		fprintf(fp, "      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n", ids[i],
			ids[i], types[i]);
	fputs("    </attributes>\n", fp);
}

static void header(FILE *fp, const gx_network *net)
{
	const char *ids[COUNT(node_attrs)], *types[COUNT(node_attrs)];
	char date[16];
	time_t now = time(NULL);
	struct tm tm;
	size_t i;

	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%Y-%m-%d", &tm);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      /* no xsi:schemaLocation: the 1.3 RELAX NG schema refuses it */
	      "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" "
	      "version=\"1.3\">\n",
	      fp);
	fprintf(fp, "  <meta lastmodifieddate=\"%s\">\n    <creator>guanxi %s</creator>\n", date,
		GX_VERSION);
	fputs("    <description>co-occurrence network; ", fp);
	gx_export__params_line(fp, net);
	fputs("</description>\n  </meta>\n", fp);
	fputs("  <graph defaultedgetype=\"undirected\" mode=\"static\">\n", fp);
	for (i = 0; i < COUNT(node_attrs); i++) {
		ids[i] = node_attrs[i].id;
		types[i] = node_attrs[i].type;
	}
	declare(fp, "node", COUNT(node_attrs), ids, types);
	for (i = 0; i < COUNT(edge_attrs); i++) {
		ids[i] = edge_attrs[i].id;
		types[i] = edge_attrs[i].type;
	}
	declare(fp, "edge", COUNT(edge_attrs), ids, types);
}

int gx_export__gexf(FILE *fp, const gx_network *net, const double *xy)
{
	size_t i;

	header(fp, net);
	fprintf(fp, "    <nodes count=\"%zu\">\n", net->n_nodes);
	for (i = 0; i < net->n_nodes; i++)
		write_node(fp, net, i, xy);
	fprintf(fp, "    </nodes>\n    <edges count=\"%zu\">\n", net->n_edges);
	for (i = 0; i < net->n_edges; i++)
		write_edge(fp, net, i);
	fputs("    </edges>\n  </graph>\n</gexf>\n", fp);
	return GX_OK;
}
