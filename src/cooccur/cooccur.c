/* Counting co-occurrences. Each document's items are sorted by unit; within
 * a unit the distinct entities are found with a per-entity stamp (the unit's
 * serial number), so a unit of m mentions costs O(m + pairs) and nothing is
 * cleared between units. Pairs live in one vector indexed by the pair map. */
#include "cooccur/cooccur.h"
#include "core/alloc.h"
#include "core/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int gx_cooc_new(gx_cooc **out, const gx_cooc_options *opt)
{
	gx_cooc *c = gx_xcalloc(1, sizeof *c);

	c->opt.unit = GX_UNIT_SENTENCE;
	c->opt.evidence = 3;
	if (opt)
		c->opt = *opt;
	if (c->opt.unit == GX_UNIT_WINDOW && c->opt.window == 0) {
		free(c);
		*out = NULL;
		return gx_error_set(GX_EINVAL, "a window unit needs a size > 0");
	}
	if (c->opt.evidence > GX_COOC_MAX_EVIDENCE)
		c->opt.evidence = GX_COOC_MAX_EVIDENCE;
	*out = c;
	return GX_OK;
}

void gx_cooc_free(gx_cooc *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->ents.len; i++)
		free(c->ents.ptr[i].type);
	for (i = 0; i < c->docs.len; i++)
		free(c->docs.ptr[i]);
	GX_VEC_FREE(&c->ents);
	GX_VEC_FREE(&c->pairs);
	GX_VEC_FREE(&c->more);
	GX_VEC_FREE(&c->docs);
	gx_pairmap_dispose(&c->index);
	gx_strmap_dispose(&c->names);
	free(c);
}

size_t gx_cooc_entity_count(const gx_cooc *c)
{
	return c->ents.len;
}
size_t gx_cooc_pair_count(const gx_cooc *c)
{
	return c->pairs.len;
}
size_t gx_cooc_doc_count(const gx_cooc *c)
{
	return c->docs.len;
}

static uint32_t entity_id(gx_cooc *c, const char *name, const char *type)
{
	uint32_t id = (uint32_t)c->ents.len, *slot;
	const char *stored;

	if (gx_strmap_put(&c->names, name, strlen(name), id, &slot, &stored)) {
		gx_cooc_entity e = {stored, gx_xstrdup(type), 0, 0, 0, 0, 0};

		GX_VEC_PUSH(&c->ents, e);
	}
	return *slot;
}

/* Keeps the first `max` units of a pair, cued ones first: a cued unit goes
 * after the cued ones already kept (pushing the last plain one out if the
 * list is full), a plain one at the end while there is room. Units come in
 * reading order, so each kind stays in reading order, and the list is
 * always the first cued units followed by the first plain ones. Called
 * before p->cued counts this unit. */
static gx_evidence *slot_of(gx_cooc *c, gx_cooc_pair *p, uint32_t k)
{
	if (k == 0)
		return &p->first;
	if (p->more == 0) {
		gx_cooc_more m;

		memset(&m, 0, sizeof m);
		GX_VEC_PUSH(&c->more, m);
		p->more = (uint32_t)c->more.len;
	}
	return &c->more.ptr[p->more - 1].ev[k - 1];
}

static void keep_evidence(gx_cooc *c, gx_cooc_pair *p, uint32_t max, uint32_t doc,
			  const gx_cooc_item *it)
{
	gx_evidence ev = {doc, it->unit, it->start, it->end};
	uint32_t at = p->cued < max ? p->cued : max, k;

	if (!it->cued) {
		if (p->n_ev < max)
			*slot_of(c, p, p->n_ev++) = ev;
		return;
	}
	if (at == max)
		return;
	if (p->n_ev == max)
		p->n_ev--;
	for (k = p->n_ev; k > at; k--)
		*slot_of(c, p, k) = *slot_of(c, p, k - 1);
	*slot_of(c, p, at) = ev;
	p->n_ev++;
}

static void count_pair(gx_cooc *c, uint32_t a, uint32_t b, uint32_t doc, const gx_cooc_item *it)
{
	uint32_t *slot;
	gx_cooc_pair *p;

	if (gx_pairmap_put(&c->index, a, b, (uint32_t)c->pairs.len, &slot)) {
		gx_cooc_pair fresh;

		memset(&fresh, 0, sizeof fresh);
		fresh.a = a < b ? a : b;
		fresh.b = a < b ? b : a;
		GX_VEC_PUSH(&c->pairs, fresh);
	}
	p = &c->pairs.ptr[*slot];
	p->count++;
	if (p->last_doc != doc + 1) {
		p->last_doc = doc + 1;
		p->docs++;
	}
	keep_evidence(c, p, c->opt.evidence, doc, it);
	if (it->cued)
		p->cued++;
}

