/* A reading of PCRE2 syntax that mostly asks which characters could be
 * consumed: literals, escapes of one character, classes (negated ones
 * too), groups and alternations (the union of their parts), quantifiers
 * (which change how many, not which). Lookarounds and assertions consume
 * nothing. Whatever else appears (`.`, \d, \p{..}, back references,
 * recursion, verbs, option settings, \Q…\E, comments, POSIX classes) makes
 * the answer "unknown", which callers take as "any character": a wrong
 * answer here would make a rule miss a match, so doubt always widens. */
#include "recog/regex.h"

#include "core/buf.h"
#include "core/utf8.h"
#include "core/vec.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Distinct first characters from which a lookahead is worth rewriting, and
 * up to which branches are tried in turn. */
#define DISPATCH_MIN  16
#define DISPATCH_LEAF 8

#define MAX_CP  0x10FFFFu
#define NO_CHAR UINT32_MAX /* an escape that is an assertion: \b, \A … */

typedef struct {
	uint32_t lo, hi;
} range;

typedef GX_VEC(range) range_vec;

static void add(range_vec *v, uint32_t lo, uint32_t hi)
{
	range r = {lo, hi};

	GX_VEC_PUSH(v, r);
}

static int by_lo(const void *a, const void *b)
{
	const range *x = a, *y = b;

	return (x->lo > y->lo) - (x->lo < y->lo);
}

