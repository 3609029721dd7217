/* score_events.c — scores dyad's events against the field's gold records
 * (EVALUATION.md, "Events"; the scoring itself is in gsr.h):
 *
 *   score_events petr2 FILE.xml [--gold-parse] [--fallback DIR] [-v]
 *       PETR2 GSR or PETRARCH unit-test records: P/R/F1 exact and at
 *       country + root level, share of records coded exactly.
 *       --gold-parse codes the records' own UD parses instead of parsing the
 *       text; --fallback DIR tags actors with the Phoenix dictionaries in DIR
 *       when the actors stage finds none (--fallback-actors F and
 *       --fallback-agents F name single files instead).
 *   score_events plover FILE.json [-v]
 *       PLOVER GSR records: recall and precision at country + type level.
 *   --actors/--agents/--verbs F, --replace-dicts: as for dyad code.
 * -v prints every miss and false alarm. Output: "key value" lines. */
#include "gsr.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: score_events petr2|plover FILE [--gold-parse] "
                        "[--fallback DIR] [--actors F] [--verbs F] [--replace-dicts] [-v]\n");
        return 2;
    }
    int gold_parse = 0, replace = 0;
    const char *actors[16] = {0}, *agents[16] = {0}, *verbs[16] = {0};
    int na = 0, ng = 0, nv = 0;
    for (int i = 3; i < argc; i++) {
        if (!strcmp(argv[i], "--gold-parse")) gold_parse = 1;
        else if (!strcmp(argv[i], "-v")) verbose = 1;
        else if (!strcmp(argv[i], "--replace-dicts")) replace = 1;
        else if (!strcmp(argv[i], "--actors") && i + 1 < argc && na < 15) actors[na++] = argv[++i];
        else if (!strcmp(argv[i], "--agents") && i + 1 < argc && ng < 15) agents[ng++] = argv[++i];
        else if (!strcmp(argv[i], "--verbs") && i + 1 < argc && nv < 15) verbs[nv++] = argv[++i];
        else if (!strcmp(argv[i], "--fallback") && i + 1 < argc) {
            gsr_load_fallback(argv[++i]);
        } else if ((!strcmp(argv[i], "--fallback-actors") || !strcmp(argv[i], "--fallback-agents")) &&
                   i + 1 < argc) {
            int ag = !strcmp(argv[i], "--fallback-agents");
            if (fa_load(&fallback, argv[++i], ag) == 0) use_fallback = 1;
        } else {
            fprintf(stderr, "score_events: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    dyad_error err;
    dyad_syntax *syn = NULL;
    dyad_coder *coder = NULL;
    dyad_coder_options opt = {.actor_files = actors, .agent_files = agents,
                              .verb_files = verbs, .replace = replace};
    if (dyad_syntax_load(&syn, NULL, &err) || dyad_coder_load(&coder, &opt, &err)) {
        fprintf(stderr, "score_events: %s\n", err.msg);
        return 1;
    }
    dyad_pipeline p = {.syntax = syn, .coder = coder, .timex = 0};
    int rc = !strcmp(argv[1], "plover") ? gsr_plover(&p, coder, argv[2], NULL, NULL, 1)
                                        : gsr_petr2(&p, coder, argv[2], gold_parse, NULL, 1);
    dyad_coder_free(coder);
    dyad_syntax_free(syn);
    fa_free(&fallback);
    return rc;
}
