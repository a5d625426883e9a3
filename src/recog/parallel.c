/* Recognising many files on several threads, delivered in order.
 *
 * Workers claim files in order and recognise them into a ring of slots;
 * the calling thread takes the slots in order and hands each document to
 * the caller's function. Workers run at most `window` files ahead of the
 * caller, so memory stays bounded by the window, not the corpus. A
 * worker's diagnostics are kept with its file and replayed on the calling
 * thread just before that file is delivered: the messages of a run come in
 * the same order whatever the number of threads. */
#define _POSIX_C_SOURCE 200809L
#include "core/alloc.h"
#include "core/error.h"
#include "core/vec.h"
#include "guanxi/guanxi.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WINDOW_PER_THREAD 8

typedef struct {
	gx_severity severity;
	char *file, *message;
	unsigned line;
} note;

typedef struct {
	gx_doc *doc;
	int error, done;
	char *message;      /* gx_error_last() of a failed recognition */
	GX_VEC(note) notes; /* diagnostics while recognising */
} slot;

typedef struct {
	const gx_lexicon *lx;
	const gx_recog_options *opt;
	const char *const *files;
	size_t n, window;
	slot *slots;
	pthread_mutex_t lock;
	pthread_cond_t ready, room;
	size_t next;     /* the next file to claim */
	size_t consumed; /* files delivered */
	int stop;
} pool;

static void keep_note(gx_severity severity, const char *file, unsigned line, const char *message,
		      void *payload)
{
	slot *s = payload;
	note n = {severity, file ? gx_xstrdup(file) : NULL, gx_xstrdup(message), line};

	GX_VEC_PUSH(&s->notes, n);
}

static void recognise_into(pool *p, size_t i, slot *s, gx_diag_fn diag, void *payload)
{
	s->error = gx_doc_recognise(&s->doc, p->lx, p->files[i], p->opt, diag, payload);
	if (s->error < 0)
		s->message = gx_xstrdup(gx_error_last());
}

static void *work(void *arg)
{
	pool *p = arg;

	for (;;) {
		size_t i;
		slot *s;

		pthread_mutex_lock(&p->lock);
		while (!p->stop && p->next < p->n && p->next - p->consumed >= p->window)
			pthread_cond_wait(&p->room, &p->lock);
		if (p->stop || p->next >= p->n) {
			pthread_mutex_unlock(&p->lock);
			return NULL;
		}
		i = p->next++;
		pthread_mutex_unlock(&p->lock);
		s = &p->slots[i % p->window];
		recognise_into(p, i, s, keep_note, s);
		pthread_mutex_lock(&p->lock);
		s->done = 1;
		pthread_cond_broadcast(&p->ready);
		pthread_mutex_unlock(&p->lock);
	}
}

static void clear(slot *s)
{
	size_t k;

	for (k = 0; k < s->notes.len; k++) {
		free(s->notes.ptr[k].file);
		free(s->notes.ptr[k].message);
	}
	GX_VEC_FREE(&s->notes);
	gx_doc_free(s->doc);
	free(s->message);
	memset(s, 0, sizeof *s);
}

/* Delivers slot `s` (file i) to `fn`, its notes to `diag` first. */
static int deliver(pool *p, size_t i, slot *s, gx_doc_fn fn, void *payload, gx_diag_fn diag,
		   void *diag_payload)
{
	size_t k;
	int rc;

	for (k = 0; diag && k < s->notes.len; k++)
		diag(s->notes.ptr[k].severity, s->notes.ptr[k].file, s->notes.ptr[k].line,
		     s->notes.ptr[k].message, diag_payload);
	rc = fn(p->files[i], s->doc, s->error, s->error < 0 ? s->message : NULL, payload);
	clear(s);
	return rc;
}

/* One thread: recognise and deliver in turn, nothing kept. */
static int run_here(pool *p, gx_doc_fn fn, void *payload, gx_diag_fn diag, void *diag_payload)
{
	slot s = {0};
	size_t i;
	int rc = 0;

	for (i = 0; i < p->n && rc == 0; i++) {
		recognise_into(p, i, &s, diag, diag_payload);
		rc = deliver(p, i, &s, fn, payload, NULL, NULL);
	}
	return rc;
}

static int run_pool(pool *p, unsigned threads, gx_doc_fn fn, void *payload, gx_diag_fn diag,
		    void *diag_payload)
{
	pthread_t *tid = gx_xcalloc(threads, sizeof *tid);
	unsigned started = 0, t;
	size_t i;
	int rc = 0;

	p->slots = gx_xcalloc(p->window, sizeof *p->slots);
	for (t = 0; t < threads; t++)
		if (pthread_create(&tid[t], NULL, work, p) == 0)
			started++;
	if (started == 0) {
		/* no thread could start (a tight ulimit): do the work here */
		free(tid);
		free(p->slots);
		return run_here(p, fn, payload, diag, diag_payload);
	}
	for (i = 0; i < p->n && rc == 0; i++) {
		slot *s = &p->slots[i % p->window];

		pthread_mutex_lock(&p->lock);
		while (!s->done)
			pthread_cond_wait(&p->ready, &p->lock);
		pthread_mutex_unlock(&p->lock);
		rc = deliver(p, i, s, fn, payload, diag, diag_payload);
		pthread_mutex_lock(&p->lock);
		p->consumed++;
		if (rc != 0)
			p->stop = 1;
		pthread_cond_broadcast(&p->room);
		pthread_mutex_unlock(&p->lock);
	}
	for (t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	/* after a stop, files recognised ahead are dropped */
	for (i = 0; i < p->window; i++)
		clear(&p->slots[i]);
	free(p->slots);
	free(tid);
	return rc;
}

unsigned gx_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}

int gx_recognise_files(const gx_lexicon *lx, const char *const *files, size_t n,
		       const gx_recog_options *opt, unsigned threads, gx_doc_fn fn, void *payload,
		       gx_diag_fn diag, void *diag_payload)
{
	pool p;
	int rc;

	memset(&p, 0, sizeof p);
	p.lx = lx;
	p.opt = opt;
	p.files = files;
	p.n = n;
	if (threads == 0)
		threads = gx_default_threads();
	if (threads == 1 || n < 2)
		return run_here(&p, fn, payload, diag, diag_payload);
	p.window = (size_t)threads * WINDOW_PER_THREAD;
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.ready, NULL);
	pthread_cond_init(&p.room, NULL);
	rc = run_pool(&p, threads, fn, payload, diag, diag_payload);
	pthread_mutex_destroy(&p.lock);
	pthread_cond_destroy(&p.ready);
	pthread_cond_destroy(&p.room);
	return rc;
}
