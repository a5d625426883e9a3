/* Co-occurrence counting and the weight formulas on a hand-worked fixture.
 *
 * doc A, 4 units: u0 {X, Y, X}, u1 {X, Z}, u2 {Y, X}, u3 no mention
 * doc B, 2 units: u0 {X, Y}, u1 no mention
 * N = 6; s_X = 4 (A0 A1 A2 B0), s_Y = 3 (A0 A2 B0), s_Z = 1 (A1)
 * c_XY = 3 in 2 documents, c_XZ = 1 in 1; no Y-Z pair.
 * XY: assoc 3*6/(4*3) = 1.5, Jaccard 3/(4+3-3) = 0.75, cosine 3/sqrt(12),
 *     PMI ln 1.5;  XZ: assoc 6/4 = 1.5, Jaccard 1/4, cosine 1/2, PMI ln 1.5. */
#include "cooccur/cooccur.h"
#include "cooccur/pairmap.h"
#include "harness.h"

#include <math.h>

#define NEAR(a, b) (fabs((a) - (b)) < 1e-12)

static const gx_cooc_pair *pair_of(const gx_cooc *c, const char *a, const char *b)
{
	uint32_t ia, ib, k;

	if (!gx_strmap_get(&c->names, a, strlen(a), &ia) ||
	    !gx_strmap_get(&c->names, b, strlen(b), &ib) || !gx_pairmap_get(&c->index, ia, ib, &k))
		return NULL;
	return &c->pairs.ptr[k];
}

static void test_pairmap(void)
{
	gx_pairmap m = GX_PAIRMAP_INIT;
	uint32_t v = 0, i, bad = 0;

	GX_CHECK(!gx_pairmap_get(&m, 1, 2, &v));
	GX_CHECK_INT(gx_pairmap_put(&m, 2, 1, 7, NULL), 1);
	GX_CHECK_INT(gx_pairmap_put(&m, 1, 2, 9, NULL), 0);
	GX_CHECK(gx_pairmap_get(&m, 1, 2, &v) && v == 7);
	for (i = 0; i < 50000; i++)
		gx_pairmap_put(&m, i, i + 1, i, NULL);
	for (i = 3; i < 50000; i++)
		if (!gx_pairmap_get(&m, i + 1, i, &v) || v != i)
			bad++;
	GX_CHECK_INT(bad, 0);
	GX_CHECK_INT(m.count, 50000);
	gx_pairmap_dispose(&m);
}

static void test_counts(void)
{
	static const gx_cooc_item a[] = {
	    {"X", "org/university", 0, 0, 30, 0},  {"Y", "zone/hitech", 0, 0, 30, 0},
	    {"X", "org/university", 0, 0, 30, 0},  {"Z", "place/city", 1, 30, 60, 0},
	    {"X", "org/university", 1, 30, 60, 0}, {"Y", "zone/hitech", 2, 60, 90, 0},
	    {"X", "org/university", 2, 60, 90, 0}};
	static const gx_cooc_item b[] = {{"X", "org/university", 0, 0, 9, 0},
					 {"Y", "zone/hitech", 0, 0, 9, 0}};
	gx_cooc_options opt = {GX_UNIT_SENTENCE, 0, 2};
	gx_cooc *c = NULL;
	const gx_cooc_pair *xy, *xz;
	uint32_t x;

	GX_CHECK_INT(gx_cooc_new(&c, &opt), GX_OK);
	gx_cooc__add(c, "A", a, sizeof a / sizeof a[0], 4);
	gx_cooc__add(c, "B", b, 2, 2);
	GX_CHECK_INT(c->units, 6);
	GX_CHECK_INT(gx_cooc_entity_count(c), 3);
	GX_CHECK_INT(gx_cooc_pair_count(c), 2);
	GX_CHECK_INT(gx_cooc_doc_count(c), 2);
	GX_CHECK(gx_strmap_get(&c->names, "X", 1, &x));
	GX_CHECK_INT(c->ents.ptr[x].units, 4);
	GX_CHECK_INT(c->ents.ptr[x].mentions, 5);
	GX_CHECK_INT(c->ents.ptr[x].docs, 2);
	GX_CHECK(pair_of(c, "Y", "Z") == NULL);
	xy = pair_of(c, "Y", "X");
	xz = pair_of(c, "X", "Z");
	GX_CHECK(xy && xz);
	if (!xy || !xz)
		goto done;
	GX_CHECK_INT(xy->count, 3);
	GX_CHECK_INT(xy->docs, 2);
	GX_CHECK_INT(xz->count, 1);
	GX_CHECK_INT(xz->docs, 1);
	GX_CHECK(NEAR(gx_cooc__weight(c, xy, GX_W_COUNT), 3));
	GX_CHECK(NEAR(gx_cooc__weight(c, xy, GX_W_ASSOC), 1.5));
	GX_CHECK(NEAR(gx_cooc__weight(c, xy, GX_W_JACCARD), 0.75));
	GX_CHECK(NEAR(gx_cooc__weight(c, xy, GX_W_COSINE), 3 / sqrt(12)));
	GX_CHECK(NEAR(gx_cooc__weight(c, xy, GX_W_PMI), log(1.5)));
	GX_CHECK(NEAR(gx_cooc__weight(c, xz, GX_W_ASSOC), 1.5));
	GX_CHECK(NEAR(gx_cooc__weight(c, xz, GX_W_JACCARD), 0.25));
	GX_CHECK(NEAR(gx_cooc__weight(c, xz, GX_W_COSINE), 0.5));
	/* evidence: at most 2 references, the first units in reading order */
	GX_CHECK_INT(xy->n_ev, 2);
	GX_CHECK_INT(gx_cooc__evidence(c, xy, 0)->doc, 0);
	GX_CHECK_INT(gx_cooc__evidence(c, xy, 0)->unit, 0);
	GX_CHECK_INT(gx_cooc__evidence(c, xy, 1)->unit, 2);
	GX_CHECK_INT(gx_cooc__evidence(c, xy, 1)->start, 60);
	GX_CHECK_INT(gx_cooc__evidence(c, xy, 1)->end, 90);
	GX_CHECK_INT(gx_cooc__evidence(c, xz, 0)->unit, 1);
done:
	gx_cooc_free(c);
}

