#include "core/alloc.h"

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t size)
{
	fprintf(stderr, "guanxi: out of memory (allocating %zu bytes)\n", size);
	abort();
}

void *gx_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		out_of_memory(size);
	return p;
}

void *gx_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory(count * size);
	return p;
}

void *gx_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
		out_of_memory(size);
	return p;
}

void *gx_xgrow(void *ptr, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 8;

	if (need <= *cap)
		return ptr;
	while (n < need)
		n *= 2;
	if (n > SIZE_MAX / size)
		out_of_memory(SIZE_MAX);
	*cap = n;
	return gx_xrealloc(ptr, n * size);
}

char *gx_xstrdup(const char *s) { return gx_xstrndup(s, strlen(s)); }

char *gx_xstrndup(const char *s, size_t n)
{
	char *p = gx_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
