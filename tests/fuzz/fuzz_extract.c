/* The whole extract path, as `guanxi extract FILE` runs it: the bytes are
 * written to a file, read by gx_doc_recognise() with the bundled lexicon,
 * and written by the mentions.tsv writer into memory, whose rows must each
 * hold exactly eight fields (the writer escapes tabs and newlines). */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];

static void remove_file(void)
{
	unlink(path);
}

static const char *doc_file(const uint8_t *data, size_t size)
{
	FILE *fp;

	if (path[0] == '\0') {
		int fd;

		snprintf(path, sizeof path, "/tmp/gx-fuzz-%ld-XXXXXX", (long)getpid());
		fd = mkstemp(path);
		GX_FUZZ_ASSERT(fd >= 0, "mkstemp");
		close(fd);
		atexit(remove_file);
	}
	fp = fopen(path, "wb");
	GX_FUZZ_ASSERT(fp != NULL, "open the document file");
	GX_FUZZ_ASSERT(size == 0 || fwrite(data, 1, size, fp) == size, "write the document");
	GX_FUZZ_ASSERT(fclose(fp) == 0, "close the document");
	return path;
}

/* Every row: 8 fields, i.e. 7 tabs, then a newline. */
static void check_rows(const char *tsv, size_t len, size_t rows)
{
	size_t i, tabs = 0, lines = 0;

	for (i = 0; i < len; i++) {
		if (tsv[i] == '\t')
			tabs++;
		if (tsv[i] == '\n') {
			GX_FUZZ_ASSERT(tabs == 7, "a row has 8 fields");
			tabs = 0;
			lines++;
		}
	}
	GX_FUZZ_ASSERT(len == 0 || tsv[len - 1] == '\n', "rows end with a newline");
	GX_FUZZ_ASSERT(lines == rows, "one row per mention, plus the header");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const gx_lexicon *lx = gx_fuzz_bundled_lexicon();
	const char *file = doc_file(data, size);
	char *tsv = NULL;
	size_t len = 0;
	gx_doc *doc;
	FILE *out;

	if (gx_doc_recognise(&doc, lx, file, NULL, NULL, NULL) != GX_OK)
		return 0;
	gx_fuzz_check_doc(doc);
	out = open_memstream(&tsv, &len);
	GX_FUZZ_ASSERT(out != NULL, "open_memstream");
	GX_FUZZ_ASSERT(gx_mentions_write_header(out) == GX_OK, "header");
	GX_FUZZ_ASSERT(gx_mentions_write(out, doc, "dir/doc\t1.txt") == GX_OK, "rows");
	GX_FUZZ_ASSERT(fclose(out) == 0, "close the memory stream");
	check_rows(tsv, len, gx_doc_mention_count(doc) + 1);
	free(tsv);
	gx_doc_free(doc);
	return 0;
}
