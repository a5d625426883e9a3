/* guanxi build PATH... -o DIR: the corpus's outputs in DIR, the evidence
 * store DIR/guanxi.db among them; guanxi build --db FILE PATH...: add to a
 * store incrementally. */
#define _POSIX_C_SOURCE 200809L
#include "commands.h"
#include "common.h"
#include "netopt.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
    "usage: guanxi build [options] PATH... [-o DIR]\n"
    "Recognises entities in every document (directories are walked recursively\n"
    "for *.txt) and writes DIR/mentions.tsv and the co-occurrence network: nodes.csv,\n"
    "edges.csv, graph.graphml, graph.gexf, graph.json, graph.dot, graph.svg,\n"
    "graph.png, summary.txt, params.json and the evidence store guanxi.db (default\n"
    "DIR: out/). Files are written to a temporary name and renamed, so DIR never\n"
    "holds a half-written file.\n\n"
    "With --db FILE, the documents are added to that store instead (created if\n"
    "missing): new ones are added, unchanged ones (same size and hash) skipped,\n"
    "changed ones replaced; then its entities, edges and measures are recomputed.\n"
    "Nothing else is written. Documents are committed in batches: an interrupted\n"
    "run leaves the store as it was after the last whole batch.\n\n"
    "  -o, --out DIR      output directory (created if missing)\n"
    "  --db FILE          update this store only (see above)\n"
    "  --no-store         do not write DIR/guanxi.db\n"
    "  --batch N          documents per store transaction (default 64)\n"
    "  --measures M       store measures: auto or full (default: all of them, with\n"
    "                     betweenness, closeness, harmonic as --paths says), fast (no\n"
    "                     betweenness, closeness, harmonic, eigenvector: quicker\n"
    "                     incremental updates of a large store)\n"
    "  --cues FILE        collaboration cues (default DIR/cues.txt of the "
    "dictionaries)\n"
    "  --timings          print how long each phase took (load, recognise, store,\n"
    "                     network, export) on stderr\n" GX_THREADS_HELP GX_LEXICON_HELP
	GX_NETWORK_HELP;

enum { OPT_OUT = 1, OPT_DB, OPT_NO_STORE, OPT_BATCH, OPT_CUES, OPT_MEASURES, OPT_TIMINGS };

typedef struct {
	const gx_lexicon *lx;
	gx_recog_options ropt;
	unsigned threads;
	FILE *mentions;
	gx_cooc *cooc;
	gx_store *store; /* NULL with --no-store */
	int db_only;     /* --db: the store is the only output */
	int level, failed, progress, timings;
	size_t docs, skipped, unchanged, total;
	double bytes, t0, shown, cpu_mark;
} build_ctx;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* docs done/total and throughput, redrawn in place on a terminal at most ten
 * times a second (a corpus of small files would otherwise spend its time
 * redrawing); the trailing spaces cover a longer previous line */
static void show_progress(build_ctx *c, int last)
{
	double t = now(), dt = t - c->t0;

	if (!c->progress || (!last && t - c->shown < 0.1))
		return;
	c->shown = t;
	fprintf(stderr, "\rguanxi: %zu/%zu documents, %.1f MB/s   %s",
		c->docs + c->skipped + c->unchanged, c->total, dt > 0 ? c->bytes / 1e6 / dt : 0.0,
		last ? "\n" : "");
	fflush(stderr);
}

/* CPU seconds of the process so far, every thread's */
static double cpu_now(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
	       ru.ru_stime.tv_usec / 1e6;
}

/* --timings: how long a phase took (wall and CPU; the CPU of the phases
 * before it, since the last call, is subtracted), on stderr */
static void timed(build_ctx *c, const char *phase, double since)
{
	double cpu = cpu_now();

	if (c->timings)
		fprintf(stderr, "guanxi: time: %-10s %8.2f s wall %8.2f s cpu\n", phase,
			now() - since, cpu - c->cpu_mark);
	c->cpu_mark = cpu;
}

static int on_doc(const char *path, const gx_doc *doc, int error, const char *message,
		  void *payload)
{
	build_ctx *c = payload;

	if (error == GX_EINVAL) {
		diag_print(GX_DIAG_WARNING, path, 0, message, &c->level);
		c->skipped++;
		show_progress(c, 0);
		return 0;
	}
	if (error < 0) {
		fprintf(stderr, "guanxi: %s\n", message);
		c->failed = 1;
		return 0;
	}
	c->docs++;
	c->bytes += (double)gx_doc_size(doc);
	error = c->db_only ? GX_OK : gx_mentions_write(c->mentions, doc, path);
	if (error == GX_OK && !c->db_only)
		error = gx_cooc_add_doc(c->cooc, doc, path);
	if (error == GX_OK && c->store)
		error = gx_store_put_doc(c->store, doc, path, NULL);
	show_progress(c, 0);
	return error < 0 ? error : 0;
}

