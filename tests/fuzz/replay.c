/* Runs a fuzz target over files, without libFuzzer: each argument is a file
 * or a directory of files (the seed corpus, the crash regressions). This is
 * how the corpora run as ordinary tests in every build, and how a crash
 * file is replayed under gcc or valgrind. A broken input aborts. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int run_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, len = 0, n;

	if (fp == NULL) {
		perror(path);
		return 1;
	}
	do {
		if (len == cap)
			buf = realloc(buf, cap = cap * 2 + 4096);
		GX_FUZZ_ASSERT(buf != NULL, "out of memory");
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
	} while (n > 0);
	fclose(fp);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	return 0;
}

static int not_hidden(const struct dirent *de)
{
	return de->d_name[0] != '.';
}

static int run_dir(const char *dir, size_t *count)
{
	struct dirent **names;
	int i, n = scandir(dir, &names, not_hidden, alphasort), bad = 0;
	char path[4096];

	if (n < 0) {
		perror(dir);
		return 1;
	}
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
		bad |= run_file(path);
		(*count)++;
		free(names[i]);
	}
	free(names);
	return bad;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int i, bad = 0;

	for (i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			bad |= run_dir(argv[i], &count);
		} else {
			bad |= run_file(argv[i]);
			count++;
		}
	}
	printf("%zu inputs run%s\n", count, bad ? ", some unreadable" : "");
	return bad || count == 0;
}
