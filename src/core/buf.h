/* A growable byte buffer, always NUL-terminated. */
#ifndef GX_CORE_BUF_H
#define GX_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
	char *ptr;
	size_t len, cap;
} gx_buf;

#define GX_BUF_INIT                                                                                \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

void gx_buf_grow(gx_buf *b, size_t extra);
void gx_buf_put(gx_buf *b, const void *data, size_t len);
void gx_buf_puts(gx_buf *b, const char *s);
void gx_buf_putc(gx_buf *b, char c);
void gx_buf_printf(gx_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void gx_buf_clear(gx_buf *b);
/* Frees the storage; the buffer is GX_BUF_INIT afterwards. */
void gx_buf_dispose(gx_buf *b);
/* Hands the storage to the caller (free with free()); the buffer is reset. */
char *gx_buf_detach(gx_buf *b);

#endif
