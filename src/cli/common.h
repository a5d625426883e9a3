/* What the subcommands share: diagnostics on stderr and loading the lexicon
 * from the usual options. */
#ifndef GX_CLI_COMMON_H
#define GX_CLI_COMMON_H

#include "guanxi/guanxi.h"
#include "opt.h"

enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2 };

/* Options every recognising command takes. */
enum {
	OPT_HELP = 1000,
	OPT_DICT,
	OPT_DICT_DIR,
	OPT_PATTERNS,
	OPT_CONTEXT,
	OPT_NO_PATTERNS,
	OPT_NO_DICTS,
	OPT_QUIET,
	OPT_THREADS
};

/* --threads N of the commands that recognise a corpus. */
#define GX_THREADS_OPTDEF                                                                          \
	{                                                                                          \
		"threads", 'j', 1, OPT_THREADS                                                     \
	}
#define GX_THREADS_HELP                                                                            \
	"  -j, --threads N    recognise N documents at a time (default: one per processor;\n"      \
	"                     the output is the same whatever N)\n"

#define GX_LEXICON_OPTDEFS                                                                         \
	{"help", 'h', 0, OPT_HELP}, {"dict", 0, 1, OPT_DICT}, {"dict-dir", 0, 1, OPT_DICT_DIR},    \
	    {"patterns", 0, 1, OPT_PATTERNS}, {"context", 0, 1, OPT_CONTEXT},                      \
	    {"no-patterns", 0, 0, OPT_NO_PATTERNS}, {"no-dicts", 0, 0, OPT_NO_DICTS},              \
	{                                                                                          \
		"quiet", 'q', 0, OPT_QUIET                                                         \
	}

#define GX_LEXICON_HELP                                                                            \
	"  --dict FILE        load this dictionary instead of the bundled ones (repeatable)\n"     \
	"  --dict-dir DIR     bundled dictionaries, patterns and context rules from DIR\n"         \
	"  --patterns FILE    pattern rules instead of DIR/patterns.txt (DIR/stopwords.txt\n"      \
	"                     still trims their names)\n"                                          \
	"  --context FILE     context rules instead of DIR/context.tsv\n"                          \
	"  --no-patterns      dictionaries only: turn the pattern recognisers off\n"               \
	"  --no-dicts         patterns only: no dictionary (to see what patterns find)\n"          \
	"  -q, --quiet        no warnings, only errors\n"                                          \
	"  -h, --help         this help\n"

typedef struct {
	const char *dicts[256];
	int n_dicts;
	const char *dict_dir, *patterns, *context;
	int no_patterns, no_dicts, quiet;
} lexicon_opts;

/* Handles one of the shared options; returns 1 if it was one, 0 if not, -1
 * on a usage error (reported). */
int lexicon_opt(lexicon_opts *lo, int id, const char *value);
/* Loads and finishes the lexicon; returns 0 or -1 (reported). */
int lexicon_load(gx_lexicon **out, const lexicon_opts *lo);
/* Describes the loaded lexicon in one line (where it came from, its size), for
 * the record the exports keep of a run. */
void lexicon_describe(const gx_lexicon *lx, const lexicon_opts *lo, char *buf, size_t len);

/* Parses --threads' value into `*out` (1 to 256); returns 0, or -1 after a
 * usage message naming `cmd`. */
int parse_threads(const char *cmd, const char *value, unsigned *out);

/* The files under `paths` (README "Commands": directories walked for
 * *.txt, sorted), for gx_recognise_files(). Returns 0, or -1 (reported). */
typedef struct {
	char **files;
	size_t n, cap;
} file_list;
int list_files(const char *const *paths, size_t n, file_list *out, int *level);
void file_list_free(file_list *l);

void diag_print(gx_severity sev, const char *file, unsigned line, const char *msg, void *payload);
int usage_error(const char *cmd, const char *fmt, const char *arg);
void error_print(const char *what);

#endif
