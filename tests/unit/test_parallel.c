/* gx_recognise_files(): the same documents, in the same order, with the
 * same diagnostics in the same order, whatever the number of threads; a
 * non-zero return stops the run. */
#define _POSIX_C_SOURCE 200809L
#include "guanxi/guanxi.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N_FILES 60

static const char dict[] = "南京大学\torg/university\t南大\n"
			   "镇江高新技术产业开发区\tzone/hitech\t镇江高新区\n"
			   "江苏科技大学\torg/university\t江科大\n";

static char tmpdir[] = "/tmp/gx-par-XXXXXX";
static char *files[N_FILES + 1];

/* What a run saw, as text: one line per document or diagnostic. */
typedef struct {
	char log[65536];
	size_t len;
	int stop_at; /* stop after this many documents (-1: never) */
	int docs;
} trace;

static void add(trace *t, const char *s)
{
	size_t n = strlen(s);

	if (t->len + n + 1 < sizeof t->log) {
		memcpy(t->log + t->len, s, n);
		t->len += n;
		t->log[t->len] = '\0';
	}
}

static int on_doc(const char *path, const gx_doc *doc, int error, const char *message,
		  void *payload)
{
	trace *t = payload;
	char line[512];
	size_t i;

	if (doc == NULL) {
		snprintf(line, sizeof line, "%s error %d %s\n", path, error, message);
		add(t, line);
	} else {
		snprintf(line, sizeof line, "%s %zu mentions:", path, gx_doc_mention_count(doc));
		add(t, line);
		for (i = 0; i < gx_doc_mention_count(doc); i++) {
			snprintf(line, sizeof line, " %s@%u", gx_doc_mention(doc, i)->entity,
				 (unsigned)gx_doc_mention(doc, i)->start);
			add(t, line);
		}
		add(t, "\n");
	}
	return ++t->docs == t->stop_at ? 7 : 0;
}

static void on_diag(gx_severity sev, const char *file, unsigned line, const char *msg,
		    void *payload)
{
	char buf[512];

	snprintf(buf, sizeof buf, "diag %d %s:%u %s\n", (int)sev, file ? file : "", line, msg);
	add(payload, buf);
}

/* Files of every kind: plain text of varied length, invalid UTF-8 (a
 * warning), a binary file (an error), a missing file (an error). */
static void make_files(void)
{
	int i;

	if (mkdtemp(tmpdir) == NULL)
		abort();
	for (i = 0; i < N_FILES; i++) {
		char path[256];
		FILE *fp;
		int k;

		snprintf(path, sizeof path, "%s/%02d.txt", tmpdir, i);
		files[i] = strdup(path);
		if (i == 41)
			continue; /* missing */
		fp = fopen(path, "wb");
		if (i == 17) {
			fputs("%PDF-1.4 binary", fp);
		} else {
			if (i % 5 == 0)
				fputs("坏\xff字节。", fp);
			for (k = 0; k <= i * 7 % 23; k++)
				fputs("南京大学与镇江高新区签约，江科大参加。", fp);
		}
		fclose(fp);
	}
}

static void run(gx_lexicon *lx, unsigned threads, int stop_at, trace *t, int *rc)
{
	memset(t, 0, sizeof *t);
	t->stop_at = stop_at;
	*rc = gx_recognise_files(lx, (const char *const *)files, N_FILES, NULL, threads, on_doc, t,
				 on_diag, t);
}

int main(void)
{
	char path[256];
	gx_lexicon *lx;
	static trace one, many, stopped;
	FILE *fp;
	int rc1, rc4, rc;
	unsigned th;

	make_files();
	snprintf(path, sizeof path, "%s/dict.tsv", tmpdir);
	fp = fopen(path, "w");
	fputs(dict, fp);
	fclose(fp);
	gx_lexicon_new(&lx, NULL, NULL);
	GX_CHECK_INT(gx_lexicon_load_dict(lx, path), GX_OK);
	GX_CHECK_INT(gx_lexicon_finish(lx), GX_OK);

	run(lx, 1, -1, &one, &rc1);
	GX_CHECK_INT(rc1, 0);
	GX_CHECK_INT(one.docs, N_FILES);
	GX_CHECK(strstr(one.log, "17.txt error") != NULL);
	GX_CHECK(strstr(one.log, "41.txt error") != NULL);
	GX_CHECK(strstr(one.log, "diag 1 ") != NULL); /* the invalid byte's warning */
	GX_CHECK(strstr(one.log, "南京大学@") != NULL);
	for (th = 2; th <= 5; th += 3) {
		run(lx, th, -1, &many, &rc4);
		GX_CHECK_INT(rc4, 0);
		GX_CHECK_STR(many.log, one.log);
	}

	/* a stop: nothing after the stopping document, its code returned */
	run(lx, 4, 10, &stopped, &rc);
	GX_CHECK_INT(rc, 7);
	GX_CHECK_INT(stopped.docs, 10);
	GX_CHECK(strncmp(stopped.log, one.log, stopped.len) == 0);
	GX_CHECK(strstr(stopped.log, "10.txt") == NULL);

	gx_lexicon_free(lx);
	for (rc = 0; rc < N_FILES; rc++) {
		unlink(files[rc]);
		free(files[rc]);
	}
	unlink(path);
	rmdir(tmpdir);
	return gx_test_done();
}
