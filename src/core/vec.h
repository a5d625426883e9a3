/* Typed growable arrays: `GX_VEC(int) v = {0};` then GX_VEC_PUSH(&v, 3). */
#ifndef GX_CORE_VEC_H
#define GX_CORE_VEC_H

#include "core/alloc.h"

#include <stdlib.h>

#define GX_VEC(T)                                                                                  \
	struct {                                                                                   \
		T *ptr;                                                                            \
		size_t len, cap;                                                                   \
	}

#define GX_VEC_PUSH(v, x)                                                                          \
	do {                                                                                       \
		(v)->ptr = gx_xgrow((v)->ptr, &(v)->cap, (v)->len + 1, sizeof *(v)->ptr);          \
		(v)->ptr[(v)->len++] = (x);                                                        \
	} while (0)

#define GX_VEC_FREE(v)                                                                             \
	do {                                                                                       \
		free((v)->ptr);                                                                    \
		(v)->ptr = NULL;                                                                   \
		(v)->len = (v)->cap = 0;                                                           \
	} while (0)

#endif
