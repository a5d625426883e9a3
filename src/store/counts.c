/* What the derived tables are computed from (store.h, gx_store_counts):
 * every stored mention fed to the co-occurrence counter, document by
 * document in id order, each unit with its cue flag; the mentions of each
 * entity by source; the surfaces seen.
 *
 * Two ways to get them. A FRESH store counts each document as it stores it
 * (gx_store__count_doc), so its commit need not read 1.8M mentions back.
 * Any other store reads them back from the tables (gx_store__count_all),
 * which an incremental build has to: most of its documents were stored by
 * earlier runs. Both feed the counter the same items in the same order
 * (a document's mentions in text order: within a unit, the order they were
 * inserted in, which the rowid keeps and the (doc, unit) index ends with),
 * so they give the same counts. */
#include "core/alloc.h"
#include "core/error.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int gx_store__counts_new(gx_store_counts **out)
{
	gx_cooc_options opt = {GX_UNIT_SENTENCE, 0, GX_STORE_EVIDENCE};
	gx_store_counts *k = gx_xcalloc(1, sizeof *k);
	int error = gx_cooc_new(&k->cooc, &opt);

	if (error < 0) {
		free(k);
		k = NULL;
	}
	*out = k;
	return error;
}

void gx_store__counts_free(gx_store_counts *k)
{
	size_t i;

	if (k == NULL)
		return;
	gx_cooc_free(k->cooc);
	GX_VEC_FREE(&k->docs);
	GX_VEC_FREE(&k->sid);
	for (i = 0; i < 3; i++)
		GX_VEC_FREE(&k->src[i]);
	gx_strmap_dispose(&k->surfaces);
	GX_VEC_FREE(&k->surface_count);
	free(k);
}

static int source_index(const char *s)
{
	return strcmp(s, "dict") == 0 ? 0 : strcmp(s, "pattern") == 0 ? 1 : 2;
}

/* One more mention of store entity `id` from `source` (0, 1, 2). */
static void count_source(gx_store_counts *k, uint32_t id, int source)
{
	int i;

	for (i = 0; i < 3; i++)
		while (k->src[i].len <= id)
			GX_VEC_PUSH(&k->src[i], 0);
	k->src[source].ptr[id]++;
}

/* Feeds one document's items to the counter and records the store ids of
 * the entities it saw first. */
static void add_doc(gx_store_counts *k, const gx_strmap *ids, int64_t doc, const char *name,
		    const gx_cooc_item *items, size_t n, uint64_t units)
{
	size_t i = k->cooc->ents.len;

	gx_cooc__add(k->cooc, name, items, n, units);
	GX_VEC_PUSH(&k->docs, doc);
	for (; i < k->cooc->ents.len; i++) {
		const char *e = k->cooc->ents.ptr[i].name;
		uint32_t id = 0;

		gx_strmap_get(ids, e, strlen(e), &id);
		GX_VEC_PUSH(&k->sid, id);
	}
}

/* ---- a FRESH store: counting as documents are stored ------------------------- */

static void count_surface(gx_store_counts *k, uint32_t id, const char *surface, gx_buf *key)
{
	uint32_t *slot;

	gx_buf_clear(key);
	gx_buf_printf(key, "%u\t%s", (unsigned)id, surface);
	if (gx_strmap_put(&k->surfaces, key->ptr, key->len, (uint32_t)k->surface_count.len, &slot,
			  NULL))
		GX_VEC_PUSH(&k->surface_count, 0);
	k->surface_count.ptr[*slot]++;
}

void gx_store__count_doc(gx_store *st, const gx_doc *doc, const char *name, int64_t id,
			 const unsigned char *cued)
{
	gx_store_counts *k = st->counts;
	size_t i, m = gx_doc_mention_count(doc), ns = gx_doc_sentence_count(doc);
	gx_cooc_item *items = gx_xmalloc((m ? m : 1) * sizeof *items);
	gx_buf key = GX_BUF_INIT;

	/* the items the exports' counter gets (src/cooccur/units.c), in the
	 * same order, with the units' cue flags */
	for (i = 0; i < m; i++) {
		const gx_mention *mt = gx_doc_mention(doc, i);
		gx_span sp = mt->sentence < ns ? gx_doc_sentence(doc, mt->sentence)
					       : (gx_span){mt->start, mt->end};
		gx_cooc_item it = {mt->entity, mt->type, mt->sentence,
				   sp.start,   sp.end,   mt->sentence < ns && cued[mt->sentence]};
		uint32_t ent = 0;

		items[i] = it;
		gx_strmap_get(&st->entity_ids, mt->entity, strlen(mt->entity), &ent);
		count_source(k, ent, (int)mt->source);
		count_surface(k, ent, mt->surface, &key);
	}
	add_doc(k, &st->entity_ids, id, name, items, m, ns);
	gx_buf_dispose(&key);
	free(items);
}

/* ---- any store: reading the mentions back ------------------------------------ */

typedef struct {
	GX_VEC(char *) name; /* by store id; NULL where no entity */
	GX_VEC(char *) type;
	gx_strmap ids; /* name -> store id */
} entity_table;

