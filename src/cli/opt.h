/* A small command-line option parser: --name VALUE, --name=VALUE, -o VALUE,
 * flags, positional arguments, and `--` to end options. */
#ifndef GX_CLI_OPT_H
#define GX_CLI_OPT_H

typedef struct {
	const char *name; /* long name without dashes */
	char short_name;  /* 0 if none */
	int has_value;
	int id; /* > 0 */
} gx_optdef;

typedef struct {
	int argc;
	char **argv;
	int i, only_args;
	const gx_optdef *defs;
	const char *value; /* the option's value, or the positional argument */
	char err[256];
} gx_opts;

enum { GX_OPT_ARG = 0, GX_OPT_END = -1, GX_OPT_ERROR = -2 };

void gx_opts_init(gx_opts *o, int argc, char **argv, const gx_optdef *defs);
/* Returns an option id, GX_OPT_ARG (positional in o->value), GX_OPT_END, or
 * GX_OPT_ERROR (message in o->err). */
int gx_opts_next(gx_opts *o);

#endif
