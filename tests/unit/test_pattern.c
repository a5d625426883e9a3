/* Pattern rules: file format, boundaries, rejects, continuations, limits. */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"
#include "recog/pattern.h"
#include "recog/regex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char diags[4096];

static void collect(gx_severity sev, const char *file, unsigned line, const char *msg, void *p)
{
	char row[600];

	(void)p;
	(void)file;
	snprintf(row, sizeof row, "%d:%u:%s\n", (int)sev, line, msg);
	strncat(diags, row, sizeof diags - strlen(diags) - 1);
}

static gx_pattern_set *load(const char *content, int *rc)
{
	char path[] = "/tmp/gx-pat-XXXXXX";
	gx_pattern_set *set = NULL;
	FILE *fp = fdopen(mkstemp(path), "wb");

	fputs(content, fp);
	fclose(fp);
	diags[0] = '\0';
	*rc = gx_pattern_set_load(&set, path, collect, NULL);
	unlink(path);
	return set;
}

/* The hits of the name rules in `s`, as "text|text". */
static const char *scan(gx_pattern_set *set, const char *s)
{
	static char out[2048];
	gx_pattern_scratch *sc = gx_pattern_scratch_new(set);
	gx_pattern_hit_vec hits = {0};
	size_t i;

	uint32_t *last = malloc((gx_pattern_set_size(set) + 1) * sizeof *last);

	out[0] = '\0';
	gx_pattern_heads(set, sc, s, strlen(s), last);
	gx_pattern_scan(set, sc, s, strlen(s), last, &hits);
	for (i = 0; i < hits.len; i++) {
		if (gx_pattern_rejected(set, sc, s + hits.ptr[i].start,
					hits.ptr[i].end - hits.ptr[i].start))
			continue;
		if (out[0])
			strcat(out, "|");
		strncat(out, s + hits.ptr[i].start, hits.ptr[i].end - hits.ptr[i].start);
	}
	GX_VEC_FREE(&hits);
	gx_pattern_scratch_free(sc);
	free(last);
	return out;
}

static void test_format(void)
{
	int rc;
	gx_pattern_set *set = load("# c\n@define\tX\t(?:研究院)\n@define\tY\t[\\p{Han}]%X%\n"
				   "name\torg/institute\t(?<=了)[\\p{Han}]{2,8}%X%\n"
				   "name\tprogramme/policy\t《(?<name>[^》]+)》\n"
				   "@reject\t^新型\n",
				   &rc);

	GX_CHECK_INT(rc, GX_OK);
	GX_CHECK_INT(gx_pattern_set_count(set), 2);
	GX_CHECK_STR(scan(set, "设立了江科大海洋装备研究院。"), "江科大海洋装备研究院");
	GX_CHECK_STR(scan(set, "印发《实施意见》。"), "实施意见");
	GX_CHECK_STR(scan(set, "建设了新型研发研究院。"), "");
	gx_pattern_set_free(set);

	set = load("name\tnotatype\tx\nname\torg\t(unclosed\nname\torg\t%NOPE%\nbogus line\n", &rc);
	GX_CHECK_INT(rc, GX_EINVAL);
	GX_CHECK(strstr(diags, "0:1:unknown type 'notatype'") != NULL);
	GX_CHECK(strstr(diags, "0:2:bad regular expression") != NULL);
	GX_CHECK(strstr(diags, "0:3:undefined %NOPE%") != NULL);
	GX_CHECK(strstr(diags, "0:4:expected") != NULL);
	gx_pattern_set_free(set);
}

/* An @define using an undefined name is an error, and the lines after it
 * still load (its partial expansion leaked: fuzz_patterns, under LSan in the
 * sanitizer build also through tests/fuzz/regress/patterns). */
static void test_bad_define(void)
{
	int rc;
	gx_pattern_set *set = load("@define\tA\tx\n@define\tB\tab%A%cd%NOPE%\n"
				   "name\torg/other\t%A%研究院\nname\torg/other\t%B%\n",
				   &rc);

	GX_CHECK_INT(rc, GX_EINVAL);
	GX_CHECK(strstr(diags, "0:2:undefined %NOPE% in @define") != NULL);
	GX_CHECK(strstr(diags, "0:4:undefined %B%") != NULL);
	GX_CHECK_INT(gx_pattern_set_count(set), 1);
	GX_CHECK_STR(scan(set, "设立x研究院。"), "x研究院");
	gx_pattern_set_free(set);
}

