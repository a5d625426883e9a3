/* The evidence store: an SQLite database (README.md "The store" documents
 * the schema). store.c opens it and owns the schema, ingest.c adds
 * documents, derive.c recomputes what follows from the mentions, and
 * src/query/ reads it. Only src/store/ and src/query/ include <sqlite3.h>. */
#ifndef GX_STORE_STORE_H
#define GX_STORE_STORE_H

#include "cooccur/cooccur.h"
#include "core/buf.h"
#include "core/strmap.h"
#include "core/vec.h"
#include "guanxi/guanxi.h"

#include <sqlite3.h>
#include <stdint.h>

#define GX_STORE_SCHEMA 3 /* PRAGMA user_version of the layout in store.c */
/* Evidence units kept per edge in the evidence table (derive.c): enough
 * for `query partners --evidence K` up to this K without a scan. */
#define GX_STORE_EVIDENCE GX_COOC_MAX_EVIDENCE

/* What the derived tables are computed from (counts.c): every stored
 * mention fed to the co-occurrence counter with its unit's cue flag, the
 * mentions of each entity by source, and (counted while a FRESH store is
 * filled) the surfaces seen. */
typedef struct {
	gx_cooc *cooc;           /* sentence units, GX_STORE_EVIDENCE references */
	GX_VEC(int64_t) docs;    /* the counter's document i is store document docs[i] */
	GX_VEC(uint32_t) sid;    /* the counter's entity i is store entity sid[i] */
	GX_VEC(uint32_t) src[3]; /* dict, pattern, context mentions by store entity id */
	gx_strmap surfaces;      /* "id<TAB>surface" -> index in surface_count; empty
				    when read back (derive.c asks SQLite then) */
	GX_VEC(uint32_t) surface_count;
} gx_store_counts;

struct gx_store {
	sqlite3 *db;
	gx_store_mode mode;
	char *path;       /* where the store lives (FRESH: after the rename) */
	char *tmp;        /* FRESH: the temporary file being written */
	unsigned batch;   /* documents per transaction */
	unsigned pending; /* documents in the open transaction */
	int in_tx, changed, committed;
	gx_measures_mode measures;
	uint32_t paths;       /* gx_network_options.paths */
	unsigned threads;     /* for the path-based measures */
	gx_strmap entity_ids; /* canonical name -> entity id (cache) */
	/* FRESH: the counts of the documents stored so far, kept up as they are
	 * stored, so that the commit need not read them back; NULL if they have
	 * to be (not FRESH, or a document was replaced) */
	gx_store_counts *counts;
	GX_VEC(char *) cues; /* folded cue words */
	gx_store_stats stats;
	const gx_lexicon *lexicon; /* borrowed: its names go to the names table */
	/* statements of ingest.c, prepared on first use and kept: a document
	 * costs its rows, not a compilation of every statement */
	sqlite3_stmt *find_doc, *put_doc, *put_unit, *put_mention, *put_entity;
};

/* Runs SQL with no result rows; GX_ERROR with SQLite's message. */
int gx_store__exec(gx_store *st, const char *sql);
/* Prepares `sql`; GX_ERROR with SQLite's message. */
int gx_store__prepare(gx_store *st, sqlite3_stmt **out, const char *sql);
/* GX_ERROR with `what` and SQLite's current message. */
int gx_store__fail(gx_store *st, const char *what);
/* Opens the batch transaction if none is open. */
int gx_store__begin(gx_store *st);
/* Commits the batch transaction if one is open. */
int gx_store__end(gx_store *st);

/* The 64-bit FNV-1a hash of `len` bytes (README.md "The store": documents). */
uint64_t gx_store__hash(const void *data, size_t len);
/* Folds `s` (Traditional → Simplified, full → half width) into `out`. */
void gx_store__fold(gx_buf *out, const char *s, size_t len);

/* Writes the names table from st->lexicon if it is not the one recorded
 * (names.c); its own transaction. */
int gx_store__write_names(gx_store *st);

/* Finalizes the statements ingest.c keeps (before the database closes). */
void gx_store__forget_statements(gx_store *st);

int gx_store__counts_new(gx_store_counts **out);
void gx_store__counts_free(gx_store_counts *k); /* NULL is a no-op */
/* Counts a document just stored as store document `id` into st->counts;
 * cued[i] is the cue flag of its unit i. */
void gx_store__count_doc(gx_store *st, const gx_doc *doc, const char *name, int64_t id,
			 const unsigned char *cued);
/* Counts every stored mention, read back from the tables (after deleting
 * the entities no mention names any more). */
int gx_store__count_all(gx_store *st, gx_store_counts **out);

/* Recomputes entities, aliases, edges, evidence and measures (derive.c),
 * inside the caller's transaction, from st->counts (taken and freed) or,
 * if NULL, from the tables. `shared` (may be NULL): a network whose
 * measures are taken if they are the ones derive.c would compute. */
int gx_store__derive(gx_store *st, const gx_network *shared);

#endif
