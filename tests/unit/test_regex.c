/* Reading PCRE2 expressions without compiling them: what they consume,
 * leading lookbehinds tested in C, long negative lookaheads rewritten.
 * Whatever is not understood must come out as "unknown" (anything), never
 * as a smaller set, and a rewrite must match exactly what the original
 * does. */
#define _POSIX_C_SOURCE       200809L
#define PCRE2_CODE_UNIT_WIDTH 8
#include "harness.h"
#include "recog/regex.h"

#include <pcre2.h>
#include <stdio.h>
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
	GX_CHECK(gx_lookbehind_holds(&lb, s, strlen(s), 0));   /* ^ */
	GX_CHECK(!gx_lookbehind_holds(&lb, s, strlen(s), 1));  /* after x */
	GX_CHECK(gx_lookbehind_holds(&lb, s, strlen(s), 4));   /* after 的 */
	GX_CHECK(!gx_lookbehind_holds(&lb, s, strlen(s), 5));  /* after a */
	GX_CHECK(gx_lookbehind_holds(&lb, s, strlen(s), 13));  /* after 立 (of 设立) */
	GX_CHECK(gx_lookbehind_holds(&lb, s, strlen(s), 16));  /* after 设立了 */
	GX_CHECK(!gx_lookbehind_holds(&lb, s, strlen(s), 17)); /* after d */
	GX_CHECK(!gx_lookbehind_holds(&lb, s, strlen(s), 19)); /* after , */
	GX_CHECK(gx_lookbehind_holds(&lb, s, strlen(s), 23));  /* after 立 */
	GX_CHECK(!gx_lookbehind_holds(&lb, s, strlen(s), 24)); /* after g */
	GX_CHECK(gx_lookbehind_holds(&lb, s, strlen(s), 25));  /* after 7 */
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

/* A literal with a lookahead of literals: after 获, not before 得 or 批. */
static void test_lookbehind_lookahead(void)
{
	static const char re[] = "(?<=。|获(?!得|批)|以)[a-z]+";
	gx_lookbehind lb;
	const char *s = "获a获得b获批c。以";

	GX_CHECK(gx_regex_lookbehind(re, strlen(re), &lb));
	GX_CHECK_INT(lb.n_lits, 3);
	GX_CHECK(gx_lookbehind_holds(&lb, s, strlen(s), 3));   /* 获|a */
	GX_CHECK(!gx_lookbehind_holds(&lb, s, strlen(s), 7));  /* 获|得 */
	GX_CHECK(!gx_lookbehind_holds(&lb, s, strlen(s), 14)); /* 获|批 */
	GX_CHECK(gx_lookbehind_holds(&lb, s, strlen(s), 21));  /* 。| */
	GX_CHECK(gx_lookbehind_holds(&lb, s, strlen(s), 24));  /* 以| at the end */
	gx_lookbehind_free(&lb);
	/* anything else in the lookahead: not testable in C */
	GX_CHECK(!gx_regex_lookbehind("(?<=获(?!得|[批]))x", 22, &lb));
	GX_CHECK(!gx_regex_lookbehind("(?<=获(?!得|))x", 17, &lb));
}

static pcre2_code *compile(const char *re)
{
	int code;
	PCRE2_SIZE off;

	return pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &code,
			     &off, NULL);
}

/* The %STOP% words of the bundled patterns (its @define line), or "". */
static void bundled_stop(char *out, size_t cap)
{
	const char *dir = getenv("GUANXI_DICT_DIR");
	char path[1024], *line = NULL;
	size_t n = 0;
	FILE *fp;

	out[0] = '\0';
	snprintf(path, sizeof path, "%s/patterns.txt", dir ? dir : "dicts");
	if ((fp = fopen(path, "rb")) == NULL)
		return;
	while (getline(&line, &n, fp) > 0)
		if (strncmp(line, "@define\tSTOP\t", 13) == 0) {
			snprintf(out, cap, "%s", line + 13);
			out[strcspn(out, "\r\n")] = '\0';
		}
	free(line);
	fclose(fp);
}

/* Every match (start, end, and the span of group 1) of `a` and of `b` from
 * every place of `text`, anchored there: the same? */
