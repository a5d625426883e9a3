/* Entity and surface storage of the lexicon, and its lifetime.
 *
 * Surfaces are keyed by their folded form (Traditional → Simplified, full →
 * half width) so that one dictionary line covers every spelling; canonical
 * names are keyed the same way so a pattern hit in a Traditional document
 * finds the dictionary entity of the same name. */
#include "recog/lexicon.h"

#include "core/alloc.h"
#include "core/error.h"
#include "core/utf8.h"
#include "recog/context.h"
#include "recog/pattern.h"
#include "recog/template.h"
#include "recog/trie.h"
#include "text/fold.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const subtypes[GX_NCOARSE][8] = {
    {"government", "university", "institute", "company", "finance", "alliance", "other", NULL},
    {"hitech", "park", "incubator", "corridor", "base", "other", NULL},
    {"plan", "finance", "talent", "award", "event", "policy", "other", NULL},
    {"country", "province", "city", "district", "town", "region", "other", NULL},
};
static const char *const coarse_names[GX_NCOARSE] = {"org", "zone", "programme", "place"};

int gx_lexicon_new(gx_lexicon **out, gx_diag_fn diag, void *payload)
{
	gx_lexicon *lx = gx_xcalloc(1, sizeof *lx);

	lx->diag = diag;
	lx->diag_payload = payload;
	*out = lx;
	return GX_OK;
}

void gx_lexicon_free(gx_lexicon *lx)
{
	size_t i;

	if (lx == NULL)
		return;
	for (i = 0; i < lx->files.len; i++)
		free(lx->files.ptr[i]);
	GX_VEC_FREE(&lx->files);
	GX_VEC_FREE(&lx->ents);
	GX_VEC_FREE(&lx->claims);
	GX_VEC_FREE(&lx->surfaces);
	gx_strmap_dispose(&lx->by_name);
	gx_strmap_dispose(&lx->by_surface);
	gx_strmap_dispose(&lx->strings);
	gx_arena_dispose(&lx->names);
	gx_buf_dispose(&lx->scratch);
	gx_trie_free(lx->trie);
	gx_trie_free(lx->city_names);
	gx_trie_free(lx->stopwords);
	gx_strmap_dispose(&lx->words);
	gx_trie_free(lx->province_names);
	gx_pattern_set_free(lx->patterns);
	gx_context_rules_free(lx->context);
	free(lx);
}

void gx_lexicon__fold(gx_buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n, k = 0;

	/* a fold never takes more than 3 bytes a byte (an invalid byte becomes
	 * U+FFFD), so one reservation covers the whole string */
	gx_buf_clear(out);
	gx_buf_grow(out, 3 * len + 1);
	while (i < len) {
		uint32_t cp = gx_utf8_next(p + i, len - i, &n);

		if (cp < 0x80) {
			out->ptr[k++] = (char)cp;
		} else {
			if (cp == GX_UTF8_INVALID)
				cp = 0xFFFD;
			k += gx_utf8_encode(gx_fold_cp(cp), out->ptr + k);
		}
		i += n;
	}
	out->ptr[k] = '\0';
	out->len = k;
}

