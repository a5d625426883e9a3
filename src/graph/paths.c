/* Betweenness, closeness and harmonic centrality from one shortest-path tree
 * per source (Brandes, "A faster algorithm for betweenness centrality", 2001:
 * Dijkstra with path counts, then dependencies accumulated in reverse order),
 * on several threads.
 *
 * Why not igraph: igraph 0.10 computes the three measures in three separate
 * passes over all sources, on one thread, and has no sampled closeness. On
 * the 56k-node / 640k-edge network of the 200 MB benchmark corpus its exact
 * betweenness alone takes 584 s. One pass gives all three, a thread per core
 * divides the time, and sampling sources (Brandes & Pich, "Centrality
 * estimation in large networks", 2007) bounds it. tests/unit/test_paths.c
 * checks the exact values against igraph's on random graphs.
 *
 * Estimates: in a component of c nodes, k of them are drawn as sources
 * (uniformly, without replacement, with a fixed seed). Betweenness is the
 * sum of their dependencies scaled by c / k (unbiased); closeness is the
 * number of sources reaching a node over the sum of their distances to it
 * (distances are symmetric), harmonic the mean of 1/distance over them,
 * scaled to the component. With k = c every value is exact.
 *
 * Determinism: sources are dealt to a fixed number of lanes, each with its
 * own sums, added in lane order at the end; threads only pick which lane
 * they run, so the values are the same whatever the number of threads. */
#define _POSIX_C_SOURCE 200809L
#include "graph/paths.h"
#include "core/alloc.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LANES 8
#define SEED  GX_PATHS_SEED
/* Two path lengths closer than this (relative) are equal: sums of 1/count
 * reach the same length by different routes up to rounding (igraph uses the
 * same tolerance). */
#define EPS 1e-10

typedef struct {
	size_t n;
	size_t *off;   /* n + 1: node i's arcs are off[i] .. off[i + 1] */
	uint32_t *adj; /* the arc's other end */
	double *len;   /* its length, 1/count */
	uint32_t *old; /* node i here is node old[i] of the network */
} csr;

typedef struct {
	double d;
	uint32_t v;
} heap_item;

/* A node's state during one source's pass: what a step reads and writes
 * about a node sits in one cache line (32 bytes, two nodes a line). */
typedef struct {
	double dist, sigma, delta;
	uint64_t done;
} node_state;

/* One thread's shortest-path workspace. */
typedef struct {
	node_state *st;
	uint32_t *order;
	heap_item *heap;
	size_t heap_len, heap_cap;
} work;

/* One lane's sums, by node. */
typedef struct {
	double *betw, *dsum, *hsum;
	uint32_t *reach;
} lane;

typedef struct {
	const csr *g;
	const uint32_t *src;
	size_t n_src;
	lane lanes[LANES];
	int next;
	pthread_mutex_t lock;
} job;

static int same_length(double a, double b)
{
	return fabs(a - b) <= EPS * (a > b ? a : b);
}

/* ---- the graph ---------------------------------------------------------------- */

/* Numbers the nodes in breadth-first order, component by component: a
 * shortest-path pass then reads the state of nodes that lie close together
 * in memory, which on a network of 60k nodes halves its time. */
static void bfs_order(const gx_network *net, const size_t *off, const uint32_t *adj,
		      uint32_t *order, uint32_t *rank)
{
	size_t n = net->n_nodes, head, tail = 0, i, a;

	for (i = 0; i < n; i++)
		rank[i] = UINT32_MAX;
	for (i = 0; i < n; i++) {
		if (rank[i] != UINT32_MAX)
			continue;
		rank[i] = (uint32_t)tail;
		order[tail++] = (uint32_t)i;
		for (head = tail - 1; head < tail; head++)
			for (a = off[order[head]]; a < off[order[head] + 1]; a++)
				if (rank[adj[a]] == UINT32_MAX) {
					rank[adj[a]] = (uint32_t)tail;
					order[tail++] = adj[a];
				}
	}
}

/* Adjacency of the network's nodes, with their lengths, in `rank` order
 * (NULL: the network's). */
