/* The store's building blocks: the content hash (FNV-1a 64 test vectors),
 * JSON escaping, display widths and table alignment for CJK text, and a
 * round trip through a store on disk: documents in, derived tables out,
 * queries answered, an unknown name refused, an older schema upgraded. */
#define _POSIX_C_SOURCE 200809L
#include "graph/network.h"
#include "graph/paths.h"
#include "harness.h"
#include "query/query.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_hash(void)
{
	/* the published FNV-1a 64-bit vectors */
	GX_CHECK(gx_store__hash("", 0) == 0xcbf29ce484222325ull);
	GX_CHECK(gx_store__hash("a", 1) == 0xaf63dc4c8601ec8cull);
	GX_CHECK(gx_store__hash("foobar", 6) == 0x85944171f73967e8ull);
}

static char *capture(void (*fn)(FILE *, const void *), const void *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	fn(fp, arg);
	fclose(fp);
	return buf;
}

static void json_of(FILE *fp, const void *s)
{
	gx_json_str(fp, s);
}

static void test_json(void)
{
	char *s = capture(json_of, "a\"b\\c\n\t\x01镇江");

	GX_CHECK_STR(s, "\"a\\\"b\\\\c\\n\\t\\u0001镇江\"");
	free(s);
}

static void table_of(FILE *fp, const void *unused)
{
	static const char *head[] = {"name", "n"};
	static const int right[] = {0, 1};
	gx_qtable t;

	(void)unused;
	gx_qtable_init(&t, 2, head, right);
	gx_qtable_row(&t, (const char *const[]){"苏州大学", "12"});
	gx_qtable_row(&t, (const char *const[]){"MIT", "3"});
	gx_qtable_note(&t, "evidence");
	gx_qtable_print(&t, fp);
	gx_qtable_dispose(&t);
}

static void test_table(void)
{
	char *s = capture(table_of, NULL);

	GX_CHECK(gx_display_width("苏州大学") == 8);
	GX_CHECK(gx_display_width("ab（c）") == 7);
	GX_CHECK_STR(s, "name       n\n"
			"苏州大学  12\n"
			"MIT        3\n"
			"      evidence\n");
	free(s);
}

/* Runs a query and returns what it printed (caller frees); `*rc` its code. */
static char *ask(gx_store *st, gx_query *q, int *rc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	*rc = gx_query_run(st, q, fp);
	fclose(fp);
	return buf;
}

