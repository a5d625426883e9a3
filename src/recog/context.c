#define _POSIX_C_SOURCE 200809L
#include "recog/context.h"

#include "core/alloc.h"
#include "core/error.h"
#include "core/utf8.h"
#include "recog/pattern.h"
#include "recog/template.h"
#include "recog/trie.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	void *code;
	char *replacement, *types;
} context_rule;

struct gx_context_rules {
	GX_VEC(context_rule) rules;
};

void gx_context_rules_free(gx_context_rules *rules)
{
	size_t i;

	if (rules == NULL)
		return;
	for (i = 0; i < rules->rules.len; i++) {
		gx_pcre_free(rules->rules.ptr[i].code);
		free(rules->rules.ptr[i].replacement);
		free(rules->rules.ptr[i].types);
	}
	GX_VEC_FREE(&rules->rules);
	free(rules);
}

size_t gx_context_rules_count(const gx_context_rules *rules)
{
	return rules ? rules->rules.len : 0;
}

static int parse_rule(gx_context_rules *rules, char *line, char *err, size_t errlen)
{
	char *t1 = strchr(line, '\t'), *t2;
	context_rule r;

	if (t1 == NULL || (t2 = strchr(t1 + 1, '\t')) == NULL || strchr(t2 + 1, '\t')) {
		snprintf(err, errlen, "expected regex<TAB>replacement<TAB>types");
		return -1;
	}
	*t1 = *t2 = '\0';
	r.code = gx_pcre_compile(line, err, errlen);
	if (r.code == NULL)
		return -1;
	r.replacement = gx_xstrdup(t1 + 1);
	r.types = gx_xstrdup(t2 + 1);
	GX_VEC_PUSH(&rules->rules, r);
	return 0;
}

int gx_context_rules_load(gx_context_rules **rules, const char *path, gx_diag_fn diag,
			  void *payload)
{
	char *line = NULL, err[300];
	size_t cap = 0;
	unsigned lineno = 0;
	ssize_t len;
	int failed = 0;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL)
		return gx_error_set(errno == ENOENT ? GX_ENOTFOUND : GX_EIO,
				    "cannot open context rules '%s': %s", path, strerror(errno));
	if (*rules == NULL)
		*rules = gx_xcalloc(1, sizeof **rules);
	while ((len = getline(&line, &cap, fp)) > 0) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if (parse_rule(*rules, line, err, sizeof err) < 0) {
			failed = 1;
			if (diag)
				diag(GX_DIAG_ERROR, path, lineno, err, payload);
		}
	}
	fclose(fp);
	free(line);
	if (failed)
		return gx_error_set(GX_EINVAL, "%s: bad context rules (see the messages above)",
				    path);
	return GX_OK;
}

static int type_matches(const char *types, const char *type)
{
	const char *p = types;

	for (;;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);

		if (n && strncmp(type, p, n) == 0 && (type[n] == '\0' || type[n] == '/'))
			return 1;
		if (comma == NULL)
			return 0;
		p = comma + 1;
	}
}

/* Writes `repl` with {city…}/{province…} filled; 0 if a value is missing. */
static int fill(const gx_lexicon *lx, const char *repl, const gx_doc_context *ctx, gx_buf *out)
{
	static const char *const ph[] = {"{city}", "{city_full}", "{province}", "{province_full}"};
	const char *p = repl;

	while (*p) {
		size_t k;

		for (k = 0; k < 4; k++)
			if (strncmp(p, ph[k], strlen(ph[k])) == 0)
				break;
		if (k == 4) {
			gx_buf_putc(out, *p++);
		} else {
			uint32_t id = k < 2 ? ctx->city : ctx->province;
			const gx_entity *e;

			if (id == GX_NONE)
				return 0;
			e = &lx->ents.ptr[id];
			gx_buf_puts(out, (k & 1) || e->shortname == NULL ? e->name : e->shortname);
			p += strlen(ph[k]);
		}
	}
	return 1;
}

/* The level words a bare reference may begin with, the place kind each
 * names and whether that is the document's city (else its province). */
static const struct {
	const char *word, *kind;
	int city;
} levels[] = {{"州", "自治州", 1}, {"地区", "地区", 1},     {"地區", "地区", 1},
	      {"盟", "盟", 1},     {"自治区", "自治区", 0}, {"自治區", "自治区", 0}};

/* `place` if it is of `kind`, else the place that holds it if that is. */
static uint32_t of_kind(const gx_lexicon *lx, uint32_t place, const char *kind)
{
	if (place == GX_NONE || gx_str_ends_with(lx->ents.ptr[place].name, kind))
		return place;
	place = lx->ents.ptr[place].parent_id;
	return place != GX_NONE && gx_str_ends_with(lx->ents.ptr[place].name, kind) ? place
										    : GX_NONE;
}

