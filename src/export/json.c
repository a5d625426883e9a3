/* graph.json: {"meta": {...}, "nodes": [...], "links": [...]}, the shape
 * D3's force layout (and networkx's node_link_graph) reads. Links name their
 * ends by node id (the canonical name) and carry up to K evidence references
 * (document, unit index, unit byte span) for later queries. */
#include "export/common.h"

static void field_num(FILE *fp, const char *key, double x)
{
	fputs(", \"", fp);
	fputs(key, fp);
	gx_export__put_num(fp, "\": ", x, "");
}

static void node(FILE *fp, const gx_network *net, size_t i, const double *xy)
{
	const gx_net_node *n = &net->nodes[i];
	char coarse[32];
	const char *sub = gx_export__split_type(n->type, coarse, sizeof coarse);

	fputs("  {\"id\": ", fp);
	gx_export__json(fp, n->name);
	fputs(", \"label\": ", fp);
	gx_export__json(fp, n->name);
	fputs(", \"type\": ", fp);
	gx_export__json(fp, coarse);
	fputs(", \"subtype\": ", fp);
	gx_export__json(fp, sub);
	fprintf(fp, ", \"mentions\": %u, \"documents\": %u, \"degree\": %lld",
		(unsigned)n->mentions, (unsigned)n->docs, (long long)n->degree);
	field_num(fp, "strength", n->strength);
	field_num(fp, "betweenness", n->betweenness);
	field_num(fp, "closeness", n->closeness);
	field_num(fp, "harmonic", n->harmonic);
	field_num(fp, "eigenvector", n->eigenvector);
	field_num(fp, "pagerank", n->pagerank);
	fprintf(fp, ", \"louvain\": %lld, \"leiden\": %lld, \"community\": %lld",
		(long long)n->louvain, (long long)n->leiden, (long long)n->leiden);
	fprintf(fp, ", \"color\": \"%s\"", gx_export__colour(n->type));
	if (xy) {
		field_num(fp, "x", xy[2 * i]);
		field_num(fp, "y", xy[2 * i + 1]);
	}
	fputc('}', fp);
}

static void link(FILE *fp, const gx_network *net, size_t i)
{
	const gx_net_edge *e = &net->edges[i];
	uint32_t k;

	fputs("  {\"source\": ", fp);
	gx_export__json(fp, net->nodes[e->u].name);
	fputs(", \"target\": ", fp);
	gx_export__json(fp, net->nodes[e->v].name);
	field_num(fp, "weight", e->weight);
	gx_export__put_int(fp, ", \"count\": ", e->pair->count, "");
	gx_export__put_int(fp, ", \"documents\": ", e->pair->docs, "");
	field_num(fp, "assoc", e->assoc);
	field_num(fp, "jaccard", e->jaccard);
	field_num(fp, "cosine", e->cosine);
	field_num(fp, "pmi", e->pmi);
	fputs(", \"evidence\": [", fp);
	for (k = 0; k < e->pair->n_ev; k++) {
		const gx_evidence *ev = gx_cooc__evidence(net->cooc, e->pair, k);

		fputs(k ? ", {\"doc\": " : "{\"doc\": ", fp);
		gx_export__json(fp, net->cooc->docs.ptr[ev->doc]);
		gx_export__put_int(fp, ", \"unit\": ", ev->unit, "");
		gx_export__put_int(fp, ", \"start\": ", ev->start, "");
		gx_export__put_int(fp, ", \"end\": ", ev->end, "}");
	}
	fputs("]}", fp);
}

int gx_export__json_graph(FILE *fp, const gx_network *net, const double *xy)
{
	size_t i;

	fputs("{\"meta\": {\n", fp);
	gx_export__params_json(fp, net, "  ");
	fputs("\n},\n\"nodes\": [\n", fp);
	for (i = 0; i < net->n_nodes; i++) {
		node(fp, net, i, xy);
		fputs(i + 1 < net->n_nodes ? ",\n" : "\n", fp);
	}
	fputs("],\n\"links\": [\n", fp);
	for (i = 0; i < net->n_edges; i++) {
		link(fp, net, i);
		fputs(i + 1 < net->n_edges ? ",\n" : "\n", fp);
	}
	fputs("]}\n", fp);
	return GX_OK;
}

int gx_export__params(FILE *fp, const gx_network *net)
{
	fputs("{\n", fp);
	gx_export__params_json(fp, net, "  ");
	fputs("\n}\n", fp);
	return GX_OK;
}
