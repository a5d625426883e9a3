/* Pattern file lines (tab-separated):
 *     @define NAME  fragment        reused as %NAME% in later lines
 *     @reject       regex           drop a candidate name that matches
 *     name   TYPE   regex           a standalone name; group `name` if any
 *     after  PARENTS  TYPE  regex   a name continuing a mention of PARENTS
 *                                   (comma-separated type prefixes), e.g.
 *                                   a department after its university
 * PCRE2 match and depth limits bound every match, so a rule with
 * catastrophic backtracking costs a bounded amount per position instead of
 * hanging the tool. */
#define _POSIX_C_SOURCE       200809L
#define PCRE2_CODE_UNIT_WIDTH 8
#include "recog/pattern.h"

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/utf8.h"
#include "recog/lexicon.h"
#include "recog/regex.h"

#include <errno.h>
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MATCH_LIMIT 200000
#define DEPTH_LIMIT 5000

enum { RULE_NAME, RULE_AFTER, RULE_REJECT };

/* Where a name rule's matches can start (README.md "Patterns"). */
enum {
	START_ANYWHERE, /* nothing known: every place */
	START_RUN,      /* in the run of `before` characters that ends at one of its heads */
	START_AFTER     /* right after one of its leads */
};

typedef struct {
	pcre2_code *code;
	pcre2_code *whole; /* a name rule anchored at both ends, for gx_pattern_fits() */
	char *type, *parents;
	int kind, name_group;
	char *heads;          /* literals one of which every match contains, NUL-separated */
	size_t n_heads;       /* 0: no such set is known, the rule always runs */
	int starts;           /* START_*, for a name rule */
	gx_charset before;    /* what the part in front of the heads can consume */
	int has_lb;           /* it begins with a lookbehind `lb` that C can test: */
	gx_lookbehind lb;     /* its leads are lb's literals when that is all lb has */
	pcre2_code *after_lb; /* `code` without that lookbehind, or NULL: see match_window() */
} rule;

typedef struct {
	char *name, *value;
} define;

/* What a literal is to a rule: one of its heads (every match holds one),
 * one of its leads (every match starts right after one), or both. An entry
 * of a literal's list is rule << 2 | these bits. */
#define IS_HEAD 1u
#define IS_LEAD 2u

/* A distinct head or lead literal and the rules it is one of. */
typedef struct {
	char *lit;
	size_t len;
	uint32_t key;        /* its first character (first_char()) */
	size_t n;            /* the bytes of that character */
	uint32_t rest, mask; /* up to four bytes after it (load4()), and which */
	uint32_t next;       /* the next literal in the same bucket, + 1 (0: none) */
	GX_VEC(uint32_t) rules;
} head;

/* Literals are found by their first character, hashed into this many
 * buckets: most characters of a text begin none, and are passed over after
 * one look at the (cache-resident) table. */
#define HEAD_BUCKETS 4096

/* The bytes of the character that begins `s` (`n` > 0 bytes there) as a
 * number, and their count: its lead byte and the continuation bytes after
 * it, as many as the lead byte calls for (fewer in broken text or at the
 * end of `s`). Two strings that begin with the same well-formed character
 * have the same key; every byte counted after the first is a continuation
 * byte, where no literal begins. */
static inline uint32_t first_char(const unsigned char *s, size_t n, size_t *count)
{
	size_t k = s[0] < 0xC0 ? 1 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4, i;
	uint32_t key = s[0];

	if (k == 3 && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*count = 3; /* the common case */
		return key << 16 | (uint32_t)s[1] << 8 | s[2];
	}
	for (i = 1; i < k && i < n && (s[i] & 0xC0) == 0x80; i++)
		key = key << 8 | s[i];
	*count = i;
	return key;
}

/* Up to four bytes of `s` (`n` there) as a number: byte i in bits 8i. */
static inline uint32_t load4(const unsigned char *s, size_t n)
{
	uint32_t x = 0;
	size_t i;

	if (n >= 4) {
		memcpy(&x, s, 4);
		return x; /* the byte order of the machine: rest and mask use it too */
	}
	for (i = 0; i < n; i++)
		((unsigned char *)&x)[i] = s[i];
	return x;
}

static inline uint32_t bucket_of(uint32_t key)
{
	return (key * 0x9E3779B1u) >> 20; /* 12 bits: HEAD_BUCKETS */
}

/* A filter before the buckets, in 4 KiB that stay in cache: a bit for the
 * character of each one-character literal and for the first two characters
 * of each longer one. Characters that begin a literal are common in text
 * (中, 大, 科), pairs that do much less. */
#define FILTER_BITS 32768

static inline uint32_t one_bit(uint32_t key)
{
	return (key * 0x9E3779B1u) >> 17;
}

static inline uint32_t pair_bit(uint32_t key, uint32_t next)
{
	return (key * 0x9E3779B1u ^ next * 0x85EBCA77u) >> 17;
}

static inline int bit(const uint64_t *bits, uint32_t b)
{
	return (bits[b / 64] >> (b % 64)) & 1;
}

/* May a literal begin at `s` (`len` bytes there), where a character of key
 * `key` and `n` bytes begins? No if neither that character nor it and the
 * next are in the filter. */
static inline int may_begin(const uint64_t *filter, const unsigned char *s, size_t len,
			    uint32_t key, size_t n)
{
	size_t m;

	if (bit(filter, one_bit(key)))
		return 1;
	return n < len && bit(filter, pair_bit(key, first_char(s + n, len - n, &m)));
}

/* A place where a match of a rule may start, and the next one of the same
 * rule (index + 1; 0: none). */
typedef struct {
	uint32_t pos, next;
} spot;

