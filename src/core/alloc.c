#define _DEFAULT_SOURCE /* madvise */
#include "core/alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Big tables (the lexicon's maps, the trie, the pair map) are filled in
 * random order: with 4 KiB pages nearly every insertion faults a new page
 * in and misses the TLB. Transparent huge pages cut both by 512, and
 * Debian's kernel grants them only when asked (THP "madvise"). glibc serves
 * such sizes with their own mmap, so the advice stays with that block and
 * goes with it when it is freed. */
#define HUGE_MIN  ((size_t)4 << 20)
#define HUGE_PAGE ((uintptr_t)2 << 20)

static void *advise_huge(void *p, size_t size)
{
#ifdef MADV_HUGEPAGE
	uintptr_t start = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	uintptr_t end = ((uintptr_t)p + size) & ~(HUGE_PAGE - 1);

	if (p != NULL && size >= HUGE_MIN && end > start)
		madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
	(void)size;
#endif
	return p;
}

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
	return advise_huge(p, size);
}

void *gx_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory(count * size);
	return advise_huge(p, count * size);
}

void *gx_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
		out_of_memory(size);
	return advise_huge(p, size);
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

char *gx_xstrdup(const char *s)
{
	return gx_xstrndup(s, strlen(s));
}

char *gx_xstrndup(const char *s, size_t n)
{
	char *p = gx_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
