/* Recognition of one document: dictionary hits, pattern hits and their
 * extensions become candidates; ANNOTATION.md "Longest name wins" picks the
 * mentions; the document's city and province then resolve context
 * references (市科技局) and ambiguous short forms.
 *
 * Offsets: candidates live in the UTF-8 text (`t.utf8`), pattern matching in
 * the folded copy (`folded`, mapped back through `fmap`), and mentions are
 * reported in offsets of the original file through gx_text_orig_offset(). */
#define _POSIX_C_SOURCE 200809L /* pthread_once */
#include "recog/recognise.h"
#include "core/alloc.h"
#include "core/error.h"
#include "core/utf8.h"
#include "recog/context.h"
#include "recog/lexicon.h"
#include "recog/pattern.h"
#include "recog/template.h"
#include "recog/trie.h"
#include "text/fold.h"
#include "text/io.h"
#include "text/segment.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADLINE_UNITS 2 /* the first units carry the headline: their votes count double */
#define MAX_EXTENSIONS 4 /* 清华大学 + 无锡应用技术研究院 + 精密光电研发中心 needs 2 */

struct gx_doc {
	char *path;
	size_t size;
	GX_VEC(gx_mention) mentions;
	gx_span_vec sentences; /* original-file offsets */
	gx_strmap strings;     /* surfaces and names owned by the document */
	const char *city, *province;
	gx_text text; /* the text as read, kept so that the store need not read the file again */
};

typedef struct {
	uint32_t start, end; /* in t.utf8 */
	uint32_t claim;      /* dictionary: head of the claim chain */
	uint32_t parent;     /* extension: the candidate it continues */
	uint32_t rule;       /* pattern or extension rule */
	uint32_t unit;
	uint32_t id; /* index in work.cands (selection sorts a copy) */
	uint8_t source, depth;
	uint8_t ctxref; /* a dictionary name written with 省/市 for the place: 省产业技术研究院 */
	uint8_t zoneref;   /* 区管委会: the body of the document's zone (zone_refs()) */
	uint8_t verb;      /* a common word read as a place's name (verb_before_body()) */
	uint32_t alias_of; /* an abbreviation the document defines: the candidate it names */
} cand;

typedef struct {
	const gx_lexicon *lx;
	const gx_recog_options *opt;
	gx_doc *doc;
	gx_text t;
	gx_buf folded;
	int folded_ready;      /* fold_text() ran: only when patterns or abbreviations need it */
	GX_VEC(uint32_t) fmap; /* folded offset -> utf8 offset, with a final entry */
	GX_VEC(uint32_t) fpos; /* utf8 offset -> folded offset (to_folded()), len + 1 */
	gx_span_vec units;     /* utf8 offsets */
	GX_VEC(cand) cands;
	gx_pattern_scratch *scratch;
	uint32_t *heads; /* per unit, gx_pattern_heads() of its folded text */
	size_t n_rules;
	gx_doc_context ctx;
	uint32_t zone; /* the zone the document is about, for 区管委会 (zone_refs()) */
	gx_diag_fn diag;
	void *payload;
} work;

typedef struct {
	const char *name, *type;
	gx_source source;
} resolved;

static const char *doc_string(gx_doc *doc, const char *s, size_t len)
{
	const char *stored;

	gx_strmap_put(&doc->strings, s, len, 0, NULL, &stored);
	return stored;
}

/* ---- folding and offsets -------------------------------------------------- */

/* Folds one character of `n` bytes at utf8 offset `i`, code point `cp`, to
 * out[*k]; fills its entries of the maps. */
static inline void fold_char(uint32_t cp, size_t i, size_t n, char *out, size_t *k, uint32_t *fmap,
			     uint32_t *fpos)
{
	uint32_t f = cp == GX_UTF8_INVALID ? 0xFFFD : gx_fold_cp(cp);
	size_t m, j;

	fpos[i] = (uint32_t)*k;
	if (n == 3 && f >= 0x800 && f < 0x10000) { /* most characters: three bytes to three */
		out[*k] = (char)(0xE0 | f >> 12);
		out[*k + 1] = (char)(0x80 | ((f >> 6) & 0x3F));
		out[*k + 2] = (char)(0x80 | (f & 0x3F));
		fmap[*k] = fmap[*k + 1] = fmap[*k + 2] = (uint32_t)i;
		*k += 3;
		fpos[i + 1] = fpos[i + 2] = (uint32_t)*k;
		return;
	}
	m = gx_utf8_encode(f, out + *k);
	for (j = 0; j < m; j++)
		fmap[(*k)++] = (uint32_t)i;
	/* inside a character: the next one's folded offset, as the first
	 * folded byte whose source is at or after it */
	for (j = 1; j < n; j++)
		fpos[i + j] = (uint32_t)*k;
}

/* Bytes after the folded text that are zeroed: PCRE2's JIT reads a few
 * words past a subject's end and drops them, and valgrind (tests/sh/
 * valgrind.sh) wants them defined. The rest of the buffer is not touched. */
#define FOLD_PAD 64

static void fold_text(work *w)
{
	const unsigned char *p = (const unsigned char *)w->t.utf8;
	size_t i = 0, n, k = 0, cap = 3 * w->t.len + FOLD_PAD; /* an invalid byte becomes U+FFFD */
	uint32_t *fmap, *fpos, cp;
	char *out;

	w->folded.ptr = gx_xgrow(w->folded.ptr, &w->folded.cap, cap, 1);
	w->fmap.ptr = gx_xgrow(w->fmap.ptr, &w->fmap.cap, cap + 1, sizeof *w->fmap.ptr);
	w->fpos.ptr = gx_xgrow(w->fpos.ptr, &w->fpos.cap, w->t.len + 1, sizeof *w->fpos.ptr);
	out = w->folded.ptr;
	fmap = w->fmap.ptr;
	fpos = w->fpos.ptr;
	while (i < w->t.len) {
		if (p[i] < 0x80) {
			fpos[i] = (uint32_t)k;
			out[k] = (char)p[i];
			fmap[k++] = (uint32_t)i++;
			continue;
		}
		cp = gx_utf8_next(p + i, w->t.len - i, &n);
		fold_char(cp, i, n, out, &k, fmap, fpos);
		i += n;
	}
	memset(out + k, 0, FOLD_PAD);
	w->folded.len = k;
	fmap[k] = (uint32_t)w->t.len;
	w->fmap.len = k + 1;
	fpos[w->t.len] = (uint32_t)k;
	w->fpos.len = w->t.len + 1;
	w->folded_ready = 1;
}

/* First folded offset whose source is at or after utf8 offset `off`. */
static inline size_t to_folded(const work *w, uint32_t off)
{
	return w->fpos.ptr[off];
}

/* ---- candidates ------------------------------------------------------------ */

/* A mention belongs to one co-occurrence unit (ANNOTATION.md "Co-occurrence
 * units"), so a candidate must lie inside one: a span outside every unit or
 * running past its unit's end (a surface with a sentence mark in it,
 * 东湖国家自?创区) is not pushed. Returns the new candidate, or NULL. */
static cand *push(work *w, uint32_t start, uint32_t end, uint32_t claim, uint32_t parent,
		  uint32_t rule, uint8_t source, uint8_t depth)
{
	cand c = {.start = start,
		  .end = end,
		  .claim = claim,
		  .parent = parent,
		  .rule = rule,
		  .id = (uint32_t)w->cands.len,
		  .source = source,
		  .depth = depth,
		  .alias_of = GX_NONE};
	size_t u = gx_segment_find(&w->units, start);

	if (u == w->units.len || start < w->units.ptr[u].start || end > w->units.ptr[u].end)
		return NULL;
	c.unit = (uint32_t)u;
	GX_VEC_PUSH(&w->cands, c);
	return &w->cands.ptr[w->cands.len - 1];
}

/* 科技部 in 科技部门, 教育部 in 教育部门: "department(s) of" is no ministry. */
static int runs_into_word(const work *w, size_t end)
{
	static const char bu[] = "部", men[] = "门", men_t[] = "門";
	const char *p = w->t.utf8;

	return end >= 3 && memcmp(p + end - 3, bu, 3) == 0 && end + 3 <= w->t.len &&
	       (memcmp(p + end, men, 3) == 0 || memcmp(p + end, men_t, 3) == 0);
}

/* Pushes a dictionary candidate known to lie in unit `u`: push() without
 * the search for the unit. */
static void push_in_unit(work *w, uint32_t start, uint32_t end, uint32_t claim, size_t u)
{
	cand c = {.start = start,
		  .end = end,
		  .claim = claim,
		  .parent = GX_NONE,
		  .unit = (uint32_t)u,
		  .id = (uint32_t)w->cands.len,
		  .source = GX_SRC_DICT,
		  .alias_of = GX_NONE};

	GX_VEC_PUSH(&w->cands, c);
}

/* Code points matched at a time: a 50 MB line is matched in pieces, with
 * the longest surface's length read ahead so that no match is cut. */
#define DICT_PIECE 16384

/* Dictionary names in each unit: a match never runs into the next unit. */
static void scan_dict(work *w)
{
	const gx_trie *tr = w->lx->trie;
	const unsigned char *p = (const unsigned char *)w->t.utf8;
	size_t ahead = gx_trie_max_len(tr), cap = DICT_PIECE + ahead, u;
	uint32_t *sym, *off;
	gx_trie_match *match;

	if (cap > w->t.len)
		cap = w->t.len;
	sym = gx_xmalloc((cap + 1) * sizeof *sym);
	off = gx_xmalloc((cap + 1) * sizeof *off);
	match = gx_xmalloc((cap + 1) * sizeof *match);
	for (u = 0; u < w->units.len; u++) {
		size_t pos = w->units.ptr[u].start, end = w->units.ptr[u].end;

		while (pos < end) {
			size_t n = gx_trie_symbolize(tr, p + pos, end - pos, cap, sym, off);
			size_t starts = pos + off[n] == end ? n : n - ahead, m, k;

			/* every start is tried: "longest name wins" is decided
			 * later, together with the pattern hits */
			m = gx_trie_scan(tr, sym, n, starts, match);
			for (k = 0; k < m; k++) {
				size_t s = pos + off[match[k].start];
				size_t e = pos + off[match[k].start + match[k].len];

				if (!runs_into_word(w, e))
					push_in_unit(w, (uint32_t)s, (uint32_t)e, match[k].value,
						     u);
			}
			pos += off[starts];
		}
	}
	free(sym);
	free(off);
	free(match);
}

/* Taiwan writes 計畫 and 規畫 where the mainland writes 计划 and 规划; folding
 * goes one character at a time, so 畫 became 画. A pattern name takes the
 * mainland word (ANNOTATION.md: canonical names in Simplified Chinese). The
 * byte lengths are equal, so this is done in place. */
