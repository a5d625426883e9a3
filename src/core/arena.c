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

char *gx_arena_alloc(gx_arena *a, size_t n)
{
	gx_arena_block *b = a->head;
	char *p;

	if (b == NULL || b->cap - b->used < n) {
		size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;

		b = gx_xmalloc(sizeof *b + cap);
		b->next = a->head;
		b->used = 0;
		b->cap = cap;
		a->head = b;
	}
	p = b->data + b->used;
	b->used += n;
	return p;
}

const char *gx_arena_copy(gx_arena *a, const char *s, size_t len)
{
	char *p = gx_arena_alloc(a, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
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
