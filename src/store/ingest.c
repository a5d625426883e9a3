/* Adding one document to the store: its record (hash, size, date, title),
 * the units that hold mentions (with their text and cue flag), and its
 * mentions. A document whose size and hash match the stored ones is skipped;
 * one whose path is stored with another hash is replaced (its old rows are
 * deleted in the same transaction). */
#define _POSIX_C_SOURCE 200809L
#include "core/alloc.h"
#include "core/error.h"
#include "core/strmap.h"
#include "core/utf8.h"
#include "recog/lexicon.h"
#include "recog/recognise.h"
#include "store/store.h"
#include "text/io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a, 64 bits: not cryptographic, but a content change that keeps both
 * the size and this hash is vanishingly unlikely for edited text. */
uint64_t gx_store__hash(const void *data, size_t len)
{
	return gx_fnv1a64(data, len);
}

void gx_store__fold(gx_buf *out, const char *s, size_t len)
{
	gx_lexicon__fold(out, s, len);
}

/* Hash and size of a file, read in blocks. */
static int hash_file(const char *path, uint64_t *hash, int64_t *size)
{
	FILE *fp = fopen(path, "rb");
	unsigned char block[1 << 16];
	uint64_t h = 14695981039346656037ull;
	int64_t n = 0;
	size_t got, i;

	if (fp == NULL)
		return gx_error_set(GX_EIO, "cannot read '%s': %s", path, strerror(errno));
	while ((got = fread(block, 1, sizeof block, fp)) > 0) {
		for (i = 0; i < got; i++)
			h = (h ^ block[i]) * 1099511628211ull;
		n += (int64_t)got;
	}
	if (ferror(fp)) {
		fclose(fp);
		return gx_error_set(GX_EIO, "cannot read '%s'", path);
	}
	fclose(fp);
	*hash = h;
	*size = n;
	return GX_OK;
}

/* `*s`, prepared on first use and reset for the next (store.h) */
static sqlite3_stmt *kept(gx_store *st, sqlite3_stmt **s, const char *sql)
{
	if (*s == NULL && gx_store__prepare(st, s, sql) < 0)
		return NULL;
	sqlite3_reset(*s);
	sqlite3_clear_bindings(*s);
	return *s;
}

void gx_store__forget_statements(gx_store *st)
{
	sqlite3_stmt **all[] = {&st->find_doc, &st->put_doc, &st->put_unit, &st->put_mention,
				&st->put_entity};
	size_t i;

	for (i = 0; i < sizeof all / sizeof all[0]; i++) {
		sqlite3_finalize(*all[i]);
		*all[i] = NULL;
	}
}

/* The stored id, hash and size of `name`; 0 if it is not stored. */
static int64_t stored_doc(gx_store *st, const char *name, char hash[17], int64_t *size)
{
	sqlite3_stmt *s =
	    kept(st, &st->find_doc, "SELECT id, hash, size FROM documents WHERE path = ?");
	int64_t id = 0;

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		snprintf(hash, 17, "%s", (const char *)sqlite3_column_text(s, 1));
		*size = sqlite3_column_int64(s, 2);
	}
	sqlite3_reset(s);
	return id;
}

/* Hash and size of a recognised document: from the bytes it was read from
 * when they are still there (UTF-8 text is the file itself), else from the
 * file. */
static int hash_doc(const gx_doc *doc, const char *path, uint64_t *hash, int64_t *size)
{
	const gx_text *t = doc ? gx_doc__text(doc) : NULL;

	if (t == NULL || t->raw == NULL || t->map != NULL)
		return hash_file(path, hash, size);
	*hash = gx_fnv1a64(t->raw, t->orig_size);
	*size = (int64_t)t->orig_size;
	return GX_OK;
}

static int decide(gx_store *st, const gx_doc *doc, const char *path, const char *name,
		  gx_doc_action *action, char hex[17], int64_t *old_id)
{
	char old[17] = "";
	uint64_t h = 0;
	int64_t size = 0, old_size = -1;
	int error = hash_doc(doc, path, &h, &size);

	if (error < 0)
		return error;
	snprintf(hex, 17, "%016llx", (unsigned long long)h);
	*old_id = stored_doc(st, name, old, &old_size);
	if (*old_id < 0)
		return GX_ERROR;
	if (*old_id == 0)
		*action = GX_DOC_ADDED;
	else if (old_size == size && strcmp(old, hex) == 0)
		*action = GX_DOC_UNCHANGED;
	else
		*action = GX_DOC_REPLACED;
	return GX_OK;
}