typedef struct {
	uint32_t id;
	const gx_cooc_item *item;
} tagged;

static int cmp_tagged(const void *x, const void *y)
{
	const tagged *a = x, *b = y;

	if (a->item->unit != b->item->unit)
		return a->item->unit < b->item->unit ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

/* Counts one unit: tags[0..n) share a unit. */
static void count_unit(gx_cooc *c, const tagged *tags, size_t n, uint32_t doc, uint32_t *distinct)
{
	size_t i, j, k = 0;

	c->stamp++;
	for (i = 0; i < n; i++) {
		gx_cooc_entity *e = &c->ents.ptr[tags[i].id];

		if (e->stamp == c->stamp)
			continue;
		e->stamp = c->stamp;
		e->units++;
		distinct[k++] = tags[i].id;
	}
	for (i = 0; i < k; i++)
		for (j = i + 1; j < k; j++)
			count_pair(c, distinct[i], distinct[j], doc, tags[0].item);
}

void gx_cooc__add(gx_cooc *c, const char *doc_name, const gx_cooc_item *items, size_t n,
		  uint64_t n_units)
{
	uint32_t doc = (uint32_t)c->docs.len, *distinct;
	tagged *tags = gx_xmalloc((n ? n : 1) * sizeof *tags);
	size_t i, run;

	GX_VEC_PUSH(&c->docs, gx_xstrdup(doc_name));
	c->units += n_units;
	distinct = gx_xmalloc((n ? n : 1) * sizeof *distinct);
	for (i = 0; i < n; i++) {
		gx_cooc_entity *e;

		tags[i].id = entity_id(c, items[i].entity, items[i].type);
		tags[i].item = &items[i];
		e = &c->ents.ptr[tags[i].id];
		e->mentions++;
		if (e->last_doc != doc + 1) {
			e->last_doc = doc + 1;
			e->docs++;
		}
	}
	qsort(tags, n, sizeof *tags, cmp_tagged);
	for (i = 0; i < n; i += run) {
		for (run = 1; i + run < n && tags[i + run].item->unit == tags[i].item->unit; run++)
			;
		count_unit(c, tags + i, run, doc, distinct);
	}
	free(distinct);
	free(tags);
}

double gx_cooc__weight(const gx_cooc *c, const gx_cooc_pair *p, gx_weight_kind w)
{
	double cij = p->count, si = c->ents.ptr[p->a].units, sj = c->ents.ptr[p->b].units;
	double n = (double)c->units;

	switch (w) {
	case GX_W_ASSOC:
		return cij * n / (si * sj);
	case GX_W_JACCARD:
		return cij / (si + sj - cij);
	case GX_W_COSINE:
		return cij / sqrt(si * sj);
	case GX_W_PMI:
		return log(cij * n / (si * sj));
	case GX_W_COUNT:
	default:
		return cij;
	}
}

/* ---- names of options ------------------------------------------------------ */

static const char *const weight_names[] = {"count", "assoc", "jaccard", "cosine", "pmi"};

int gx_weight_parse(const char *name)
{
	int i;

	for (i = 0; i < 5; i++)
		if (strcmp(name, weight_names[i]) == 0)
			return i;
	return -1;
}

const char *gx_weight_name(gx_weight_kind w)
{
	return (unsigned)w < 5 ? weight_names[w] : "count";
}

int gx_unit_parse(const char *s, gx_unit_kind *kind, uint32_t *window)
{
	char *end;
	unsigned long n;

	*window = 0;
	if (strcmp(s, "sentence") == 0)
		*kind = GX_UNIT_SENTENCE;
	else if (strcmp(s, "paragraph") == 0)
		*kind = GX_UNIT_PARAGRAPH;
	else if (strcmp(s, "document") == 0)
		*kind = GX_UNIT_DOCUMENT;
	else if (strncmp(s, "window:", 7) == 0) {
		n = strtoul(s + 7, &end, 10);
		if (*end || end == s + 7 || n == 0 || n > 1000000 || s[7] == '-')
			return gx_error_set(GX_EINVAL, "bad window size in '%s'", s);
		*kind = GX_UNIT_WINDOW;
		*window = (uint32_t)n;
	} else
		return gx_error_set(
		    GX_EINVAL, "unknown unit '%s' (sentence, paragraph, document, window:N)", s);
	return GX_OK;
}
