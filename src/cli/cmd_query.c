/* guanxi query COMMAND ...: questions to the evidence store. */
#include "commands.h"
#include "common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: guanxi query [--db FILE] [--json] COMMAND [options]\n"
    "Answers questions from the store that 'guanxi build' writes (README.md \"Queries\").\n\n"
    "Commands:\n"
    "  partners NAME      who NAME co-occurs with, most shared sentences first, with\n"
    "                     evidence sentences (* marks a sentence stating a tie)\n"
    "  pair A B           every sentence that mentions both\n"
    "  path A B           the shortest chain of ties from A to B, a sentence per step\n"
    "  top                entities ranked by a measure (--by)\n"
    "  candidates         names found only by patterns, as dictionary lines\n"
    "  entity NAME        what the store knows about NAME\n\n"
    "A NAME may be the canonical name, any surface seen in the corpus, a Traditional\n"
    "or full-width spelling, or a dictionary alias. An unknown NAME gets the closest\n"
    "known names and exit code 1.\n\n"
    "  --db FILE          the store (default out/guanxi.db)\n"
    "  --json             JSON instead of a table\n"
    "  --type LIST        only these types: org,zone,programme,place\n"
    "  -n N               rows at most (default 10; candidates 50; pair: all)\n"
    "  --evidence K       evidence sentences per partner (default 2)\n"
    "  --cued             partners: only ties stated by a cue word (dicts/cues.txt)\n"
    "  --by MEASURE       top: degree (default), strength, betweenness, closeness,\n"
    "                     harmonic, eigenvector, pagerank, mentions, docs, units\n"
    "  --dict-dir DIR     dictionaries used to resolve names (default: bundled)\n"
    "  -h, --help         this help\n";

enum { OPT_DB = 1, OPT_JSON, OPT_TYPE, OPT_N, OPT_EVIDENCE, OPT_CUED, OPT_BY, OPT_QHELP, OPT_DDIR };

static const struct {
	const char *name;
	gx_query_kind kind;
	int args;
} kinds[] = {{"partners", GX_Q_PARTNERS, 1},
	     {"pair", GX_Q_PAIR, 2},
	     {"path", GX_Q_PATH, 2},
	     {"top", GX_Q_TOP, 0},
	     {"candidates", GX_Q_CANDIDATES, 0},
	     {"entity", GX_Q_ENTITY, 1}};

typedef struct {
	lexicon_opts lo;
	gx_lexicon *lx;
	int tried;
} lazy_lexicon;

/* The lexicon is loaded only if a name is not in the store as written. */
static const gx_lexicon *get_lexicon(void *payload)
{
	lazy_lexicon *ll = payload;

	if (!ll->tried) {
		ll->tried = 1;
		if (lexicon_load(&ll->lx, &ll->lo) < 0)
			ll->lx = NULL;
	}
	return ll->lx;
}

static int parse_uint(const char *v, unsigned *out, unsigned max, const char *what)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(v, &end, 10);
	if (*v == '\0' || *end || v[0] == '-' || errno || n > max)
		return usage_error("query", what, v);
	*out = (unsigned)n;
	return 0;
}

static int set_kind(gx_query *q, const char *name, int *args)
{
	size_t i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(name, kinds[i].name) == 0) {
			q->kind = kinds[i].kind;
			*args = kinds[i].args;
			return 0;
		}
	return usage_error("query",
			   "unknown query '%s' (partners, pair, path, top, "
			   "candidates, entity)",
			   name);
}

/* Positional arguments: the command, then its names. */
static int positional(gx_query *q, const char *v, int *seen, int *args)
{
	if (*seen == 0) {
		(*seen)++;
		return set_kind(q, v, args);
	}
	if (*seen > *args)
		return usage_error("query", "unexpected argument '%s'", v);
	if (*seen == 1)
		q->a = v;
	else
		q->b = v;
	(*seen)++;
	return 0;
}

static int option(gx_query *q, lazy_lexicon *ll, const char **db, int id, const char *v)
{
	switch (id) {
	case OPT_DB:
		*db = v;
		return 0;
	case OPT_JSON:
		q->json = 1;
		return 0;
	case OPT_CUED:
		q->cued = 1;
		return 0;
	case OPT_BY:
		q->by = v;
		return 0;
	case OPT_DDIR:
		ll->lo.dict_dir = v;
		return 0;
	case OPT_TYPE:
		if (gx_types_parse(v, &q->types) < 0)
			return usage_error("query", "%s", gx_error_last());
		return 0;
	case OPT_N:
		return parse_uint(v, &q->n, 100000, "bad -n '%s'");
	case OPT_EVIDENCE:
		return parse_uint(v, &q->evidence, 1000, "bad --evidence '%s'");
	default:
		return usage_error("query", "%s", "unexpected option");
	}
}

static int run(const gx_query *q, const char *db)
{
	gx_store *st = NULL;
	int error;

	if (gx_store_open(&st, db, GX_STORE_READ) < 0) {
		fprintf(stderr, "guanxi: %s (build one with 'guanxi build PATH -o DIR')\n",
			gx_error_last());
		return EXIT_ERROR;
	}
	error = gx_query_run(st, q, stdout);
	gx_store_free(st);
	if (error == GX_EINVAL)
		return usage_error("query", "%s", gx_error_last());
	if (error < 0) {
		error_print(NULL);
		return EXIT_ERROR;
	}
	return EXIT_OK;
}

int cmd_query(int argc, char **argv)
{
	static const gx_optdef defs[] = {
	    {"db", 0, 1, OPT_DB}, {"json", 0, 0, OPT_JSON},         {"type", 0, 1, OPT_TYPE},
	    {"n", 'n', 1, OPT_N}, {"evidence", 0, 1, OPT_EVIDENCE}, {"cued", 0, 0, OPT_CUED},
	    {"by", 0, 1, OPT_BY}, {"help", 'h', 0, OPT_QHELP},      {"dict-dir", 0, 1, OPT_DDIR},
	    {NULL, 0, 0, 0}};
	gx_query q;
	lazy_lexicon ll;
	const char *db = "out/guanxi.db";
	gx_opts o;
	int id, seen = 0, args = 0, rc;

	memset(&q, 0, sizeof q);
	memset(&ll, 0, sizeof ll);
	ll.lo.quiet = 1;
	q.evidence = 2;
	q.lexicon = get_lexicon;
	q.payload = &ll;
	gx_opts_init(&o, argc, argv, defs);
	while ((id = gx_opts_next(&o)) != GX_OPT_END) {
		if (id == GX_OPT_ERROR)
			return usage_error("query", "%s", o.err);
		if (id == OPT_QHELP) {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		rc = id == GX_OPT_ARG ? positional(&q, o.value, &seen, &args)
				      : option(&q, &ll, &db, id, o.value);
		if (rc != 0)
			return EXIT_USAGE;
	}
	if (seen == 0)
		return usage_error("query", "%s", "no query given");
	if (seen <= args)
		return usage_error("query", "%s", args == 2 ? "two NAMEs needed" : "a NAME needed");
	rc = run(&q, db);
	gx_lexicon_free(ll.lx);
	return rc;
}
