/* The dictionary matcher: a double-array trie over folded code points,
 * walked over the ORIGINAL bytes of a document. Folding (Traditional →
 * Simplified, full → half width) happens per code point through one table
 * lookup, so documents are never converted, and reported offsets are those
 * of the file.
 *
 * Surfaces are collected first and the trie is built once, from the sorted
 * surfaces, by gx_trie_finish(): a million-entry dictionary is built in a
 * fraction of a second, and the array keeps the first levels (where most
 * walks end) together in memory. */
#ifndef GX_RECOG_TRIE_H
#define GX_RECOG_TRIE_H

#include <stddef.h>
#include <stdint.h>

typedef struct gx_trie gx_trie;

gx_trie *gx_trie_new(void);
void gx_trie_free(gx_trie *t);
/* Adds a surface given in folded UTF-8 with its value (replacing the value
 * of an earlier add of the same surface). A surface that is empty or not
 * valid UTF-8 is ignored. Only before gx_trie_finish(). A copy is kept until
 * then. */
void gx_trie_add(gx_trie *t, const char *folded, size_t len, uint32_t value);
/* The same without a copy: `folded` must stay valid until gx_trie_finish(). */
void gx_trie_add_borrowed(gx_trie *t, const char *folded, size_t len, uint32_t value);
/* Builds the trie; it is read-only (and shareable between threads)
 * afterwards. */
void gx_trie_finish(gx_trie *t);

/* Longest surface that starts at `s` (valid or invalid UTF-8, `len` bytes
 * available). Returns its value and sets `*match_len` to the bytes it spans in
 * the original text, or returns UINT32_MAX if none starts there. */
uint32_t gx_trie_longest(const gx_trie *t, const unsigned char *s, size_t len, size_t *match_len);

/* The symbol string of a text, for gx_trie_scan(): one symbol per code point
 * of `s` (an invalid byte counts as one code point), 0 for a code point that
 * occurs in no surface, for at most `max` code points. `sym` and `off` need
 * room for `max` entries, `off` one more: off[k] is the byte offset of code
 * point k, off[count] where the next one would start. Returns the count. */
size_t gx_trie_symbolize(const gx_trie *t, const unsigned char *s, size_t len, size_t max,
			 uint32_t *sym, uint32_t *off);

/* The longest surface starting at a position of a symbol string. */
typedef struct {
	uint32_t start; /* index of its first code point */
	uint32_t len;   /* code points */
	uint32_t value;
} gx_trie_match;

/* For each position k < `starts` of `sym` (n symbols), the longest surface
 * that starts there and ends by n: writes one match per position where one
 * does to `out` (room for `starts`), in position order, and returns how
 * many. Allocates nothing; O(n × the depth walked). */
size_t gx_trie_scan(const gx_trie *t, const uint32_t *sym, size_t n, size_t starts,
		    gx_trie_match *out);

/* The longest surface's length in code points. */
size_t gx_trie_max_len(const gx_trie *t);

/* 1 if some surface starts with the (unfolded) code point `cp`. */
int gx_trie_starts(const gx_trie *t, uint32_t cp);

/* Slots of the double array (a measure of its size). */
size_t gx_trie_states(const gx_trie *t);

#endif
