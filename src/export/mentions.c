/* mentions.tsv: one row per mention, columns as README.md "mentions.tsv".
 * A document's rows are formatted into one buffer and written at once: a
 * corpus has millions of rows, and stdio calls per field cost more than the
 * recognition of the row. */
#include "core/buf.h"
#include "core/error.h"
#include "guanxi/guanxi.h"

#include <stdio.h>
#include <string.h>

static void put_field(gx_buf *b, const char *s)
{
	for (;;) {
		size_t n = strcspn(s, "\t\n\r\\");

		gx_buf_put(b, s, n);
		s += n;
		switch (*s++) {
		case '\0':
			return;
		case '\t':
			gx_buf_put(b, "\\t", 2);
			break;
		case '\n':
			gx_buf_put(b, "\\n", 2);
			break;
		case '\r':
			gx_buf_put(b, "\\r", 2);
			break;
		default:
			gx_buf_put(b, "\\\\", 2);
		}
	}
}

/* `sep` then the decimal digits of `v` */
static void put_uint(gx_buf *b, char sep, uint32_t v)
{
	char tmp[12];
	size_t i = sizeof tmp;

	do
		tmp[--i] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	tmp[--i] = sep;
	gx_buf_put(b, tmp + i, sizeof tmp - i);
}

int gx_mentions_write_header(FILE *fp)
{
	fputs("doc\tstart\tend\tsurface\tentity\ttype\tsource\tsentence\n", fp);
	return ferror(fp) ? gx_error_set(GX_EIO, "write error") : GX_OK;
}

int gx_mentions_write(FILE *fp, const gx_doc *doc, const char *doc_name)
{
	size_t i, n = gx_doc_mention_count(doc);
	gx_buf b = GX_BUF_INIT, name = GX_BUF_INIT;
	int error = GX_OK;

	put_field(&name, doc_name);
	for (i = 0; i < n; i++) {
		const gx_mention *m = gx_doc_mention(doc, i);

		gx_buf_put(&b, name.ptr, name.len);
		put_uint(&b, '\t', m->start);
		put_uint(&b, '\t', m->end);
		gx_buf_putc(&b, '\t');
		put_field(&b, m->surface);
		gx_buf_putc(&b, '\t');
		put_field(&b, m->entity);
		gx_buf_putc(&b, '\t');
		gx_buf_puts(&b, m->type);
		gx_buf_putc(&b, '\t');
		gx_buf_puts(&b, gx_source_name(m->source));
		put_uint(&b, '\t', m->sentence);
		gx_buf_putc(&b, '\n');
	}
	if (b.len && fwrite(b.ptr, 1, b.len, fp) != b.len)
		error = gx_error_set(GX_EIO, "write error");
	if (ferror(fp))
		error = gx_error_set(GX_EIO, "write error");
	gx_buf_dispose(&b);
	gx_buf_dispose(&name);
	return error;
}