static void mainland_words(gx_buf *name)
{
	static const char *const from[] = {"计画", "规画"}, *const to[] = {"计划", "规划"};
	size_t k, i;

	for (k = 0; k < sizeof from / sizeof *from; k++) {
		size_t len = strlen(from[k]);

		for (i = 0; i + len <= name->len; i++)
			if (memcmp(name->ptr + i, from[k], len) == 0)
				memcpy(name->ptr + i, to[k], len);
	}
}

/* Folded name of a span, quotes dropped (ANNOTATION.md: quotes are not part
 * of a name). */
static void name_of(const work *w, size_t fs, size_t fe, gx_buf *out)
{
	size_t i = fs, n;

	gx_buf_clear(out);
	while (i < fe) {
		uint32_t cp = gx_utf8_decode((const unsigned char *)w->folded.ptr + i, fe - i, &n);

		if (!(cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x201D || cp == 0x2018 ||
		      cp == 0x2019 || cp == 0x300C || cp == 0x300D || cp == 0x300E || cp == 0x300F))
			gx_buf_put(out, w->folded.ptr + i, n);
		i += n;
	}
	mainland_words(out);
}

/* Chars in folded [s, e). */
/* NUL bytes and invalid UTF-8 separate names (README.md "How recognition
 * works", 1), and no name holds a control character (a line break, a tab): a
 * rule such as 《[^《》\n]+》 would otherwise take them in, and the mention's
 * surface would stop at its NUL. The folded text has U+FFFD for invalid
 * bytes. */
static int has_separator(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char b = (unsigned char)s[i];

		if (b < 0x20 || b == 0x7F ||
		    (b == 0xEF && i + 2 < len && memcmp(s + i, "\xef\xbf\xbd", 3) == 0))
			return 1;
	}
	return 0;
}

/* Characters of UTF-8 bytes [p, p + len): the bytes that begin one. */
static size_t utf8_chars(const char *p, size_t len)
{
	size_t n = 0, i;

	for (i = 0; i < len; i++)
		n += ((unsigned char)p[i] & 0xC0) != 0x80;
	return n;
}

static size_t count_chars(const work *w, size_t s, size_t e)
{
	return utf8_chars(w->folded.ptr + s, e - s);
}

static size_t next_char(const work *w, size_t s)
{
	do
		s++;
	while (((unsigned char)w->folded.ptr[s] & 0xC0) == 0x80);
	return s;
}

#define MIN_NAME_CHARS 3 /* two distinguishing characters and a head */
#define ANCHOR_REACH   4 /* how far into a name a known name may start */

/* Does rule `r` still accept the folded name [s, e)? */
static int fits(const work *w, uint32_t r, size_t s, size_t e)
{
	return count_chars(w, s, e) >= MIN_NAME_CHARS &&
	       gx_pattern_fits(w->lx->patterns, w->scratch, r, w->folded.ptr + s, e - s);
}

/* 德国|弗劳恩霍夫协会, 英国|利物浦大学: a country in front of a foreign body
 * is a mention of its own. China's own names keep it (中国科学院). */
static size_t skip_country(const work *w, uint32_t r, size_t s, size_t e)
{
	size_t mlen;
	uint32_t c =
	    gx_trie_longest(w->lx->trie, (const unsigned char *)w->folded.ptr + s, e - s, &mlen);
	const gx_entity *ent;

	if (c == GX_NONE || s + mlen >= e || w->lx->claims.ptr[c].next != GX_NONE)
		return s;
	ent = &w->lx->ents.ptr[w->lx->claims.ptr[c].entity];
	if (strcmp(ent->type, "place/country") != 0 || strcmp(ent->name, "中国") == 0 ||
	    !fits(w, r, s + mlen, e))
		return s;
	return s + mlen;
}

static int cjk_numeral(const char *c3)
{
	static const char numerals[] = "一二三四五六七八九十";
	size_t k;

	for (k = 0; k + 3 <= sizeof numerals - 1; k += 3)
		if (memcmp(numerals + k, c3, 3) == 0)
			return 1;
	return 0;
}

/* A list item's number in brackets, (一) or (3), in front of a name at s:
 * where the name starts after it, else s. */
static size_t skip_list_number(const work *w, uint32_t r, size_t s, size_t e)
{
	size_t i = s + 1, n;

	if (s >= e || w->folded.ptr[s] != '(')
		return s;
	while (i < e && i - s <= 4 * 3) {
		uint32_t cp = gx_utf8_decode((const unsigned char *)w->folded.ptr + i, e - i, &n);

		if (cp == ')')
			return i > s + 1 && fits(w, r, i + 1, e) ? i + 1 : s;
		if (!(cp >= '0' && cp <= '9') && !(n == 3 && cjk_numeral(w->folded.ptr + i)))
			return s;
		i += n;
	}
	return s;
}

/* The entity of the longest known name at folded i that ends before e
 * (its length in *mlen), or NULL. A local= form (龙江 inside 黑龙江省) is
 * a name only in its place's texts: no known name here. */
static const gx_entity *known_at(const work *w, size_t i, size_t e, size_t *mlen)
{
	uint32_t c =
	    gx_trie_longest(w->lx->trie, (const unsigned char *)w->folded.ptr + i, e - i, mlen);

	if (c == GX_NONE || i + *mlen >= e || w->lx->claims.ptr[c].local)
		return NULL;
	return &w->lx->ents.ptr[w->lx->claims.ptr[c].entity];
}

/* Can the known name `k` at folded i (mlen bytes) start a pattern name? A
 * place can (苏南|自创区 after 范围覆盖), a body or zone by a name of three
 * characters or more; a two-character short form of a body is too often the
 * inside of another word (德力|西电|气有限公司: 西电 is a university). */
static int anchors(const work *w, const gx_entity *k, size_t i, size_t mlen)
{
	if (k->coarse == GX_PROGRAMME)
		return 0;
	return k->coarse == GX_PLACE || count_chars(w, i, i + mlen) >= 3;
}

/* Does the text at folded i (before e) begin with the short form of
 * place `p` (its name without 区, 县, 市)? */
static int repeats_place(const work *w, const gx_entity *p, size_t i, size_t e)
{
	size_t n = p->shortname ? strlen(p->shortname) : 0;

	return n && strcmp(p->shortname, p->name) != 0 && e - i > n &&
	       memcmp(w->folded.ptr + i, p->shortname, n) == 0;
}

/* Heads of zones that stand on their own: a named zone does not take in
 * another one of these (沈阳高新区|浑南科技城, 福州高新技术产业开发区|
 * 海西高新技术产业园), while a park inside it is part of its name
 * (佛山高新区顺德园, 合肥高新区留学人员创业园). */
static const char *const own_zone_heads[] = {"高新技术产业开发区",
					     "高新技术产业园区",
					     "高新技术产业园",
					     "高新区",
					     "经济技术开发区",
					     "经济开发区",
					     "开发区",
					     "科技城",
					     "科学城",
					     "新城",
					     "示范区",
					     "新区",
					     NULL};

/* Does the folded text [i, e) after the known zone `k` name a zone of its
 * own (at least two characters before one of own_zone_heads)? */
static int zone_of_its_own(const work *w, const gx_entity *k, size_t i, size_t e)
{
	size_t n, j;

	if (k->coarse != GX_ZONE)
		return 0;
	for (j = 0; own_zone_heads[j]; j++) {
		n = strlen(own_zone_heads[j]);
		if (e - i >= n + 6 && memcmp(w->folded.ptr + e - n, own_zone_heads[j], n) == 0)
			return 1;
	}
	return 0;
}

/* Is folded [s, i), before a known place at i, a group in front of its
 * unit's name: a known company (中国航发|湖南|动力机械研究所) or a name that
 * ends with 集团 (巨石集团|九江|有限公司)? */
static int group_in_front(const work *w, size_t s, size_t i)
{
	const gx_entity *k;
	size_t mlen;

	if (i - s > 6 && memcmp(w->folded.ptr + i - 6, "集团", 6) == 0)
		return 1;
	k = known_at(w, s, i + 1, &mlen);
	return k != NULL && s + mlen == i && strcmp(k->type, "org/company") == 0;
}

/* The first occurrence of the three bytes c3 (a character) in [p, end), as
 * memmem() finds it, or NULL: memchr() for the last byte, then a look at the
 * two before. Every ideograph begins with one of a few bytes, so the last
 * one is the rare one. */
static const char *find_char3(const char *p, const char *end, const char *c3)
{
	const char *q = p + 2;

	for (; q < end && (q = memchr(q, c3[2], (size_t)(end - q))) != NULL; q++)
		if (q[-2] == c3[0] && q[-1] == c3[1])
			return q - 2;
	return NULL;
}

/* Words that end a description of the body named after them: 羽绒服装龙头企业|
 * 江西鸭鸭股份有限公司. No name holds one. Each is two characters and 企业. */
static const char *const descriptions[] = {"龙头", "骨干", "领军", "链主", "重点", NULL};

/* The start of the name in folded [s, e) after the last description in it,
 * if the rest still has the shape rule r asks for; else s. */
static size_t skip_description(const work *w, uint32_t r, size_t s, size_t e)
{
	const char *t = w->folded.ptr, *ye;
	size_t best = s, k;

	for (ye = find_char3(t + s, t + e, "业"); ye; ye = find_char3(ye + 3, t + e, "业")) {
		size_t at = (size_t)(ye - t) + 3;

		if (at - s < 12 || memcmp(ye - 3, "企", 3) != 0 || at >= e || !fits(w, r, at, e))
			continue;
		for (k = 0; descriptions[k]; k++)
			if (memcmp(ye - 9, descriptions[k], 6) == 0)
				best = at;
	}
	return best;
}

/* Drops the words that never begin a name (继续推广|苏科贷) while the rest
 * is still a name of rule `r`. */
static size_t skip_stopwords(const work *w, uint32_t r, size_t s, size_t e)
{
	size_t mlen;

	while (w->lx->stopwords &&
	       gx_trie_longest(w->lx->stopwords, (const unsigned char *)w->folded.ptr + s, e - s,
			       &mlen) != GX_NONE &&
	       fits(w, r, s + mlen, e))
		s += mlen;
	return s;
}

/* Where a known place, body or zone starts within the few characters after
 * `s` (范围覆盖|苏南自创区), or `s`; `known` of `mlen` bytes is what starts
 * at `s` itself, if anything. */
static size_t skip_to_anchor(const work *w, uint32_t r, size_t s, size_t e, const gx_entity *known,
			     size_t mlen)
{
	size_t i = next_char(w, s), k;

	if (known != NULL && known->coarse == GX_ORG && count_chars(w, s, s + mlen) >= 4)
		i = s + mlen; /* 华北理工|—唐钢…: no anchor inside a body's name (北理工) */
	for (k = 1; k <= ANCHOR_REACH && i < e; i = next_char(w, i), k++) {
		if (w->folded.ptr[i - 1] == '(' || memchr(w->folded.ptr + s, '(', i - s))
			break; /* 北航(丹阳)研究院: never start inside brackets */
		if ((known = known_at(w, i, e, &mlen)) != NULL && anchors(w, known, i, mlen) &&
		    fits(w, r, i, e))
			return known->coarse == GX_PLACE && group_in_front(w, s, i) ? s : i;
	}
	return s;
}

