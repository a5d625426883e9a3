/* Internal entry points of recognition, beside the public gx_doc_recognise(). */
#ifndef GX_RECOG_RECOGNISE_H
#define GX_RECOG_RECOGNISE_H

#include "guanxi/guanxi.h"
#include "text/io.h"

#include <stddef.h>

/* As gx_doc_recognise(), on `len` bytes in memory that stand for the file
 * `name` (copied; the document's path is `name`). For the fuzz targets:
 * the same decoding and recognition without a file system. */
int gx_doc__recognise_bytes(gx_doc **out, const gx_lexicon *lx, const char *name, const char *bytes,
			    size_t len, const gx_recog_options *opt, gx_diag_fn diag,
			    void *payload);

/* The text the document was recognised from (offsets of its mentions and
 * sentences map into it with gx_text_orig_offset()); borrowed, valid until
 * gx_doc_free(). */
const gx_text *gx_doc__text(const gx_doc *doc);

#endif
