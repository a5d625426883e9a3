/* Dictionary files: one entity a line,
 *     canonical<TAB>type[<TAB>alias|alias…[<TAB>key=value;…]]
 * (README.md "Dictionaries"). Every problem is reported with file:line and the
 * rest of the file is still read, so `guanxi dict check` lists them all. */
#define _POSIX_C_SOURCE 200809L
#include "core/alloc.h"
#include "core/error.h"
#include "core/utf8.h"
#include "recog/lexicon.h"
#include "recog/trie.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FIELDS 4

static const char *const placeholders[] = {"{city}",          "{city_full}", "{province}",
					   "{province_full}", "{district}",  NULL};

typedef struct {
	gx_lexicon *lx;
	uint32_t file, line;
} dict_ctx;

static uint32_t add_file(gx_lexicon *lx, const char *path)
{
	GX_VEC_PUSH(&lx->files, gx_xstrdup(path));
	return (uint32_t)lx->files.len - 1;
}

/* Splits `s` on `sep` into at most `max` fields; returns the field count, or
 * max + 1 if there are more. */
static size_t split(char *s, char sep, char **fields, size_t max)
{
	size_t n = 0;

	for (;;) {
		char *next = strchr(s, sep);

		if (n == max)
			return max + 1;
		fields[n++] = s;
		if (next == NULL)
			return n;
		*next = '\0';
		s = next + 1;
	}
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Checks that every {…} in `s` is a known placeholder; returns 1 if `s`
 * holds at least one, 0 if none, -1 (after reporting) if one is unknown. */
static int check_placeholders(dict_ctx *c, const char *s)
{
	const char *p = s;
	int found = 0;

	while ((p = strchr(p, '{')) != NULL) {
		size_t k;

		for (k = 0; placeholders[k]; k++)
			if (strncmp(p, placeholders[k], strlen(placeholders[k])) == 0)
				break;
		if (placeholders[k] == NULL) {
			gx_lexicon__diag(c->lx, GX_DIAG_ERROR, c->file, c->line,
					 "unknown placeholder in '%s' (known: {city}, "
					 "{city_full}, {province}, {province_full}, {district})",
					 s);
			return -1;
		}
		p += strlen(placeholders[k]);
		found = 1;
	}
	return found;
}

static void add_local_aliases(dict_ctx *c, uint32_t id, char *list)
{
	char *save = NULL, *a;

	/* a place's own nickname (榕城) names it in a text about itself */
	if (c->lx->ents.ptr[id].parent == NULL &&
	    strncmp(c->lx->ents.ptr[id].type, "place/", 6) != 0)
		gx_lexicon__diag(
		    c->lx, GX_DIAG_WARNING, c->file, c->line,
		    "local= aliases of '%s' need parent= (or to be a place), the place "
		    "they name it in",
		    c->lx->ents.ptr[id].name);
	for (a = strtok_r(list, "|", &save); a; a = strtok_r(NULL, "|", &save)) {
		a = trim(a);
		if (*a)
			gx_lexicon__add_local_surface(c->lx, a, strlen(a), id, c->file, c->line);
	}
}

static int parse_attributes(dict_ctx *c, uint32_t id, char *attrs)
{
	gx_entity *e = &c->lx->ents.ptr[id];
	char *save = NULL, *kv, *local = NULL;

	for (kv = strtok_r(attrs, ";", &save); kv; kv = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(kv, '=');

		kv = trim(kv);
		if (*kv == '\0')
			continue;
		if (eq == NULL || eq[1] == '\0') {
			gx_lexicon__diag(c->lx, GX_DIAG_ERROR, c->file, c->line,
					 "attribute '%s' is not key=value", kv);
			return -1;
		}
		*eq = '\0';
		if (strcmp(kv, "parent") == 0)
			e->parent = gx_lexicon__intern(c->lx, eq + 1, strlen(eq + 1));
		else if (strcmp(kv, "short") == 0)
			e->shortname = gx_lexicon__intern(c->lx, eq + 1, strlen(eq + 1));
		else if (strcmp(kv, "local") == 0)
			local = eq + 1; /* after parent=, wherever that stands */
		else
			gx_lexicon__diag(c->lx, GX_DIAG_WARNING, c->file, c->line,
					 "unknown attribute '%s' ignored", kv);
	}
	if (local)
		add_local_aliases(c, id, local);
	return 0;
}

static int ends_sentence(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B || cp == '!' ||
	       cp == '?' || cp == ';';
}

/* A name lies in one sentence (README.md "How recognition works", 2), so a
 * surface with a sentence mark before its last character (东湖自?创区) can
 * never be found whole: say so, rather than let it silently never match. */
static void check_sentence_mark(dict_ctx *c, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, n;

	while (i < len) {
		uint32_t cp = gx_utf8_decode(p + i, len - i, &n);

		i += n;
		if (ends_sentence(cp) && i < len) {
			gx_lexicon__diag(c->lx, GX_DIAG_WARNING, c->file, c->line,
					 "surface '%s' holds a sentence mark: it can never be "
					 "found whole, since a name lies in one sentence",
					 s);
			return;
		}
	}
}

static void add_surface(dict_ctx *c, uint32_t id, const char *s)
{
	check_sentence_mark(c, s);
	gx_lexicon__add_surface(c->lx, s, strlen(s), id, c->file, c->line);
}

static void add_aliases(dict_ctx *c, uint32_t id, char *aliases)
{
	char *save = NULL, *a;

	for (a = strtok_r(aliases, "|", &save); a; a = strtok_r(NULL, "|", &save)) {
		a = trim(a);
		if (*a)
			add_surface(c, id, a);
	}
}

static int add_entry(dict_ctx *c, char *canon, char *type, char *aliases, char *attrs)
{
	gx_lexicon *lx = c->lx;
	uint32_t id;
	int dup, templ;

	templ = check_placeholders(c, canon);
	if (templ < 0 || (aliases && check_placeholders(c, aliases) < 0))
		return -1;
	id = gx_lexicon__add_entity(lx, canon, strlen(canon), type, c->file, c->line, &dup);
	if (dup) {
		gx_entity *first = &lx->ents.ptr[id];

		if (strcmp(first->type, type) != 0) {
			gx_lexicon__diag(lx, GX_DIAG_ERROR, c->file, c->line,
					 "duplicate canonical '%s' with type %s (first defined as "
					 "%s at %s:%u)",
					 canon, type, first->type, lx->files.ptr[first->file],
					 first->line);
			return -1;
		}
		gx_lexicon__diag(
		    lx, GX_DIAG_WARNING, c->file, c->line,
		    "duplicate canonical '%s' (first defined at %s:%u); aliases merged", canon,
		    lx->files.ptr[first->file], first->line);
	}
	if (attrs && parse_attributes(c, id, attrs) < 0)
		return -1;
	if (templ) {
		/* expanded in gx_lexicon_finish, once every place is known */
		lx->ents.ptr[id].flags |= GX_ENT_TEMPLATE;
		if (aliases && *aliases)
			lx->ents.ptr[id].aliases = gx_lexicon__intern(lx, aliases, strlen(aliases));
		return 0;
	}
	add_surface(c, id, canon);
	if (aliases)
		add_aliases(c, id, aliases);
	return 0;
}

static int parse_line(dict_ctx *c, char *line, size_t len)
{
	char *f[MAX_FIELDS + 1];
	size_t n, bad = gx_utf8_validate((const unsigned char *)line, len);

	if (bad < len) {
		gx_lexicon__diag(c->lx, GX_DIAG_ERROR, c->file, c->line,
				 "invalid UTF-8 at byte %zu of the line", bad + 1);
		return -1;
	}
	if (*trim(line) == '\0' || *trim(line) == '#')
		return 0;
	n = split(line, '\t', f, MAX_FIELDS);
	if (n < 2 || n > MAX_FIELDS) {
		gx_lexicon__diag(c->lx, GX_DIAG_ERROR, c->file, c->line,
				 "expected 2 to 4 tab-separated fields (canonical, type, aliases, "
				 "attributes), found %s",
				 n > MAX_FIELDS ? "more" : "1");
		return -1;
	}
	f[0] = trim(f[0]);
	f[1] = trim(f[1]);
	if (*f[0] == '\0') {
		gx_lexicon__diag(c->lx, GX_DIAG_ERROR, c->file, c->line, "empty canonical name");
		return -1;
	}
	if (gx_lexicon__parse_type(f[1], strlen(f[1])) < 0) {
		gx_lexicon__diag(c->lx, GX_DIAG_ERROR, c->file, c->line,
				 "unknown type '%s' (expected org|zone|programme|place with an "
				 "optional /subtype from ANNOTATION.md)",
				 f[1]);
		return -1;
	}
	return add_entry(c, f[0], f[1], n > 2 ? f[2] : NULL, n > 3 ? f[3] : NULL);
}

/* Lines ahead whose map slots are asked for before they are parsed. */
#define AHEAD 16

/* Asks for the map slots the line's names will need (its canonical and
 * aliases, folded): a dictionary of a million names is a million random
 * reads of two large tables, and asking a few lines ahead lets those reads
 * overlap instead of waiting for each in turn. Only a hint: a line this
 * reads wrongly (a malformed one) costs a wasted prefetch, nothing else. */
static void prefetch_line(gx_lexicon *lx, const char *line, size_t len, gx_buf *key)
{
	const char *tab = memchr(line, '\t', len), *end = line + len, *p, *bar;

	if (tab == NULL)
		return;
	gx_lexicon__fold(key, line, (size_t)(tab - line));
	gx_strmap_prefetch(&lx->by_name, key->ptr, key->len);
	gx_strmap_prefetch(&lx->by_surface, key->ptr, key->len);
	if ((tab = memchr(tab + 1, '\t', (size_t)(end - tab - 1))) == NULL)
		return;
	for (p = tab + 1; p < end && *p != '\t'; p = bar + 1) {
		for (bar = p; bar < end && *bar != '|' && *bar != '\t'; bar++)
			;
		gx_lexicon__fold(key, p, (size_t)(bar - p));
		gx_strmap_prefetch(&lx->by_surface, key->ptr, key->len);
		if (bar == end || *bar == '\t')
			break;
	}
}

static char *read_stream(FILE *fp, size_t *len)
{
	struct stat st;
	size_t cap = 65536, n = 0, got;
	char *text;

	/* a file's size is known: one allocation, one read */
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		cap = (size_t)st.st_size + 1;
	text = gx_xmalloc(cap);
	while ((got = fread(text + n, 1, cap - n - 1, fp)) > 0) {
		n += got;
		if (n + 1 == cap)
			text = gx_xgrow(text, &cap, cap + 1, 1);
	}
	text[n] = '\0';
	*len = n;
	return text;
}

int gx_lexicon__load_dict_stream(gx_lexicon *lx, FILE *fp, const char *name)
{
	dict_ctx c = {lx, 0, 0};
	gx_buf key = GX_BUF_INIT;
	size_t size, pos = 0, ahead = 0, lead = 0; /* lead: lines prefetched, not parsed */
	char *text;
	int failed = 0;

	if (lx->finished)
		return gx_error_set(GX_EINVAL, "%s: lexicon already finished", name);
	c.file = add_file(lx, name);
	text = read_stream(fp, &size);
	while (pos < size) {
		char *nl = memchr(text + pos, '\n', size - pos), *line = text + pos;
		size_t len = nl ? (size_t)(nl - line) : size - pos;

		for (; lead < AHEAD && ahead < size; lead++) {
			char *anl = memchr(text + ahead, '\n', size - ahead);
			size_t alen = anl ? (size_t)(anl - text) - ahead : size - ahead;

			prefetch_line(lx, text + ahead, alen, &key);
			ahead = anl ? (size_t)(anl - text) + 1 : size;
		}
		lead--;
		pos = nl ? (size_t)(nl - text) + 1 : size;
		c.line++;
		line[len] = '\0';
		if (memchr(line, '\0', len)) {
			gx_lexicon__diag(lx, GX_DIAG_ERROR, c.file, c.line, "NUL byte in line");
			failed = 1;
			continue;
		}
		if (parse_line(&c, line, len) < 0)
			failed = 1;
	}
	free(text);
	gx_buf_dispose(&key);
	if (ferror(fp))
		return gx_error_set(GX_EIO, "error reading dictionary '%s'", name);
	if (failed)
		return gx_error_set(GX_EINVAL, "%s: malformed dictionary (see the messages above)",
				    name);
	return GX_OK;
}

/* Bytes a dictionary line takes at least, for sizing the maps from the file:
 * a short name, a type and a few aliases. */
#define MIN_LINE_BYTES 32

static void reserve(gx_lexicon *lx, FILE *fp)
{
	struct stat st;
	size_t lines;

	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode))
		return;
	lines = (size_t)st.st_size / MIN_LINE_BYTES;
	/* room that is never used is never touched: it costs no memory */
	lx->ents.ptr =
	    gx_xgrow(lx->ents.ptr, &lx->ents.cap, lx->ents.len + lines, sizeof *lx->ents.ptr);
	lx->claims.ptr = gx_xgrow(lx->claims.ptr, &lx->claims.cap, lx->claims.len + 2 * lines,
				  sizeof *lx->claims.ptr);
	lx->surfaces.ptr = gx_xgrow(lx->surfaces.ptr, &lx->surfaces.cap,
				    lx->surfaces.len + 2 * lines, sizeof *lx->surfaces.ptr);
	gx_strmap_reserve(&lx->by_name, lines);
	gx_strmap_reserve(&lx->by_surface, lines + lines / 2);
}