/* A pattern reaches back from the head to the name's start, which may take
 * in the words before it: list numbers, stop words, descriptions, a country;
 * then a known name at or just after the start decides it. Every step must
 * leave a name its rule still accepts (沿江科创带 is not cut to 科创带). */
static size_t trim_left(const work *w, uint32_t r, size_t s, size_t e)
{
	const gx_entity *known;
	size_t mlen;

	s = skip_list_number(w, r, s, e); /* (一)云南省基础研究计划 */
	s = skip_stopwords(w, r, s, e);
	s = skip_description(w, r, s, e);
	if (w->opt->no_dicts)
		return s; /* patterns alone: no dictionary knowledge at all */
	s = skip_country(w, r, s, e);
	if ((known = known_at(w, s, e, &mlen)) != NULL && zone_of_its_own(w, known, s + mlen, e) &&
	    fits(w, r, s + mlen, e))
		return s + mlen; /* 沈阳高新区|浑南科技城: two zones */
	if (known != NULL && known->coarse == GX_PLACE)
		return repeats_place(w, known, s + mlen, e) && fits(w, r, s + mlen, e)
			   ? s + mlen /* 鸠江区|鸠江经济开发区: the place, then a name of its own */
			   : s; /* a name that starts with a place (贵州|白山云科技…, 白山 a city
				   too) */
	return skip_to_anchor(w, r, s, e, known, mlen);
}

static int starts_with_stopword(const work *w, size_t s, size_t e)
{
	size_t mlen;

	return w->lx->stopwords &&
	       gx_trie_longest(w->lx->stopwords, (const unsigned char *)w->folded.ptr + s, e - s,
			       &mlen) != GX_NONE;
}

/* Are the characters of folded [as, ae) those of [s, e) in order, fewer of
 * them? Then they abbreviate it: 香港城市大学 -> 城大, 绵阳高新技术产业开发区 ->
 * 绵阳高新区. */
static int abbreviates(const work *w, size_t as, size_t ae, size_t s, size_t e)
{
	size_t n, m, k = 0, chars = count_chars(w, s, e);

	for (; as < ae; as += n, k++) {
		gx_utf8_decode((const unsigned char *)w->folded.ptr + as, ae - as, &n);
		while (s < e &&
		       (s + n > e || memcmp(w->folded.ptr + s, w->folded.ptr + as, n) != 0)) {
			gx_utf8_decode((const unsigned char *)w->folded.ptr + s, e - s, &m);
			s += m;
		}
		if (s >= e)
			return 0;
		s += n;
	}
	return k >= 2 && k < chars;
}

/* Where folded [s, e) ends in a bracketed abbreviation of the rest
 * (香港大学(港大)), the position of its "(": the bracket names the same
 * body and is no part of its name. Else e. */
static size_t before_abbreviation(const work *w, size_t s, size_t e)
{
	size_t open = e;

	if (e - s < 4 || w->folded.ptr[e - 1] != ')')
		return e;
	while (open > s && w->folded.ptr[open - 1] != '(')
		open--;
	if (open <= s + 1 || !abbreviates(w, open, e - 1, s, open - 1))
		return e;
	return open - 1;
}

/* A sentence of more than this is no prose (a scraped page with no
 * punctuation, a 50 MB line): pattern rules cost time per byte that only
 * makes sense on real sentences, so such a unit gets dictionaries only. */
#define MAX_PATTERN_UNIT (64 * 1024)

static void skip_long_unit(const work *w, size_t u)
{
	char msg[160];

	if (w->diag == NULL)
		return;
	snprintf(msg, sizeof msg,
		 "sentence at byte %zu runs %zu bytes without an end mark: pattern recognisers "
		 "skip it, dictionaries still apply",
		 (size_t)gx_text_orig_offset(&w->t, w->units.ptr[u].start),
		 (size_t)(w->units.ptr[u].end - w->units.ptr[u].start));
	w->diag(GX_DIAG_WARNING, w->doc->path, 0, msg, w->payload);
}

/* The name rules on each unit, after its heads are found (the pattern
 * prefilter: kept for every unit, the "after" rules use them too). */
static void scan_patterns(work *w)
{
	gx_pattern_hit_vec hits = {0};
	gx_buf name = GX_BUF_INIT;
	size_t u, h;

	w->n_rules = gx_pattern_set_size(w->lx->patterns);
	w->heads = gx_xmalloc((w->units.len * w->n_rules + 1) * sizeof *w->heads);
	for (u = 0; u < w->units.len; u++) {
		size_t fs = to_folded(w, w->units.ptr[u].start);
		size_t fe = to_folded(w, w->units.ptr[u].end);

		gx_pattern_heads(w->lx->patterns, w->scratch, w->folded.ptr + fs, fe - fs,
				 w->heads + u * w->n_rules);
		if (fe - fs > MAX_PATTERN_UNIT) {
			skip_long_unit(w, u);
			continue;
		}
		hits.len = 0;
		gx_pattern_scan(w->lx->patterns, w->scratch, w->folded.ptr + fs, fe - fs,
				w->heads + u * w->n_rules, &hits);
		for (h = 0; h < hits.len; h++) {
			size_t e = fs + hits.ptr[h].end;
			size_t s = trim_left(w, hits.ptr[h].rule, fs + hits.ptr[h].start, e);

			e = before_abbreviation(w, s, e);

			if (starts_with_stopword(w, s, e))
				continue; /* 进入高新区: nothing left once the verb goes */
			name_of(w, s, e, &name);
			if (name.len == 0 || has_separator(name.ptr, name.len) ||
			    gx_pattern_rejected(w->lx->patterns, w->scratch, name.ptr, name.len))
				continue;
			push(w, w->fmap.ptr[s], w->fmap.ptr[e], GX_NONE, GX_NONE, hits.ptr[h].rule,
			     GX_SRC_PATTERN, 0);
		}
	}
	GX_VEC_FREE(&hits);
	gx_buf_dispose(&name);
}

static const char *cand_type(const work *w, const cand *c)
{
	if (c->alias_of != GX_NONE)
		return cand_type(w, &w->cands.ptr[c->alias_of]);
	if (c->source == GX_SRC_DICT)
		return w->lx->ents.ptr[w->lx->claims.ptr[c->claim].entity].type;
	return gx_pattern_rule_type(w->lx->patterns, c->rule);
}

/* What the "after" rules give at a folded offset for a parent type: the
 * same for every candidate that ends there (吐鲁番氢能产业技术研究院 and
 * 氢能产业技术研究院 both end at 院), so it is looked up once. */
typedef struct {
	uint32_t at;
	const char *type;
	int found;
	gx_pattern_hit hit;
} extension;

typedef GX_VEC(extension) extension_vec;

static const extension *extension_at(work *w, extension_vec *memo, size_t unit, size_t at,
				     const char *type)
{
	size_t fs = to_folded(w, w->units.ptr[unit].start);
	size_t fe = to_folded(w, w->units.ptr[unit].end), i;
	extension e = {(uint32_t)at, type, 0, {0, 0, 0}};

	/* candidates come in text order, extensions of them later: the entry
	 * sought is nearly always among the last few */
	for (i = memo->len; i-- > 0 && memo->len - i <= 16;)
		if (memo->ptr[i].at == at && strcmp(memo->ptr[i].type, type) == 0)
			return &memo->ptr[i];
	e.found = gx_pattern_extend(w->lx->patterns, w->scratch, w->folded.ptr + fs, fe - fs,
				    at - fs, type, w->heads + unit * w->n_rules, &e.hit);
	GX_VEC_PUSH(memo, e);
	return &memo->ptr[memo->len - 1];
}

/* Does candidate `c`'s continuation, folded [at, end), name itself: `c` a
 * known place and the continuation begins with the place's short form, or
 * `c` a known zone and the continuation a zone of its own? */
static int names_itself(const work *w, const cand *c, size_t at, size_t end)
{
	const gx_entity *e;

	if (c->source != GX_SRC_DICT || c->parent != GX_NONE || c->claim == GX_NONE)
		return 0;
	e = &w->lx->ents.ptr[w->lx->claims.ptr[c->claim].entity];
	return (e->coarse == GX_PLACE && repeats_place(w, e, at, end)) ||
	       zone_of_its_own(w, e, at, end);
}

/* Candidate k continued by `hit` (folded offsets from `fs`), unless the
 * continuation crosses a separator or an abbreviation's bracket, or the
 * whole name answers to @reject (翔安创新实验室 + 两家省创新实验室 is a
 * count, not a name). Returns 1 if pushed. */
static int push_extension(work *w, size_t k, const gx_pattern_hit *hit, size_t fs, gx_buf *name)
{
	cand c = w->cands.ptr[k];
	size_t at = to_folded(w, c.end), end = fs + hit->end;

	if (has_separator(w->folded.ptr + at, end - at) ||
	    before_abbreviation(w, to_folded(w, c.start), end) < end)
		return 0;
	if (names_itself(w, &c, at, end)) {
		/* 鸠江区 + 鸠江经济开发区: the continuation names itself */
		name_of(w, at, end, name);
		if (gx_pattern_rejected(w->lx->patterns, w->scratch, name->ptr, name->len))
			return 0;
		push(w, c.end, w->fmap.ptr[end], GX_NONE, GX_NONE, hit->rule, GX_SRC_PATTERN, 0);
		return 1;
	}
	name_of(w, to_folded(w, c.start), end, name);
	if (gx_pattern_rejected(w->lx->patterns, w->scratch, name->ptr, name->len))
		return 0;
	push(w, c.start, w->fmap.ptr[end], GX_NONE, (uint32_t)k, hit->rule, GX_SRC_PATTERN,
	     (uint8_t)(c.depth + 1));
	return 1;
}

/* "after" rules: 江科大 + 海洋装备研究院, 市科技局 + 政策规划处. Extensions
 * of extensions are tried too, up to MAX_EXTENSIONS deep. When the longest
 * continuation is no name, a shorter one may be (佛山高新区 + 顺德园, not
 * 顺德园全年新增科技企业孵化器). */
static void extend_all(work *w)
{
	extension_vec memo = {0};
	gx_buf name = GX_BUF_INIT;
	size_t k;

	for (k = 0; k < w->cands.len; k++) {
		cand c = w->cands.ptr[k];
		const extension *e;
		gx_pattern_hit hit;
		size_t fs, fe, at;
		int tries;

		if (c.depth >= MAX_EXTENSIONS || c.unit >= w->units.len)
			continue;
		fs = to_folded(w, w->units.ptr[c.unit].start);
		fe = to_folded(w, w->units.ptr[c.unit].end);
		at = to_folded(w, c.end);
		if (at >= fe)
			continue;
		e = extension_at(w, &memo, c.unit, at, cand_type(w, &c));
		if (!e->found)
			continue;
		hit = e->hit;
		for (tries = 0; tries < MAX_EXTENSIONS && !push_extension(w, k, &hit, fs, &name);
		     tries++)
			if (!gx_pattern_extend_below(
				w->lx->patterns, w->scratch, w->folded.ptr + fs, fe - fs, at - fs,
				hit.end, cand_type(w, &c), w->heads + c.unit * w->n_rules, &hit))
				break;
	}
	gx_buf_dispose(&name);
	GX_VEC_FREE(&memo);
}