struct gx_pattern_set {
	GX_VEC(rule) rules;
	GX_VEC(define) defines;
	size_t n_rules; /* name + after rules */
	GX_VEC(head) heads;
	uint32_t *buckets;         /* HEAD_BUCKETS chains of heads (index + 1) */
	uint64_t *filter;          /* FILTER_BITS: may_begin() */
	GX_VEC(uint32_t) no_heads; /* gx_pattern_heads() of a text without heads */
};

/* The "after" rules that continue a mention of a type: ok[r]. */
typedef struct {
	const char *type;
	uint8_t *ok;
} type_rules;

struct gx_pattern_scratch {
	pcre2_match_data *md;
	pcre2_match_context *mc;
	pcre2_match_context *upto; /* with an offset limit: where a match may start */
	/* The text last given to gx_pattern_heads() with this scratch, and
	 * per rule the list of the spots its heads or leads give, in text
	 * order: first[r] and tail[r] are indexes in `spots` (first + 1; 0:
	 * empty). */
	const char *subj;
	size_t len, n_rules;
	GX_VEC(spot) spots;
	uint32_t *first, *tail;
	size_t given_up;          /* matches given up at the match limit (for the tests) */
	uint32_t *name_heads;     /* gx_pattern_heads() of a name, for the reject rules */
	GX_VEC(type_rules) types; /* for continuing() */
};

/* PCRE2's JIT does not take PCRE2_ANCHORED or PCRE2_ENDANCHORED at match
 * time (the interpreter would run instead, several times slower), so what
 * must match at one place is compiled so: `whole` with both options, the
 * rules with PCRE2_USE_OFFSET_LIMIT, which lets a search from `at` with
 * the offset limit `at` try that one start, as PCRE2_ANCHORED would. */
static pcre2_code *compile_only(const char *re, uint32_t options, char *err, size_t errlen)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
				      PCRE2_UTF | PCRE2_UCP | options, &code, &off, NULL);

	if (c == NULL) {
		PCRE2_UCHAR buf[256];

		pcre2_get_error_message(code, buf, sizeof buf);
		snprintf(err, errlen, "%s at offset %zu", (char *)buf, (size_t)off);
	}
	return c;
}

static pcre2_code *compile(const char *re, uint32_t options, char *err, size_t errlen)
{
	pcre2_code *c = compile_only(re, options, err, errlen);

	if (c)
		pcre2_jit_compile(c, PCRE2_JIT_COMPLETE); /* optional: else the interpreter */
	return c;
}

/* `re` compiled, or rather `fast` (an equivalent rewrite, or NULL) if it
 * compiles too: a rewrite can exceed PCRE2's size limit, as a repeated
 * group is copied. `re` decides whether the rule is good. */
static pcre2_code *compile_either(const char *fast, const char *re, uint32_t options, char *err,
				  size_t errlen)
{
	pcre2_code *c = compile_only(re, options, err, errlen), *f;
	char ignored[300];

	if (c == NULL)
		return NULL;
	if (fast && (f = compile(fast, options, ignored, sizeof ignored)) != NULL) {
		pcre2_code_free(c);
		return f;
	}
	pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
	return c;
}

void *gx_pcre_compile(const char *re, char *err, size_t errlen)
{
	return compile(re, 0, err, errlen);
}

void gx_pcre_free(void *code)
{
	pcre2_code_free(code);
}

void gx_pattern_set_free(gx_pattern_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->rules.len; i++) {
		pcre2_code_free(set->rules.ptr[i].code);
		pcre2_code_free(set->rules.ptr[i].whole);
		pcre2_code_free(set->rules.ptr[i].after_lb);
		free(set->rules.ptr[i].type);
		free(set->rules.ptr[i].parents);
		free(set->rules.ptr[i].heads);
		gx_charset_free(&set->rules.ptr[i].before);
		gx_lookbehind_free(&set->rules.ptr[i].lb);
	}
	for (i = 0; i < set->defines.len; i++) {
		free(set->defines.ptr[i].name);
		free(set->defines.ptr[i].value);
	}
	for (i = 0; i < set->heads.len; i++) {
		free(set->heads.ptr[i].lit);
		GX_VEC_FREE(&set->heads.ptr[i].rules);
	}
	GX_VEC_FREE(&set->heads);
	free(set->buckets);
	free(set->filter);
	GX_VEC_FREE(&set->no_heads);
	GX_VEC_FREE(&set->rules);
	GX_VEC_FREE(&set->defines);
	free(set);
}

size_t gx_pattern_set_count(const gx_pattern_set *set)
{
	return set ? set->n_rules : 0;
}

size_t gx_pattern_set_size(const gx_pattern_set *set)
{
	return set ? set->rules.len : 0;
}

const char *gx_pattern_rule_type(const gx_pattern_set *set, uint32_t r)
{
	return set->rules.ptr[r].type;
}

/* Replaces %NAME% by earlier definitions; returns 0 on an unknown name. */
static int expand(const gx_pattern_set *set, const char *re, gx_buf *out, char *bad, size_t badlen)
{
	const char *p = re;

	gx_buf_clear(out);
	while (*p) {
		const char *end;
		size_t k;

		if (*p != '%' || (end = strchr(p + 1, '%')) == NULL || end == p + 1) {
			gx_buf_putc(out, *p++);
			continue;
		}
		for (k = 0; k < set->defines.len; k++)
			if (strlen(set->defines.ptr[k].name) == (size_t)(end - p - 1) &&
			    strncmp(set->defines.ptr[k].name, p + 1, (size_t)(end - p - 1)) == 0)
				break;
		if (k == set->defines.len) {
			snprintf(bad, badlen, "%.*s", (int)(end - p - 1), p + 1);
			return 0;
		}
		gx_buf_puts(out, set->defines.ptr[k].value);
		p = end + 1;
	}
	return 1;
}

