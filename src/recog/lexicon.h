/* The lexicon: every entity and surface form the recogniser knows, the
 * automaton over the surfaces, the pattern rules and the context rules.
 * Built once (load files, then gx_lexicon_finish), read-only afterwards, so
 * documents can be recognised from several threads at once. */
#ifndef GX_RECOG_LEXICON_H
#define GX_RECOG_LEXICON_H

#include "core/buf.h"
#include "core/strmap.h"
#include "core/vec.h"
#include "guanxi/guanxi.h"

#include <stdint.h>
#include <stdio.h>

enum { GX_ORG, GX_ZONE, GX_PROGRAMME, GX_PLACE, GX_NCOARSE };

#define GX_NONE UINT32_MAX

enum {
	GX_ENT_TEMPLATE = 1, /* canonical holds {city}/{province}/… placeholders */
	GX_ENT_DYNAMIC = 2   /* created from a template expansion */
};

typedef struct {
	const char *name;      /* canonical (owned by lexicon: lx->names) */
	const char *type;      /* "org/government" (interned) */
	const char *parent;    /* canonical of the containing entity, or NULL */
	const char *shortname; /* places: form that fills templates, or NULL */
	const char *aliases;   /* templates only: the raw alias field */
	uint32_t file, line;   /* where it was defined (file index, 1-based line) */
	uint32_t parent_id;    /* resolved at finish, GX_NONE if none */
	uint8_t coarse, flags;
} gx_entity;

/* One claim of a surface by an entity; several claims of the same surface
 * chain through `next` (an ambiguous surface). */
typedef struct {
	uint32_t entity, next, file, line;
	int local; /* a local= alias: it names the entity only in a text about its place */
} gx_claim;

/* A folded surface (its key in by_surface) and the head of its claim chain. */
typedef struct {
	const char *key;
	uint32_t len, head;
} gx_surface;

typedef struct gx_trie gx_trie;
typedef struct gx_pattern_set gx_pattern_set;
typedef struct gx_context_rules gx_context_rules;

struct gx_lexicon {
	GX_VEC(gx_entity) ents;
	GX_VEC(gx_claim) claims;
	GX_VEC(char *) files;
	gx_strmap by_name;           /* folded canonical -> entity */
	gx_strmap by_surface;        /* folded surface -> index in `surfaces` */
	GX_VEC(gx_surface) surfaces; /* in the order they were first claimed */
	gx_strmap strings;           /* interned types, parents, short forms */
	gx_arena names;              /* canonical names */
	gx_trie *trie;
	gx_trie *city_names, *province_names; /* name -> place, for context votes */
	gx_trie *stopwords;                   /* words that do not begin a name */
	gx_strmap words; /* common two-character words, folded (DIR/words.txt) */
	gx_pattern_set *patterns;
	gx_context_rules *context;
	gx_buf scratch;        /* the fold of the name being added (loading only) */
	const char *last_type; /* interned type of the last entity added */
	gx_diag_fn diag;
	void *diag_payload;
	size_t n_errors, n_warnings, n_ambiguous;
	int finished;
};

/* Folds (Traditional → Simplified, full → half width) `s` into `out`. */
void gx_lexicon__fold(gx_buf *out, const char *s, size_t len);
/* Reports a diagnostic through the lexicon's callback and counts it. */
void gx_lexicon__diag(gx_lexicon *lx, int severity, uint32_t file, uint32_t line, const char *fmt,
		      ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
const char *gx_lexicon__intern(gx_lexicon *lx, const char *s, size_t len);
/* Parses a type string; returns its coarse index or -1 if unknown. */
int gx_lexicon__parse_type(const char *type, size_t len);
/* Adds an entity (canonical as written); returns its index. If the canonical
 * exists, returns the existing index and sets `*dup`. */
uint32_t gx_lexicon__add_entity(gx_lexicon *lx, const char *name, size_t len, const char *type,
				uint32_t file, uint32_t line, int *dup);
/* Claims surface `s` for `entity`. */
void gx_lexicon__add_surface(gx_lexicon *lx, const char *s, size_t len, uint32_t entity,
			     uint32_t file, uint32_t line);
/* The same for a local= alias (gx_claim.local), unless `entity` already
 * claims `s` without condition. */
void gx_lexicon__add_local_surface(gx_lexicon *lx, const char *s, size_t len, uint32_t entity,
				   uint32_t file, uint32_t line);
/* Entity by folded canonical name, or GX_NONE. */
uint32_t gx_lexicon__find(const gx_lexicon *lx, const char *name, size_t len);
/* Loads dictionary lines from `fp` as the file `name` (what
 * gx_lexicon_load_dict does once the file is open; fuzz targets pass a
 * memory stream). Same return codes. */
int gx_lexicon__load_dict_stream(gx_lexicon *lx, FILE *fp, const char *name);
/* Loads a word list (one word a line, # comments) into lx->stopwords. */
int gx_lexicon__load_stopwords(gx_lexicon *lx, const char *path);
/* Loads a word list into lx->words (two-character words; others are
 * never looked up). */
int gx_lexicon__load_words(gx_lexicon *lx, const char *path);
/* Head of the claim chain of a folded surface, or GX_NONE. */
uint32_t gx_lexicon__surface(const gx_lexicon *lx, const char *folded, size_t len);

#endif