/* ---- selection: longest name wins ------------------------------------------ */

static int cmp_cand(const void *a, const void *b)
{
	const cand *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	/* same span: a dictionary entry beats an extension beats a pattern, and
	 * an abbreviation the document defines beats the dictionary's reading
	 * (香港城市大学(城大) in a text about 绵阳, where 城大 names nothing) */
	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	if ((x->alias_of != GX_NONE) != (y->alias_of != GX_NONE))
		return x->alias_of != GX_NONE ? -1 : 1;
	return (y->parent != GX_NONE) - (x->parent != GX_NONE);
}

/* A pattern name that starts inside a dictionary name and runs past its end
 * began in the middle of a word: names do not start there. */
static int starts_mid_name(const cand *c, uint32_t dict_reach)
{
	return c->source == GX_SRC_PATTERN && c->parent == GX_NONE && dict_reach > c->start &&
	       dict_reach < c->end;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Is utf8 [s, e) a single character? */
static int one_char(const work *w, uint32_t s, uint32_t e)
{
	size_t n;

	gx_utf8_decode((const unsigned char *)w->t.utf8 + s, w->t.len - s, &n);
	return s + n == e;
}

/* Is dictionary candidate `d` written as its entity's canonical name? A full
 * name after a place is a name of its own (镇江|苏南国家自主创新示范区); a short
 * form is the place's own (昆山|工研院 is 昆山's 工研院). */
static int names_canonical(const work *w, const cand *d)
{
	size_t fs = to_folded(w, d->start), fe = to_folded(w, d->end);
	const gx_entity *e;

	if (d->claim == GX_NONE)
		return 0;
	e = &w->lx->ents.ptr[w->lx->claims.ptr[d->claim].entity];
	return strlen(e->name) == fe - fs && memcmp(e->name, w->folded.ptr + fs, fe - fs) == 0;
}

/* The dictionary names by their end, for ends_like_dict(): end << 32 |
 * index in w->cands, sorted; made when the first pattern name needs it. */
typedef struct {
	uint64_t *by_end;
	size_t n;
} dict_ends;

static void make_dict_ends(const work *w, dict_ends *de)
{
	size_t i;

	de->by_end = gx_xmalloc((w->cands.len ? w->cands.len : 1) * sizeof *de->by_end);
	for (i = 0; i < w->cands.len; i++)
		if (w->cands.ptr[i].source == GX_SRC_DICT)
			de->by_end[de->n++] = (uint64_t)w->cands.ptr[i].end << 32 | i;
	qsort(de->by_end, de->n, sizeof *de->by_end, cmp_u64);
}

/* The first dictionary name (in de) that ends at or after `end`. */
static size_t first_ending(const dict_ends *de, uint32_t end)
{
	size_t lo = 0, hi = de->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (de->by_end[mid] >> 32 < end)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The claim of the dictionary name that [s, e) is exactly, or GX_NONE. */
static uint32_t whole_dict_name(const work *w, uint32_t s, uint32_t e)
{
	size_t fs = to_folded(w, s), fe = to_folded(w, e), mlen;
	uint32_t claim;

	if (fe <= fs)
		return GX_NONE;
	claim =
	    gx_trie_longest(w->lx->trie, (const unsigned char *)w->folded.ptr + fs, fe - fs, &mlen);
	return claim != GX_NONE && mlen == fe - fs ? claim : GX_NONE;
}

/* Is known name `d` a programme of the place `front` names, written without
 * 国家: 黑龙江省|最高科学技术奖 is the province's own award, 科技部|国家重点
 * 研发计划 two names. */
static int place_programme(const work *w, uint32_t front, const cand *d)
{
	const gx_lexicon *lx = w->lx;
	size_t fs = to_folded(w, d->start);

	return strncmp(lx->ents.ptr[lx->claims.ptr[front].entity].type, "place/", 6) == 0 &&
	       d->claim != GX_NONE &&
	       lx->ents.ptr[lx->claims.ptr[d->claim].entity].coarse == GX_PROGRAMME &&
	       strncmp(w->folded.ptr + fs, "国家", 6) != 0 &&
	       strncmp(w->folded.ptr + fs, "中国", 6) != 0 &&
	       strncmp(w->folded.ptr + fs, "全国", 6) != 0 &&
	       strncmp(w->folded.ptr + fs, "中华", 6) != 0;
}

static int two_known_names(const work *w, const cand *c, const cand *d)
{
	uint32_t front = whole_dict_name(w, c->start, d->start);

	return front != GX_NONE && !place_programme(w, front, d);
}

static int one_of(const char *set, uint32_t cp);

/* Is known name `d` a reference to the document's place (市科学技术奖,
 * 省科技厅: a template's alias that starts with 市, 省, 区 or 县)? Nothing
 * before it is part of it (共评出|市科学技术奖). */
static int context_reference(const work *w, const cand *d)
{
	const gx_lexicon *lx = w->lx;
	uint32_t first;
	size_t n;

	if (d->claim == GX_NONE ||
	    !(lx->ents.ptr[lx->claims.ptr[d->claim].entity].flags & GX_ENT_TEMPLATE))
		return 0;
	first = gx_fold_cp(
	    gx_utf8_decode((const unsigned char *)w->t.utf8 + d->start, d->end - d->start, &n));
	return one_of("市省区县", first);
}

/* Is known name `d`, at the end of pattern name `c`, a body's full name
 * (邀集|国立中山大学)? What comes before it is then no part of it, unless
 * a place begins there (南京|…: trim_left() has kept it for that). */
static int whole_body(const work *w, const cand *c, const cand *d)
{
	const gx_entity *e;
	size_t mlen, fs = to_folded(w, c->start), fe = to_folded(w, d->start);

	if (d->claim == GX_NONE || !names_canonical(w, d))
		return 0;
	e = &w->lx->ents.ptr[w->lx->claims.ptr[d->claim].entity];
	if (e->coarse != GX_ORG || utf8_chars(e->name, strlen(e->name)) < 4)
		return 0;
	return known_at(w, fs, fe + 1, &mlen) == NULL;
}

/* A pattern name that ends where a dictionary name ends, one character
 * before it, only took in a word's last character (好|镇江市技术交易所,
 * 接|太湖湾科创带): the known name is the mention. A longer part in front
 * may be a name's own (星城|科创贷), unless it is a known name itself
 * (科技部|国家重点研发计划) or the name continues a place: 镇江 +
 * 苏南国家自主创新示范区 is two names. */
static int ends_like_dict(const work *w, const cand *c, dict_ends *de)
{
	size_t i;

	if (c->source != GX_SRC_PATTERN ||
	    (c->parent != GX_NONE &&
	     strncmp(cand_type(w, &w->cands.ptr[c->parent]), "place", 5) != 0))
		return 0;
	if (de->by_end == NULL)
		make_dict_ends(w, de);
	for (i = first_ending(de, c->end); i < de->n && de->by_end[i] >> 32 == c->end; i++) {
		const cand *d = &w->cands.ptr[(uint32_t)de->by_end[i]];

		if (d->start > c->start &&
		    (c->parent != GX_NONE
			 ? names_canonical(w, d)
			 : one_char(w, c->start, d->start) || two_known_names(w, c, d) ||
			       whole_body(w, c, d) || context_reference(w, d)))
			return 1;
	}
	return 0;
}

/* Characters of a candidate, counted in the text itself: the folded copy
 * exists only when patterns run. */
static size_t chars_of(const work *w, const cand *c)
{
	return utf8_chars(w->t.utf8 + c->start, c->end - c->start);
}

/* A short dictionary name that a much longer one starts inside of and runs
 * past was the end of a word read as a name: 联合|国家超级计算天津中心 is no
 * 联合国. The longer name is the mention. A pattern name that ends inside a
 * known name cut it (抢抓宁镇|扬: 宁镇扬 is a region): the known name wins. */
static int overrun_by_longer(const work *w, const cand *sorted, size_t n, size_t i)
{
	const cand *c = &sorted[i];
	size_t j;

	if ((c->source != GX_SRC_DICT && c->source != GX_SRC_PATTERN) || c->parent != GX_NONE)
		return 0;
	for (j = i + 1; j < n && sorted[j].start < c->end; j++) {
		const cand *d = &sorted[j];

		if (d->source == GX_SRC_DICT && d->parent == GX_NONE && d->start > c->start &&
		    d->end > c->end &&
		    (c->source == GX_SRC_PATTERN || chars_of(w, d) >= chars_of(w, c) + 2))
			return 1;
	}
	return 0;
}

/* `later`: the candidates after `c` in text order (select_mentions()). */
static int straddles_words(const work *w, const cand *c, const cand *later, size_t count);
static int suffix_starts_word(const work *w, const cand *c);
static int township_in_word(const work *w, const cand *c);

/* Returns the chosen candidates (copies, in text order); caller frees. */
static cand *select_mentions(const work *w, size_t *count)
{
	size_t n = w->cands.len, i, k = 0;
	cand *sorted = gx_xmalloc((n ? n : 1) * sizeof *sorted);
	uint32_t pos = 0, reach = 0, reach_before = 0, cur_start = 0;
	dict_ends ends = {NULL, 0};

	if (n)
		memcpy(sorted, w->cands.ptr, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, cmp_cand);
	for (i = 0; i < n; i++) {
		cand c = sorted[i];

		if (c.verb || ends_like_dict(w, &c, &ends) || overrun_by_longer(w, sorted, n, i) ||
		    straddles_words(w, &c, sorted + i + 1, n - i - 1) ||
		    suffix_starts_word(w, &c) || township_in_word(w, &c))
			continue;

		if (c.start != cur_start) {
			reach_before = reach;
			cur_start = c.start;
		}
		if (c.source == GX_SRC_DICT && c.end > reach)
			reach = c.end;
		if (c.start < pos || starts_mid_name(&c, reach_before))
			continue;
		sorted[k++] = c;
		pos = c.end;
	}
	free(ends.by_end);
	*count = k;
	return sorted;
}

/* ---- resolution -------------------------------------------------------------- */

/* Is place `ancestor` on the parent chain of entity `id`? */
static int within(const gx_lexicon *lx, uint32_t id, uint32_t ancestor)
{
	int depth;

	for (depth = 0; id != GX_NONE && depth < 8; depth++) {
		if (id == ancestor)
			return 1;
		id = lx->ents.ptr[id].parent_id;
	}
	return 0;
}

/* Does entity `e` lie in the document's city (or province, when it has no
 * city)? */
static int in_context(const work *w, uint32_t e)
{
	return (w->ctx.city != GX_NONE && within(w->lx, e, w->ctx.city)) ||
	       (w->ctx.city == GX_NONE && w->ctx.province != GX_NONE &&
		within(w->lx, e, w->ctx.province));
}

/* Does entity `e`'s name hold the short name of place `p`? */
static int names_place(const work *w, uint32_t e, uint32_t p)
{
	const gx_entity *place = &w->lx->ents.ptr[p];

	return place->shortname && strstr(w->lx->ents.ptr[e].name, place->shortname) != NULL;
}

/* Is `e` a body a template made for the document's city or one of its
 * districts (南通市通州区人民政府 for 通州区政府 in a text about 南通)? */
static int body_of_context_city(const work *w, uint32_t e)
{
	const char *city;

	if (w->ctx.city == GX_NONE || !(w->lx->ents.ptr[e].flags & GX_ENT_DYNAMIC))
		return 0;
	city = w->lx->ents.ptr[w->ctx.city].name;
	return strncmp(w->lx->ents.ptr[e].name, city, strlen(city)) == 0;
}

/* Is claim k's entity in the document's context? A local= form also counts
 * when the entity's name holds the document's city or province, for a body
 * whose parent is no place (中国科学院大连化学物理研究所: 化物所 in Dalian). */
static int claim_in_context(const work *w, uint32_t k)
{
	uint32_t e = w->lx->claims.ptr[k].entity;

	if (in_context(w, e) || body_of_context_city(w, e))
		return 1;
	return w->lx->claims.ptr[k].local &&
	       ((w->ctx.city != GX_NONE && names_place(w, e, w->ctx.city)) ||
		(w->ctx.province != GX_NONE && names_place(w, e, w->ctx.province)));
}

/* An ambiguous surface (朝阳区) names the claimant that lies in the
 * document's city or province; if none or several do, it stays unlinked. */
static uint32_t disambiguate(const work *w, uint32_t claim)
{
	const gx_lexicon *lx = w->lx;
	uint32_t found = GX_NONE, k;

	for (k = claim; k != GX_NONE; k = lx->claims.ptr[k].next) {
		uint32_t e = lx->claims.ptr[k].entity;

		if (claim_in_context(w, k)) {
			if (found != GX_NONE)
				return GX_NONE;
			found = e;
		}
	}
	return found;
}

/* What may stand right before a short reference (区政府, 县委, a local= 交大)
 * in Han script: function words and verbs that end the text before a name,
 * and the end of another such reference (区委区政府, 县政府县委). */
static const char word_left[] = "经由与和及在向对为是的了等并将把被从于同跟以委府报请据受会合";
/* What may not follow a two-character local= form: it then begins a word
 * (中大型, 中大规模, 华科技). */
static const char word_right[] = "型规量幅力技";

static int is_han(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0x20000 && cp <= 0x2FA1F);
}

/* The folded character before utf8 offset `at`, or 0 at the start. */
static uint32_t char_before(const work *w, size_t at)
{
	const unsigned char *u = (const unsigned char *)w->t.utf8;
	size_t p = at, n;

	if (at == 0)
		return 0;
	while (p > 0 && at - p < 4 && (u[p - 1] & 0xC0) == 0x80)
		p--;
	if (p == 0)
		return 0;
	return gx_fold_cp(gx_utf8_decode(u + p - 1, at - p + 1, &n));
}

static int one_of(const char *set, uint32_t cp)
{
	char enc[5] = {0};

	gx_utf8_encode(cp, enc);
	return strstr(set, enc) != NULL;
}

/* Does candidate `c` begin a word of its own: at the start of the text,
 * after a character that is no Han, or after one of word_left (not the end
 * of 社区, 各区, 创新, 弘扬)? */
static int word_starts(const work *w, const cand *c)
{
	uint32_t before = char_before(w, c->start);

	return !is_han(before) || one_of(word_left, before);
}

/* Is candidate `c` (a bare 区政府, 县委) a reference to `district`? Its first
 * character must be the district's kind (区 for 顺德区, 县 for 栾川县), and
 * it must be a word of its own, not the end of 社区, 各区 or 市县. */
static int district_reference(const work *w, const cand *c, uint32_t district)
{
	const char *name = w->lx->ents.ptr[district].name;
	size_t nl = strlen(name), n;
	uint32_t first, kind;

	first = gx_fold_cp(
	    gx_utf8_decode((const unsigned char *)w->t.utf8 + c->start, c->end - c->start, &n));
	kind = nl >= 3 ? gx_utf8_decode((const unsigned char *)name + nl - 3, 3, &n) : 0;
	return first == kind && word_starts(w, c);
}

/* A local= form of two characters (交大, 新大, 理大) names a body only where
 * it is a word of its own: not inside 创新大赛, 处理大量 or 中大型. */
static int short_local_stands(const work *w, const cand *c)
{
	const unsigned char *u = (const unsigned char *)w->t.utf8;
	size_t n;
	uint32_t k, after;

	for (k = c->claim; k != GX_NONE && !w->lx->claims.ptr[k].local;
	     k = w->lx->claims.ptr[k].next)
		;
	if (k == GX_NONE || utf8_chars(w->t.utf8 + c->start, c->end - c->start) > 2 ||
	    w->lx->ents.ptr[w->lx->claims.ptr[k].entity].coarse == GX_PLACE)
		return 1; /* a place's nickname (助力|龙江|振兴) is a noun of its own */
	after =
	    c->end < w->t.len ? gx_fold_cp(gx_utf8_decode(u + c->end, w->t.len - c->end, &n)) : 0;
	return word_starts(w, c) && !one_of(word_right, after);
}

/* 1 if the folded characters `a` and `b` make a word of lx->words. */
static int is_word(const gx_lexicon *lx, uint32_t a, uint32_t b)
{
	char key[8];
	size_t n = gx_utf8_encode(a, key);
	uint32_t v;

	n += gx_utf8_encode(b, key + n);
	return gx_strmap_get(&lx->words, key, n, &v);
}

/* Does a dictionary name of two characters or more begin at utf8 offset
 * `at` (其中|山东省)? `sorted`: candidates in text order, untouched by the
 * selection so far. */
static int dict_name_at(const work *w, const cand *sorted, size_t n, size_t at)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sorted[mid].start < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && sorted[lo].start == at; lo++) {
		const cand *d = &sorted[lo];

		if (d->source == GX_SRC_DICT && d->parent == GX_NONE && d->claim != GX_NONE &&
		    !w->lx->claims.ptr[d->claim].local &&
		    utf8_chars(w->t.utf8 + d->start, d->end - d->start) >= 2)
			return 1;
	}
	return 0;
}

