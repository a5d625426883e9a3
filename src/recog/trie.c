/* Layout: folded code points map to dense symbols (the most frequent in the
 * surfaces get the smallest) through one table for the BMP. The trie is a
 * double array: the child of slot s on symbol c is slot base[s] + c if the
 * check of that slot names s (as s + 1: zeroed memory is free slots). The root is slot 0 with base
 * 0, so its transitions are one read in the first nsym slots, and the build places nodes level by
 * level, so that the shallow levels, where nearly every walk ends, lie together at the front of the
 * array.
 *
 * Building: surfaces are turned into symbol strings, sorted (multikey
 * quicksort), and the nodes are laid out breadth first from the sorted
 * ranges; a node's base is the first that leaves all its children's slots
 * free (found with a bitmap of the used slots; a node whose children fit
 * none of the first TRIES candidates goes to the end of the array). */
#include "recog/trie.h"

#include "core/alloc.h"
#include "core/arena.h"
#include "core/utf8.h"
#include "core/vec.h"
#include "text/fold.h"

#include <stdlib.h>
#include <string.h>

#define NONE  UINT32_MAX
#define BMP   0x10000
#define TERM  0x80000000u /* in check: a surface ends at this slot */
#define OWNER 0x7FFFFFFFu /* in check: the parent slot + 1; 0 = free */
#define ROOT  OWNER       /* the root's check: no slot's parent */
#define TRIES 64          /* free slots tried as a node's first child */

typedef struct {
	int32_t base;
	uint32_t check;
} slot;

typedef struct {
	const char *key; /* folded UTF-8, borrowed or in `copies` */
	uint32_t len, value;
} pending;

/* What the first step of a walk needs, per symbol c, in one place: a filter
 * on the second symbol (bit second_bit(d) is set if a surface begins with
 * c, d) and the value of the one-symbol surface c (NONE if there is none). */
typedef struct {
	uint64_t second[4];
	uint32_t one, unused;
} first_step;

/* Symbols are numbered by frequency, so their low bits alone would crowd
 * the filter of a busy first symbol: hashed into 256 bits instead. */
static inline uint32_t second_bit(uint32_t d)
{
	return (d * 0x9E3779B1u) >> 24;
}

static inline int may_follow(const first_step *f, uint32_t d)
{
	return (f->second[second_bit(d) / 64] >> (second_bit(d) % 64)) & 1;
}

struct gx_trie {
	gx_arena copies; /* the surfaces gx_trie_add() copied */
	GX_VEC(pending) adds;
	slot *da;
	uint32_t *value; /* per slot; meaningful only where the check has TERM */
	size_t n_slots;
	uint32_t nsym;
	first_step *first;       /* per symbol */
	size_t max_len;          /* code points of the longest surface */
	uint32_t *sym;           /* unfolded BMP code point -> symbol (0: in no surface) */
	GX_VEC(uint32_t) astral; /* pairs (folded code point, symbol) beyond the BMP, sorted */
};

gx_trie *gx_trie_new(void)
{
	return gx_xcalloc(1, sizeof(gx_trie));
}

void gx_trie_free(gx_trie *t)
{
	if (t == NULL)
		return;
	gx_arena_dispose(&t->copies);
	GX_VEC_FREE(&t->adds);
	GX_VEC_FREE(&t->astral);
	free(t->da);
	free(t->value);
	free(t->sym);
	free(t->first);
	free(t);
}

void gx_trie_add_borrowed(gx_trie *t, const char *folded, size_t len, uint32_t value)
{
	pending p = {folded, (uint32_t)len, value};

	if (len == 0 || len > UINT32_MAX / 2)
		return;
	GX_VEC_PUSH(&t->adds, p);
}

void gx_trie_add(gx_trie *t, const char *folded, size_t len, uint32_t value)
{
	if (len > 0 && len <= UINT32_MAX / 2)
		gx_trie_add_borrowed(t, gx_arena_copy(&t->copies, folded, len), len, value);
}

/* ---- symbols ------------------------------------------------------------- */

typedef struct {
	uint32_t cp, count;
} cp_count;

static int by_count(const void *a, const void *b)
{
	const cp_count *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return (x->cp > y->cp) - (x->cp < y->cp);
}

static int by_cp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* Symbols by descending frequency in the surfaces: the children of busy
 * nodes then have small symbols and lie close together. */
