/* Runs the rule examples of tests/spec/ *.spec against the library.
 *
 * A spec file holds examples, each:
 *     ## title (the rule of ANNOTATION.md it shows)
 *     input text, one or more lines
 *     .
 *     entity<TAB>type<TAB>start<TAB>end      one line per expected mention
 *     .
 * Offsets are bytes of the input (lines joined with \n, a final \n added).
 * The runner uses the public header only, like any client of the library. */
#define _POSIX_C_SOURCE 200809L
#include "guanxi/guanxi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
	char title[512];
	char input[8192];
	char expected[8192];
	unsigned line;
} example;

static int read_block(FILE *fp, char *out, size_t cap, unsigned *lineno)
{
	char line[4096];

	out[0] = '\0';
	while (fgets(line, sizeof line, fp)) {
		(*lineno)++;
		if (strcmp(line, ".\n") == 0)
			return 1;
		if (strlen(out) + strlen(line) + 1 > cap)
			return 0;
		strcat(out, line);
	}
	return 0;
}

static int next_example(FILE *fp, example *ex, unsigned *lineno)
{
	char line[4096];

	while (fgets(line, sizeof line, fp)) {
		(*lineno)++;
		if (strncmp(line, "##", 2) != 0)
			continue; /* comments and blank lines between examples */
		snprintf(ex->title, sizeof ex->title, "%s", line + 2);
		ex->title[strcspn(ex->title, "\n")] = '\0';
		ex->line = *lineno;
		return read_block(fp, ex->input, sizeof ex->input, lineno) &&
		       read_block(fp, ex->expected, sizeof ex->expected, lineno);
	}
	return 0;
}

static void actual_of(const gx_doc *doc, char *out, size_t cap)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < gx_doc_mention_count(doc); i++) {
		const gx_mention *m = gx_doc_mention(doc, i);
		int n = snprintf(out + len, cap - len, "%s\t%s\t%u\t%u\n", m->entity, m->type,
				 (unsigned)m->start, (unsigned)m->end);

		if (n < 0 || (size_t)n >= cap - len)
			return;
		len += (size_t)n;
	}
}

static int run_example(const gx_lexicon *lx, const example *ex, const char *tmp)
{
	static char actual[8192];
	gx_doc *doc = NULL;
	FILE *fp = fopen(tmp, "wb");
	int ok;

	if (fp == NULL || fputs(ex->input, fp) < 0 || fclose(fp) != 0) {
		perror(tmp);
		return 0;
	}
	if (gx_doc_recognise(&doc, lx, tmp, NULL, NULL, NULL) < 0) {
		printf("line %u: %s: %s\n", ex->line, ex->title, gx_error_last());
		return 0;
	}
	actual_of(doc, actual, sizeof actual);
	ok = strcmp(actual, ex->expected) == 0;
	if (!ok)
		printf("FAIL line %u:%s\n--- input\n%s--- expected\n%s--- actual\n%s\n", ex->line,
		       ex->title, ex->input, ex->expected, actual);
	gx_doc_free(doc);
	return ok;
}

int main(int argc, char **argv)
{
	char tmp[] = "/tmp/gx-spec-XXXXXX";
	gx_lexicon *lx = NULL;
	example ex;
	unsigned lineno = 0, passed = 0, failed = 0;
	FILE *fp;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: spec_runner DICT_DIR FILE.spec\n");
		return 2;
	}
	gx_lexicon_new(&lx, NULL, NULL);
	if (gx_lexicon_load_dir(lx, argv[1], GX_LOAD_ALL) < 0 || gx_lexicon_finish(lx) < 0) {
		fprintf(stderr, "%s\n", gx_error_last());
		return 1;
	}
	if ((fp = fopen(argv[2], "rb")) == NULL || (fd = mkstemp(tmp)) < 0) {
		perror(argv[2]);
		return 1;
	}
	close(fd);
	while (next_example(fp, &ex, &lineno)) {
		if (run_example(lx, &ex, tmp))
			passed++;
		else
			failed++;
	}
	fclose(fp);
	unlink(tmp);
	gx_lexicon_free(lx);
	printf("%u passed, %u failed\n", passed, failed);
	return failed || passed == 0 ? 1 : 0;
}
