/* Shared pieces of the network exporters, and gx_network_export(), which
 * writes each requested format through an atomic output file. */
#include "export/common.h"
#include "core/error.h"
#include "core/fmt.h"
#include "graph/paths.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *gx_export__split_type(const char *type, char *coarse, size_t n)
{
	size_t len = strcspn(type, "/");

	if (len >= n)
		len = n - 1;
	memcpy(coarse, type, len);
	coarse[len] = '\0';
	return type[len] == '/' ? type + len + 1 : "";
}

void gx_export__xml(FILE *fp, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '&')
			fputs("&amp;", fp);
		else if (ch == '<')
			fputs("&lt;", fp);
		else if (ch == '>')
			fputs("&gt;", fp);
		else if (ch == '"')
			fputs("&quot;", fp);
		else if (ch == '\'')
			fputs("&apos;", fp);
		else if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')
			continue;
		else
			putc(ch, fp);
	}
}

void gx_export__json(FILE *fp, const char *s)
{
	putc('"', fp);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(fp, "\\%c", ch);
		else if (ch == '\n')
			fputs("\\n", fp);
		else if (ch == '\t')
			fputs("\\t", fp);
		else if (ch < 0x20)
			fprintf(fp, "\\u%04x", ch);
		else
			putc(ch, fp);
	}
	putc('"', fp);
}

void gx_export__csv(FILE *fp, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, fp);
		return;
	}
	putc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', fp);
		putc(*s, fp);
	}
	putc('"', fp);
}

/* Tableau 10 colours: distinct for the colour-blind and in grey print. */
static const struct {
	const char *type, *hex, *shape;
	int rgb[3];
} looks[] = {
    {"org", "#4E79A7", "box", {0x4E, 0x79, 0xA7}},
    {"zone", "#F28E2B", "hexagon", {0xF2, 0x8E, 0x2B}},
    {"programme", "#59A14F", "ellipse", {0x59, 0xA1, 0x4F}},
    {"place", "#B07AA1", "diamond", {0xB0, 0x7A, 0xA1}},
    {"", "#BAB0AC", "ellipse", {0xBA, 0xB0, 0xAC}},
};

static size_t look_of(const char *type)
{
	size_t i, len = strcspn(type, "/");

	for (i = 0; i < 4; i++)
		if (strlen(looks[i].type) == len && strncmp(type, looks[i].type, len) == 0)
			return i;
	return 4;
}

const char *gx_export__colour(const char *type)
{
	return looks[look_of(type)].hex;
}
const char *gx_export__shape(const char *type)
{
	return looks[look_of(type)].shape;
}

void gx_export__rgb(const char *type, int rgb[3])
{
	memcpy(rgb, looks[look_of(type)].rgb, sizeof looks[0].rgb);
}

double gx_export__size(const gx_network *net, size_t node)
{
	double lo = net->pagerank_lo, hi = net->pagerank_hi;

	return hi > lo ? (net->nodes[node].pagerank - lo) / (hi - lo) : 0.5;
}

const char *gx_export__num(char *buf, size_t n, double x)
{
	char tmp[40];

	if (n >= sizeof tmp) {
		gx_fmt_g10(buf, isfinite(x) ? x : 0.0);
		return buf;
	}
	gx_fmt_g10(tmp, isfinite(x) ? x : 0.0);
	snprintf(buf, n, "%s", tmp);
	return buf;
}

static const char *unit_name(const gx_cooc *c)
{
	static const char *const names[] = {"sentence", "paragraph", "document", "window"};

	return (unsigned)c->opt.unit < 4 ? names[c->opt.unit] : "sentence";
}

static void types_list(FILE *fp, unsigned mask)
{
	static const char *const names[] = {"org", "zone", "programme", "place"};
	int i, first = 1;

	for (i = 0; i < 4; i++)
		if (mask & (1u << i)) {
			fprintf(fp, "%s%s", first ? "" : ",", names[i]);
			first = 0;
		}
}

void gx_export__params_line(FILE *fp, const gx_network *net)
{
	const gx_network_options *o = &net->opt;

	fprintf(fp, "unit=%s", unit_name(net->cooc));
	if (net->cooc->opt.unit == GX_UNIT_WINDOW)
		fprintf(fp, ":%u", (unsigned)net->cooc->opt.window);
	fprintf(fp,
		" weight=%s min_count=%u top_edges=%u top_k=%u types=", gx_weight_name(o->weight),
		(unsigned)o->min_count, (unsigned)o->top_edges, (unsigned)o->top_k);
	types_list(fp, o->types);
	fprintf(fp, " lcc=%d resolution=%g draw_nodes=%u", o->lcc, o->resolution,
		(unsigned)o->draw_nodes);
	fprintf(fp, " layout=%s", gx_export__positioned(net) ? "graphviz" : "none");
	if (net->paths_exact)
		fputs(" paths=exact", fp);
	else
		fprintf(fp, " paths=sampled:%u:seed=%u", (unsigned)net->path_sources,
			(unsigned)GX_PATHS_SEED);
	if (o->dictionaries)
		fprintf(fp, " dictionaries=%s", o->dictionaries);
}

