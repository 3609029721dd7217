/* parse.c — dyad parse: CoNLL-U from raw text, or re-tagged gold tokens. */
#include "cli.h"

#include <stdlib.h>

static const char help[] =
    "usage: dyad parse [--input KIND] [--date DATE] [FILE...]\n"
    "       dyad parse --tokenized FILE.conllu\n"
    "\n"
    "Splits articles into sentences and words, tags them (UPOS, PTB XPOS,\n"
    "features), lemmatises and parses them (Universal Dependencies) and\n"
    "prints CoNLL-U: '# newdoc id', '# sent_id', '# text', one word a line.\n"
    "\n"
    "  --tokenized F  keep the sentences and words of CoNLL-U file F and\n"
    "                 predict tags, lemmas and dependencies (for evaluation\n"
    "                 on gold tokens)\n"
    "  --input KIND   text, html or jsonl (default: by extension and content)\n"
    "  --date DATE    publication date for articles that give none\n";

typedef struct {
    dyad_syntax *syntax;
    dyad_buf out;
} parse_ctx;

static dyad_status one(dyad_doc *doc, void *vctx, dyad_error *err)
{
    parse_ctx *ctx = vctx;
    dyad_status st;
    if ((st = dyad_article(doc, err)) || (st = dyad_text(doc, err)) ||
        (st = dyad_syntax_run(ctx->syntax, doc, err)))
        return st;
    dyad_out_conllu(&ctx->out, doc);
    cli_flush(&ctx->out, 0);
    return DYAD_OK;
}

int cmd_parse(int argc, char **argv)
{
    static const struct option opts[] = {
        {"tokenized", required_argument, 0, 'T'}, CLI_INPUT_OPTIONS, {0, 0, 0, 0}};
    cli_inputs in = {0};
    const char *tokenized = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') return cli_help(help);
        if (c == 'T') { tokenized = optarg; continue; }
        int r = cli_input_option(&in, c, optarg);
        if (r < 0) return 2;
        if (r == 0) return cli_usage("parse", "unknown option");
    }
    in.files = argv + optind;
    in.nfiles = argc - optind;
    if (tokenized && in.nfiles)
        return cli_usage("parse", "--tokenized takes no other FILE");

    parse_ctx ctx = {0};
    dyad_error err = {{0}};
    if (dyad_syntax_load(&ctx.syntax, NULL, &err)) {
        cli_error("%s", err.msg);
        return 1;
    }
    int rc = 0;
    if (tokenized) {
        dyad_doc **docs;
        size_t n;
        if (dyad_conllu_read(tokenized, &docs, &n, &err)) {
            cli_error("%s", err.msg);
            rc = 1;
        } else {
            for (size_t i = 0; i < n; i++) {
                if (!rc && dyad_syntax_run(ctx.syntax, docs[i], &err)) {
                    cli_error("%s", err.msg);
                    rc = 1;
                }
                if (!rc) dyad_out_conllu(&ctx.out, docs[i]);
                cli_flush(&ctx.out, 0);
                dyad_doc_free(docs[i]);
            }
            free(docs);
        }
    } else {
        rc = cli_each_doc(&in, one, &ctx);
    }
    cli_flush(&ctx.out, 1);
    dyad_buf_free(&ctx.out);
    dyad_syntax_free(ctx.syntax);
    return rc;
}
