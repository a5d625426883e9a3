#include "core/utf8.h"

uint32_t gx_utf8_decode(const unsigned char *s, size_t len, size_t *n)
{
	uint32_t c = s[0], min;
	size_t need, i;

	*n = 1;
	if (c < 0x80)
		return c;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		c &= 0x07;
		min = 0x10000;
	} else {
		return GX_UTF8_INVALID;
	}
	if (len < need + 1)
		return GX_UTF8_INVALID;
	for (i = 1; i <= need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return GX_UTF8_INVALID;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return GX_UTF8_INVALID;
	*n = need + 1;
	return c;
}

size_t gx_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t gx_utf8_validate(const unsigned char *s, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		if (gx_utf8_next(s + i, len - i, &n) == GX_UTF8_INVALID)
			return i;
		i += n;
	}
	return len;
}
