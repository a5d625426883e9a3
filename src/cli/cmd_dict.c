/* guanxi dict check|stats: dictionary maintenance. */
#define _POSIX_C_SOURCE 200809L
#include "commands.h"
#include "common.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "usage: guanxi dict check [FILE...]\n"
    "       guanxi dict stats [options]\n\n"
    "check: loads each dictionary FILE (or, without FILE, every bundled dictionary,\n"
    "       pattern and context file) and reports malformed lines, unknown types,\n"
    "       duplicate canonical names and surfaces claimed by two entities, each\n"
    "       with file:line. Exit code 1 if any error was found.\n"
    "stats: loads the dictionaries as 'build' would and summarises them.\n\n" GX_LEXICON_HELP;

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void print_stats(const gx_lexicon *lx, double secs)
{
	static const char *const coarse[] = {"org", "zone", "programme", "place"};
	gx_lexicon_stats st;
	int i;

	gx_lexicon_get_stats(lx, &st);
	printf("entities\t%zu\n", st.entities);
	for (i = 0; i < 4; i++)
		printf("  %s\t%zu\n", coarse[i], st.by_coarse[i]);
	printf("templates\t%zu\nsurfaces\t%zu\nambiguous surfaces\t%zu\n", st.templates,
	       st.surfaces, st.ambiguous);
	printf("pattern rules\t%zu\ncontext rules\t%zu\n", st.patterns, st.context_rules);
	printf("errors\t%zu\nwarnings\t%zu\nload seconds\t%.3f\n", st.errors, st.warnings, secs);
}

static int check(int argc, char **argv)
{
	static int level = 2;
	gx_lexicon *lx = NULL;
	gx_lexicon_stats st;
	int i, failed = 0;

	gx_lexicon_new(&lx, diag_print, &level);
	if (argc == 0) {
		if (gx_lexicon_load_dir(lx, gx_default_dict_dir(), GX_LOAD_ALL) < 0)
			failed = 1;
	}
	for (i = 0; i < argc; i++)
		if (gx_lexicon_load_dict(lx, argv[i]) < 0) {
			error_print(NULL);
			failed = 1;
		}
	gx_lexicon_finish(lx);
	gx_lexicon_get_stats(lx, &st);
	printf("%zu entities, %zu templates, %zu surfaces (%zu ambiguous): %zu errors, %zu "
	       "warnings\n",
	       st.entities, st.templates, st.surfaces, st.ambiguous, st.errors, st.warnings);
	gx_lexicon_free(lx);
	return failed || st.errors ? EXIT_ERROR : EXIT_OK;
}

static int stats(int argc, char **argv)
{
	static const gx_optdef defs[] = {GX_LEXICON_OPTDEFS, {NULL, 0, 0, 0}};
	lexicon_opts lo = {0};
	struct timespec t0;
	gx_lexicon *lx = NULL;
	gx_opts o;
	int id;

	gx_opts_init(&o, argc, argv, defs);
	while ((id = gx_opts_next(&o)) != GX_OPT_END) {
		if (id == GX_OPT_ERROR)
			return usage_error("dict", "%s", o.err);
		if (id == OPT_HELP) {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		if (id == GX_OPT_ARG)
			return usage_error("dict", "unexpected argument '%s'", o.value);
		if (lexicon_opt(&lo, id, o.value) < 0)
			return EXIT_USAGE;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (lexicon_load(&lx, &lo) < 0)
		return EXIT_ERROR;
	print_stats(lx, seconds_since(&t0));
	gx_lexicon_free(lx);
	return EXIT_OK;
}

int cmd_dict(int argc, char **argv)
{
	int i;

	if (argc < 1)
		return usage_error("dict", "%s", "expected 'check' or 'stats'");
	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage, stdout);
			return EXIT_OK;
		}
	if (strcmp(argv[0], "check") == 0)
		return check(argc - 1, argv + 1);
	if (strcmp(argv[0], "stats") == 0)
		return stats(argc - 1, argv + 1);
	return usage_error("dict", "unknown subcommand '%s' (expected check or stats)", argv[0]);
}
