#define _POSIX_C_SOURCE 200809L
/* Template expansion. A line such as
 *     {city_full}科学技术局	org/government	市科技局|{city}科技局
 * becomes one entity per city (镇江市科学技术局 with surface 镇江科技局 …),
 * while the placeholder-free alias 市科技局 stays attached to the template and
 * is filled from the document's city when it is found (ANNOTATION.md
 * "Resolving references by context"). */
#include "recog/template.h"

#include "core/alloc.h"
#include "core/buf.h"
#include "core/utf8.h"

#include <string.h>

/* Entity ids, not pointers: expansion appends to the entity vector. */
typedef struct {
	uint32_t city, province, district;
	int bare; /* {district} by its own name, also where it stands alone */
} fill_vars;

#define NO_VARS                                                                                    \
	{                                                                                          \
		GX_NONE, GX_NONE, GX_NONE, 0                                                       \
	}

static int is_type(const gx_entity *e, const char *type)
{
	return strcmp(e->type, type) == 0;
}

int gx_place_is_city(const gx_lexicon *lx, uint32_t id)
{
	const gx_entity *e = &lx->ents.ptr[id];

	if (e->shortname == NULL || (e->flags & GX_ENT_TEMPLATE))
		return 0;
	if (is_type(e, "place/city"))
		return 1;
	/* county-level cities and the four municipalities also have a 市科技局 */
	return (is_type(e, "place/district") || is_type(e, "place/province")) &&
	       gx_str_ends_with(e->name, "市");
}

static int is_province(const gx_entity *e)
{
	return e->shortname && is_type(e, "place/province") && !(e->flags & GX_ENT_TEMPLATE);
}

int gx_place_is_district(const gx_lexicon *lx, uint32_t id)
{
	const gx_entity *e = &lx->ents.ptr[id];

	return is_type(e, "place/district") && e->parent_id != GX_NONE &&
	       gx_place_is_city(lx, e->parent_id) &&
	       (gx_str_ends_with(e->name, "区") || gx_str_ends_with(e->name, "县") ||
		gx_str_ends_with(e->name, "旗"));
}

uint32_t gx_place_province(const gx_lexicon *lx, uint32_t id)
{
	int depth;

	for (depth = 0; id != GX_NONE && depth < 8; depth++) {
		if (is_province(&lx->ents.ptr[id]))
			return id;
		id = lx->ents.ptr[id].parent_id;
	}
	return GX_NONE;
}

gx_template_kind gx_template_kind_of(const char *templ)
{
	if (strstr(templ, "{district}"))
		return GX_TPL_DISTRICT;
	if (strstr(templ, "{city"))
		return GX_TPL_CITY;
	return GX_TPL_PROVINCE;
}

/* A district's name after its city's: 海口市龙华区, so named in the
 * dictionary beside 深圳市龙华区, is 龙华区 there ({city_full}{district}科学技术局
 * is 海口市龙华区科学技术局, not 海口市海口市龙华区…). Alone, {district} keeps
 * the whole name: 海口市龙华区科技局 is an alias, 龙华区科技局 would be two
 * cities' bodies. */
static const char *district_name(const gx_lexicon *lx, const gx_entity *e)
{
	const char *city;
	size_t n;

	if (e->parent_id == GX_NONE)
		return e->name;
	city = lx->ents.ptr[e->parent_id].name;
	n = strlen(city);
	return strncmp(e->name, city, n) == 0 && e->name[n] ? e->name + n : e->name;
}

/* Writes `templ` with its placeholders filled into `out`; returns 0 if a
 * needed variable is missing. */