void gx_lexicon__diag(gx_lexicon *lx, int severity, uint32_t file, uint32_t line, const char *fmt,
		      ...)
{
	char msg[512];
	va_list ap;

	if (severity == GX_DIAG_ERROR)
		lx->n_errors++;
	else if (severity == GX_DIAG_WARNING)
		lx->n_warnings++;
	if (lx->diag == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	lx->diag((gx_severity)severity, file < lx->files.len ? lx->files.ptr[file] : "", line, msg,
		 lx->diag_payload);
}

const char *gx_lexicon__intern(gx_lexicon *lx, const char *s, size_t len)
{
	const char *stored;

	gx_strmap_put(&lx->strings, s, len, 0, NULL, &stored);
	return stored;
}

int gx_lexicon__parse_type(const char *type, size_t len)
{
	const char *slash = memchr(type, '/', len);
	size_t clen = slash ? (size_t)(slash - type) : len;
	int c, k;

	for (c = 0; c < GX_NCOARSE; c++)
		if (strlen(coarse_names[c]) == clen && memcmp(type, coarse_names[c], clen) == 0)
			break;
	if (c == GX_NCOARSE)
		return -1;
	if (slash == NULL)
		return c;
	for (k = 0; subtypes[c][k]; k++) {
		size_t slen = len - clen - 1;

		if (strlen(subtypes[c][k]) == slen && memcmp(slash + 1, subtypes[c][k], slen) == 0)
			return c;
	}
	return -1;
}

uint32_t gx_lexicon__add_entity(gx_lexicon *lx, const char *name, size_t len, const char *type,
				uint32_t file, uint32_t line, int *dup)
{
	gx_buf *key = &lx->scratch;
	gx_entity e = {0};
	uint32_t *slot, id = (uint32_t)lx->ents.len;

	gx_lexicon__fold(key, name, len);
	*dup = !gx_strmap_put(&lx->by_name, key->ptr, key->len, id, &slot, NULL);
	if (*dup)
		return *slot;
	e.name = gx_arena_copy(&lx->names, name, len); /* unique: no need to intern */
	/* lines of one type come in runs: intern it once a run */
	if (lx->last_type == NULL || strcmp(lx->last_type, type) != 0)
		lx->last_type = gx_lexicon__intern(lx, type, strlen(type));
	e.type = lx->last_type;
	e.coarse = (uint8_t)gx_lexicon__parse_type(type, strlen(type));
	e.file = file;
	e.line = line;
	e.parent_id = GX_NONE;
	GX_VEC_PUSH(&lx->ents, e);
	return id;
}

void gx_lexicon__add_surface(gx_lexicon *lx, const char *s, size_t len, uint32_t entity,
			     uint32_t file, uint32_t line)
{
	gx_buf *key = &lx->scratch;
	gx_claim c = {entity, GX_NONE, file, line, 0};
	gx_surface *sf;
	uint32_t *slot, k;
	const char *stored;

	gx_lexicon__fold(key, s, len);
	if (gx_strmap_put(&lx->by_surface, key->ptr, key->len, (uint32_t)lx->surfaces.len, &slot,
			  &stored)) {
		gx_surface nsf = {stored, (uint32_t)key->len, (uint32_t)lx->claims.len};

		GX_VEC_PUSH(&lx->surfaces, nsf);
		GX_VEC_PUSH(&lx->claims, c);
		return;
	}
	sf = &lx->surfaces.ptr[*slot];
	for (k = sf->head; k != GX_NONE; k = lx->claims.ptr[k].next)
		if (lx->claims.ptr[k].entity == entity)
			return; /* same entity, same surface: harmless repeat */
	k = sf->head;
	if (lx->claims.ptr[k].next == GX_NONE)
		lx->n_ambiguous++;
	if (!(lx->ents.ptr[entity].flags & GX_ENT_DYNAMIC)) {
		const gx_claim *first = &lx->claims.ptr[k];

		gx_lexicon__diag(
		    lx, GX_DIAG_NOTE, file, line,
		    "surface '%s' of '%s' is already claimed by '%s' (%s:%u); it is "
		    "ambiguous and resolved by document context",
		    key->ptr, lx->ents.ptr[entity].name, lx->ents.ptr[first->entity].name,
		    first->file < lx->files.len ? lx->files.ptr[first->file] : "", first->line);
	}
	c.next = k;
	sf->head = (uint32_t)lx->claims.len;
	GX_VEC_PUSH(&lx->claims, c);
}

void gx_lexicon__add_local_surface(gx_lexicon *lx, const char *s, size_t len, uint32_t entity,
				   uint32_t file, uint32_t line)
{
	size_t before = lx->claims.len;

	gx_lexicon__add_surface(lx, s, len, entity, file, line);
	if (lx->claims.len > before)
		lx->claims.ptr[lx->claims.len - 1].local = 1;
}

uint32_t gx_lexicon__find(const gx_lexicon *lx, const char *name, size_t len)
{
	gx_buf key = GX_BUF_INIT;
	uint32_t id;

	gx_lexicon__fold(&key, name, len);
	if (!gx_strmap_get(&lx->by_name, key.ptr, key.len, &id))
		id = GX_NONE;
	gx_buf_dispose(&key);
	return id;
}

uint32_t gx_lexicon__surface(const gx_lexicon *lx, const char *folded, size_t len)
{
	uint32_t i;

	return gx_strmap_get(&lx->by_surface, folded, len, &i) ? lx->surfaces.ptr[i].head : GX_NONE;
}

void gx_lexicon_get_stats(const gx_lexicon *lx, gx_lexicon_stats *out)
{
	size_t i;

	memset(out, 0, sizeof *out);
	for (i = 0; i < lx->ents.len; i++) {
		const gx_entity *e = &lx->ents.ptr[i];

		if (e->flags & GX_ENT_TEMPLATE) {
			out->templates++;
			continue;
		}
		out->entities++;
		out->by_coarse[e->coarse]++;
	}
	out->surfaces = lx->by_surface.count;
	out->ambiguous = lx->n_ambiguous;
	out->patterns = gx_pattern_set_count(lx->patterns);
	out->context_rules = gx_context_rules_count(lx->context);
	out->errors = lx->n_errors;
	out->warnings = lx->n_warnings;
}

const char *gx_default_dict_dir(void)
{
	const char *env = getenv("GUANXI_DICT_DIR");

	return env && *env ? env : GX_DICT_DIR;
}

int gx_lexicon_load_patterns(gx_lexicon *lx, const char *path)
{
	return gx_pattern_set_load(&lx->patterns, path, lx->diag, lx->diag_payload);
}

int gx_lexicon_load_context(gx_lexicon *lx, const char *path)
{
	return gx_context_rules_load(&lx->context, path, lx->diag, lx->diag_payload);
}

/* Every surface goes into the trie with the head of its claim chain, in the
 * order they were claimed: that is the order of their keys in memory. */
static void build_trie(gx_lexicon *lx)
{
	size_t i;

	lx->trie = gx_trie_new();
	for (i = 0; i < lx->surfaces.len; i++) {
		const gx_surface *sf = &lx->surfaces.ptr[i];

		/* the map's keys live as long as the lexicon: no copy */
		gx_trie_add_borrowed(lx->trie, sf->key, sf->len, sf->head);
	}
	gx_trie_finish(lx->trie);
}

int gx_lexicon_finish(gx_lexicon *lx)
{
	if (lx->finished)
		return GX_OK;
	gx_fold_init();
	gx_template_expand_all(lx);
	build_trie(lx);
	gx_context_index(lx);
	if (lx->stopwords)
		gx_trie_finish(lx->stopwords);
	lx->finished = 1;
	return GX_OK;
}
