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
    static const struct option opts[] = {QUERY_OPTIONS, {0, 0, 0, 0}};
    query_opts o = {0};
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'h') return cli_help(help);
        int r = query_option(&o, "events", c, optarg);
        if (r == 0) r = (cli_usage("events", "unknown option '%s'", argv[optind - 1]), -1);
        if (r < 0) { query_free(&o); return 2; }
    }
    if (optind < argc) {
        query_free(&o);
        return cli_usage("events", "unexpected argument '%s'", argv[optind]);
    }
    dyad_store *st = query_open(&o, "events");
    if (!st) { query_free(&o); return o.db ? 1 : 2; }
    rows_out r = {.mode = o.table ? ROWS_TABLE : ROWS_JSON, .table_cols = table_cols};
    dyad_error err;
    dyad_status s = dyad_store_events(st, &o.q, rows_emit, &r, &err);
    rows_finish(&r);
    dyad_store_close(st);
    query_free(&o);
    if (s) cli_error("%s", err.msg);
    return s ? (s == DYAD_ERR_USAGE ? 2 : 1) : 0;
}
