/* stories.c — dyad stories: STUB until its issue lands (owner replaces this file). */
#include "cli.h"
int cmd_stories(int argc, char **argv)
{
    (void)argc; (void)argv;
    cli_error("stories: not implemented yet");
    return 2;
}