/* --db: a document stored with the same size and hash costs a hash, not a
 * recognition; drops those from `l`. */
static void drop_unchanged(build_ctx *c, file_list *l)
{
	size_t i, k = 0;

	for (i = 0; i < l->n; i++) {
		gx_doc_action action;

		if (gx_store_check(c->store, l->files[i], &action) == GX_OK &&
		    action == GX_DOC_UNCHANGED) {
			c->unchanged++;
			free(l->files[i]);
			continue;
		}
		l->files[k++] = l->files[i];
	}
	l->n = k;
}

static int make_dir(const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0777) == 0 ||
	    (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode)))
		return 0;
	fprintf(stderr, "guanxi: cannot create output directory '%s': %s\n", dir,
		errno == EEXIST ? "a file of that name exists" : strerror(errno));
	return -1;
}

/* CPU seconds of the calling thread */
static double thread_cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* --timings of a phase that runs beside another (its own thread's CPU) */
static void timed_alone(const build_ctx *c, const char *phase, double wall, double cpu)
{
	if (c->timings)
		fprintf(stderr, "guanxi: time: %-10s %8.2f s wall %8.2f s cpu (beside the %s)\n",
			phase, wall, cpu, strcmp(phase, "store") == 0 ? "export" : "store");
}

static int write_network(build_ctx *c, const network_opts *no, const gx_network *net,
			 const char *dir)
{
	double t = now(), cpu = thread_cpu();
	int error = gx_network_export(net, dir, no->formats);

	if (c->store)
		timed_alone(c, "export", now() - t, thread_cpu() - cpu);
	else
		timed(c, "export", t);
	if (error == GX_OK && c->level > 0)
		fprintf(stderr, "guanxi: network of %zu nodes and %zu edges in %s/\n",
			gx_network_node_count(net), gx_network_edge_count(net), dir);
	if (error < 0)
		error_print(NULL);
	return error;
}

typedef struct {
	const char *db, *cues;
	unsigned batch;
	int no_store;
	gx_measures_mode measures;
	uint32_t paths;   /* --paths, as for the exports */
	unsigned threads; /* --threads */
} store_opts;

/* Opens the store (FRESH for DIR/guanxi.db, UPDATE for --db) and loads the
 * cues: an explicit --cues must be readable, the bundled one may be missing
 * (a warning: no tie is then marked as stated). */
static int open_store(build_ctx *c, const store_opts *so, const char *path, gx_store_mode mode,
		      const char *dict_dir)
{
	char cues[4096];

	if (gx_store_open(&c->store, path, mode) < 0) {
		error_print(NULL);
		return -1;
	}
	gx_store_set_batch(c->store, so->batch);
	gx_store_set_measures(c->store, so->measures);
	gx_store_set_paths(c->store, so->paths, so->threads);
	gx_store_set_lexicon(c->store, c->lx);
	snprintf(cues, sizeof cues, "%s/cues.txt", dict_dir);
	if (gx_store_load_cues(c->store, so->cues ? so->cues : cues) < 0) {
		if (so->cues) {
			error_print(NULL);
			return -1;
		}
		diag_print(GX_DIAG_WARNING, NULL, 0, gx_error_last(), &c->level);
	}
	return 0;
}

/* Commits the store; `net` (may be NULL): the exports' network, whose
 * measures the store takes if they are the ones it would compute. */
static void report_store(const build_ctx *c, const char *path, const gx_store_stats *s)
{
	if (c->level > 0)
		fprintf(stderr,
			"guanxi: store %s: %zu documents (%zu added, %zu replaced, %zu unchanged), "
			"%zu mentions, %zu entities, %zu edges\n",
			path, s->documents, s->added, s->replaced, s->unchanged + c->unchanged,
			s->mentions, s->entities, s->edges);
}

static int commit_store(build_ctx *c, const char *path, const gx_network *net)
{
	gx_store_stats s;
	double t = now();

	if (gx_store_commit_network(c->store, net, &s) < 0) {
		error_print(NULL);
		return -1;
	}
	timed(c, "store", t);
	report_store(c, path, &s);
	return 0;
}

/* The store's commit on a thread of its own, beside the exports: both only
 * read the network, and each is one thread's work (SQLite rows, file
 * writing) that the other core can do meanwhile. */
typedef struct {
	gx_store *store;
	const gx_network *net;
	gx_store_stats stats;
	double wall, cpu;
	int error;
	char message[1024]; /* gx_error_last() is the thread's own */
} store_job;

static void *store_main(void *arg)
{
	store_job *j = arg;
	double t = now(), cpu = thread_cpu();

	j->error = gx_store_commit_network(j->store, j->net, &j->stats);
	if (j->error < 0)
		snprintf(j->message, sizeof j->message, "%s", gx_error_last());
	j->wall = now() - t;
	j->cpu = thread_cpu() - cpu;
	return NULL;
}

/* The store committed beside the exports (inline if no thread starts). */
static int store_and_export(build_ctx *c, const network_opts *no, const gx_network *net,
			    const char *dir, const char *db)
{
	store_job job;
	pthread_t tid;
	int threaded = 0, rc = 0;

	memset(&job, 0, sizeof job);
	job.store = c->store;
	job.net = net;
	if (c->store && !(threaded = pthread_create(&tid, NULL, store_main, &job) == 0))
		store_main(&job);
	if (write_network(c, no, net, dir) < 0)
		rc = -1;
	if (threaded)
		pthread_join(tid, NULL);
	if (!c->store)
		return rc;
	timed_alone(c, "store", job.wall, job.cpu);
	c->cpu_mark = cpu_now();
	if (job.error < 0) {
		fprintf(stderr, "guanxi: %s\n", job.message);
		return -1;
	}
	report_store(c, db, &job.stats);
	return rc;
}

/* Recognises every document under `paths`, with progress on a terminal;
 * returns 0, or -1 (reported) when the walk itself failed. */
static int walk_corpus(build_ctx *c, const char *const *paths, size_t n)
{
	file_list l;
	int error;

	if (list_files(paths, n, &l, &c->level) < 0)
		return -1;
	c->total = l.n;
	c->t0 = now();
	if (c->db_only)
		drop_unchanged(c, &l);
	error = gx_recognise_files(c->lx, (const char *const *)l.files, l.n, &c->ropt, c->threads,
				   on_doc, c, diag_print, &c->level);
	show_progress(c, 1);
	timed(c, "recognise", c->t0);
	file_list_free(&l);
	if (error < 0)
		error_print(NULL);
	return error < 0 ? -1 : 0;
}

static int run_db(build_ctx *c, const char *const *paths, size_t n, const char *db)
{
	if (walk_corpus(c, paths, n) < 0)
		return EXIT_ERROR;
	if (commit_store(c, db, NULL) < 0)
		return EXIT_ERROR;
	return c->failed ? EXIT_ERROR : EXIT_OK;
}

static int run(build_ctx *c, const network_opts *no, const char *const *paths, size_t n,
	       const char *dir)
{
	char path[4096], db[4096];
	gx_outfile *f = NULL;
	gx_network *net = NULL;
	int rc = EXIT_OK;
	double t;

	if (make_dir(dir) < 0)
		return EXIT_ERROR;
	snprintf(path, sizeof path, "%s/mentions.tsv", dir);
	snprintf(db, sizeof db, "%s/guanxi.db", dir);
	if (gx_outfile_open(&f, path) < 0) {
		error_print(NULL);
		return EXIT_ERROR;
	}
	c->mentions = gx_outfile_stream(f);
	gx_mentions_write_header(c->mentions);
	if (walk_corpus(c, paths, n) < 0) {
		gx_outfile_abort(f);
		return EXIT_ERROR;
	}
	if (gx_outfile_commit(f) < 0) {
		error_print(NULL);
		return EXIT_ERROR;
	}
	if (c->level > 0)
		fprintf(stderr, "guanxi: %zu documents%s, mentions in %s\n", c->docs,
			c->skipped ? " (some skipped, see above)" : "", path);
	/* the network first: with sentence units and no filters the store
	 * takes its measures instead of computing them a second time */
	t = now();
	if (gx_network_build(&net, c->cooc, &no->net) < 0) {
		error_print(NULL);
		return EXIT_ERROR;
	}
	timed(c, "network", t);
	if (store_and_export(c, no, net, dir, db) < 0)
		rc = EXIT_ERROR;
	gx_network_free(net);
	return rc == EXIT_OK && c->failed ? EXIT_ERROR : rc;
}

static int parse_batch(const char *v, unsigned *out)
{
	char *end;
	unsigned long n = strtoul(v, &end, 10);

	if (*v == '\0' || *end || v[0] == '-' || n == 0 || n > 1000000)
		return usage_error("build", "bad --batch '%s' (1 to 1000000)", v);
	*out = (unsigned)n;
	return 0;
}

static int parse_measures(const char *v, gx_measures_mode *out)
{
	if (strcmp(v, "auto") == 0)
		*out = GX_MEASURES_AUTO;
	else if (strcmp(v, "full") == 0)
		*out = GX_MEASURES_FULL;
	else if (strcmp(v, "fast") == 0)
		*out = GX_MEASURES_FAST;
	else
		return usage_error("build", "bad --measures '%s' (auto, full, fast)", v);
	return 0;
}

/* The store's part of a build: FRESH DIR/guanxi.db or UPDATE --db. */
static int build(build_ctx *c, const network_opts *no, const store_opts *so, const lexicon_opts *lo,
		 const char *const *paths, size_t n, const char *dir)
{
	const char *dict_dir = lo->dict_dir ? lo->dict_dir : gx_default_dict_dir();
	char db[4096];

	if (so->db) {
		c->db_only = 1;
		if (open_store(c, so, so->db, GX_STORE_UPDATE, dict_dir) < 0)
			return EXIT_ERROR;
		return run_db(c, paths, n, so->db);
	}
	if (!so->no_store) {
		if (make_dir(dir) < 0)
			return EXIT_ERROR;
		snprintf(db, sizeof db, "%s/guanxi.db", dir);
		if (open_store(c, so, db, GX_STORE_FRESH, dict_dir) < 0)
			return EXIT_ERROR;
	}
	return run(c, no, paths, n, dir);
}

int cmd_build(int argc, char **argv)
{
	static const gx_optdef defs[] = {GX_LEXICON_OPTDEFS,
					 GX_NETWORK_OPTDEFS,
					 GX_THREADS_OPTDEF,
					 {"out", 'o', 1, OPT_OUT},
					 {"db", 0, 1, OPT_DB},
					 {"no-store", 0, 0, OPT_NO_STORE},
					 {"batch", 0, 1, OPT_BATCH},
					 {"cues", 0, 1, OPT_CUES},
					 {"measures", 0, 1, OPT_MEASURES},
					 {"timings", 0, 0, OPT_TIMINGS},
					 {NULL, 0, 0, 0}};
	lexicon_opts lo = {0};
	network_opts no;
	store_opts so = {NULL, NULL, 64, 0, GX_MEASURES_AUTO, GX_PATHS_AUTO, 0};
	const char *paths[4096], *dir = NULL;
	char dicts[1024];
	size_t n = 0;
	build_ctx c = {0};
	gx_lexicon *lx = NULL;
	gx_opts o;
	int id, rc;
	double t0;

	network_opts_init(&no);
	gx_opts_init(&o, argc, argv, defs);
	while ((id = gx_opts_next(&o)) != GX_OPT_END) {
		if (id == GX_OPT_ERROR)
			return usage_error("build", "%s", o.err);
		if (id == OPT_HELP) {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		if (id == OPT_OUT) {
			dir = o.value;
		} else if (id == OPT_DB) {
			so.db = o.value;
		} else if (id == OPT_TIMINGS) {
			c.timings = 1;
		} else if (id == OPT_NO_STORE) {
			so.no_store = 1;
		} else if (id == OPT_CUES) {
			so.cues = o.value;
		} else if (id == OPT_MEASURES) {
			if (parse_measures(o.value, &so.measures) != 0)
				return EXIT_USAGE;
		} else if (id == OPT_THREADS) {
			if (parse_threads("build", o.value, &c.threads) < 0)
				return EXIT_USAGE;
		} else if (id == OPT_BATCH) {
			if (parse_batch(o.value, &so.batch) != 0)
				return EXIT_USAGE;
		} else if (id == GX_OPT_ARG) {
			if (n == sizeof paths / sizeof paths[0])
				return usage_error("build", "%s", "too many paths");
			paths[n++] = o.value;
		} else if ((rc = network_opt(&no, id, o.value)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
		} else if (lexicon_opt(&lo, id, o.value) < 0) {
			return EXIT_USAGE;
		}
	}
	if (n == 0)
		return usage_error("build", "%s", "no PATH given");
	if (so.db && dir)
		return usage_error("build", "%s", "--db updates a store only: no -o with it");
	t0 = now();
	if (lexicon_load(&lx, &lo) < 0)
		return EXIT_ERROR;
	timed(&c, "load", t0);
	c.lx = lx;
	lexicon_describe(lx, &lo, dicts, sizeof dicts);
	no.net.dictionaries = dicts;
	no.net.threads = c.threads;
	so.paths = no.net.paths;
	so.threads = c.threads;
	c.ropt.no_patterns = lo.no_patterns;
	c.ropt.no_dicts = lo.no_dicts;
	c.level = lo.quiet ? 0 : 1;
	c.progress = !lo.quiet && isatty(STDERR_FILENO);
	if (gx_cooc_new(&c.cooc, &no.cooc) < 0) {
		error_print(NULL);
		gx_lexicon_free(lx);
		return EXIT_ERROR;
	}
	rc = build(&c, &no, &so, &lo, paths, n, dir ? dir : "out");
	gx_store_free(c.store);
	gx_cooc_free(c.cooc);
	gx_lexicon_free(lx);
	return rc;
}
