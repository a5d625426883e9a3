/* Recognition of whole documents: candidates, longest name wins, context,
 * and invariants of the mentions on random input (a property test). */
#define _POSIX_C_SOURCE 200809L
#include "guanxi/guanxi.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char dict[] = "南京大学\torg/university\t南大\n"
			   "南京市\tplace/city\t南京\tparent=江苏省;short=南京\n"
			   "镇江市\tplace/city\t镇江\tparent=江苏省;short=镇江\n"
			   "江苏省\tplace/province\t江苏\tshort=江苏\n"
			   "镇江高新技术产业开发区\tzone/hitech\t镇江高新区\n"
			   "江苏科技大学\torg/university\t江科大\n"
			   "{city_full}科学技术局\torg/government\t市科技局|{city_full}科技局\n"
			   "北京市朝阳区\tplace/district\t朝阳区\n"
			   "长春市朝阳区\tplace/district\t朝阳区\n";

static char tmpdir[] = "/tmp/gx-rec-XXXXXX";

static const char *write_file(const char *name, const char *content, size_t len)
{
	static char path[256];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	fp = fopen(path, "wb");
	fwrite(content, 1, len, fp);
	fclose(fp);
	return path;
}

static gx_lexicon *lexicon(const char *patterns_dir)
{
	gx_lexicon *lx;

	gx_lexicon_new(&lx, NULL, NULL);
	GX_CHECK_INT(gx_lexicon_load_dict(lx, write_file("d.tsv", dict, strlen(dict))), GX_OK);
	if (patterns_dir)
		GX_CHECK_INT(
		    gx_lexicon_load_dir(lx, patterns_dir, GX_LOAD_PATTERNS | GX_LOAD_CONTEXT),
		    GX_OK);
	gx_lexicon_finish(lx);
	return lx;
}

/* "entity/source@start-end" for each mention of `len` bytes of text. */
static const char *mentions_n(const gx_lexicon *lx, const char *text, size_t len)
{
	static char out[4096];
	gx_doc *doc = NULL;
	size_t i;

	out[0] = '\0';
	if (gx_doc_recognise(&doc, lx, write_file("doc.txt", text, len), NULL, NULL, NULL) < 0)
		return gx_error_last();
	for (i = 0; i < gx_doc_mention_count(doc); i++) {
		const gx_mention *m = gx_doc_mention(doc, i);
		char row[256];

		snprintf(row, sizeof row, "%s%s/%s@%u-%u", i ? " " : "", m->entity,
			 gx_source_name(m->source), (unsigned)m->start, (unsigned)m->end);
		strncat(out, row, sizeof out - strlen(out) - 1);
	}
	gx_doc_free(doc);
	return out;
}

static const char *mentions(const gx_lexicon *lx, const char *text)
{
	return mentions_n(lx, text, strlen(text));
}

static void test_dict_only(void)
{
	gx_lexicon *lx = lexicon(NULL);

	GX_CHECK_STR(mentions(lx, "南京大学与镇江高新区签约。"),
		     "南京大学/dict@0-12 镇江高新技术产业开发区/dict@15-30");
	/* context: 市科技局 is the bureau of the document's city */
	GX_CHECK_STR(mentions(lx, "镇江市科技局。市科技局召开会议。"),
		     "镇江市科学技术局/dict@0-18 镇江市科学技术局/context@21-33");
	/* not certain: two cities tie, so 市科技局 is no mention */
	GX_CHECK_STR(mentions(lx, "镇江和南京。市科技局召开会议。"),
		     "镇江市/dict@0-6 南京市/dict@9-15");
	/* an ambiguous surface is left unlinked without context */
	GX_CHECK_STR(mentions(lx, "朝阳区"), "");
	gx_lexicon_free(lx);
}

static void test_with_patterns(const char *dicts)
{
	gx_lexicon *lx = lexicon(dicts);

	/* the pattern stops at the verb; the dictionary part expands the name */
	GX_CHECK_STR(mentions(lx, "镇江高新区设立了江科大海洋装备研究院。"),
		     "镇江高新技术产业开发区/dict@0-15 "
		     "江苏科技大学海洋装备研究院/pattern@24-54");
	/* 市 + name: completed with the document's city */
	GX_CHECK_STR(mentions(lx, "镇江市科技局与市低碳产业技术研究院合作。"),
		     "镇江市科学技术局/dict@0-18 镇江市低碳产业技术研究院/context@21-51");
	gx_lexicon_free(lx);
}

/* A mention lies inside one unit, even when a dictionary surface holds a
 * sentence mark: found by fuzz_dict, where 东湖国家自?创区 ran on past the
 * end of its unit into the next one. The shorter name inside the unit wins. */
/* An abbreviation the document defines, without patterns (the folded copy
 * is then made only for a document where some character folds to 称):
 * written in Simplified and in Traditional (簡稱), and a near miss. */
static void test_abbreviations(void)
{
	gx_lexicon *lx = lexicon(NULL);

	GX_CHECK_STR(mentions(lx, "南京大学（以下简称“宁大”）。宁大与镇江高新区签约。"),
		     "南京大学/dict@0-12 南京大学/dict@30-36 南京大学/dict@45-51 "
		     "镇江高新技术产业开发区/dict@54-69");
	GX_CHECK_STR(mentions(lx, "南京大學（以下簡稱“宁大”）。宁大。"),
		     "南京大学/dict@0-12 南京大学/dict@30-36 南京大学/dict@45-51");
	GX_CHECK_STR(mentions(lx, "南京大学（以下简写“宁大”）。宁大。"), "南京大学/dict@0-12");
	gx_lexicon_free(lx);
}

