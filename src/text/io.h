/* Reading a document: bytes from disk to UTF-8 text whose every byte maps
 * back to an offset of the original file. */
#ifndef GX_TEXT_IO_H
#define GX_TEXT_IO_H

#include "guanxi/guanxi.h"

#include <stddef.h>
#include <stdint.h>

typedef enum {
	GX_ENC_UTF8,
	GX_ENC_UTF8_BOM,
	GX_ENC_UTF16LE,
	GX_ENC_UTF16BE,
	GX_ENC_GB18030
} gx_encoding;

typedef struct {
	char *utf8;       /* the text as UTF-8 (may hold invalid bytes and NULs) */
	size_t len;       /* bytes of utf8 */
	size_t orig_size; /* bytes of the file */
	uint32_t base;    /* file offset of utf8[0] when map is NULL (3 after a BOM) */
	uint32_t *map;    /* converted text: utf8 offset -> file offset, len + 1 entries */
	gx_encoding enc;
	size_t bad_bytes; /* invalid UTF-8 bytes kept (read with replacement) */
	char *raw;        /* owned storage */
} gx_text;

/* Reads `path`. Conversions and replacements are reported to `diag` as
 * warnings naming the file (and the byte offset). Returns GX_OK, GX_EIO or
 * GX_ENOTFOUND (cannot read: message names the file and the reason), or
 * GX_EINVAL (a binary file, or larger than 2 GiB: skipped). */
int gx_text_read(gx_text *t, const char *path, gx_diag_fn diag, void *payload);
/* As gx_text_read, on `len` bytes already in memory (copied) that stand for
 * the file `name`: the same decoding, checks and warnings, without a file
 * system (for the fuzz targets and tests). */
int gx_text_from_bytes(gx_text *t, const char *bytes, size_t len, const char *name, gx_diag_fn diag,
		       void *payload);
void gx_text_dispose(gx_text *t);
/* Offset in the original file of UTF-8 offset `off` (0 <= off <= len). */
uint32_t gx_text_orig_offset(const gx_text *t, size_t off);

#endif
