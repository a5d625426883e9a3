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
#include <stdint.h>
#include <stdio.h>

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

enum {
	GX_LOAD_DICTS = 1,
	GX_LOAD_PATTERNS = 2,
	GX_LOAD_CONTEXT = 4,
	GX_LOAD_STOPWORDS = 8,
	GX_LOAD_ALL = 15
};
/** Loads the parts of a dictionary directory: DIR/entities/ *.tsv (sorted)
 *  and DIR/words.txt (common two-character words; optional) with
 *  GX_LOAD_DICTS, DIR/patterns.txt, DIR/context.tsv, and DIR/stopwords.txt (words that
 *  never begin a pattern name; optional) with GX_LOAD_STOPWORDS or
 *  GX_LOAD_PATTERNS: pattern rules of another file still want them. */
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

/* ---- many documents at once ----------------------------------------------- */

/* Receives the documents of gx_recognise_files(), on the calling thread, in
 * the order of the files: `doc` (borrowed for the call; freed afterwards)
 * or, when the file could not be recognised, NULL with the error code and
 * message of gx_doc_recognise() (GX_EINVAL: binary or unusable, skipped;
 * GX_EIO …). A non-zero return stops the run and is returned by
 * gx_recognise_files(). */
typedef int (*gx_doc_fn)(const char *path, const gx_doc *doc, int error, const char *message,
			 void *payload);

/* Processors online (1 to 256): the default number of threads. */
unsigned gx_default_threads(void);

/** Recognises files[0..n) with `threads` workers (0: gx_default_threads();
 *  1: on the calling thread) and hands each document to `fn` in file order,
 *  on the calling thread, so the caller needs no locking and its output is
 *  the same whatever the thread count. Diagnostics about a file reach
 *  `diag` on the calling thread, in order, just before that file's `fn`
 *  call. Workers run a few files ahead of `fn` at most, so memory does not
 *  grow with the corpus. `lx` must be finished. */
int gx_recognise_files(const gx_lexicon *lx, const char *const *files, size_t n,
		       const gx_recog_options *opt, unsigned threads, gx_doc_fn fn, void *payload,
		       gx_diag_fn diag, void *diag_payload);

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

/* ---- co-occurrence (README.md "The network") ------------------------------ */

typedef enum {
	GX_UNIT_SENTENCE, /* the recogniser's sentence index (default) */
	GX_UNIT_PARAGRAPH,
	GX_UNIT_DOCUMENT,
	GX_UNIT_WINDOW /* consecutive windows of `window` characters */
} gx_unit_kind;

typedef enum { GX_W_COUNT, GX_W_ASSOC, GX_W_JACCARD, GX_W_COSINE, GX_W_PMI } gx_weight_kind;

/* Which weight a name selects ("count", "assoc", …); -1 if none. */
int gx_weight_parse(const char *name);
const char *gx_weight_name(gx_weight_kind w);
/* Parses "sentence", "paragraph", "document" or "window:N" (N > 0). GX_EINVAL
 * otherwise. */
int gx_unit_parse(const char *s, gx_unit_kind *kind, uint32_t *window);

typedef struct {
	gx_unit_kind unit;
	uint32_t window;   /* characters, for GX_UNIT_WINDOW */
	unsigned evidence; /* references kept per edge (default 3) */
} gx_cooc_options;

/* The accumulated co-occurrence counts of a corpus. */
typedef struct gx_cooc gx_cooc;

/** Creates an empty accumulator (`opt` NULL: sentences, 3 references). Free
 *  with gx_cooc_free(). */
int gx_cooc_new(gx_cooc **out, const gx_cooc_options *opt);
void gx_cooc_free(gx_cooc *c); /* NULL is a no-op */
/** Adds the mentions of one recognised document, named `doc_name` in
 *  evidence references. Paragraph and window units re-read the file's bytes
 *  (GX_EIO if it went away). O(mentions + pairs within a unit). */
int gx_cooc_add_doc(gx_cooc *c, const gx_doc *doc, const char *doc_name);
size_t gx_cooc_entity_count(const gx_cooc *c);
size_t gx_cooc_pair_count(const gx_cooc *c);
size_t gx_cooc_doc_count(const gx_cooc *c);

/* ---- the network: filters, measures, exports ------------------------------ */

enum {
	GX_TYPE_ORG = 1,
	GX_TYPE_ZONE = 2,
	GX_TYPE_PROGRAMME = 4,
	GX_TYPE_PLACE = 8,
	GX_TYPE_ALL = 15
};

