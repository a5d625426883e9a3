#ifndef GX_CLI_COMMANDS_H
#define GX_CLI_COMMANDS_H

int cmd_extract(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_query(int argc, char **argv);

#endif
