/* Reading documents: encodings, offsets back into the file, refusals. */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"
#include "text/io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char warnings[2048];
static char dir[] = "/tmp/gx-io-XXXXXX";

static void collect(gx_severity sev, const char *file, unsigned line, const char *msg, void *p)
{
	(void)sev, (void)file, (void)line, (void)p;
	strncat(warnings, msg, sizeof warnings - strlen(warnings) - 2);
	strcat(warnings, "\n");
}

static int read_bytes(gx_text *t, const char *bytes, size_t n)
{
	char path[64];
	FILE *fp;

	snprintf(path, sizeof path, "%s/f.txt", dir);
	fp = fopen(path, "wb");
	fwrite(bytes, 1, n, fp);
	fclose(fp);
	warnings[0] = '\0';
	return gx_text_read(t, path, collect, NULL);
}

int main(void)
{
	gx_text t;
	char path[64];

	if (mkdtemp(dir) == NULL)
		return 1;
	/* plain UTF-8: the text is the file */
	GX_CHECK_INT(read_bytes(&t, "南京", 6), GX_OK);
	GX_CHECK_INT(t.len, 6);
	GX_CHECK_INT(gx_text_orig_offset(&t, 3), 3);
	GX_CHECK_STR(warnings, "");
	gx_text_dispose(&t);
	/* BOM: skipped, offsets still count it */
	GX_CHECK_INT(read_bytes(&t, "\xef\xbb\xbf南京", 9), GX_OK);
	GX_CHECK_INT(t.len, 6);
	GX_CHECK_INT(gx_text_orig_offset(&t, 3), 6);
	gx_text_dispose(&t);
	/* UTF-16LE with a surrogate pair: exact map */
	GX_CHECK_INT(read_bytes(&t, "\xff\xfe\x57\x53\x3d\xd8\x00\xde\xac\x4e", 10), GX_OK);
	GX_CHECK_STR(t.utf8, "南\xf0\x9f\x98\x80京");
	GX_CHECK_INT(gx_text_orig_offset(&t, 3), 4);
	GX_CHECK_INT(gx_text_orig_offset(&t, 7), 8);
	GX_CHECK_INT(gx_text_orig_offset(&t, t.len), 10);
	GX_CHECK(strstr(warnings, "UTF-16LE") != NULL);
	gx_text_dispose(&t);
	/* GB18030: 南京 is C4 CF BE A9 */
	GX_CHECK_INT(read_bytes(&t, "A\xc4\xcf\xbe\xa9", 5), GX_OK);
	GX_CHECK_STR(t.utf8, "A南京");
	GX_CHECK_INT(gx_text_orig_offset(&t, 4), 3);
	GX_CHECK(strstr(warnings, "GB18030") != NULL);
	gx_text_dispose(&t);
	/* invalid UTF-8 that is not GB18030 either: kept, reported with offset */
	GX_CHECK_INT(read_bytes(&t, "南京\xff\xff", 8), GX_OK);
	GX_CHECK_INT(t.bad_bytes, 2);
	GX_CHECK(strstr(warnings, "invalid UTF-8 at byte 6 (2 bad bytes)") != NULL);
	gx_text_dispose(&t);
	/* NUL bytes: read, reported */
	GX_CHECK_INT(read_bytes(&t, "南\0京", 7), GX_OK);
	GX_CHECK(strstr(warnings, "NUL byte at byte 3") != NULL);
	gx_text_dispose(&t);
	/* empty, binary, missing, directory */
	GX_CHECK_INT(read_bytes(&t, "", 0), GX_OK);
	GX_CHECK_INT(t.len, 0);
	gx_text_dispose(&t);
	GX_CHECK_INT(read_bytes(&t, "\x89PNG\r\n\x1a\n\0\0", 10), GX_EINVAL);
	GX_CHECK(strstr(gx_error_last(), "binary file") != NULL);
	GX_CHECK_INT(read_bytes(&t, "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f abc", 14), GX_EINVAL);
	snprintf(path, sizeof path, "%s/missing.txt", dir);
	GX_CHECK_INT(gx_text_read(&t, path, NULL, NULL), GX_ENOTFOUND);
	GX_CHECK(strstr(gx_error_last(), "missing.txt") != NULL);
	GX_CHECK_INT(gx_text_read(&t, dir, NULL, NULL), GX_EIO);
	/* from memory: the same decoding as from a file, named as given */
	warnings[0] = '\0';
	GX_CHECK_INT(gx_text_from_bytes(&t, "\xef\xbb\xbf南京\xff", 10, "mem.txt", collect, NULL),
		     GX_OK);
	GX_CHECK_INT(t.len, 7);
	GX_CHECK_INT(gx_text_orig_offset(&t, 3), 6);
	GX_CHECK(strstr(warnings, "invalid UTF-8 at byte 9") != NULL);
	gx_text_dispose(&t);
	GX_CHECK_INT(gx_text_from_bytes(&t, NULL, 0, "empty.txt", NULL, NULL), GX_OK);
	GX_CHECK_INT(t.len, 0);
	gx_text_dispose(&t);
	GX_CHECK_INT(gx_text_from_bytes(&t, "%PDF-1.4\n", 9, "x.pdf", NULL, NULL), GX_EINVAL);
	GX_CHECK(strstr(gx_error_last(), "x.pdf: binary file") != NULL);
	snprintf(path, sizeof path, "%s/f.txt", dir);
	unlink(path);
	rmdir(dir);
	return gx_test_done();
}