static void number_symbols(gx_trie *t, uint32_t *bmp_sym)
{
	uint32_t *count = gx_xcalloc(BMP, sizeof *count);
	GX_VEC(cp_count) all = {0};
	GX_VEC(cp_count) astral = {0};
	size_t i, k;

	for (i = 0; i < t->adds.len; i++) {
		pending *p = &t->adds.ptr[i];
		const unsigned char *s = (const unsigned char *)p->key;
		size_t j, n;

		for (j = 0; j < p->len; j += n) {
			uint32_t cp = gx_utf8_next(s + j, p->len - j, &n);

			if (cp == GX_UTF8_INVALID) {
				p->len = 0; /* not a surface: dropped by make_keyset */
				break;
			}
			if (cp < BMP) {
				count[cp]++;
				continue;
			}
			for (k = 0; k < astral.len && astral.ptr[k].cp != cp; k++)
				;
			if (k == astral.len) {
				cp_count c = {cp, 0};

				GX_VEC_PUSH(&astral, c);
			}
			astral.ptr[k].count++;
		}
	}
	for (i = 0; i < BMP; i++)
		if (count[i]) {
			cp_count c = {(uint32_t)i, count[i]};
			GX_VEC_PUSH(&all, c);
		}
	for (i = 0; i < astral.len; i++)
		GX_VEC_PUSH(&all, astral.ptr[i]);
	if (all.len)
		qsort(all.ptr, all.len, sizeof *all.ptr, by_count);
	for (i = 0; i < all.len; i++) {
		uint32_t s = (uint32_t)i + 1;

		if (all.ptr[i].cp < BMP) {
			bmp_sym[all.ptr[i].cp] = s;
		} else {
			GX_VEC_PUSH(&t->astral, all.ptr[i].cp);
			GX_VEC_PUSH(&t->astral, s);
		}
	}
	t->nsym = (uint32_t)all.len;
	/* pairs sorted by code point for bsearch (qsort on pairs: 8-byte items) */
	if (t->astral.len)
		qsort(t->astral.ptr, t->astral.len / 2, 2 * sizeof *t->astral.ptr, by_cp);
	free(count);
	GX_VEC_FREE(&all);
	GX_VEC_FREE(&astral);
}

static uint32_t astral_symbol(const gx_trie *t, uint32_t folded)
{
	size_t lo = 0, hi = t->astral.len / 2;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		uint32_t cp = t->astral.ptr[2 * mid];

		if (cp == folded)
			return t->astral.ptr[2 * mid + 1];
		if (cp < folded)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* The symbol of an unfolded code point; 0 if it is in no surface. */
static inline uint32_t symbol(const gx_trie *t, uint32_t cp)
{
	if (cp < BMP)
		return t->sym[cp];
	if (cp == GX_UTF8_INVALID || t->astral.len == 0)
		return 0;
	return astral_symbol(t, gx_fold_cp(cp));
}

/* ---- sorting the surfaces as symbol strings ------------------------------ */

typedef struct {
	uint32_t *str; /* every surface's symbols, each followed by 0 */
	uint32_t *at;  /* surface i starts at str + at[i] */
} keyset;

static inline uint32_t key_sym(const keyset *ks, uint32_t key, size_t depth)
{
	return ks->str[ks->at[key] + depth];
}

static void insertion_sort(const keyset *ks, uint32_t *a, size_t n, size_t depth)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		uint32_t x = a[i];

		for (j = i; j > 0; j--) {
			const uint32_t *p = ks->str + ks->at[a[j - 1]] + depth;
			const uint32_t *q = ks->str + ks->at[x] + depth;

			while (*p && *p == *q)
				p++, q++;
			if (*p <= *q)
				break;
			a[j] = a[j - 1];
		}
		a[j] = x;
	}
}

static inline void swap_keys(uint32_t *a, size_t i, size_t j)
{
	uint32_t x = a[i];

	a[i] = a[j];
	a[j] = x;
}

/* Bentley and Sedgewick's multikey quicksort: three-way partitions on the
 * symbol at `depth`; equal keys end up adjacent (in no particular order). */
