/* Recognition of arbitrary document bytes with the bundled dictionaries,
 * patterns and context rules: decoding (UTF-8, BOM, UTF-16, GB18030,
 * invalid bytes, NULs, binary refusal), units, dictionary and pattern
 * matching, selection and context resolution, without a file system. The
 * last byte picks the options, so that patterns alone and dictionaries
 * alone are fuzzed too. */
#include "fuzz.h"
#include "recog/recognise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const gx_lexicon *lx = gx_fuzz_bundled_lexicon();
	gx_recog_options opt = {0, 0};
	gx_doc *doc;
	int error;

	if (size > 0 && (data[size - 1] & 0xF0) == 0x10) {
		/* a control byte no real text ends with: options for this run */
		opt.no_patterns = data[size - 1] & 1;
		opt.no_dicts = (data[size - 1] >> 1) & 1;
	}
	error = gx_doc__recognise_bytes(&doc, lx, "fuzz.txt", (const char *)data, size, &opt, NULL,
					NULL);
	GX_FUZZ_ASSERT(error == GX_OK || error == GX_EINVAL, "only a refusal may fail");
	GX_FUZZ_ASSERT((error == GX_OK) == (doc != NULL), "a document exactly on success");
	if (doc) {
		GX_FUZZ_ASSERT(gx_doc_size(doc) == size, "document size");
		gx_fuzz_check_doc(doc);
	}
	gx_doc_free(doc);
	return 0;
}
