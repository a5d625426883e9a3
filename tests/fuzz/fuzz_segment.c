/* Sentence units on arbitrary bytes (src/text/segment): spans are
 * non-empty, ordered, disjoint, inside the text, never start on a space,
 * and gx_segment_find agrees with them. */
#include "fuzz.h"
#include "text/segment.h"

static void check_find(const gx_span_vec *v, uint32_t off)
{
	size_t k = gx_segment_find(v, off);

	GX_FUZZ_ASSERT(k <= v->len, "find in range");
	GX_FUZZ_ASSERT(k == v->len || v->ptr[k].end > off, "found span ends after off");
	GX_FUZZ_ASSERT(k == 0 || v->ptr[k - 1].end <= off, "no earlier span holds off");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	gx_span_vec v = {0};
	size_t i;

	gx_segment(text, size, &v);
	for (i = 0; i < v.len; i++) {
		gx_span s = v.ptr[i];

		GX_FUZZ_ASSERT(s.start < s.end && s.end <= size, "span inside the text");
		GX_FUZZ_ASSERT(i == 0 || v.ptr[i - 1].end <= s.start, "spans ordered, disjoint");
		GX_FUZZ_ASSERT(text[s.start] != ' ' && text[s.start] != '\n' &&
				   text[s.start] != '\t',
			       "a unit does not start on a space");
		check_find(&v, s.start);
		check_find(&v, s.end - 1);
		check_find(&v, s.end);
	}
	check_find(&v, 0);
	check_find(&v, (uint32_t)size);
	GX_VEC_FREE(&v);
	return 0;
}
