/* Co-occurrence units (ANNOTATION.md "Co-occurrence units"). */
#ifndef GX_TEXT_SEGMENT_H
#define GX_TEXT_SEGMENT_H

#include "core/vec.h"
#include "guanxi/guanxi.h"

#include <stddef.h>

typedef GX_VEC(gx_span) gx_span_vec;

/* Splits UTF-8 `text` into sentences, appending their byte spans to `out`:
 *  - a sentence ends after 。！？；!?; and any closing quotes or brackets
 *    right after it;
 *  - a line that ends with such a mark, or a short line (≤ 25 characters
 *    once trimmed: a heading), ends its sentence at the line break;
 *  - any other line break, even across blank lines, continues the sentence:
 *    it is text copied from a PDF or a web page (seed 004 breaks 如\n\n鱼得水).
 * Whitespace-only text yields no span. Linear in `len`. */
void gx_segment(const char *text, size_t len, gx_span_vec *out);

/* Index of the span containing byte `off` (spans sorted), or the nearest
 * following one; spans->len if none. */
size_t gx_segment_find(const gx_span_vec *spans, uint32_t off);

#endif
