/* Opening, creating and committing the store.
 *
 * Durability: an UPDATE store uses SQLite's rollback journal with
 * synchronous=FULL, and documents are added in batches of one transaction
 * each, so a process killed at any point leaves the store as it was after the
 * last committed batch. A FRESH store is written without a journal (nothing
 * else can see it) to a temporary file in the target directory, synced and
 * renamed over the target: readers see the old store or the new one. */
#define _POSIX_C_SOURCE 200809L
#include "store/store.h"
#include "core/alloc.h"
#include "core/error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
    "CREATE TABLE IF NOT EXISTS documents("
    " id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, hash TEXT NOT NULL,"
    " size INTEGER NOT NULL, date TEXT, title TEXT, units INTEGER NOT NULL,"
    " mentions INTEGER NOT NULL, city TEXT, province TEXT);"
    "CREATE TABLE IF NOT EXISTS units("
    " doc INTEGER NOT NULL, idx INTEGER NOT NULL, byte_start INTEGER NOT NULL,"
    " byte_end INTEGER NOT NULL, text TEXT NOT NULL, cued INTEGER NOT NULL,"
    " PRIMARY KEY(doc, idx)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS mentions("
    " doc INTEGER NOT NULL, byte_start INTEGER NOT NULL, byte_end INTEGER NOT NULL,"
    " surface TEXT NOT NULL, entity INTEGER NOT NULL, source TEXT NOT NULL,"
    " unit INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS entities("
    " id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, type TEXT NOT NULL,"
    " subtype TEXT NOT NULL, mentions INTEGER DEFAULT 0, docs INTEGER DEFAULT 0,"
    " units INTEGER DEFAULT 0, dict INTEGER DEFAULT 0, pattern INTEGER DEFAULT 0,"
    " context INTEGER DEFAULT 0, degree INTEGER DEFAULT 0, strength REAL DEFAULT 0,"
    " betweenness REAL DEFAULT 0, closeness REAL DEFAULT 0, harmonic REAL DEFAULT 0,"
    " eigenvector REAL DEFAULT 0, pagerank REAL DEFAULT 0, louvain INTEGER DEFAULT 0,"
    " leiden INTEGER DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS aliases("
    " entity INTEGER NOT NULL, surface TEXT NOT NULL, folded TEXT NOT NULL,"
    " count INTEGER NOT NULL, PRIMARY KEY(entity, surface)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS edges("
    " a INTEGER NOT NULL, b INTEGER NOT NULL, count INTEGER NOT NULL,"
    " docs INTEGER NOT NULL, cued INTEGER NOT NULL, assoc REAL, jaccard REAL,"
    " cosine REAL, pmi REAL, PRIMARY KEY(a, b)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS evidence("
    " a INTEGER NOT NULL, b INTEGER NOT NULL, rank INTEGER NOT NULL,"
    " doc INTEGER NOT NULL, idx INTEGER NOT NULL, PRIMARY KEY(a, b, rank)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS names("
    " folded TEXT NOT NULL, rank INTEGER NOT NULL, entity TEXT NOT NULL,"
    " PRIMARY KEY(folded, rank)) WITHOUT ROWID;";

/* The secondary indexes. A FRESH store creates them when its documents are
 * all in (gx_store_commit): one sort per index instead of a random B-tree
 * insertion per mention, which with 1.8M mentions made the page cache
 * thrash (half the store's time was in pread/pwrite). */
static const char index_sql[] =
    "CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc, unit);"
    "CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity, doc, unit);"
    "CREATE INDEX IF NOT EXISTS aliases_folded ON aliases(folded);"
    "CREATE INDEX IF NOT EXISTS edges_b ON edges(b);";

int gx_store__fail(gx_store *st, const char *what)
{
	int code = sqlite3_errcode(st->db);

	if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
		return gx_error_set(GX_EINVAL, "%s: %s: not a usable guanxi store (%s)", st->path,
				    what, sqlite3_errmsg(st->db));
	return gx_error_set(GX_ERROR, "%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

int gx_store__exec(gx_store *st, const char *sql)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return gx_store__fail(st, "sql");
	return GX_OK;
}

int gx_store__prepare(gx_store *st, sqlite3_stmt **out, const char *sql)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, out, NULL) != SQLITE_OK) {
		*out = NULL;
		return gx_store__fail(st, "sql");
	}
	return GX_OK;
}

