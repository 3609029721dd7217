/* articles.c — dyad articles: the stored articles with their duplicate and
 * story links, as JSON Lines or a table. */
#include "rows.h"

#include <stdio.h>

static const char help[] =
    "usage: dyad articles --db FILE [--story N] [--article ID] [--limit N] [--table]\n"
    "\n"
    "Stored articles in the order they were stored: id, title, date, source,\n"
    "sentences and events, the story they belong to, and the article they\n"
    "duplicate (duplicate_of, exact or near, with the shingle similarity).\n";

static const char *const table_cols[] = {
    "id", "date", "events", "story", "duplicate_of", "title", NULL};

int cmd_articles(int argc, char **argv)
{
    return query_verb(argc, argv, "articles", help, table_cols, dyad_store_articles);
}
