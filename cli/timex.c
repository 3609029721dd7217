/* timex.c — dyad timex: STUB until its issue lands (owner replaces this file). */
#include "cli.h"
int cmd_timex(int argc, char **argv)
{
    (void)argc; (void)argv;
    cli_error("timex: not implemented yet");
    return 2;
}
