/* Context resolution (ANNOTATION.md "Resolving references by context"):
 * which city and province a document is about, and the rules that complete
 * names such as 市低碳产业技术研究院 or 省产业技术研究院 with them. */
#ifndef GX_RECOG_CONTEXT_H
#define GX_RECOG_CONTEXT_H

#include "core/buf.h"
#include "recog/lexicon.h"

typedef struct {
	uint32_t city, province; /* place entities, GX_NONE if not certain */
	uint32_t district;       /* a district or county of `city`, GX_NONE if not certain */
} gx_doc_context;

/* Context-rule file lines: regex<TAB>replacement<TAB>types. A pattern name
 * whose start matches `regex` has that start replaced by `replacement`, with
 * {city}, {city_full}, {province}, {province_full} filled from the document,
 * if its type starts with one of the comma-separated `types`. */
int gx_context_rules_load(gx_context_rules **rules, const char *path, gx_diag_fn diag,
			  void *payload);
void gx_context_rules_free(gx_context_rules *rules);
size_t gx_context_rules_count(const gx_context_rules *rules);

/* Applies the first matching rule to the folded name. Returns 1 with the
 * completed name in `out`, 0 if no rule applies, -1 if a rule applies but
 * the document's context is not certain (the name is then no mention). */
int gx_context_apply(const gx_context_rules *rules, const gx_lexicon *lx, const char *name,
		     size_t len, const char *type, const gx_doc_context *ctx, gx_buf *out);

/* The document's context as a bare reference beginning with `text` sees
 * it: 州委, 州科技局 … name the autonomous prefecture that is or holds the
 * document's city (延吉市 in 延边朝鲜族自治州), 地区… a 地区, 盟… a league,
 * 自治区… the province only if it is an autonomous region (not 上海市 in its
 * 援疆 report); GX_NONE where the document has no such place. Without a
 * level word, the context itself. */
gx_doc_context gx_context_for(const gx_lexicon *lx, const gx_doc_context *ctx, const char *text,
			      size_t len);

/* Votes for the document's city: every resolved mention whose canonical
 * starts with a city's name (镇江, 镇江市科学技术局, 镇江高新技术产业开发区)
 * counts `weight[i]` for that city. The winner must lead strictly. Then the
 * same for a district or county of that city (顺德区, 佛山市顺德区人民政府):
 * it is the document's if it leads strictly, twice at least, and has at least
 * half the city's votes (a city's report that names its districts in passing
 * is about none of them). */
void gx_context_detect(const gx_lexicon *lx, const uint32_t *entities, const uint32_t *weights,
		       size_t n, gx_doc_context *out);

/* Builds the name tries used by gx_context_detect (called at finish). */
void gx_context_index(gx_lexicon *lx);

#endif
