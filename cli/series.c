/* series.c — dyad series: what users plot — event counts, mentions and
 * Goldstein sums per day, week, month or year, for a dyad or any filter. */
#include "rows.h"

#include <stdio.h>
#include <string.h>

static const char help[] =
    "usage: dyad series --db FILE --dyad A,B [--by day|week|month|year] [OPTIONS]\n"
    "\n"
    "One row per period (default month; weeks start on Monday) with the\n"
    "number of distinct events, their mentions, the sum of their Goldstein\n"
    "values (and weighted by mentions) and counts per QuadClass. Events\n"
    "dated less precisely than the period (a month-only date in a daily\n"
    "series) are left out.\n"
    "\n" QUERY_HELP;

int cmd_series(int argc, char **argv)
{
    static const struct option opts[] = {
        QUERY_OPTIONS, {"by", required_argument, 0, 'B'}, {0, 0, 0, 0}};
    query_opts o = {0};
    const char *by = "month";
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'h') return cli_help(help);
        if (c == 'B') {
            if (strcmp(optarg, "day") && strcmp(optarg, "week") && strcmp(optarg, "month") &&
                strcmp(optarg, "year")) {
                query_free(&o);
                return cli_usage("series", "--by: '%s' is not one of day, week, month, year",
                                 optarg);
            }
            by = optarg;
            continue;
        }
        int r = query_option(&o, "series", c, optarg);
        if (r == 0) r = (cli_usage("series", "unknown option '%s'", argv[optind - 1]), -1);
        if (r < 0) { query_free(&o); return 2; }
    }
    if (optind < argc) {
        query_free(&o);
        return cli_usage("series", "unexpected argument '%s'", argv[optind]);
    }
    dyad_store *st = query_open(&o, "series");
    if (!st) { query_free(&o); return o.db ? 1 : 2; }
    rows_out r = {.mode = o.table ? ROWS_TABLE : ROWS_JSON};
    dyad_error err;
    dyad_status s = dyad_store_series(st, &o.q, by, rows_emit, &r, &err);
    rows_finish(&r);
    dyad_store_close(st);
    query_free(&o);
    if (s) cli_error("%s", err.msg);
    return s ? 1 : 0;
}
