/* Error codes and the thread-local last-error message (libgit2 style). */
#ifndef GX_CORE_ERROR_H
#define GX_CORE_ERROR_H

#include "guanxi/guanxi.h"

/* Sets the thread's last error message (printf format) and returns `code`,
 * so that `return gx_error_set(GX_EIO, "...")` reads naturally. */
int gx_error_set(int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Clears the thread's last error message. */
void gx_error_clear(void);

#endif