static void fill_arcs(csr *g, const gx_network *net, const uint32_t *rank)
{
	size_t i, *fill;

	g->off = gx_xcalloc(g->n + 2, sizeof *g->off);
	for (i = 0; i < net->n_edges; i++) {
		g->off[(rank ? rank[net->edges[i].u] : net->edges[i].u) + 1]++;
		g->off[(rank ? rank[net->edges[i].v] : net->edges[i].v) + 1]++;
	}
	for (i = 0; i < g->n; i++)
		g->off[i + 1] += g->off[i];
	fill = gx_xmalloc((g->n + 1) * sizeof *fill);
	memcpy(fill, g->off, (g->n + 1) * sizeof *fill);
	for (i = 0; i < net->n_edges; i++) {
		const gx_net_edge *e = &net->edges[i];
		uint32_t u = rank ? rank[e->u] : e->u, v = rank ? rank[e->v] : e->v;
		double l = 1.0 / e->pair->count;

		g->adj[fill[u]] = v;
		g->len[fill[u]++] = l;
		g->adj[fill[v]] = u;
		g->len[fill[v]++] = l;
	}
	free(fill);
}

static void csr_build(csr *g, const gx_network *net)
{
	uint32_t *rank = gx_xmalloc((net->n_nodes + 1) * sizeof *rank);

	g->n = net->n_nodes;
	g->adj = gx_xmalloc((2 * net->n_edges + 1) * sizeof *g->adj);
	g->len = gx_xmalloc((2 * net->n_edges + 1) * sizeof *g->len);
	g->old = gx_xmalloc((g->n + 1) * sizeof *g->old);
	fill_arcs(g, net, NULL);
	bfs_order(net, g->off, g->adj, g->old, rank);
	free(g->off);
	fill_arcs(g, net, rank);
	free(rank);
}

static void csr_dispose(csr *g)
{
	free(g->off);
	free(g->adj);
	free(g->len);
	free(g->old);
}

/* ---- one source --------------------------------------------------------------- */

static void work_init(work *w, size_t n)
{
	size_t i;

	memset(w, 0, sizeof *w);
	w->st = gx_xcalloc(n + 1, sizeof *w->st);
	w->order = gx_xmalloc((n + 1) * sizeof *w->order);
	for (i = 0; i < n; i++)
		w->st[i].dist = INFINITY;
}

static void work_dispose(work *w)
{
	free(w->st);
	free(w->order);
	free(w->heap);
}

static void heap_push(work *w, double d, uint32_t v)
{
	size_t i;

	if (w->heap_len == w->heap_cap)
		w->heap = gx_xgrow(w->heap, &w->heap_cap, w->heap_len + 1, sizeof *w->heap);
	for (i = w->heap_len++; i > 0 && w->heap[(i - 1) / 2].d > d; i = (i - 1) / 2)
		w->heap[i] = w->heap[(i - 1) / 2];
	w->heap[i].d = d;
	w->heap[i].v = v;
}

static heap_item heap_pop(work *w)
{
	heap_item top = w->heap[0], last = w->heap[--w->heap_len];
	size_t i = 0, c;

	while ((c = 2 * i + 1) < w->heap_len) {
		if (c + 1 < w->heap_len && w->heap[c + 1].d < w->heap[c].d)
			c++;
		if (w->heap[c].d >= last.d)
			break;
		w->heap[i] = w->heap[c];
		i = c;
	}
	if (w->heap_len)
		w->heap[i] = last;
	return top;
}

/* Dijkstra from `s` with shortest-path counts (lazy deletion: an entry for a
 * settled node is skipped). Returns the number of nodes settled, in
 * w->order by distance. */
static size_t settle(const csr *g, work *w, uint32_t s)
{
	node_state *st = w->st;
	size_t k = 0, a;

	st[s].dist = 0;
	st[s].sigma = 1;
	heap_push(w, 0, s);
	while (w->heap_len) {
		heap_item it = heap_pop(w);
		uint32_t v = it.v;

		if (st[v].done)
			continue;
		st[v].done = 1;
		w->order[k++] = v;
		for (a = g->off[v]; a < g->off[v + 1]; a++) {
			node_state *t = &st[g->adj[a]];
			double alt = it.d + g->len[a];

			if (t->done)
				continue;
			if (t->dist == INFINITY || (alt < t->dist && !same_length(alt, t->dist))) {
				t->dist = alt;
				t->sigma = st[v].sigma;
				heap_push(w, alt, g->adj[a]);
			} else if (same_length(alt, t->dist)) {
				t->sigma += st[v].sigma;
			}
		}
	}
	return k;
}

