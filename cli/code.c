/* code.c — dyad code: the event coder as a streaming filter. Articles are
 * read a few dozen at a time, run through the pipeline together
 * (cli_each_batch: stage by stage, which keeps each stage's tables in the
 * cache) and their events written before the next ones are read, so
 * memory stays flat however long the input. Messages and output are those
 * of one article at a time. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: dyad code [--format json|gdelt|plover] [--actors F] [--agents F]\n"
    "                 [--verbs F] [--replace-dicts] [--input KIND] [--date DATE]\n"
    "                 [FILE...]\n"
    "\n"
    "Codes the events of each article (who did what to whom, when and where)\n"
    "in CAMEO with PLOVER alongside, and writes them as it goes (a few dozen\n"
    "articles at a time, so memory stays flat however long the input).\n"
    "\n"
    "  --format F       json (default: JSON Lines, one event a line), gdelt\n"
    "                   (GDELT 2.0 event rows, 61 tab-separated columns) or\n"
    "                   plover (PLOVER JSON Lines; statements, CAMEO 01, are\n"
    "                   not PLOVER events and are left out)\n"
    "  --actors F       extra actor dictionary (PETRARCH/Phoenix format);\n"
    "                   repeatable\n"
    "  --agents F       extra agent dictionary (PETRARCH/Phoenix format);\n"
    "                   repeatable\n"
    "  --verbs F        extra event patterns (dyad's format, see\n"
    "                   data/events/README.md); repeatable\n"
    "  --replace-dicts  use only the given dictionaries, not dyad's own\n"
    "  --quiet          do not report unusable dictionary lines\n"
    "  --input KIND     text, html or jsonl (default: by extension and content)\n"
    "  --date DATE      publication date for articles that give none\n"
    "\n"
    "Every event carries its modality (asserted, future, negated, conditional,\n"
    "reported) and an explanation: the pattern that fired and its words.\n"
    "How targets and modality are decided: docs/coding.md.\n";

typedef enum { FMT_JSON, FMT_GDELT, FMT_PLOVER } out_format;

typedef struct {
    dyad_pipeline pipe;
    out_format format;
    dyad_buf out;
} code_ctx;

static void write_events(const dyad_doc *doc, void *vctx)
{
    code_ctx *ctx = vctx;
    switch (ctx->format) {
    case FMT_JSON: dyad_out_events_json(&ctx->out, doc); break;
    case FMT_GDELT: dyad_out_events_gdelt(&ctx->out, doc); break;
    case FMT_PLOVER: dyad_out_events_plover(&ctx->out, doc); break;
    }
    cli_flush(&ctx->out, 0);
}

/* NULL-ended list of paths, grown one at a time. */
static int push(const char ***list, int *n, const char *s)
{
    const char **l = realloc(*list, (size_t)(*n + 2) * sizeof *l);
    if (!l) return -1;
    l[(*n)++] = s;
    l[*n] = NULL;
    *list = l;
    return 0;
}

int cmd_code(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'},
        {"actors", required_argument, 0, 'a'},
        {"agents", required_argument, 0, 'g'},
        {"verbs", required_argument, 0, 'v'},
        {"replace-dicts", no_argument, 0, 'R'},
        {"quiet", no_argument, 0, 'q'},
        CLI_INPUT_OPTIONS,
        {0, 0, 0, 0}};
    cli_inputs in = {0};
    code_ctx ctx = {0};
    const char **actors = NULL, **agents = NULL, **verbs = NULL;
    int nact = 0, nag = 0, nverb = 0, replace = 0, c, rc = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        int r = 0;
        switch (c) {
        case 'h': rc = cli_help(help); goto done;
        case 'f':
            if (strcmp(optarg, "json") == 0) ctx.format = FMT_JSON;
            else if (strcmp(optarg, "gdelt") == 0) ctx.format = FMT_GDELT;
            else if (strcmp(optarg, "plover") == 0) ctx.format = FMT_PLOVER;
            else {
                rc = cli_usage("code", "--format: '%s' is not one of json, gdelt, plover",
                               optarg);
                goto done;
            }
            continue;
        case 'a': r = push(&actors, &nact, optarg); break;
        case 'g': r = push(&agents, &nag, optarg); break;
        case 'v': r = push(&verbs, &nverb, optarg); break;
        case 'R': replace = 1; continue;
        case 'q': in.quiet = 1; continue;
        default:
            r = cli_input_option(&in, c, optarg);
            if (r < 0) { rc = 2; goto done; }
            if (r == 0) { rc = cli_usage("code", "unknown option"); goto done; }
            continue;
        }
        if (r < 0) { cli_error("code: out of memory"); rc = 1; goto done; }
    }
    in.files = argv + optind;
    in.nfiles = argc - optind;

    dyad_error err = {{0}};
    dyad_syntax *syntax = NULL;
    dyad_coder *coder = NULL;
    dyad_gazetteer *gaz = NULL;
    dyad_coder_options copt = {.actor_files = actors, .agent_files = agents,
                               .verb_files = verbs, .replace = replace,
                               .warnings = in.quiet ? NULL : stderr};
    /* dictionaries first: their errors are the user's to fix */
    if (dyad_coder_load(&coder, &copt, &err) || dyad_syntax_load(&syntax, NULL, &err)) {
        cli_error("%s", err.msg);
        rc = 1;
    } else {
        /* places are optional: without a gazetteer events have no location */
        if (dyad_gazetteer_load(&gaz, NULL, &err)) gaz = NULL;
        ctx.pipe = (dyad_pipeline){.syntax = syntax, .coder = coder, .gazetteer = gaz,
                                   .timex = 1, .events_only = 1};
        rc = cli_each_batch(&in, &ctx.pipe, write_events, &ctx);
        cli_flush(&ctx.out, 1);
    }
    dyad_buf_free(&ctx.out);
    dyad_gazetteer_free(gaz);
    dyad_coder_free(coder);
    dyad_syntax_free(syntax);
done:
    free(actors);
    free(agents);
    free(verbs);
    return rc;
}
