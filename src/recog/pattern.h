/* Pattern recognisers: PCRE2 rules, read from a data file, for names no
 * dictionary holds (README.md "Patterns"). Rules run on folded text
 * (Simplified, half-width), so one rule covers every spelling. */
#ifndef GX_RECOG_PATTERN_H
#define GX_RECOG_PATTERN_H

#include "core/vec.h"
#include "guanxi/guanxi.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct gx_pattern_set gx_pattern_set;
typedef struct gx_pattern_scratch gx_pattern_scratch;

typedef struct {
	uint32_t start, end; /* byte offsets of the name in the subject */
	uint32_t rule;
} gx_pattern_hit;

typedef GX_VEC(gx_pattern_hit) gx_pattern_hit_vec;

/* Parses `path` and appends its rules to `*set` (created if NULL). Problems
 * go to `diag` with file:line; GX_EINVAL if any rule is bad, GX_EIO if the
 * file cannot be read. */
int gx_pattern_set_load(gx_pattern_set **set, const char *path, gx_diag_fn diag, void *payload);
/* The same on lines read from `fp`, reported as the file `name`. */
int gx_pattern_set_load_stream(gx_pattern_set **set, FILE *fp, const char *name, gx_diag_fn diag,
			       void *payload);
void gx_pattern_set_free(gx_pattern_set *set);
size_t gx_pattern_set_count(const gx_pattern_set *set);
const char *gx_pattern_rule_type(const gx_pattern_set *set, uint32_t rule);

/* Per-thread match state. */
gx_pattern_scratch *gx_pattern_scratch_new(const gx_pattern_set *set);
void gx_pattern_scratch_free(gx_pattern_scratch *s);

/* Where the rules' heads (README.md "Patterns": the literals one of which
 * every match of a rule holds) occur in `subj`: last[r] (room for every
 * rule of the set) is the offset of the last head of rule r, GX_HEAD_NONE if
 * none occurs, GX_HEAD_ANY for a rule without known heads. One pass over
 * `subj` for all rules. With a scratch `s` (else NULL), it also keeps the
 * places where each name rule's matches can start, for gx_pattern_scan()
 * on the same `subj`. */
#define GX_HEAD_NONE UINT32_MAX
#define GX_HEAD_ANY  (UINT32_MAX - 1)
void gx_pattern_heads(const gx_pattern_set *set, gx_pattern_scratch *s, const char *subj,
		      size_t len, uint32_t *last);
/* The number of rules, for sizing `last`. */
size_t gx_pattern_set_size(const gx_pattern_set *set);

/* Appends every hit of the standalone ("name") rules in `subj`; `last` as
 * gx_pattern_heads() filled it for `subj`. If that call was given `s`,
 * each rule is tried only where its matches can start (the same hits). */
void gx_pattern_scan(const gx_pattern_set *set, gx_pattern_scratch *s, const char *subj, size_t len,
		     const uint32_t *last, gx_pattern_hit_vec *out);
/* The same, every rule tried at every place: what gx_pattern_scan() must
 * equal (for the tests), unless a rule gave up at PCRE2's match limit at a
 * place where it cannot match, which only the full scan tries. */
void gx_pattern__scan_everywhere(const gx_pattern_set *set, gx_pattern_scratch *s, const char *subj,
				 size_t len, const uint32_t *last, gx_pattern_hit_vec *out);
/* How many matches `s` gave up at the match limit so far. */
size_t gx_pattern__given_up(const gx_pattern_scratch *s);
/* 1 if `rule` is a name rule with neither heads nor leads: it is tried at
 * every place of every sentence. */
int gx_pattern__everywhere(const gx_pattern_set *set, uint32_t rule);
/* Tries the "after" rules whose parent type matches `parent_type` anchored
 * at `at`; on success fills `*hit` with the longest extension and returns 1.
 * `last` as gx_pattern_heads() filled it for `subj`. */
int gx_pattern_extend(const gx_pattern_set *set, gx_pattern_scratch *s, const char *subj,
		      size_t len, size_t at, const char *parent_type, const uint32_t *last,
		      gx_pattern_hit *hit);
/* gx_pattern_extend() for extensions that end before `below`: the next
 * longest, when the longest is no name. */
int gx_pattern_extend_below(const gx_pattern_set *set, gx_pattern_scratch *s, const char *subj,
			    size_t len, size_t at, size_t below, const char *parent_type,
			    const uint32_t *last, gx_pattern_hit *hit);
/* 1 if rule `r` matches the whole of `name` (a name trimmed on the left must
 * still have the shape its rule asked for). */
int gx_pattern_fits(const gx_pattern_set *set, gx_pattern_scratch *s, uint32_t r, const char *name,
		    size_t len);
/* 1 if the folded candidate name matches a reject rule. */
int gx_pattern_rejected(const gx_pattern_set *set, gx_pattern_scratch *s, const char *name,
			size_t len);

/* Helpers shared with the context rules: compile one PCRE2 expression in
 * UTF/UCP mode with JIT; NULL on error, message in `err`. */
void *gx_pcre_compile(const char *re, char *err, size_t errlen);
void gx_pcre_free(void *code);

/* Matches compiled expression `code` anchored at the start of `s`; returns
 * the length of the match, or -1 if none. For the context rules. */
long gx_pcre_prefix(void *code, const char *s, size_t len);

#endif
