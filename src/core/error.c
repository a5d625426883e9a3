/* The last error message lives in thread-local storage so that worker threads
 * never see each other's messages; callers read it right after a failure. */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char last_msg[1024];

int gx_error_set(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_msg, sizeof last_msg, fmt, ap);
	va_end(ap);
	return code;
}

void gx_error_clear(void)
{
	last_msg[0] = '\0';
}

const char *gx_error_last(void)
{
	return last_msg[0] ? last_msg : "no error";
}
