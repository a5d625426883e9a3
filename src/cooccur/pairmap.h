/* A map from unordered pairs of entity ids to uint32 values (an edge's
 * index), open addressing with linear probing. The key is (min << 32 | max),
 * so (a, b) and (b, a) are the same pair. */
#ifndef GX_COOCCUR_PAIRMAP_H
#define GX_COOCCUR_PAIRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint64_t *keys; /* GX_PAIRMAP_EMPTY marks a free slot */
	uint32_t *values;
	size_t cap, count; /* cap is 0 or a power of two */
} gx_pairmap;

#define GX_PAIRMAP_INIT                                                                            \
	{                                                                                          \
		NULL, NULL, 0, 0                                                                   \
	}
#define GX_PAIRMAP_EMPTY UINT64_MAX /* never a key: it would need a == b */

uint64_t gx_pairmap_key(uint32_t a, uint32_t b);
/* Returns 1 and sets `*value` if the pair is present, else 0. */
int gx_pairmap_get(const gx_pairmap *m, uint32_t a, uint32_t b, uint32_t *value);
/* Finds the pair or inserts it with `value`; returns 1 if inserted, 0 if it
 * was present. `*slot` (if non-NULL) points at the stored value, valid until
 * the next insertion. Amortised O(1). */
int gx_pairmap_put(gx_pairmap *m, uint32_t a, uint32_t b, uint32_t value, uint32_t **slot);
void gx_pairmap_dispose(gx_pairmap *m);

#endif