/* 县, 区, 市, 旗: a county named by one character and its suffix (范县) in
 * a common word's end (示范|县) is that word's. */
static int is_suffix(uint32_t cp)
{
	return cp == 0x53BF || cp == 0x533A || cp == 0x5E02 || cp == 0x65D7;
}

/* Does the two-character candidate `c` sit across two common words, its
 * first character ending one and its second beginning the next, or a
 * known name? 创新|龙头 holds no 新龙 (新龙县), 创新|乡村 no 新乡, 其中|山东省
 * no 中山. */
static int straddles_words(const work *w, const cand *c, const cand *later, size_t count)
{
	const unsigned char *u = (const unsigned char *)w->t.utf8;
	size_t n, m;
	uint32_t first, second, after;

	if (c->source != GX_SRC_DICT || c->parent != GX_NONE || c->alias_of != GX_NONE ||
	    w->lx->words.count == 0 || c->end >= w->t.len ||
	    utf8_chars(w->t.utf8 + c->start, c->end - c->start) != 2)
		return 0;
	first = gx_fold_cp(gx_utf8_decode(u + c->start, c->end - c->start, &n));
	second = gx_fold_cp(gx_utf8_decode(u + c->start + n, c->end - c->start - n, &m));
	after = gx_fold_cp(gx_utf8_decode(u + c->end, w->t.len - c->end, &m));
	return is_han(first) && is_word(w->lx, char_before(w, c->start), first) &&
	       (is_word(w->lx, second, after) || is_suffix(second) ||
		dict_name_at(w, later, count, c->start + n));
}

/* Is the candidate a place named by a common word and its suffix, the
 * suffix beginning 区域 or 市场? 新建|区域 holds no 新建区, 江山|市场 no
 * 江山市. Only these two: 新建区|分别 and 大名县|城 are the places. */
static int suffix_starts_word(const work *w, const cand *c)
{
	const unsigned char *u = (const unsigned char *)w->t.utf8;
	uint32_t cp[3], after;
	size_t n, at = c->start, k;

	if (c->source != GX_SRC_DICT || c->parent != GX_NONE || c->alias_of != GX_NONE ||
	    c->claim == GX_NONE || w->lx->words.count == 0 || c->end >= w->t.len ||
	    utf8_chars(w->t.utf8 + c->start, c->end - c->start) != 3 ||
	    strncmp(cand_type(w, c), "place/", 6) != 0)
		return 0;
	for (k = 0; k < 3; k++, at += n)
		cp[k] = gx_fold_cp(gx_utf8_decode(u + at, c->end - at, &n));
	after = gx_fold_cp(gx_utf8_decode(u + c->end, w->t.len - c->end, &n));
	return ((cp[2] == 0x533A && after == 0x57DF) || (cp[2] == 0x5E02 && after == 0x573A)) &&
	       is_word(w->lx, cp[0], cp[1]);
}

/* Is the candidate a township whose 乡 begins 乡村, 乡镇, 乡土 or 乡亲 (湖口|乡村振兴
 * holds no 湖口乡)? The town pattern refuses the same. */
static int township_in_word(const work *w, const cand *c)
{
	const unsigned char *u = (const unsigned char *)w->t.utf8;
	uint32_t last, after;
	size_t n, at = c->end;

	if (c->source != GX_SRC_DICT || c->claim == GX_NONE || c->alias_of != GX_NONE ||
	    c->end - c->start < 6 || c->end >= w->t.len ||
	    strncmp(cand_type(w, c), "place/", 6) != 0)
		return 0;
	while (at > c->start && (u[at - 1] & 0xC0) == 0x80)
		at--;
	last = gx_fold_cp(gx_utf8_decode(u + at - 1, c->end - at + 1, &n));
	after = gx_fold_cp(gx_utf8_decode(u + c->end, w->t.len - c->end, &n));
	return last == 0x4E61 && /* 乡 */
	       (after == 0x6751 || after == 0x9547 || after == 0x571F || after == 0x4EB2);
}

/* Is `e` a body of a place (澳门特别行政区经济及科技发展局) that candidate
 * `c` names without that place (经科局) in a text about another province?
 * Such a short form is then another place's body of the same name. */