int gx_store_check(gx_store *st, const char *path, gx_doc_action *action)
{
	char hex[17];
	int64_t id;

	return decide(st, NULL, path, path, action, hex, &id);
}

/* ---- text helpers -------------------------------------------------------- */

/* UTF-8 offset of original-file offset `off` (the map is monotonic). */
static size_t utf8_offset(const gx_text *t, uint32_t off)
{
	size_t lo = 0, hi = t->len;

	if (t->map == NULL)
		return off < t->base ? 0 : (off - t->base > t->len ? t->len : off - t->base);
	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;

		if (t->map[mid] <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* Appends s[0..len) with invalid bytes as U+FFFD and control characters
 * (NUL, CR, LF, TAB …) as spaces, so the stored text is clean UTF-8 on one
 * line. */
static void clean_text(gx_buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;
	char enc[4];

	gx_buf_clear(out);
	while (i < len) {
		uint32_t cp = gx_utf8_decode(p + i, len - i, &n);

		if (cp == GX_UTF8_INVALID)
			cp = 0xFFFD;
		else if (cp < 0x20 || cp == 0x7F)
			cp = ' ';
		gx_buf_put(out, enc, gx_utf8_encode(cp, enc));
		i += n;
	}
}

/* The first non-empty line, trimmed, at most ~200 bytes. */
static void find_title(gx_buf *out, const gx_text *t)
{
	size_t i = 0, len = t->len;
	const char *s = t->utf8;

	gx_buf_clear(out);
	while (i < len) {
		size_t e = i, b;

		while (e < len && s[e] != '\n')
			e++;
		b = i;
		while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r'))
			b++;
		while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
			e--;
		if (e > b) {
			size_t cut = e - b > 200 ? 200 : e - b;

			while (cut < e - b && ((unsigned char)s[b + cut] & 0xC0) == 0x80)
				cut--;
			clean_text(out, s + b, cut);
			return;
		}
		while (i < len && s[i] != '\n')
			i++;
		i++;
	}
}

static int digits(const char *s, size_t len, size_t *i, int max)
{
	int v = 0, n = 0;

	while (*i < len && n < max && s[*i] >= '0' && s[*i] <= '9') {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	return n ? v : -1;
}

static int sep(const char *s, size_t len, size_t *i, const char *cjk)
{
	size_t n = strlen(cjk);

	if (*i < len && (s[*i] == '-' || s[*i] == '/' || s[*i] == '.')) {
		(*i)++;
		return 1;
	}
	if (*i + n <= len && memcmp(s + *i, cjk, n) == 0) {
		*i += n;
		return 1;
	}
	return 0;
}

/* A date near the top (the first 600 bytes, folded so that full-width digits
 * count): yyyy-mm-dd, yyyy/mm/dd or yyyy年m月d日, written as yyyy-mm-dd. */
static int find_date(char out[11], const gx_text *t)
{
	gx_buf head = GX_BUF_INIT;
	size_t n = t->len < 600 ? t->len : 600, i;
	int found = 0;

	while (n < t->len && ((unsigned char)t->utf8[n] & 0xC0) == 0x80)
		n--;
	gx_store__fold(&head, t->utf8, n);
	for (i = 0; i + 8 <= head.len && !found; i++) {
		size_t j = i;
		int y, m, d;

		if ((i > 0 && head.ptr[i - 1] >= '0' && head.ptr[i - 1] <= '9') ||
		    (head.ptr[i] != '1' && head.ptr[i] != '2'))
			continue;
		y = digits(head.ptr, head.len, &j, 4);
		if (y < 1900 || y > 2099 || j - i != 4 || !sep(head.ptr, head.len, &j, "年"))
			continue;
		m = digits(head.ptr, head.len, &j, 2);
		if (m < 1 || m > 12 || !sep(head.ptr, head.len, &j, "月"))
			continue;
		d = digits(head.ptr, head.len, &j, 2);
		if (d < 1 || d > 31)
			continue;
		snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
		found = 1;
	}
	gx_buf_dispose(&head);
	return found;
}

static int is_cued(gx_store *st, gx_buf *scratch, const char *text, size_t len)
{
	size_t i;

	gx_store__fold(scratch, text, len);
	for (i = 0; i < st->cues.len; i++)
		if (strstr(scratch->ptr, st->cues.ptr[i]))
			return 1;
	return 0;
}

/* ---- rows -------------------------------------------------------------------- */

static int delete_doc(gx_store *st, int64_t id)
{
	static const char *const sql[] = {"DELETE FROM mentions WHERE doc = ?",
					  "DELETE FROM units WHERE doc = ?",
					  "DELETE FROM documents WHERE id = ?"};
	size_t i;

	for (i = 0; i < 3; i++) {
		sqlite3_stmt *s = NULL;
		int rc;

		if (gx_store__prepare(st, &s, sql[i]) < 0)
			return GX_ERROR;
		sqlite3_bind_int64(s, 1, id);
		rc = sqlite3_step(s);
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE)
			return gx_store__fail(st, "deleting a replaced document");
	}
	return GX_OK;
}

static void bind_opt_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

static int insert_doc(gx_store *st, const gx_doc *doc, const char *name, const char *hex,
		      const gx_text *t, int64_t *id)
{
	sqlite3_stmt *s = kept(st, &st->put_doc,
			       "INSERT INTO documents(path, hash, size, date, title, units, "
			       "mentions, city, province) VALUES (?,?,?,?,?,?,?,?,?)");
	gx_buf title = GX_BUF_INIT;
	char date[11];
	int rc;

	if (s == NULL)
		return GX_ERROR;
	find_title(&title, t);
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, hex, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)gx_doc_size(doc));
	bind_opt_text(s, 4, find_date(date, t) ? date : NULL);
	bind_opt_text(s, 5, title.ptr);
	sqlite3_bind_int64(s, 6, (sqlite3_int64)gx_doc_sentence_count(doc));
	sqlite3_bind_int64(s, 7, (sqlite3_int64)gx_doc_mention_count(doc));
	bind_opt_text(s, 8, gx_doc_city(doc));
	bind_opt_text(s, 9, gx_doc_province(doc));
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	gx_buf_dispose(&title);
	if (rc != SQLITE_DONE)
		return gx_store__fail(st, "storing a document");
	*id = sqlite3_last_insert_rowid(st->db);
	return GX_OK;
}

