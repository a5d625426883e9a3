/* mentions.tsv: one row per mention, columns as README.md "mentions.tsv". */
#include "core/error.h"
#include "guanxi/guanxi.h"

#include <stdio.h>

static void put_field(FILE *fp, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\t':
			fputs("\\t", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		default:
			putc(*s, fp);
		}
	}
}

int gx_mentions_write_header(FILE *fp)
{
	fputs("doc\tstart\tend\tsurface\tentity\ttype\tsource\tsentence\n", fp);
	return ferror(fp) ? gx_error_set(GX_EIO, "write error") : GX_OK;
}

int gx_mentions_write(FILE *fp, const gx_doc *doc, const char *doc_name)
{
	size_t i, n = gx_doc_mention_count(doc);

	for (i = 0; i < n; i++) {
		const gx_mention *m = gx_doc_mention(doc, i);

		put_field(fp, doc_name);
		fprintf(fp, "\t%u\t%u\t", (unsigned)m->start, (unsigned)m->end);
		put_field(fp, m->surface);
		putc('\t', fp);
		put_field(fp, m->entity);
		fprintf(fp, "\t%s\t%s\t%u\n", m->type, gx_source_name(m->source),
			(unsigned)m->sentence);
	}
	return ferror(fp) ? gx_error_set(GX_EIO, "write error") : GX_OK;
}