typedef struct {
	gx_pattern_set *set;
	const char *path;
	unsigned line;
	gx_diag_fn diag;
	void *payload;
} load_ctx;

static int fail(load_ctx *c, const char *fmt, const char *arg)
{
	char msg[512];

	snprintf(msg, sizeof msg, fmt, arg);
	if (c->diag)
		c->diag(GX_DIAG_ERROR, c->path, c->line, msg, c->payload);
	return -1;
}

/* ---- required literals: a prefilter ------------------------------------------
 *
 * A name rule costs time at every position of every sentence, and most
 * sentences hold none of its heads (…研究院, …孵化器). If the rule's regex has a
 * top-level group of plain literal alternatives that is not optional, every
 * match contains one of them, and a sentence without any can be skipped. Any
 * doubt (an alternation at the top level, a group with metacharacters) means
 * no prefilter: the rule then always runs. */

/* End of the group or class that opens at re[i] (the index of its closer), or
 * 0 when unbalanced. */
static size_t closing(const char *re, size_t i)
{
	int depth = 0, in_class = 0;

	for (; re[i]; i++) {
		if (re[i] == '\\' && re[i + 1]) {
			i++;
			continue;
		}
		if (in_class) {
			in_class = re[i] != ']';
			continue;
		}
		if (re[i] == '[')
			in_class = 1;
		else if (re[i] == '(')
			depth++;
		else if (re[i] == ')' && --depth == 0)
			return i;
	}
	return 0;
}

/* Index of the ']' that ends the class opening at re[i], or 0. */
static size_t class_end(const char *re, size_t i)
{
	for (i++; re[i]; i++) {
		if (re[i] == '\\' && re[i + 1])
			i++;
		else if (re[i] == ']')
			return i;
	}
	return 0;
}

static int plain_alternatives(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strchr("\\[](){}?*+.^$", s[i]))
			return 0;
	return n > 0;
}

/* The last top-level group of plain literal alternatives in re[0, n) that
 * is not optional, as [*b, *e); 0 if none or if re has a top-level `|`. */
static int literal_group(const char *re, size_t n, size_t *b, size_t *e)
{
	size_t i = 0, end;
	int found = 0;

	while (i < n) {
		if (re[i] == '\\' && i + 1 < n) {
			i += 2;
			continue;
		}
		if (re[i] == '|')
			return 0; /* an alternation at the top level */
		if (re[i] != '(' && re[i] != '[') {
			i++;
			continue;
		}
		if ((end = re[i] == '[' ? class_end(re, i) : closing(re, i)) == 0 || end >= n)
			return 0;
		if (re[i] == '(' && strncmp(re + i, "(?:", 3) == 0 &&
		    plain_alternatives(re + i + 3, end - i - 3) &&
		    (end + 1 == n || !strchr("?*", re[end + 1])) &&
		    (end + 2 >= n || strncmp(re + end + 1, "{0", 2) != 0)) {
			*b = i + 3;
			*e = end;
			found = 1;
		}
		i = end + 1;
	}
	return found;
}

static void add_heads(gx_buf *heads, const char *re, size_t b, size_t e)
{
	if (heads->len)
		gx_buf_putc(heads, '|');
	gx_buf_put(heads, re + b, e - b);
}

/* A regex that is one group of alternatives, (?:A|B), each with a literal
 * group of its own: every match holds one of the heads of A or of B. What
 * the parts in front of the heads consume goes to `before` (`*known` is
 * cleared if that is not known). */
static int alternative_heads(const char *re, gx_buf *heads, gx_charset *before, int *known)
{
	size_t n = strlen(re), end, i, from, b, e;

	if (strncmp(re, "(?:", 3) != 0 || (end = closing(re, 0)) != n - 1)
		return 0;
	for (i = from = 3;; i++) {
		if (re[i] == '\\') {
			i++;
			continue;
		}
		if (re[i] == '(' || re[i] == '[') {
			size_t close = re[i] == '[' ? class_end(re, i) : closing(re, i);

			if (close == 0)
				return 0;
			i = close;
			continue;
		}
		if (re[i] != '|' && i != end)
			continue;
		if (!literal_group(re + from, i - from, &b, &e))
			return 0;
		add_heads(heads, re + from, b, e);
		*known &= gx_regex_consumes(before, re + from, b - 3);
		if (i == end)
			return 1;
		from = i + 1;
	}
}

/* Turns '|'-separated literals into NUL-separated ones; returns how many. */
static size_t split_literals(char *lits)
{
	size_t i, n = 1;

	for (i = 0; lits[i]; i++)
		if (lits[i] == '|') {
			lits[i] = '\0';
			n++;
		}
	return n;
}

/* Is one of r's heads empty? */
static int empty_head(const rule *r)
{
	const char *h = r->heads;
	size_t k;

	for (k = 0; k < r->n_heads; k++, h += strlen(h) + 1)
		if (*h == '\0')
			return 1;
	return 0;
}

/* A match starts where the part in front of its head begins, and that part
 * consumes all the text up to the head: so only in the run of characters
 * it can consume that ends at a head (START_RUN). */
