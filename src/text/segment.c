/* The rules follow the reference scorer's reading of ANNOTATION.md so that a
 * pair counted here is a pair counted there. */
#include "text/segment.h"

#include "core/utf8.h"

#include <string.h>

#define HEADING_MAX_CHARS 25
#define NO_START          UINT32_MAX

static int is_space(uint32_t c)
{
	return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
	       c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
	       c == 0x202F || c == 0x205F || c == 0x3000;
}

static int is_terminal(uint32_t c)
{
	return c == 0x3002 /* 。 */ || c == 0xFF01 /* ！ */ || c == 0xFF1F /* ？ */ ||
	       c == 0xFF1B /* ； */ || c == '!' || c == '?' || c == ';';
}

static int is_closer(uint32_t c)
{
	return c == 0x201D || c == 0x2019 || c == '"' || c == '\'' || c == 0xFF09 || c == ')' ||
	       c == 0x300D || c == 0x300F || c == 0x3011 || c == 0x300B;
}

static uint32_t decode(const char *s, size_t len, size_t *n)
{
	uint32_t c = gx_utf8_next((const unsigned char *)s, len, n);

	return c == GX_UTF8_INVALID ? 0xFFFD : c;
}

/* Is there at `s` a well-formed character of U+4000..U+9FFF (lead bytes
 * E4..E9: the ideographs, most of Chinese text)? None of them is a space, a
 * sentence mark or a closer, so the loops below step over them at once. */
static inline int ordinary(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	return len >= 3 && p[0] >= 0xE4 && p[0] <= 0xE9 && (p[1] & 0xC0) == 0x80 &&
	       (p[2] & 0xC0) == 0x80;
}

typedef struct {
	gx_span_vec *out;
	uint32_t start;
} seg_state;

static void close_at(seg_state *st, size_t end)
{
	if (st->start != NO_START && end > st->start) {
		gx_span sp = {st->start, (uint32_t)end};

		GX_VEC_PUSH(st->out, sp);
	}
	st->start = NO_START;
}

/* Returns the length in characters of the line [b, e) once trimmed, and its
 * last two non-space code points. */
static size_t trimmed_tail(const char *text, size_t b, size_t e, uint32_t *last, uint32_t *prev)
{
	size_t i = b, n, total = 0, upto = 0;

	*last = *prev = 0;
	while (i < e) {
		uint32_t c;

		if (ordinary(text + i, e - i)) {
			total++;
			upto = total;
			*prev = *last;
			*last = 0x4E00; /* any ideograph: neither a mark nor a closer */
			i += 3;
			continue;
		}
		c = decode(text + i, e - i, &n);

		if (total > 0 || !is_space(c))
			total++;
		if (!is_space(c)) {
			upto = total;
			*prev = *last;
			*last = c;
		}
		i += n;
	}
	return upto;
}

static void do_line(seg_state *st, const char *text, size_t b, size_t e)
{
	uint32_t last, prev;
	size_t chars = trimmed_tail(text, b, e, &last, &prev), i = b, n;

	if (chars == 0)
		return;
	while (i < e) {
		uint32_t c;

		if (ordinary(text + i, e - i)) {
			if (st->start == NO_START)
				st->start = (uint32_t)i;
			i += 3;
			continue;
		}
		c = decode(text + i, e - i, &n);
		if (st->start == NO_START && !is_space(c))
			st->start = (uint32_t)i;
		i += n;
		if (is_terminal(c)) {
			while (i < e && is_closer(decode(text + i, e - i, &n)))
				i += n;
			close_at(st, i);
		}
	}
	if (st->start != NO_START && (is_terminal(last) || (is_closer(last) && is_terminal(prev)) ||
				      chars <= HEADING_MAX_CHARS))
		close_at(st, e);
}

void gx_segment(const char *text, size_t len, gx_span_vec *out)
{
	seg_state st = {out, NO_START};
	size_t pos = 0;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t e = nl ? (size_t)(nl - text) : len;

		do_line(&st, text, pos, e);
		pos = e + 1;
	}
	close_at(&st, len);
}

size_t gx_segment_find(const gx_span_vec *spans, uint32_t off)
{
	size_t lo = 0, hi = spans->len;

	/* first span whose end is beyond off */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (spans->ptr[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
