/* Template lines of the dictionaries ({city}市科学技术局 …): expansion over
 * every matching place at load time, and filling from a document's context. */
#ifndef GX_RECOG_TEMPLATE_H
#define GX_RECOG_TEMPLATE_H

#include "recog/lexicon.h"

typedef enum { GX_TPL_PROVINCE, GX_TPL_CITY, GX_TPL_DISTRICT } gx_template_kind;

/* Resolves `parent=` attributes to entity ids and expands every template. */
void gx_template_expand_all(gx_lexicon *lx);

gx_template_kind gx_template_kind_of(const char *templ);

/* Fills template `templ` for a document about `city` / `province` /
 * `district` (entity ids or GX_NONE) and returns the id of the resulting
 * entity, or GX_NONE when the document's context does not determine it. */
uint32_t gx_template_resolve(const gx_lexicon *lx, uint32_t templ, uint32_t city, uint32_t province,
			     uint32_t district);

/* Province entity containing place `id` (itself if a province), or GX_NONE. */
uint32_t gx_place_province(const gx_lexicon *lx, uint32_t id);
/* 1 if place entity `id` can fill {city}. */
int gx_place_is_city(const gx_lexicon *lx, uint32_t id);
/* 1 if it can fill {district}: a district, county or banner (区, 县, 旗) of a city. */
int gx_place_is_district(const gx_lexicon *lx, uint32_t id);

#endif