int gx_store__begin(gx_store *st)
{
	int error;

	if (st->in_tx)
		return GX_OK;
	if ((error = gx_store__exec(st, "BEGIN IMMEDIATE")) == GX_OK)
		st->in_tx = 1;
	return error;
}

int gx_store__end(gx_store *st)
{
	if (!st->in_tx)
		return GX_OK;
	st->in_tx = 0;
	st->pending = 0;
	return gx_store__exec(st, "COMMIT");
}

/* Creates the tables of a new file, or adds those of a newer schema to an
 * older store, in one transaction: a process killed meanwhile leaves the
 * file as it was, never tables without a version. An older store is marked
 * dirty, so that this build's commit derives the new tables even if no
 * document changed. */
static int create_schema(gx_store *st, int version)
{
	char sql[96];
	int error;

	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", GX_STORE_SCHEMA);
	if ((error = gx_store__exec(st, "BEGIN IMMEDIATE")) < 0)
		return error;
	if ((error = gx_store__exec(st, schema_sql)) < 0 ||
	    (st->mode != GX_STORE_FRESH && (error = gx_store__exec(st, index_sql)) < 0) ||
	    (error = gx_store__exec(st, sql)) < 0 ||
	    (version > 0 && (error = gx_store__exec(
				 st, "INSERT OR REPLACE INTO meta VALUES ('dirty', '1')")) < 0)) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return error;
	}
	return gx_store__exec(st, "COMMIT");
}

static int schema_version(gx_store *st, int *version, int *tables)
{
	sqlite3_stmt *s = NULL;
	int error;

	*version = -1;
	*tables = 0;
	if ((error = gx_store__prepare(st, &s, "PRAGMA user_version")) < 0)
		return error;
	if (sqlite3_step(s) == SQLITE_ROW)
		*version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (*version < 0)
		return gx_store__fail(st, "reading the schema version");
	if ((error = gx_store__prepare(st, &s, "SELECT count(*) FROM sqlite_master")) < 0)
		return error;
	if (sqlite3_step(s) == SQLITE_ROW)
		*tables = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return GX_OK;
}

/* Sets up a new file, or checks that an existing one is a store we can
 * read: user_version 0 with no tables is a new file. A store of an older
 * schema is upgraded by a build (create_schema) and refused by queries,
 * which open it read-only. */
static int check_schema(gx_store *st)
{
	int version, tables, error;

	if ((error = schema_version(st, &version, &tables)) < 0)
		return error;
	if (version > GX_STORE_SCHEMA || (version == 0 && tables > 0))
		return gx_error_set(GX_EINVAL, "%s: not a guanxi store (schema %d, expected %d)",
				    st->path, version, GX_STORE_SCHEMA);
	if (version == 0 && st->mode == GX_STORE_READ)
		return gx_error_set(GX_EINVAL, "%s: an empty file, not a guanxi store", st->path);
	if (version < GX_STORE_SCHEMA && st->mode == GX_STORE_READ)
		return gx_error_set(
		    GX_EINVAL,
		    "%s: a store of an older guanxi (schema %d, this one reads %d): "
		    "update it with 'guanxi build --db %s PATH...', which "
		    "recomputes what is missing, or build it again",
		    st->path, version, GX_STORE_SCHEMA, st->path);
	if (version == GX_STORE_SCHEMA)
		return GX_OK;
	return create_schema(st, version);
}

static int pragmas(gx_store *st)
{
	sqlite3_busy_timeout(st->db, 10000);
	/* a fresh store appends its rows and builds its indexes at the end:
	 * 32 MB of page cache did as well as 128 MB on the 200 MB corpus, with
	 * 100 MB less memory (SQLite's default is 2 MB) */
	if (st->mode == GX_STORE_FRESH)
		return gx_store__exec(st, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
					  "PRAGMA cache_size=-32768");
	/* recomputing the derived tables of a large store reads every mention
	 * back and rewrites edges and evidence (1.7M rows for the 200 MB
	 * corpus): a 64 MB page cache instead of 2 MB took a fifth off */
	if (st->mode == GX_STORE_UPDATE)
		return gx_store__exec(st, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL; "
					  "PRAGMA cache_size=-65536");
	return GX_OK;
}

