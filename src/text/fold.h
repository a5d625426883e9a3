/* Per-code-point folding for matching: Traditional → Simplified (OpenCC's
 * character tables, generated into fold_data.c by scripts/make-fold) and
 * full-width → half-width. Folding one code point at a time keeps offsets
 * those of the original text (STYLE.md text/fold). */
#ifndef GX_TEXT_FOLD_H
#define GX_TEXT_FOLD_H

#include <stddef.h>
#include <stdint.h>

extern const uint32_t gx_fold_pairs[][2];
extern const size_t gx_fold_pair_count;

/* Builds the lookup table; thread-safe and idempotent (pthread_once).
 * gx_fold_cp() calls it, so calling it first only moves the cost. */
void gx_fold_init(void);

/* The BMP table and whether it is built (set by gx_fold_init, with release
 * order: a thread that reads it set sees the whole table). */
extern uint16_t gx_fold_table[0x10000];
extern _Atomic int gx_fold_ready;

/* The folded form of `cp`: U+FF01..U+FF5E → ASCII, U+3000 → space, then
 * Traditional → Simplified; any other code point is returned unchanged.
 * Inline: the matcher folds every character of a corpus. */
static inline uint32_t gx_fold_cp(uint32_t cp)
{
	if (!gx_fold_ready)
		gx_fold_init();
	return cp < 0x10000 ? gx_fold_table[cp] : cp;
}

#endif
