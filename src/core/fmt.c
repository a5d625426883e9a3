/* "%.10g" without printf: the exports write some 17 million numbers for a
 * network of 640k edges, and glibc's printf spends about 300 ns on each
 * (it expands the binary value exactly); this takes about a third of that.
 *
 * The value is scaled to ten integer digits in long double (64-bit
 * mantissa), where the scaling errs by a few units in the last of 19-20
 * digits. Rounding that to ten digits gives printf's answer unless the
 * scaled value lies within 1e-6 of a half: there (about one value in a
 * million, the exact ties among them) printf itself decides.
 * tests/unit/test_fmt.c compares both on millions of values. */
#include "core/fmt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>

/* 10^k: exact for 0 <= k <= 27 (the long double holds them); 1/10^-k below */
static long double power10(int k)
{
	static const long double pos[28] = {1e0L,  1e1L,  1e2L,  1e3L,  1e4L,  1e5L,  1e6L,
					    1e7L,  1e8L,  1e9L,  1e10L, 1e11L, 1e12L, 1e13L,
					    1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L, 1e20L,
					    1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L, 1e27L};

	if (k >= 0 && k < 28)
		return pos[k];
	if (k < 0 && k > -28)
		return 1 / pos[-k];
	return powl(10, k);
}

/* The ten significant digits of x > 0 and its decimal exponent, or -1 when
 * the rounding is too close to call */
static int digits(double x, char d[10], int *exp10)
{
	long double s;
	uint64_t m;
	int e, e2, i;

	frexp(x, &e2);
	e = (int)floor((e2 - 1) * 0.30102999566398120); /* log10(2) */
	for (;;) {
		s = e >= 9 ? (long double)x / power10(e - 9) : (long double)x * power10(9 - e);
		if (fabsl(s - floorl(s) - 0.5L) < 1e-6L)
			return -1;
		m = (uint64_t)llrintl(s);
		if (m >= 10000000000ULL)
			e++;
		else if (m < 1000000000ULL)
			e--;
		else
			break;
	}
	for (i = 9; i >= 0; i--) {
		d[i] = (char)('0' + m % 10);
		m /= 10;
	}
	*exp10 = e;
	return 0;
}

/* %g's layout of digits d[0..n) with exponent e */
static char *layout(char *p, const char *d, int n, int e)
{
	int i;

	if (e >= -4 && e < 10) {
		if (e >= 0) {
			for (i = 0; i <= e; i++)
				*p++ = i < n ? d[i] : '0';
			if (n > e + 1)
				*p++ = '.';
			for (i = e + 1; i < n; i++)
				*p++ = d[i];
		} else {
			*p++ = '0';
			*p++ = '.';
			for (i = 0; i < -e - 1; i++)
				*p++ = '0';
			for (i = 0; i < n; i++)
				*p++ = d[i];
		}
		return p;
	}
	*p++ = d[0];
	if (n > 1)
		*p++ = '.';
	for (i = 1; i < n; i++)
		*p++ = d[i];
	return p + sprintf(p, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
}

size_t gx_fmt_i64(char *out, long long v)
{
	char tmp[24], *p = out;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	size_t n = 0;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*p++ = '-';
	while (n)
		*p++ = tmp[--n];
	*p = '\0';
	return (size_t)(p - out);
}

size_t gx_fmt_g10(char *out, double x)
{
	char d[10], *p = out;
	int e, n;

	if (x == 0 || !isfinite(x) || digits(fabs(x), d, &e) < 0)
		return (size_t)sprintf(out, "%.10g", x);
	if (x < 0)
		*p++ = '-';
	for (n = 10; n > 1 && d[n - 1] == '0'; n--)
		;
	p = layout(p, d, n, e);
	*p = '\0';
	return (size_t)(p - out);
}
