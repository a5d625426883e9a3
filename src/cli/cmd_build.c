/* guanxi build PATH... -o DIR: the corpus's outputs in DIR. */
#define _POSIX_C_SOURCE 200809L
#include "commands.h"
#include "common.h"
#include "netopt.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
    "usage: guanxi build [options] PATH... [-o DIR]\n"
    "Recognises entities in every document (directories are walked recursively\n"
    "for *.txt) and writes DIR/mentions.tsv and the co-occurrence network: nodes.csv,\n"
    "edges.csv, graph.graphml, graph.gexf, graph.json, graph.dot, graph.svg,\n"
    "graph.png, summary.txt, params.json (default DIR: out/). Files are written to a\n"
    "temporary name and renamed, so DIR never holds a half-written file.\n\n"
    "  -o, --out DIR      output directory (created if missing)\n" GX_LEXICON_HELP GX_NETWORK_HELP;

enum { OPT_OUT = 1 };

typedef struct {
	const gx_lexicon *lx;
	gx_recog_options ropt;
	FILE *mentions;
	gx_cooc *cooc;
	int level, failed, progress;
	size_t docs, skipped, total;
	double bytes, t0, shown;
} build_ctx;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int count_file(const char *path, void *payload)
{
	(void)path;
	((build_ctx *)payload)->total++;
	return 0;
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
	fprintf(stderr, "\rguanxi: %zu/%zu documents, %.1f MB/s   %s", c->docs + c->skipped,
		c->total, dt > 0 ? c->bytes / 1e6 / dt : 0.0, last ? "\n" : "");
	fflush(stderr);
}

static int on_file(const char *path, void *payload)
{
	build_ctx *c = payload;
	gx_doc *doc = NULL;
	int error = gx_doc_recognise(&doc, c->lx, path, &c->ropt, diag_print, &c->level);

	if (error == GX_EINVAL) {
		diag_print(GX_DIAG_WARNING, path, 0, gx_error_last(), &c->level);
		c->skipped++;
		return 0;
	}
	if (error < 0) {
		error_print(NULL);
		c->failed = 1;
		return 0;
	}
	c->docs++;
	c->bytes += (double)gx_doc_size(doc);
	error = gx_mentions_write(c->mentions, doc, path);
	if (error == GX_OK)
		error = gx_cooc_add_doc(c->cooc, doc, path);
	gx_doc_free(doc);
	show_progress(c, 0);
	return error < 0 ? error : 0;
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

static int write_network(build_ctx *c, const network_opts *no, const char *dir)
{
	gx_network *net = NULL;
	int error = gx_network_build(&net, c->cooc, &no->net);

	if (error == GX_OK)
		error = gx_network_export(net, dir, no->formats);
	if (error == GX_OK && c->level > 0)
		fprintf(stderr, "guanxi: network of %zu nodes and %zu edges in %s/\n",
			gx_network_node_count(net), gx_network_edge_count(net), dir);
	gx_network_free(net);
	if (error < 0)
		error_print(NULL);
	return error;
}

static int run(build_ctx *c, const network_opts *no, const char *const *paths, size_t n,
	       const char *dir)
{
	char path[4096];
	gx_outfile *f = NULL;
	int error;

	if (make_dir(dir) < 0)
		return EXIT_ERROR;
	snprintf(path, sizeof path, "%s/mentions.tsv", dir);
	if (gx_outfile_open(&f, path) < 0) {
		error_print(NULL);
		return EXIT_ERROR;
	}
	c->mentions = gx_outfile_stream(f);
	gx_mentions_write_header(c->mentions);
	if (c->progress)
		gx_walk_paths(paths, n, count_file, c, NULL, NULL);
	c->t0 = now();
	error = gx_walk_paths(paths, n, on_file, c, diag_print, &c->level);
	show_progress(c, 1);
	if (error < 0) {
		error_print(NULL);
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
	if (write_network(c, no, dir) < 0)
		return EXIT_ERROR;
	return c->failed ? EXIT_ERROR : EXIT_OK;
}

int cmd_build(int argc, char **argv)
{
	static const gx_optdef defs[] = {
	    GX_LEXICON_OPTDEFS, GX_NETWORK_OPTDEFS, {"out", 'o', 1, OPT_OUT}, {NULL, 0, 0, 0}};
	lexicon_opts lo = {0};
	network_opts no;
	const char *paths[4096], *dir = "out";
	char dicts[1024];
	size_t n = 0;
	build_ctx c = {0};
	gx_lexicon *lx = NULL;
	gx_opts o;
	int id, rc;

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
	if (lexicon_load(&lx, &lo) < 0)
		return EXIT_ERROR;
	c.lx = lx;
	lexicon_describe(lx, &lo, dicts, sizeof dicts);
	no.net.dictionaries = dicts;
	c.ropt.no_patterns = lo.no_patterns;
	c.ropt.no_dicts = lo.no_dicts;
	c.level = lo.quiet ? 0 : 1;
	c.progress = !lo.quiet && isatty(STDERR_FILENO);
	if (gx_cooc_new(&c.cooc, &no.cooc) < 0) {
		error_print(NULL);
		gx_lexicon_free(lx);
		return EXIT_ERROR;
	}
	rc = run(&c, &no, paths, n, dir);
	gx_cooc_free(c.cooc);
	gx_lexicon_free(lx);
	return rc;
}
