/* From the accumulated pairs to the network: node types, minimum count, the
 * K heaviest neighbours of each node, the N heaviest edges, the largest
 * component; then the measures (graph.c). Nodes keep the accumulator's entity
 * order and edges the order pairs were first seen, so outputs are stable. */
#include "graph/network.h"
#include "core/alloc.h"
#include "core/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void gx_network_options_init(gx_network_options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->weight = GX_W_COUNT;
	opt->min_count = 1;
	opt->types = GX_TYPE_ALL;
	opt->resolution = 1.0;
	opt->draw_nodes = 150;
	opt->layout_max = 2000;
}

unsigned gx_type_bit(const char *type)
{
	static const char *const names[] = {"org", "zone", "programme", "place"};
	size_t n = strcspn(type, "/");
	unsigned i;

	for (i = 0; i < 4; i++)
		if (strlen(names[i]) == n && strncmp(type, names[i], n) == 0)
			return 1u << i;
	return 0;
}

static int parse_list(const char *list, const char *const *names, size_t n, unsigned *mask,
		      const char *what)
{
	const char *p = list;
	size_t i, len;

	*mask = 0;
	while (*p) {
		len = strcspn(p, ",");
		for (i = 0; i < n; i++)
			if (strlen(names[i]) == len && strncmp(p, names[i], len) == 0)
				break;
		if (i == n && !(len == 3 && strncmp(p, "all", 3) == 0))
			return gx_error_set(GX_EINVAL, "unknown %s '%.*s' in '%s'", what, (int)len,
					    p, list);
		*mask |= i == n ? ~0u : 1u << i;
		p += len;
		if (*p == ',')
			p++;
	}
	if (*mask == 0)
		return gx_error_set(GX_EINVAL, "empty %s list", what);
	return GX_OK;
}

int gx_types_parse(const char *list, unsigned *mask)
{
	static const char *const names[] = {"org", "zone", "programme", "place"};
	int e = parse_list(list, names, 4, mask, "type");

	*mask &= GX_TYPE_ALL;
	return e;
}

int gx_formats_parse(const char *list, unsigned *mask)
{
	static const char *const names[] = {"dot",  "graphml", "gexf", "csv",
					    "json", "svg",     "png",  "summary"};
	int e = parse_list(list, names, 8, mask, "format");

	*mask &= GX_FMT_ALL;
	return e;
}

size_t gx_network_node_count(const gx_network *net)
{
	return net->n_nodes;
}
size_t gx_network_edge_count(const gx_network *net)
{
	return net->n_edges;
}

void gx_network_free(gx_network *net)
{
	if (net == NULL)
		return;
	free(net->nodes);
	free(net->edges);
	free(net);
}

/* ---- edge ranking ------------------------------------------------------------ */

/* Heavier first; ties by count, then by first appearance, so that every run
 * keeps the same edges. */
static int heavier(const gx_net_edge *a, const gx_net_edge *b)
{
	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	if (a->pair->count != b->pair->count)
		return a->pair->count > b->pair->count ? -1 : 1;
	return a->pair < b->pair ? -1 : a->pair > b->pair;
}

static int cmp_edge_ptr(const void *x, const void *y)
{
	return heavier(*(gx_net_edge *const *)x, *(gx_net_edge *const *)y);
}

static int cmp_edge_order(const void *x, const void *y)
{
	const gx_net_edge *a = x, *b = y;

	return a->pair < b->pair ? -1 : a->pair > b->pair;
}

/* Keeps an edge if it is among the K heaviest of either end (the "backbone"
 * of each node's strongest ties). Edges are in entity-id space here. */
static size_t keep_top_k(gx_net_edge *e, size_t n, size_t n_ents, uint32_t k)
{
	gx_net_edge **order = gx_xmalloc((n ? n : 1) * sizeof *order);
	uint32_t *taken = gx_xcalloc(n_ents ? n_ents : 1, sizeof *taken);
	char *keep = gx_xcalloc(n ? n : 1, 1);
	size_t i, m = 0;

	for (i = 0; i < n; i++)
		order[i] = &e[i];
	qsort(order, n, sizeof *order, cmp_edge_ptr);
	for (i = 0; i < n; i++) {
		gx_net_edge *x = order[i];
		int want = taken[x->u] < k || taken[x->v] < k;

		taken[x->u]++;
		taken[x->v]++;
		keep[x - e] = (char)want;
	}
	for (i = 0; i < n; i++)
		if (keep[i])
			e[m++] = e[i];
	free(order);
	free(taken);
	free(keep);
	return m;
}

static size_t keep_top_edges(gx_net_edge *e, size_t n, uint32_t top)
{
	gx_net_edge *copy;
	gx_net_edge **order;
	size_t i;

	if (n <= top)
		return n;
	order = gx_xmalloc(n * sizeof *order);
	copy = gx_xmalloc(top * sizeof *copy);
	for (i = 0; i < n; i++)
		order[i] = &e[i];
	qsort(order, n, sizeof *order, cmp_edge_ptr);
	for (i = 0; i < top; i++)
		copy[i] = *order[i];
	qsort(copy, top, sizeof *copy, cmp_edge_order);
	memcpy(e, copy, top * sizeof *copy);
	free(order);
	free(copy);
	return top;
}

