/* The escapers every export relies on: CSV (RFC 4180), XML, JSON; and the
 * split of a type into type and subtype. */
#define _POSIX_C_SOURCE 200809L
#include "export/common.h"
#include "harness.h"

#include <stdlib.h>

typedef void (*escape_fn)(FILE *fp, const char *s);

static void check(escape_fn fn, const char *in, const char *want, int line)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	fn(fp, in);
	fclose(fp);
	if (strcmp(buf, want) != 0) {
		gx_test_failed++;
		printf("%s:%d: escaping '%s': got '%s', expected '%s'\n", __FILE__, line, in, buf,
		       want);
	} else {
		gx_test_passed++;
	}
	free(buf);
}

#define CHECK_ESC(fn, in, want) check(fn, in, want, __LINE__)

int main(void)
{
	char coarse[32];

	CHECK_ESC(gx_export__csv, "南京大学", "南京大学");
	CHECK_ESC(gx_export__csv, "a,b", "\"a,b\"");
	CHECK_ESC(gx_export__csv, "say \"hi\"", "\"say \"\"hi\"\"\"");
	CHECK_ESC(gx_export__csv, "two\nlines", "\"two\nlines\"");
	CHECK_ESC(gx_export__xml, "A&B <x> \"q\" 'a'",
		  "A&amp;B &lt;x&gt; &quot;q&quot; &apos;a&apos;");
	CHECK_ESC(gx_export__xml, "bad\001byte", "badbyte"); /* C0 is forbidden in XML 1.0 */
	CHECK_ESC(gx_export__json, "a\"b\\c\n\001", "\"a\\\"b\\\\c\\n\\u0001\"");
	CHECK_ESC(gx_export__json, "北航(丹阳)研究院", "\"北航(丹阳)研究院\"");
	GX_CHECK_STR(gx_export__split_type("org/university", coarse, sizeof coarse), "university");
	GX_CHECK_STR(coarse, "org");
	GX_CHECK_STR(gx_export__split_type("place", coarse, sizeof coarse), "");
	GX_CHECK_STR(coarse, "place");
	GX_CHECK_STR(gx_export__colour("zone/hitech"), "#F28E2B");
	GX_CHECK_STR(gx_export__shape("place/city"), "diamond");
	return gx_test_done();
}