/* Output formats (bit set); GX_FMT_ALL by default. */
enum {
	GX_FMT_DOT = 1,
	GX_FMT_GRAPHML = 2,
	GX_FMT_GEXF = 4,
	GX_FMT_CSV = 8, /* nodes.csv and edges.csv */
	GX_FMT_JSON = 16,
	GX_FMT_SVG = 32,
	GX_FMT_PNG = 64,
	GX_FMT_SUMMARY = 128, /* summary.txt and params.json */
	GX_FMT_ALL = 255
};

/* Parses a comma-separated list of types (org,zone,programme,place) or of
 * formats (dot,graphml,gexf,csv,json,svg,png,summary; "all"). GX_EINVAL on an
 * unknown name. */
int gx_types_parse(const char *list, unsigned *mask);
int gx_formats_parse(const char *list, unsigned *mask);

typedef struct {
	gx_weight_kind weight;    /* ranks edges for --top-edges/--top-k and the layout */
	uint32_t min_count;       /* edges seen in fewer units are dropped (1) */
	uint32_t top_edges;       /* keep the heaviest N edges (0: all) */
	uint32_t top_k;           /* keep an edge if among either end's K heaviest (0: all) */
	unsigned types;           /* GX_TYPE_* mask of the nodes kept */
	int lcc;                  /* keep only the largest connected component */
	double resolution;        /* Louvain and Leiden resolution (1) */
	uint32_t draw_nodes;      /* graph.dot/svg/png draw at most this many nodes (0: all) */
	uint32_t paths;           /* betweenness, closeness, harmonic: GX_PATHS_AUTO (exact on
				     small networks, sampled above), GX_PATHS_EXACT, or N
				     sampled sources (README.md "Measures") */
	unsigned threads;         /* for the path-based measures; 0: one per processor */
	uint32_t layout_max;      /* GEXF/JSON positions only for networks of at most this many
				     nodes (2000; 0: never): a force layout of 15k nodes takes
				     minutes, and Gephi lays out big networks itself */
	const char *dictionaries; /* which dictionaries made the mentions, recorded in every
				     export; borrowed, may be NULL */
} gx_network_options;

#define GX_PATHS_AUTO  0u
#define GX_PATHS_EXACT UINT32_MAX

/* Fills `opt` with the defaults (README.md "Defaults and why"). */
void gx_network_options_init(gx_network_options *opt);

typedef struct gx_network gx_network;

/** Builds the filtered network of `c` and computes its measures (degree,
 *  strength, betweenness, closeness, harmonic, eigenvector, PageRank,
 *  Louvain and Leiden communities). GX_EGRAPH-class failures of igraph come
 *  back as GX_ERROR with igraph's message. `c` must outlive the network. Free
 *  with gx_network_free(). */
int gx_network_build(gx_network **out, const gx_cooc *c, const gx_network_options *opt);
void gx_network_free(gx_network *net); /* NULL is a no-op */
size_t gx_network_node_count(const gx_network *net);
size_t gx_network_edge_count(const gx_network *net);

/** Writes the chosen formats (GX_FMT_*) into `dir` (which must exist), each
 *  file atomically. Stops at the first failure. */
int gx_network_export(const gx_network *net, const char *dir, unsigned formats);

/* ---- the evidence store (README.md "The store") ----------------------------- */

/* An SQLite database of documents, their units (sentences), mentions, and the
 * entities, aliases and edges derived from them. */
typedef struct gx_store gx_store;

typedef enum {
	GX_STORE_READ,   /* queries only; the file must exist */
	GX_STORE_UPDATE, /* add documents to the store, creating it if missing */
	GX_STORE_FRESH   /* a new store, written to a temporary file and renamed
			    into place by gx_store_commit() */
} gx_store_mode;

/** Opens the store at `path`. GX_EIO if it cannot be opened or created,
 *  GX_EINVAL if the file is not a guanxi store (or of a newer schema). Free
 *  with gx_store_free(). */
int gx_store_open(gx_store **out, const char *path, gx_store_mode mode);
/** Rolls back an unfinished batch (documents since the last batch commit are
 *  not stored), closes the database and frees `st`; a FRESH store that was
 *  not committed leaves no file. NULL is a no-op. */
void gx_store_free(gx_store *st);

/** Loads the collaboration cues (dicts/cues.txt: one word a line, # comments)
 *  that mark a unit as stating a tie. GX_EIO if unreadable. */
int gx_store_load_cues(gx_store *st, const char *path);

/** Documents per transaction (default 64). A batch is committed with
 *  synchronous=FULL, so an interrupted build loses at most the batch it was
 *  in. */
void gx_store_set_batch(gx_store *st, unsigned docs);