/* Units marked cued come first in a pair's evidence, each kind in reading
 * order: A: u0 plain, u1 cued, u2 plain, u3 cued; B: u0 cued, u1 plain. With
 * room for 3: A1 A3 A0, then B0 pushes A0 out. */
static void test_cued_evidence(void)
{
	static const gx_cooc_item a[] = {{"X", "org", 0, 0, 10, 0},  {"Y", "org", 0, 0, 10, 0},
					 {"X", "org", 1, 10, 20, 1}, {"Y", "org", 1, 10, 20, 1},
					 {"X", "org", 2, 20, 30, 0}, {"Y", "org", 2, 20, 30, 0},
					 {"Y", "org", 3, 30, 40, 1}, {"X", "org", 3, 30, 40, 1}};
	static const gx_cooc_item b[] = {{"X", "org", 0, 0, 5, 1},
					 {"Y", "org", 0, 0, 5, 1},
					 {"X", "org", 1, 5, 9, 0},
					 {"Y", "org", 1, 5, 9, 0}};
	gx_cooc_options opt = {GX_UNIT_SENTENCE, 0, 3};
	gx_cooc *c = NULL;
	const gx_cooc_pair *xy;

	GX_CHECK_INT(gx_cooc_new(&c, &opt), GX_OK);
	gx_cooc__add(c, "A", a, sizeof a / sizeof a[0], 4);
	xy = pair_of(c, "X", "Y");
	GX_CHECK(xy != NULL);
	if (xy == NULL)
		goto done;
	GX_CHECK_INT(xy->count, 4);
	GX_CHECK_INT(xy->cued, 2);
	GX_CHECK_INT(xy->n_ev, 3);
	GX_CHECK_INT(gx_cooc__evidence(c, xy, 0)->unit, 1);
	GX_CHECK_INT(gx_cooc__evidence(c, xy, 1)->unit, 3);
	GX_CHECK_INT(gx_cooc__evidence(c, xy, 1)->start, 30);
	GX_CHECK_INT(gx_cooc__evidence(c, xy, 2)->unit, 0);
	gx_cooc__add(c, "B", b, sizeof b / sizeof b[0], 2);
	xy = pair_of(c, "X", "Y");
	GX_CHECK_INT(xy->count, 6);
	GX_CHECK_INT(xy->cued, 3);
	GX_CHECK_INT(xy->n_ev, 3);
	GX_CHECK(gx_cooc__evidence(c, xy, 0)->doc == 0 && gx_cooc__evidence(c, xy, 0)->unit == 1);
	GX_CHECK(gx_cooc__evidence(c, xy, 1)->doc == 0 && gx_cooc__evidence(c, xy, 1)->unit == 3);
	GX_CHECK(gx_cooc__evidence(c, xy, 2)->doc == 1 && gx_cooc__evidence(c, xy, 2)->unit == 0);
done:
	gx_cooc_free(c);
}

static void test_parsing(void)
{
	gx_unit_kind k;
	uint32_t w;
	unsigned mask;

	GX_CHECK_INT(gx_unit_parse("window:200", &k, &w), GX_OK);
	GX_CHECK(k == GX_UNIT_WINDOW && w == 200);
	GX_CHECK_INT(gx_unit_parse("paragraph", &k, &w), GX_OK);
	GX_CHECK(k == GX_UNIT_PARAGRAPH);
	GX_CHECK_INT(gx_unit_parse("window:0", &k, &w), GX_EINVAL);
	GX_CHECK_INT(gx_unit_parse("window:x", &k, &w), GX_EINVAL);
	GX_CHECK_INT(gx_unit_parse("clause", &k, &w), GX_EINVAL);
	GX_CHECK_INT(gx_weight_parse("jaccard"), GX_W_JACCARD);
	GX_CHECK_INT(gx_weight_parse("dice"), -1);
	GX_CHECK_INT(gx_types_parse("org,place", &mask), GX_OK);
	GX_CHECK_INT(mask, GX_TYPE_ORG | GX_TYPE_PLACE);
	GX_CHECK_INT(gx_types_parse("org,person", &mask), GX_EINVAL);
	GX_CHECK_INT(gx_formats_parse("csv,json", &mask), GX_OK);
	GX_CHECK_INT(mask, GX_FMT_CSV | GX_FMT_JSON);
	GX_CHECK_INT(gx_formats_parse("all", &mask), GX_OK);
	GX_CHECK_INT(mask, GX_FMT_ALL);
}

int main(void)
{
	test_pairmap();
	test_counts();
	test_cued_evidence();
	test_parsing();
	return gx_test_done();
}