gx_doc_context gx_context_for(const gx_lexicon *lx, const gx_doc_context *ctx, const char *text,
			      size_t len)
{
	gx_doc_context out = *ctx;
	size_t k, n;

	for (k = 0; k < sizeof levels / sizeof *levels; k++) {
		n = strlen(levels[k].word);
		if (len < n || memcmp(text, levels[k].word, n) != 0)
			continue;
		if (levels[k].city)
			out.city = of_kind(lx, ctx->city, levels[k].kind);
		else if (out.province != GX_NONE &&
			 !gx_str_ends_with(lx->ents.ptr[out.province].name, levels[k].kind))
			out.province = GX_NONE;
		break;
	}
	return out;
}

int gx_context_apply(const gx_context_rules *rules, const gx_lexicon *lx, const char *name,
		     size_t len, const char *type, const gx_doc_context *ctx, gx_buf *out)
{
	size_t i;

	for (i = 0; rules && i < rules->rules.len; i++) {
		const context_rule *r = &rules->rules.ptr[i];
		long n;

		if (!type_matches(r->types, type) || (n = gx_pcre_prefix(r->code, name, len)) < 0)
			continue;
		gx_doc_context seen = gx_context_for(lx, ctx, name, (size_t)n);

		gx_buf_clear(out);
		if (!fill(lx, r->replacement, &seen, out))
			return -1;
		gx_buf_put(out, name + n, len - (size_t)n);
		return 1;
	}
	return 0;
}

void gx_context_index(gx_lexicon *lx)
{
	gx_buf key = GX_BUF_INIT;
	size_t i;

	lx->city_names = gx_trie_new();
	lx->province_names = gx_trie_new();
	for (i = 0; i < lx->ents.len; i++) {
		const gx_entity *e = &lx->ents.ptr[i];
		int city = gx_place_is_city(lx, (uint32_t)i);
		gx_trie *t = city ? lx->city_names : lx->province_names;

		if (!city && gx_place_province(lx, (uint32_t)i) != i)
			continue;
		gx_lexicon__fold(&key, e->name, strlen(e->name));
		gx_trie_add(t, key.ptr, key.len, (uint32_t)i);
		gx_lexicon__fold(&key, e->shortname, strlen(e->shortname));
		gx_trie_add(t, key.ptr, key.len, (uint32_t)i);
	}
	gx_trie_finish(lx->city_names);
	gx_trie_finish(lx->province_names);
	gx_buf_dispose(&key);
}

typedef GX_VEC(uint32_t) u32_vec;

static void vote(u32_vec *tally, uint32_t id, uint32_t w)
{
	size_t i;

	for (i = 0; i < tally->len; i += 2)
		if (tally->ptr[i] == id) {
			tally->ptr[i + 1] += w;
			return;
		}
	GX_VEC_PUSH(tally, id);
	GX_VEC_PUSH(tally, w);
}

static uint32_t winner(const u32_vec *tally)
{
	uint32_t best = GX_NONE, top = 0, second = 0;
	size_t i;

	for (i = 0; i < tally->len; i += 2) {
		uint32_t v = tally->ptr[i + 1];

		if (v > top) {
			second = top;
			top = v;
			best = tally->ptr[i];
		} else if (v > second) {
			second = v;
		}
	}
	return top > second ? best : GX_NONE;
}

static uint32_t votes(const u32_vec *tally, uint32_t id)
{
	size_t i;

	for (i = 0; i < tally->len; i += 2)
		if (tally->ptr[i] == id)
			return tally->ptr[i + 1];
	return 0;
}

/* Is the text about `province` rather than `city`, a city of another
 * province named in passing? A Macao report that names 横琴 and 珠海 a few
 * times is about Macao, which has no city of its own. */
static int outvoted(const gx_lexicon *lx, const u32_vec *cities, const u32_vec *provinces,
		    uint32_t city, uint32_t province)
{
	uint32_t p = votes(provinces, province);

	return province != GX_NONE && gx_place_province(lx, city) != province &&
	       p > 2 * votes(cities, city) && p > votes(provinces, gx_place_province(lx, city));
}

/* A university or a plan named after a city is no sign the text is about
 * that city; places, governments and zones are. */
static int votes_for_place(const gx_entity *e)
{
	return e->coarse != GX_PROGRAMME &&
	       (e->coarse != GX_ORG || strcmp(e->type, "org/government") == 0);
}

static int is_district_of(const gx_lexicon *lx, uint32_t id, uint32_t city)
{
	return id != GX_NONE && lx->ents.ptr[id].parent_id == city && gx_place_is_district(lx, id);
}

static int district_suffix(const char *s)
{
	return strncmp(s, "区", 3) == 0 || strncmp(s, "县", 3) == 0 || strncmp(s, "旗", 3) == 0;
}

/* The city a district or county (吴兴区, 德清县; not a county-level city,
 * which can be the document's city itself) lies in, or GX_NONE: a text
 * that names the districts of one city is about that city. */
static uint32_t city_of_district(const gx_lexicon *lx, const gx_entity *e)
{
	size_t n = strlen(e->name);

	if (strcmp(e->type, "place/district") != 0 || e->parent_id == GX_NONE || n < 3 ||
	    !district_suffix(e->name + n - 3) || !gx_place_is_city(lx, e->parent_id))
		return GX_NONE;
	return e->parent_id;
}