/* Sorts and merges overlapping or adjacent ranges in place. */
static void normalise(range_vec *v)
{
	size_t i, k = 0;

	if (v->len == 0)
		return;
	qsort(v->ptr, v->len, sizeof *v->ptr, by_lo);
	for (i = 1; i < v->len; i++) {
		if (v->ptr[i].lo <= v->ptr[k].hi + 1) {
			if (v->ptr[i].hi > v->ptr[k].hi)
				v->ptr[k].hi = v->ptr[i].hi;
		} else {
			v->ptr[++k] = v->ptr[i];
		}
	}
	v->len = k + 1;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* \x{h…} or \xhh (up to two digits, none meaning 0) at re[i]; its length. */
static size_t hex_escape(const char *re, size_t i, size_t len, uint32_t *cp)
{
	size_t j = i + 2;

	*cp = 0;
	if (j < len && re[j] == '{') {
		for (j++; j < len && hex_digit(re[j]) >= 0 && *cp <= MAX_CP; j++)
			*cp = *cp * 16 + (uint32_t)hex_digit(re[j]);
		return j < len && re[j] == '}' && j > i + 3 && *cp <= MAX_CP ? j + 1 - i : 0;
	}
	for (; j < len && j < i + 4 && hex_digit(re[j]) >= 0; j++)
		*cp = *cp * 16 + (uint32_t)hex_digit(re[j]);
	return j - i;
}

/* The escape at re[i] (a backslash): its length, with `*cp` the character
 * it stands for, or NO_CHAR for an assertion; 0 for anything else. In a
 * class, \b is a backspace and there are no assertions. */
static size_t escape(const char *re, size_t i, size_t len, int in_class, uint32_t *cp)
{
	static const char controls[] = "a\ae\033f\fn\nr\rt\t";
	unsigned char c;
	const char *k;
	size_t n;

	if (i + 1 >= len)
		return 0;
	c = (unsigned char)re[i + 1];
	if (c >= 0x80) { /* an escaped non-ASCII character is itself */
		*cp = gx_utf8_decode((const unsigned char *)re + i + 1, len - i - 1, &n);
		return *cp == GX_UTF8_INVALID ? 0 : 1 + n;
	}
	*cp = c;
	if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
		return 2;
	if (c == 'x')
		return hex_escape(re, i, len, cp);
	if (c == 'b' && in_class) {
		*cp = '\b';
		return 2;
	}
	if ((k = strchr(controls, c)) != NULL && (k - controls) % 2 == 0) {
		*cp = (unsigned char)k[1];
		return 2;
	}
	if (!in_class && strchr("bBAzZG", c)) {
		*cp = NO_CHAR;
		return 2;
	}
	return 0;
}

/* One character at re[i] inside a class (a literal or an escape): its
 * length and `*cp`; 0 if unknown. */
static size_t class_char(const char *re, size_t i, size_t len, uint32_t *cp)
{
	size_t n;

	if (re[i] == '\\')
		return escape(re, i, len, 1, cp);
	if (re[i] == '[' && i + 1 < len && strchr(":.=", re[i + 1]))
		return 0; /* a POSIX class */
	*cp = gx_utf8_decode((const unsigned char *)re + i, len - i, &n);
	return *cp == GX_UTF8_INVALID ? 0 : n;
}

/* Adds the complement of `cls` (normalised) to `out`. */
static void add_complement(range_vec *out, const range_vec *cls)
{
	uint32_t next = 0;
	size_t k;

	for (k = 0; k < cls->len; k++) {
		if (cls->ptr[k].lo > next)
			add(out, next, cls->ptr[k].lo - 1);
		next = cls->ptr[k].hi + 1;
	}
	if (next <= MAX_CP)
		add(out, next, MAX_CP);
}

/* The class opening at re[i] ('['): adds what it matches to `out` and
 * returns the index after its ']', or 0 if unknown or unterminated. */
static size_t read_class(const char *re, size_t i, size_t len, range_vec *out)
{
	range_vec cls = {0};
	size_t j = i + 1, n, m;
	int negated = j < len && re[j] == '^', first = 1;
	uint32_t lo, hi;

	j += (size_t)negated;
	while (j < len && (re[j] != ']' || first)) {
		first = 0;
		if ((n = class_char(re, j, len, &lo)) == 0)
			break;
		j += n;
		hi = lo;
		if (j + 1 < len && re[j] == '-' && re[j + 1] != ']') {
			if ((m = class_char(re, j + 1, len, &hi)) == 0 || hi < lo)
				break;
			j += 1 + m;
		}
		add(&cls, lo, hi);
	}
	if (j >= len || re[j] != ']') {
		GX_VEC_FREE(&cls);
		return 0;
	}
	normalise(&cls);
	if (negated) {
		add_complement(out, &cls);
	} else {
		for (n = 0; n < cls.len; n++)
			add(out, cls.ptr[n].lo, cls.ptr[n].hi);
	}
	GX_VEC_FREE(&cls);
	return j + 1;
}

/* The index after the ')' that closes the group opening at re[i], or 0.
 * Escapes and classes are read as such, so a ')' inside them does not
 * count; what the group consumes does not matter here. */
static size_t group_end(const char *re, size_t i, size_t len)
{
	range_vec scratch = {0};
	size_t depth = 0, n;
	uint32_t cp;

	while (i < len) {
		if (re[i] == '\\') {
			if (i + 1 >= len || re[i + 1] == 'Q' || re[i + 1] == 'c')
				break; /* \Q…\E and \cX may hold a ')' */
			n = escape(re, i, len, 0, &cp);
			i += n ? n : 2; /* \p{..}, \d …: no ')' in them */
		} else if (re[i] == '[') {
			scratch.len = 0;
			if ((i = read_class(re, i, len, &scratch)) == 0)
				break;
		} else if (re[i] == '(' && i + 2 < len && re[i + 1] == '?' && re[i + 2] == '#') {
			break; /* a comment may hold anything */
		} else {
			if (re[i] == '(')
				depth++;
			else if (re[i] == ')' && --depth == 0) {
				GX_VEC_FREE(&scratch);
				return i + 1;
			}
			i++;
		}
	}
	GX_VEC_FREE(&scratch);
	return 0;
}

static int starts(const char *re, size_t i, size_t len, const char *s)
{
	size_t n = strlen(s);

	return i + n <= len && memcmp(re + i, s, n) == 0;
}

/* At re[i] == '(': the index of the group's first item for a group whose
 * content is consumed (plain, non-capturing, named, atomic, branch
 * reset), the index after the group for a lookaround (nothing consumed),
 * or 0 for any other kind. */
static size_t open_group(const char *re, size_t i, size_t len)
{
	static const char *const consuming[] = {"(?:", "(?>", "(?|", NULL};
	static const char *const looking[] = {"(?=", "(?!", "(?<=", "(?<!", NULL};
	const char *close;
	size_t k;

	for (k = 0; looking[k]; k++)
		if (starts(re, i, len, looking[k]))
			return group_end(re, i, len);
	for (k = 0; consuming[k]; k++)
		if (starts(re, i, len, consuming[k]))
			return i + 3;
	if (i + 1 < len && re[i + 1] != '?' && re[i + 1] != '*')
		return i + 1; /* a capturing group */
	if (starts(re, i, len, "(?<") || starts(re, i, len, "(?P<") || starts(re, i, len, "(?'")) {
		close = memchr(re + i + 3, re[i + 2] == '\'' ? '\'' : '>', len - i - 3);
		return close ? (size_t)(close - re) + 1 : 0;
	}
	return 0;
}

/* At re[i] == '{': the index after a quantifier {n}, {n,} or {n,m}; 0 if
 * this is no such quantifier (then PCRE2 reads the brace as a literal). */
static size_t quantifier_end(const char *re, size_t i, size_t len)
{
	size_t j = i + 1, digits = 0;

	while (j < len && re[j] >= '0' && re[j] <= '9')
		j++, digits++;
	if (digits == 0)
		return 0;
	if (j < len && re[j] == ',')
		for (j++; j < len && re[j] >= '0' && re[j] <= '9'; j++)
			;
	return j < len && re[j] == '}' ? j + 1 : 0;
}

/* One item at re[i], its characters added to `v`: the index after it, or 0
 * if unknown. */
static size_t read_item(const char *re, size_t i, size_t len, range_vec *v)
{
	unsigned char c = (unsigned char)re[i];
	uint32_t cp;
	size_t n;

	if (c == '\\') {
		if ((n = escape(re, i, len, 0, &cp)) != 0 && cp != NO_CHAR)
			add(v, cp, cp);
		return n ? i + n : 0;
	}
	if (c == '[')
		return read_class(re, i, len, v);
	if (c == '(')
		return open_group(re, i, len);
	if (c == '{' && (n = quantifier_end(re, i, len)) != 0)
		return n;
	if (c == '.')
		return 0;
	if (strchr(")|?*+^$", c))
		return i + 1; /* structure, quantifiers and anchors consume nothing */
	cp = gx_utf8_decode((const unsigned char *)re + i, len - i, &n);
	if (cp == GX_UTF8_INVALID)
		return 0;
	add(v, cp, cp); /* a literal (a '{' that starts no quantifier too) */
	return i + n;
}

int gx_regex_consumes(gx_charset *set, const char *re, size_t len)
{
	range_vec v = {0};
	size_t i = 0, k;

	for (k = 0; k < set->n; k++)
		add(&v, set->lo[k], set->hi[k]);
	while (i < len && (i = read_item(re, i, len, &v)) != 0)
		;
	if (i != len) {
		GX_VEC_FREE(&v);
		return 0;
	}
	normalise(&v);
	set->n = v.len;
	set->lo = gx_xrealloc(set->lo, (v.len + 1) * sizeof *set->lo);
	set->hi = gx_xrealloc(set->hi, (v.len + 1) * sizeof *set->hi);
	for (k = 0; k < v.len; k++) {
		set->lo[k] = v.ptr[k].lo;
		set->hi[k] = v.ptr[k].hi;
	}
	GX_VEC_FREE(&v);
	return 1;
}

int gx_regex_alternates(const char *re, size_t len)
{
	range_vec scratch = {0};
	size_t i = 0;
	uint32_t cp;

	while (i < len && re[i] != '|') {
		if (re[i] == '\\') {
			size_t n = escape(re, i, len, 0, &cp);

			if (i + 1 >= len || re[i + 1] == 'Q' || re[i + 1] == 'c')
				break;
			i += n ? n : 2;
		} else if (re[i] == '[') {
			scratch.len = 0;
			if ((i = read_class(re, i, len, &scratch)) == 0)
				break;
		} else if (re[i] == '(') {
			if ((i = group_end(re, i, len)) == 0)
				break;
		} else {
			i++;
		}
	}
	GX_VEC_FREE(&scratch);
	return i < len;
}

/* Makes `lb->chars` of the ranges `v`. */
static void set_chars(gx_lookbehind *lb, range_vec *v)
{
	size_t k;

	normalise(v);
	lb->chars.n = v->len;
	lb->chars.lo = gx_xmalloc((v->len + 1) * sizeof *lb->chars.lo);
	lb->chars.hi = gx_xmalloc((v->len + 1) * sizeof *lb->chars.hi);
	for (k = 0; k < v->len; k++) {
		lb->chars.lo[k] = v->ptr[k].lo;
		lb->chars.hi[k] = v->ptr[k].hi;
	}
}

static uint32_t last_cp(const char *s, size_t len)
{
	size_t q = len - 1, n;

	while (q > 0 && ((unsigned char)s[q] & 0xC0) == 0x80)
		q--;
	return gx_utf8_decode((const unsigned char *)s + q, len - q, &n);
}

static void add_literal(gx_lookbehind *lb, const char *s, size_t len, char *nots)
{
	size_t k = lb->n_lits++;
	uint32_t cp = last_cp(s, len);

	lb->lits = gx_xrealloc(lb->lits, lb->n_lits * sizeof *lb->lits);
	lb->lens = gx_xrealloc(lb->lens, lb->n_lits * sizeof *lb->lens);
	lb->nots = gx_xrealloc(lb->nots, lb->n_lits * sizeof *lb->nots);
	lb->last = gx_xrealloc(lb->last, lb->n_lits * sizeof *lb->last);
	/* kept sorted by last code point: the literals a place may end are
	 * then found by a binary search */
	for (; k > 0 && lb->last[k - 1] > cp; k--) {
		lb->lits[k] = lb->lits[k - 1];
		lb->lens[k] = lb->lens[k - 1];
		lb->nots[k] = lb->nots[k - 1];
		lb->last[k] = lb->last[k - 1];
	}
	lb->lits[k] = gx_xmalloc(len + 1);
	memcpy(lb->lits[k], s, len);
	lb->lits[k][len] = '\0';
	lb->lens[k] = len;
	lb->nots[k] = nots;
	lb->last[k] = cp;
	lb->seen[(cp & 4095) / 64] |= (uint64_t)1 << (cp % 64);
}

static size_t plain_run(const char *re, size_t i, size_t stop)
{
	while (i < stop && !strchr("\\[](){}?*+.^$|", re[i]))
		i++;
	return i;
}

/* A negative lookahead of plain literals at re[i], (?!a|b), as the list
 * gx_lookbehind.nots holds; *end is set after it. NULL if there is none. */
static char *read_nots(const char *re, size_t i, size_t stop, size_t *end)
{
	size_t close, j, k = 0;
	char *list;

	if (stop - i < 4 || memcmp(re + i, "(?!", 3) != 0 ||
	    (close = group_end(re, i, stop)) == 0 || close - 1 <= i + 3 || re[close - 2] == '|')
		return NULL; /* none, or one that an empty alternative makes always fail */
	list = gx_xmalloc(close - i + 1);
	for (j = i + 3; j < close - 1; j++) {
		size_t e = plain_run(re, j, close - 1);

		if (e == j || (e < close - 1 && re[e] != '|')) {
			free(list);
			return NULL;
		}
		memcpy(list + k, re + j, e - j);
		k += e - j;
		list[k++] = '\0';
		j = e;
	}
	list[k] = '\0';
	*end = close;
	return list;
}

/* One alternative of a lookbehind, re[i] up to `stop` (its ')'): adds it
 * to `lb` or `chars` and returns the index after it, or 0 if it is neither
 * ^, a class nor a plain literal (with a lookahead of plain literals). */
static size_t read_alternative(const char *re, size_t i, size_t stop, gx_lookbehind *lb,
			       range_vec *chars)
{
	size_t from = i, end;
	char *nots;

	if (re[i] == '^') {
		lb->caret = 1;
		return i + 1;
	}
	if (re[i] == '[')
		return read_class(re, i, stop, chars);
	i = plain_run(re, i, stop);
	if (i == from)
		return 0;
	nots = read_nots(re, i, stop, &end);
	add_literal(lb, re + from, i - from, nots);
	return nots ? end : i;
}

/* Does one of the literals of `nots` begin at subj[p, len)? */
static int followed_by(const char *nots, const char *subj, size_t len, size_t p)
{
	for (; *nots; nots += strlen(nots) + 1)
		if (strlen(nots) <= len - p && memcmp(subj + p, nots, strlen(nots)) == 0)
			return 1;
	return 0;
}

int gx_regex_lookbehind(const char *re, size_t len, gx_lookbehind *lb)
{
	range_vec chars = {0};
	size_t stop, i = 4;

	memset(lb, 0, sizeof *lb);
	if (len < 4 || memcmp(re, "(?<=", 4) != 0 || (stop = group_end(re, 0, len)) == 0 ||
	    gx_regex_alternates(re, len))
		return 0;
	stop--; /* the lookbehind's ')' */
	while ((i = read_alternative(re, i, stop, lb, &chars)) != 0 && i < stop && re[i] == '|')
		i++;
	set_chars(lb, &chars);
	GX_VEC_FREE(&chars);
	if (i != stop) {
		gx_lookbehind_free(lb);
		return 0;
	}
	return 1;
}

size_t gx_regex_lookbehind_end(const char *re)
{
	size_t len = strlen(re);

	return len >= 4 && memcmp(re, "(?<=", 4) == 0 ? group_end(re, 0, len) : 0;
}

int gx_lookbehind_holds(const gx_lookbehind *lb, const char *subj, size_t len, size_t p)
{
	size_t lo = 0, hi = lb->n_lits;
	uint32_t cp;

	if (p == 0)
		return lb->caret;
	cp = last_cp(subj, p);
	if (gx_charset_has(&lb->chars, cp))
		return 1;
	if (!((lb->seen[(cp & 4095) / 64] >> (cp % 64)) & 1))
		return 0;
	while (lo < hi) { /* the first literal that ends with cp or later */
		size_t mid = (lo + hi) / 2;

		if (lb->last[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < lb->n_lits && lb->last[lo] == cp; lo++)
		if (lb->lens[lo] <= p &&
		    memcmp(subj + p - lb->lens[lo], lb->lits[lo], lb->lens[lo]) == 0 &&
		    (lb->nots[lo] == NULL || !followed_by(lb->nots[lo], subj, len, p)))
			return 1;
	return 0;
}

void gx_lookbehind_free(gx_lookbehind *lb)
{
	size_t k;

	for (k = 0; k < lb->n_lits; k++) {
		free(lb->lits[k]);
		free(lb->nots[k]);
	}
	free(lb->lits);
	free(lb->nots);
	free(lb->lens);
	free(lb->last);
	gx_charset_free(&lb->chars);
	memset(lb, 0, sizeof *lb);
}

int gx_charset_has(const gx_charset *set, uint32_t cp)
{
	size_t lo = 0, hi = set->n;

	/* the first range that ends at or after cp */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (set->hi[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < set->n && set->lo[lo] <= cp;
}

void gx_charset_free(gx_charset *set)
{
	free(set->lo);
	free(set->hi);
	memset(set, 0, sizeof *set);
}

/* ---- negative lookaheads of many literal branches ----------------------------
 *
 * PCRE2 tries the branches of an alternation one after the other, so a
 * lookahead such as %STOP% (150 words) costs 150 comparisons wherever it
 * does not match. When every branch begins with a literal character, only
 * the branches that begin with the next character can match: the lookahead
 * is rewritten to find them by a binary search on that character, with
 * conditional groups on character classes. */

typedef struct {
	uint32_t first;  /* the branch's first character */
	size_t from, to; /* the branch, re[from, to) */
} branch;

typedef GX_VEC(branch) branch_vec;

static int by_first(const void *a, const void *b)
{
	const branch *x = a, *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return (x->from > y->from) - (x->from < y->from); /* the written order */
}

/* Does re[from, to) begin with a literal character that no quantifier
 * follows, and hold no capturing group, back reference or other construct
 * whose meaning would change if branches were reordered? */
static int plain_branch(const char *re, size_t from, size_t to, uint32_t *first)
{
	size_t i, n;

	if (from >= to || strchr("\\[](){}?*+.^$|", re[from]))
		return 0;
	*first = gx_utf8_decode((const unsigned char *)re + from, to - from, &n);
	if (*first == GX_UTF8_INVALID || (from + n < to && strchr("?*+{", re[from + n])))
		return 0;
	for (i = from; i < to; i++) {
		if (re[i] == '\\' && i + 1 < to &&
		    (isdigit((unsigned char)re[i + 1]) || strchr("gkKQEc", re[i + 1])))
			return 0;
		if (re[i] == '\\')
			i++;
		else if (re[i] == '(' && !starts(re, i, to, "(?:") && !starts(re, i, to, "(?=") &&
			 !starts(re, i, to, "(?!") && !starts(re, i, to, "(?<=") &&
			 !starts(re, i, to, "(?<!"))
			return 0;
	}
	return 1;
}

/* The branches of re[b, e) (split at its top-level '|'), or 0 if one is
 * not plain_branch(). */
static int split_branches(const char *re, size_t b, size_t e, branch_vec *out)
{
	range_vec scratch = {0};
	size_t i = b, from = b;
	branch br;

	while (i <= e) {
		if (i == e || re[i] == '|') {
			br.from = from;
			br.to = i;
			if (!plain_branch(re, from, i, &br.first))
				break;
			GX_VEC_PUSH(out, br);
			from = ++i;
			continue;
		}
		if (re[i] == '\\')
			i += 2;
		else if (re[i] == '[')
			i = (scratch.len = 0, read_class(re, i, e, &scratch));
		else if (re[i] == '(')
			i = group_end(re, i, e);
		else
			i++;
		if (i == 0 || i > e)
			break;
	}
	GX_VEC_FREE(&scratch);
	return i > e && from > e;
}

/* Distinct first characters in the branches of br[lo, hi) (sorted). */
static size_t firsts(const branch *br, size_t lo, size_t hi)
{
	size_t k, n = 0;

	for (k = lo; k < hi; k++)
		n += k == lo || br[k].first != br[k - 1].first;
	return n;
}

/* The test that no branch of br[lo, hi) (sorted, whole groups of one first
 * character) matches: for a few first characters, the branches themselves;
 * for more, a conditional on whether the next character could begin one of
 * the first half, then each half. PCRE2 copies a repeated group as often as
 * it may repeat, so the tree stays small: leaves of up to DISPATCH_LEAF. */
static void dispatch(gx_buf *out, const char *re, const branch *br, size_t lo, size_t hi)
{
	size_t mid = lo + (hi - lo) / 2, k;

	if (firsts(br, lo, hi) <= DISPATCH_LEAF) {
		gx_buf_puts(out, "(?!");
		for (k = lo; k < hi; k++) {
			if (k > lo)
				gx_buf_putc(out, '|');
			gx_buf_put(out, re + br[k].from, br[k].to - br[k].from);
		}
		gx_buf_putc(out, ')');
		return;
	}
	while (br[mid].first == br[mid - 1].first) /* a group stays whole */
		mid = br[mid].first == br[lo].first ? mid + 1 : mid - 1;
	/* sorted: "could begin one of the first half" is "at most its last" */
	gx_buf_printf(out, "(?(?=[\\x{0}-\\x{%X}])", (unsigned)br[mid - 1].first);
	dispatch(out, re, br, lo, mid);
	gx_buf_putc(out, '|');
	dispatch(out, re, br, mid, hi);
	gx_buf_putc(out, ')');
}

/* Rewrites the lookahead re[i, end) into `out` if it is worth it: 1, or 0
 * (nothing written). Its content may be one group (?:…) of the branches. */
static int rewrite_lookahead(const char *re, size_t i, size_t end, gx_buf *out)
{
	branch_vec br = {0};
	size_t b = i + 3, e = end - 1;
	int ok;

	if (starts(re, b, e, "(?:") && group_end(re, b, e) == e)
		b += 3, e--;
	ok = split_branches(re, b, e, &br);
	if (ok) {
		qsort(br.ptr, br.len, sizeof *br.ptr, by_first);
		ok = firsts(br.ptr, 0, br.len) >= DISPATCH_MIN;
	}
	if (ok) {
		/* atomic: backtracking never returns into it */
		gx_buf_puts(out, "(?>");
		dispatch(out, re, br.ptr, 0, br.len);
		gx_buf_putc(out, ')');
	}
	GX_VEC_FREE(&br);
	return ok;
}

char *gx_regex_dispatch_lookaheads(const char *re)
{
	gx_buf out = GX_BUF_INIT;
	size_t len = strlen(re), i = 0, copied = 0, end;
	range_vec scratch = {0};
	int changed = 0;

	/* constructs that change how the rest reads: left alone */
	if (strstr(re, "\\Q") || strstr(re, "(?#") || strstr(re, "(*") || strstr(re, "(?x") ||
	    strstr(re, "(?i") || strstr(re, "(?-") || strstr(re, "(?^"))
		return NULL;
	while (i < len) {
		size_t mark = out.len;

		if (re[i] == '\\') {
			i += 2;
			continue;
		}
		if (re[i] == '[') {
			scratch.len = 0;
			if ((i = read_class(re, i, len, &scratch)) == 0)
				break;
			continue;
		}
		if (starts(re, i, len, "(?!") && (end = group_end(re, i, len)) != 0) {
			gx_buf_put(&out, re + copied, i - copied);
			if (rewrite_lookahead(re, i, end, &out)) {
				i = copied = end;
				changed = 1;
				continue;
			}
			out.len = mark; /* not rewritten: the text is copied later */
		}
		i++;
	}
	GX_VEC_FREE(&scratch);
	if (!changed || i < len) {
		gx_buf_dispose(&out);
		return NULL;
	}
	gx_buf_put(&out, re + copied, len - copied);
	return gx_buf_detach(&out);
}
