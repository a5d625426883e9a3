/* An arena of immutable strings: copies that live until the arena is
 * disposed of, one allocation per 64 KiB of them, and that never move. */
#ifndef GX_CORE_ARENA_H
#define GX_CORE_ARENA_H

#include <stddef.h>

typedef struct gx_arena_block gx_arena_block;

typedef struct {
	gx_arena_block *head;
} gx_arena;

#define GX_ARENA_INIT                                                                              \
	{                                                                                          \
		NULL                                                                               \
	}

/* `n` bytes (not aligned: for bytes only), owned by the arena. */
char *gx_arena_alloc(gx_arena *a, size_t n);
/* A NUL-terminated copy of `len` bytes of `s`, owned by the arena. */
const char *gx_arena_copy(gx_arena *a, const char *s, size_t len);
/* Frees every copy; the arena is empty (GX_ARENA_INIT) afterwards. */
void gx_arena_dispose(gx_arena *a);

#endif