/* ---- components ------------------------------------------------------------- */

static uint32_t root(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x)
		x = parent[x] = parent[parent[x]];
	return x;
}

/* Union-find over entity ids; `alive` marks the nodes. Returns the root of the
 * largest component (ties: the one holding the lowest id) and counts them. */
static uint32_t largest_component(const gx_net_edge *e, size_t n, const char *alive, size_t n_ents,
				  uint32_t *parent, size_t *components)
{
	uint32_t *size = gx_xcalloc(n_ents ? n_ents : 1, sizeof *size), best = 0, i;
	size_t k;

	for (i = 0; i < n_ents; i++)
		parent[i] = i;
	for (k = 0; k < n; k++) {
		uint32_t a = root(parent, e[k].u), b = root(parent, e[k].v);

		if (a != b)
			parent[a < b ? b : a] = a < b ? a : b;
	}
	*components = 0;
	for (i = 0; i < n_ents; i++) {
		uint32_t r;

		if (!alive[i])
			continue;
		r = root(parent, i);
		if (size[r]++ == 0)
			(*components)++;
		if (size[r] > size[best] || !alive[best])
			best = r;
	}
	free(size);
	return best;
}

/* ---- building ---------------------------------------------------------------- */

static void fill_weights(const gx_cooc *c, gx_net_edge *e, gx_weight_kind w)
{
	e->assoc = gx_cooc__weight(c, e->pair, GX_W_ASSOC);
	e->jaccard = gx_cooc__weight(c, e->pair, GX_W_JACCARD);
	e->cosine = gx_cooc__weight(c, e->pair, GX_W_COSINE);
	e->pmi = gx_cooc__weight(c, e->pair, GX_W_PMI);
	e->weight = gx_cooc__weight(c, e->pair, w);
}

/* Candidate edges in entity-id space: both ends of a kept type, enough units. */
static size_t candidate_edges(const gx_cooc *c, const gx_network_options *o, const char *alive,
			      gx_net_edge *e)
{
	size_t i, n = 0;

	for (i = 0; i < c->pairs.len; i++) {
		const gx_cooc_pair *p = &c->pairs.ptr[i];

		if (!alive[p->a] || !alive[p->b] || p->count < o->min_count)
			continue;
		memset(&e[n], 0, sizeof e[n]);
		e[n].u = p->a;
		e[n].v = p->b;
		e[n].pair = p;
		fill_weights(c, &e[n], o->weight);
		n++;
	}
	return n;
}

/* Renumbers nodes (alive entities, in id order) and edge ends to node ids. */
static void assemble(gx_network *net, const char *alive, uint32_t *node_of, gx_net_edge *e,
		     size_t n_edges)
{
	const gx_cooc *c = net->cooc;
	size_t i;

	net->nodes = gx_xcalloc(c->ents.len + 1, sizeof *net->nodes);
	for (i = 0; i < c->ents.len; i++) {
		const gx_cooc_entity *en = &c->ents.ptr[i];
		gx_net_node *nd;

		if (!alive[i])
			continue;
		node_of[i] = (uint32_t)net->n_nodes;
		nd = &net->nodes[net->n_nodes++];
		nd->ent = (uint32_t)i;
		nd->name = en->name;
		nd->type = en->type;
		nd->mentions = en->mentions;
		nd->docs = en->docs;
	}
	net->edges = e;
	net->n_edges = n_edges;
	for (i = 0; i < n_edges; i++) {
		e[i].u = node_of[e[i].u];
		e[i].v = node_of[e[i].v];
	}
}

int gx_network_build(gx_network **out, const gx_cooc *c, const gx_network_options *opt)
{
	gx_network *net = gx_xcalloc(1, sizeof *net);
	size_t i, n, ne = c->ents.len;
	char *alive = gx_xcalloc(ne + 1, 1);
	uint32_t *scratch = gx_xcalloc(ne + 1, sizeof *scratch);
	gx_net_edge *e = gx_xmalloc((c->pairs.len + 1) * sizeof *e);
	int error;

	*out = NULL;
	net->cooc = c;
	if (opt)
		net->opt = *opt;
	else
		gx_network_options_init(&net->opt);
	for (i = 0; i < ne; i++)
		alive[i] = (gx_type_bit(c->ents.ptr[i].type) & net->opt.types) != 0;
	n = candidate_edges(c, &net->opt, alive, e);
	if (net->opt.top_k)
		n = keep_top_k(e, n, ne, net->opt.top_k);
	if (net->opt.top_edges)
		n = keep_top_edges(e, n, net->opt.top_edges);
	if (net->opt.lcc) {
		uint32_t best = largest_component(e, n, alive, ne, scratch, &net->components);
		size_t m = 0;

		for (i = 0; i < ne; i++)
			alive[i] = alive[i] && root(scratch, (uint32_t)i) == best;
		for (i = 0; i < n; i++)
			if (alive[e[i].u])
				e[m++] = e[i];
		n = m;
	}
	largest_component(e, n, alive, ne, scratch, &net->components);
	assemble(net, alive, scratch, e, n);
	free(alive);
	free(scratch);
	if ((error = gx_graph__measure(net)) < 0) {
		gx_network_free(net);
		return error;
	}
	*out = net;
	return GX_OK;
}
