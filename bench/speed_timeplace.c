/* speed_timeplace.c — time per sentence of the time and place stages alone
 * (time expressions, place names), on JSON Lines records {"id", "date",
 * "text"} such as ../shared/data/bench/news-20k.jsonl. The text stage runs
 * first but is not counted.
 *
 *   speed_timeplace FILE.jsonl [REPEAT] */
#include "dyad.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) { fprintf(stderr, "usage: speed_timeplace FILE.jsonl [REPEAT]\n"); return 2; }
    int repeat = argc > 2 ? atoi(argv[2]) : 1;
    dyad_error err, warn;
    dyad_gazetteer *g;
    double t0 = now();
    if (dyad_gazetteer_load(&g, NULL, &err)) { fprintf(stderr, "%s\n", err.msg); return 1; }
    double tload = now() - t0;
    double ttimex = 0, tplaces = 0;
    long sents = 0, timexes = 0, places = 0, docs = 0;
    for (int r = 0; r < repeat; r++) {
        dyad_reader *rd;
        if (dyad_reader_open(&rd, argv[1], DYAD_INPUT_JSONL, NULL, &err)) { fprintf(stderr, "%s\n", err.msg); return 1; }
        dyad_doc *d;
        while (dyad_reader_next(rd, &d, &warn, &err) == DYAD_OK) {
            if (dyad_article(d, &err) || dyad_text(d, &err)) { fprintf(stderr, "%s\n", err.msg); return 1; }
            double a = now();
            dyad_timex_find(d, NULL, &err);
            double b = now();
            dyad_places(g, d, &err);
            double c = now();
            ttimex += b - a;
            tplaces += c - b;
            sents += (long)d->nsentences;
            timexes += (long)d->ntimexes;
            places += (long)d->nplaces;
            docs++;
            dyad_doc_free(d);
        }
        dyad_reader_close(rd);
    }
    printf("records %ld, sentences %ld, time expressions %ld, places %ld\n", docs, sents, timexes, places);
    printf("gazetteer load %.1f ms\n", tload * 1e3);
    printf("timex  %.2f us/sentence (%.0f sentences/s)\n", ttimex * 1e6 / (double)sents, (double)sents / ttimex);
    printf("places %.2f us/sentence (%.0f sentences/s)\n", tplaces * 1e6 / (double)sents, (double)sents / tplaces);
    dyad_gazetteer_free(g);
    return 0;
}