static void test_unit_bound(void)
{
	static const char d[] = "东湖示范区\tzone/hitech\t东湖自?创区|东湖\n"
				"江苏省\tplace/province\t江苏\tshort=江苏\n"
				"江苏省产业技术研究院\torg/institute\n"
				"江苏省科技;创新院\torg/institute\n";
	gx_lexicon *lx;

	gx_lexicon_new(&lx, NULL, NULL);
	GX_CHECK_INT(gx_lexicon_load_dict(lx, write_file("u.tsv", d, strlen(d))), GX_OK);
	gx_lexicon_finish(lx);
	GX_CHECK_STR(mentions(lx, "东湖自?创区成立。"), "东湖示范区/dict@0-6");
	GX_CHECK_STR(mentions(lx, "成立东湖自?创区"), "东湖示范区/dict@6-12");
	/* 省 + name for the document's province stops at the unit's end too */
	GX_CHECK_STR(mentions(lx, "江苏江苏。省产业技术研究院成立。省科技;创新院成立。"),
		     "江苏省/dict@0-6 江苏省/dict@6-12 江苏省产业技术研究院/context@15-39");
	gx_lexicon_free(lx);
}

/* A NUL byte, an invalid byte or a control character is never part of a
 * pattern name: found by fuzz_recognise, where 《…》 took in a NUL and the
 * mention came out with an empty surface and entity. */
static void test_separators(const char *dicts)
{
	static const char nul[] = "印发《工业设计\0发展实施办法》。";
	gx_lexicon *lx;

	gx_lexicon_new(&lx, NULL, NULL);
	GX_CHECK_INT(gx_lexicon_load_dir(lx, dicts, GX_LOAD_ALL), GX_OK);
	gx_lexicon_finish(lx);
	GX_CHECK_STR(mentions(lx, "印发《工业设计发展实施办法》。"),
		     "工业设计发展实施办法/pattern@9-39");
	GX_CHECK_STR(mentions_n(lx, nul, sizeof nul - 1), "");
	GX_CHECK_STR(mentions(lx, "印发《工业设计\xff发展实施办法》。"), "");
	GX_CHECK_STR(mentions(lx, "印发《工业设计\x01发展实施办法》。"), "");
	GX_CHECK_STR(mentions(lx, "印发《工业设计\r发展实施办法》。"), "");
	gx_lexicon_free(lx);
}

/* Property: on random text built from names, Traditional spellings, noise,
 * punctuation and invalid bytes, mentions are in range, in order, do not
 * overlap, start and end on UTF-8 boundaries, and their surfaces are the
 * bytes of the file. */
static void test_invariants(const char *dicts)
{
	static const char *const parts[] = {
	    "南京大学", "鎮江高新區", "江科大", "研究院", "市科技局", "。", "\n",
	    "、",       "与",         "设立了", "\xff",   "（",       "）", "有限公司",
	    "镇江",     "《",         "》",     " ",      "\"",       "贷"};
	gx_lexicon *lx = lexicon(dicts);
	char text[4096];
	int round, bad = 0;

	srand(7);
	for (round = 0; round < 300; round++) {
		size_t len = 0, i;
		gx_doc *doc = NULL;
		uint32_t last_end = 0;

		while (len < sizeof text - 64) {
			const char *p = parts[rand() % (int)(sizeof parts / sizeof parts[0])];

			memcpy(text + len, p, strlen(p));
			len += strlen(p);
			if (rand() % 50 == 0)
				break;
		}
		if (gx_doc_recognise(&doc, lx, write_file("r.txt", text, len), NULL, NULL, NULL) <
		    0) {
			bad++;
			continue;
		}
		for (i = 0; i < gx_doc_mention_count(doc); i++) {
			const gx_mention *m = gx_doc_mention(doc, i);

			if (m->start < last_end || m->end <= m->start || m->end > len ||
			    (text[m->start] & 0xC0) == 0x80 ||
			    (m->end < len && (text[m->end] & 0xC0) == 0x80) ||
			    strlen(m->surface) != m->end - m->start ||
			    memcmp(m->surface, text + m->start, m->end - m->start) != 0 ||
			    m->sentence >= gx_doc_sentence_count(doc) ||
			    m->start < gx_doc_sentence(doc, m->sentence).start ||
			    m->end > gx_doc_sentence(doc, m->sentence).end)
				bad++;
			last_end = m->end;
		}
		gx_doc_free(doc);
	}
	GX_CHECK_INT(bad, 0);
	gx_lexicon_free(lx);
}

int main(void)
{
	const char *dicts = getenv("GUANXI_DICT_DIR");
	char cmd[300];

	if (mkdtemp(tmpdir) == NULL)
		return 1;
	test_dict_only();
	test_abbreviations();
	test_unit_bound();
	if (dicts) {
		test_with_patterns(dicts);
		test_separators(dicts);
		test_invariants(dicts);
	}
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		return 1;
	return gx_test_done();
}
