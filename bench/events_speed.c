/* events_speed.c — the events stage alone: codes the PETR2 GSR gold
 * parses (actors tagged once by the fallback Phoenix tagger) over and over
 * and reports sentences per second of dyad_events on one core, so the
 * stage's cost can be told apart from the parser's.
 *   events_speed GSR.xml PETRARCH2_DIR [ROUNDS] */
#include <time.h>

#include "gsr.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: events_speed GSR.xml PETRARCH2_DIR [ROUNDS]\n");
        return 2;
    }
    int rounds = argc > 3 ? atoi(argv[3]) : 2000;
    if (gsr_load_fallback(argv[2])) {
        fprintf(stderr, "events_speed: no Phoenix dictionaries in %s\n", argv[2]);
        return 1;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) { fprintf(stderr, "events_speed: cannot open %s\n", argv[1]); return 1; }
    dyad_doc *d = dyad_doc_new();
    d->id = "gsr";
    dyad_buf parse = {0};
    char line[8192];
    int in = 0;
    while (fgets(line, sizeof line, f)) {
        if (strstr(line, "<Parse>")) { in = 1; continue; }
        if (strstr(line, "</Parse>")) {
            if (parse.len) eventdoc_add_sentence(d, parse.s);
            dyad_buf_reset(&parse);
            in = 0;
            continue;
        }
        if (in) dyad_buf_puts(&parse, line);
    }
    fclose(f);
    dyad_buf_free(&parse);
    fa_tag(&fallback, d);
    dyad_coder *coder;
    dyad_error err;
    if (dyad_coder_load(&coder, NULL, &err)) { fprintf(stderr, "%s\n", err.msg); return 1; }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    size_t events = 0;
    for (int r = 0; r < rounds; r++) {
        dyad_events(coder, d, &err);
        events += d->nevents;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    double sents = (double)d->nsentences * rounds;
    printf("sentences %.0f\nseconds %.3f\nsentences_per_second %.0f\nevents %zu\n", sents, s,
           sents / s, events);
    dyad_coder_free(coder);
    dyad_doc_free(d);
    fa_free(&fallback);
    return 0;
}
