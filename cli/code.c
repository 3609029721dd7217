/* code.c — dyad code: STUB until its issue lands (owner replaces this file). */
#include "cli.h"
int cmd_code(int argc, char **argv)
{
    (void)argc; (void)argv;
    cli_error("code: not implemented yet");
    return 2;
}
