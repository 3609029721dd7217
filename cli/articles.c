/* articles.c — dyad articles: STUB until its issue lands (owner replaces this file). */
#include "cli.h"
int cmd_articles(int argc, char **argv)
{
    (void)argc; (void)argv;
    cli_error("articles: not implemented yet");
    return 2;
}
