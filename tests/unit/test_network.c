/* Measures on a hand-worked graph: a path a–b–c joined to a triangle c–d–e.
 *
 *   counts: a-b 1, b-c 2, c-d 1, c-e 5, d-e 5
 *   lengths (1/count): a-b 1, b-c 0.5, c-d 1, c-e 0.2, d-e 0.2
 *
 * With lengths, the shortest c–d path is c–e–d (0.4 < 1), so e lies on the
 * paths a–d, b–d, c–d: betweenness a 0, b 3, c 4, d 0, e 3. Had the counts
 * been taken as lengths, c–d (1) would beat c–e–d (10) and e would get 0:
 * this is the case where lengths versus strengths matters.
 * Strength (counts): a 1, b 3, c 8, d 6, e 10. Degree: 1 2 3 2 2.
 * Distances from a: b 1, c 1.5, e 1.7, d 1.9: closeness 4/6.1, harmonic
 * (1 + 1/1.5 + 1/1.7 + 1/1.9)/4.
 * Communities: {a,b} {c,d,e} has modularity 0.102 (m = 14), better than
 * {a,b,c} {d,e} (0.061) or one block (0). */
#include "cooc_fixture.h"
#include "cooccur/cooccur.h"
#include "graph/network.h"
#include "harness.h"

#include <math.h>

#define NEAR(a, b) (fabs((a) - (b)) < 1e-9)

static gx_cooc *fixture(void)
{
	gx_cooc *c = NULL;

	gx_cooc_new(&c, NULL);
	add_pair(c, "a", "b", 1);
	add_pair(c, "b", "c", 2);
	add_pair(c, "c", "d", 1);
	add_pair(c, "c", "e", 5);
	add_pair(c, "d", "e", 5);
	return c;
}

static void test_measures(void)
{
	gx_cooc *c = fixture();
	gx_network *net = NULL;
	const gx_net_node *n;
	double h;

	GX_CHECK_INT(gx_network_build(&net, c, NULL), GX_OK);
	if (net == NULL) {
		gx_cooc_free(c);
		return;
	}
	n = net->nodes;
	GX_CHECK_INT(net->n_nodes, 5);
	GX_CHECK_INT(net->n_edges, 5);
	GX_CHECK_STR(n[4].name, "e");
	GX_CHECK_INT(n[0].degree, 1);
	GX_CHECK_INT(n[2].degree, 3);
	GX_CHECK(NEAR(n[0].strength, 1) && NEAR(n[1].strength, 3) && NEAR(n[2].strength, 8));
	GX_CHECK(NEAR(n[3].strength, 6) && NEAR(n[4].strength, 10));
	GX_CHECK(NEAR(n[0].betweenness, 0));
	GX_CHECK(NEAR(n[1].betweenness, 3));
	GX_CHECK(NEAR(n[2].betweenness, 4));
	GX_CHECK(NEAR(n[3].betweenness, 0));
	GX_CHECK(NEAR(n[4].betweenness, 3)); /* 0 if counts were lengths */
	GX_CHECK(NEAR(n[0].closeness, 4 / 6.1));
	h = (1 + 1 / 1.5 + 1 / 1.7 + 1 / 1.9) / 4;
	GX_CHECK(NEAR(n[0].harmonic, h));
	GX_CHECK(
	    NEAR(n[0].pagerank + n[1].pagerank + n[2].pagerank + n[3].pagerank + n[4].pagerank, 1));
	GX_CHECK(n[4].pagerank > n[0].pagerank);
	GX_CHECK(NEAR(n[4].eigenvector, 1)); /* e has the heaviest ties: scaled to 1 */
	GX_CHECK(n[0].eigenvector < n[3].eigenvector);
	/* the same partition from both methods, the larger block numbered 0 */
	GX_CHECK_INT(net->louvain_count, 2);
	GX_CHECK_INT(net->leiden_count, 2);
	GX_CHECK(n[0].louvain == 1 && n[1].louvain == 1);
	GX_CHECK(n[2].louvain == 0 && n[3].louvain == 0 && n[4].louvain == 0);
	GX_CHECK(n[0].leiden == 1 && n[1].leiden == 1);
	GX_CHECK(n[2].leiden == 0 && n[3].leiden == 0 && n[4].leiden == 0);
	GX_CHECK(NEAR(net->leiden_q, 1.0 / 14 - 1.0 / 49 + 11.0 / 14 - 36.0 / 49));
	GX_CHECK_INT(net->components, 1);
	gx_network_free(net);
	gx_cooc_free(c);
}