static int make_temp(gx_store *st)
{
	const char *slash = strrchr(st->path, '/');
	size_t dirlen = slash ? (size_t)(slash - st->path + 1) : 0;
	int fd;

	st->tmp = gx_xmalloc(strlen(st->path) + 16);
	sprintf(st->tmp, "%.*s.%s.XXXXXX", (int)dirlen, st->path, st->path + dirlen);
	if ((fd = mkstemp(st->tmp)) < 0) {
		int e = errno;

		free(st->tmp);
		st->tmp = NULL;
		return gx_error_set(GX_EIO, "cannot write '%s': %s", st->path, strerror(e));
	}
	/* mkstemp makes the file private; a store is as readable as any
	 * other output, so give it the usual umask-based mode */
	{
		mode_t um = umask(0);

		umask(um);
		fchmod(fd, 0666 & ~um);
	}
	close(fd);
	return GX_OK;
}

/* Creates the empty store of an UPDATE build that finds no file: its schema
 * is committed in a temporary file, which is then linked to `path`. A build
 * killed before that leaves no file at all, never an empty one that sqlite3
 * users would find without tables; link() fails rather than replace a store
 * another build created meanwhile, which is then opened as it is. */
static int create_empty(gx_store *st)
{
	int error;

	if ((error = make_temp(st)) < 0)
		return error;
	if (sqlite3_open_v2(st->tmp, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		error = gx_store__fail(st, "creating the store");
	} else if ((error = pragmas(st)) == GX_OK && (error = check_schema(st)) == GX_OK &&
		   link(st->tmp, st->path) < 0 && errno != EEXIST) {
		error =
		    gx_error_set(GX_EIO, "cannot create store '%s': %s", st->path, strerror(errno));
	}
	sqlite3_close(st->db);
	st->db = NULL;
	unlink(st->tmp);
	free(st->tmp);
	st->tmp = NULL;
	return error;
}

int gx_store_open(gx_store **out, const char *path, gx_store_mode mode)
{
	gx_store *st = gx_xcalloc(1, sizeof *st);
	int flags = mode == GX_STORE_READ ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	int error;

	*out = NULL;
	st->mode = mode;
	st->path = gx_xstrdup(path);
	st->batch = 64;
	if (mode == GX_STORE_FRESH &&
	    ((error = make_temp(st)) < 0 || (error = gx_store__counts_new(&st->counts)) < 0))
		goto fail;
	if (mode == GX_STORE_UPDATE && access(path, F_OK) < 0 && errno == ENOENT &&
	    (error = create_empty(st)) < 0)
		goto fail;
	if (sqlite3_open_v2(st->tmp ? st->tmp : path, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		error = gx_error_set(GX_EIO, "cannot open store '%s': %s", path,
				     st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	if ((error = pragmas(st)) < 0 || (error = check_schema(st)) < 0)
		goto fail;
	*out = st;
	return GX_OK;
fail:
	gx_store_free(st);
	return error;
}

void gx_store_free(gx_store *st)
{
	size_t i;

	if (st == NULL)
		return;
	gx_store__forget_statements(st);
	if (st->db) {
		if (st->in_tx)
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(st->db);
	}
	if (st->tmp && !st->committed)
		unlink(st->tmp);
	for (i = 0; i < st->cues.len; i++)
		free(st->cues.ptr[i]);
	GX_VEC_FREE(&st->cues);
	gx_strmap_dispose(&st->entity_ids);
	gx_store__counts_free(st->counts);
	free(st->tmp);
	free(st->path);
	free(st);
}

void gx_store_set_measures(gx_store *st, gx_measures_mode mode)
{
	st->measures = mode;
}

void gx_store_set_lexicon(gx_store *st, const gx_lexicon *lx)
{
	st->lexicon = lx;
}

void gx_store_set_paths(gx_store *st, uint32_t paths, unsigned threads)
{
	st->paths = paths;
	st->threads = threads;
}

void gx_store_set_batch(gx_store *st, unsigned docs)
{
	st->batch = docs ? docs : 1;
}

int gx_store_load_cues(gx_store *st, const char *path)
{
	FILE *fp = fopen(path, "rb");
	char line[512];
	gx_buf folded = GX_BUF_INIT;

	if (fp == NULL)
		return gx_error_set(GX_EIO, "cannot read cues '%s': %s", path, strerror(errno));
	while (fgets(line, sizeof line, fp)) {
		size_t n = strcspn(line, "\t\r\n");

		if (n == 0 || line[0] == '#')
			continue;
		gx_buf_clear(&folded);
		gx_store__fold(&folded, line, n);
		GX_VEC_PUSH(&st->cues, gx_xstrdup(folded.ptr));
	}
	fclose(fp);
	gx_buf_dispose(&folded);
	return GX_OK;
}

static size_t count_rows(gx_store *st, const char *table)
{
	char sql[128];
	sqlite3_stmt *s = NULL;
	size_t n = 0;

	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	if (gx_store__prepare(st, &s, sql) == GX_OK && sqlite3_step(s) == SQLITE_ROW)
		n = (size_t)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static void fill_stats(gx_store *st, gx_store_stats *stats)
{
	st->stats.documents = count_rows(st, "documents");
	st->stats.units = count_rows(st, "units");
	st->stats.mentions = count_rows(st, "mentions");
	st->stats.entities = count_rows(st, "entities");
	st->stats.edges = count_rows(st, "edges");
	if (stats)
		*stats = st->stats;
}

/* Is the derived part stale (a build was interrupted after a batch)? */
static int is_dirty(gx_store *st)
{
	sqlite3_stmt *s = NULL;
	int dirty = 0;

	if (gx_store__prepare(st, &s, "SELECT value FROM meta WHERE key = 'dirty'") == GX_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		dirty = sqlite3_column_int(s, 0) != 0;
	sqlite3_finalize(s);
	return dirty;
}

/* Were the stored measures computed in the other mode (fast or full) than
 * this build asks for? Then they are recomputed even if no document
 * changed: `build --db FILE --measures full` completes a fast store. */
static int measures_differ(gx_store *st)
{
	sqlite3_stmt *s = NULL;
	int differ = 0;

	if (gx_store__prepare(st, &s, "SELECT value = 'fast' FROM meta WHERE key = 'measures'") ==
		GX_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		differ = sqlite3_column_int(s, 0) != (st->measures == GX_MEASURES_FAST);
	sqlite3_finalize(s);
	return differ;
}

/* Syncs the temporary file, drops journals left beside the target by an
 * earlier store (a hot journal would be rolled into the new file), and
 * renames it into place. */
static int install(gx_store *st)
{
	char side[4200];
	int fd = open(st->tmp, O_RDONLY), e;

	if (fd < 0 || fsync(fd) != 0) {
		e = errno;
		if (fd >= 0)
			close(fd);
		return gx_error_set(GX_EIO, "cannot write '%s': %s", st->path, strerror(e));
	}
	close(fd);
	snprintf(side, sizeof side, "%s-journal", st->path);
	unlink(side);
	snprintf(side, sizeof side, "%s-wal", st->path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", st->path);
	unlink(side);
	if (rename(st->tmp, st->path) != 0)
		return gx_error_set(GX_EIO, "cannot write '%s': %s", st->path, strerror(errno));
	st->committed = 1;
	return GX_OK;
}

int gx_store_commit(gx_store *st, gx_store_stats *stats)
{
	return gx_store_commit_network(st, NULL, stats);
}

int gx_store_commit_network(gx_store *st, const gx_network *net, gx_store_stats *stats)
{
	int error;

	if ((error = gx_store__end(st)) < 0)
		return error;
	if (st->changed || is_dirty(st) || measures_differ(st)) {
		if ((error = gx_store__begin(st)) < 0)
			return error;
		if ((error = gx_store__exec(st, index_sql)) < 0 ||
		    (error = gx_store__derive(st, net)) < 0 ||
		    (error = gx_store__exec(st, "DELETE FROM meta WHERE key = 'dirty'")) < 0) {
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			st->in_tx = 0;
			return error;
		}
		if ((error = gx_store__end(st)) < 0)
			return error;
		st->changed = 0;
	}
	if ((error = gx_store__write_names(st)) < 0)
		return error;
	fill_stats(st, stats);
	if (st->mode != GX_STORE_FRESH)
		return GX_OK;
	gx_store__forget_statements(st);
	if (sqlite3_close(st->db) != SQLITE_OK)
		return gx_store__fail(st, "closing");
	st->db = NULL;
	return install(st);
}