static int fill(const gx_lexicon *lx, gx_buf *out, const char *templ, const fill_vars *v)
{
	static const struct {
		const char *ph;
		int which, full;
	} map[] = {{"{city}", 0, 0},
		   {"{city_full}", 0, 1},
		   {"{province}", 1, 0},
		   {"{province_full}", 1, 1},
		   {"{district}", 2, 1}};
	const char *p = templ;
	int after_city = 0; /* the text so far ends with {city_full} */

	gx_buf_clear(out);
	while (*p) {
		const gx_entity *e;
		uint32_t id;
		size_t k;

		if (*p != '{') {
			gx_buf_putc(out, *p++);
			after_city = 0;
			continue;
		}
		for (k = 0; k < sizeof map / sizeof map[0]; k++)
			if (strncmp(p, map[k].ph, strlen(map[k].ph)) == 0)
				break;
		if (k == sizeof map / sizeof map[0]) {
			gx_buf_putc(out, *p++);
			after_city = 0;
			continue;
		}
		id = map[k].which == 0 ? v->city : map[k].which == 1 ? v->province : v->district;
		if (id == GX_NONE)
			return 0;
		e = &lx->ents.ptr[id];
		gx_buf_puts(out, map[k].which == 2 && (after_city || v->bare) ? district_name(lx, e)
				 : map[k].full                                ? e->name
									      : e->shortname);
		after_city = map[k].which == 0 && map[k].full;
		p += strlen(map[k].ph);
	}
	return 1;
}

/* Does an entity of the dictionaries themselves (not of an expansion) claim
 * `surface`? Then an expanded alias leaves it to that entry: 香港特别行政区政府
 * is the curated body, not {province_full}政府 of 香港特别行政区人民政府. */
static int curated(const gx_lexicon *lx, const gx_buf *surface)
{
	gx_buf key = GX_BUF_INIT;
	uint32_t c;

	gx_lexicon__fold(&key, surface->ptr, surface->len);
	c = gx_lexicon__surface(lx, key.ptr, key.len);
	gx_buf_dispose(&key);
	for (; c != GX_NONE; c = lx->claims.ptr[c].next)
		if (!(lx->ents.ptr[lx->claims.ptr[c].entity].flags &
		      (GX_ENT_DYNAMIC | GX_ENT_TEMPLATE)))
			return 1;
	return 0;
}

/* Adds alias template `a` of entity `id`, filled with `v`. A district named
 * with its city (南通市通州区, beside 北京市通州区) is also written bare in a
 * text about that city, and so are its bodies: 通州区政府 and 通州区科技局
 * are then claimed by both cities' bodies, like 通州区 itself, and the
 * document's context decides. */
static void add_alias(gx_lexicon *lx, uint32_t id, const gx_entity *tpl, const char *a,
		      const fill_vars *v, gx_buf *alias)
{
	fill_vars bare = *v;

	if (!strchr(a, '{'))
		return;
	if (fill(lx, alias, a, v) && !curated(lx, alias))
		gx_lexicon__add_surface(lx, alias->ptr, alias->len, id, tpl->file, tpl->line);
	bare.bare = 1;
	if (v->district != GX_NONE && strncmp(a, "{district}", 10) == 0 &&
	    district_name(lx, &lx->ents.ptr[v->district]) != lx->ents.ptr[v->district].name &&
	    fill(lx, alias, a, &bare) && !curated(lx, alias))
		gx_lexicon__add_surface(lx, alias->ptr, alias->len, id, tpl->file, tpl->line);
}

static void expand_one(gx_lexicon *lx, uint32_t t, const fill_vars *v)
{
	gx_entity tpl = lx->ents.ptr[t]; /* copy: the vector may move */
	gx_buf name = GX_BUF_INIT, alias = GX_BUF_INIT;
	uint32_t id;
	int dup;

	if (!fill(lx, &name, tpl.name, v))
		goto done;
	id = gx_lexicon__add_entity(lx, name.ptr, name.len, tpl.type, tpl.file, tpl.line, &dup);
	if (!dup)
		lx->ents.ptr[id].flags |= GX_ENT_DYNAMIC;
	gx_lexicon__add_surface(lx, name.ptr, name.len, id, tpl.file, tpl.line);
	if (tpl.aliases) {
		char *list = gx_xstrdup(tpl.aliases), *save = NULL, *a;

		for (a = strtok_r(list, "|", &save); a; a = strtok_r(NULL, "|", &save))
			add_alias(lx, id, &tpl, a, v, &alias);
		free(list);
	}
done:
	gx_buf_dispose(&name);
	gx_buf_dispose(&alias);
}

