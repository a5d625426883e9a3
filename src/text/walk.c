/* Input paths: files as given, directories walked recursively for *.txt in
 * byte-wise sorted order (so outputs do not depend on the file system's
 * listing order), following symlinks but never a directory twice. */
#define _POSIX_C_SOURCE 200809L
#include "core/alloc.h"
#include "core/error.h"
#include "core/vec.h"
#include "guanxi/guanxi.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
	dev_t dev;
	ino_t ino;
} dir_id;

typedef struct {
	int (*cb)(const char *file, void *payload);
	void *payload;
	gx_diag_fn diag;
	void *diag_payload;
	GX_VEC(dir_id) seen;
} walker;

static void note(walker *w, const char *path, const char *msg)
{
	if (w->diag)
		w->diag(GX_DIAG_WARNING, path, 0, msg, w->diag_payload);
}

static int seen_before(walker *w, const struct stat *st)
{
	dir_id id = {st->st_dev, st->st_ino};
	size_t i;

	for (i = 0; i < w->seen.len; i++)
		if (w->seen.ptr[i].dev == id.dev && w->seen.ptr[i].ino == id.ino)
			return 1;
	GX_VEC_PUSH(&w->seen, id);
	return 0;
}

static int is_txt(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_dir(walker *w, const char *dir);

static int visit(walker *w, const char *path, int top)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		if (top)
			return gx_error_set(errno == ENOENT ? GX_ENOTFOUND : GX_EIO, "%s: %s", path,
					    strerror(errno));
		note(w, path, "cannot follow (dangling symlink?), skipped");
		return 0;
	}
	if (S_ISDIR(st.st_mode)) {
		if (seen_before(w, &st)) {
			note(w, path, "directory already visited (symlink loop), skipped");
			return 0;
		}
		return walk_dir(w, path);
	}
	if (top || (S_ISREG(st.st_mode) && is_txt(path)))
		return w->cb(path, w->payload);
	return 0;
}

static int walk_dir(walker *w, const char *dir)
{
	GX_VEC(char *) names = {0};
	struct dirent *de;
	size_t i;
	int rc = 0;
	DIR *d = opendir(dir);

	if (d == NULL) {
		note(w, dir, strerror(errno));
		return 0;
	}
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			GX_VEC_PUSH(&names, gx_xstrdup(de->d_name));
	closedir(d);
	if (names.len > 1) /* qsort of a NULL array is undefined, even of none */
		qsort(names.ptr, names.len, sizeof *names.ptr, by_name);
	for (i = 0; i < names.len; i++) {
		size_t n = strlen(dir);
		char *path = gx_xmalloc(n + strlen(names.ptr[i]) + 2);

		sprintf(path, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", names.ptr[i]);
		if (rc == 0)
			rc = visit(w, path, 0);
		free(path);
		free(names.ptr[i]);
	}
	GX_VEC_FREE(&names);
	return rc;
}

int gx_walk_paths(const char *const *paths, size_t n, int (*cb)(const char *file, void *payload),
		  void *payload, gx_diag_fn diag, void *diag_payload)
{
	walker w = {cb, payload, diag, diag_payload, {0}};
	struct stat st;
	size_t i;
	int rc = 0;

	/* every path must exist before any is read: a typo fails the run whole */
	for (i = 0; i < n; i++)
		if (stat(paths[i], &st) != 0)
			return gx_error_set(errno == ENOENT ? GX_ENOTFOUND : GX_EIO, "%s: %s",
					    paths[i], strerror(errno));
	for (i = 0; i < n && rc == 0; i++)
		rc = visit(&w, paths[i], 1);
	GX_VEC_FREE(&w.seen);
	return rc;
}
