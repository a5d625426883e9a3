/* guanxi: the command-line front end. Each subcommand is a thin layer over
 * the library's public header. */
#include "commands.h"
#include "common.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} commands[] = {
    {"build", cmd_build, "recognise a corpus and write its outputs to a directory"},
    {"extract", cmd_extract, "print the mentions of documents as TSV"},
    {"query", cmd_query, "ask the evidence store who works with whom"},
    {"dict", cmd_dict, "check dictionaries, or summarise them"},
};

static void print_usage(FILE *fp)
{
	size_t i;

	fputs("usage: guanxi COMMAND [options] [args]\n\n"
	      "Turns Chinese S&T news and policy texts into a network of who works with whom.\n\n"
	      "Commands:\n",
	      fp);
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(fp, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'guanxi COMMAND --help' describes each command.\n"
	      "Exit codes: 0 ok, 1 error, 2 usage.\n",
	      fp);
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		print_usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("guanxi %s\n", GX_VERSION);
		return EXIT_OK;
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 2, argv + 2);
	fprintf(stderr, "guanxi: unknown command '%s'\n", argv[1]);
	print_usage(stderr);
	return EXIT_USAGE;
}