static int same_matches(pcre2_code *a, pcre2_code *b, const char *text)
{
	pcre2_match_data *ma = pcre2_match_data_create(8, NULL),
			 *mb = pcre2_match_data_create(8, NULL);
	size_t len = strlen(text), p;
	int same = 1;

	for (p = 0; p <= len && same; p++) {
		int ra, rb;

		if (p < len && ((unsigned char)text[p] & 0xC0) == 0x80)
			continue;
		ra = pcre2_match(a, (PCRE2_SPTR)text, len, p, PCRE2_ANCHORED, ma, NULL);
		rb = pcre2_match(b, (PCRE2_SPTR)text, len, p, PCRE2_ANCHORED, mb, NULL);
		same = ra == rb && (ra < 0 || memcmp(pcre2_get_ovector_pointer(ma),
						     pcre2_get_ovector_pointer(mb),
						     (size_t)(2 * ra) * sizeof(PCRE2_SIZE)) == 0);
	}
	pcre2_match_data_free(ma);
	pcre2_match_data_free(mb);
	return same;
}

/* Property: a lookahead rewritten by gx_regex_dispatch_lookaheads() matches
 * as the original, in a repeated group that backtracks through it, at every
 * place of random texts made of its words, their beginnings and others: the
 * bundled %STOP% and made-up lists (shared first characters, a branch with
 * its own lookahead, ASCII, a bracket). */
static void test_dispatch(void)
{
	static const char *const made_up[] = {
	    "(?:a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|ab|bc|cd)",
	    "(?:甲乙|甲(?!丙)|乙|丙丁|丁|戊|己|庚|辛|壬|癸|子|丑|寅|卯|辰|巳|午|未|申|酉)",
	    "(?:以(?!色列)|以及|与|和|的|了|在|等|于|从|由|将|把|被|为|是|也|即|如|x)"};
	static const char *const parts[] = {"以",     "色列", "以及", "与", "和", "的", "了",
					    "甲",     "乙",   "丙",   "丁", "a",  "b",  "c",
					    "ab",     "(",    "x",    "z",  "江", "苏", "设立",
					    "成立了", "联合", "迁入", "，"};
	char stop[4096], re[8192], text[256];
	const char *lists[4];
	unsigned seed = 99;
	int k, round, bad = 0, rewritten = 0;

	bundled_stop(stop, sizeof stop);
	lists[0] = made_up[0];
	lists[1] = made_up[1];
	lists[2] = made_up[2];
	lists[3] = stop[0] ? stop : made_up[0];
	for (k = 0; k < 4; k++) {
		char *fast;
		pcre2_code *a, *b;

		snprintf(re, sizeof re, "((?:(?!%s)[^，]){1,6})(?:了|c|的)?", lists[k]);
		fast = gx_regex_dispatch_lookaheads(re);
		GX_CHECK(fast != NULL);
		if (fast == NULL)
			continue;
		rewritten++;
		a = compile(re);
		b = compile(fast);
		GX_CHECK(a != NULL && b != NULL);
		for (round = 0; a && b && round < 3000; round++) {
			size_t n = (seed = seed * 1103515245 + 12345) / 65536 % 12, j;

			text[0] = '\0';
			for (j = 0; j < n; j++)
				strcat(text, parts[(seed = seed * 1103515245 + 12345) / 65536 %
						   (sizeof parts / sizeof parts[0])]);
			bad += !same_matches(a, b, text);
		}
		pcre2_code_free(a);
		pcre2_code_free(b);
		free(fast);
	}
	GX_CHECK_INT(bad, 0);
	GX_CHECK_INT(rewritten, 4);
	/* left alone: few first characters, a quantified or capturing branch,
	 * constructs that change how the rest reads */
	GX_CHECK(gx_regex_dispatch_lookaheads("(?!a|b)x") == NULL);
	GX_CHECK(gx_regex_dispatch_lookaheads("(?!a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p?|q)x") == NULL);
	GX_CHECK(gx_regex_dispatch_lookaheads("(?!a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|(q))x") == NULL);
	GX_CHECK(gx_regex_dispatch_lookaheads("(?#c)(?!a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q)x") ==
		 NULL);
}

int main(void)
{
	test_dispatch();
	test_consumes();
	test_alternates();
	test_lookbehind();
	test_lookbehind_lookahead();
	return gx_test_done();
}
