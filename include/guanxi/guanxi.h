/* guanxi: recognise who works with whom in Chinese S&T texts.
 *
 * This is the library's only public header. Conventions:
 *  - fallible functions return GX_OK (0) or a negative GX_E* code, and leave a
 *    message for gx_error_last();
 *  - an object handed back through `**out` belongs to the caller, who frees it
 *    with the matching *_free(); a pointer returned directly is borrowed and
 *    lives as long as the object it came from;
 *  - byte offsets always refer to the ORIGINAL file as read from disk.
 */
#ifndef GUANXI_H
#define GUANXI_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GX_VERSION "0.1.0"

enum {
	GX_OK = 0,
	GX_ERROR = -1,    /* anything else */
	GX_EIO = -2,      /* a file could not be read or written */
	GX_EINVAL = -3,   /* malformed input (dictionary line, pattern, argument) */
	GX_ENOTFOUND = -4 /* a name or file that does not exist */
};

/* The message of this thread's last failure; never NULL. Borrowed: valid until
 * the next failing call on this thread. */
const char *gx_error_last(void);

/* ---- diagnostics ------------------------------------------------------ */

typedef enum { GX_DIAG_ERROR, GX_DIAG_WARNING, GX_DIAG_NOTE } gx_severity;

/* Receives problems found while loading files or reading documents: `file`
 * and `line` (0 if not applicable) say where; `message` is borrowed for the
 * duration of the call. */
typedef void (*gx_diag_fn)(gx_severity severity, const char *file, unsigned line,
			   const char *message, void *payload);

/* ---- the lexicon: dictionaries, patterns, context rules ------------------ */

typedef struct gx_lexicon gx_lexicon;

/** Creates an empty lexicon; problems found while loading go to `diag`
 *  (may be NULL). Free with gx_lexicon_free(). */
int gx_lexicon_new(gx_lexicon **out, gx_diag_fn diag, void *payload);
void gx_lexicon_free(gx_lexicon *lx); /* NULL is a no-op */

/** Loads a dictionary file (format: README.md "Dictionaries"). Every
 *  problem is reported with file:line; returns GX_EINVAL if any line was an
 *  error (the rest of the file is still loaded), GX_EIO if unreadable. */
int gx_lexicon_load_dict(gx_lexicon *lx, const char *path);
/** Loads a pattern file (README.md "Patterns"). GX_EINVAL on a bad rule. */
int gx_lexicon_load_patterns(gx_lexicon *lx, const char *path);
/** Loads a context-rule file (README.md "Context rules"). */
int gx_lexicon_load_context(gx_lexicon *lx, const char *path);

enum { GX_LOAD_DICTS = 1, GX_LOAD_PATTERNS = 2, GX_LOAD_CONTEXT = 4, GX_LOAD_ALL = 7 };
/** Loads the parts of a dictionary directory: DIR/entities/ *.tsv (sorted),
 *  DIR/patterns.txt, DIR/context.tsv. */
int gx_lexicon_load_dir(gx_lexicon *lx, const char *dir, unsigned parts);
/** The directory of the bundled dictionaries: $GUANXI_DICT_DIR if set, else
 *  the one the program was built with. Borrowed, static. */
const char *gx_default_dict_dir(void);

/** Expands templates and builds the matcher. Call once, after loading and
 *  before reading documents; the lexicon is read-only (and shareable
 *  between threads) afterwards. */
int gx_lexicon_finish(gx_lexicon *lx);

typedef struct {
	size_t entities, surfaces, ambiguous, templates, patterns, context_rules;
	size_t by_coarse[4]; /* org, zone, programme, place */
	size_t errors, warnings;
} gx_lexicon_stats;
void gx_lexicon_get_stats(const gx_lexicon *lx, gx_lexicon_stats *out);

/* ---- documents ------------------------------------------------------------ */

typedef enum { GX_SRC_DICT, GX_SRC_PATTERN, GX_SRC_CONTEXT } gx_source;
const char *gx_source_name(gx_source source); /* "dict", "pattern", "context" */

typedef struct {
	uint32_t start, end; /* byte offsets into the original file */
	uint32_t sentence;   /* index of the co-occurrence unit */
	gx_source source;
	const char *entity;  /* canonical name */
	const char *type;    /* "org/university" */
	const char *surface; /* the text as written (UTF-8) */
} gx_mention;

typedef struct {
	uint32_t start, end; /* byte offsets into the original file */
} gx_span;

typedef struct {
	int no_patterns; /* turn the pattern recognisers off */
	int no_dicts;    /* dictionaries off (patterns alone), for evaluation */
} gx_recog_options;

typedef struct gx_doc gx_doc;

/** Reads and recognises one document. Warnings (encoding converted, invalid
 *  bytes replaced …) go to `diag`. Returns GX_EIO (unreadable), GX_EINVAL
 *  (binary or otherwise unusable; the message says why) or GX_OK.
 *  `lx` must be finished. Free the document with gx_doc_free(). */
int gx_doc_recognise(gx_doc **out, const gx_lexicon *lx, const char *path,
		     const gx_recog_options *opt, gx_diag_fn diag, void *payload);
void gx_doc_free(gx_doc *doc); /* NULL is a no-op */

/* Accessors: borrowed, valid until gx_doc_free(). */
const char *gx_doc_path(const gx_doc *doc);
size_t gx_doc_size(const gx_doc *doc); /* bytes of the original file */
size_t gx_doc_mention_count(const gx_doc *doc);
const gx_mention *gx_doc_mention(const gx_doc *doc, size_t i);
size_t gx_doc_sentence_count(const gx_doc *doc);
gx_span gx_doc_sentence(const gx_doc *doc, size_t i);
/* The city and province the document is about (canonical names), or NULL. */
const char *gx_doc_city(const gx_doc *doc);
const char *gx_doc_province(const gx_doc *doc);

/* ---- input files ------------------------------------------------------------ */

/** Calls `cb` for each input file: a path that is a file is taken as is; a
 *  directory is walked recursively for *.txt, in sorted order, following
 *  symlinks but not loops. A non-zero return from `cb` stops the walk and is
 *  returned. GX_ENOTFOUND if a path does not exist. */
int gx_walk_paths(const char *const *paths, size_t n, int (*cb)(const char *file, void *payload),
		  void *payload, gx_diag_fn diag, void *diag_payload);

/* ---- output files ------------------------------------------------------------ */

/* An output file written to a temporary name in the same directory and
 * renamed into place by gx_outfile_commit(), so that readers never see a
 * half-written file, whatever happens to the process. */
typedef struct gx_outfile gx_outfile;

/** Opens `path` for writing (through a temporary file). */
int gx_outfile_open(gx_outfile **out, const char *path);
/** The stream to write to. Borrowed. */
FILE *gx_outfile_stream(gx_outfile *f);
/** Flushes, syncs and renames into place; frees `f` in every case. GX_EIO
 *  (e.g. disk full) leaves no file behind. */
int gx_outfile_commit(gx_outfile *f);
/** Removes the temporary file and frees `f`. NULL is a no-op. */
void gx_outfile_abort(gx_outfile *f);

/** Writes the header of mentions.tsv: doc start end surface entity type
 *  source sentence. */
int gx_mentions_write_header(FILE *fp);
/** Writes one row per mention of `doc`; `doc_name` fills the doc column.
 *  Tabs, newlines and backslashes inside fields are escaped (\t \n \\). */
int gx_mentions_write(FILE *fp, const gx_doc *doc, const char *doc_name);

#ifdef __cplusplus
}
#endif
#endif