static int64_t scalar(gx_store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;
	int64_t v = -1;

	if (gx_store__prepare(st, &s, sql) == GX_OK && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* A store of schema 1 (no evidence table) is refused for reading with a
 * hint, and upgraded by opening it for an update: its commit derives the
 * new table although no document changed. */
static void test_old_schema(const char *db)
{
	sqlite3 *raw = NULL;
	gx_store *st = NULL;
	int64_t rows;

	GX_CHECK(gx_store_open(&st, db, GX_STORE_READ) == GX_OK);
	rows = scalar(st, "SELECT count(*) FROM evidence");
	gx_store_free(st);
	GX_CHECK(sqlite3_open(db, &raw) == SQLITE_OK);
	GX_CHECK(sqlite3_exec(raw, "DROP TABLE evidence; PRAGMA user_version = 1", NULL, NULL,
			      NULL) == SQLITE_OK);
	sqlite3_close(raw);
	GX_CHECK_INT(gx_store_open(&st, db, GX_STORE_READ), GX_EINVAL);
	GX_CHECK(strstr(gx_error_last(), "schema 1") != NULL);
	GX_CHECK(strstr(gx_error_last(), "guanxi build --db") != NULL);
	GX_CHECK(gx_store_open(&st, db, GX_STORE_UPDATE) == GX_OK);
	if (st == NULL)
		return;
	GX_CHECK_INT(scalar(st, "PRAGMA user_version"), GX_STORE_SCHEMA);
	GX_CHECK_INT(scalar(st, "SELECT count(*) FROM evidence"), 0);
	GX_CHECK(gx_store_commit(st, NULL) == GX_OK);
	GX_CHECK_INT(scalar(st, "SELECT count(*) FROM evidence"), rows);
	GX_CHECK_INT(scalar(st, "SELECT count(*) FROM meta WHERE key = 'dirty'"), 0);
	gx_store_free(st);
}

/* A FRESH store of `doc` committed with `net`; returns the stored
 * betweenness of `name` (-1 if none). */
static double fresh_betweenness(const char *db, const gx_doc *doc, const gx_network *net,
				uint32_t paths, const char *name)
{
	char sql[256];
	gx_store *st = NULL;
	double v = -1;

	unlink(db);
	GX_CHECK(gx_store_open(&st, db, GX_STORE_FRESH) == GX_OK);
	gx_store_set_paths(st, paths, 1);
	GX_CHECK(gx_store_put_doc(st, doc, "a.txt", NULL) == GX_OK);
	GX_CHECK(gx_store_commit_network(st, net, NULL) == GX_OK);
	gx_store_free(st);
	GX_CHECK(gx_store_open(&st, db, GX_STORE_READ) == GX_OK);
	snprintf(sql, sizeof sql, "SELECT betweenness * 1000 FROM entities WHERE name = '%s'",
		 name);
	v = (double)scalar(st, sql) / 1000;
	gx_store_free(st);
	return v;
}

/* A FRESH store takes the measures of the exports' network when it is the
 * network the store would compute, and only then: the network's values are
 * made up here, so they show which way the store went. */
static void test_shared_network(const char *dir, const gx_doc *doc)
{
	char db[96];
	gx_cooc *c = NULL;
	gx_network *net = NULL, *filtered = NULL;
	gx_network_options opt;
	const char *name;
	size_t i;

	snprintf(db, sizeof db, "%s/shared.db", dir);
	GX_CHECK(gx_cooc_new(&c, NULL) == GX_OK);
	GX_CHECK(gx_cooc_add_doc(c, doc, "a.txt") == GX_OK);
	GX_CHECK(gx_network_build(&net, c, NULL) == GX_OK);
	gx_network_options_init(&opt);
	opt.min_count = 2;
	GX_CHECK(gx_network_build(&filtered, c, &opt) == GX_OK);
	if (net == NULL || filtered == NULL || net->n_nodes == 0)
		goto done;
	name = net->nodes[0].name;
	for (i = 0; i < net->n_nodes; i++)
		net->nodes[i].betweenness = 4321;
	for (i = 0; i < filtered->n_nodes; i++)
		filtered->nodes[i].betweenness = 4321;
	GX_CHECK(fresh_betweenness(db, doc, net, GX_PATHS_AUTO, name) == 4321);
	/* edges filtered out, other path sources, or no network: computed */
	GX_CHECK(fresh_betweenness(db, doc, filtered, GX_PATHS_AUTO, name) != 4321);
	GX_CHECK(fresh_betweenness(db, doc, net, 1, name) != 4321);
	GX_CHECK(fresh_betweenness(db, doc, NULL, GX_PATHS_AUTO, name) >= 0);
done:
	gx_network_free(net);
	gx_network_free(filtered);
	gx_cooc_free(c);
	unlink(db);
}

/* A FRESH store counts documents as it stores them; one stored again under
 * the same name with other content (as when a file changes during the
 * build) replaces the first, and the commit then reads every mention back: none of
 * the first version's ties is left. */
static void test_fresh_replaced(const char *dir, const gx_lexicon *lx)
{
	char path[2][96], db[96];
	gx_doc *a = NULL, *b = NULL;
	gx_store *st = NULL;
	gx_doc_action action = GX_DOC_ADDED;
	FILE *fp;

	snprintf(path[0], sizeof path[0], "%s/r1.txt", dir);
	snprintf(path[1], sizeof path[1], "%s/r2.txt", dir);
	snprintf(db, sizeof db, "%s/replaced.db", dir);
	fp = fopen(path[0], "wb");
	fputs("苏州大学与苏州市签署合作协议。\n", fp);
	fclose(fp);
	GX_CHECK(gx_doc_recognise(&a, lx, path[0], NULL, NULL, NULL) == GX_OK);
	fp = fopen(path[1], "wb");
	fputs("南京大学与东南大学共建实验室。\n", fp);
	fclose(fp);
	GX_CHECK(gx_doc_recognise(&b, lx, path[1], NULL, NULL, NULL) == GX_OK);
	GX_CHECK(gx_store_open(&st, db, GX_STORE_FRESH) == GX_OK);
	GX_CHECK(gx_store_put_doc(st, a, "r.txt", NULL) == GX_OK);
	GX_CHECK(gx_store_put_doc(st, b, "r.txt", &action) == GX_OK);
	GX_CHECK(action == GX_DOC_REPLACED);
	GX_CHECK(gx_store_commit(st, NULL) == GX_OK);
	gx_store_free(st);
	GX_CHECK(gx_store_open(&st, db, GX_STORE_READ) == GX_OK);
	GX_CHECK_INT(scalar(st, "SELECT count(*) FROM entities"), 2);
	GX_CHECK_INT(scalar(st, "SELECT count(*) FROM edges"), 1);
	GX_CHECK_INT(scalar(st, "SELECT count(*) FROM evidence"), 1);
	GX_CHECK_INT(scalar(st, "SELECT count(*) FROM aliases WHERE surface = '苏州大学'"), 0);
	gx_store_free(st);
	gx_doc_free(a);
	gx_doc_free(b);
	unlink(path[0]);
	unlink(path[1]);
	unlink(db);
}

static void test_round_trip(void)
{
	char dir[] = "/tmp/gx-test-store-XXXXXX", doc_path[64], db[64], cues[64];
	gx_lexicon *lx = NULL;
	gx_doc *doc = NULL;
	gx_store *st = NULL;
	gx_store_stats stats;
	gx_doc_action action = GX_DOC_UNCHANGED;
	gx_query q;
	FILE *fp;
	char *out;
	int rc;

	GX_CHECK(mkdtemp(dir) != NULL);
	snprintf(doc_path, sizeof doc_path, "%s/a.txt", dir);
	snprintf(db, sizeof db, "%s/guanxi.db", dir);
	snprintf(cues, sizeof cues, "%s/cues.txt", gx_default_dict_dir());
	fp = fopen(doc_path, "wb");
	fputs("苏州大学与蘇州工業園區签署合作协议。\n苏州大学和苏州市。\n", fp);
	fclose(fp);
	GX_CHECK(gx_lexicon_new(&lx, NULL, NULL) == GX_OK);
	GX_CHECK(gx_lexicon_load_dir(lx, gx_default_dict_dir(), GX_LOAD_ALL) == GX_OK);
	GX_CHECK(gx_lexicon_finish(lx) == GX_OK);
	GX_CHECK(gx_doc_recognise(&doc, lx, doc_path, NULL, NULL, NULL) == GX_OK);

	GX_CHECK(gx_store_open(&st, db, GX_STORE_FRESH) == GX_OK);
	GX_CHECK(gx_store_load_cues(st, cues) == GX_OK);
	GX_CHECK(gx_store_put_doc(st, doc, "a.txt", &action) == GX_OK);
	GX_CHECK(action == GX_DOC_ADDED);
	GX_CHECK(access(db, F_OK) != 0); /* not there before the commit */
	GX_CHECK(gx_store_commit(st, &stats) == GX_OK);
	gx_store_free(st);
	GX_CHECK(access(db, F_OK) == 0);
	GX_CHECK_INT(stats.documents, 1);
	GX_CHECK(stats.edges >= 2);

	GX_CHECK(gx_store_open(&st, db, GX_STORE_READ) == GX_OK);
	memset(&q, 0, sizeof q);
	q.kind = GX_Q_PAIR;
	q.a = "苏州大学";
	q.b = "苏州工业园区";
	q.json = 1;
	out = ask(st, &q, &rc);
	GX_CHECK(rc == GX_OK);
	GX_CHECK(strstr(out, "\"count\": 1, \"cued\": 1") != NULL);
	GX_CHECK(strstr(out, "签署合作协议") != NULL);
	free(out);
	q.kind = GX_Q_ENTITY;
	q.a = "苏州大学x";
	out = ask(st, &q, &rc);
	GX_CHECK(rc == GX_ENOTFOUND);
	GX_CHECK(strstr(gx_error_last(), "closest known names: 苏州大学") != NULL);
	free(out);
	gx_store_free(st);

	GX_CHECK(gx_store_open(&st, db, GX_STORE_READ) == GX_OK);
	/* every edge keeps its first units, at most GX_STORE_EVIDENCE */
	GX_CHECK(scalar(st, "SELECT count(*) FROM evidence") ==
		 scalar(st, "SELECT sum(min(count, 8)) FROM edges"));
	GX_CHECK(scalar(st, "SELECT count(*) FROM evidence") > 0);
	gx_store_free(st);
	test_old_schema(db);
	test_shared_network(dir, doc);
	test_fresh_replaced(dir, lx);

	gx_doc_free(doc);
	gx_lexicon_free(lx);
	unlink(db);
	unlink(doc_path);
	rmdir(dir);
}

int main(void)
{
	test_hash();
	test_json();
	test_table();
	test_round_trip();
	return gx_test_done();
}
