#include "core/strmap.h"

#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

/* 16 bytes: four slots a cache line. The hash's top half is kept to skip
 * most key comparisons; the bottom half picks the slot. */
struct gx_strmap_slot {
	const char *key; /* NULL = empty */
	uint32_t value;
	uint32_t tag; /* high 32 bits of the hash */
};

uint64_t gx_fnv1a64(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 14695981039346656037ull;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

uint64_t gx_hash_bytes(const void *data, size_t len)
{
	uint64_t h = gx_fnv1a64(data, len);

	return h ^ (h >> 29); /* the low bits pick the slot: fold the high ones in */
}

/* A stored key is preceded by its length (keys may hold NUL bytes). */
static inline size_t key_len(const char *key)
{
	uint32_t n;

	memcpy(&n, key - sizeof n, sizeof n);
	return n;
}

static const char *store_key(gx_strmap *m, const char *key, size_t len)
{
	uint32_t n = (uint32_t)len;
	char *p = gx_arena_alloc(&m->arena, sizeof n + len + 1);

	memcpy(p, &n, sizeof n);
	memcpy(p + sizeof n, key, len);
	p[sizeof n + len] = '\0';
	return p + sizeof n;
}

static gx_strmap_slot *find(const gx_strmap *m, const char *key, size_t len, uint64_t h)
{
	size_t mask = m->cap - 1, i = (size_t)h & mask;

	for (;; i = (i + 1) & mask) {
		gx_strmap_slot *s = &m->slots[i];

		if (s->key == NULL)
			return s;
		if (s->tag == (uint32_t)(h >> 32) && key_len(s->key) == len &&
		    memcmp(s->key, key, len) == 0)
			return s;
	}
}

/* Moves every key into a table of `cap` slots (a power of two). */
static void resize(gx_strmap *m, size_t cap)
{
	gx_strmap_slot *old = m->slots;
	size_t i, oldcap = m->cap;

	m->cap = cap;
	m->slots = gx_xcalloc(m->cap, sizeof *m->slots);
	for (i = 0; i < oldcap; i++)
		if (old[i].key)
			*find(m, old[i].key, key_len(old[i].key),
			      gx_hash_bytes(old[i].key, key_len(old[i].key))) = old[i];
	free(old);
}

static void rehash(gx_strmap *m)
{
	resize(m, m->cap ? m->cap * 2 : 64);
}

void gx_strmap_reserve(gx_strmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 64;

	while ((m->count + n) * 4 >= cap * 3)
		cap *= 2;
	if (cap != m->cap)
		resize(m, cap);
}

void gx_strmap_prefetch(const gx_strmap *m, const char *key, size_t len)
{
	if (m->cap)
		__builtin_prefetch(&m->slots[gx_hash_bytes(key, len) & (m->cap - 1)]);
}

int gx_strmap_get(const gx_strmap *m, const char *key, size_t len, uint32_t *value)
{
	gx_strmap_slot *s;

	if (m->cap == 0)
		return 0;
	s = find(m, key, len, gx_hash_bytes(key, len));
	if (s->key == NULL)
		return 0;
	*value = s->value;
	return 1;
}

int gx_strmap_put(gx_strmap *m, const char *key, size_t len, uint32_t value, uint32_t **slot_value,
		  const char **stored)
{
	uint64_t h = gx_hash_bytes(key, len);
	gx_strmap_slot *s;
	int inserted = 0;

	if ((m->count + 1) * 4 >= m->cap * 3)
		rehash(m);
	s = find(m, key, len, h);
	if (s->key == NULL) {
		s->key = store_key(m, key, len);
		s->tag = (uint32_t)(h >> 32);
		s->value = value;
		m->count++;
		inserted = 1;
	}
	if (slot_value)
		*slot_value = &s->value;
	if (stored)
		*stored = s->key;
	return inserted;
}

void gx_strmap_dispose(gx_strmap *m)
{
	gx_arena_dispose(&m->arena);
	free(m->slots);
	memset(m, 0, sizeof *m);
}

int gx_strmap_slot_at(const gx_strmap *m, size_t i, const char **key, uint32_t *len,
		      uint32_t *value)
{
	if (i >= m->cap || m->slots[i].key == NULL)
		return 0;
	*key = m->slots[i].key;
	*len = (uint32_t)key_len(m->slots[i].key);
	*value = m->slots[i].value;
	return 1;
}