static void sort_keys(const keyset *ks, uint32_t *a, size_t n, size_t depth)
{
	while (n > 16) {
		uint32_t v = key_sym(ks, a[n / 2], depth);
		size_t lt = 0, i = 0, gt = n;

		while (i < gt) {
			uint32_t c = key_sym(ks, a[i], depth);

			if (c < v)
				swap_keys(a, lt++, i++);
			else if (c > v)
				swap_keys(a, i, --gt);
			else
				i++;
		}
		sort_keys(ks, a, lt, depth);
		sort_keys(ks, a + gt, n - gt, depth);
		if (v == 0)
			return; /* identical keys */
		a += lt;
		n = gt - lt;
		depth++;
	}
	insertion_sort(ks, a, n, depth);
}

/* ---- the double array ------------------------------------------------------ */

typedef struct {
	uint32_t lo, hi, depth, at; /* sorted keys [lo, hi) share `depth` symbols; node slot */
} node;

typedef GX_VEC(node) node_vec;

typedef struct {
	gx_trie *t;
	size_t cap;      /* slots allocated (zeroed: all free) */
	uint64_t *used;  /* one bit a slot */
	size_t head;     /* no free slot below this one */
	size_t frontier; /* no slot from here on is used */
	GX_VEC(uint32_t) kids;
} builder;

/* Zeroed memory is free slots: calloc hands out pages the kernel zeroes
 * when first touched, so room that is never used costs nothing. */
static void grow(builder *b, size_t need)
{
	size_t old = b->cap, cap = old ? old : 1024;

	if (need <= old)
		return;
	while (cap < need)
		cap *= 2;
	if (old == 0) {
		b->t->da = gx_xcalloc(cap, sizeof *b->t->da);
		b->t->value = gx_xmalloc(cap * sizeof *b->t->value);
		b->used = gx_xcalloc(cap / 64 + 1, sizeof *b->used);
		b->cap = cap;
		return;
	}
	b->t->da = gx_xrealloc(b->t->da, cap * sizeof *b->t->da);
	b->t->value = gx_xrealloc(b->t->value, cap * sizeof *b->t->value);
	b->used = gx_xrealloc(b->used, (cap / 64 + 1) * sizeof *b->used);
	memset(b->t->da + old, 0, (cap - old) * sizeof *b->t->da);
	memset(b->used + old / 64, 0, (cap / 64 + 1 - old / 64) * sizeof *b->used);
	b->cap = cap;
}

static inline int is_used(const builder *b, size_t i)
{
	return (b->used[i / 64] >> (i % 64)) & 1;
}

/* The first free slot at or after `i` (may be b->cap: free too, once grown). */
static size_t next_free(const builder *b, size_t i)
{
	size_t w = i / 64;
	uint64_t bits;

	if (i >= b->cap)
		return i;
	bits = ~b->used[w] & (~(uint64_t)0 << (i % 64));
	while (bits == 0) {
		if (++w * 64 >= b->cap)
			return w * 64;
		bits = ~b->used[w];
	}
	return w * 64 + (size_t)__builtin_ctzll(bits);
}

static void take(builder *b, size_t i, uint32_t check)
{
	b->t->da[i].check = check;
	b->used[i / 64] |= (uint64_t)1 << (i % 64);
	if (i == b->head)
		b->head = next_free(b, i + 1);
	if (i + 1 > b->frontier)
		b->frontier = i + 1;
}

static int fits(builder *b, size_t base, const uint32_t *kids, size_t n)
{
	size_t i;

	grow(b, base + kids[n - 1] + 1);
	for (i = 0; i < n; i++)
		if (is_used(b, base + kids[i]))
			return 0;
	return 1;
}

/* The base for children `kids` (ascending symbols): the first free slot that
 * can hold the first child and leaves the others free, else past the
 * frontier, where everything is free. */
static size_t find_base(builder *b, const uint32_t *kids, size_t n)
{
	size_t p = next_free(b, b->head > kids[0] ? b->head : kids[0]);
	int tries;

	for (tries = 0; tries < TRIES && p < b->frontier; tries++) {
		if (fits(b, p - kids[0], kids, n))
			return p - kids[0];
		p = next_free(b, p + 1);
	}
	p = b->frontier > kids[0] ? b->frontier : kids[0];
	while (!fits(b, p - kids[0], kids, n))
		p++;
	return p - kids[0];
}

/* Lays out node `nd`: marks it terminal if a surface ends there, places its
 * children and queues them. */