/* An empty expression is a bad rule, as PCRE2 says (the rewrite of long
 * lookaheads must not read it first: fuzz_patterns, regress/patterns). */
static void test_empty_regex(void)
{
	int rc;
	gx_pattern_set *set = load("name\torg/other\t\n", &rc);

	GX_CHECK_INT(rc, GX_EINVAL);
	GX_CHECK(strstr(diags, "0:1:bad regular expression") != NULL);
	gx_pattern_set_free(set);
}

/* Loading from a stream is loading from a file: fuzz targets use it. */
static void test_stream(void)
{
	static const char rules[] = "@define\tH\t研究院\nname\torg/institute\t[a-z]+%H%\n";
	gx_pattern_set *set = NULL;
	FILE *fp = fmemopen((void *)rules, strlen(rules), "rb");

	diags[0] = '\0';
	GX_CHECK_INT(gx_pattern_set_load_stream(&set, fp, "mem.txt", collect, NULL), GX_OK);
	fclose(fp);
	GX_CHECK_INT(gx_pattern_set_count(set), 1);
	GX_CHECK_STR(scan(set, "设立abc研究院。"), "abc研究院");
	gx_pattern_set_free(set);
}

static void test_extend(void)
{
	int rc;
	gx_pattern_set *set =
	    load("after\torg/university,zone\torg/institute\t[\\p{Han}]{2,8}?研究院\n"
		 "after\torg/government\torg/government\t[\\p{Han}]{2,6}处\n",
		 &rc);
	gx_pattern_scratch *sc = gx_pattern_scratch_new(set);
	const char *s = "江科大海洋装备研究院成立";
	gx_pattern_hit hit;
	uint32_t last[2];

	GX_CHECK_INT(rc, GX_OK);
	gx_pattern_heads(set, NULL, s, strlen(s), last);
	GX_CHECK(gx_pattern_extend(set, sc, s, strlen(s), 9, "org/university", last, &hit));
	GX_CHECK_INT(hit.start, 9);
	GX_CHECK_INT(hit.end, 30);
	GX_CHECK(gx_pattern_extend(set, sc, s, strlen(s), 9, "zone/hitech", last, &hit));
	GX_CHECK(!gx_pattern_extend(set, sc, s, strlen(s), 9, "org/company", last, &hit));
	GX_CHECK(!gx_pattern_extend(set, sc, s, strlen(s), 12, "org/government", last, &hit));
	/* the prefilter: a head that lies before `at` cannot be in the match */
	GX_CHECK(!gx_pattern_extend(set, sc, s, strlen(s), 30, "org/university", last, &hit));
	gx_pattern_scratch_free(sc);
	gx_pattern_set_free(set);
}

/* A rule with catastrophic backtracking must cost bounded time. */
static void test_limits(void)
{
	int rc;
	gx_pattern_set *set = load("name\torg\t(a+)+b\n", &rc);
	static char subject[20001];
	clock_t t0 = clock();

	memset(subject, 'a', sizeof subject - 1);
	GX_CHECK_INT(rc, GX_OK);
	GX_CHECK_STR(scan(set, subject), "");
	GX_CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 30.0);
	gx_pattern_set_free(set);
}

/* The head prefilter skips a sentence only when the rule cannot match it:
 * a required top-level literal group is a prefilter; an optional one, one
 * inside an alternation, or a bare literal is not. */
static void test_prefilter(void)
{
	int rc;
	gx_pattern_set *set = load("name\torg\t[\\p{Han}]{2}(?:研究院|实验室)\n"
				   "name\tzone\t[\\p{Han}]{2}园(?:区)?\n"
				   "name\tprogramme\t(?:[\\p{Han}]{2}(?:计划)|[\\p{Han}]{2}奖)\n",
				   &rc);

	GX_CHECK_INT(rc, GX_OK);
	GX_CHECK_STR(scan(set, "海洋实验室"), "海洋实验室");
	GX_CHECK_STR(scan(set, "海洋研究"), "");
	GX_CHECK_STR(scan(set, "宜城软件园"), "软件园"); /* optional group: no prefilter */
	GX_CHECK_STR(scan(set, "金山英才奖"), "英才奖"); /* top-level alternation */
	GX_CHECK_STR(scan(set, "陶都之光计划"), "之光计划");
	gx_pattern_set_free(set);
}

