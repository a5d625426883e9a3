/* Query output: a plain aligned table for people, JSON for programs. Both
 * are written in one go at the end of a query, so a failure half-way prints
 * nothing rather than half a table. */
#include "core/alloc.h"
#include "core/utf8.h"
#include "export/common.h"
#include "query/query.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void gx_json_str(FILE *fp, const char *s)
{
	gx_export__json(fp, s ? s : ""); /* one JSON escaper for exports and queries */
}

void gx_json_num(FILE *fp, double x)
{
	if (!isfinite(x))
		x = 0;
	if (x == floor(x) && fabs(x) < 1e15)
		fprintf(fp, "%.0f", x);
	else
		fprintf(fp, "%.6g", x);
}

/* East Asian Wide and Fullwidth ranges that matter for Chinese text. */
static int wide(uint32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
	       (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	       (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

size_t gx_display_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, n, w = 0;

	while (i < len) {
		uint32_t cp = gx_utf8_decode(p + i, len - i, &n);

		w += cp != GX_UTF8_INVALID && wide(cp) ? 2 : 1;
		i += n;
	}
	return w;
}

void gx_qtable_init(gx_qtable *t, size_t ncols, const char **head, const int *right)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->head = head;
	t->right = right;
}

void gx_qtable_row(gx_qtable *t, const char *const *cells)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		GX_VEC_PUSH(&t->cells, gx_xstrdup(cells[i] ? cells[i] : ""));
	GX_VEC_PUSH(&t->notes, NULL);
}

void gx_qtable_note(gx_qtable *t, const char *line)
{
	char **slot;
	size_t old;

	if (t->notes.len == 0)
		return;
	slot = &t->notes.ptr[t->notes.len - 1];
	old = *slot ? strlen(*slot) : 0;
	*slot = gx_xrealloc(*slot, old + strlen(line) + 2);
	if (old)
		(*slot)[old++] = '\n';
	strcpy(*slot + old, line);
}

static void cell(FILE *fp, const char *s, size_t width, int right, int last)
{
	size_t w = gx_display_width(s), pad = width > w ? width - w : 0;

	if (right)
		fprintf(fp, "%*s", (int)pad, "");
	fputs(s, fp);
	if (!right && !last)
		fprintf(fp, "%*s", (int)pad, "");
	if (!last)
		fputs("  ", fp);
}

static void print_notes(FILE *fp, const char *notes)
{
	const char *p = notes;

	while (p && *p) {
		size_t n = strcspn(p, "\n");

		fprintf(fp, "      %.*s\n", (int)n, p);
		p += n;
		if (*p == '\n')
			p++;
	}
}

void gx_qtable_print(const gx_qtable *t, FILE *fp)
{
	size_t *width = gx_xcalloc(t->ncols + 1, sizeof *width), rows, r, c;

	rows = t->ncols ? t->cells.len / t->ncols : 0;
	for (c = 0; c < t->ncols; c++) {
		width[c] = gx_display_width(t->head[c]);
		for (r = 0; r < rows; r++) {
			size_t w = gx_display_width(t->cells.ptr[r * t->ncols + c]);

			if (w > width[c])
				width[c] = w;
		}
	}
	for (c = 0; c < t->ncols; c++)
		cell(fp, t->head[c], width[c], t->right && t->right[c], c + 1 == t->ncols);
	fputc('\n', fp);
	for (r = 0; r < rows; r++) {
		for (c = 0; c < t->ncols; c++)
			cell(fp, t->cells.ptr[r * t->ncols + c], width[c], t->right && t->right[c],
			     c + 1 == t->ncols);
		fputc('\n', fp);
		print_notes(fp, t->notes.ptr[r]);
	}
	free(width);
}

void gx_qtable_dispose(gx_qtable *t)
{
	size_t i;

	for (i = 0; i < t->cells.len; i++)
		free(t->cells.ptr[i]);
	for (i = 0; i < t->notes.len; i++)
		free(t->notes.ptr[i]);
	GX_VEC_FREE(&t->cells);
	GX_VEC_FREE(&t->notes);
}