static void place(builder *b, const keyset *ks, const uint32_t *order, const pending *adds, node nd,
		  node_vec *queue)
{
	uint32_t lo = nd.lo, best = NONE;
	size_t i, base;

	/* surfaces that end here are identical and sorted first: the last added
	 * wins */
	while (lo < nd.hi && key_sym(ks, lo, nd.depth) == 0) {
		if (best == NONE || order[lo] > best)
			best = order[lo];
		lo++;
	}
	if (best != NONE) {
		uint32_t v = adds[best].value;

		b->t->da[nd.at].check |= TERM;
		b->t->value[nd.at] = v;
		/* a leaf keeps its value in its base (negative: no children),
		 * so the walk that ends there reads no second array */
		if (lo == nd.hi && v < (uint32_t)INT32_MAX)
			b->t->da[nd.at].base = -(int32_t)v - 1;
	}
	if (lo == nd.hi)
		return;
	b->kids.len = 0;
	for (i = lo; i < nd.hi; i++) {
		uint32_t c = key_sym(ks, (uint32_t)i, nd.depth);

		if (b->kids.len == 0 || b->kids.ptr[b->kids.len - 1] != c)
			GX_VEC_PUSH(&b->kids, c);
	}
	base = find_base(b, b->kids.ptr, b->kids.len);
	b->t->da[nd.at].base = (int32_t)base;
	for (i = 0; i < b->kids.len; i++)
		take(b, base + b->kids.ptr[i], nd.at + 1);
	for (i = lo; i < nd.hi;) {
		uint32_t c = key_sym(ks, (uint32_t)i, nd.depth);
		node child = {(uint32_t)i, 0, nd.depth + 1, (uint32_t)(base + c)};

		while (i < nd.hi && key_sym(ks, (uint32_t)i, nd.depth) == c)
			i++;
		child.hi = (uint32_t)i;
		GX_VEC_PUSH(queue, child);
	}
}

static void build(gx_trie *t, const keyset *ks, const uint32_t *order, size_t n)
{
	builder b = {t, 0, NULL, 0, 0, {0}};
	node_vec queue = {0};
	node root = {0, (uint32_t)n, 0, 0};
	size_t head = 0;

	/* a node per symbol of the surfaces at most, and some holes */
	grow(&b, ks->at[n] + ks->at[n] / 4 + (size_t)t->nsym + 2);
	take(&b, 0, ROOT);
	GX_VEC_PUSH(&queue, root);
	while (head < queue.len) {
		node nd = queue.ptr[head++];

		if (head > 4096 && head * 2 > queue.len) {
			memmove(queue.ptr, queue.ptr + head,
				(queue.len - head) * sizeof *queue.ptr);
			queue.len -= head;
			head = 0;
		}
		place(&b, ks, order, t->adds.ptr, nd, &queue);
	}
	/* a walk reads base + c for any symbol c: keep that inside the array */
	{
		size_t i, top = 0;

		for (i = 0; i < b.frontier; i++)
			if (t->da[i].base > 0 && (size_t)t->da[i].base > top)
				top = (size_t)t->da[i].base;
		grow(&b, top + t->nsym + 1);
		/* the doubling left spare room at the end: give it back */
		t->n_slots = top + t->nsym + 1 > b.frontier ? top + t->nsym + 1 : b.frontier;
		t->da = gx_xrealloc(t->da, t->n_slots * sizeof *t->da);
		t->value = gx_xrealloc(t->value, t->n_slots * sizeof *t->value);
	}
	free(b.used);
	GX_VEC_FREE(&b.kids);
	GX_VEC_FREE(&queue);
}

/* Drops the surfaces number_symbols() found invalid (keeping the order of
 * the others: the last add of a surface wins); returns their total bytes,
 * a bound on their code points. */
static size_t drop_invalid(gx_trie *t)
{
	size_t i, k = 0, bytes = 0;

	for (i = 0; i < t->adds.len; i++)
		if (t->adds.ptr[i].len > 0) {
			bytes += t->adds.ptr[i].len;
			t->adds.ptr[k++] = t->adds.ptr[i];
		}
	t->adds.len = k;
	return bytes;
}

