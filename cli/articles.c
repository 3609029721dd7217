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
    static const struct option opts[] = {QUERY_OPTIONS, {0, 0, 0, 0}};
    query_opts o = {0};
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'h') return cli_help(help);
        int r = query_option(&o, "articles", c, optarg);
        if (r == 0) r = (cli_usage("articles", "unknown option '%s'", argv[optind - 1]), -1);
        if (r < 0) { query_free(&o); return 2; }
    }
    if (optind < argc) {
        query_free(&o);
        return cli_usage("articles", "unexpected argument '%s'", argv[optind]);
    }
    dyad_store *st = query_open(&o, "articles");
    if (!st) { query_free(&o); return o.db ? 1 : 2; }
    rows_out r = {.mode = o.table ? ROWS_TABLE : ROWS_JSON, .table_cols = table_cols};
    dyad_error err;
    dyad_status s = dyad_store_articles(st, &o.q, rows_emit, &r, &err);
    rows_finish(&r);
    dyad_store_close(st);
    query_free(&o);
    if (s) cli_error("%s", err.msg);
    return s ? 1 : 0;
}
