#include "core/utf8.h"
#include "harness.h"

#include <string.h>

int main(void)
{
	size_t n;
	char enc[4];

	GX_CHECK_INT(gx_utf8_decode((const unsigned char *)"A", 1, &n), 'A');
	GX_CHECK_INT(n, 1);
	GX_CHECK_INT(gx_utf8_decode((const unsigned char *)"镇", 3, &n), 0x9547);
	GX_CHECK_INT(n, 3);
	/* truncated, overlong, surrogate, beyond U+10FFFF, lone continuation */
	GX_CHECK_INT(gx_utf8_decode((const unsigned char *)"\xe9\x95", 2, &n), GX_UTF8_INVALID);
	GX_CHECK_INT(gx_utf8_decode((const unsigned char *)"\xc0\x80", 2, &n), GX_UTF8_INVALID);
	GX_CHECK_INT(gx_utf8_decode((const unsigned char *)"\xed\xa0\x80", 3, &n), GX_UTF8_INVALID);
	GX_CHECK_INT(gx_utf8_decode((const unsigned char *)"\xf4\x90\x80\x80", 4, &n),
		     GX_UTF8_INVALID);
	GX_CHECK_INT(gx_utf8_decode((const unsigned char *)"\x80", 1, &n), GX_UTF8_INVALID);
	GX_CHECK_INT(n, 1);
	GX_CHECK_INT(gx_utf8_validate((const unsigned char *)"南京\xff大学", 10), 6);
	GX_CHECK_INT(gx_utf8_validate((const unsigned char *)"南京", 6), 6);
	/* property: every code point round-trips through encode and decode */
	{
		uint32_t cp;
		int bad = 0;

		for (cp = 0; cp <= 0x10FFFF; cp += (cp < 0x20000 ? 1 : 97)) {
			size_t m;

			if (cp >= 0xD800 && cp <= 0xDFFF)
				continue;
			m = gx_utf8_encode(cp, enc);
			if (gx_utf8_decode((const unsigned char *)enc, m, &n) != cp || n != m)
				bad++;
		}
		GX_CHECK_INT(bad, 0);
	}
	/* property: gx_utf8_is3() says yes exactly when the decoder reads a
	 * three-byte character, for every lead byte and every two bytes after */
	{
		unsigned a, b, c;
		int bad = 0;

		for (a = 0; a < 256; a++)
			for (b = 0; b < 256; b++)
				for (c = 0; c < 256; c += (a >= 0xE0 && a <= 0xEF ? 1 : 51)) {
					unsigned char s[3] = {(unsigned char)a, (unsigned char)b,
							      (unsigned char)c};
					int three =
					    gx_utf8_decode(s, 3, &n) != GX_UTF8_INVALID && n == 3;

					bad += three != gx_utf8_is3(s);
				}
		GX_CHECK_INT(bad, 0);
	}
	return gx_test_done();
}