static void make_keyset(gx_trie *t, keyset *ks, const uint32_t *bmp_sym)
{
	size_t i, j, n, k = 0, bytes = drop_invalid(t);

	ks->str = gx_xmalloc((bytes + t->adds.len + 1) * sizeof *ks->str);
	ks->at = gx_xmalloc((t->adds.len + 1) * sizeof *ks->at);
	for (i = 0; i < t->adds.len; i++) {
		const pending *p = &t->adds.ptr[i];
		const unsigned char *s = (const unsigned char *)p->key;

		ks->at[i] = (uint32_t)k;
		for (j = 0; j < p->len; j += n) {
			uint32_t cp = gx_utf8_next(s + j, p->len - j, &n);

			ks->str[k++] = cp < BMP ? bmp_sym[cp] : astral_symbol(t, cp);
		}
		if (k - ks->at[i] > t->max_len)
			t->max_len = k - ks->at[i];
		ks->str[k++] = 0;
	}
	ks->at[t->adds.len] = (uint32_t)k;
}

/* The value of terminal slot `s`. */
static inline uint32_t value_of(const gx_trie *t, uint32_t s)
{
	int32_t base = t->da[s].base;

	return base < 0 ? (uint32_t)(-(base + 1)) : t->value[s];
}

/* A filter before the second step of a walk, which is where most walks
 * end: the second symbols of the surfaces, by first symbol, hashed into 256
 * bits (64 let through twice as many walks that end there); with it, the value of the one-symbol
 * surface, so that a walk the filter stops needs nothing else. The table lies in a few tens of
 * kilobytes that stay in cache, while the step it saves reads a random
 * place of the array. */
static void first_steps(gx_trie *t, const keyset *ks, size_t n)
{
	size_t i;

	t->first = gx_xcalloc((size_t)t->nsym + 1, sizeof *t->first);
	for (i = 0; i < n; i++) {
		const uint32_t *k = ks->str + ks->at[i];

		if (k[0] && k[1])
			t->first[k[0]].second[second_bit(k[1]) / 64] |= (uint64_t)1
									<< (second_bit(k[1]) % 64);
	}
	/* the root's child on c is slot c (the root's base is 0) */
	for (i = 0; i <= t->nsym; i++)
		t->first[i].one = i > 0 && (t->da[i].check & OWNER) == 1 && (t->da[i].check & TERM)
				      ? value_of(t, (uint32_t)i)
				      : NONE;
}

/* Rewrites the symbol strings in sorted order: the build reads every key
 * once per level, and in this order those reads go forward through memory
 * instead of jumping across it. Afterwards key i (sorted) starts at at[i],
 * and order[i] is still its index among the adds. */
static void in_order(keyset *ks, const uint32_t *order, size_t n)
{
	uint32_t *str = gx_xmalloc((ks->at[n] + 1) * sizeof *str), *at;
	size_t i, k = 0;

	at = gx_xmalloc((n + 1) * sizeof *at);
	for (i = 0; i < n; i++) {
		const uint32_t *p = ks->str + ks->at[order[i]];

		at[i] = (uint32_t)k;
		do
			str[k++] = *p;
		while (*p++);
	}
	at[n] = (uint32_t)k;
	free(ks->str);
	free(ks->at);
	ks->str = str;
	ks->at = at;
}

/* Groups the keys by their first symbol (a stable counting sort, moving the
 * strings): sorting then works on one group at a time, whose keys lie
 * together in memory, instead of jumping across all of them. Sets `orig`
 * to each key's index among the adds and `first` (nsym + 2 entries) to
 * where each group begins. */
static void group_by_first(keyset *ks, size_t n, uint32_t nsym, uint32_t *orig, size_t *first)
{
	uint32_t *str = gx_xmalloc((ks->at[n] + 1) * sizeof *str);
	uint32_t *at = gx_xmalloc((n + 1) * sizeof *at);
	size_t *chars = gx_xcalloc((size_t)nsym + 2, sizeof *chars), i, c;
	size_t *next = gx_xcalloc((size_t)nsym + 2, sizeof *next);

	memset(first, 0, ((size_t)nsym + 2) * sizeof *first);
	for (i = 0; i < n; i++) {
		first[ks->str[ks->at[i]] + 1]++;
		chars[ks->str[ks->at[i]] + 1] += ks->at[i + 1] - ks->at[i];
	}
	for (c = 1; c <= (size_t)nsym + 1; c++) {
		first[c] += first[c - 1];
		chars[c] += chars[c - 1];
	}
	memcpy(next, first, ((size_t)nsym + 2) * sizeof *next);
	for (i = 0; i < n; i++) {
		uint32_t f = ks->str[ks->at[i]];
		size_t j = next[f]++, len = ks->at[i + 1] - ks->at[i];

		at[j] = (uint32_t)chars[f];
		memcpy(str + chars[f], ks->str + ks->at[i], len * sizeof *str);
		chars[f] += len;
		orig[j] = (uint32_t)i;
	}
	at[n] = ks->at[n];
	free(ks->str);
	free(ks->at);
	free(chars);
	free(next);
	ks->str = str;
	ks->at = at;
}