/* Filters: minimum count, K heaviest neighbours, N heaviest edges, types,
 * the largest component. */
static void test_filters(void)
{
	gx_cooc *c = fixture();
	gx_network *net = NULL;
	gx_network_options o;
	gx_cooc_item lone[2] = {{"p", "place/city", 0, 0, 1, 0}, {"q", "place/city", 0, 0, 1, 0}};

	gx_cooc__add(c, "doc2", lone, 2, 1); /* a second component p–q */
	gx_network_options_init(&o);
	o.min_count = 2; /* b-c 2, c-e 5, d-e 5 */
	GX_CHECK_INT(gx_network_build(&net, c, &o), GX_OK);
	GX_CHECK_INT(net->n_edges, 3);
	GX_CHECK_INT(net->n_nodes, 7); /* nodes stay, even without edges */
	gx_network_free(net);

	gx_network_options_init(&o);
	o.top_edges = 2; /* c-e and d-e (5 each) */
	GX_CHECK_INT(gx_network_build(&net, c, &o), GX_OK);
	GX_CHECK_INT(net->n_edges, 2);
	GX_CHECK_INT(net->edges[0].pair->count, 5);
	gx_network_free(net);

	gx_network_options_init(&o);
	o.top_k = 1; /* a:a-b, b:b-c, c:c-e, d:d-e, e:c-e, p,q:p-q; c-d dropped */
	GX_CHECK_INT(gx_network_build(&net, c, &o), GX_OK);
	GX_CHECK_INT(net->n_edges, 5);
	gx_network_free(net);

	gx_network_options_init(&o);
	o.lcc = 1;
	GX_CHECK_INT(gx_network_build(&net, c, &o), GX_OK);
	GX_CHECK_INT(net->n_nodes, 5);
	GX_CHECK_INT(net->components, 1);
	gx_network_free(net);

	gx_network_options_init(&o);
	o.types = GX_TYPE_PLACE;
	GX_CHECK_INT(gx_network_build(&net, c, &o), GX_OK);
	GX_CHECK_INT(net->n_nodes, 2);
	GX_CHECK_INT(net->n_edges, 1);
	GX_CHECK_STR(net->nodes[net->edges[0].v].name, "q");
	gx_network_free(net);

	gx_network_options_init(&o);
	o.types = GX_TYPE_ZONE; /* nothing left: an empty graph is not an error */
	GX_CHECK_INT(gx_network_build(&net, c, &o), GX_OK);
	GX_CHECK_INT(net->n_nodes, 0);
	gx_network_free(net);
	gx_cooc_free(c);
}

/* An igraph failure comes back as an error with igraph's message, and the
 * process goes on (igraph's default handler would abort). */
static void test_igraph_error(void)
{
	gx_cooc_pair pair;
	gx_net_node nodes[2];
	gx_net_edge edge;
	gx_network net;

	memset(&pair, 0, sizeof pair);
	memset(nodes, 0, sizeof nodes);
	memset(&edge, 0, sizeof edge);
	memset(&net, 0, sizeof net);
	pair.count = 1;
	edge.u = 0;
	edge.v = 1;
	edge.pair = &pair;
	net.nodes = nodes;
	net.n_nodes = 2;
	net.edges = &edge;
	net.n_edges = 1;
	gx_network_options_init(&net.opt);
	net.opt.resolution = -1; /* the CLI refuses it; igraph does too */
	GX_CHECK_INT(gx_graph__measure(&net), GX_ERROR);
	GX_CHECK(strstr(gx_error_last(), "igraph: Louvain communities failed") != NULL);
	/* and igraph still works afterwards */
	net.opt.resolution = 1;
	GX_CHECK_INT(gx_graph__measure(&net), GX_OK);
	GX_CHECK_INT(nodes[1].degree, 1);
}

int main(void)
{
	test_measures();
	test_filters();
	test_igraph_error();
	return gx_test_done();
}
