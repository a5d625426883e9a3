/* igraph's error and warning handlers, shared by the files of src/graph/
 * (the only ones that include igraph). igraph's default handler aborts. */
#ifndef GX_GRAPH_IGRAPH_GLUE_H
#define GX_GRAPH_IGRAPH_GLUE_H

#include <igraph.h>

/* Installs handlers that keep igraph's first message and never abort; call
 * before a run of igraph calls. */
void gx_graph__install_handlers(void);
/* Sets the error (GX_ERROR, "igraph: WHAT failed: MESSAGE") for a failed
 * igraph call and returns it. */
int gx_graph__fail(igraph_error_t code, const char *what);

#endif
