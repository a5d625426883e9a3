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
#include "recog/lexicon.h"

#include <errno.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MATCH_LIMIT 200000
#define DEPTH_LIMIT 5000

enum { RULE_NAME, RULE_AFTER, RULE_REJECT };

typedef struct {
	pcre2_code *code;
	pcre2_code *whole; /* a name rule anchored at both ends, for gx_pattern_fits() */
	char *type, *parents;
	int kind, name_group;
	char *heads;    /* literals one of which every match contains, NUL-separated */
	size_t n_heads; /* 0: no such set is known, the rule always runs */
} rule;

typedef struct {
	char *name, *value;
} define;

/* A distinct head literal and the rules that require one of their heads. */
typedef struct {
	char *lit;
	size_t len;
	uint32_t next; /* the next head with the same first bytes, + 1 (0: none) */
	GX_VEC(uint32_t) rules;
} head;

struct gx_pattern_set {
	GX_VEC(rule) rules;
	GX_VEC(define) defines;
	size_t n_rules; /* name + after rules */
	GX_VEC(head) heads;
	/* chains of heads (index + 1) by their first two bytes, and by their
	 * only byte for one-byte heads */
	uint32_t *by_pair, by_byte[256];
};

struct gx_pattern_scratch {
	pcre2_match_data *md;
	pcre2_match_context *mc;
	pcre2_match_context *upto; /* with an offset limit: where a match may start */
};

/* PCRE2's JIT does not take PCRE2_ANCHORED or PCRE2_ENDANCHORED at match
 * time (the interpreter would run instead, several times slower), so what
 * must match at one place is compiled so: `whole` with both options, the
 * rules with PCRE2_USE_OFFSET_LIMIT, which lets a search from `at` with
 * the offset limit `at` try that one start, as PCRE2_ANCHORED would. */
static pcre2_code *compile(const char *re, uint32_t options, char *err, size_t errlen)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
				      PCRE2_UTF | PCRE2_UCP | options, &code, &off, NULL);

	if (c == NULL) {
		PCRE2_UCHAR buf[256];

		pcre2_get_error_message(code, buf, sizeof buf);
		snprintf(err, errlen, "%s at offset %zu", (char *)buf, (size_t)off);
		return NULL;
	}
	pcre2_jit_compile(c, PCRE2_JIT_COMPLETE); /* optional: falls back to the interpreter */
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
		free(set->rules.ptr[i].type);
		free(set->rules.ptr[i].parents);
		free(set->rules.ptr[i].heads);
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
	free(set->by_pair);
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
 * group of its own: every match holds one of the heads of A or of B. */
static int alternative_heads(const char *re, gx_buf *heads)
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
		if (i == end)
			return 1;
		from = i + 1;
	}
}

static void required_literals(rule *r, const char *re)
{
	gx_buf heads = GX_BUF_INIT;
	size_t b, e, i;

	if (literal_group(re, strlen(re), &b, &e))
		add_heads(&heads, re, b, e);
	else if (!alternative_heads(re, &heads))
		gx_buf_clear(&heads);
	if (heads.len == 0) {
		gx_buf_dispose(&heads);
		return;
	}
	r->heads = gx_buf_detach(&heads);
	for (i = 0, r->n_heads = 1; r->heads[i]; i++)
		if (r->heads[i] == '|') {
			r->heads[i] = '\0';
			r->n_heads++;
		}
}

/* Files rule `r`'s heads in the set's index of heads. */
static void index_heads(gx_pattern_set *set, uint32_t r)
{
	const char *h = set->rules.ptr[r].heads;
	size_t k, i;

	if (set->by_pair == NULL)
		set->by_pair = gx_xcalloc(65536, sizeof *set->by_pair);
	for (k = 0; k < set->rules.ptr[r].n_heads; k++, h += strlen(h) + 1) {
		size_t len = strlen(h);
		const unsigned char *u = (const unsigned char *)h;
		uint32_t *chain;

		for (i = 0; i < set->heads.len; i++)
			if (strcmp(set->heads.ptr[i].lit, h) == 0)
				break;
		if (i == set->heads.len) {
			head nh = {gx_xstrdup(h), len, 0, {0}};

			chain = len == 1 ? &set->by_byte[u[0]] : &set->by_pair[u[0] << 8 | u[1]];
			nh.next = *chain;
			*chain = (uint32_t)i + 1;
			GX_VEC_PUSH(&set->heads, nh);
		}
		GX_VEC_PUSH(&set->heads.ptr[i].rules, r);
	}
}

static void mark(const gx_pattern_set *set, uint32_t h, const char *subj, size_t len, size_t p,
		 uint32_t *last)
{
	for (; h; h = set->heads.ptr[h - 1].next) {
		const head *hd = &set->heads.ptr[h - 1];
		size_t k;

		if (hd->len <= len - p && memcmp(subj + p, hd->lit, hd->len) == 0)
			for (k = 0; k < hd->rules.len; k++)
				last[hd->rules.ptr[k]] = (uint32_t)p;
	}
}

void gx_pattern_heads(const gx_pattern_set *set, const char *subj, size_t len, uint32_t *last)
{
	const unsigned char *u = (const unsigned char *)subj;
	size_t r, p;

	for (r = 0; set && r < set->rules.len; r++)
		last[r] = set->rules.ptr[r].n_heads ? GX_HEAD_NONE : GX_HEAD_ANY;
	if (set == NULL || set->by_pair == NULL)
		return;
	for (p = 0; p < len; p++) {
		if ((u[p] & 0xC0) == 0x80)
			continue; /* a head is UTF-8: it never starts inside a character */
		if (set->by_byte[u[p]])
			mark(set, set->by_byte[u[p]], subj, len, p, last);
		if (p + 1 < len && set->by_pair[u[p] << 8 | u[p + 1]])
			mark(set, set->by_pair[u[p] << 8 | u[p + 1]], subj, len, p, last);
	}
}

