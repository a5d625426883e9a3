/* Formatting doubles for the exports, fast. */
#ifndef GX_CORE_FMT_H
#define GX_CORE_FMT_H

#include <stddef.h>

/* Writes finite `x` to `out` (room for 32 bytes) exactly as
 * snprintf("%.10g") would, and returns its length. */
size_t gx_fmt_g10(char *out, double x);

/* Writes `v` in decimal to `out` (room for 21 bytes); returns its length. */
size_t gx_fmt_i64(char *out, long long v);

#endif
