/* search.c — dyad search: STUB until its issue lands (owner replaces this file). */
#include "cli.h"
int cmd_search(int argc, char **argv)
{
    (void)argc; (void)argv;
    cli_error("search: not implemented yet");
    return 2;
}
