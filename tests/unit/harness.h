/* A small test harness of our own: checks count failures and print where
 * and what; gx_test_done() prints the tally and gives the exit code. */
#ifndef GX_TEST_HARNESS_H
#define GX_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

static int gx_test_passed, gx_test_failed;

#define GX_CHECK(cond)                                                                             \
	do {                                                                                       \
		if (cond) {                                                                        \
			gx_test_passed++;                                                          \
		} else {                                                                           \
			gx_test_failed++;                                                          \
			printf("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);            \
		}                                                                                  \
	} while (0)

#define GX_CHECK_INT(a, b)                                                                         \
	do {                                                                                       \
		long long gx_a = (long long)(a), gx_b = (long long)(b);                            \
		if (gx_a == gx_b) {                                                                \
			gx_test_passed++;                                                          \
		} else {                                                                           \
			gx_test_failed++;                                                          \
			printf("%s:%d: %s == %s: %lld != %lld\n", __FILE__, __LINE__, #a, #b,      \
			       gx_a, gx_b);                                                        \
		}                                                                                  \
	} while (0)

#define GX_CHECK_STR(a, b)                                                                         \
	do {                                                                                       \
		const char *gx_a = (a), *gx_b = (b);                                               \
		if (strcmp(gx_a, gx_b) == 0) {                                                     \
			gx_test_passed++;                                                          \
		} else {                                                                           \
			gx_test_failed++;                                                          \
			printf("%s:%d: %s\n  got:      '%s'\n  expected: '%s'\n", __FILE__,        \
			       __LINE__, #a, gx_a, gx_b);                                          \
		}                                                                                  \
	} while (0)

static inline int gx_test_done(void)
{
	printf("%d passed, %d failed\n", gx_test_passed, gx_test_failed);
	return gx_test_failed ? 1 : 0;
}

#endif