static int add_rule(load_ctx *c, int kind, const char *parents, const char *type, const char *re)
{
	gx_buf full = GX_BUF_INIT;
	char err[300], bad[128];
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
	r.code =
	    compile(full.ptr, kind == RULE_REJECT ? 0 : PCRE2_USE_OFFSET_LIMIT, err, sizeof err);
	if (r.code == NULL) {
		fail(c, "bad regular expression: %s", err);
		goto done;
	}
	if (kind == RULE_NAME && (r.whole = compile(full.ptr, PCRE2_ANCHORED | PCRE2_ENDANCHORED,
						    err, sizeof err)) == NULL) {
		pcre2_code_free(r.code);
		fail(c, "bad regular expression: %s", err);
		goto done;
	}
	r.kind = kind;
	r.type = type ? gx_xstrdup(type) : NULL;
	r.parents = parents ? gx_xstrdup(parents) : NULL;
	r.name_group = pcre2_substring_number_from_name(r.code, (PCRE2_SPTR) "name");
	if (kind != RULE_REJECT)
		required_literals(&r, full.ptr);
	GX_VEC_PUSH(&c->set->rules, r);
	if (r.n_heads)
		index_heads(c->set, (uint32_t)c->set->rules.len - 1);
	if (kind != RULE_REJECT)
		c->set->n_rules++;
	ok = 0;
done:
	gx_buf_dispose(&full);
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

	(void)set;
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
	if (s == NULL)
		return;
	pcre2_match_data_free(s->md);
	pcre2_match_context_free(s->mc);
	pcre2_match_context_free(s->upto);
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

/* Runs `code` (rule `r`'s) from `from`, with match context `mc`; returns 1
 * and the name's span on a match. A match-limit error counts as no match:
 * the rule is skipped at that place. */
static int match(const rule *r, const pcre2_code *code, pcre2_match_context *mc,
		 gx_pattern_scratch *s, const char *subj, size_t len, size_t from, size_t *ms,
		 size_t *me, size_t *whole_end)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
	int rc = pcre2_match(code, (PCRE2_SPTR)subj, len, from, PCRE2_NO_UTF_CHECK, s->md, mc);

	if (rc < 0)
		return 0;
	name_span(r, s, rc, ms, me);
	*whole_end = ov[1];
	if (ov[1] == ov[0])
		*whole_end = ov[1] + 1; /* empty match: step on */
	return 1;
}

void gx_pattern_scan(const gx_pattern_set *set, gx_pattern_scratch *s, const char *subj, size_t len,
		     const uint32_t *last, gx_pattern_hit_vec *out)
{
	size_t i;

	for (i = 0; set && i < set->rules.len; i++) {
		const rule *r = &set->rules.ptr[i];
		size_t from = 0, ms, me, end;

		if (r->kind != RULE_NAME)
			continue;
		/* every match holds a head at or after its start: none from
		 * the last head on means none at all */
		while (from < len && last[i] != GX_HEAD_NONE &&
		       (last[i] == GX_HEAD_ANY || last[i] >= from) &&
		       match(r, r->code, s->mc, s, subj, len, from, &ms, &me, &end)) {
			if (me > ms) {
				gx_pattern_hit h = {(uint32_t)ms, (uint32_t)me, (uint32_t)i};

				GX_VEC_PUSH(out, h);
			}
			from = end;
		}
	}
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

int gx_pattern_extend(const gx_pattern_set *set, gx_pattern_scratch *s, const char *subj,
		      size_t len, size_t at, const char *parent_type, const uint32_t *last,
		      gx_pattern_hit *hit)
{
	size_t i, best = at;
	int found = 0;

	for (i = 0; set && i < set->rules.len; i++) {
		const rule *r = &set->rules.ptr[i];
		size_t ms, me, end;

		if (r->kind != RULE_AFTER || last[i] == GX_HEAD_NONE ||
		    (last[i] != GX_HEAD_ANY && last[i] < at) ||
		    !parent_matches(r->parents, parent_type))
			continue;
		pcre2_set_offset_limit(s->upto, at); /* a match that starts at `at` */
		if (match(r, r->code, s->upto, s, subj, len, at, &ms, &me, &end) && me > best) {
			best = me;
			hit->start = (uint32_t)at;
			hit->end = (uint32_t)me;
			hit->rule = (uint32_t)i;
			found = 1;
		}
	}
	return found;
}

int gx_pattern_rejected(const gx_pattern_set *set, gx_pattern_scratch *s, const char *name,
			size_t len)
{
	size_t i;

	for (i = 0; set && i < set->rules.len; i++) {
		const rule *r = &set->rules.ptr[i];
		size_t ms, me, end;

		if (r->kind == RULE_REJECT &&
		    match(r, r->code, s->mc, s, name, len, 0, &ms, &me, &end))
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
	size_t ms, me, end;

	if (ru->whole == NULL) /* not a name rule: the interpreter, anchored at match time */
		return match_anchored(ru, s, name, len, &ms, &me) && ms == 0 && me == len;
	return match(ru, ru->whole, s->mc, s, name, len, 0, &ms, &me, &end) && ms == 0 && me == len;
}