/* Entity id of a canonical name, created on first sight (type = the first
 * seen). Cached for the session; derive.c clears the cache. */
static int64_t entity_id(gx_store *st, const char *name, const char *type)
{
	uint32_t id, *slot;
	sqlite3_stmt *s;
	const char *slash = strchr(type, '/');
	int64_t found = -1;

	if (gx_strmap_get(&st->entity_ids, name, strlen(name), &id))
		return id;
	s = kept(st, &st->put_entity,
		 "INSERT INTO entities(name, type, subtype) VALUES (?,?,?) "
		 "ON CONFLICT(name) DO UPDATE SET name = excluded.name RETURNING id");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, type, slash ? (int)(slash - type) : -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, slash ? slash + 1 : "", -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		found = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (found < 0)
		return gx_store__fail(st, "storing an entity");
	gx_strmap_put(&st->entity_ids, name, strlen(name), (uint32_t)found, &slot, NULL);
	return found;
}

/* A "sentence" can be a whole file without punctuation (a 50 MB line): the
 * store keeps the first GX_UNIT_TEXT_MAX bytes of a unit, which is evidence
 * enough, and marks the cut with "…". */
#define GX_UNIT_TEXT_MAX 4096

static size_t cut_length(const char *s, size_t len)
{
	if (len <= GX_UNIT_TEXT_MAX)
		return len;
	len = GX_UNIT_TEXT_MAX;
	while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
		len--;
	return len;
}

/* Stores the units that hold a mention; cued[i] gets unit i's cue flag. */
static int insert_units(gx_store *st, const gx_doc *doc, int64_t id, const gx_text *t,
			unsigned char *cued)
{
	size_t i, n = gx_doc_sentence_count(doc), m = gx_doc_mention_count(doc);
	char *used = gx_xcalloc(n + 1, 1);
	gx_buf text = GX_BUF_INIT, scratch = GX_BUF_INIT;
	sqlite3_stmt *s = kept(st, &st->put_unit, "INSERT INTO units VALUES (?,?,?,?,?,?)");
	int error = GX_OK;

	for (i = 0; i < m; i++)
		if (gx_doc_mention(doc, i)->sentence < n)
			used[gx_doc_mention(doc, i)->sentence] = 1;
	if (s == NULL) {
		error = GX_ERROR;
		goto done;
	}
	for (i = 0; i < n && error == GX_OK; i++) {
		gx_span sp = gx_doc_sentence(doc, i);
		size_t a = utf8_offset(t, sp.start), b = utf8_offset(t, sp.end);

		if (!used[i])
			continue;
		clean_text(&text, t->utf8 + a, cut_length(t->utf8 + a, b > a ? b - a : 0));
		if (b > a && b - a > GX_UNIT_TEXT_MAX)
			gx_buf_puts(&text, "…");
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		sqlite3_bind_int64(s, 3, sp.start);
		sqlite3_bind_int64(s, 4, sp.end);
		sqlite3_bind_text(s, 5, text.ptr ? text.ptr : "", -1, SQLITE_STATIC);
		cued[i] = (unsigned char)is_cued(st, &scratch, text.ptr ? text.ptr : "", text.len);
		sqlite3_bind_int(s, 6, cued[i]);
		if (sqlite3_step(s) != SQLITE_DONE)
			error = gx_store__fail(st, "storing a unit");
	}
done:
	if (s)
		sqlite3_reset(s);
	gx_buf_dispose(&text);
	gx_buf_dispose(&scratch);
	free(used);
	return error;
}

