#include "core/buf.h"

#include "core/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* New capacity is zeroed: buffers are the subjects of PCRE2 matches, and
 * PCRE2's JIT scans them a machine word at a time, reading (and discarding)
 * bytes past the subject's end. Undefined bytes there make valgrind report
 * every such scan (tests/sh/valgrind.sh); zeroing costs one memset per
 * doubling. */
void gx_buf_grow(gx_buf *b, size_t extra)
{
	size_t old = b->cap;

	b->ptr = gx_xgrow(b->ptr, &b->cap, b->len + extra + 1, 1);
	if (b->cap > old)
		memset(b->ptr + old, 0, b->cap - old);
}

void gx_buf_put(gx_buf *b, const void *data, size_t len)
{
	gx_buf_grow(b, len);
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void gx_buf_puts(gx_buf *b, const char *s)
{
	gx_buf_put(b, s, strlen(s));
}

void gx_buf_putc(gx_buf *b, char c)
{
	gx_buf_put(b, &c, 1);
}

void gx_buf_printf(gx_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	gx_buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void gx_buf_clear(gx_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

void gx_buf_dispose(gx_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

char *gx_buf_detach(gx_buf *b)
{
	char *p = b->ptr ? b->ptr : gx_xstrdup("");

	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}
