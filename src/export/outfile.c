/* Atomic output: write DIR/.NAME.XXXXXX, fsync, rename to DIR/NAME. A crash,
 * a kill or a full disk leaves either the old file or the new one. */
#define _POSIX_C_SOURCE 200809L
#include "core/alloc.h"
#include "core/error.h"
#include "guanxi/guanxi.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct gx_outfile {
	FILE *fp;
	char *path, *tmp;
};

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
	 * give it (0666 less the umask), so that a web server or a colleague can
	 * read graph.json. umask() can only be read by setting it: the CLI is
	 * single-threaded while it writes. */
	{
		mode_t mask = umask(0);

		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	*out = f;
	return GX_OK;
}

FILE *gx_outfile_stream(gx_outfile *f)
{
	return f->fp;
}

static void dispose(gx_outfile *f)
{
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
