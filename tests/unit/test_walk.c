/* Walking input paths: sorted, *.txt only below directories, loops cut. */
#define _POSIX_C_SOURCE 200809L
#include "guanxi/guanxi.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char seen[4096], notes[2048];
static char root[] = "/tmp/gx-walk-XXXXXX";

static int on_file(const char *file, void *payload)
{
	(void)payload;
	strncat(seen, file + strlen(root), sizeof seen - strlen(seen) - 2);
	strcat(seen, " ");
	return 0;
}

static void on_diag(gx_severity s, const char *file, unsigned line, const char *msg, void *p)
{
	(void)s, (void)line, (void)p;
	strncat(notes, file + strlen(root), sizeof notes - strlen(notes) - 2);
	strncat(notes, msg, sizeof notes - strlen(notes) - 2);
	strcat(notes, "\n");
}

static void touch(const char *rel)
{
	char p[256];
	FILE *fp;

	snprintf(p, sizeof p, "%s/%s", root, rel);
	fp = fopen(p, "w");
	fclose(fp);
}

int main(void)
{
	char p[256], q[256], cmd[300];
	const char *paths[2];

	if (mkdtemp(root) == NULL)
		return 1;
	snprintf(p, sizeof p, "%s/b", root);
	mkdir(p, 0777);
	snprintf(p, sizeof p, "%s/a", root);
	mkdir(p, 0777);
	snprintf(p, sizeof p, "%s/empty", root); /* nothing to sort (UBSan: qsort(NULL)) */
	mkdir(p, 0777);
	touch("b/2.txt");
	touch("a/1.txt");
	touch("a/0.md");
	touch("a/.hidden.txt");
	touch("z.txt");
	snprintf(p, sizeof p, "%s/a/loop", root); /* a/loop -> .. */
	GX_CHECK_INT(symlink("..", p), 0);
	snprintf(p, sizeof p, "%s/a/link.txt", root);
	snprintf(q, sizeof q, "%s/z.txt", root);
	GX_CHECK_INT(symlink(q, p), 0);

	paths[0] = root;
	GX_CHECK_INT(gx_walk_paths(paths, 1, on_file, NULL, on_diag, NULL), 0);
	GX_CHECK_STR(seen, "/a/1.txt /a/link.txt /b/2.txt /z.txt ");
	GX_CHECK(strstr(notes, "/a/loopdirectory already visited (symlink loop)") != NULL);

	/* a file given by name is read whatever its extension */
	seen[0] = '\0';
	snprintf(p, sizeof p, "%s/a/0.md", root);
	paths[0] = p;
	GX_CHECK_INT(gx_walk_paths(paths, 1, on_file, NULL, NULL, NULL), 0);
	GX_CHECK_STR(seen, "/a/0.md ");

	/* a missing path fails the walk before anything is read */
	seen[0] = '\0';
	snprintf(q, sizeof q, "%s/nope", root);
	paths[1] = q;
	GX_CHECK_INT(gx_walk_paths(paths, 2, on_file, NULL, NULL, NULL), GX_ENOTFOUND);
	GX_CHECK_STR(seen, "");
	GX_CHECK(strstr(gx_error_last(), "nope") != NULL);

	snprintf(cmd, sizeof cmd, "rm -rf %s", root);
	return system(cmd) == 0 ? gx_test_done() : 1;
}
