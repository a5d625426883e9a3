/* Reading PCRE2 expressions without compiling them: what they consume, and
 * leading lookbehinds tested in C. Whatever is not understood must come out
 * as "unknown" (anything), never as a smaller set. */
#include "harness.h"
#include "recog/regex.h"

#include <stdlib.h>
#include <string.h>

/* The set of `re` as "lo-hi,lo-hi" (hex), or "?" if unknown. */
static const char *consumes(const char *re)
{
	static char out[512];
	gx_charset cs = {0};
	size_t k;

	out[0] = '\0';
	if (!gx_regex_consumes(&cs, re, strlen(re))) {
		gx_charset_free(&cs);
		return "?";
	}
	for (k = 0; k < cs.n; k++) {
		char one[40];

		snprintf(one, sizeof one, "%s%X-%X", k ? "," : "", (unsigned)cs.lo[k],
			 (unsigned)cs.hi[k]);
		strcat(out, one);
	}
	gx_charset_free(&cs);
	return out;
}

static void test_consumes(void)
{
	GX_CHECK_STR(consumes("abc"), "61-63");
	GX_CHECK_STR(consumes("[a-c]x?(?:y|z)+"), "61-63,78-7A");
	GX_CHECK_STR(consumes("(?=q)(?!r)(?<=s)(?<!t)a"), "61-61"); /* lookarounds: nothing */
	GX_CHECK_STR(consumes("\\x{4E00}\\x41\\(\\.\\n"), "A-A,28-28,2E-2E,41-41,4E00-4E00");
	GX_CHECK_STR(consumes("研究"), "7814-7814,7A76-7A76");
	GX_CHECK_STR(consumes("[^\\x{0}-\\x{10FFFE}]"), "10FFFF-10FFFF");
	GX_CHECK_STR(consumes("[]a]"), "5D-5D,61-61"); /* a ']' first is itself */
	GX_CHECK_STR(consumes("[a-]"), "2D-2D,61-61");
	GX_CHECK_STR(consumes("a{2,3}b{2}c{1,}"), "61-63");
	GX_CHECK_STR(consumes("a{x}"), "61-61,78-78,7B-7B,7D-7D"); /* no quantifier: literal */
	GX_CHECK_STR(consumes("(?<n>a)(?'m'b)(?P<o>c)(d)(?>e)(?|f)"), "61-66");
	GX_CHECK_STR(consumes("^a$\\b\\B"), "61-61");
	GX_CHECK_STR(consumes("(?=[)])a"), "61-61"); /* a ')' in a class ends nothing */
	GX_CHECK_STR(consumes("\\("), "28-28");
	/* unknown: anything */
	GX_CHECK_STR(consumes("a."), "?");
	GX_CHECK_STR(consumes("\\d"), "?");
	GX_CHECK_STR(consumes("[\\p{Han}]"), "?");
	GX_CHECK_STR(consumes("\\p{Han}"), "?");
	GX_CHECK_STR(consumes("(?i)a"), "?");
	GX_CHECK_STR(consumes("(?i:a)"), "?");
	GX_CHECK_STR(consumes("\\Qa)\\E"), "?");
	GX_CHECK_STR(consumes("(?=\\Q)\\E)a"), "?");
	GX_CHECK_STR(consumes("(?#x)a"), "?");
	GX_CHECK_STR(consumes("(*ACCEPT)a"), "?");
	GX_CHECK_STR(consumes("(a)\\1"), "?");
	GX_CHECK_STR(consumes("a\\Kb"), "?");
	GX_CHECK_STR(consumes("[[:alpha:]]"), "?");
	GX_CHECK_STR(consumes("[a"), "?");
	GX_CHECK_STR(consumes("(?R)"), "?");
}

static void test_alternates(void)
{
	GX_CHECK(gx_regex_alternates("a|b", 3));
	GX_CHECK(!gx_regex_alternates("(?:a|b)c", 8));
	GX_CHECK(!gx_regex_alternates("[|]c", 4));
	GX_CHECK(!gx_regex_alternates("\\|c", 3));
	GX_CHECK(gx_regex_alternates("(?:a|b)|c", 9));
	GX_CHECK(gx_regex_alternates("(?#)|c", 6)); /* not sure: an alternation */
}

static void test_lookbehind(void)
{
	static const char re[] = "(?<=^|[0-9]|的|设立了|立)[a-z]+";
	gx_lookbehind lb;
	const char *s = "x的abc设立了de,f立g7h";

	GX_CHECK(gx_regex_lookbehind(re, strlen(re), &lb));
	GX_CHECK(lb.caret);
	GX_CHECK_INT(lb.n_lits, 3);
	GX_CHECK(gx_lookbehind_holds(&lb, s, 0));   /* ^ */
	GX_CHECK(!gx_lookbehind_holds(&lb, s, 1));  /* after x */
	GX_CHECK(gx_lookbehind_holds(&lb, s, 4));   /* after 的 */
	GX_CHECK(!gx_lookbehind_holds(&lb, s, 5));  /* after a */
	GX_CHECK(gx_lookbehind_holds(&lb, s, 13));  /* after 立 (of 设立) */
	GX_CHECK(gx_lookbehind_holds(&lb, s, 16));  /* after 设立了 */
	GX_CHECK(!gx_lookbehind_holds(&lb, s, 17)); /* after d */
	GX_CHECK(!gx_lookbehind_holds(&lb, s, 19)); /* after , */
	GX_CHECK(gx_lookbehind_holds(&lb, s, 23));  /* after 立 */
	GX_CHECK(!gx_lookbehind_holds(&lb, s, 24)); /* after g */
	GX_CHECK(gx_lookbehind_holds(&lb, s, 25));  /* after 7 */
	gx_lookbehind_free(&lb);

	GX_CHECK(gx_regex_lookbehind("(?<=“|\")a", 10, &lb));
	GX_CHECK(!lb.caret && lb.chars.n == 0 && lb.n_lits == 2);
	gx_lookbehind_free(&lb);
	/* not readable: an alternation, an empty or complex alternative */
	GX_CHECK(!gx_regex_lookbehind("(?<=a)b|c", 9, &lb));
	GX_CHECK(!gx_regex_lookbehind("(?<=a|)b", 8, &lb));
	GX_CHECK(!gx_regex_lookbehind("(?<=ab?)b", 9, &lb));
	GX_CHECK(!gx_regex_lookbehind("(?<=[a]b)b", 10, &lb));
	GX_CHECK(!gx_regex_lookbehind("(?<=\\d)b", 8, &lb));
	GX_CHECK(!gx_regex_lookbehind("(?<!a)b", 7, &lb));
	GX_CHECK(!gx_regex_lookbehind("a(?<=a)b", 8, &lb));
}

int main(void)
{
	test_consumes();
	test_alternates();
	test_lookbehind();
	return gx_test_done();
}
