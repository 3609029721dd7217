/* events.c — dyad events: STUB until its issue lands (owner replaces this file). */
#include "cli.h"
int cmd_events(int argc, char **argv)
{
    (void)argc; (void)argv;
    cli_error("events: not implemented yet");
    return 2;
}