/* Placeholder-free aliases name the template itself: context references. */
static void add_context_surfaces(gx_lexicon *lx, uint32_t t)
{
	char *list, *save = NULL, *a;

	if (lx->ents.ptr[t].aliases == NULL)
		return;
	list = gx_xstrdup(lx->ents.ptr[t].aliases);
	for (a = strtok_r(list, "|", &save); a; a = strtok_r(NULL, "|", &save))
		if (*a && !strchr(a, '{'))
			gx_lexicon__add_surface(lx, a, strlen(a), t, lx->ents.ptr[t].file,
						lx->ents.ptr[t].line);
	free(list);
}

typedef GX_VEC(uint32_t) id_vec;

static void expand_template(gx_lexicon *lx, uint32_t t, const id_vec *places)
{
	gx_template_kind kind = gx_template_kind_of(lx->ents.ptr[t].name);
	size_t i;

	add_context_surfaces(lx, t);
	for (i = 0; i < places[kind].len; i++) {
		uint32_t p = places[kind].ptr[i];
		fill_vars v = NO_VARS;

		if (kind == GX_TPL_PROVINCE) {
			v.province = p;
		} else {
			v.city = kind == GX_TPL_CITY ? p : lx->ents.ptr[p].parent_id;
			v.district = kind == GX_TPL_DISTRICT ? p : GX_NONE;
			v.province = gx_place_province(lx, v.city);
		}
		expand_one(lx, t, &v);
	}
}

static void resolve_parents(gx_lexicon *lx)
{
	size_t i;

	for (i = 0; i < lx->ents.len; i++) {
		gx_entity *e = &lx->ents.ptr[i];

		if (e->parent == NULL)
			continue;
		e->parent_id = gx_lexicon__find(lx, e->parent, strlen(e->parent));
		if (e->parent_id == GX_NONE)
			gx_lexicon__diag(lx, GX_DIAG_WARNING, e->file, e->line,
					 "parent '%s' of '%s' is not in the dictionaries",
					 e->parent, e->name);
	}
}

void gx_template_expand_all(gx_lexicon *lx)
{
	id_vec places[3] = {{0}, {0}, {0}};
	size_t n = lx->ents.len, i;

	resolve_parents(lx);
	for (i = 0; i < n; i++) {
		uint32_t id = (uint32_t)i;

		if (is_province(&lx->ents.ptr[i]))
			GX_VEC_PUSH(&places[GX_TPL_PROVINCE], id);
		if (gx_place_is_city(lx, id))
			GX_VEC_PUSH(&places[GX_TPL_CITY], id);
		if (gx_place_is_district(lx, id))
			GX_VEC_PUSH(&places[GX_TPL_DISTRICT], id);
	}
	/* expansion only appends non-place entities, so the lists stay valid */
	for (i = 0; i < n; i++)
		if (lx->ents.ptr[i].flags & GX_ENT_TEMPLATE)
			expand_template(lx, (uint32_t)i, places);
	for (i = 0; i < 3; i++)
		GX_VEC_FREE(&places[i]);
}

uint32_t gx_template_resolve(const gx_lexicon *lx, uint32_t templ, uint32_t city, uint32_t province,
			     uint32_t district)
{
	const gx_entity *t = &lx->ents.ptr[templ];
	fill_vars v = {city, province, GX_NONE, 0};
	gx_buf name = GX_BUF_INIT;
	uint32_t id = GX_NONE;

	if (gx_template_kind_of(t->name) == GX_TPL_DISTRICT) {
		if (district == GX_NONE)
			return GX_NONE; /* a bare 区科技局 names no district for certain */
		v.district = district;
		v.city = lx->ents.ptr[district].parent_id;
	}
	if (fill(lx, &name, t->name, &v))
		id = gx_lexicon__find(lx, name.ptr, name.len);
	gx_buf_dispose(&name);
	return id;
}
