/* read.c — dyad read: articles in, one JSON object per article out. */
#include "cli.h"

static const char help[] =
    "usage: dyad read [--input text|html|jsonl] [--date YYYY-MM-DD] [FILE...]\n"
    "\n"
    "Reads articles and prints one JSON object per article (JSON Lines):\n"
    "id, path, title, subtitle, date, dateline, source, byline, url, tags,\n"
    "text (the cleaned body), sentences (start, end, text; byte offsets into\n"
    "text) and removed (page chrome dropped, with the reason).\n"
    "\n"
    "  --input KIND   treat every FILE as text, html or jsonl (default: by\n"
    "                 extension and content)\n"
    "  --date DATE    publication date for articles that give none\n";

static dyad_status one(dyad_doc *doc, void *ctx, dyad_error *err)
{
    dyad_buf *out = ctx;
    dyad_status st;
    if ((st = dyad_article(doc, err)) || (st = dyad_text(doc, err))) return st;
    dyad_out_article_json(out, doc);
    cli_flush(out, 0);
    return DYAD_OK;
}

int cmd_read(int argc, char **argv)
{
    static const struct option opts[] = {CLI_INPUT_OPTIONS, {0, 0, 0, 0}};
    cli_inputs in = {0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') return cli_help(help);
        int r = cli_input_option(&in, c, optarg);
        if (r < 0) return 2;
        if (r == 0) return cli_usage("read", "unknown option");
    }
    in.files = argv + optind;
    in.nfiles = argc - optind;
    dyad_buf out = {0};
    int rc = cli_each_doc(&in, one, &out);
    cli_flush(&out, 1);
    dyad_buf_free(&out);
    return rc;
}
