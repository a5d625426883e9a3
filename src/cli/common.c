#define _POSIX_C_SOURCE 200809L
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const severity_names[] = {"error", "warning", "note"};

void lexicon_describe(const gx_lexicon *lx, const lexicon_opts *lo, char *buf, size_t len)
{
	gx_lexicon_stats st;
	int k = 0;

	gx_lexicon_get_stats(lx, &st);
	if (lo->n_dicts > 0)
		k = snprintf(buf, len, "%s%s", lo->dicts[0], lo->n_dicts > 1 ? "+more" : "");
	else
		k = snprintf(buf, len, "%s", lo->dict_dir ? lo->dict_dir : gx_default_dict_dir());
	if (k >= 0 && (size_t)k < len)
		snprintf(buf + k, len - (size_t)k,
			 " (%zu entities, %zu surfaces, %zu templates, %zu pattern rules%s%s)",
			 st.entities, st.surfaces, st.templates, st.patterns,
			 lo->no_dicts ? ", dictionaries off" : "",
			 lo->no_patterns ? ", patterns off" : "");
}

void diag_print(gx_severity sev, const char *file, unsigned line, const char *msg, void *payload)
{
	const int *level = payload; /* 0 errors, 1 + warnings, 2 + notes */

	if (level && (int)sev > *level)
		return;
	if (file && *file && line)
		fprintf(stderr, "guanxi: %s:%u: %s: %s\n", file, line, severity_names[sev], msg);
	else if (file && *file)
		fprintf(stderr, "guanxi: %s: %s: %s\n", file, severity_names[sev], msg);
	else
		fprintf(stderr, "guanxi: %s: %s\n", severity_names[sev], msg);
}

int parse_threads(const char *cmd, const char *value, unsigned *out)
{
	char *end;
	unsigned long n = strtoul(value, &end, 10);

	if (*value == '\0' || *end || value[0] == '-' || n == 0 || n > 256) {
		usage_error(cmd, "bad --threads '%s' (1 to 256)", value);
		return -1;
	}
	*out = (unsigned)n;
	return 0;
}

/* As the library does, out of memory ends the run: nothing sensible is
 * left to do. */
static void *need(void *p)
{
	if (p == NULL) {
		fprintf(stderr, "guanxi: out of memory\n");
		exit(EXIT_ERROR);
	}
	return p;
}

static int add_file(const char *path, void *payload)
{
	file_list *l = payload;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->files = need(realloc(l->files, l->cap * sizeof *l->files));
	}
	l->files[l->n++] = need(strdup(path));
	return 0;
}

int list_files(const char *const *paths, size_t n, file_list *out, int *level)
{
	memset(out, 0, sizeof *out);
	if (gx_walk_paths(paths, n, add_file, out, diag_print, level) < 0) {
		error_print(NULL);
		return -1;
	}
	return 0;
}

void file_list_free(file_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->files[i]);
	free(l->files);
	memset(l, 0, sizeof *l);
}

int usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "guanxi %s: ", cmd);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'guanxi %s --help'.\n", cmd);
	return EXIT_USAGE;
}

void error_print(const char *what)
{
	if (what)
		fprintf(stderr, "guanxi: %s: %s\n", what, gx_error_last());
	else
		fprintf(stderr, "guanxi: %s\n", gx_error_last());
}

int lexicon_opt(lexicon_opts *lo, int id, const char *value)
{
	switch (id) {
	case OPT_DICT:
		if (lo->n_dicts == (int)(sizeof lo->dicts / sizeof lo->dicts[0])) {
			fprintf(stderr, "guanxi: too many --dict options\n");
			return -1;
		}
		lo->dicts[lo->n_dicts++] = value;
		return 1;
	case OPT_DICT_DIR:
		lo->dict_dir = value;
		return 1;
	case OPT_PATTERNS:
		lo->patterns = value;
		return 1;
	case OPT_CONTEXT:
		lo->context = value;
		return 1;
	case OPT_NO_PATTERNS:
		lo->no_patterns = 1;
		return 1;
	case OPT_NO_DICTS:
		lo->no_dicts = 1;
		return 1;
	case OPT_QUIET:
		lo->quiet = 1;
		return 1;
	default:
		return 0;
	}
}

static int load_parts(gx_lexicon *lx, const lexicon_opts *lo)
{
	const char *dir = lo->dict_dir ? lo->dict_dir : gx_default_dict_dir();
	unsigned parts = GX_LOAD_STOPWORDS; /* --patterns FILE still trims with them */
	int i;

	if (lo->n_dicts == 0)
		parts |= GX_LOAD_DICTS;
	if (lo->patterns == NULL)
		parts |= GX_LOAD_PATTERNS;
	if (lo->context == NULL)
		parts |= GX_LOAD_CONTEXT;
	for (i = 0; i < lo->n_dicts; i++)
		if (gx_lexicon_load_dict(lx, lo->dicts[i]) < 0)
			return -1;
	if (lo->patterns && gx_lexicon_load_patterns(lx, lo->patterns) < 0)
		return -1;
	if (lo->context && gx_lexicon_load_context(lx, lo->context) < 0)
		return -1;
	if (gx_lexicon_load_dir(lx, dir, parts) < 0)
		return -1;
	return gx_lexicon_finish(lx) < 0 ? -1 : 0;
}

int lexicon_load(gx_lexicon **out, const lexicon_opts *lo)
{
	static int level;
	gx_lexicon *lx = NULL;

	level = lo->quiet ? 0 : 1;
	gx_lexicon_new(&lx, diag_print, &level);
	if (load_parts(lx, lo) < 0) {
		error_print(NULL);
		gx_lexicon_free(lx);
		*out = NULL;
		return -1;
	}
	*out = lx;
	return 0;
}
