/* UTF-8 decoding and encoding over byte spans. */
#ifndef GX_CORE_UTF8_H
#define GX_CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define GX_UTF8_INVALID 0xFFFFFFFFu

/* Decodes one code point at `s` (at most `len` bytes, len > 0). Sets `*n` to
 * the bytes consumed (1 for an invalid byte) and returns the code point, or
 * GX_UTF8_INVALID for an ill-formed sequence (overlong, surrogate, > U+10FFFF,
 * truncated). */
uint32_t gx_utf8_decode(const unsigned char *s, size_t len, size_t *n);

/* Is there a well-formed three-byte sequence at `s` (three bytes readable),
 * as gx_utf8_decode() reads it: no overlong form, no surrogate? Nearly
 * every character of Chinese text is one. */
static inline int gx_utf8_is3(const unsigned char *s)
{
	return (s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
	       (s[0] != 0xE0 || s[1] >= 0xA0) && (s[0] != 0xED || s[1] < 0xA0);
}

/* gx_utf8_decode() with the common cases inline: ASCII and a well-formed
 * three-byte sequence (nearly every character of Chinese text). */
static inline uint32_t gx_utf8_next(const unsigned char *s, size_t len, size_t *n)
{
	if (s[0] < 0x80) {
		*n = 1;
		return s[0];
	}
	if ((s[0] & 0xF0) == 0xE0 && len >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		uint32_t cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 |
			      (uint32_t)(s[2] & 0x3F);

		if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
			*n = 3;
			return cp;
		}
	}
	return gx_utf8_decode(s, len, n);
}

/* Does `s` end in `tail` after at least one byte of its own (a name and
 * its suffix: 德清县 and 县, 延边朝鲜族自治州 and 自治州)? */
static inline int gx_str_ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);

	return n > k && memcmp(s + n - k, tail, k) == 0;
}

/* Writes `cp` to `out` (room for 4 bytes) and returns the byte count. */
size_t gx_utf8_encode(uint32_t cp, char *out);

/* Returns the offset of the first ill-formed byte in `s`, or `len` if the
 * whole span is valid UTF-8. */
size_t gx_utf8_validate(const unsigned char *s, size_t len);

#endif
