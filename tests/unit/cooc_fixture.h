/* Building co-occurrence counters by hand for the graph tests. */
#ifndef GX_TEST_COOC_FIXTURE_H
#define GX_TEST_COOC_FIXTURE_H

#include "cooccur/cooccur.h"

/* Counts x and y together in `count` units of one document. */
static inline void add_pair(gx_cooc *c, const char *x, const char *y, int count)
{
	int i;

	for (i = 0; i < count; i++) {
		gx_cooc_item it[2] = {{x, "org/company", 0, 0, 10, 0},
				      {y, "org/company", 0, 0, 10, 0}};

		gx_cooc__add(c, "doc", it, 2, 1);
	}
}

#endif
