/* Shared by the libFuzzer targets (tests/fuzz/fuzz_*.c) and the replay
 * driver that runs their corpora as ordinary tests. A target aborts on a
 * broken invariant, so libFuzzer and the replay test both see it fail. */
#ifndef GX_FUZZ_H
#define GX_FUZZ_H

#include "guanxi/guanxi.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The libFuzzer entry point: one input, returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A read-only stream over `size` bytes (an empty one for size 0), for the
 * loaders that read lines from a FILE. Aborts if it cannot be made. */
FILE *gx_fuzz_stream(const uint8_t *data, size_t size);

/* The bundled lexicon (gx_default_dict_dir(), everything), loaded on the
 * first call and kept for the life of the process. Aborts if it fails. */
const gx_lexicon *gx_fuzz_bundled_lexicon(void);

/* Aborts unless the document's mentions and sentences are well formed:
 * spans inside the file, non-empty, in text order, sentences disjoint. */
void gx_fuzz_check_doc(const gx_doc *doc);

/* Aborts with `what` on stderr unless `cond`. */
#define GX_FUZZ_ASSERT(cond, what)                                                                 \
	do {                                                                                       \
		if (!(cond))                                                                       \
			gx_fuzz_fail(__FILE__, __LINE__, what);                                    \
	} while (0)

void gx_fuzz_fail(const char *file, int line, const char *what);

#endif