/* Adds source `s`'s dependencies, distances and reach to the lane, and
 * clears the workspace for the next source. */
static void accumulate(const csr *g, work *w, lane *l, size_t k)
{
	node_state *st = w->st;
	size_t i, a;

	for (i = k; i-- > 1;) {
		uint32_t t = w->order[i];
		double dt = st[t].dist, coeff = (1 + st[t].delta) / st[t].sigma;

		for (a = g->off[t]; a < g->off[t + 1]; a++) {
			node_state *p = &st[g->adj[a]];

			if (p->dist < dt && same_length(p->dist + g->len[a], dt))
				p->delta += p->sigma * coeff;
		}
		l->betw[t] += st[t].delta;
		l->dsum[t] += dt;
		l->hsum[t] += 1 / dt;
		l->reach[t]++;
	}
	for (i = 0; i < k; i++) {
		uint32_t t = w->order[i];

		st[t].dist = INFINITY;
		st[t].sigma = st[t].delta = 0;
		st[t].done = 0;
	}
}

/* ---- lanes and threads ---------------------------------------------------------- */

static void lane_init(lane *l, size_t n)
{
	l->betw = gx_xcalloc(n + 1, sizeof *l->betw);
	l->dsum = gx_xcalloc(n + 1, sizeof *l->dsum);
	l->hsum = gx_xcalloc(n + 1, sizeof *l->hsum);
	l->reach = gx_xcalloc(n + 1, sizeof *l->reach);
}

static void lane_dispose(lane *l)
{
	free(l->betw);
	free(l->dsum);
	free(l->hsum);
	free(l->reach);
}

static void *run_lanes(void *arg)
{
	job *j = arg;
	work w;

	work_init(&w, j->g->n);
	for (;;) {
		int me;
		size_t i;

		pthread_mutex_lock(&j->lock);
		me = j->next++;
		pthread_mutex_unlock(&j->lock);
		if (me >= LANES)
			break;
		lane_init(&j->lanes[me], j->g->n);
		for (i = (size_t)me; i < j->n_src; i += LANES)
			accumulate(j->g, &w, &j->lanes[me], settle(j->g, &w, j->src[i]));
	}
	work_dispose(&w);
	return NULL;
}

static void run(job *j, unsigned threads)
{
	pthread_t tid[LANES];
	unsigned i, started = 0;

	if (threads == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		threads = n < 1 ? 1 : (unsigned)n;
	}
	if (threads > LANES)
		threads = LANES;
	pthread_mutex_init(&j->lock, NULL);
	for (i = 1; i < threads; i++)
		if (pthread_create(&tid[started], NULL, run_lanes, j) == 0)
			started++;
	run_lanes(j); /* the calling thread works too; with no thread started, alone */
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	pthread_mutex_destroy(&j->lock);
}

/* ---- sources -------------------------------------------------------------------- */

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Labels each node with its component (numbered in order of their lowest
 * node) and returns how many there are; `size` gets each one's node count. */
static size_t components(const csr *g, uint32_t *comp, uint32_t *size, uint32_t *queue)
{
	size_t n_comp = 0, i, head, tail, a;

	for (i = 0; i < g->n; i++)
		comp[i] = UINT32_MAX;
	for (i = 0; i < g->n; i++) {
		if (comp[i] != UINT32_MAX)
			continue;
		comp[i] = (uint32_t)n_comp;
		queue[0] = (uint32_t)i;
		for (head = 0, tail = 1; head < tail; head++)
			for (a = g->off[queue[head]]; a < g->off[queue[head] + 1]; a++)
				if (comp[g->adj[a]] == UINT32_MAX) {
					comp[g->adj[a]] = (uint32_t)n_comp;
					queue[tail++] = g->adj[a];
				}
		size[n_comp++] = (uint32_t)tail;
	}
	return n_comp;
}

/* How many sources component `c` of `size` nodes gets out of `want` over `n`
 * nodes (want 0: all). */
static uint32_t quota(uint32_t size, uint32_t want, size_t n)
{
	double share;

	if (want == 0 || size <= GX_PATHS_MIN_SOURCES)
		return size;
	share = ceil((double)want * size / (double)n);
	if (share < GX_PATHS_MIN_SOURCES)
		share = GX_PATHS_MIN_SOURCES;
	return share >= size ? size : (uint32_t)share;
}

