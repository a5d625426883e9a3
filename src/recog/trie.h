/* The dictionary matcher: a trie over folded code points, walked over the
 * ORIGINAL bytes of a document. Folding (Traditional → Simplified, full →
 * half width) happens per code point through one table lookup while walking,
 * so documents are never converted or copied, and reported offsets are those
 * of the file. */
#ifndef GX_RECOG_TRIE_H
#define GX_RECOG_TRIE_H

#include <stddef.h>
#include <stdint.h>

typedef struct gx_trie gx_trie;

gx_trie *gx_trie_new(void);
void gx_trie_free(gx_trie *t);
/* Adds a surface given in folded UTF-8 with its value (replacing an older
 * value for the same surface). Only before gx_trie_finish(). */
void gx_trie_add(gx_trie *t, const char *folded, size_t len, uint32_t value);
/* Builds the per-code-point symbol table; the trie is read-only afterwards. */
void gx_trie_finish(gx_trie *t);

/* Longest surface that starts at `s` (valid or invalid UTF-8, `len` bytes
 * available). Returns its value and sets `*match_len` to the bytes it spans in
 * the original text, or returns UINT32_MAX if none starts there. */
uint32_t gx_trie_longest(const gx_trie *t, const unsigned char *s, size_t len,
			 size_t *match_len);

/* 1 if some surface starts with the (unfolded) code point `cp`. */
int gx_trie_starts(const gx_trie *t, uint32_t cp);

size_t gx_trie_states(const gx_trie *t);

#endif
