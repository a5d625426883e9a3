/* Policy for what users scrape from the web (README.md "How recognition
 * works", 1): UTF-8 is used in place; a BOM is skipped; UTF-16 with a BOM and
 * GB18030 (when the bytes are not UTF-8 but are well-formed GB18030) are
 * converted keeping an exact map to the file's offsets; other invalid bytes
 * stay and never match; binary files are refused. */
#define _POSIX_C_SOURCE 200809L
#include "text/io.h"

#include "core/alloc.h"
#include "core/error.h"
#include "core/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_SIZE ((size_t)2 << 30)
#define SNIFF    65536

static void warn(gx_diag_fn diag, void *payload, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void warn(gx_diag_fn diag, void *payload, const char *path, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (diag == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag(GX_DIAG_WARNING, path, 0, msg, payload);
}

static int read_all(const char *path, char **out, size_t *len)
{
	struct stat st;
	size_t cap, n = 0;
	char *buf;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return gx_error_set(errno == ENOENT ? GX_ENOTFOUND : GX_EIO, "%s: cannot open: %s",
				    path, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return gx_error_set(GX_EIO, "%s: is a directory", path);
	}
	if ((size_t)st.st_size > MAX_SIZE) {
		close(fd);
		return gx_error_set(GX_EINVAL, "%s: larger than 2 GiB, skipped", path);
	}
	cap = (size_t)st.st_size + 1;
	buf = gx_xmalloc(cap);
	for (;;) {
		ssize_t r;

		if (n + 1 >= cap)
			buf = gx_xgrow(buf, &cap, cap * 2, 1);
		r = read(fd, buf + n, cap - n - 1);
		if (r == 0)
			break;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || n + (size_t)r > MAX_SIZE) {
			int e = errno;

			free(buf);
			close(fd);
			return r < 0 ? gx_error_set(GX_EIO, "%s: read error: %s", path, strerror(e))
				     : gx_error_set(GX_EINVAL, "%s: larger than 2 GiB, skipped",
						    path);
		}
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return GX_OK;
}

static int has_magic(const unsigned char *p, size_t n)
{
	static const struct {
		const char *m;
		size_t n;
	} magic[] = {{"%PDF", 4},
		     {"\x89PNG", 4},
		     {"PK\x03\x04", 4},
		     {"\x7f"
		      "ELF",
		      4},
		     {"GIF8", 4},
		     {"\xff\xd8\xff", 3},
		     {"\x1f\x8b", 2},
		     {"BZh", 3},
		     {"\xd0\xcf\x11\xe0", 4},
		     {"7z\xbc\xaf", 4}};
	size_t i;

	for (i = 0; i < sizeof magic / sizeof magic[0]; i++)
		if (n >= magic[i].n && memcmp(p, magic[i].m, magic[i].n) == 0)
			return 1;
	return 0;
}

/* More than 10% control bytes (other than whitespace and ESC) in the first
 * 64 KiB, at least 8 of them (a stray NUL in a short note is no sign), or a
 * known file signature: not text. */
static int is_binary(const unsigned char *p, size_t n)
{
	size_t i, ctl = 0, k = n < SNIFF ? n : SNIFF;

	if (has_magic(p, n))
		return 1;
	for (i = 0; i < k; i++) {
		uint64_t x;

		/* eight bytes at a time: a word has a byte below 0x20 if this
		 * is not 0 (Bit Twiddling Hacks' hasless; never a miss) */
		if (i + 8 <= k && (memcpy(&x, p + i, 8),
				   ((x - 0x2020202020202020u) & ~x & 0x8080808080808080u) == 0)) {
			i += 7;
			continue;
		}
		ctl += (p[i] < 0x20) & (0xF7FFC1FFu >> (p[i] & 31)); /* bit b: byte b counts */
	}
	return ctl >= 8 && ctl * 10 > k;
}

/* Length of the GB18030 character at p, or 0 if ill-formed. */
static size_t gb_char(const unsigned char *p, size_t n)
{
	if (p[0] < 0x80)
		return 1;
	if (p[0] == 0x80 || p[0] == 0xFF || n < 2)
		return 0;
	if ((p[1] >= 0x40 && p[1] <= 0x7E) || (p[1] >= 0x80 && p[1] <= 0xFE))
		return 2;
	if (p[1] >= 0x30 && p[1] <= 0x39 && n >= 4 && p[2] >= 0x81 && p[2] <= 0xFE &&
	    p[3] >= 0x30 && p[3] <= 0x39)
		return 4;
	return 0;
}

static int is_gb18030(const unsigned char *p, size_t n)
{
	size_t i = 0, k, multi = 0;

	while (i < n) {
		if ((k = gb_char(p + i, n - i)) == 0)
			return 0;
		multi += k > 1;
		i += k;
	}
	return multi > 0;
}

typedef struct {
	char *buf;
	size_t len, cap;
	uint32_t *map;
	size_t mapcap;
} conv_out;

static void put_cp(conv_out *o, uint32_t cp, uint32_t from)
{
	char enc[4];
	size_t n = gx_utf8_encode(cp, enc), i;

	o->buf = gx_xgrow(o->buf, &o->cap, o->len + n + 1, 1);
	o->map = gx_xgrow(o->map, &o->mapcap, o->len + n + 1, sizeof *o->map);
	for (i = 0; i < n; i++) {
		o->buf[o->len] = enc[i];
		o->map[o->len++] = from;
	}
}

static void finish_conv(gx_text *t, conv_out *o, size_t size)
{
	o->buf = gx_xgrow(o->buf, &o->cap, o->len + 1, 1);
	o->map = gx_xgrow(o->map, &o->mapcap, o->len + 1, sizeof *o->map);
	o->buf[o->len] = '\0';
	o->map[o->len] = (uint32_t)size;
	free(t->raw);
	t->raw = o->buf;
	t->utf8 = o->buf;
	t->len = o->len;
	t->map = o->map;
}

static void from_utf16(gx_text *t, int big_endian)
{
	const unsigned char *p = (const unsigned char *)t->raw;
	conv_out o = {0};
	size_t i = 2;

	while (i + 1 < t->orig_size) {
		uint32_t u = big_endian ? (uint32_t)(p[i] << 8 | p[i + 1])
					: (uint32_t)(p[i + 1] << 8 | p[i]);
		size_t at = i;

		i += 2;
		if (u >= 0xD800 && u <= 0xDBFF && i + 1 < t->orig_size) {
			uint32_t lo = big_endian ? (uint32_t)(p[i] << 8 | p[i + 1])
						 : (uint32_t)(p[i + 1] << 8 | p[i]);

			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				i += 2;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF)
			u = 0xFFFD; /* unpaired surrogate */
		put_cp(&o, u, (uint32_t)at);
	}
	finish_conv(t, &o, t->orig_size);
}

/* Converts one character at a time so that every output byte knows the
 * offset of the GB18030 character it came from. */
static int from_gb18030(gx_text *t, const char *path)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	const unsigned char *p = (const unsigned char *)t->raw;
	conv_out o = {0};
	size_t i = 0;

	if (cd == (iconv_t)-1)
		return gx_error_set(GX_EIO, "%s: cannot convert from GB18030: %s", path,
				    strerror(errno));
	while (i < t->orig_size) {
		size_t k = gb_char(p + i, t->orig_size - i), inleft = k, outleft = 8;
		char out[8], *in = t->raw + i, *op = out;
		uint32_t cp = 0xFFFD;

		if (k == 1) {
			cp = p[i];
		} else if (iconv(cd, &in, &inleft, &op, &outleft) != (size_t)-1) {
			size_t n;

			cp = gx_utf8_decode((const unsigned char *)out, (size_t)(op - out), &n);
			if (cp == GX_UTF8_INVALID)
				cp = 0xFFFD;
		}
		put_cp(&o, cp, (uint32_t)i);
		i += k;
	}
	iconv_close(cd);
	finish_conv(t, &o, t->orig_size);
	return GX_OK;
}

/* Counts invalid bytes and finds the first one and the first NUL: one
 * pass, with the common characters (ASCII, three bytes) decoded inline. */
static void scan_utf8(gx_text *t, size_t *first, size_t *nul)
{
	const unsigned char *p = (const unsigned char *)t->utf8;
	size_t i = 0, n;

	*first = *nul = t->len;
	while (i < t->len) {
		if (i + 3 <= t->len && gx_utf8_is3(p + i)) {
			i += 3;
			continue;
		}
		if (p[i] < 0x80) {
			if (p[i] == 0 && *nul == t->len)
				*nul = i;
			i++;
			continue;
		}
		if (gx_utf8_next(p + i, t->len - i, &n) == GX_UTF8_INVALID) {
			if (*first == t->len)
				*first = i;
			t->bad_bytes++;
		}
		i += n;
	}
}

/* Text with a few bad bytes is read with replacement; bytes that are mostly
 * not UTF-8 (and not GB18030) are no text at all. */
static int check_utf8(gx_text *t, const char *path, gx_diag_fn diag, void *payload, size_t first,
		      size_t nul)
{
	if (t->bad_bytes * 4 > t->len && t->bad_bytes >= 8)
		return gx_error_set(GX_EINVAL, "%s: binary file (mostly not UTF-8), skipped", path);
	if (t->bad_bytes)
		warn(diag, payload, path,
		     "invalid UTF-8 at byte %zu (%zu bad bytes), read with replacement",
		     first + t->base, t->bad_bytes);
	if (nul < t->len)
		warn(diag, payload, path, "NUL byte at byte %zu, read as a separator",
		     nul + t->base);
	return GX_OK;
}

static int decode(gx_text *t, const char *path, gx_diag_fn diag, void *payload)
{
	const unsigned char *p = (const unsigned char *)t->raw;
	size_t n = t->orig_size, first, nul;

	if (n >= 2 && (p[0] == 0xFF || p[0] == 0xFE) && (p[1] ^ p[0]) == 0x01) {
		int big = p[0] == 0xFE;

		t->enc = big ? GX_ENC_UTF16BE : GX_ENC_UTF16LE;
		from_utf16(t, big); /* frees the raw bytes p points into */
		warn(diag, payload, path, "converted from UTF-16%s", big ? "BE" : "LE");
		return GX_OK;
	}
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		t->enc = GX_ENC_UTF8_BOM;
		t->base = 3;
	}
	t->utf8 = t->raw + t->base;
	t->len = n - t->base;
	if (is_binary((const unsigned char *)t->utf8, t->len))
		return gx_error_set(GX_EINVAL, "%s: binary file, skipped", path);
	/* one pass tells whether the text is UTF-8 and what is wrong with it */
	scan_utf8(t, &first, &nul);
	if (t->bad_bytes > 0 && is_gb18030((const unsigned char *)t->raw, n)) {
		t->enc = GX_ENC_GB18030;
		t->bad_bytes = 0;
		warn(diag, payload, path, "not UTF-8: converted from GB18030");
		return from_gb18030(t, path);
	}
	return check_utf8(t, path, diag, payload, first, nul);
}