void gx_trie_finish(gx_trie *t)
{
	uint32_t *bmp_sym = gx_xcalloc(BMP, sizeof *bmp_sym), *order, *orig, cp;
	keyset ks;
	size_t i, n, *first;

	gx_fold_init();
	number_symbols(t, bmp_sym);
	make_keyset(t, &ks, bmp_sym);
	n = t->adds.len;
	order = gx_xmalloc((n + 1) * sizeof *order);
	orig = gx_xmalloc((n + 1) * sizeof *orig);
	first = gx_xmalloc(((size_t)t->nsym + 2) * sizeof *first);
	group_by_first(&ks, n, t->nsym, orig, first);
	for (i = 0; i < n; i++)
		order[i] = (uint32_t)i;
	for (i = 0; i <= t->nsym; i++) /* the group of keys that begin with symbol i */
		sort_keys(&ks, order + first[i], first[i + 1] - first[i], 1);
	in_order(&ks, order, n);
	for (i = 0; i < n; i++)
		order[i] = orig[order[i]]; /* each sorted key's index among the adds */
	build(t, &ks, order, n);
	first_steps(t, &ks, t->adds.len);
	/* what a document's code point stands for: its folded form's symbol */
	t->sym = gx_xmalloc(BMP * sizeof *t->sym);
	for (cp = 0; cp < BMP; cp++)
		t->sym[cp] = bmp_sym[gx_fold_cp(cp)];
	free(ks.str);
	free(ks.at);
	free(order);
	free(orig);
	free(first);
	free(bmp_sym);
	gx_arena_dispose(&t->copies);
	GX_VEC_FREE(&t->adds);
}

/* ---- walking ------------------------------------------------------------------ */

/* The child of slot `s` on symbol `c` (c > 0), or NONE. */
static inline uint32_t step(const gx_trie *t, uint32_t s, uint32_t c)
{
	uint32_t to;

	if (t->da[s].base < 0)
		return NONE; /* a leaf */
	to = (uint32_t)t->da[s].base + c;

	return (t->da[to].check & OWNER) == s + 1 ? to : NONE;
}

static inline int terminal(const gx_trie *t, uint32_t s)
{
	return (t->da[s].check & TERM) != 0;
}

uint32_t gx_trie_longest(const gx_trie *t, const unsigned char *s, size_t len, size_t *match_len)
{
	uint32_t state = 0, best = NONE;
	size_t i = 0, n;

	while (i < len) {
		uint32_t c = s[i] < 0x80 ? (n = 1, t->sym[s[i]])
					 : symbol(t, gx_utf8_next(s + i, len - i, &n));

		if (c == 0 || (state = step(t, state, c)) == NONE)
			break;
		i += n;
		if (terminal(t, state)) {
			best = value_of(t, state);
			*match_len = i;
		}
	}
	return best;
}

size_t gx_trie_symbolize(const gx_trie *t, const unsigned char *s, size_t len, size_t max,
			 uint32_t *sym, uint32_t *off)
{
	size_t i = 0, k = 0, n;

	while (i < len && k < max) {
		off[k] = (uint32_t)i;
		/* a character of the BMP in three well-formed bytes (nearly all
		 * of Chinese text), the two leads that need a closer look aside */
		if (i + 3 <= len && (s[i] & 0xF0) == 0xE0 && s[i] != 0xE0 && s[i] != 0xED &&
		    ((s[i + 1] ^ 0x80) | (s[i + 2] ^ 0x80)) < 0x40) {
			sym[k++] = t->sym[(uint32_t)(s[i] & 0x0F) << 12 |
					  (uint32_t)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F)];
			i += 3;
			continue;
		}
		sym[k++] = symbol(t, gx_utf8_next(s + i, len - i, &n));
		i += n;
	}
	off[k] = (uint32_t)i;
	return k;
}

