/* stories.c — dyad stories: the stories the store grouped articles into,
 * each with its articles and the timeline of its events (event-date
 * order). As a table: the list of stories, then each chosen story's
 * timeline. */
#include "rows.h"

#include <stdio.h>

static const char help[] =
    "usage: dyad stories --db FILE [--story N] [--limit N] [--brief] [--table]\n"
    "\n"
    "Stories: articles grouped as they arrived (words, actors, time). Each\n"
    "JSON object has the story's title, dates, articles and the timeline of\n"
    "its events in event-date order (--brief leaves those two out). With\n"
    "--table, a table of stories; with --story N also its timeline.\n";

static const char *const table_cols[] = {
    "story", "first", "last", "articles", "events", "title", NULL};
static const char *const timeline_cols[] = {
    "date", "source", "target", "code", "goldstein", "modality", "mentions",
    "articles", "sources", "doc", "sentence", NULL};

int cmd_stories(int argc, char **argv)
{
    static const struct option opts[] = {
        QUERY_OPTIONS, {"brief", no_argument, 0, 'b'}, {0, 0, 0, 0}};
    query_opts o = {0};
    int c, brief = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'h') return cli_help(help);
        if (c == 'b') { brief = 1; continue; }
        int r = query_option(&o, "stories", c, optarg);
        if (r == 0) r = (cli_usage("stories", "unknown option '%s'", argv[optind - 1]), -1);
        if (r < 0) { query_free(&o); return 2; }
    }
    if (optind < argc) {
        query_free(&o);
        return cli_usage("stories", "unexpected argument '%s'", argv[optind]);
    }
    dyad_store *st = query_open(&o, "stories");
    if (!st) { query_free(&o); return o.db ? 1 : 2; }
    rows_out r = {.mode = o.table ? ROWS_TABLE : ROWS_JSON, .table_cols = table_cols};
    dyad_error err;
    dyad_status s = dyad_store_stories(st, &o.q, !brief && !o.table, rows_emit, &r, &err);
    rows_finish(&r);
    if (!s && o.table && o.q.story) {
        printf("\n");
        rows_out t = {.mode = ROWS_TABLE, .table_cols = timeline_cols};
        dyad_query q = {.story = o.q.story};
        s = dyad_store_events(st, &q, rows_emit, &t, &err);
        rows_finish(&t);
    }
    dyad_store_close(st);
    query_free(&o);
    if (s) cli_error("%s", err.msg);
    return s ? 1 : 0;
}