void gx_export__params_json(FILE *fp, const gx_network *net, const char *in)
{
	const gx_network_options *o = &net->opt;

	fprintf(fp, "%s\"generator\": \"guanxi %s\",\n", in, GX_VERSION);
	fprintf(fp, "%s\"unit\": \"%s\",\n%s\"window\": %u,\n", in, unit_name(net->cooc), in,
		(unsigned)net->cooc->opt.window);
	fprintf(fp, "%s\"weight\": \"%s\",\n", in, gx_weight_name(o->weight));
	fprintf(fp, "%s\"min_count\": %u,\n%s\"top_edges\": %u,\n%s\"top_k\": %u,\n", in,
		(unsigned)o->min_count, in, (unsigned)o->top_edges, in, (unsigned)o->top_k);
	fprintf(fp, "%s\"types\": \"", in);
	types_list(fp, o->types);
	fprintf(fp, "\",\n%s\"lcc\": %s,\n%s\"resolution\": %g,\n%s\"draw_nodes\": %u,\n", in,
		o->lcc ? "true" : "false", in, o->resolution, in, (unsigned)o->draw_nodes);
	fprintf(fp, "%s\"evidence_per_edge\": %u,\n", in, (unsigned)net->cooc->opt.evidence);
	fprintf(fp, "%s\"layout_max\": %u,\n%s\"positions\": %s,\n", in, (unsigned)o->layout_max,
		in, gx_export__positioned(net) ? "true" : "false");
	fprintf(fp, "%s\"paths\": \"%s\",\n%s\"path_sources\": %u,\n%s\"path_seed\": %u,\n", in,
		net->paths_exact ? "exact" : "sampled", in, (unsigned)net->path_sources, in,
		(unsigned)GX_PATHS_SEED);
	if (o->dictionaries) {
		fprintf(fp, "%s\"dictionaries\": ", in);
		gx_export__json(fp, o->dictionaries);
		fputs(",\n", fp);
	}
	fprintf(fp, "%s\"documents\": %zu,\n%s\"units\": %llu,\n", in, net->cooc->docs.len, in,
		(unsigned long long)net->cooc->units);
	fprintf(fp, "%s\"entities\": %zu,\n%s\"pairs\": %zu,\n", in, net->cooc->ents.len, in,
		net->cooc->pairs.len);
	fprintf(fp, "%s\"nodes\": %zu,\n%s\"edges\": %zu", in, net->n_nodes, in, net->n_edges);
}

int gx_export__open(gx_outfile **out, const char *dir, const char *name)
{
	char path[4096];

	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
		return gx_error_set(GX_EINVAL, "output path too long: %s/%s", dir, name);
	return gx_outfile_open(out, path);
}

void gx_export__put_num(FILE *fp, const char *a, double x, const char *b)
{
	char buf[40];

	fputs(a, fp);
	fwrite(buf, 1, gx_fmt_g10(buf, isfinite(x) ? x : 0.0), fp);
	fputs(b, fp);
}

void gx_export__put_int(FILE *fp, const char *a, long long x, const char *b)
{
	char buf[24];

	fputs(a, fp);
	fwrite(buf, 1, gx_fmt_i64(buf, x), fp);
	fputs(b, fp);
}

int gx_export__positioned(const gx_network *net)
{
	return net->n_nodes > 0 && net->n_nodes <= net->opt.layout_max;
}

typedef int (*writer_fn)(FILE *fp, const gx_network *net, const double *xy);

static int w_nodes(FILE *fp, const gx_network *net, const double *xy)
{
	(void)xy;
	return gx_export__nodes_csv(fp, net);
}
static int w_edges(FILE *fp, const gx_network *net, const double *xy)
{
	(void)xy;
	return gx_export__edges_csv(fp, net);
}
static int w_graphml(FILE *fp, const gx_network *net, const double *xy)
{
	(void)xy;
	return gx_export__graphml(fp, net);
}
static int w_summary(FILE *fp, const gx_network *net, const double *xy)
{
	(void)xy;
	return gx_export__summary(fp, net);
}
static int w_params(FILE *fp, const gx_network *net, const double *xy)
{
	(void)xy;
	return gx_export__params(fp, net);
}

static int write_one(const char *dir, const char *name, writer_fn fn, const gx_network *net,
		     const double *xy)
{
	gx_outfile *f = NULL;
	int error = gx_export__open(&f, dir, name);

	if (error < 0)
		return error;
	if ((error = fn(gx_outfile_stream(f), net, xy)) < 0) {
		gx_outfile_abort(f);
		return error;
	}
	return gx_outfile_commit(f);
}

int gx_network_export(const gx_network *net, const char *dir, unsigned formats)
{
	static const struct {
		unsigned fmt;
		const char *name;
		writer_fn fn;
	} files[] = {
	    {GX_FMT_CSV, "nodes.csv", w_nodes},
	    {GX_FMT_CSV, "edges.csv", w_edges},
	    {GX_FMT_GRAPHML, "graph.graphml", w_graphml},
	    {GX_FMT_GEXF, "graph.gexf", gx_export__gexf},
	    {GX_FMT_JSON, "graph.json", gx_export__json_graph},
	    {GX_FMT_SUMMARY, "summary.txt", w_summary},
	    {GX_FMT_SUMMARY, "params.json", w_params},
	};
	double *xy = NULL;
	size_t i;
	int error = GX_OK;

	/* one layout serves the GEXF and JSON positions */
	if ((formats & (GX_FMT_GEXF | GX_FMT_JSON)) && gx_export__positioned(net))
		xy = gx_export__layout(net);
	for (i = 0; i < sizeof files / sizeof files[0] && error == GX_OK; i++)
		if (formats & files[i].fmt)
			error = write_one(dir, files[i].name, files[i].fn, net, xy);
	free(xy);
	if (error == GX_OK && (formats & (GX_FMT_DOT | GX_FMT_SVG | GX_FMT_PNG)))
		error = gx_export__drawings(net, dir, formats);
	return error;
}
