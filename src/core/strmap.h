/* A map from byte strings to uint32 values (open addressing, FNV-1a).
 * The map owns copies of its keys, kept in one arena so that a map of a
 * million surfaces costs one allocation per few thousand keys. */
#ifndef GX_CORE_STRMAP_H
#define GX_CORE_STRMAP_H

#include "core/arena.h"

#include <stddef.h>
#include <stdint.h>

typedef struct gx_strmap_slot gx_strmap_slot;

typedef struct {
	gx_strmap_slot *slots;
	size_t cap, count;
	gx_arena arena;
} gx_strmap;

#define GX_STRMAP_INIT                                                                             \
	{                                                                                          \
		NULL, 0, 0, GX_ARENA_INIT                                                          \
	}

/* Looks `key` up; returns 1 and sets `*value` if present, else 0. */
int gx_strmap_get(const gx_strmap *m, const char *key, size_t len, uint32_t *value);
/* Inserts or finds `key`. Returns 1 if it was inserted (with `value`), 0 if
 * it was already present; `*slot_value` then points at the stored value,
 * valid until the next insertion. The stored key is returned in `*stored`
 * if non-NULL (NUL-terminated, owned by the map, stable for its lifetime). */
int gx_strmap_put(gx_strmap *m, const char *key, size_t len, uint32_t value, uint32_t **slot_value,
		  const char **stored);
void gx_strmap_dispose(gx_strmap *m);
/* A hint that `key` will be looked up soon: starts reading its slot. */
void gx_strmap_prefetch(const gx_strmap *m, const char *key, size_t len);
/* Makes room for `n` more keys, so that filling a big map does not move
 * every key each time it doubles. */
void gx_strmap_reserve(gx_strmap *m, size_t n);
/* Iteration: slot `i` in [0, m->cap); returns 1 and its key and value if the
 * slot is occupied. */
int gx_strmap_slot_at(const gx_strmap *m, size_t i, const char **key, uint32_t *len,
		      uint32_t *value);

/* FNV-1a, 64 bits, as published (the store keeps it as a content hash). */
uint64_t gx_fnv1a64(const void *data, size_t len);
uint64_t gx_hash_bytes(const void *data, size_t len);

#endif
