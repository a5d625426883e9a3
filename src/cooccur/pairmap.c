/* Open-addressing pair map. The load factor stays at or below 1/2 so that
 * linear probes stay short; keys are mixed with a 64-bit finaliser because
 * consecutive entity ids would otherwise cluster. */
#include "cooccur/pairmap.h"
#include "core/alloc.h"

#include <stdlib.h>

uint64_t gx_pairmap_key(uint32_t a, uint32_t b)
{
	return a < b ? (uint64_t)a << 32 | b : (uint64_t)b << 32 | a;
}

static size_t slot_of(uint64_t key, size_t cap)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdULL;
	key ^= key >> 33;
	key *= 0xc4ceb9fe1a85ec53ULL;
	key ^= key >> 33;
	return (size_t)key & (cap - 1);
}

static size_t find(const gx_pairmap *m, uint64_t key)
{
	size_t i = slot_of(key, m->cap);

	while (m->keys[i] != GX_PAIRMAP_EMPTY && m->keys[i] != key)
		i = (i + 1) & (m->cap - 1);
	return i;
}

int gx_pairmap_get(const gx_pairmap *m, uint32_t a, uint32_t b, uint32_t *value)
{
	uint64_t key = gx_pairmap_key(a, b);
	size_t i;

	if (m->cap == 0)
		return 0;
	i = find(m, key);
	if (m->keys[i] != key)
		return 0;
	*value = m->values[i];
	return 1;
}

static void grow(gx_pairmap *m)
{
	gx_pairmap bigger = {NULL, NULL, m->cap ? m->cap * 2 : 64, m->count};
	size_t i, j;

	bigger.keys = gx_xmalloc(bigger.cap * sizeof *bigger.keys);
	bigger.values = gx_xmalloc(bigger.cap * sizeof *bigger.values);
	for (i = 0; i < bigger.cap; i++)
		bigger.keys[i] = GX_PAIRMAP_EMPTY;
	for (i = 0; i < m->cap; i++) {
		if (m->keys[i] == GX_PAIRMAP_EMPTY)
			continue;
		j = find(&bigger, m->keys[i]);
		bigger.keys[j] = m->keys[i];
		bigger.values[j] = m->values[i];
	}
	free(m->keys);
	free(m->values);
	*m = bigger;
}

int gx_pairmap_put(gx_pairmap *m, uint32_t a, uint32_t b, uint32_t value, uint32_t **slot)
{
	uint64_t key = gx_pairmap_key(a, b);
	size_t i;
	int inserted = 0;

	if ((m->count + 1) * 2 > m->cap)
		grow(m);
	i = find(m, key);
	if (m->keys[i] != key) {
		m->keys[i] = key;
		m->values[i] = value;
		m->count++;
		inserted = 1;
	}
	if (slot)
		*slot = &m->values[i];
	return inserted;
}

void gx_pairmap_dispose(gx_pairmap *m)
{
	free(m->keys);
	free(m->values);
	m->keys = NULL;
	m->values = NULL;
	m->cap = m->count = 0;
}