static int foreign_body(const work *w, const cand *c, uint32_t e)
{
	const gx_lexicon *lx = w->lx;
	const gx_entity *ent = &lx->ents.ptr[e], *place;
	gx_buf surface = GX_BUF_INIT;
	int foreign;

	if (w->ctx.province == GX_NONE || ent->parent_id == GX_NONE ||
	    strcmp(ent->type, "org/government") != 0 ||
	    gx_place_province(lx, ent->parent_id) == w->ctx.province)
		return 0;
	place = &lx->ents.ptr[ent->parent_id];
	gx_lexicon__fold(&surface, w->t.utf8 + c->start, c->end - c->start);
	gx_buf_putc(&surface, '\0');
	foreign = strstr(surface.ptr, place->shortname ? place->shortname : place->name) == NULL;
	gx_buf_dispose(&surface);
	return foreign;
}

/* Entity named by a dictionary candidate, or GX_NONE; `*ctx_used` is set
 * when the document's context decided it. */
static uint32_t dict_entity(const work *w, const cand *c, int *ctx_used)
{
	const gx_lexicon *lx = w->lx;
	uint32_t e, district = w->ctx.district;
	gx_doc_context seen;

	*ctx_used = 0;
	if (!short_local_stands(w, c)) {
		*ctx_used = 1;
		return GX_NONE;
	}
	if (lx->claims.ptr[c->claim].next != GX_NONE) {
		*ctx_used = 1;
		return disambiguate(w, c->claim);
	}
	e = lx->claims.ptr[c->claim].entity;
	if (lx->ents.ptr[e].flags & GX_ENT_TEMPLATE) {
		*ctx_used = 1;
		if (gx_template_kind_of(lx->ents.ptr[e].name) == GX_TPL_DISTRICT &&
		    district != GX_NONE && !district_reference(w, c, district))
			district = GX_NONE;
		seen = gx_context_for(lx, &w->ctx, w->t.utf8 + c->start, c->end - c->start);
		return gx_template_resolve(lx, e, seen.city, seen.province, district);
	}
	if (foreign_body(w, c, e) ||
	    (lx->claims.ptr[c->claim].local && !claim_in_context(w, c->claim))) {
		*ctx_used = 1;
		return GX_NONE;
	}
	*ctx_used = lx->claims.ptr[c->claim].local;
	return e;
}

/* A pattern name equal to a known name takes that entity's canonical form. */
static void adopt_known(work *w, const char *name, size_t len, const char *type, resolved *r)
{
	uint32_t e = gx_lexicon__find(w->lx, name, len);

	if (e != GX_NONE && !(w->lx->ents.ptr[e].flags & GX_ENT_TEMPLATE)) {
		r->name = w->lx->ents.ptr[e].name;
		r->type = w->lx->ents.ptr[e].type;
	} else {
		r->name = doc_string(w->doc, name, len);
		r->type = type;
	}
}

static int resolve(work *w, const cand *c, resolved *r);

/* 区管委会 in a text about one zone: that zone's 管理委员会 (zone_refs()). */
static int resolve_zone_ref(work *w, resolved *r)
{
	gx_buf name = GX_BUF_INIT;

	gx_buf_puts(&name, w->lx->ents.ptr[w->zone].name);
	gx_buf_puts(&name, "管理委员会");
	r->name = doc_string(w->doc, name.ptr, name.len);
	r->type = "org/government";
	r->source = GX_SRC_CONTEXT;
	gx_buf_dispose(&name);
	return 1;
}

/* A continuation's head in its full form, so that 苏州工业园区管委会 and
 * 苏州工业园区管理委员会 are one entity. */
static void put_suffix(gx_buf *name, const gx_buf *suffix)
{
	static const struct {
		const char *abbr, *full;
	} heads[] = {{"管委会", "管理委员会"}};
	size_t k;

	for (k = 0; k < sizeof heads / sizeof *heads; k++) {
		size_t n = strlen(heads[k].abbr);

		if (suffix->len >= n &&
		    memcmp(suffix->ptr + suffix->len - n, heads[k].abbr, n) == 0) {
			gx_buf_put(name, suffix->ptr, suffix->len - n);
			gx_buf_puts(name, heads[k].full);
			return;
		}
	}
	gx_buf_put(name, suffix->ptr, suffix->len);
}

/* Is the folded suffix `s` (len bytes) wholly in brackets? */
static int bracketed(const char *s, size_t len)
{
	return len >= 3 && s[0] == '(' && s[len - 1] == ')';
}

static int resolve_extension(work *w, const cand *c, resolved *r)
{
	resolved parent;
	gx_buf name = GX_BUF_INIT, suffix = GX_BUF_INIT;
	const cand *p = &w->cands.ptr[c->parent];

	if (!resolve(w, p, &parent))
		return 0;
	name_of(w, to_folded(w, p->end), to_folded(w, c->end), &suffix);
	if (strncmp(parent.type, "zone", 4) == 0 && bracketed(suffix.ptr, suffix.len)) {
		*r = parent; /* 杭州高新区(滨江): the zone, with its district in brackets */
		gx_buf_dispose(&suffix);
		return 1;
	}
	if (strncmp(parent.type, "place", 5) == 0)
		name_of(w, to_folded(w, p->start), to_folded(w, p->end), &name);
	else
		gx_buf_puts(&name, parent.name); /* 江科大 + 海洋装备研究院: the full name */
	put_suffix(&name, &suffix);
	adopt_known(w, name.ptr, name.len, gx_pattern_rule_type(w->lx->patterns, c->rule), r);
	r->source = parent.source == GX_SRC_CONTEXT ? GX_SRC_CONTEXT : GX_SRC_PATTERN;
	gx_buf_dispose(&name);
	gx_buf_dispose(&suffix);
	return 1;
}

static int resolve_pattern(work *w, const cand *c, resolved *r)
{
	gx_buf name = GX_BUF_INIT, full = GX_BUF_INIT;
	const char *type = gx_pattern_rule_type(w->lx->patterns, c->rule);
	int ok = 0, applied;

	name_of(w, to_folded(w, c->start), to_folded(w, c->end), &name);
	applied = gx_context_apply(w->lx->context, w->lx, name.ptr, name.len, type, &w->ctx, &full);
	if (applied < 0)
		goto done; /* 市… in a document whose city is not certain */
	if (applied)
		adopt_known(w, full.ptr, full.len, type, r);
	else
		adopt_known(w, name.ptr, name.len, type, r);
	r->source = applied ? GX_SRC_CONTEXT : GX_SRC_PATTERN;
	ok = 1;
done:
	gx_buf_dispose(&name);
	gx_buf_dispose(&full);
	return ok;
}

static int resolve(work *w, const cand *c, resolved *r)
{
	uint32_t e;
	int ctx_used;

	if (c->alias_of != GX_NONE)
		return resolve(w, &w->cands.ptr[c->alias_of], r);
	if (c->zoneref)
		return resolve_zone_ref(w, r);
	if (c->parent != GX_NONE)
		return resolve_extension(w, c, r);
	if (c->source == GX_SRC_PATTERN)
		return resolve_pattern(w, c, r);
	e = dict_entity(w, c, &ctx_used);
	if (e == GX_NONE)
		return 0;
	r->name = w->lx->ents.ptr[e].name;
	r->type = w->lx->ents.ptr[e].type;
	r->source = ctx_used || c->ctxref ? GX_SRC_CONTEXT : GX_SRC_DICT;
	return 1;
}

/* The document's city and province, voted by the mentions that need no
 * context to resolve. */
static void detect_context(work *w, const cand *chosen, size_t n)
{
	GX_VEC(uint32_t) ents = {0}, weights = {0};
	size_t i;

	w->ctx.city = w->ctx.province = w->ctx.district = GX_NONE;
	for (i = 0; i < n; i++) {
		const gx_claim *cl;
		uint32_t weight = chosen[i].unit < HEADLINE_UNITS ? 2 : 1;

		if (chosen[i].source != GX_SRC_DICT || chosen[i].parent != GX_NONE ||
		    chosen[i].claim == GX_NONE)
			continue;
		cl = &w->lx->claims.ptr[chosen[i].claim];
		if (cl->next != GX_NONE || cl->local ||
		    (w->lx->ents.ptr[cl->entity].flags & GX_ENT_TEMPLATE))
			continue;
		GX_VEC_PUSH(&ents, cl->entity);
		GX_VEC_PUSH(&weights, weight);
	}
	gx_context_detect(w->lx, ents.ptr, weights.ptr, ents.len, &w->ctx);
	GX_VEC_FREE(&ents);
	GX_VEC_FREE(&weights);
}

static void emit(work *w, const cand *c, const resolved *r)
{
	gx_mention m;

	m.start = gx_text_orig_offset(&w->t, c->start);
	m.end = gx_text_orig_offset(&w->t, c->end);
	m.sentence = c->unit;
	m.source = r->source;
	m.entity = r->name;
	m.type = r->type;
	m.surface = doc_string(w->doc, w->t.utf8 + c->start, c->end - c->start);
	GX_VEC_PUSH(&w->doc->mentions, m);
}

/* Is `body` (resolved) the body of place `place` (resolved) written right
 * before it: 南京市 + 玄武区科技局, whose name is 南京市玄武区科学技术局? */
static int place_of_body(const cand *place, const resolved *p, const cand *body, const resolved *b)
{
	size_t n = strlen(p->name);

	return place->end == body->start && strncmp(p->type, "place/", 6) == 0 &&
	       strncmp(b->type, "org/", 4) == 0 && strncmp(b->name, p->name, n) == 0 &&
	       b->name[n] != '\0';
}

/* Emits the chosen candidates that resolve; a place and the body of it right
 * after are one mention of the body (南京市玄武区科技局). */
static void emit_all(work *w, const cand *chosen, size_t n)
{
	resolved r, next;
	size_t i;
	int have = n > 0 && resolve(w, &chosen[0], &r), have_next;

	for (i = 0; i < n; i++, r = next, have = have_next) {
		have_next = i + 1 < n && resolve(w, &chosen[i + 1], &next);
		if (have && have_next && place_of_body(&chosen[i], &r, &chosen[i + 1], &next)) {
			cand both = chosen[i + 1];

			both.start = chosen[i].start;
			emit(w, &both, &next);
			have_next = 0;
		} else if (have) {
			emit(w, &chosen[i], &r);
		}
	}
}

/* ---- names written with 省/市 for the document's place ------------------------ */

#define CTX_PREFIX_REACH 192 /* bytes of text tried after the place's name */

/* Is a dictionary name `place` + the text after the prefix at `i`? Pushes it
 * as a candidate spanning the prefix and that text. */
