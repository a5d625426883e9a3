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

/* What a line ends with: its length in characters from its first non-space
 * one to its last (`chars`), and its last two non-space code points. */
typedef struct {
	size_t total, chars;
	uint32_t last, prev;
} line_tail;

static void see(line_tail *lt, uint32_t c)
{
	if (lt->total > 0 || !is_space(c))
		lt->total++;
	if (!is_space(c)) {
		lt->chars = lt->total;
		lt->prev = lt->last;
		lt->last = c;
	}
}

/* A run of ordinary characters from text[i]: its end. Each is a
 * character, none a space: the tail counts them and ends with an ideograph
 * (0x4E00 stands for any: neither a mark nor a closer). */
static size_t ordinary_run(const char *text, size_t i, size_t e, line_tail *lt)
{
	size_t run = 0;

	do {
		i += 3;
		run++;
	} while (ordinary(text + i, e - i));
	lt->total += run;
	lt->chars = lt->total;
	lt->prev = run > 1 ? 0x4E00 : lt->last;
	lt->last = 0x4E00;
	return i;
}

/* One line [b, e), in one pass: units end after sentence marks (and the
 * closers right after them), and at the line's end if it ends with one or is
 * short (a heading). A line of spaces changes nothing. */
static void do_line(seg_state *st, const char *text, size_t b, size_t e)
{
	line_tail lt = {0, 0, 0, 0};
	size_t i = b, n;

	while (i < e) {
		uint32_t c;

		if (ordinary(text + i, e - i)) {
			if (st->start == NO_START)
				st->start = (uint32_t)i;
			i = ordinary_run(text, i, e, &lt);
			continue;
		}
		c = decode(text + i, e - i, &n);
		see(&lt, c);
		if (st->start == NO_START && !is_space(c))
			st->start = (uint32_t)i;
		i += n;
		if (is_terminal(c)) {
			while (i < e && is_closer(c = decode(text + i, e - i, &n))) {
				see(&lt, c);
				i += n;
			}
			close_at(st, i);
		}
	}
	if (lt.chars > 0 && st->start != NO_START &&
	    (is_terminal(lt.last) || (is_closer(lt.last) && is_terminal(lt.prev)) ||
	     lt.chars <= HEADING_MAX_CHARS))
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
