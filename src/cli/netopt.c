#include "netopt.h"
#include "common.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void network_opts_init(network_opts *no)
{
	memset(no, 0, sizeof *no);
	no->cooc.unit = GX_UNIT_SENTENCE;
	no->cooc.evidence = 3;
	gx_network_options_init(&no->net);
	no->formats = GX_FMT_ALL;
}

static int parse_count(const char *value, uint32_t *out, const char *name)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(value, &end, 10);
	if (*value == '\0' || *end || value[0] == '-' || errno || n > UINT32_MAX)
		return usage_error("build", name, value);
	*out = (uint32_t)n;
	return 1;
}

/* auto | exact | N sampled sources (N >= 1) */
static int parse_paths(const char *value, uint32_t *out)
{
	uint32_t n = 0;

	if (strcmp(value, "auto") == 0) {
		*out = GX_PATHS_AUTO;
		return 1;
	}
	if (strcmp(value, "exact") == 0) {
		*out = GX_PATHS_EXACT;
		return 1;
	}
	if (parse_count(value, &n, "bad --paths '%s' (auto, exact or a number of sources)") != 1)
		return -1;
	if (n == 0 || n == GX_PATHS_EXACT) {
		usage_error("build", "bad --paths '%s' (auto, exact or a number of sources)",
			    value);
		return -1;
	}
	*out = n;
	return 1;
}

int network_opt(network_opts *no, int id, const char *value)
{
	uint32_t n = 0;
	int w;

	switch (id) {
	case OPT_UNIT:
		if (gx_unit_parse(value, &no->cooc.unit, &no->cooc.window) < 0) {
			usage_error("build", "%s", gx_error_last());
			return -1;
		}
		return 1;
	case OPT_WEIGHT:
		if ((w = gx_weight_parse(value)) < 0) {
			usage_error("build",
				    "unknown weight '%s' (count, assoc, jaccard, cosine, pmi)",
				    value);
			return -1;
		}
		no->net.weight = (gx_weight_kind)w;
		return 1;
	case OPT_MIN_COUNT:
		return parse_count(value, &no->net.min_count, "bad --min-count '%s'") == 1 ? 1 : -1;
	case OPT_TOP_EDGES:
		return parse_count(value, &no->net.top_edges, "bad --top-edges '%s'") == 1 ? 1 : -1;
	case OPT_TOP_K:
		return parse_count(value, &no->net.top_k, "bad --top-k '%s'") == 1 ? 1 : -1;
	case OPT_DRAW_NODES:
		return parse_count(value, &no->net.draw_nodes, "bad --draw-nodes '%s'") == 1 ? 1
											     : -1;
	case OPT_EVIDENCE:
		if (parse_count(value, &n, "bad --evidence '%s'") != 1)
			return -1;
		if (n > 8) {
			usage_error("build", "--evidence '%s': at most 8", value);
			return -1;
		}
		no->cooc.evidence = n;
		return 1;
	case OPT_TYPES:
		if (gx_types_parse(value, &no->net.types) < 0) {
			usage_error("build", "%s", gx_error_last());
			return -1;
		}
		return 1;
	case OPT_FORMAT:
		if (gx_formats_parse(value, &no->formats) < 0) {
			usage_error("build", "%s", gx_error_last());
			return -1;
		}
		return 1;
	case OPT_LAYOUT_MAX:
		return parse_count(value, &no->net.layout_max, "bad --layout-max '%s'") == 1 ? 1
											     : -1;
	case OPT_PATHS:
		return parse_paths(value, &no->net.paths);
	case OPT_LCC:
		no->net.lcc = 1;
		return 1;
	case OPT_RESOLUTION: {
		char *end;
		double r = strtod(value, &end);

		if (*value == '\0' || *end || !(r > 0) || r > 1e6) {
			usage_error("build", "bad --resolution '%s' (a number > 0)", value);
			return -1;
		}
		no->net.resolution = r;
		return 1;
	}
	default:
		return 0;
	}
}