static int try_prefix(work *w, size_t i, size_t plen, uint32_t place)
{
	const char *name = w->lx->ents.ptr[place].name;
	size_t nlen = strlen(name), u = gx_segment_find(&w->units, (uint32_t)i), rest, mlen;
	char buf[256];
	uint32_t v;
	const gx_entity *e;
	cand *c;

	if (u == w->units.len || i + plen >= w->units.ptr[u].end)
		return 0;
	rest = w->units.ptr[u].end - i - plen; /* the name stays in its unit */
	if (rest > CTX_PREFIX_REACH)
		rest = CTX_PREFIX_REACH;
	if (nlen + rest > sizeof buf)
		return 0;
	memcpy(buf, name, nlen);
	memcpy(buf + nlen, w->t.utf8 + i + plen, rest);
	v = gx_trie_longest(w->lx->trie, (const unsigned char *)buf, nlen + rest, &mlen);
	if (v == GX_NONE || mlen < nlen + 6 || w->lx->claims.ptr[v].next != GX_NONE)
		return 0;
	e = &w->lx->ents.ptr[w->lx->claims.ptr[v].entity];
	if (e->coarse == GX_PLACE || (e->flags & GX_ENT_TEMPLATE))
		return 0;
	c = push(w, (uint32_t)i, (uint32_t)(i + plen + mlen - nlen), v, GX_NONE, 0, GX_SRC_DICT, 0);
	if (c == NULL)
		return 0;
	c->ctxref = 1;
	return 1;
}

/* 省产业技术研究院, 全省科技创新大会, 市技术交易所: a known name of the
 * document's province or city, written with 省/市 for the place's name
 * (ANNOTATION.md "Resolving references by context"). Returns how many were
 * found. */
static size_t scan_context_prefixes(work *w)
{
	static const struct {
		const char *s;
		int city;
	} prefixes[] = {{"全省", 0}, {"全市", 1}, {"省", 0}, {"市", 1}};
	static const char quan[] = "全";
	const char *t = w->t.utf8, *end = t + w->t.len, *sheng, *shi;
	size_t found = 0, k;

	/* every prefix holds 省 or 市: only the places where one of them (or
	 * 全 before one) begins need the test, in text order; 省 only with a
	 * province, 市 only with a city (a place needs one) */
	sheng = w->ctx.province != GX_NONE ? find_char3(t, end, "省") : NULL;
	shi = w->ctx.city != GX_NONE ? find_char3(t, end, "市") : NULL;
	while (sheng || shi) {
		const char *hit = sheng && (!shi || sheng < shi) ? sheng : shi;
		size_t at = (size_t)(hit - t);

		if (at >= 3 && memcmp(hit - 3, quan, 3) == 0)
			at -= 3; /* 全省 / 全市 is tried first, where 全 begins */
		for (; at <= (size_t)(hit - t); at += 3) {
			for (k = 0; k < sizeof prefixes / sizeof *prefixes; k++) {
				size_t plen = strlen(prefixes[k].s);
				uint32_t place = prefixes[k].city ? w->ctx.city : w->ctx.province;

				if (place != GX_NONE && at + plen < w->t.len &&
				    memcmp(t + at, prefixes[k].s, plen) == 0 &&
				    try_prefix(w, at, plen, place)) {
					found++;
					break;
				}
			}
		}
		if (hit == sheng)
			sheng = find_char3(hit + 3, end, "省");
		else
			shi = find_char3(hit + 3, end, "市");
	}
	return found;
}

/* ---- 会同县财政局: a verb before a body named by context --------------------- */

/* Is the place the text from `start` to the character after `rest` names
 * (会同县 before 县财政局) in the document's province? 1 if it is no place. */
static int place_in_context(const work *w, size_t start, size_t rest)
{
	size_t n;
	uint32_t e;

	gx_utf8_decode((const unsigned char *)w->t.utf8 + rest, w->t.len - rest, &n);
	e = gx_lexicon__find(w->lx, w->t.utf8 + start, rest + n - start);
	return e == GX_NONE || w->lx->ents.ptr[e].coarse != GX_PLACE ||
	       within(w->lx, e, w->ctx.province);
}

/* Is chosen candidate `c` a body of a place outside the document's province
 * whose name begins with a common word, the rest being a body named by
 * context (会同|县财政局: 会同 "together with" before the county's 县财政局,
 * in a text about a county of Henan, not 会同县 of Hunan)? Not after a
 * place (青海省|共和县人民政府 is the county's). Sets `*rest` to where the
 * body begins. */
static int verb_before_body(const work *w, const cand *c, const cand *before, uint32_t *rest)
{
	const unsigned char *u = (const unsigned char *)w->t.utf8;
	const gx_claim *cl;
	uint32_t a, b;
	size_t n, m, k;

	if (c->source != GX_SRC_DICT || c->parent != GX_NONE || c->claim == GX_NONE ||
	    w->ctx.province == GX_NONE || w->lx->words.count == 0 ||
	    (before && before->end == c->start && strncmp(cand_type(w, before), "place/", 6) == 0))
		return 0;
	cl = &w->lx->claims.ptr[c->claim];
	if (cl->next != GX_NONE || cl->local || w->lx->ents.ptr[cl->entity].coarse != GX_ORG ||
	    (w->lx->ents.ptr[cl->entity].flags & GX_ENT_TEMPLATE))
		return 0;
	a = gx_fold_cp(gx_utf8_decode(u + c->start, c->end - c->start, &n));
	b = gx_fold_cp(gx_utf8_decode(u + c->start + n, c->end - c->start - n, &m));
	if (!is_word(w->lx, a, b) || place_in_context(w, c->start, c->start + n + m))
		return 0;
	for (k = 0; k < w->cands.len; k++) {
		const cand *d = &w->cands.ptr[k];

		if (d->start == c->start + n + m && d->end == c->end && d->source == GX_SRC_DICT &&
		    d->parent == GX_NONE && d->claim != GX_NONE &&
		    (w->lx->ents.ptr[w->lx->claims.ptr[d->claim].entity].flags & GX_ENT_TEMPLATE)) {
			*rest = d->start;
			return 1;
		}
	}
	return 0;
}

/* Marks the chosen candidates verb_before_body() reads as a word and a body,
 * with every candidate that begins inside the word (和县人民政府 in
 * 共和|县人民政府); returns how many. */
static size_t verbs_before_bodies(work *w, const cand *chosen, size_t n)
{
	size_t i, k, found = 0;
	uint32_t rest;

	for (i = 0; i < n; i++) {
		if (!verb_before_body(w, &chosen[i], i ? &chosen[i - 1] : NULL, &rest))
			continue;
		for (k = 0; k < w->cands.len; k++)
			if (w->cands.ptr[k].start >= chosen[i].start &&
			    w->cands.ptr[k].start < rest)
				w->cands.ptr[k].verb = 1;
		found++;
	}
	return found;
}

