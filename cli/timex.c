/* timex.c — dyad timex: time expressions in, one JSON object per expression
 * out, normalised against the document creation time. */
#include "cli.h"

#include <string.h>

static const char help[] =
    "usage: dyad timex [--dct DATE] [--input text|html|jsonl] [--date DATE] [FILE...]\n"
    "\n"
    "Finds time expressions and prints one JSON object per expression (JSON\n"
    "Lines): doc, start, end (byte offsets into the cleaned text), text, type\n"
    "(DATE, TIME, DURATION, SET), value (TIMEX3, e.g. 2014-05, P1M, 2014-W28,\n"
    "PRESENT_REF) and sentence_index.\n"
    "\n"
    "  --dct DATE     document creation time for every article (YYYY-MM-DD),\n"
    "                 overriding the article's own date\n"
    "  --input KIND   treat every FILE as text, html or jsonl\n"
    "  --date DATE    publication date for articles that give none\n";

typedef struct {
    dyad_buf out;
    const char *dct;
} ctx;

static dyad_status one(dyad_doc *doc, void *p, dyad_error *err)
{
    ctx *c = p;
    dyad_status st;
    if ((st = dyad_article(doc, err)) || (st = dyad_text(doc, err)) ||
        (st = dyad_timex_find(doc, c->dct, err)))
        return st;
    dyad_out_timex_json(&c->out, doc);
    cli_flush(&c->out, 0);
    return DYAD_OK;
}

/* YYYY, YYYY-MM or YYYY-MM-DD with a real month and day, optionally a
 * time after 'T'. */
static int is_date(const char *s)
{
    int y, m = 1, d = 1, n = 0;
    size_t L = strlen(s);
    if (L == 4 && sscanf(s, "%4d%n", &y, &n) == 1 && n == 4) return 1;
    if (L == 7 && sscanf(s, "%4d-%2d%n", &y, &m, &n) == 2 && n == 7) return m >= 1 && m <= 12;
    if (L >= 10 && sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10 &&
        (s[10] == 0 || s[10] == 'T'))
        return m >= 1 && m <= 12 && d >= 1 && d <= 31;
    return 0;
}

int cmd_timex(int argc, char **argv)
{
    static const struct option opts[] = {
        {"dct", required_argument, 0, 'T'}, CLI_INPUT_OPTIONS, {0, 0, 0, 0}};
    cli_inputs in = {0};
    ctx c = {{0}, NULL};
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (o == 'h') return cli_help(help);
        if (o == 'T') {
            if (!is_date(optarg)) {
                cli_error("--dct: '%s' is not a date (YYYY-MM-DD)", optarg);
                return 2;
            }
            c.dct = optarg;
            continue;
        }
        int r = cli_input_option(&in, o, optarg);
        if (r < 0) return 2;
        if (r == 0) return cli_usage("timex", "unknown option");
    }
    in.files = argv + optind;
    in.nfiles = argc - optind;
    int rc = cli_each_doc(&in, one, &c);
    cli_flush(&c.out, 1);
    dyad_buf_free(&c.out);
    return rc;
}