/* The district of `city` named by name[0, k), looked up bare and with the
 * city's name, as an ambiguous one is canonical so (北京市朝阳区). */
static uint32_t district_named(const gx_lexicon *lx, const char *name, size_t k, uint32_t city)
{
	uint32_t id = gx_lexicon__find(lx, name, k);
	gx_buf key = GX_BUF_INIT;

	if (!is_district_of(lx, id, city)) {
		gx_buf_puts(&key, lx->ents.ptr[city].name);
		gx_buf_put(&key, name, k);
		id = gx_lexicon__find(lx, key.ptr, key.len);
		gx_buf_dispose(&key);
	}
	return is_district_of(lx, id, city) ? id : GX_NONE;
}

/* The district of `city` that `name` starts with, after the city's name if
 * it has it (顺德区科技园, 佛山市顺德区人民政府), or GX_NONE: the shortest
 * start of 2 to 8 characters that ends in 区, 县 or 旗 and is one. */
static uint32_t district_prefix(const gx_lexicon *lx, const char *name, uint32_t city)
{
	const gx_entity *c = &lx->ents.ptr[city];
	size_t len, k = 0, n, chars;
	uint32_t found = GX_NONE;

	if (strncmp(name, c->name, strlen(c->name)) == 0)
		name += strlen(c->name);
	else if (c->shortname && strncmp(name, c->shortname, strlen(c->shortname)) == 0)
		name += strlen(c->shortname);
	len = strlen(name);
	for (chars = 1; found == GX_NONE && k < len && chars <= 8; chars++) {
		gx_utf8_next((const unsigned char *)name + k, len - k, &n);
		k += n;
		if (chars >= 2 && n == 3 && district_suffix(name + k - 3))
			found = district_named(lx, name, k, city);
	}
	return found;
}

/* A district named by entity `id`, of `city` if that is known. */
static uint32_t district_of(const gx_lexicon *lx, uint32_t id, uint32_t city)
{
	if (city == GX_NONE)
		return gx_place_is_district(lx, id) ? id : GX_NONE;
	return is_district_of(lx, id, city) ? id : district_prefix(lx, lx->ents.ptr[id].name, city);
}

static uint32_t top_votes(const u32_vec *tally)
{
	uint32_t top = 0;
	size_t i;

	for (i = 0; i < tally->len; i += 2)
		if (tally->ptr[i + 1] > top)
			top = tally->ptr[i + 1];
	return top;
}

/* The district the text is about: of `city` if known (then also by names
 * that start with it), else any district named as such. */
static uint32_t detect_district(const gx_lexicon *lx, const uint32_t *entities,
				const uint32_t *weights, size_t n, uint32_t city,
				uint32_t city_votes)
{
	u32_vec districts = {0};
	uint32_t best;
	size_t i;

	for (i = 0; i < n; i++) {
		uint32_t id = district_of(lx, entities[i], city);

		if (id != GX_NONE && votes_for_place(&lx->ents.ptr[entities[i]]))
			vote(&districts, id, weights[i]);
	}
	best = winner(&districts);
	if (best != GX_NONE &&
	    (votes(&districts, best) < 2 || 2 * votes(&districts, best) < city_votes))
		best = GX_NONE;
	GX_VEC_FREE(&districts);
	return best;
}

void gx_context_detect(const gx_lexicon *lx, const uint32_t *entities, const uint32_t *weights,
		       size_t n, gx_doc_context *out)
{
	u32_vec cities = {0}, provinces = {0};
	size_t i, mlen;

	for (i = 0; i < n; i++) {
		const gx_entity *e = &lx->ents.ptr[entities[i]];
		const char *name = e->name;
		uint32_t id;

		if (!votes_for_place(e))
			continue;

		if (lx->city_names &&
		    (id = gx_trie_longest(lx->city_names, (const unsigned char *)name, strlen(name),
					  &mlen)) != GX_NONE)
			vote(&cities, id, weights[i]);
		else if ((id = city_of_district(lx, e)) != GX_NONE)
			vote(&cities, id, weights[i]);
		if (lx->province_names &&
		    (id = gx_trie_longest(lx->province_names, (const unsigned char *)name,
					  strlen(name), &mlen)) != GX_NONE)
			vote(&provinces, id, weights[i]);
	}
	out->city = winner(&cities);
	out->province = winner(&provinces);
	if (out->city != GX_NONE && !outvoted(lx, &cities, &provinces, out->city, out->province))
		out->province = gx_place_province(lx, out->city);
	else
		out->city = GX_NONE;
	out->district =
	    detect_district(lx, entities, weights, n, out->city,
			    out->city != GX_NONE ? votes(&cities, out->city) : top_votes(&cities));
	/* a county's text need not name its city; it must not name another province */
	if (out->district != GX_NONE && out->province != GX_NONE &&
	    gx_place_province(lx, out->district) != out->province)
		out->district = GX_NONE;
	GX_VEC_FREE(&cities);
	GX_VEC_FREE(&provinces);
}
