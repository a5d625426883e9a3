/* The dictionary parser (src/recog/dict.c) on arbitrary bytes, then what a
 * loaded dictionary feeds: template expansion, the trie and the context
 * index (gx_lexicon_finish), and recognition of a fixed text and of the
 * input itself, where the fuzzed surfaces occur. */
#include "fuzz.h"
#include "recog/lexicon.h"
#include "recog/recognise.h"

#include <string.h>

static const char fixed_text[] = "镇江市科技局与南京大学签约。市科技局、省科技厅出席。\n"
				 "江苏大学（以下简称江大）在镇江高新区设立研究院。";

static void recognise(const gx_lexicon *lx, const char *text, size_t len)
{
	gx_doc *doc;

	if (gx_doc__recognise_bytes(&doc, lx, "fuzz.txt", text, len, NULL, NULL, NULL) == GX_OK)
		gx_fuzz_check_doc(doc);
	gx_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gx_lexicon *lx;
	gx_lexicon_stats st;
	FILE *fp = gx_fuzz_stream(data, size);

	GX_FUZZ_ASSERT(gx_lexicon_new(&lx, NULL, NULL) == GX_OK, "lexicon_new");
	(void)gx_lexicon__load_dict_stream(lx, fp, "fuzz.tsv");
	fclose(fp);
	GX_FUZZ_ASSERT(gx_lexicon_finish(lx) == GX_OK, "finish");
	gx_lexicon_get_stats(lx, &st);
	GX_FUZZ_ASSERT(st.surfaces >= st.ambiguous, "stats");
	recognise(lx, fixed_text, strlen(fixed_text));
	recognise(lx, (const char *)data, size);
	gx_lexicon_free(lx);
	return 0;
}