static void required_literals(rule *r, const char *re)
{
	gx_buf heads = GX_BUF_INIT;
	size_t b, e;
	int known = 1;

	if (literal_group(re, strlen(re), &b, &e)) {
		add_heads(&heads, re, b, e);
		known = gx_regex_consumes(&r->before, re, b - 3);
	} else if (!alternative_heads(re, &heads, &r->before, &known)) {
		gx_buf_clear(&heads);
	}
	if (heads.len == 0) {
		gx_buf_dispose(&heads);
		return;
	}
	r->heads = gx_buf_detach(&heads);
	r->n_heads = split_literals(r->heads);
	if (empty_head(r)) {
		/* (?:A|)+X: a match may hold none. Name and "after" rules have
		 * always skipped a sentence without the other heads (kept as it
		 * was); nothing newer relies on them */
		known = 0;
		if (r->kind == RULE_REJECT) {
			free(r->heads);
			r->heads = NULL;
			r->n_heads = 0;
		}
	}
	if (r->kind == RULE_NAME && known)
		r->starts = START_RUN;
}

/* A name rule that begins with a lookbehind C can test (gx_regex_lookbehind)
 * can only match where it holds; one whose lookbehind is all plain
 * literals, (?<=“|"), matches only right after one of them, its leads
 * (START_AFTER). */
static void leading_lookbehind(rule *r, const char *re)
{
	if (r->kind != RULE_NAME || !gx_regex_lookbehind(re, strlen(re), &r->lb))
		return;
	r->has_lb = 1;
	if (!r->lb.caret && r->lb.chars.n == 0)
		r->starts = START_AFTER;
}

/* Files `lit` in the set's index as `what` (IS_HEAD, IS_LEAD) to rule `r`. */
static void index_literal(gx_pattern_set *set, const char *lit, uint32_t r, uint32_t what)
{
	size_t len = strlen(lit), i;
	uint32_t *chain, b;

	if (len == 0)
		return; /* not found in a text: no rule has one (literal_group()) */
	if (set->buckets == NULL) {
		set->buckets = gx_xcalloc(HEAD_BUCKETS, sizeof *set->buckets);
		set->filter = gx_xcalloc(FILTER_BITS / 64, sizeof *set->filter);
	}
	for (i = 0; i < set->heads.len; i++)
		if (strcmp(set->heads.ptr[i].lit, lit) == 0)
			break;
	if (i == set->heads.len) {
		head nh = {gx_xstrdup(lit), len, 0, 0, 0, 0, 0, {0}};
		size_t after;

		nh.key = first_char((const unsigned char *)lit, len, &nh.n);
		b = nh.n == len ? one_bit(nh.key)
				: pair_bit(nh.key, first_char((const unsigned char *)lit + nh.n,
							      len - nh.n, &after));
		set->filter[b / 64] |= (uint64_t)1 << (b % 64);
		after = len - nh.n < 4 ? len - nh.n : 4;
		nh.rest = load4((const unsigned char *)lit + nh.n, after);
		nh.mask = load4((const unsigned char *)"\xff\xff\xff\xff", after);
		chain = &set->buckets[bucket_of(nh.key)];
		nh.next = *chain;
		*chain = (uint32_t)i + 1;
		GX_VEC_PUSH(&set->heads, nh);
	}
	GX_VEC_PUSH(&set->heads.ptr[i].rules, r << 2 | what);
}

/* Files rule `r`'s heads and leads in the set's index. */
static void index_rule(gx_pattern_set *set, uint32_t r)
{
	const rule *ru = &set->rules.ptr[r];
	const char *h = ru->heads;
	size_t k;

	for (k = 0; k < ru->n_heads; k++, h += strlen(h) + 1)
		index_literal(set, h, r, IS_HEAD);
	for (k = 0; ru->starts == START_AFTER && k < ru->lb.n_lits; k++)
		index_literal(set, ru->lb.lits[k], r, IS_LEAD);
}

/* Adds `pos` to rule r's spots, keeping them in order and once each. Heads
 * are found in text order, so a spot nearly always goes at the end; the
 * end of a lead may come before that of a longer one found earlier. */
static void add_spot(gx_pattern_scratch *s, uint32_t r, size_t pos)
{
	uint32_t prev = 0, cur = s->first[r]; /* it goes after spot prev (+1; 0: first) */
	spot sp = {(uint32_t)pos, 0};

	if (cur && s->spots.ptr[s->tail[r]].pos == pos)
		return;
	if (cur && s->spots.ptr[s->tail[r]].pos < pos) {
		prev = s->tail[r] + 1;
		cur = 0;
	}
	for (; cur && s->spots.ptr[cur - 1].pos < pos; cur = s->spots.ptr[cur - 1].next)
		prev = cur;
	if (cur && s->spots.ptr[cur - 1].pos == pos)
		return;
	sp.next = cur;
	GX_VEC_PUSH(&s->spots, sp);
	if (prev)
		s->spots.ptr[prev - 1].next = (uint32_t)s->spots.len;
	else
		s->first[r] = (uint32_t)s->spots.len;
	if (cur == 0)
		s->tail[r] = (uint32_t)s->spots.len - 1;
}

/* Marks the rules of the literals of chain `h` that occur at `p`, where a
 * character of key `key` and `n` bytes begins. */
static void mark(const gx_pattern_set *set, gx_pattern_scratch *s, uint32_t h, uint32_t key,
		 size_t n, const char *subj, size_t len, size_t p, uint32_t *last)
{
	const unsigned char *u = (const unsigned char *)subj + p + n;
	uint32_t next4 = load4(u, len - p - n);

	for (; h; h = set->heads.ptr[h - 1].next) {
		const head *hd = &set->heads.ptr[h - 1];
		size_t k;

		/* its first character, then four bytes at once, then the rest */
		if (hd->key != key || hd->len > len - p || (next4 & hd->mask) != hd->rest ||
		    (hd->len > n + 4 && memcmp(u + 4, hd->lit + n + 4, hd->len - n - 4) != 0))
			continue;
		for (k = 0; k < hd->rules.len; k++) {
			uint32_t r = hd->rules.ptr[k] >> 2, what = hd->rules.ptr[k] & 3;

			if (what & IS_HEAD)
				last[r] = (uint32_t)p;
			if (s && (what & IS_HEAD) && set->rules.ptr[r].starts == START_RUN)
				add_spot(s, r, p);
			if (s && (what & IS_LEAD))
				add_spot(s, r, p + hd->len);
		}
	}
}