/* ---- 区管委会: the body of the zone the document is about ------------------- */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* The zone most of the chosen names name, if it has two at least and more
 * than any other (a high-tech zone's report), else GX_NONE. Only a zone
 * named …区 has a 区管委会 (not 秦创原创新驱动平台). */
static uint32_t main_zone(const work *w, const cand *chosen, size_t n)
{
	GX_VEC(uint32_t) zones = {0};
	uint32_t best = GX_NONE;
	size_t i, run, count = 0, second = 0;

	for (i = 0; i < n; i++) {
		const gx_claim *cl;

		if (chosen[i].source != GX_SRC_DICT || chosen[i].parent != GX_NONE ||
		    chosen[i].claim == GX_NONE)
			continue;
		cl = &w->lx->claims.ptr[chosen[i].claim];
		if (cl->next == GX_NONE && w->lx->ents.ptr[cl->entity].coarse == GX_ZONE &&
		    !(w->lx->ents.ptr[cl->entity].flags & GX_ENT_TEMPLATE) &&
		    gx_str_ends_with(w->lx->ents.ptr[cl->entity].name, "区"))
			GX_VEC_PUSH(&zones, cl->entity);
	}
	if (zones.len)
		qsort(zones.ptr, zones.len, sizeof *zones.ptr, cmp_u32);
	for (i = 0; i < zones.len; i += run) {
		for (run = 1; i + run < zones.len && zones.ptr[i + run] == zones.ptr[i]; run++)
			;
		if (run > count) {
			second = count;
			count = run;
			best = zones.ptr[i];
		} else if (run > second) {
			second = run;
		}
	}
	GX_VEC_FREE(&zones);
	return count >= 2 && count > second ? best : GX_NONE;
}

/* The length of the word of `words` that [p, end) begins with, or 0. */
static size_t begins_with(const char *p, const char *end, const char *const *words)
{
	for (; *words; words++) {
		size_t n = strlen(*words);

		if ((size_t)(end - p) >= n && memcmp(p, *words, n) == 0)
			return n;
	}
	return 0;
}

/* Is 区管委会 at `probe` the end of 高新区管委会 in a text about a high-tech
 * zone, whose body it then is? Moves the probe's start to 高. */
static int hitech_before(const work *w, cand *probe)
{
	if (probe->start < 6 || memcmp(w->t.utf8 + probe->start - 6, "高新", 6) != 0 ||
	    strcmp(w->lx->ents.ptr[w->zone].type, "zone/hitech") != 0)
		return 0;
	probe->start -= 6;
	return word_starts(w, probe);
}

/* Pushes every 区管委会 or 区管理委员会 that stands as a word of its own
 * (not the end of 高新区管委会) as a reference to the document's zone. The
 * text is searched for 管, whose last byte is rare (find_char3()). */
static size_t zone_refs(work *w, const cand *chosen, size_t n)
{
	static const char *const qu[] = {"区", "區", NULL};
	static const char *const rest[] = {"委会", "委會", "理委员会", "理委員會", NULL};
	const char *t = w->t.utf8, *end = t + w->t.len, *g;
	size_t found = 0, len;

	if ((w->zone = main_zone(w, chosen, n)) == GX_NONE)
		return 0;
	for (g = find_char3(t, end, "管"); g; g = find_char3(g + 3, end, "管")) {
		cand probe = {0}, *c;

		if (g - t < 3 || !begins_with(g - 3, g, qu) ||
		    !(len = begins_with(g + 3, end, rest)))
			continue;
		probe.start = (uint32_t)(g - 3 - t);
		if (!word_starts(w, &probe) && !hitech_before(w, &probe))
			continue;
		c = push(w, probe.start, (uint32_t)(g + 3 + len - t), GX_NONE, GX_NONE, 0,
			 GX_SRC_DICT, 0);
		if (c != NULL) {
			c->zoneref = 1;
			found++;
		}
	}
	return found;
}

/* ---- abbreviations the document defines: X(以下简称"Y") ---------------------- */

#define ABBREV_MAX_CHARS 12

/* The words that introduce an abbreviation (folded). */
static const char *const says[] = {"以下简称", "以下称", "下称", "简称", NULL};

/* Every such word holds 称, so a document none of whose characters folds to
 * 称 defines no abbreviation (and without patterns it needs no folded copy
 * at all). The characters that fold to 称 are read from the fold table
 * once; if a word lacked 称, or too many characters folded to it, the test
 * would not be used. */
static struct {
	char utf8[8][3];
	size_t n;
	int usable;
} cheng;
static pthread_once_t cheng_once = PTHREAD_ONCE_INIT;

static void find_cheng(void)
{
	char enc[4];
	uint32_t cp;
	size_t k;

	cheng.usable = 1;
	for (k = 0; says[k]; k++)
		cheng.usable &= strstr(says[k], "称") != NULL;
	/* ASCII folds to itself and 称 is not ASCII; astral code points and
	 * invalid bytes never fold to it */
	for (cp = 0x80; cp < 0x10000; cp++) {
		if ((cp >= 0xD800 && cp <= 0xDFFF) || gx_fold_cp(cp) != 0x79F0)
			continue;
		if (cheng.n == 8 || gx_utf8_encode(cp, enc) != 3) {
			cheng.usable = 0;
			return;
		}
		memcpy(cheng.utf8[cheng.n++], enc, 3);
	}
}

/* Can the document define an abbreviation? No if no character of it folds
 * to 称; yes (perhaps) otherwise. */
static int may_define_abbreviations(const work *w)
{
	const char *end = w->t.utf8 + w->t.len;
	size_t k;

	pthread_once(&cheng_once, find_cheng);
	if (!cheng.usable)
		return 1;
	for (k = 0; k < cheng.n; k++)
		if (find_char3(w->t.utf8, end, cheng.utf8[k]))
			return 1;
	return 0;
}

/* Folded bytes at `at` start with `word`? */
static int folded_at(const work *w, size_t at, const char *word)
{
	size_t n = strlen(word);

	return at + n <= w->folded.len && memcmp(w->folded.ptr + at, word, n) == 0;
}

static size_t skip_any(const work *w, size_t at, const char *const *words)
{
	for (; *words; words++)
		if (folded_at(w, at, *words))
			return at + strlen(*words);
	return at;
}

/* A bare bracket right after a name, folded [start, at), that abbreviates
 * it defines that abbreviation too: 香港城市大学(城大),
 * 绵阳高新技术产业开发区(绵阳高新区). */
static int bracketed_abbreviation(const work *w, size_t start, size_t at, size_t *as, size_t *ae)
{
	size_t p = at, n;

	if (!folded_at(w, at, "("))
		return 0;
	*as = ++p;
	while (p < w->folded.len && w->folded.ptr[p] != ')' && p - *as <= 8 * 3) {
		uint32_t cp =
		    gx_utf8_decode((const unsigned char *)w->folded.ptr + p, w->folded.len - p, &n);

		if (!(cp >= 0x4E00 && cp <= 0x9FFF))
			return 0;
		p += n;
	}
	*ae = p;
	return folded_at(w, p, ")") && abbreviates(w, *as, *ae, start, at);
}

/* The abbreviation defined right after a name, folded [start, at), as a
 * folded span [*as, *ae): 江苏省产业技术研究院(以下简称"省产研院"),
 * 南京大学(简称南大), 香港城市大学(城大), 《…若干措施》(以下简称《若干措施》). */
static int abbreviation_after(const work *w, size_t start, size_t at, size_t *as, size_t *ae)
{
	static const char *const close[] = {"\u300b", "\u201d", "\"", NULL};
	static const char *const open[] = {"(", ",", NULL};
	static const char *const quote[] = {"\"", "\u201c", "\u300c", "\u2018", "\u300a", NULL};
	size_t p, q, k = 0, n;

	at = skip_any(w, at, close); /* the name's own closing mark */
	p = skip_any(w, at, open);

	q = skip_any(w, p, says);
	if (q == p)
		return bracketed_abbreviation(w, start, at, as, ae);
	p = skip_any(w, q, quote);
	*as = p;
	while (p < w->folded.len && k < ABBREV_MAX_CHARS) {
		uint32_t cp =
		    gx_utf8_decode((const unsigned char *)w->folded.ptr + p, w->folded.len - p, &n);

		if (!((cp >= 0x4E00 && cp <= 0x9FFF) ||
		      (cp < 0x80 && (cp == '-' || isalnum((int)cp)))))
			break;
		p += n;
		k++;
	}
	*ae = p;
	return k >= 2 && k < ABBREV_MAX_CHARS;
}

/* Every occurrence of the folded abbreviation from `from` on becomes a
 * candidate naming candidate `of`. */
static size_t push_occurrences(work *w, size_t from, const char *abbr, size_t len, uint32_t of)
{
	size_t found = 0;
	const char *p = w->folded.ptr + from, *end = w->folded.ptr + w->folded.len;

	for (; p + len <= end; p++) {
		size_t fs = (size_t)(p - w->folded.ptr);
		cand *c;

		if (memcmp(p, abbr, len) != 0)
			continue;

		c = push(w, w->fmap.ptr[fs], w->fmap.ptr[fs + len], GX_NONE, GX_NONE, 0,
			 GX_SRC_DICT, 0);
		if (c == NULL)
			continue;
		c->alias_of = of;
		found++;
		p += len - 1;
	}
	return found;
}

/* ANNOTATION.md: an abbreviation is an alias of the name it abbreviates; a
 * document may define its own (以下简称). Returns how many mentions it adds. */
static size_t define_abbreviations(work *w, const cand *chosen, size_t n)
{
	gx_buf abbr = GX_BUF_INIT;
	size_t i, found = 0, as, ae;

	if (!w->folded_ready)
		return 0; /* none: may_define_abbreviations() said so */
	for (i = 0; i < n; i++) {
		if (chosen[i].alias_of != GX_NONE ||
		    !abbreviation_after(w, to_folded(w, chosen[i].start),
					to_folded(w, chosen[i].end), &as, &ae))
			continue;
		gx_buf_clear(&abbr);
		gx_buf_put(&abbr, w->folded.ptr + as, ae - as);
		found += push_occurrences(w, as, abbr.ptr, abbr.len, chosen[i].id);
	}
	gx_buf_dispose(&abbr);
	return found;
}

/* ---- the document ------------------------------------------------------------- */

static void recognise(work *w)
{
	cand *chosen;
	size_t n, i;

	gx_segment(w->t.utf8, w->t.len, &w->units);
	if ((!w->opt->no_patterns && w->lx->patterns) || may_define_abbreviations(w))
		fold_text(w);
	if (!w->opt->no_dicts)
		scan_dict(w);
	if (!w->opt->no_patterns && w->lx->patterns) {
		w->scratch = gx_pattern_scratch_new(w->lx->patterns);
		scan_patterns(w);
		extend_all(w);
	}
	chosen = select_mentions(w, &n);
	detect_context(w, chosen, n);
	if (!w->opt->no_dicts && verbs_before_bodies(w, chosen, n)) {
		free(chosen); /* the verb's place voted for the context */
		chosen = select_mentions(w, &n);
		detect_context(w, chosen, n);
	}
	if ((!w->opt->no_dicts && (scan_context_prefixes(w) | zone_refs(w, chosen, n))) |
	    define_abbreviations(w, chosen, n)) {
		free(chosen);
		chosen = select_mentions(w, &n);
	}
	emit_all(w, chosen, n);
	for (i = 0; i < w->units.len; i++) {
		gx_span sp = {gx_text_orig_offset(&w->t, w->units.ptr[i].start),
			      gx_text_orig_offset(&w->t, w->units.ptr[i].end)};

		GX_VEC_PUSH(&w->doc->sentences, sp);
	}
	if (w->ctx.city != GX_NONE)
		w->doc->city = w->lx->ents.ptr[w->ctx.city].name;
	if (w->ctx.province != GX_NONE)
		w->doc->province = w->lx->ents.ptr[w->ctx.province].name;
	free(chosen);
}

static void work_dispose(work *w)
{
	gx_text_dispose(&w->t);
	gx_buf_dispose(&w->folded);
	GX_VEC_FREE(&w->fmap);
	GX_VEC_FREE(&w->fpos);
	GX_VEC_FREE(&w->units);
	GX_VEC_FREE(&w->cands);
	gx_pattern_scratch_free(w->scratch);
	free(w->heads);
}

static const gx_recog_options default_options = {0, 0};

static int work_init(work *w, const gx_lexicon *lx, const gx_recog_options *opt, gx_diag_fn diag,
		     void *payload)
{
	memset(w, 0, sizeof *w);
	if (!lx->finished)
		return gx_error_set(GX_EINVAL, "lexicon not finished");
	w->lx = lx;
	w->opt = opt ? opt : &default_options;
	w->diag = diag;
	w->payload = payload;
	return GX_OK;
}

/* Recognises the text read into `w` (if `error` says it was) as document
 * `name`, and disposes of the work state in every case. */
static int work_finish(work *w, gx_doc **out, const char *name, int error)
{
	if (error == GX_OK) {
		w->doc = gx_xcalloc(1, sizeof *w->doc);
		w->doc->path = gx_xstrdup(name);
		w->doc->size = w->t.orig_size;
		recognise(w);
		w->doc->text = w->t;
		memset(&w->t, 0, sizeof w->t);
		*out = w->doc;
	}
	work_dispose(w);
	return error;
}

int gx_doc_recognise(gx_doc **out, const gx_lexicon *lx, const char *path,
		     const gx_recog_options *opt, gx_diag_fn diag, void *payload)
{
	work w;
	int error;

	*out = NULL;
	if ((error = work_init(&w, lx, opt, diag, payload)) < 0)
		return error;
	error = gx_text_read(&w.t, path, diag, payload);
	return work_finish(&w, out, path, error);
}

int gx_doc__recognise_bytes(gx_doc **out, const gx_lexicon *lx, const char *name, const char *bytes,
			    size_t len, const gx_recog_options *opt, gx_diag_fn diag, void *payload)
{
	work w;
	int error;

	*out = NULL;
	if ((error = work_init(&w, lx, opt, diag, payload)) < 0)
		return error;
	error = gx_text_from_bytes(&w.t, bytes, len, name, diag, payload);
	return work_finish(&w, out, name, error);
}

void gx_doc_free(gx_doc *doc)
{
	if (doc == NULL)
		return;
	free(doc->path);
	GX_VEC_FREE(&doc->mentions);
	GX_VEC_FREE(&doc->sentences);
	gx_strmap_dispose(&doc->strings);
	gx_text_dispose(&doc->text);
	free(doc);
}

const gx_text *gx_doc__text(const gx_doc *doc)
{
	return &doc->text;
}

const char *gx_doc_path(const gx_doc *doc)
{
	return doc->path;
}
size_t gx_doc_size(const gx_doc *doc)
{
	return doc->size;
}
size_t gx_doc_mention_count(const gx_doc *doc)
{
	return doc->mentions.len;
}
const gx_mention *gx_doc_mention(const gx_doc *doc, size_t i)
{
	return &doc->mentions.ptr[i];
}
size_t gx_doc_sentence_count(const gx_doc *doc)
{
	return doc->sentences.len;
}
gx_span gx_doc_sentence(const gx_doc *doc, size_t i)
{
	return doc->sentences.ptr[i];
}
const char *gx_doc_city(const gx_doc *doc)
{
	return doc->city;
}
const char *gx_doc_province(const gx_doc *doc)
{
	return doc->province;
}

const char *gx_source_name(gx_source source)
{
	static const char *const names[] = {"dict", "pattern", "context"};

	return (unsigned)source < 3 ? names[source] : "?";
}