/* gx_pattern_heads(): the last place of each rule's heads, shared heads,
 * a head that begins another, a one-byte head, and rules with none. */
static void test_heads(void)
{
	int rc;
	gx_pattern_set *set = load("name\torg\t[\\p{Han}]{2}(?:研究院|研究)\n"
				   "after\tplace\tzone\t[\\p{Han}]{0,4}(?:研究院|园)\n"
				   "@reject\t^x\n"
				   "name\tzone\t[a-z]{2}(?:!)\n"
				   "name\tzone\t[\\p{Han}]{2}园(?:区)?\n"
				   "after\tzone\torg\t(?:[a-z]{0,2}(?:管委会)|[a-z]{2}(?:局|区))\n"
				   "after\tzone\torg\t(?:[a-z]{0,2}(?:管委会)|[a-z]{2})\n",
				   &rc);
	const char *s = "海洋研究院和园区研究!";
	uint32_t last[7];

	GX_CHECK_INT(rc, GX_OK);
	GX_CHECK_INT(gx_pattern_set_size(set), 7);
	gx_pattern_heads(set, NULL, s, strlen(s), last);
	GX_CHECK_INT(last[0], 24);          /* 研究 at the end; 研究院 at 6 before */
	GX_CHECK_INT(last[1], 18);          /* 园 (研究院 at 6) */
	GX_CHECK_INT(last[2], GX_HEAD_ANY); /* a reject rule has no heads */
	GX_CHECK_INT(last[3], 30);          /* the one-byte head */
	GX_CHECK_INT(last[4], GX_HEAD_ANY); /* optional group: none known */
	GX_CHECK_INT(last[5], 21);          /* heads of both alternatives */
	GX_CHECK_INT(last[6], GX_HEAD_ANY); /* one alternative has none */
	gx_pattern_heads(set, NULL, "海洋", strlen("海洋"), last);
	GX_CHECK_INT(last[0], GX_HEAD_NONE);
	GX_CHECK_INT(last[1], GX_HEAD_NONE);
	GX_CHECK_INT(last[3], GX_HEAD_NONE);
	gx_pattern_set_free(set);
}

/* The hits of gx_pattern_scan() (after gx_pattern_heads() with the
 * scratch: windows) and of the scan everywhere, as "rule:start-end ...". */
static void both_scans(gx_pattern_set *set, gx_pattern_scratch *sc, const char *s, char *fast,
		       char *full, size_t cap)
{
	gx_pattern_hit_vec hits = {0};
	uint32_t *last = malloc((gx_pattern_set_size(set) + 1) * sizeof *last);
	char *out[2] = {fast, full};
	int pass;
	size_t i;

	for (pass = 0; pass < 2; pass++) {
		hits.len = 0;
		gx_pattern_heads(set, sc, s, strlen(s), last);
		if (pass == 0)
			gx_pattern_scan(set, sc, s, strlen(s), last, &hits);
		else
			gx_pattern__scan_everywhere(set, sc, s, strlen(s), last, &hits);
		out[pass][0] = '\0';
		for (i = 0; i < hits.len; i++) {
			size_t n = strlen(out[pass]);

			snprintf(out[pass] + n, cap - n, "%u:%u-%u ", (unsigned)hits.ptr[i].rule,
				 (unsigned)hits.ptr[i].start, (unsigned)hits.ptr[i].end);
		}
	}
	GX_VEC_FREE(&hits);
	free(last);
}

/* Random text from pieces that matter to the rules: heads, stop words,
 * name characters, brackets, quotes, separators. */
