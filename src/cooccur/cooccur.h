/* Co-occurrence of canonical entities per unit (ANNOTATION.md "Co-occurrence
 * units"). An entity counts once per unit; a pair's count is the number of
 * units holding both. The accumulator's layout is shared with src/graph/,
 * which reads it and never writes it. */
#ifndef GX_COOCCUR_COOCCUR_H
#define GX_COOCCUR_COOCCUR_H

#include "cooccur/pairmap.h"
#include "core/strmap.h"
#include "core/vec.h"
#include "guanxi/guanxi.h"

#define GX_COOC_MAX_EVIDENCE 8

/* Where a pair was seen: a document (index into gx_cooc.docs), the unit's
 * index in it and the unit's byte span in the original file. */
typedef struct {
	uint32_t doc, unit, start, end;
} gx_evidence;

typedef struct {
	const char *name;         /* canonical name, owned by gx_cooc.names */
	char *type;               /* "org/university" (the first type seen), owned */
	uint32_t mentions;        /* mentions in the corpus */
	uint32_t docs;            /* documents mentioning it */
	uint32_t units;           /* units it occurs in: s_i */
	uint32_t last_doc, stamp; /* bookkeeping: doc + 1 and unit stamp last counted */
} gx_cooc_entity;

typedef struct {
	uint32_t a, b;     /* entity ids, a < b */
	uint32_t count;    /* units holding both: c_ij */
	uint32_t docs;     /* documents holding both in one unit */
	uint32_t cued;     /* of those units, the ones marked cued (gx_cooc_item) */
	uint32_t last_doc; /* doc + 1 last counted */
	/* the first units holding both, in reading order, except that cued
	 * units come before the others: evidence 0 .. min(cued, n_ev) are
	 * cued. The first is kept here, the others in a block of
	 * gx_cooc.more (index + 1; 0: none): most pairs are seen once, and
	 * eight evidence slots in every pair made it 152 bytes instead of 48.
	 * Read them with gx_cooc__evidence(). */
	uint32_t n_ev;
	uint32_t more;
	gx_evidence first;
} gx_cooc_pair;

/* The evidence after a pair's first */
typedef struct {
	gx_evidence ev[GX_COOC_MAX_EVIDENCE - 1];
} gx_cooc_more;

struct gx_cooc {
	gx_cooc_options opt;
	gx_strmap names; /* canonical name -> entity id */
	GX_VEC(gx_cooc_entity) ents;
	GX_VEC(gx_cooc_pair) pairs;
	GX_VEC(gx_cooc_more) more;
	gx_pairmap index; /* (a, b) -> index in pairs */
	GX_VEC(char *) docs;
	uint64_t units; /* N: units in the corpus, with or without mentions */
	uint32_t stamp;
};

/* One mention as the counter sees it: the entity, and the unit it lies in
 * with that unit's byte span. `cued` marks a unit that states a tie (the
 * store sets it for units holding a collaboration cue; every item of a unit
 * carries the same flag): such units are counted in gx_cooc_pair.cued and
 * preferred as evidence. The exports leave it 0. */
typedef struct {
	const char *entity, *type;
	uint32_t unit, start, end;
	uint32_t cued;
} gx_cooc_item;

/* Adds one document given as items (any order) and the number of units it
 * has (all of them, with or without mentions: they count in N). */
void gx_cooc__add(gx_cooc *c, const char *doc_name, const gx_cooc_item *items, size_t n,
		  uint64_t n_units);

/* Evidence `k` (< p->n_ev) of pair `p` of `c`. */
static inline const gx_evidence *gx_cooc__evidence(const gx_cooc *c, const gx_cooc_pair *p,
						   uint32_t k)
{
	return k == 0 ? &p->first : &c->more.ptr[p->more - 1].ev[k - 1];
}

/* The weights of a pair (README.md "Weights"). N = c->units. */
double gx_cooc__weight(const gx_cooc *c, const gx_cooc_pair *p, gx_weight_kind w);

#endif
