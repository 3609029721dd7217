/* events.c — dyad events: the stored events, one per line (JSON Lines) or
 * as a table, filtered by actors, code, QuadClass, date, modality, story. */
#include "rows.h"

#include <stdio.h>

static const char help[] =
    "usage: dyad events --db FILE [OPTIONS]\n"
    "\n"
    "Stored events in event-date order: one JSON object per event with its\n"
    "GDELT counts (mentions, articles, sources), its first report and every\n"
    "report that mentions it.\n"
    "\n" QUERY_HELP;

static const char *const table_cols[] = {
    "global_id", "date", "source", "target", "code", "quad_class", "goldstein",
    "modality", "mentions", "articles", "sources", "doc", "sentence", NULL};

int cmd_events(int argc, char **argv)
{
    return query_verb(argc, argv, "events", help, table_cols, dyad_store_events);
}
