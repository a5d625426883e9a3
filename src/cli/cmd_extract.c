/* guanxi extract PATH...: mentions as TSV on stdout. */
#include "commands.h"
#include "common.h"

#include <stdio.h>

static const char usage[] =
    "usage: guanxi extract [options] PATH...\n"
    "Recognises entities in each document (a directory is walked for *.txt) and\n"
    "prints the mentions as TSV on stdout: doc start end surface entity type source\n"
    "sentence (start/end are byte offsets in the original file).\n\n" GX_THREADS_HELP
	GX_LEXICON_HELP;

typedef struct {
	int level, failed;
} extract_ctx;

static int on_doc(const char *path, const gx_doc *doc, int error, const char *message,
		  void *payload)
{
	extract_ctx *c = payload;

	if (error == GX_EINVAL) {
		diag_print(GX_DIAG_WARNING, path, 0, message, &c->level);
		return 0;
	}
	if (error < 0) {
		fprintf(stderr, "guanxi: %s\n", message);
		c->failed = 1;
		return 0;
	}
	if (gx_mentions_write(stdout, doc, path) < 0)
		c->failed = 1;
	return 0;
}

int cmd_extract(int argc, char **argv)
{
	static const gx_optdef defs[] = {GX_LEXICON_OPTDEFS, GX_THREADS_OPTDEF, {NULL, 0, 0, 0}};
	lexicon_opts lo = {0};
	const char *paths[4096];
	size_t n = 0;
	extract_ctx c = {0};
	gx_lexicon *lx = NULL;
	gx_recog_options ropt = {0, 0};
	file_list files;
	unsigned threads = 0;
	gx_opts o;
	int id, rc = EXIT_OK;

	gx_opts_init(&o, argc, argv, defs);
	while ((id = gx_opts_next(&o)) != GX_OPT_END) {
		if (id == GX_OPT_ERROR)
			return usage_error("extract", "%s", o.err);
		if (id == OPT_HELP) {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		if (id == GX_OPT_ARG) {
			if (n == sizeof paths / sizeof paths[0])
				return usage_error("extract", "%s", "too many paths");
			paths[n++] = o.value;
		} else if (id == OPT_THREADS) {
			if (parse_threads("extract", o.value, &threads) < 0)
				return EXIT_USAGE;
		} else if (lexicon_opt(&lo, id, o.value) < 0) {
			return EXIT_USAGE;
		}
	}
	if (n == 0)
		return usage_error("extract", "%s", "no PATH given");
	c.level = lo.quiet ? 0 : 1;
	if (list_files(paths, n, &files, &c.level) < 0)
		return EXIT_ERROR;
	if (lexicon_load(&lx, &lo) < 0) {
		file_list_free(&files);
		return EXIT_ERROR;
	}
	ropt.no_patterns = lo.no_patterns;
	ropt.no_dicts = lo.no_dicts;
	gx_mentions_write_header(stdout);
	gx_recognise_files(lx, (const char *const *)files.files, files.n, &ropt, threads, on_doc,
			   &c, diag_print, &c.level);
	file_list_free(&files);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "guanxi: error writing to standard output\n");
		rc = EXIT_ERROR;
	}
	gx_lexicon_free(lx);
	return c.failed ? EXIT_ERROR : rc;
}
