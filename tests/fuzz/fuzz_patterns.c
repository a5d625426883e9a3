/* The pattern-file parser (src/recog/pattern.c) on arbitrary bytes, then
 * the rules it accepted at work: over a small fixed dictionary, recognition
 * of a fixed text and of the input itself runs the standalone rules, the
 * continuations ("after"), left trimming and the reject rules. The scan
 * that tries each rule only where its matches can start must find what the
 * scan of every place finds (README.md "Patterns"). */
#include "fuzz.h"
#include "recog/lexicon.h"
#include "recog/pattern.h"
#include "recog/recognise.h"

#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

static const char fixed_dict[] = "南京大学\torg/university\t南大\n"
				 "镇江市\tplace/city\t\tshort=镇江;parent=江苏省\n"
				 "江苏省\tplace/province\t\tshort=江苏\n"
				 "{city_full}科学技术局\torg/government\t市科技局|{city}科技局\n"
				 "镇江高新技术产业开发区\tzone/hitech\t镇江高新区\n";
static const char fixed_text[] = "南京大学海洋装备研究院与镇江高新区签约。市科技局政策规划处，"
				 "设立了江苏省产业技术研究院，《科技创新发展规划》、苏科贷。";

static void recognise(const gx_lexicon *lx, const char *text, size_t len)
{
	gx_doc *doc;

	if (gx_doc__recognise_bytes(&doc, lx, "fuzz.txt", text, len, NULL, NULL, NULL) == GX_OK)
		gx_fuzz_check_doc(doc);
	gx_doc_free(doc);
}

/* Both scans of the name rules over `text` (valid UTF-8, as folded text
 * is) give the same hits, unless a match limit was hit. */
static void same_scans(const gx_pattern_set *set, const char *text, size_t len)
{
	gx_pattern_scratch *s = gx_pattern_scratch_new(set);
	gx_pattern_hit_vec fast = {0}, full = {0};
	uint32_t *last = malloc((gx_pattern_set_size(set) + 1) * sizeof *last);

	GX_FUZZ_ASSERT(last != NULL, "malloc");
	gx_pattern_heads(set, s, text, len, last);
	gx_pattern_scan(set, s, text, len, last, &fast);
	gx_pattern__scan_everywhere(set, s, text, len, last, &full);
	if (gx_pattern__given_up(s) == 0)
		GX_FUZZ_ASSERT(fast.len == full.len &&
				   (fast.len == 0 ||
				    memcmp(fast.ptr, full.ptr, fast.len * sizeof *fast.ptr) == 0),
			       "windowed scan differs from the scan of every place");
	GX_VEC_FREE(&fast);
	GX_VEC_FREE(&full);
	free(last);
	gx_pattern_scratch_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gx_lexicon *lx;
	FILE *fp = gx_fuzz_stream((const uint8_t *)fixed_dict, strlen(fixed_dict));

	GX_FUZZ_ASSERT(gx_lexicon_new(&lx, NULL, NULL) == GX_OK, "lexicon_new");
	GX_FUZZ_ASSERT(gx_lexicon__load_dict_stream(lx, fp, "fixed.tsv") == GX_OK, "fixed dict");
	fclose(fp);
	fp = gx_fuzz_stream(data, size);
	(void)gx_pattern_set_load_stream(&lx->patterns, fp, "fuzz.txt", NULL, NULL);
	fclose(fp);
	GX_FUZZ_ASSERT(gx_lexicon_finish(lx) == GX_OK, "finish");
	recognise(lx, fixed_text, strlen(fixed_text));
	recognise(lx, (const char *)data, size);
	same_scans(lx->patterns, fixed_text, strlen(fixed_text));
	if (gx_utf8_validate(data, size) == size)
		same_scans(lx->patterns, (const char *)data, size);
	gx_lexicon_free(lx);
	return 0;
}
