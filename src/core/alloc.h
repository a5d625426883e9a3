/* Allocation that aborts on exhaustion: a batch tool gains nothing from
 * propagating ENOMEM through every call (cmark, redis do the same). */
#ifndef GX_CORE_ALLOC_H
#define GX_CORE_ALLOC_H

#include <stddef.h>

void *gx_xmalloc(size_t size);
void *gx_xcalloc(size_t count, size_t size);
void *gx_xrealloc(void *ptr, size_t size);
/* Grows an array to hold at least `need` elements of `size` bytes; `*cap` is
 * updated. Doubling keeps appends amortised O(1). */
void *gx_xgrow(void *ptr, size_t *cap, size_t need, size_t size);
char *gx_xstrdup(const char *s);
char *gx_xstrndup(const char *s, size_t n);

#endif