static int insert_mentions(gx_store *st, const gx_doc *doc, int64_t id)
{
	size_t i, m = gx_doc_mention_count(doc);
	sqlite3_stmt *s = kept(st, &st->put_mention, "INSERT INTO mentions VALUES (?,?,?,?,?,?,?)");
	int error = GX_OK;

	if (s == NULL)
		return GX_ERROR;
	for (i = 0; i < m && error == GX_OK; i++) {
		const gx_mention *mt = gx_doc_mention(doc, i);
		int64_t ent = entity_id(st, mt->entity, mt->type);

		if (ent < 0) {
			error = GX_ERROR;
			break;
		}
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, mt->start);
		sqlite3_bind_int64(s, 3, mt->end);
		sqlite3_bind_text(s, 4, mt->surface, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 5, ent);
		sqlite3_bind_text(s, 6, gx_source_name(mt->source), -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 7, mt->sentence);
		if (sqlite3_step(s) != SQLITE_DONE)
			error = gx_store__fail(st, "storing a mention");
	}
	sqlite3_reset(s);
	return error;
}

/* Opens the batch transaction, marking the derived tables stale inside it:
 * if the build dies before gx_store_commit(), the next one recomputes them. */
static int begin_batch(gx_store *st)
{
	int error;

	if (st->in_tx)
		return GX_OK;
	if ((error = gx_store__begin(st)) < 0)
		return error;
	return gx_store__exec(st, "INSERT OR REPLACE INTO meta VALUES ('dirty', '1')");
}

static int store_doc(gx_store *st, const gx_doc *doc, const char *name, const char *hex,
		     int64_t old_id)
{
	unsigned char *cued = gx_xcalloc(gx_doc_sentence_count(doc) + 1, 1);
	const gx_text *t = gx_doc__text(doc);
	int64_t id = 0;
	int error;

	if ((error = begin_batch(st)) < 0)
		goto done;
	if (old_id > 0 && (error = delete_doc(st, old_id)) < 0)
		goto done;
	if ((error = insert_doc(st, doc, name, hex, t, &id)) < 0 ||
	    (error = insert_units(st, doc, id, t, cued)) < 0 ||
	    (error = insert_mentions(st, doc, id)) < 0)
		goto done;
	st->changed = 1;
	/* counts kept up as documents are stored cannot take one back: a
	 * replaced document (a file that changed during the build) leaves the
	 * commit to read every mention back */
	if (st->counts && old_id > 0) {
		gx_store__counts_free(st->counts);
		st->counts = NULL;
	}
	if (st->counts)
		gx_store__count_doc(st, doc, name, id, cued);
	if (++st->pending >= st->batch)
		error = gx_store__end(st);
done:
	free(cued);
	return error;
}

int gx_store_put_doc(gx_store *st, const gx_doc *doc, const char *name, gx_doc_action *action)
{
	gx_doc_action act = GX_DOC_ADDED;
	char hex[17];
	int64_t old_id = 0;
	int error;

	if (st->mode == GX_STORE_READ)
		return gx_error_set(GX_EINVAL, "%s: opened for reading", st->path);
	if ((error = decide(st, doc, gx_doc_path(doc), name, &act, hex, &old_id)) < 0)
		return error;
	if (action)
		*action = act;
	if (act == GX_DOC_UNCHANGED) {
		st->stats.unchanged++;
		return GX_OK;
	}
	if ((error = store_doc(st, doc, name, hex, old_id)) < 0)
		return error;
	if (act == GX_DOC_ADDED)
		st->stats.added++;
	else
		st->stats.replaced++;
	return GX_OK;
}
