/* Layout: code points map to dense symbols through `sym` (BMP, already
 * folded) so that the root's transitions are one array lookup — most walks
 * end there, since most characters of a text start no name. Deeper
 * transitions live in one open-addressing table keyed by (state, symbol). */
#include "recog/trie.h"

#include "core/alloc.h"
#include "core/utf8.h"
#include "core/vec.h"
#include "text/fold.h"

#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX
#define BMP 0x10000

typedef struct {
	uint64_t key; /* state << 32 | symbol; 0 = empty (the root never is a child) */
	uint32_t next;
} edge;

struct gx_trie {
	GX_VEC(uint32_t) value;   /* per state; NONE if no surface ends there */
	uint32_t *alpha;          /* folded code point -> symbol (0 = unused), BMP */
	uint32_t nsym;
	uint32_t *root;           /* symbol -> state */
	size_t root_cap;
	edge *edges;
	size_t edge_cap, edge_count;
	uint32_t *sym;            /* unfolded BMP code point -> symbol, after finish */
	GX_VEC(uint32_t) astral;  /* pairs (code point, symbol) beyond the BMP */
};

gx_trie *gx_trie_new(void)
{
	gx_trie *t = gx_xcalloc(1, sizeof *t);
	uint32_t none = NONE;

	t->alpha = gx_xcalloc(BMP, sizeof *t->alpha);
	t->nsym = 1;
	GX_VEC_PUSH(&t->value, none); /* state 0 = root */
	return t;
}

void gx_trie_free(gx_trie *t)
{
	if (t == NULL)
		return;
	GX_VEC_FREE(&t->value);
	GX_VEC_FREE(&t->astral);
	free(t->alpha);
	free(t->root);
	free(t->edges);
	free(t->sym);
	free(t);
}

static inline size_t edge_slot(uint64_t key, size_t mask)
{
	return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & mask;
}

static void edges_grow(gx_trie *t)
{
	edge *old = t->edges;
	size_t oldcap = t->edge_cap, i;

	t->edge_cap = oldcap ? oldcap * 2 : 1024;
	t->edges = gx_xcalloc(t->edge_cap, sizeof *t->edges);
	for (i = 0; i < oldcap; i++) {
		size_t j;

		if (old[i].key == 0)
			continue;
		for (j = edge_slot(old[i].key, t->edge_cap - 1); t->edges[j].key;
		     j = (j + 1) & (t->edge_cap - 1))
			;
		t->edges[j] = old[i];
	}
	free(old);
}

static uint32_t symbol_of(gx_trie *t, uint32_t cp)
{
	size_t i;

	if (cp < BMP) {
		if (t->alpha[cp] == 0)
			t->alpha[cp] = t->nsym++;
		return t->alpha[cp];
	}
	for (i = 0; i < t->astral.len; i += 2)
		if (t->astral.ptr[i] == cp)
			return t->astral.ptr[i + 1];
	GX_VEC_PUSH(&t->astral, cp);
	GX_VEC_PUSH(&t->astral, t->nsym);
	return t->nsym++;
}

static uint32_t new_state(gx_trie *t)
{
	uint32_t none = NONE;

	GX_VEC_PUSH(&t->value, none);
	return (uint32_t)t->value.len - 1;
}

static uint32_t child_or_add(gx_trie *t, uint32_t state, uint32_t s)
{
	uint64_t key;
	size_t j;

	if (state == 0) {
		if (s >= t->root_cap) {
			size_t old = t->root_cap;

			t->root = gx_xgrow(t->root, &t->root_cap, s + 1, sizeof *t->root);
			memset(t->root + old, 0xFF, (t->root_cap - old) * sizeof *t->root);
		}
		if (t->root[s] == NONE)
			t->root[s] = new_state(t);
		return t->root[s];
	}
	if ((t->edge_count + 1) * 2 > t->edge_cap)
		edges_grow(t);
	key = (uint64_t)state << 32 | s;
	for (j = edge_slot(key, t->edge_cap - 1); t->edges[j].key; j = (j + 1) & (t->edge_cap - 1))
		if (t->edges[j].key == key)
			return t->edges[j].next;
	t->edges[j].key = key;
	t->edges[j].next = new_state(t);
	t->edge_count++;
	return t->edges[j].next;
}

void gx_trie_add(gx_trie *t, const char *folded, size_t len, uint32_t value)
{
	const unsigned char *p = (const unsigned char *)folded;
	uint32_t state = 0;
	size_t i = 0, n;

	if (len == 0)
		return;
	while (i < len) {
		uint32_t cp = gx_utf8_decode(p + i, len - i, &n);

		if (cp == GX_UTF8_INVALID)
			return;
		state = child_or_add(t, state, symbol_of(t, cp));
		i += n;
	}
	t->value.ptr[state] = value;
}

void gx_trie_finish(gx_trie *t)
{
	uint32_t cp;

	t->sym = gx_xcalloc(BMP, sizeof *t->sym);
	for (cp = 0; cp < BMP; cp++)
		t->sym[cp] = t->alpha[gx_fold_cp(cp)];
	if (t->root == NULL) {
		t->root = gx_xcalloc(1, sizeof *t->root);
		t->root[0] = NONE;
		t->root_cap = 1;
	}
	if (t->edges == NULL)
		edges_grow(t);
}

static inline uint32_t symbol(const gx_trie *t, uint32_t cp)
{
	size_t i;

	if (cp < BMP)
		return t->sym[cp];
	if (cp == GX_UTF8_INVALID)
		return 0;
	cp = gx_fold_cp(cp);
	for (i = 0; i < t->astral.len; i += 2)
		if (t->astral.ptr[i] == cp)
			return t->astral.ptr[i + 1];
	return 0;
}

static inline uint32_t step(const gx_trie *t, uint32_t state, uint32_t s)
{
	uint64_t key;
	size_t j, mask = t->edge_cap - 1;

	if (state == 0)
		return s < t->root_cap ? t->root[s] : NONE;
	key = (uint64_t)state << 32 | s;
	for (j = edge_slot(key, mask); t->edges[j].key; j = (j + 1) & mask)
		if (t->edges[j].key == key)
			return t->edges[j].next;
	return NONE;
}

uint32_t gx_trie_longest(const gx_trie *t, const unsigned char *s, size_t len, size_t *match_len)
{
	uint32_t state = 0, best = NONE;
	size_t i = 0, n;

	while (i < len) {
		uint32_t sy;

		if (s[i] < 0x80) {
			sy = t->sym[s[i]];
			n = 1;
		} else {
			sy = symbol(t, gx_utf8_decode(s + i, len - i, &n));
		}
		if (sy == 0 || (state = step(t, state, sy)) == NONE)
			break;
		i += n;
		if (t->value.ptr[state] != NONE) {
			best = t->value.ptr[state];
			*match_len = i;
		}
	}
	return best;
}

int gx_trie_starts(const gx_trie *t, uint32_t cp)
{
	uint32_t s = symbol(t, cp);

	return s != 0 && s < t->root_cap && t->root[s] != NONE;
}

size_t gx_trie_states(const gx_trie *t) { return t->value.len; }
