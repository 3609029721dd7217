/* series.c — dyad series: STUB until its issue lands (owner replaces this file). */
#include "cli.h"
int cmd_series(int argc, char **argv)
{
    (void)argc; (void)argv;
    cli_error("series: not implemented yet");
    return 2;
}
