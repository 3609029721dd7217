/* ingest.c — dyad ingest: STUB until its issue lands (owner replaces this file). */
#include "cli.h"
int cmd_ingest(int argc, char **argv)
{
    (void)argc; (void)argv;
    cli_error("ingest: not implemented yet");
    return 2;
}
