/* From a recognised document to counter items: which unit each mention lies
 * in, and that unit's byte span.
 *  - sentence: the recogniser's sentence index and span;
 *  - paragraph: consecutive sentences with no line break between them (a
 *    sentence boundary that crosses a line break starts a paragraph; breaks
 *    inside a sentence, as in text copied from a PDF, do not);
 *  - document: one unit;
 *  - window:N: the document cut into consecutive windows of N characters
 *    (code points of the file's bytes; a pair that straddles a window edge is
 *    not counted, so pick N well above a sentence's length).
 * Paragraph and window units need the bytes between sentences, which the
 * document does not keep, so the file is read again. */
#define _POSIX_C_SOURCE 200809L
#include "cooccur/cooccur.h"
#include "core/alloc.h"
#include "core/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int read_file(const char *path, char **data, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	size_t cap = 1 << 16, n = 0, got;
	char *buf;

	*data = NULL;
	*len = 0;
	if (fp == NULL)
		return gx_error_set(GX_EIO, "cannot reread '%s': %s", path, strerror(errno));
	buf = gx_xmalloc(cap);
	while ((got = fread(buf + n, 1, cap - n, fp)) > 0) {
		n += got;
		if (n == cap)
			buf = gx_xgrow(buf, &cap, cap + 1, 1);
	}
	if (ferror(fp)) {
		fclose(fp);
		free(buf);
		return gx_error_set(GX_EIO, "cannot reread '%s'", path);
	}
	fclose(fp);
	*data = buf;
	*len = n;
	return GX_OK;
}

/* para[i]: paragraph of sentence i; returns the number of paragraphs. */
static uint32_t paragraphs(const gx_doc *doc, const char *bytes, size_t len, uint32_t *para)
{
	size_t i, n = gx_doc_sentence_count(doc);
	uint32_t p = 0;

	for (i = 0; i < n; i++) {
		if (i > 0) {
			gx_span prev = gx_doc_sentence(doc, i - 1), cur = gx_doc_sentence(doc, i);
			size_t s = prev.end < len ? prev.end : len,
			       e = cur.start < len ? cur.start : len;

			if (s < e && memchr(bytes + s, '\n', e - s))
				p++;
		}
		para[i] = p;
	}
	return n ? p + 1 : 0;
}

/* Each mention's paragraph and that paragraph's span (its first sentence's
 * start to its last sentence's end). */
static void paragraph_items(const gx_doc *doc, const uint32_t *para, uint32_t n_para,
			    gx_cooc_item *items)
{
	size_t i, n = gx_doc_sentence_count(doc), m = gx_doc_mention_count(doc);
	gx_span *span = gx_xcalloc(n_para ? n_para : 1, sizeof *span);

	for (i = n; i-- > 0;)
		span[para[i]].start = gx_doc_sentence(doc, i).start;
	for (i = 0; i < n; i++)
		span[para[i]].end = gx_doc_sentence(doc, i).end;
	for (i = 0; i < m; i++) {
		uint32_t p = items[i].unit < n ? para[items[i].unit] : 0;

		items[i].unit = p;
		if (n_para) {
			items[i].start = span[p].start;
			items[i].end = span[p].end;
		}
	}
	free(span);
}

/* Window of each mention, by its start offset; returns the window count. */
static uint32_t window_items(const char *bytes, size_t len, uint32_t w, gx_cooc_item *items,
			     size_t m)
{
	GX_VEC(uint32_t) bound = {0}; /* byte offset where window k starts */
	size_t i, k = 0;
	uint64_t chars = 0;
	uint32_t count;

	for (i = 0; i < len; i++) {
		if (((unsigned char)bytes[i] & 0xC0) == 0x80)
			continue;
		if (chars % w == 0)
			GX_VEC_PUSH(&bound, (uint32_t)i);
		chars++;
	}
	GX_VEC_PUSH(&bound, (uint32_t)len);
	count = (uint32_t)(bound.len - 1);
	for (i = 0; i < m; i++) {
		uint32_t off = items[i].start;

		/* mentions come in text order, so k only moves forward; restart
		 * from 0 if they do not */
		if (k > 0 && off < bound.ptr[k])
			k = 0;
		while (k + 1 < bound.len - 1 && bound.ptr[k + 1] <= off)
			k++;
		items[i].unit = (uint32_t)k;
		items[i].start = bound.ptr[k];
		items[i].end = bound.ptr[k + 1];
	}
	GX_VEC_FREE(&bound);
	return count;
}

int gx_cooc_add_doc(gx_cooc *c, const gx_doc *doc, const char *doc_name)
{
	size_t i, m = gx_doc_mention_count(doc), ns = gx_doc_sentence_count(doc), len = 0;
	gx_cooc_item *items = gx_xmalloc((m ? m : 1) * sizeof *items);
	uint32_t *para = NULL;
	uint64_t units = ns;
	char *bytes = NULL;
	int error = GX_OK;

	for (i = 0; i < m; i++) {
		const gx_mention *mt = gx_doc_mention(doc, i);
		gx_span sp = mt->sentence < ns ? gx_doc_sentence(doc, mt->sentence)
					       : (gx_span){mt->start, mt->end};
		gx_cooc_item it = {mt->entity, mt->type, mt->sentence, sp.start, sp.end, 0};

		items[i] = it;
	}
	if (c->opt.unit == GX_UNIT_DOCUMENT) {
		for (i = 0; i < m; i++) {
			items[i].unit = 0;
			items[i].start = 0;
			items[i].end = (uint32_t)gx_doc_size(doc);
		}
		units = 1;
	} else if (c->opt.unit == GX_UNIT_PARAGRAPH || c->opt.unit == GX_UNIT_WINDOW) {
		if ((error = read_file(gx_doc_path(doc), &bytes, &len)) < 0)
			goto done;
		if (c->opt.unit == GX_UNIT_PARAGRAPH) {
			para = gx_xmalloc((ns ? ns : 1) * sizeof *para);
			units = paragraphs(doc, bytes, len, para);
			paragraph_items(doc, para, (uint32_t)units, items);
		} else {
			for (i = 0; i < m; i++)
				items[i].start = gx_doc_mention(doc, i)->start;
			units = window_items(bytes, len, c->opt.window, items, m);
		}
	}
	gx_cooc__add(c, doc_name, items, m, units);
done:
	free(para);
	free(bytes);
	free(items);
	return error;
}