/* Picks the sources: in each component, its quota of nodes drawn without
 * replacement (a partial Fisher-Yates shuffle of its nodes, seeded by the
 * component's number). Returns the count; `taken` gets each component's. */
static size_t pick_sources(const csr *g, const uint32_t *comp, const uint32_t *size, size_t n_comp,
			   uint32_t want, uint32_t *src, uint32_t *taken)
{
	size_t *start = gx_xcalloc(n_comp + 1, sizeof *start), *fill, i, c, n_src = 0;
	uint32_t *members = gx_xmalloc((g->n + 1) * sizeof *members);

	for (c = 0; c < n_comp; c++)
		start[c + 1] = start[c] + size[c];
	fill = gx_xmalloc((n_comp + 1) * sizeof *fill);
	memcpy(fill, start, (n_comp + 1) * sizeof *fill);
	for (i = 0; i < g->n; i++)
		members[fill[comp[i]]++] = (uint32_t)i;
	for (c = 0; c < n_comp; c++) {
		uint32_t *m = members + start[c], k = quota(size[c], want, g->n), j;
		uint64_t state = SEED ^ ((uint64_t)c << 32);

		for (j = 0; j < k; j++) {
			uint32_t r = j + (uint32_t)(splitmix(&state) % (size[c] - j)), t = m[j];

			m[j] = m[r];
			m[r] = t;
			src[n_src++] = m[j];
		}
		taken[c] = k;
	}
	free(start);
	free(fill);
	free(members);
	return n_src;
}

/* ---- results -------------------------------------------------------------------- */

static void finish(gx_network *net, job *j, const uint32_t *comp, const uint32_t *size,
		   const uint32_t *taken)
{
	size_t i, n = net->n_nodes;
	int k;

	for (i = 0; i < n; i++) {
		double betw = 0, dsum = 0, hsum = 0, reach = 0, c = size[comp[i]];
		gx_net_node *nd = &net->nodes[j->g->old[i]];

		for (k = 0; k < LANES; k++) {
			betw += j->lanes[k].betw[i];
			dsum += j->lanes[k].dsum[i];
			hsum += j->lanes[k].hsum[i];
			reach += j->lanes[k].reach[i];
		}
		/* each unordered pair was seen from both ends */
		nd->betweenness = betw * (c / taken[comp[i]]) / 2;
		nd->closeness = reach > 0 && dsum > 0 ? reach / dsum : 0;
		nd->harmonic = reach > 0 && n > 1 ? hsum / reach * (c - 1) / (double)(n - 1) : 0;
	}
}

uint32_t gx_paths_sources(uint32_t paths, size_t nodes, size_t edges)
{
	if (paths == GX_PATHS_EXACT)
		return 0;
	if (paths != GX_PATHS_AUTO)
		return paths >= nodes ? 0 : paths;
	if ((unsigned long long)nodes * edges <= GX_PATHS_EXACT_WORK ||
	    nodes <= GX_PATHS_AUTO_SOURCES)
		return 0;
	return GX_PATHS_AUTO_SOURCES;
}

void gx_graph__paths(gx_network *net, uint32_t sources, unsigned threads)
{
	csr g;
	job j;
	size_t n = net->n_nodes, n_comp, k;
	uint32_t *comp = gx_xmalloc((n + 1) * sizeof *comp), *size, *taken, *src;

	csr_build(&g, net);
	size = gx_xmalloc((n + 1) * sizeof *size);
	taken = gx_xmalloc((n + 1) * sizeof *taken);
	src = gx_xmalloc((n + 1) * sizeof *src);
	n_comp = components(&g, comp, size, src);
	memset(&j, 0, sizeof j);
	j.g = &g;
	j.src = src;
	j.n_src = pick_sources(&g, comp, size, n_comp, sources, src, taken);
	run(&j, threads);
	finish(net, &j, comp, size, taken);
	net->paths_exact = j.n_src == n;
	net->path_sources = (uint32_t)j.n_src;
	for (k = 0; k < LANES; k++)
		lane_dispose(&j.lanes[k]);
	csr_dispose(&g);
	free(comp);
	free(size);
	free(taken);
	free(src);
}
