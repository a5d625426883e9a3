/* nodes.csv and edges.csv, for Gephi's spreadsheet import and for the
 * scorer: RFC 4180, a header line and nothing else (no comment lines: the
 * run's parameters are in summary.txt and params.json). Source and Target
 * are canonical names, which are also the node Ids, so the two files join
 * without a lookup. */
#include "export/common.h"

/* Writes each value preceded by a comma. */
static void nums(FILE *fp, const double *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		gx_export__put_num(fp, ",", v[i], "");
}

int gx_export__nodes_csv(FILE *fp, const gx_network *net)
{
	size_t i;

	fputs("Id,Label,Type,Subtype,Mentions,Documents,Degree,Strength,Betweenness,Closeness,"
	      "Harmonic,Eigenvector,PageRank,Louvain,Leiden,Community\r\n",
	      fp);
	for (i = 0; i < net->n_nodes; i++) {
		const gx_net_node *n = &net->nodes[i];
		char coarse[32];
		const char *sub = gx_export__split_type(n->type, coarse, sizeof coarse);
		const double m[] = {n->strength, n->betweenness, n->closeness,
				    n->harmonic, n->eigenvector, n->pagerank};

		gx_export__csv(fp, n->name);
		putc(',', fp);
		gx_export__csv(fp, n->name);
		putc(',', fp);
		gx_export__csv(fp, coarse);
		putc(',', fp);
		gx_export__csv(fp, sub);
		fprintf(fp, ",%u,%u,%lld", (unsigned)n->mentions, (unsigned)n->docs,
			(long long)n->degree);
		nums(fp, m, sizeof m / sizeof *m);
		fprintf(fp, ",%lld,%lld,%lld\r\n", (long long)n->louvain, (long long)n->leiden,
			(long long)n->leiden);
	}
	return GX_OK;
}

int gx_export__edges_csv(FILE *fp, const gx_network *net)
{
	size_t i;

	fputs("Source,Target,Weight,Count,Documents,Assoc,Jaccard,Cosine,PMI,Type\r\n", fp);
	for (i = 0; i < net->n_edges; i++) {
		const gx_net_edge *e = &net->edges[i];
		const double w[] = {e->assoc, e->jaccard, e->cosine, e->pmi};

		gx_export__csv(fp, net->nodes[e->u].name);
		putc(',', fp);
		gx_export__csv(fp, net->nodes[e->v].name);
		nums(fp, &e->weight, 1);
		gx_export__put_int(fp, ",", e->pair->count, "");
		gx_export__put_int(fp, ",", e->pair->docs, "");
		nums(fp, w, sizeof w / sizeof *w);
		fputs(",Undirected\r\n", fp);
	}
	return GX_OK;
}
