/* export.c — dyad export: STUB until its issue lands (owner replaces this file). */
#include "cli.h"
int cmd_export(int argc, char **argv)
{
    (void)argc; (void)argv;
    cli_error("export: not implemented yet");
    return 2;
}