static void random_text(unsigned *seed, char *text, size_t cap)
{
	static const char *const parts[] = {
	    "研究院", "研究所", "实验室", "中心", "大学",   "学院",   "有限公司", "集团",   "银行",
	    "计划",   "工程",   "规划",   "基地", "产业园", "园区",   "贷",       "奖",     "大赛",
	    "论坛",   "条",     "党代会", "峰会", "联盟",   "高新区", "孵化器",   "的",     "了",
	    "与",     "和",     "在",     "设立", "成立了", "联合",   "以",       "以色列", "等",
	    "江",     "苏",     "南",     "京",   "海",     "洋",     "装",       "科",     "创",
	    "新",     "十",     "三",     "五",   "第",     "一",     "次",       "省",     "市",
	    "中国",   "A",      "b",      "7",    "·",      "，",     "、",       "(",      ")",
	    "\"",     "“",      "”",      "《",   "》",     "-",      "—",        " ",      "\n",
	    "yz",     "q",      "x",      "a",    "c",      "获",     "获得",     "年度",   "2025",
	    "区"};
	size_t n = 1 + (*seed = *seed * 1103515245 + 12345) / 65536 % 40, k;

	text[0] = '\0';
	for (k = 0; k < n; k++) {
		const char *p = parts[(*seed = *seed * 1103515245 + 12345) / 65536 %
				      (sizeof parts / sizeof parts[0])];

		if (strlen(text) + strlen(p) < cap)
			strcat(text, p);
	}
}

/* Property: trying each rule only where its matches can start (the run up to
 * a head, right after a lead, where its lookbehind holds) finds exactly what
 * trying every place finds, on the bundled rules and on rules made to test
 * the reading of expressions, over random text. */
static void test_windows(void)
{
	static const char synthetic[] = "name\torg\t(?<=^|[^a-z]|的|x)[a-z]{1,5}(?:yz|q)\n"
					"name\torg\t(?<=\"|“)[a-z]{1,5}(?:yz)\n"
					"name\torg\t(?<=\")x*\n"
					"name\torg\t[a-c(]{0,3}x?(?:yz)\n"
					"name\torg\t(?:(?<=a)b|c)d?(?:yz)\n"
					"name\torg\t(?!ac)[a-c]+(?:yz|q)(?=x)\n"
					"name\torg\t[^x\\n]{1,4}(?:yz)\n"
					"name\torg\t\\x{6C5F}[]a]?(?:苏|南)\n"
					"name\torg\t.{1,3}(?:yz)\n"
					"name\torg\t(?<=x)ab(?:yz)|c(?:yz)\n"
					"name\torg\t(?:a(?:yz)|[b-c]{1,2}(?:q))\n"
					"name\torg\t(?<=^|[(])%B%{1,3}(?:研究院)\n"
					"name\torg\t[a-c]{0,2}(?:yz|)+q\n";
	const char *dir = getenv("GUANXI_DICT_DIR");
	char path[1024], text[512], fast[8192], full[8192];
	gx_pattern_set *set = NULL;
	gx_pattern_scratch *sc;
	unsigned seed = 2024;
	int rc, round, differ = 0;
	FILE *fp;

	snprintf(path, sizeof path, "%s/patterns.txt", dir ? dir : "dicts");
	GX_CHECK_INT(gx_pattern_set_load(&set, path, collect, NULL), GX_OK);
	fp = fmemopen((void *)synthetic, strlen(synthetic), "rb");
	rc = gx_pattern_set_load_stream(&set, fp, "synthetic", collect, NULL);
	fclose(fp);
	GX_CHECK_INT(rc, GX_OK);
	sc = gx_pattern_scratch_new(set);
	for (round = 0; round < 20000; round++) {
		random_text(&seed, text, sizeof text);
		both_scans(set, sc, text, fast, full, sizeof fast);
		if (strcmp(fast, full) != 0 && differ++ < 5)
			printf("text '%s'\n  windows:    %s\n  everywhere: %s\n", text, fast, full);
	}
	GX_CHECK_INT(differ, 0);
	/* hits there are: the test sees the rules at work */
	both_scans(set, sc, "与江苏海洋研究院和“苏科贷”、《规划》、\"abyz\"", fast, full,
		   sizeof fast);
	GX_CHECK(strlen(fast) > 20);
	gx_pattern_scratch_free(sc);
	gx_pattern_set_free(set);
}

/* A reject rule runs on a name only if the name holds one of its heads;
 * one without heads, or with an empty one, always runs. */
