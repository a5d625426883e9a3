#include "opt.h"

#include <stdio.h>
#include <string.h>

void gx_opts_init(gx_opts *o, int argc, char **argv, const gx_optdef *defs)
{
	memset(o, 0, sizeof *o);
	o->argc = argc;
	o->argv = argv;
	o->defs = defs;
}

static const gx_optdef *find_long(const gx_optdef *d, const char *name, size_t n)
{
	for (; d->id; d++)
		if (strlen(d->name) == n && strncmp(d->name, name, n) == 0)
			return d;
	return NULL;
}

static const gx_optdef *find_short(const gx_optdef *d, char c)
{
	for (; d->id; d++)
		if (d->short_name == c)
			return d;
	return NULL;
}

static int take_value(gx_opts *o, const gx_optdef *d, const char *inline_value, const char *shown)
{
	if (!d->has_value) {
		if (inline_value) {
			snprintf(o->err, sizeof o->err, "option %s takes no value", shown);
			return GX_OPT_ERROR;
		}
		return d->id;
	}
	if (inline_value) {
		o->value = inline_value;
		return d->id;
	}
	if (o->i >= o->argc) {
		snprintf(o->err, sizeof o->err, "option %s needs a value", shown);
		return GX_OPT_ERROR;
	}
	o->value = o->argv[o->i++];
	return d->id;
}

int gx_opts_next(gx_opts *o)
{
	const char *a;
	const gx_optdef *d;

	if (o->i >= o->argc)
		return GX_OPT_END;
	a = o->argv[o->i++];
	if (o->only_args || a[0] != '-' || a[1] == '\0') {
		o->value = a;
		return GX_OPT_ARG;
	}
	if (strcmp(a, "--") == 0) {
		o->only_args = 1;
		return gx_opts_next(o);
	}
	if (a[1] == '-') {
		const char *eq = strchr(a + 2, '=');
		size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);

		d = find_long(o->defs, a + 2, n);
		if (d == NULL) {
			snprintf(o->err, sizeof o->err, "unknown option '%.*s'", (int)(n + 2), a);
			return GX_OPT_ERROR;
		}
		return take_value(o, d, eq ? eq + 1 : NULL, a);
	}
	d = find_short(o->defs, a[1]);
	if (d == NULL || (a[2] != '\0' && !d->has_value)) {
		snprintf(o->err, sizeof o->err, "unknown option '%s'", a);
		return GX_OPT_ERROR;
	}
	return take_value(o, d, a[2] ? a + 2 : NULL, a);
}
