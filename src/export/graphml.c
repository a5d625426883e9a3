/* graph.graphml, written by hand rather than through
 * igraph_write_graph_graphml so that counts are declared attr.type="int"
 * (igraph writes every number as a double) and igraph stays in src/graph/.
 * Node ids are n0…, the canonical name is the `label` key; the run's
 * parameters are graph-level data keys. */
#include "export/common.h"

typedef struct {
	const char *id, *type; /* GraphML key id (= attr.name) and attr.type */
} key;

static const key node_keys[] = {
    {"label", "string"},    {"type", "string"},        {"subtype", "string"},
    {"mentions", "int"},    {"documents", "int"},      {"degree", "int"},
    {"strength", "double"}, {"betweenness", "double"}, {"closeness", "double"},
    {"harmonic", "double"}, {"eigenvector", "double"}, {"pagerank", "double"},
    {"louvain", "int"},     {"leiden", "int"},         {"community", "int"},
};
static const key edge_keys[] = {
    {"weight", "double"},  {"count", "int"},     {"documents", "int"}, {"assoc", "double"},
    {"jaccard", "double"}, {"cosine", "double"}, {"pmi", "double"},
};

static void declare(FILE *fp, const char *dom, const key *k, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(fp, "  <key id=\"%s%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
			dom[0] == 'e' ? "e_" : "", k[i].id, dom, k[i].id, k[i].type);
}

static void data_s(FILE *fp, const char *k, const char *v)
{
	fprintf(fp, "      <data key=\"%s\">", k);
	gx_export__xml(fp, v);
	fputs("</data>\n", fp);
}

static void data_i(FILE *fp, const char *k, long long v)
{
	fputs("      <data key=\"", fp);
	fputs(k, fp);
	gx_export__put_int(fp, "\">", v, "</data>\n");
}

static void data_d(FILE *fp, const char *k, double v)
{
	fputs("      <data key=\"", fp);
	fputs(k, fp);
	gx_export__put_num(fp, "\">", v, "</data>\n");
}

static void write_node(FILE *fp, const gx_net_node *n, size_t i)
{
	char coarse[32];
	const char *sub = gx_export__split_type(n->type, coarse, sizeof coarse);

	fprintf(fp, "    <node id=\"n%zu\">\n", i);
	data_s(fp, "label", n->name);
	data_s(fp, "type", coarse);
	data_s(fp, "subtype", sub);
	data_i(fp, "mentions", n->mentions);
	data_i(fp, "documents", n->docs);
	data_i(fp, "degree", n->degree);
	data_d(fp, "strength", n->strength);
	data_d(fp, "betweenness", n->betweenness);
	data_d(fp, "closeness", n->closeness);
	data_d(fp, "harmonic", n->harmonic);
	data_d(fp, "eigenvector", n->eigenvector);
	data_d(fp, "pagerank", n->pagerank);
	data_i(fp, "louvain", n->louvain);
	data_i(fp, "leiden", n->leiden);
	data_i(fp, "community", n->leiden);
	fputs("    </node>\n", fp);
}

static void write_edge(FILE *fp, const gx_net_edge *e, size_t i)
{
	gx_export__put_int(fp, "    <edge id=\"e", (long long)i, "\"");
	gx_export__put_int(fp, " source=\"n", e->u, "\"");
	gx_export__put_int(fp, " target=\"n", e->v, "\">\n");
	data_d(fp, "e_weight", e->weight);
	data_i(fp, "e_count", e->pair->count);
	data_i(fp, "e_documents", e->pair->docs);
	data_d(fp, "e_assoc", e->assoc);
	data_d(fp, "e_jaccard", e->jaccard);
	data_d(fp, "e_cosine", e->cosine);
	data_d(fp, "e_pmi", e->pmi);
	fputs("    </edge>\n", fp);
}

int gx_export__graphml(FILE *fp, const gx_network *net)
{
	size_t i;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
	      "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
	      "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
	      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
	      fp);
	fputs("  <key id=\"g_generator\" for=\"graph\" attr.name=\"generator\" "
	      "attr.type=\"string\"/>\n"
	      "  <key id=\"g_params\" for=\"graph\" attr.name=\"params\" attr.type=\"string\"/>\n",
	      fp);
	declare(fp, "node", node_keys, sizeof node_keys / sizeof node_keys[0]);
	declare(fp, "edge", edge_keys, sizeof edge_keys / sizeof edge_keys[0]);
	fputs("  <graph id=\"guanxi\" edgedefault=\"undirected\">\n", fp);
	fprintf(fp, "    <data key=\"g_generator\">guanxi %s</data>\n", GX_VERSION);
	fputs("    <data key=\"g_params\">", fp);
	gx_export__params_line(fp, net);
	fputs("</data>\n", fp);
	for (i = 0; i < net->n_nodes; i++)
		write_node(fp, &net->nodes[i], i);
	for (i = 0; i < net->n_edges; i++)
		write_edge(fp, &net->edges[i], i);
	fputs("  </graph>\n</graphml>\n", fp);
	return GX_OK;
}