void gx_pattern_heads(const gx_pattern_set *set, gx_pattern_scratch *s, const char *subj,
		      size_t len, uint32_t *last)
{
	const unsigned char *u = (const unsigned char *)subj;
	size_t p, n;

	if (set && set->rules.len)
		memcpy(last, set->no_heads.ptr, set->rules.len * sizeof *last);
	if (s) {
		s->subj = subj;
		s->len = len;
		s->spots.len = 0;
		memset(s->first, 0, s->n_rules * sizeof *s->first);
	}
	if (set == NULL || set->buckets == NULL)
		return;
	for (p = 0; p < len; p += n) {
		uint32_t key, h;

		n = 1;
		if ((u[p] & 0xC0) == 0x80)
			continue; /* a head is UTF-8: it never starts inside a character */
		key = first_char(u + p, len - p, &n);
		if (may_begin(set->filter, u + p, len - p, key, n) &&
		    (h = set->buckets[bucket_of(key)]) != 0)
			mark(set, s, h, key, n, subj, len, p, last);
	}
}

/* Rule r compiled without its leading lookbehind, for the places where C
 * found that it holds: PCRE2 would test the hundred alternatives of %LB% at
 * each of them again. NULL if that cannot be made (the same groups, the
 * same options). */
static pcre2_code *without_lookbehind(const rule *r, const char *fast, const char *full)
{
	size_t ef = gx_regex_lookbehind_end(full), es = fast ? gx_regex_lookbehind_end(fast) : 0;
	char err[300];
	pcre2_code *c;

	if (ef == 0 || (fast && es == 0))
		return NULL;
	c = compile_either(fast ? fast + es : NULL, full + ef, PCRE2_USE_OFFSET_LIMIT, err,
			   sizeof err);
	if (c && pcre2_substring_number_from_name(c, (PCRE2_SPTR) "name") != r->name_group) {
		pcre2_code_free(c);
		c = NULL;
	}
	return c;
}

static int add_rule(load_ctx *c, int kind, const char *parents, const char *type, const char *re)
{
	gx_buf full = GX_BUF_INIT;
	char err[300], bad[128], *fast = NULL;
	rule r = {0};
	int ok = -1;

	if (type && gx_lexicon__parse_type(type, strlen(type)) < 0) {
		fail(c, "unknown type '%s'", type);
		goto done;
	}
	if (!expand(c->set, re, &full, bad, sizeof bad)) {
		fail(c, "undefined %%%s%% (define it with @define first)", bad);
		goto done;
	}
	/* the same rule with its long negative lookaheads searched, not tried
	 * in turn (gx_regex_dispatch_lookaheads()) */
	fast = full.ptr ? gx_regex_dispatch_lookaheads(full.ptr) : NULL; /* NULL: empty */
	r.code = compile_either(fast, full.ptr, kind == RULE_REJECT ? 0 : PCRE2_USE_OFFSET_LIMIT,
				err, sizeof err);
	if (r.code == NULL) {
		fail(c, "bad regular expression: %s", err);
		goto done;
	}
	if (kind == RULE_NAME &&
	    (r.whole = compile_either(fast, full.ptr, PCRE2_ANCHORED | PCRE2_ENDANCHORED, err,
				      sizeof err)) == NULL) {
		pcre2_code_free(r.code);
		fail(c, "bad regular expression: %s", err);
		goto done;
	}
	r.kind = kind;
	r.type = type ? gx_xstrdup(type) : NULL;
	r.parents = parents ? gx_xstrdup(parents) : NULL;
	r.name_group = pcre2_substring_number_from_name(r.code, (PCRE2_SPTR) "name");
	required_literals(&r, full.ptr);
	leading_lookbehind(&r, full.ptr);
	if (r.has_lb)
		r.after_lb = without_lookbehind(&r, fast, full.ptr);
	GX_VEC_PUSH(&c->set->rules, r);
	GX_VEC_PUSH(&c->set->no_heads, r.n_heads ? GX_HEAD_NONE : GX_HEAD_ANY);
	if (r.n_heads || r.starts == START_AFTER)
		index_rule(c->set, (uint32_t)c->set->rules.len - 1);
	if (kind != RULE_REJECT)
		c->set->n_rules++;
	ok = 0;
done:
	gx_buf_dispose(&full);
	free(fast);
	return ok;
}

static int add_define(load_ctx *c, char *name, char *value)
{
	define d;

	if (*name == '\0' || strchr(name, '%'))
		return fail(c, "bad @define name '%s'", name);
	d.name = gx_xstrdup(name);
	d.value = gx_xstrdup(value);
	GX_VEC_PUSH(&c->set->defines, d);
	return 0;
}