int gx_text_read(gx_text *t, const char *path, gx_diag_fn diag, void *payload)
{
	int error;

	memset(t, 0, sizeof *t);
	if ((error = read_all(path, &t->raw, &t->orig_size)) < 0)
		return error;
	error = decode(t, path, diag, payload);
	if (error < 0)
		gx_text_dispose(t);
	return error;
}

int gx_text_from_bytes(gx_text *t, const char *bytes, size_t len, const char *name, gx_diag_fn diag,
		       void *payload)
{
	int error;

	memset(t, 0, sizeof *t);
	if (len > MAX_SIZE)
		return gx_error_set(GX_EINVAL, "%s: larger than 2 GiB, skipped", name);
	t->raw = gx_xmalloc(len + 1);
	if (len > 0) /* bytes may be NULL then */
		memcpy(t->raw, bytes, len);
	t->raw[len] = '\0'; /* as read_all leaves it */
	t->orig_size = len;
	error = decode(t, name, diag, payload);
	if (error < 0)
		gx_text_dispose(t);
	return error;
}

void gx_text_dispose(gx_text *t)
{
	free(t->raw);
	free(t->map);
	memset(t, 0, sizeof *t);
}

uint32_t gx_text_orig_offset(const gx_text *t, size_t off)
{
	return t->map ? t->map[off] : (uint32_t)(off + t->base);
}