int gx_lexicon_load_dict(gx_lexicon *lx, const char *path)
{
	int error;
	FILE *fp;

	if (lx->finished)
		return gx_error_set(GX_EINVAL, "%s: lexicon already finished", path);
	fp = fopen(path, "rb");
	if (fp == NULL)
		return gx_error_set(errno == ENOENT ? GX_ENOTFOUND : GX_EIO,
				    "cannot open dictionary '%s': %s", path, strerror(errno));
	reserve(lx, fp);
	error = gx_lexicon__load_dict_stream(lx, fp, path);
	fclose(fp);
	return error;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads every *.tsv in `dir`, in sorted order so that results do not depend
 * on the file system's listing order. */
static int load_dict_dir(gx_lexicon *lx, const char *dir)
{
	GX_VEC(char *) names = {0};
	struct dirent *de;
	gx_buf path = GX_BUF_INIT;
	int error = GX_OK;
	size_t i;
	DIR *d = opendir(dir);

	if (d == NULL)
		return gx_error_set(GX_ENOTFOUND, "cannot open dictionary directory '%s': %s", dir,
				    strerror(errno));
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);

		if (de->d_name[0] != '.' && n > 4 && strcmp(de->d_name + n - 4, ".tsv") == 0)
			GX_VEC_PUSH(&names, gx_xstrdup(de->d_name));
	}
	closedir(d);
	qsort(names.ptr, names.len, sizeof *names.ptr, by_name);
	for (i = 0; i < names.len; i++) {
		int e;

		gx_buf_clear(&path);
		gx_buf_printf(&path, "%s/%s", dir, names.ptr[i]);
		e = gx_lexicon_load_dict(lx, path.ptr);
		if (e < 0 && error == GX_OK)
			error = e;
		free(names.ptr[i]);
	}
	GX_VEC_FREE(&names);
	gx_buf_dispose(&path);
	if (error < 0)
		return gx_error_set(
		    error, "dictionaries in '%s' have errors (see the messages above)", dir);
	return GX_OK;
}

