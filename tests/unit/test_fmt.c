/* gx_fmt_g10 against snprintf("%.10g"): hand-picked values (ties, carries
 * into a new digit, the fixed/exponent boundaries, the extremes of double)
 * and millions of random ones of three kinds: any bit pattern, decimals of
 * at most eleven digits (where ties and near-ties live), and uniform
 * mantissas over 40 decades. */
#include "core/fmt.h"
#include "harness.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t state = 88172645463325252ULL;

static uint64_t next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static int same(double x)
{
	char a[64], b[64];

	snprintf(a, sizeof a, "%.10g", x);
	gx_fmt_g10(b, x);
	if (strcmp(a, b) == 0)
		return 1;
	printf("%.17g: printf '%s', gx_fmt_g10 '%s'\n", x, a, b);
	return 0;
}

static void test_chosen(void)
{
	static const double v[] = {0,
				   1,
				   0.1,
				   0.5,
				   2.5,
				   1e-5,
				   0.0001,
				   0.00009999999999,
				   9.9999999995,
				   9.99999999949,
				   999999999.95,
				   1e9,
				   1e10,
				   12345678905.0,
				   1234567890.5,
				   123456789012.0,
				   99999.999995,
				   5.849518441,
				   -1.76635934,
				   5e-324,
				   2.2250738585072014e-308,
				   1.7976931348623157e308};
	size_t i;
	int bad = 0;

	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		bad += !same(v[i]) + !same(-v[i]);
	GX_CHECK_INT(bad, 0);
}

static void test_random(void)
{
	long n, bad = 0;

	for (n = 0; n < 3000000 && bad < 5; n++) {
		uint64_t r = next();
		double x;

		if (n % 3 == 0) {
			memcpy(&x, &r, sizeof x);
			if (!isfinite(x))
				continue;
		} else if (n % 3 == 1) {
			x = (double)(r % 100000000000ULL) / pow(10, (int)(r >> 58) % 16);
		} else {
			x = (double)(r >> 11) / 9007199254740992.0 *
			    pow(10, (int)((r >> 3) % 40) - 20);
		}
		bad += !same(n & 8 ? -x : x);
	}
	GX_CHECK_INT(bad, 0);
}

int main(void)
{
	test_chosen();
	test_random();
	return gx_test_done();
}
