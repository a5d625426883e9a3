/* Helpers of the fuzz targets (fuzz.h). */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

void gx_fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
	abort();
}

FILE *gx_fuzz_stream(const uint8_t *data, size_t size)
{
	/* fmemopen() refuses a zero size on some libcs; an empty file is "" */
	static char empty[1];
	FILE *fp = size ? fmemopen((void *)data, size, "rb") : fmemopen(empty, 1, "r");

	GX_FUZZ_ASSERT(fp != NULL, "fmemopen");
	if (size == 0)
		(void)fgetc(fp); /* consume the one NUL so the stream reads as empty */
	return fp;
}

const gx_lexicon *gx_fuzz_bundled_lexicon(void)
{
	static gx_lexicon *lx;

	if (lx == NULL) {
		const char *dir = gx_default_dict_dir();

		if (gx_lexicon_new(&lx, NULL, NULL) < 0 ||
		    gx_lexicon_load_dir(lx, dir, GX_LOAD_ALL) < 0 || gx_lexicon_finish(lx) < 0) {
			fprintf(stderr, "fuzz: cannot load the dictionaries in %s: %s\n", dir,
				gx_error_last());
			abort();
		}
	}
	return lx;
}

static void check_mention(const gx_doc *doc, const gx_mention *m, const gx_mention *prev)
{
	GX_FUZZ_ASSERT(m->start < m->end && m->end <= gx_doc_size(doc), "mention span in file");
	GX_FUZZ_ASSERT(m->sentence < gx_doc_sentence_count(doc), "mention sentence index");
	GX_FUZZ_ASSERT(gx_doc_sentence(doc, m->sentence).start <= m->start &&
			   m->end <= gx_doc_sentence(doc, m->sentence).end,
		       "mention inside its sentence");
	GX_FUZZ_ASSERT(m->entity && *m->entity && m->type && *m->type && m->surface && *m->surface,
		       "mention names");
	GX_FUZZ_ASSERT(prev == NULL || prev->start <= m->start, "mentions in text order");
	GX_FUZZ_ASSERT(prev == NULL || prev->sentence <= m->sentence, "sentences in order");
}

void gx_fuzz_check_doc(const gx_doc *doc)
{
	size_t i, n = gx_doc_sentence_count(doc);
	const gx_mention *prev = NULL;

	for (i = 0; i < n; i++) {
		gx_span s = gx_doc_sentence(doc, i);

		GX_FUZZ_ASSERT(s.start < s.end && s.end <= gx_doc_size(doc), "sentence span");
		GX_FUZZ_ASSERT(i == 0 || gx_doc_sentence(doc, i - 1).end <= s.start,
			       "sentences disjoint and ordered");
	}
	for (i = 0; i < gx_doc_mention_count(doc); i++) {
		const gx_mention *m = gx_doc_mention(doc, i);

		check_mention(doc, m, prev);
		prev = m;
	}
}