int gx_lexicon_load_dir(gx_lexicon *lx, const char *dir, unsigned parts)
{
	gx_buf path = GX_BUF_INIT;
	int error = GX_OK;

	if (parts & GX_LOAD_DICTS) {
		gx_buf_printf(&path, "%s/entities", dir);
		error = load_dict_dir(lx, path.ptr);
		gx_buf_clear(&path);
		gx_buf_printf(&path, "%s/words.txt", dir);
		if (error == GX_OK && access(path.ptr, F_OK) == 0) /* optional */
			error = gx_lexicon__load_words(lx, path.ptr);
	}
	if (error == GX_OK && (parts & GX_LOAD_PATTERNS)) {
		gx_buf_clear(&path);
		gx_buf_printf(&path, "%s/patterns.txt", dir);
		error = gx_lexicon_load_patterns(lx, path.ptr);
	}
	if (error == GX_OK && (parts & (GX_LOAD_PATTERNS | GX_LOAD_STOPWORDS))) {
		gx_buf_clear(&path);
		gx_buf_printf(&path, "%s/stopwords.txt", dir);
		if (access(path.ptr, F_OK) == 0) /* optional */
			error = gx_lexicon__load_stopwords(lx, path.ptr);
	}
	if (error == GX_OK && (parts & GX_LOAD_CONTEXT)) {
		gx_buf_clear(&path);
		gx_buf_printf(&path, "%s/context.tsv", dir);
		error = gx_lexicon_load_context(lx, path.ptr);
	}
	gx_buf_dispose(&path);
	return error;
}