static int parse_line(load_ctx *c, char *line)
{
	char *f[5];
	size_t n = 0;
	char *p = line;

	while (n < 5) {
		char *tab = strchr(p, '\t');

		f[n++] = p;
		if (tab == NULL)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	if (strcmp(f[0], "@define") == 0 && n == 3) {
		gx_buf v = GX_BUF_INIT;
		char bad[128];
		int r;

		if (expand(c->set, f[2], &v, bad, sizeof bad))
			r = add_define(c, f[1], v.ptr ? v.ptr : "");
		else
			r = fail(c, "undefined %%%s%% in @define", bad);
		gx_buf_dispose(&v); /* expand() may have written part of it */
		return r;
	}
	if (strcmp(f[0], "@reject") == 0 && n == 2)
		return add_rule(c, RULE_REJECT, NULL, NULL, f[1]);
	if (strcmp(f[0], "name") == 0 && n == 3)
		return add_rule(c, RULE_NAME, NULL, f[1], f[2]);
	if (strcmp(f[0], "after") == 0 && n == 4)
		return add_rule(c, RULE_AFTER, f[1], f[2], f[3]);
	return fail(c,
		    "expected '@define NAME<TAB>RE', '@reject<TAB>RE', 'name<TAB>TYPE<TAB>RE' or "
		    "'after<TAB>PARENTS<TAB>TYPE<TAB>RE'%s",
		    "");
}

int gx_pattern_set_load_stream(gx_pattern_set **set, FILE *fp, const char *name, gx_diag_fn diag,
			       void *payload)
{
	load_ctx c = {NULL, name, 0, diag, payload};
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int failed = 0;

	if (*set == NULL)
		*set = gx_xcalloc(1, sizeof **set);
	c.set = *set;
	while ((len = getline(&line, &cap, fp)) > 0) {
		c.line++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if (strlen(line) != (size_t)len)
			failed |= fail(&c, "NUL byte in line%s", "") < 0;
		else
			failed |= parse_line(&c, line) < 0;
	}
	free(line);
	if (ferror(fp))
		return gx_error_set(GX_EIO, "error reading pattern file '%s'", name);
	if (failed)
		return gx_error_set(GX_EINVAL, "%s: bad pattern rules (see the messages above)",
				    name);
	return GX_OK;
}

int gx_pattern_set_load(gx_pattern_set **set, const char *path, gx_diag_fn diag, void *payload)
{
	int error;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL)
		return gx_error_set(errno == ENOENT ? GX_ENOTFOUND : GX_EIO,
				    "cannot open pattern file '%s': %s", path, strerror(errno));
	error = gx_pattern_set_load_stream(set, fp, path, diag, payload);
	fclose(fp);
	return error;
}

gx_pattern_scratch *gx_pattern_scratch_new(const gx_pattern_set *set)
{
	gx_pattern_scratch *s = gx_xcalloc(1, sizeof *s);

	s->n_rules = gx_pattern_set_size(set);
	s->first = gx_xcalloc(s->n_rules + 1, sizeof *s->first);
	s->tail = gx_xcalloc(s->n_rules + 1, sizeof *s->tail);
	s->name_heads = gx_xcalloc(s->n_rules + 1, sizeof *s->name_heads);
	s->md = pcre2_match_data_create(32, NULL);
	s->mc = pcre2_match_context_create(NULL);
	s->upto = pcre2_match_context_create(NULL);
	if (s->md == NULL || s->mc == NULL || s->upto == NULL) {
		fprintf(stderr, "guanxi: out of memory (PCRE2 match data)\n");
		abort();
	}
	pcre2_set_match_limit(s->mc, MATCH_LIMIT);
	pcre2_set_depth_limit(s->mc, DEPTH_LIMIT);
	pcre2_set_match_limit(s->upto, MATCH_LIMIT);
	pcre2_set_depth_limit(s->upto, DEPTH_LIMIT);
	return s;
}

void gx_pattern_scratch_free(gx_pattern_scratch *s)
{
	size_t i;

	if (s == NULL)
		return;
	pcre2_match_data_free(s->md);
	pcre2_match_context_free(s->mc);
	pcre2_match_context_free(s->upto);
	GX_VEC_FREE(&s->spots);
	free(s->first);
	free(s->tail);
	free(s->name_heads);
	for (i = 0; i < s->types.len; i++)
		free(s->types.ptr[i].ok);
	GX_VEC_FREE(&s->types);
	free(s);
}

/* The span of group `name` if the match `rc` set it, else of the match. */
static void name_span(const rule *r, gx_pattern_scratch *s, int rc, size_t *ms, size_t *me)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
	int g = r->name_group > 0 && r->name_group < rc && ov[2 * r->name_group] != PCRE2_UNSET
		    ? r->name_group
		    : 0;

	*ms = ov[2 * g];
	*me = ov[2 * g + 1];
}

/* A match: the name's span (group `name` if set, else the whole match),
 * and where to look for the next one (the match's end, one byte on from an
 * empty match). */
typedef struct {
	size_t start, end, next;
	int empty;
} match_span;

/* Runs `code` (rule `r`'s) from `from`, with match context `mc`; returns 1
 * on a match, 0 if none, -1 on an error (the match limit): the rule is then
 * given up at that place. */
static int match(const rule *r, const pcre2_code *code, pcre2_match_context *mc,
		 gx_pattern_scratch *s, const char *subj, size_t len, size_t from, match_span *f)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
	int rc = pcre2_match(code, (PCRE2_SPTR)subj, len, from, PCRE2_NO_UTF_CHECK, s->md, mc);

	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		s->given_up++;
		return -1;
	}
	name_span(r, s, rc, &f->start, &f->end);
	f->empty = ov[1] == ov[0];
	f->next = f->empty ? ov[1] + 1 : ov[1];
	return 1;
}

/* match() for a match that starts in [from, upto]. */
static int match_upto(const rule *r, gx_pattern_scratch *s, const char *subj, size_t len,
		      size_t from, size_t upto, match_span *f)
{
	pcre2_set_offset_limit(s->upto, upto);
	return match(r, r->code, s->upto, s, subj, len, from, f);
}