static void test_reject_heads(void)
{
	int rc;
	gx_pattern_set *set = load("@reject\t[0-9]+(?:家|所)\n@reject\t^新\n"
				   "@reject\t(?:国家|)重点\n",
				   &rc);
	gx_pattern_scratch *sc = gx_pattern_scratch_new(set);
	static const struct {
		const char *name;
		int rejected;
	} cases[] = {{"3家", 1},         {"江苏3所研究院", 1}, {"江苏研究院", 0},
		     {"研究所", 0},      {"新研究院", 1},      {"3", 0},
		     {"省重点实验室", 1}}; /* (?:国家|): a match need hold no head */
	size_t k;

	GX_CHECK_INT(rc, GX_OK);
	for (k = 0; k < sizeof cases / sizeof cases[0]; k++)
		GX_CHECK_INT(gx_pattern_rejected(set, sc, cases[k].name, strlen(cases[k].name)),
			     cases[k].rejected);
	gx_pattern_scratch_free(sc);
	gx_pattern_set_free(set);
}

/* Every bundled name rule has heads or leads: one without is tried at every
 * place of every sentence (国家技术转移…中心, its head bare instead of in a
 * group, took 9% of the rules' time). The synthetic rule checks the check. */
static void test_bundled_heads(void)
{
	const char *dir = getenv("GUANXI_DICT_DIR");
	char path[1024];
	gx_pattern_set *set = NULL;
	size_t r, n, everywhere = 0;
	int rc;
	FILE *fp;

	snprintf(path, sizeof path, "%s/patterns.txt", dir ? dir : "dicts");
	GX_CHECK_INT(gx_pattern_set_load(&set, path, collect, NULL), GX_OK);
	n = gx_pattern_set_size(set);
	for (r = 0; r < n; r++) {
		if (!gx_pattern__everywhere(set, (uint32_t)r))
			continue;
		printf("bundled rule %zu (%s) has neither heads nor leads\n", r,
		       gx_pattern_rule_type(set, (uint32_t)r));
		everywhere++;
	}
	GX_CHECK_INT(everywhere, 0);
	fp = fmemopen("name\torg\t%B%{2,4}中心\n", strlen("name\torg\t%B%{2,4}中心\n"), "rb");
	rc = gx_pattern_set_load_stream(&set, fp, "synthetic", collect, NULL);
	fclose(fp);
	GX_CHECK_INT(rc, GX_OK);
	GX_CHECK(gx_pattern__everywhere(set, (uint32_t)n));
	gx_pattern_set_free(set);
}

/* %STOP% is a lookahead of many words that PCRE2 would try one by one at
 * every character of every name; gx_regex_dispatch_lookaheads() rewrites it
 * to try only the words that begin with the next character. That holds only
 * while its branches all begin with a literal character and it is used
 * alone, as (?!%STOP%): a year test once added as one more branch,
 * (?!%STOP%|(?:19|20)…), made every rule 20% slower and no test noticed. */
static void test_bundled_stop_dispatch(void)
{
	const char *dir = getenv("GUANXI_DICT_DIR");
	char path[1024], *line = NULL, *fast = NULL;
	size_t cap = 0, uses = 0, alone = 0;
	FILE *fp;

	snprintf(path, sizeof path, "%s/patterns.txt", dir ? dir : "dicts");
	GX_CHECK((fp = fopen(path, "rb")) != NULL);
	while (fp && getline(&line, &cap, fp) > 0) {
		const char *p = line;

		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "@define\tSTOP\t", 13) == 0) {
			char *re = malloc(strlen(line) + 8);

			sprintf(re, "(?!%s)x", line + 13);
			fast = gx_regex_dispatch_lookaheads(re);
			free(re);
		}
		for (; (p = strstr(p, "(?!%STOP%")) != NULL; p += 9, uses++)
			alone += p[9] == ')';
	}
	if (fp)
		fclose(fp);
	free(line);
	GX_CHECK(fast != NULL);
	GX_CHECK(uses > 0);
	GX_CHECK_INT(alone, uses);
	free(fast);
}

int main(void)
{
	test_bundled_stop_dispatch();
	test_bundled_heads();
	test_reject_heads();
	test_windows();
	test_heads();
	test_format();
	test_bad_define();
	test_empty_regex();
	test_stream();
	test_extend();
	test_limits();
	test_prefilter();
	return gx_test_done();
}