/* Calls `add` with each word of the list `path`, folded. */
static int read_words(gx_lexicon *lx, const char *path, void (*add)(gx_lexicon *, const gx_buf *))
{
	gx_buf key = GX_BUF_INIT;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL)
		return gx_error_set(errno == ENOENT ? GX_ENOTFOUND : GX_EIO,
				    "cannot open word list '%s': %s", path, strerror(errno));
	while ((len = getline(&line, &cap, fp)) > 0) {
		while (len > 0 &&
		       (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#' ||
		    gx_utf8_validate((const unsigned char *)line, (size_t)len) < (size_t)len)
			continue;
		gx_lexicon__fold(&key, line, (size_t)len);
		add(lx, &key);
	}
	fclose(fp);
	free(line);
	gx_buf_dispose(&key);
	return GX_OK;
}

static void add_stopword(gx_lexicon *lx, const gx_buf *key)
{
	if (lx->stopwords == NULL)
		lx->stopwords = gx_trie_new();
	gx_trie_add(lx->stopwords, key->ptr, key->len, 1);
}

static void add_word(gx_lexicon *lx, const gx_buf *key)
{
	gx_strmap_put(&lx->words, key->ptr, key->len, 1, NULL, NULL);
}

int gx_lexicon__load_stopwords(gx_lexicon *lx, const char *path)
{
	return read_words(lx, path, add_stopword);
}

int gx_lexicon__load_words(gx_lexicon *lx, const char *path)
{
	return read_words(lx, path, add_word);
}