static void put_hit(gx_pattern_hit_vec *out, const match_span *f, size_t r)
{
	gx_pattern_hit h = {(uint32_t)f->start, (uint32_t)f->end, (uint32_t)r};

	if (f->end > f->start)
		GX_VEC_PUSH(out, h);
}

/* Rule i tried at every place from `from` on, as PCRE2 searches. Every
 * match holds a head at or after its start: none from the last head on
 * means none at all. */
static void scan_from(const rule *r, size_t i, gx_pattern_scratch *s, const char *subj, size_t len,
		      uint32_t last, size_t from, gx_pattern_hit_vec *out)
{
	match_span f;

	while (from < len && last != GX_HEAD_NONE && (last == GX_HEAD_ANY || last >= from) &&
	       match(r, r->code, s->mc, s, subj, len, from, &f) > 0) {
		put_hit(out, &f, i);
		from = f.next;
	}
}

/* The start of the run of characters of `cs` that ends at `h`, going back
 * no further than `stop` (a character boundary). */
static size_t run_start(const gx_charset *cs, const char *subj, size_t h, size_t stop)
{
	const unsigned char *u = (const unsigned char *)subj;
	size_t p = h, q, n;

	while (p > stop) {
		for (q = p - 1; q > stop && (u[q] & 0xC0) == 0x80; q--)
			;
		if (!gx_charset_has(cs, gx_utf8_decode(u + q, p - q, &n)) || q + n != p)
			break;
		p = q;
	}
	return p;
}

static size_t char_len(unsigned char lead)
{
	return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

/* The first match of `r` that starts in [*from, upto], *from a character
 * boundary. With a lookbehind C can test, PCRE2 is run only where it
 * holds (a match cannot start elsewhere), one place at a time; `*from`
 * is then where the last one was tried. */
static int match_window(const rule *r, gx_pattern_scratch *s, const char *subj, size_t len,
			size_t *from, size_t upto, match_span *f)
{
	size_t p = *from;
	int rc;

	if (!r->has_lb)
		return match_upto(r, s, subj, len, p, upto, f);
	for (; p <= upto; p += char_len((unsigned char)subj[p])) {
		if (!gx_lookbehind_holds(&r->lb, subj, len, p))
			continue;
		*from = p;
		pcre2_set_offset_limit(s->upto, p);
		if ((rc = match(r, r->after_lb ? r->after_lb : r->code, s->upto, s, subj, len, p,
				f)) != 0)
			return rc;
	}
	*from = p;
	return 0;
}

/* Rule i (START_RUN) tried only where a match can start: for each head h,
 * in the run of characters that its part in front of the heads can consume
 * and that ends at h, from the run's start up to h. That is exact: the
 * first place PCRE2's search would find lies in such a window, and PCRE2
 * matches the same at a place whatever the search began with (a
 * lookbehind still sees the text before). The windows are tried in text
 * order, so the same matches come in the same order; an empty match (no
 * head rule has one) hands the rest over to scan_from(). */
static void scan_runs(const rule *r, size_t i, gx_pattern_scratch *s, const char *subj, size_t len,
		      uint32_t last, gx_pattern_hit_vec *out)
{
	size_t from = 0, tried = 0; /* every place before `tried` has been tried */
	uint32_t k;
	match_span f;

	for (k = s->first[i]; k; k = s->spots.ptr[k - 1].next) {
		size_t h = s->spots.ptr[k - 1].pos;
		int rc = 0;

		if (h < from)
			continue;
		from = run_start(&r->before, subj, h, from > tried ? from : tried);
		while (from <= h && (rc = match_window(r, s, subj, len, &from, h, &f)) > 0) {
			put_hit(out, &f, i);
			if (f.empty) {
				scan_from(r, i, s, subj, len, last, f.next, out);
				return;
			}
			from = f.next;
		}
		if (rc < 0)
			return; /* the match limit: given up, as scan_from() does */
		tried = h + char_len((unsigned char)subj[h]);
	}
}

/* Rule i (START_AFTER) tried right after each of its leads: the only places
 * where its leading lookbehind holds. */
static void scan_after(const rule *r, size_t i, gx_pattern_scratch *s, const char *subj, size_t len,
		       uint32_t last, gx_pattern_hit_vec *out)
{
	size_t from = 0;
	uint32_t k;
	match_span f;

	for (k = s->first[i]; k; k = s->spots.ptr[k - 1].next) {
		size_t at = s->spots.ptr[k - 1].pos;
		int rc;

		if (at < from)
			continue;
		if (at >= len || (last != GX_HEAD_ANY && at > last))
			return; /* no head ahead, no match */
		if ((rc = match_upto(r, s, subj, len, at, at, &f)) < 0)
			return;
		if (rc == 0)
			continue;
		put_hit(out, &f, i);
		if (f.empty) {
			scan_from(r, i, s, subj, len, last, f.next, out);
			return;
		}
		from = f.next;
	}
}

/* The name rules on `subj`; with `spots` (gx_pattern_heads() ran on it
 * with `s`), each only where its matches can start. */
static void scan(const gx_pattern_set *set, gx_pattern_scratch *s, const char *subj, size_t len,
		 const uint32_t *last, int spots, gx_pattern_hit_vec *out)
{
	size_t i;

	for (i = 0; set && i < set->rules.len; i++) {
		const rule *r = &set->rules.ptr[i];

		if (r->kind != RULE_NAME || last[i] == GX_HEAD_NONE)
			continue;
		if (spots && r->starts == START_RUN)
			scan_runs(r, i, s, subj, len, last[i], out);
		else if (spots && r->starts == START_AFTER)
			scan_after(r, i, s, subj, len, last[i], out);
		else
			scan_from(r, i, s, subj, len, last[i], 0, out);
	}
}

void gx_pattern_scan(const gx_pattern_set *set, gx_pattern_scratch *s, const char *subj, size_t len,
		     const uint32_t *last, gx_pattern_hit_vec *out)
{
	scan(set, s, subj, len, last, s->subj == subj && s->len == len, out);
}

size_t gx_pattern__given_up(const gx_pattern_scratch *s)
{
	return s->given_up;
}

int gx_pattern__everywhere(const gx_pattern_set *set, uint32_t i)
{
	const rule *r = &set->rules.ptr[i];

	return r->kind == RULE_NAME && r->n_heads == 0 && r->starts != START_AFTER;
}

void gx_pattern__scan_everywhere(const gx_pattern_set *set, gx_pattern_scratch *s, const char *subj,
				 size_t len, const uint32_t *last, gx_pattern_hit_vec *out)
{
	scan(set, s, subj, len, last, 0, out);
}

/* The span of group `name` (or the whole match) of a match of `r` over the
 * whole of `name`, by the interpreter. */
static int match_anchored(const rule *r, gx_pattern_scratch *s, const char *name, size_t len,
			  size_t *ms, size_t *me)
{
	int rc = pcre2_match(r->code, (PCRE2_SPTR)name, len, 0,
			     PCRE2_ANCHORED | PCRE2_ENDANCHORED | PCRE2_NO_UTF_CHECK, s->md, s->mc);

	if (rc < 0)
		return 0;
	name_span(r, s, rc, ms, me);
	return 1;
}

static int parent_matches(const char *parents, const char *type)
{
	const char *p = parents;

	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);

		if (strncmp(type, p, n) == 0 && (type[n] == '\0' || type[n] == '/'))
			return 1;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	return 0;
}