static void entities_dispose(entity_table *t)
{
	size_t i;

	for (i = 0; i < t->name.len; i++) {
		free(t->name.ptr[i]);
		free(t->type.ptr[i]);
	}
	GX_VEC_FREE(&t->name);
	GX_VEC_FREE(&t->type);
	gx_strmap_dispose(&t->ids);
}

static int load_entities(gx_store *st, entity_table *t)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (gx_store__prepare(st, &s,
			      "SELECT id, name, type || CASE subtype WHEN '' THEN '' ELSE '/' || "
			      "subtype END FROM entities ORDER BY id") < 0)
		return GX_ERROR;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		size_t id = (size_t)sqlite3_column_int64(s, 0);
		const char *name = (const char *)sqlite3_column_text(s, 1);
		uint32_t *slot;

		while (t->name.len <= id) {
			GX_VEC_PUSH(&t->name, NULL);
			GX_VEC_PUSH(&t->type, NULL);
		}
		t->name.ptr[id] = gx_xstrdup(name);
		t->type.ptr[id] = gx_xstrdup((const char *)sqlite3_column_text(s, 2));
		gx_strmap_put(&t->ids, name, strlen(name), (uint32_t)id, &slot, NULL);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return gx_store__fail(st, "reading entities");
	return GX_OK;
}

typedef struct {
	sqlite3_stmt *docs, *ments;
	int ments_rc;
	GX_VEC(gx_cooc_item) items;
	gx_buf key;
} feed_state;

/* Feeds one document's mentions (the cursor stands on its first row, if
 * any) to the counter, each unit marked with its cue flag. */
static void feed_doc(gx_store_counts *k, const entity_table *t, feed_state *f, int64_t doc,
		     const char *path, uint64_t units)
{
	f->items.len = 0;
	while (f->ments_rc == SQLITE_ROW && sqlite3_column_int64(f->ments, 0) == doc) {
		size_t ent = (size_t)sqlite3_column_int64(f->ments, 2);
		gx_cooc_item it;

		if (ent < t->name.len && t->name.ptr[ent]) {
			it.entity = t->name.ptr[ent];
			it.type = t->type.ptr[ent];
			it.unit = (uint32_t)sqlite3_column_int64(f->ments, 1);
			it.start = (uint32_t)sqlite3_column_int64(f->ments, 3);
			it.end = (uint32_t)sqlite3_column_int64(f->ments, 4);
			it.cued = sqlite3_column_int(f->ments, 5) != 0;
			GX_VEC_PUSH(&f->items, it);
			count_source(k, (uint32_t)ent,
				     source_index((const char *)sqlite3_column_text(f->ments, 6)));
			count_surface(k, (uint32_t)ent,
				      (const char *)sqlite3_column_text(f->ments, 7), &f->key);
		}
		f->ments_rc = sqlite3_step(f->ments);
	}
	add_doc(k, &t->ids, doc, path, f->items.ptr, f->items.len, units);
}

static int feed(gx_store *st, gx_store_counts *k, const entity_table *t)
{
	feed_state f;
	int rc, error = GX_OK;

	memset(&f, 0, sizeof f);
	if (gx_store__prepare(st, &f.docs, "SELECT id, path, units FROM documents ORDER BY id") <
		0 ||
	    gx_store__prepare(st, &f.ments,
			      "SELECT m.doc, m.unit, m.entity, u.byte_start, u.byte_end, u.cued, "
			      "m.source, m.surface FROM mentions m JOIN units u ON u.doc = m.doc "
			      "AND u.idx = m.unit ORDER BY m.doc, m.unit, m.rowid") < 0) {
		error = GX_ERROR;
		goto done;
	}
	f.ments_rc = sqlite3_step(f.ments);
	while ((rc = sqlite3_step(f.docs)) == SQLITE_ROW) {
		int64_t doc = sqlite3_column_int64(f.docs, 0);

		/* mentions of a document that is gone cannot happen (same
		 * transaction), but skip them rather than loop */
		while (f.ments_rc == SQLITE_ROW && sqlite3_column_int64(f.ments, 0) < doc)
			f.ments_rc = sqlite3_step(f.ments);
		feed_doc(k, t, &f, doc, (const char *)sqlite3_column_text(f.docs, 1),
			 (uint64_t)sqlite3_column_int64(f.docs, 2));
	}
	if (rc != SQLITE_DONE || (f.ments_rc != SQLITE_DONE && f.ments_rc != SQLITE_ROW))
		error = gx_store__fail(st, "reading mentions");
done:
	sqlite3_finalize(f.docs);
	sqlite3_finalize(f.ments);
	GX_VEC_FREE(&f.items);
	gx_buf_dispose(&f.key);
	return error;
}

int gx_store__count_all(gx_store *st, gx_store_counts **out)
{
	entity_table t;
	gx_store_counts *k = NULL;
	int error;

	memset(&t, 0, sizeof t);
	*out = NULL;
	/* an entity whose last document was replaced is gone */
	if ((error = gx_store__exec(st, "DELETE FROM entities WHERE id NOT IN "
					"(SELECT DISTINCT entity FROM mentions)")) < 0 ||
	    (error = load_entities(st, &t)) < 0 || (error = gx_store__counts_new(&k)) < 0 ||
	    (error = feed(st, k, &t)) < 0) {
		gx_store__counts_free(k);
		k = NULL;
	}
	entities_dispose(&t);
	*out = k;
	return error;
}
