/* Atomic output: write DIR/.NAME.XXXXXX, fsync, rename to DIR/NAME. A crash,
 * a kill or a full disk leaves either the old file or the new one. */
#define _POSIX_C_SOURCE 200809L
#include "core/alloc.h"
#include "core/error.h"
#include "guanxi/guanxi.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* stdio's 4 KiB buffer made a quarter of a million write() calls for the
 * exports of a 200 MB corpus */
#define BUFFER (1 << 20)

struct gx_outfile {
	FILE *fp;
	char *path, *tmp;
	char *buf;
};

static mode_t file_mode;
static pthread_once_t mode_once = PTHREAD_ONCE_INIT;

/* 0666 less the umask, which can only be read by setting it: read once, on
 * the first file, before the store's thread starts beside the exports */
static void read_umask(void)
{
	mode_t mask = umask(0);

	umask(mask);
	file_mode = 0666 & ~mask;
}

int gx_outfile_open(gx_outfile **out, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
	gx_outfile *f = gx_xcalloc(1, sizeof *f);
	int fd;

	*out = NULL;
	f->path = gx_xstrdup(path);
	f->tmp = gx_xmalloc(strlen(path) + 16);
	sprintf(f->tmp, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
	fd = mkstemp(f->tmp);
	if (fd < 0 || (f->fp = fdopen(fd, "wb")) == NULL) {
		int e = errno;

		if (fd >= 0) {
			close(fd);
			unlink(f->tmp);
		}
		free(f->path);
		free(f->tmp);
		free(f);
		return gx_error_set(GX_EIO, "cannot write '%s': %s", path, strerror(e));
	}
	/* mkstemp creates 0600; an output file gets the mode a plain fopen would
	 * give it, so that a web server or a colleague can read graph.json */
	pthread_once(&mode_once, read_umask);
	fchmod(fd, file_mode);
	f->buf = gx_xmalloc(BUFFER);
	setvbuf(f->fp, f->buf, _IOFBF, BUFFER);
	*out = f;
	return GX_OK;
}

FILE *gx_outfile_stream(gx_outfile *f)
{
	return f->fp;
}

static void dispose(gx_outfile *f)
{
	free(f->buf);
	free(f->path);
	free(f->tmp);
	free(f);
}

int gx_outfile_commit(gx_outfile *f)
{
	int failed = ferror(f->fp) || fflush(f->fp) != 0 || fsync(fileno(f->fp)) != 0;
	int e = errno;

	if (fclose(f->fp) != 0 && !failed) {
		failed = 1;
		e = errno;
	}
	if (!failed && rename(f->tmp, f->path) != 0) {
		failed = 1;
		e = errno;
	}
	if (failed) {
		unlink(f->tmp);
		gx_error_set(GX_EIO, "cannot write '%s': %s", f->path,
			     e ? strerror(e) : "write error");
		dispose(f);
		return GX_EIO;
	}
	dispose(f);
	return GX_OK;
}

void gx_outfile_abort(gx_outfile *f)
{
	if (f == NULL)
		return;
	fclose(f->fp);
	unlink(f->tmp);
	dispose(f);
}