/* The "after" rules that continue a mention of type `type`: ok[r], from
 * parent_matches(), kept per type string (the lexicon's and the rules'
 * types stay put while the scratch lives): a document has few types. */
static const uint8_t *continuing(const gx_pattern_set *set, gx_pattern_scratch *s, const char *type)
{
	type_rules tr = {type, NULL};
	size_t k, i;

	for (k = 0; k < s->types.len; k++)
		if (s->types.ptr[k].type == type)
			return s->types.ptr[k].ok;
	tr.ok = gx_xmalloc(set->rules.len + 1);
	for (i = 0; i < set->rules.len; i++)
		tr.ok[i] = set->rules.ptr[i].kind == RULE_AFTER &&
			   parent_matches(set->rules.ptr[i].parents, type);
	GX_VEC_PUSH(&s->types, tr);
	return tr.ok;
}

int gx_pattern_extend_below(const gx_pattern_set *set, gx_pattern_scratch *s, const char *subj,
			    size_t len, size_t at, size_t below, const char *parent_type,
			    const uint32_t *last, gx_pattern_hit *hit)
{
	const uint8_t *ok = set ? continuing(set, s, parent_type) : NULL;
	size_t i, best = at;
	int found = 0;

	for (i = 0; set && i < set->rules.len; i++) {
		const rule *r = &set->rules.ptr[i];
		match_span f;

		if (!ok[i] || last[i] == GX_HEAD_NONE || (last[i] != GX_HEAD_ANY && last[i] < at))
			continue;
		if (match_upto(r, s, subj, len, at, at, &f) > 0 && f.end > best && f.end < below) {
			best = f.end;
			hit->start = (uint32_t)at;
			hit->end = (uint32_t)f.end;
			hit->rule = (uint32_t)i;
			found = 1;
		}
	}
	return found;
}

int gx_pattern_extend(const gx_pattern_set *set, gx_pattern_scratch *s, const char *subj,
		      size_t len, size_t at, const char *parent_type, const uint32_t *last,
		      gx_pattern_hit *hit)
{
	return gx_pattern_extend_below(set, s, subj, len, at, SIZE_MAX, parent_type, last, hit);
}

int gx_pattern_rejected(const gx_pattern_set *set, gx_pattern_scratch *s, const char *name,
			size_t len)
{
	size_t i;

	/* a reject rule runs only if the name holds one of its heads */
	gx_pattern_heads(set, NULL, name, len, s->name_heads);
	for (i = 0; set && i < set->rules.len; i++) {
		const rule *r = &set->rules.ptr[i];
		match_span f;

		if (r->kind == RULE_REJECT && s->name_heads[i] != GX_HEAD_NONE &&
		    match(r, r->code, s->mc, s, name, len, 0, &f) > 0)
			return 1;
	}
	return 0;
}

long gx_pcre_prefix(void *code, const char *s, size_t len)
{
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	long n = -1;

	if (md == NULL)
		return -1;
	if (pcre2_match(code, (PCRE2_SPTR)s, len, 0, PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK, md,
			NULL) >= 0)
		n = (long)pcre2_get_ovector_pointer(md)[1];
	pcre2_match_data_free(md);
	return n;
}

int gx_pattern_fits(const gx_pattern_set *set, gx_pattern_scratch *s, uint32_t r, const char *name,
		    size_t len)
{
	const rule *ru = &set->rules.ptr[r];
	match_span f;

	if (ru->whole == NULL) /* not a name rule: the interpreter, anchored at match time */
		return match_anchored(ru, s, name, len, &f.start, &f.end) && f.start == 0 &&
		       f.end == len;
	return match(ru, ru->whole, s->mc, s, name, len, 0, &f) > 0 && f.start == 0 && f.end == len;
}
