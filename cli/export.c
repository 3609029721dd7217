/* export.c — dyad export: the stored events as GDELT 2.0 event rows (61
 * columns), GDELT 2.0 mention rows (16 columns), JSON Lines or PLOVER,
 * with the same filters as dyad events. */
#include "rows.h"

#include <stdio.h>
#include <string.h>

static const char help[] =
    "usage: dyad export --db FILE --format gdelt|mentions|jsonl|plover [OPTIONS]\n"
    "\n"
    "  gdelt     GDELT 2.0 event table (TSV, 61 columns, no header); one row\n"
    "            per event with GlobalEventID, NumMentions, NumArticles,\n"
    "            NumSources from the store\n"
    "  mentions  GDELT 2.0 mentions table (TSV, 16 columns): one row per\n"
    "            sentence that reports an event\n"
    "  jsonl     one JSON object per event (as dyad events)\n"
    "  plover    PLOVER JSON, one object per event\n"
    "\n" QUERY_HELP;

typedef struct {
    dyad_buf b;
    int plover;
} doc_out;

static dyad_status write_doc(const dyad_doc *doc, void *ctx, dyad_error *err)
{
    (void)err;
    doc_out *o = ctx;
    if (o->plover) dyad_out_events_plover(&o->b, doc);
    else dyad_out_events_gdelt(&o->b, doc);
    cli_flush(&o->b, 0);
    return DYAD_OK;
}

int cmd_export(int argc, char **argv)
{
    static const struct option opts[] = {
        QUERY_OPTIONS, {"format", required_argument, 0, 'F'}, {0, 0, 0, 0}};
    query_opts o = {0};
    const char *format = NULL;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'h') return cli_help(help);
        if (c == 'F') { format = optarg; continue; }
        int r = c == 't' ? 0 : query_option(&o, "export", c, optarg);
        if (r == 0) r = (cli_usage("export", "unknown option '%s'", argv[optind - 1]), -1);
        if (r < 0) { query_free(&o); return 2; }
    }
    if (optind < argc) {
        query_free(&o);
        return cli_usage("export", "unexpected argument '%s'", argv[optind]);
    }
    if (!format || (strcmp(format, "gdelt") && strcmp(format, "mentions") &&
                    strcmp(format, "jsonl") && strcmp(format, "plover"))) {
        query_free(&o);
        return cli_usage("export", "--format must be one of gdelt, mentions, jsonl, plover");
    }
    dyad_store *st = query_open(&o, "export");
    if (!st) { query_free(&o); return o.db ? 1 : 2; }
    dyad_error err;
    dyad_status s;
    if (strcmp(format, "mentions") == 0 || strcmp(format, "jsonl") == 0) {
        rows_out r = {.mode = format[0] == 'm' ? ROWS_TSV : ROWS_JSON};
        s = format[0] == 'm' ? dyad_store_mentions(st, &o.q, rows_emit, &r, &err)
                             : dyad_store_events(st, &o.q, rows_emit, &r, &err);
        rows_finish(&r);
    } else {
        doc_out d = {.plover = format[0] == 'p'};
        s = dyad_store_event_docs(st, &o.q, write_doc, &d, &err);
        cli_flush(&d.b, 1);
        dyad_buf_free(&d.b);
    }
    dyad_store_close(st);
    query_free(&o);
    if (s) cli_error("%s", err.msg);
    return s ? 1 : 0;
}
