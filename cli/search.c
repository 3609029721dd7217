/* search.c — dyad search: full-text search (SQLite FTS5, bm25) over the
 * stored articles' titles and bodies, each hit with its events. */
#include "rows.h"

#include <stdio.h>
#include <string.h>

static const char help[] =
    "usage: dyad search --db FILE [--limit N] [--table] QUERY...\n"
    "\n"
    "Articles matching QUERY, best first (bm25; title words weigh double),\n"
    "with a snippet and the events each reports. Plain words must all occur;\n"
    "FTS5 syntax (\"a phrase\", OR, NOT, prefix*) is used as given.\n"
    "Duplicates are not indexed: a story republished ten times is one hit.\n";

static const char *const table_cols[] = {"id", "score", "date", "story", "title",
                                         "snippet", NULL};

int cmd_search(int argc, char **argv)
{
    static const struct option opts[] = {QUERY_OPTIONS, {0, 0, 0, 0}};
    query_opts o = {0};
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'h') return cli_help(help);
        int r = c == 'd' || c == 't' || c == 'n' ? query_option(&o, "search", c, optarg) : 0;
        if (r == 0) r = (cli_usage("search", "unknown option '%s'", argv[optind - 1]), -1);
        if (r < 0) { query_free(&o); return 2; }
    }
    if (optind >= argc) return cli_usage("search", "no QUERY given");
    dyad_buf query = {0};
    for (int i = optind; i < argc; i++) {
        if (i > optind) dyad_buf_putc(&query, ' ');
        dyad_buf_puts(&query, argv[i]);
    }
    dyad_store *st = query_open(&o, "search");
    if (!st) { dyad_buf_free(&query); return o.db ? 1 : 2; }
    rows_out r = {.mode = o.table ? ROWS_TABLE : ROWS_JSON, .table_cols = table_cols};
    dyad_error err;
    dyad_status s = dyad_store_search(st, query.s, o.q.limit, rows_emit, &r, &err);
    rows_finish(&r);
    dyad_store_close(st);
    dyad_buf_free(&query);
    if (s) cli_error("%s", err.msg);
    return s ? (s == DYAD_ERR_USAGE ? 2 : 1) : 0;
}