/* Walks from consecutive positions in LANES interleaved lanes. Each step of
 * a walk reads a slot at an unpredictable place in a large array, and one
 * walk's reads depend on each other, but different walks' do not: a lane
 * asks for (prefetches) the slot of its next step, then the other lanes
 * take their turn while it arrives. Without the prefetch the processor
 * cannot see past the unpredictable "is there a child" branch and waits
 * for each read in turn. */
#define LANES 16

typedef struct {
	uint32_t start; /* UINT32_MAX: idle */
	uint32_t at;    /* position of the symbol the pending step reads */
	uint32_t state, to, best, len;
} lane;

/* Sets `w` up for the step that reads sym[w->at] from w->state. */
static inline void aim(const gx_trie *t, lane *w, const uint32_t *sym, size_t n)
{
	uint32_t c = w->at < n ? sym[w->at] : 0;

	if (c && w->at == w->start + 1 && !may_follow(&t->first[sym[w->start]], c))
		c = 0; /* no surface begins with these two symbols */

	/* symbol 0 (no surface has it) ends the walk: aim at the root, whose
	 * check (ROOT) is nobody's parent */
	w->to = c && t->da[w->state].base >= 0 ? (uint32_t)t->da[w->state].base + c : 0;
	__builtin_prefetch(&t->da[w->to]);
}

/* The result of the walk from k when it cannot go past one step: no
 * surface begins with sym[k] and the symbol after it (the filter of
 * first_steps() says so), or no surface holds sym[k]. Then the walk
 * finds at most the one-symbol surface sym[k]. */
static inline int settled(const gx_trie *t, const uint32_t *sym, size_t n, size_t k,
			  gx_trie_match *out)
{
	uint32_t c = sym[k], next = k + 1 < n ? sym[k + 1] : 0;
	const first_step *f = &t->first[c]; /* symbol 0 (in no surface): second = 0, one = NONE */

	if (next != 0 && may_follow(f, next))
		return 0;
	out[k].start = (uint32_t)k;
	out[k].len = 1;
	out[k].value = f->one;
	return 1;
}

/* Starts lane `w` at the next position that needs a walk; the others (most
 * of them: a walk nearly always ends after its first step) are settled on
 * the way. */
static inline void begin(const gx_trie *t, lane *w, size_t *next, size_t starts,
			 const uint32_t *sym, size_t n, gx_trie_match *out)
{
	while (*next < starts && settled(t, sym, n, *next, out))
		(*next)++;
	w->start = *next < starts ? (uint32_t)(*next)++ : UINT32_MAX;
	w->at = w->start;
	w->state = 0;
	w->best = NONE;
	w->len = 0;
	if (w->start != UINT32_MAX)
		aim(t, w, sym, n);
}

size_t gx_trie_scan(const gx_trie *t, const uint32_t *sym, size_t n, size_t starts,
		    gx_trie_match *out)
{
	const slot *da = t->da;
	lane ln[LANES];
	size_t next = 0, active = 0, k, found = 0;
	int l;

	for (l = 0; l < LANES; l++) {
		begin(t, &ln[l], &next, starts, sym, n, out);
		active += ln[l].start != UINT32_MAX;
	}
	/* out[k] holds the result of the walk from k until the compaction */
	while (active > 0) {
		for (l = 0; l < LANES; l++) {
			lane *w = &ln[l];
			uint32_t check;

			if (w->start == UINT32_MAX)
				continue;
			check = da[w->to].check;
			if ((check & OWNER) == w->state + 1) {
				w->state = w->to;
				w->at++;
				if (check & TERM) {
					w->best = value_of(t, w->state);
					w->len = w->at - w->start;
				}
				aim(t, w, sym, n);
				continue;
			}
			out[w->start].start = w->start;
			out[w->start].len = w->len;
			out[w->start].value = w->best;
			begin(t, w, &next, starts, sym, n, out);
			active -= w->start == UINT32_MAX;
		}
	}
	for (k = 0; k < starts; k++)
		if (out[k].value != NONE)
			out[found++] = out[k];
	return found;
}

size_t gx_trie_max_len(const gx_trie *t)
{
	return t->max_len;
}

int gx_trie_starts(const gx_trie *t, uint32_t cp)
{
	uint32_t c = symbol(t, cp);

	return c != 0 && step(t, 0, c) != NONE;
}

size_t gx_trie_states(const gx_trie *t)
{
	return t->n_slots;
}