typedef enum {
	GX_MEASURES_AUTO, /* the same as GX_MEASURES_FULL, whatever the size: the
			     path-based measures are exact or sampled as
			     gx_store_set_paths() says */
	GX_MEASURES_FULL, /* every measure of the network exports */
	GX_MEASURES_FAST  /* degree, strength, PageRank, Louvain only, for quick
			     incremental updates: betweenness, closeness,
			     harmonic and eigenvector are stored as NULL */
} gx_measures_mode;

/** Which measures gx_store_commit() computes (default GX_MEASURES_AUTO). */
void gx_store_set_measures(gx_store *st, gx_measures_mode mode);
/** How gx_store_commit() computes betweenness, closeness and harmonic: as
 *  gx_network_options.paths (default GX_PATHS_AUTO: exact up to nodes x
 *  edges = 2.5e8, from sampled sources above), on `threads` threads (0: one
 *  per processor). The store's `meta` table records which it was. */
void gx_store_set_paths(gx_store *st, uint32_t paths, unsigned threads);
/** The dictionaries the documents are recognised with: the commit records
 *  their names and surfaces (table `names`), so that queries resolve an
 *  abbreviation the corpus never used with them, without loading them.
 *  Borrowed until gx_store_commit(); NULL (the default) leaves the table as
 *  it is. */
void gx_store_set_lexicon(gx_store *st, const gx_lexicon *lx);

typedef enum { GX_DOC_ADDED, GX_DOC_REPLACED, GX_DOC_UNCHANGED } gx_doc_action;

/** What gx_store_put_doc() would do with the file at `path` (stored under
 *  that name): compares its size and content hash with the stored ones.
 *  GX_EIO if it cannot be read. */
int gx_store_check(gx_store *st, const char *path, gx_doc_action *action);
/** Stores a recognised document under `name` (its path as given): its
 *  record, units with mentions, mentions and surfaces. An unchanged document
 *  is skipped; a changed one replaces the stored one. Rereads the file for
 *  the hash and the unit texts. `*action` (may be NULL) says which. */
int gx_store_put_doc(gx_store *st, const gx_doc *doc, const char *name, gx_doc_action *action);

typedef struct {
	size_t documents, units, mentions, entities, edges;
	size_t added, replaced, unchanged; /* this session's documents */
} gx_store_stats;

/** Commits the open batch, then recomputes entities, aliases, edges and
 *  measures from every stored mention in one transaction (skipped when
 *  nothing changed since the last commit). A FRESH store is then closed and
 *  renamed into place. `stats` (may be NULL) receives the totals. The store
 *  is still to be freed with gx_store_free(). */
int gx_store_commit(gx_store *st, gx_store_stats *stats);
/** gx_store_commit() for a build that has also made the network of the
 *  same documents for its exports: the store takes that network's measures
 *  when they are exactly the ones it would compute (the same documents in
 *  the same order, sentence units, nothing filtered out, resolution 1, the
 *  store's gx_store_set_paths() setting) instead of computing them again,
 *  and computes them otherwise. `net` is borrowed for the call; NULL is
 *  gx_store_commit(). */
int gx_store_commit_network(gx_store *st, const gx_network *net, gx_store_stats *stats);

/* ---- queries on a store (README.md "Queries") -------------------------------- */

typedef enum {
	GX_Q_PARTNERS,   /* who `a` co-occurs with, heaviest first */
	GX_Q_PAIR,       /* every unit mentioning both `a` and `b` */
	GX_Q_PATH,       /* the shortest chain of ties from `a` to `b` */
	GX_Q_TOP,        /* entities ranked by a measure */
	GX_Q_CANDIDATES, /* names found only by patterns */
	GX_Q_ENTITY      /* everything known about `a` */
} gx_query_kind;

typedef struct {
	gx_query_kind kind;
	const char *a, *b; /* names: canonical, alias, Traditional … */
	unsigned types;    /* GX_TYPE_* mask of the rows shown (0: all) */
	const char *by;    /* top: degree, strength, betweenness, closeness,
			      harmonic, eigenvector, pagerank, mentions, docs */
	unsigned n;        /* rows at most (0: 10; pair: 0 = all) */
	unsigned evidence; /* evidence sentences per partner */
	int cued;          /* partners: only ties stated by a cue */
	int json;          /* JSON instead of an aligned table */
	/* Returns the lexicon used to resolve a name the store does not know as
	 * is (loaded on the first call), or NULL. May be NULL. */
	const gx_lexicon *(*lexicon)(void *payload);
	void *payload;
} gx_query;

/** Runs a query on `st` and writes the result to `out`. An unknown name
 *  gives GX_ENOTFOUND with the closest known names in the message (and, with
 *  `json`, a JSON object saying so on `out`). */
int gx_query_run(gx_store *st, const gx_query *q, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
