/* Reading PCRE2 expressions (UTF mode) without compiling them: what they
 * can consume, a superset of the code points any match takes in, and
 * whether they have a top-level alternation. A pattern rule's part before
 * its head can only start a match where the text up to the head is made of
 * such characters (README.md "Patterns"), so it need not be tried
 * elsewhere. */
#ifndef GX_RECOG_REGEX_H
#define GX_RECOG_REGEX_H

#include <stddef.h>
#include <stdint.h>

/* Sorted, disjoint, non-adjacent ranges of code points. */
typedef struct {
	uint32_t *lo, *hi;
	size_t n;
} gx_charset;

/* Adds to `set` (zeroed at first) the code points that re[0, len) can
 * consume and returns 1; returns 0, leaving `set` as it was, when the
 * expression holds something this reading does not know, which must then
 * be taken to consume anything. Lookarounds consume nothing: what they
 * look at is not counted. */
int gx_regex_consumes(gx_charset *set, const char *re, size_t len);

/* 1 if re[0, len) has a '|' outside every group (or if that is not sure):
 * it is then an alternation, and what holds for its start holds for its
 * first alternative only. */
int gx_regex_alternates(const char *re, size_t len);

/* A lookbehind at the start of an expression, (?<=A|B|…), whose
 * alternatives are each ^, one character class or a plain literal, maybe
 * followed by a negative lookahead of plain literals (获(?!得|批): after 获,
 * but not where 得 or 批 follows): it can be tested without PCRE2, and a
 * match can only start where it holds. */
typedef struct {
	int caret;        /* ^ is an alternative: it holds at the start of the subject */
	gx_charset chars; /* the one-character alternatives */
	size_t n_lits;    /* the literal alternatives, by their last code point: */
	char **lits;
	size_t *lens;
	char **nots; /* what may not follow each: literals, each NUL-ended, then a NUL; or NULL */
	uint32_t *last;
	uint64_t seen[64]; /* bit (last & 4095) of every literal's last code point */
} gx_lookbehind;

/* Reads such a lookbehind at the start of re[0, len) into `lb` and returns
 * 1; 0 if there is none, or if `re` is an alternation (the lookbehind would
 * only start its first alternative). */
int gx_regex_lookbehind(const char *re, size_t len, gx_lookbehind *lb);
/* 1 if `lb` holds at offset `p` (a character boundary) of UTF-8 `subj`
 * (`len` bytes). */
int gx_lookbehind_holds(const gx_lookbehind *lb, const char *subj, size_t len, size_t p);
void gx_lookbehind_free(gx_lookbehind *lb);
/* The index in `re` after the lookbehind that opens it, (?<=…), or 0. */
size_t gx_regex_lookbehind_end(const char *re);

/* `re` with each negative lookahead of many branches that all begin with a
 * literal character, such as %STOP%, rewritten to try only the branches
 * that begin with the next character (a binary search over conditional
 * groups): the same assertion, far fewer comparisons. A new string (free
 * it), or NULL if nothing is rewritten. */
char *gx_regex_dispatch_lookaheads(const char *re);

/* 1 if `cp` is in `set`. */
int gx_charset_has(const gx_charset *set, uint32_t cp);

void gx_charset_free(gx_charset *set);

#endif
