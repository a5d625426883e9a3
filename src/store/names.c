/* The names table: every surface of the dictionaries a store was built with
 * (folded) and the canonical names it stands for, in claim order, so that a
 * query resolves an abbreviation the corpus never used with those
 * dictionaries (not the bundled ones) and without loading them: a
 * dictionary load is 0.2 s with the bundled set, 0.5 s with a 200k-entry
 * one, where a query should answer in well under 0.1 s.
 *
 * Written at commit when the lexicon differs from the one recorded (meta
 * row `names`, a hash of every surface and claim): an incremental build
 * with the same dictionaries rewrites nothing. Template heads (市科技局 as
 * {city_full}科学技术局) are left out: they name no entity until a
 * document's place completes them. */
#include "core/error.h"
#include "core/strmap.h"
#include "recog/lexicon.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

/* FNV-1a over `len` bytes, continued from `h` */
static uint64_t mix(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

static int is_template(const gx_lexicon *lx, uint32_t e)
{
	return (lx->ents.ptr[e].flags & GX_ENT_TEMPLATE) != 0;
}

/* Every (surface, entity) row in the order they will be written, hashed */
static uint64_t fingerprint(const gx_lexicon *lx)
{
	uint64_t h = 14695981039346656037ull;
	size_t i;
	uint32_t c;

	for (i = 0; i < lx->surfaces.len; i++) {
		const gx_surface *sf = &lx->surfaces.ptr[i];

		h = mix(h, sf->key, sf->len + 1);
		for (c = sf->head; c != GX_NONE; c = lx->claims.ptr[c].next)
			if (!is_template(lx, lx->claims.ptr[c].entity)) {
				const char *name = lx->ents.ptr[lx->claims.ptr[c].entity].name;

				h = mix(h, name, strlen(name) + 1);
			}
	}
	return h;
}

static int recorded(gx_store *st, const char *hex)
{
	sqlite3_stmt *s = NULL;
	int same = 0;

	if (gx_store__prepare(st, &s, "SELECT value = ? FROM meta WHERE key = 'names'") < 0)
		return 0;
	sqlite3_bind_text(s, 1, hex, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		same = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return same;
}

static int insert_all(gx_store *st, const gx_lexicon *lx)
{
	sqlite3_stmt *s = NULL;
	size_t i;
	uint32_t c;
	int error = GX_OK, rank;

	if ((error = gx_store__exec(st, "DELETE FROM names")) < 0 ||
	    (error = gx_store__prepare(st, &s, "INSERT INTO names VALUES (?,?,?)")) < 0)
		return error;
	for (i = 0; i < lx->surfaces.len && error == GX_OK; i++) {
		const gx_surface *sf = &lx->surfaces.ptr[i];

		rank = 0;
		for (c = sf->head; c != GX_NONE && error == GX_OK; c = lx->claims.ptr[c].next) {
			if (is_template(lx, lx->claims.ptr[c].entity))
				continue;
			sqlite3_reset(s);
			sqlite3_bind_text(s, 1, sf->key, (int)sf->len, SQLITE_STATIC);
			sqlite3_bind_int(s, 2, rank++);
			sqlite3_bind_text(s, 3, lx->ents.ptr[lx->claims.ptr[c].entity].name, -1,
					  SQLITE_STATIC);
			if (sqlite3_step(s) != SQLITE_DONE)
				error = gx_store__fail(st, "storing the dictionaries' names");
		}
	}
	sqlite3_finalize(s);
	return error;
}

int gx_store__write_names(gx_store *st)
{
	char hex[17], sql[96];
	int error;

	if (st->lexicon == NULL)
		return GX_OK;
	snprintf(hex, sizeof hex, "%016llx", (unsigned long long)fingerprint(st->lexicon));
	if (recorded(st, hex))
		return GX_OK;
	if ((error = gx_store__begin(st)) < 0 || (error = insert_all(st, st->lexicon)) < 0)
		return error;
	snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO meta VALUES ('names', '%s')", hex);
	if ((error = gx_store__exec(st, sql)) < 0)
		return error;
	return gx_store__end(st);
}
