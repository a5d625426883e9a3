#include "core/arena.h"

#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

struct gx_arena_block {
	gx_arena_block *next;
	size_t used, cap;
	char data[];
};

#define ARENA_BLOCK (64 * 1024)

const char *gx_arena_copy(gx_arena *a, const char *s, size_t len)
{
	gx_arena_block *b = a->head;
	char *p;

	if (b == NULL || b->cap - b->used < len + 1) {
		size_t cap = len + 1 > ARENA_BLOCK ? len + 1 : ARENA_BLOCK;

		b = gx_xmalloc(sizeof *b + cap);
		b->next = a->head;
		b->used = 0;
		b->cap = cap;
		a->head = b;
	}
	p = b->data + b->used;
	memcpy(p, s, len);
	p[len] = '\0';
	b->used += len + 1;
	return p;
}

void gx_arena_dispose(gx_arena *a)
{
	gx_arena_block *b = a->head, *next;

	for (; b; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}
