/* Queries on the evidence store (README.md "Queries"): name resolution
 * (resolve.c), output as an aligned table or JSON (out.c), and the commands
 * themselves (query.c, path.c). */
#ifndef GX_QUERY_QUERY_H
#define GX_QUERY_QUERY_H

#include "core/buf.h"
#include "core/vec.h"
#include "store/store.h"

#include <stdio.h>

/* ---- resolving names (resolve.c) ------------------------------------------ */

typedef struct {
	int64_t id;
	char *name, *type; /* canonical and "org/university"; owned */
	int64_t mentions;
	const char *via; /* "name", "alias" or "lexicon" (static) */
} gx_qentity;

void gx_qentity_dispose(gx_qentity *e);

/* Finds the stored entity `name` stands for: the canonical name as given or
 * folded, a surface seen in the corpus (folded), or what the lexicon makes
 * of it (dictionary surface → canonical). GX_ENOTFOUND with the closest known
 * names in the message (and in `*suggestions`, a NULL-terminated array the
 * caller frees with gx_query__free_list, if non-NULL). */
int gx_query__resolve(gx_store *st, const gx_query *q, const char *name, gx_qentity *out,
		      char ***suggestions);
void gx_query__free_list(char **list);

/* ---- shared by the query files (query.c, path.c) ----------------------- */

typedef struct {
	gx_store *st;
	const gx_query *q;
	FILE *fp; /* the answer, buffered until the query succeeds */
} qctx;

/* The evidence of ties: the units mentioning both entities, cued ones
 * first, then in document order. Rows: path, idx, text, cued. */
typedef struct {
	sqlite3_stmt *stored; /* from the evidence table (derive.c) */
	sqlite3_stmt *scan;   /* from the mentions of both */
} gx_qevidence;

int gx_query__evidence_open(qctx *x, gx_qevidence *ev);
void gx_query__evidence_close(gx_qevidence *ev);
/* Binds the tie of `a` and `b`, whose edge holds `count` units, `cued` of
 * them cued, for at most `limit` rows (-1: all), and returns the statement
 * to step (borrowed from `ev`). Up to GX_STORE_EVIDENCE rows, or every row
 * of an edge of that many units, come from the evidence table; more are
 * read from the mentions, each kind only as far as the edge has units of
 * it, starting from the rarer entity. */
sqlite3_stmt *gx_query__evidence_bind(gx_qevidence *ev, const gx_qentity *a, const gx_qentity *b,
				      int64_t count, int64_t cued, int64_t limit);
/* A unit row of that statement as a JSON object. */
void gx_query__json_unit(FILE *fp, sqlite3_stmt *s);
void gx_query__json_entity(FILE *fp, const gx_qentity *e);
/* Column text, "" for NULL. Borrowed until the next step. */
const char *gx_query__text(sqlite3_stmt *s, int i);
/* The shortest chain of ties from a to b (path.c). */
int gx_query__path(qctx *x, const gx_qentity *a, const gx_qentity *b);

/* ---- output (out.c) -------------------------------------------------------- */

/* JSON: a quoted, escaped string (invalid UTF-8 was cleaned when stored). */
void gx_json_str(FILE *fp, const char *s);
/* A number as JSON (non-finite: 0), compact. */
void gx_json_num(FILE *fp, double x);

/* An aligned plain-text table: columns sized by display width (a CJK
 * character takes two cells); numeric columns right-aligned. Rows may carry
 * indented note lines printed under them (evidence). */
typedef struct {
	size_t ncols;
	const char **head;
	const int *right;     /* per column: right-align */
	GX_VEC(char *) cells; /* row-major, owned */
	GX_VEC(char *) notes; /* per row: NULL or owned lines joined by '\n' */
} gx_qtable;

void gx_qtable_init(gx_qtable *t, size_t ncols, const char **head, const int *right);
/* Adds a row of `ncols` cells (copied). */
void gx_qtable_row(gx_qtable *t, const char *const *cells);
/* Appends a note line to the last row. */
void gx_qtable_note(gx_qtable *t, const char *line);
void gx_qtable_print(const gx_qtable *t, FILE *fp);
void gx_qtable_dispose(gx_qtable *t);

/* Display width of UTF-8 text in terminal cells. */
size_t gx_display_width(const char *s);

#endif
