/* stage_split.c — where `dyad code`'s time goes: the CPU time of each
 * stage of the pipeline, and of loading the models, over a whole input.
 *
 *   stage_split [--batch N] [FILE]   (default ../shared/data/bench/news-20k.jsonl)
 *
 * Runs the stages as dyad_process_batch does for `dyad code` (events_only:
 * a document that cannot code an event is tagged, not parsed) on N
 * documents at a time (default 1: one document through every stage, then
 * the next; `dyad code` reads 64), and writes the events as JSON into a
 * buffer that is thrown away, timing each stage's pass over the batch with
 * the thread's CPU clock (on a shared machine the wall clock counts the
 * neighbours' turns too). The thread CPU clock is a system call (1-2 us in
 * a VM): the cost of an empty interval, measured first, is taken off each
 * timed interval. With batches of 1 the stages after the parse are also
 * summed apart for the documents that cannot code an event: their events
 * are none whatever those stages find. Run it on one core (taskset -c 0). */
#include "dyad.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The time an empty interval reads, per interval. */
static double clock_cost(void)
{
    double best = 1;
    for (int round = 0; round < 5; round++) {
        double sum = 0;
        for (int i = 0; i < 2000; i++) {
            double t0 = cpu();
            sum += cpu() - t0;
        }
        if (sum / 2000 < best) best = sum / 2000;
    }
    return best;
}

enum { S_READ, S_ARTICLE, S_TEXT, S_TAG, S_MAYCODE, S_PARSE, S_ACTORS, S_EVENTS,
       S_TIMEX, S_PLACES, S_TIMEPLACE, S_OUTPUT, S_FREE, NSTAGES };
static const char *const names[NSTAGES] = {
    "read (JSON Lines)", "dyad_article", "dyad_text", "dyad_syntax_tag",
    "dyad_coder_may_code", "dyad_syntax_parse", "dyad_actors", "dyad_events",
    "dyad_timex_find", "dyad_places", "dyad_timeplace", "output (JSON)", "dyad_doc_free"};

static void die(const dyad_error *err)
{
    fprintf(stderr, "stage_split: %s\n", err->msg);
    exit(1);
}

int main(int argc, char **argv)
{
    int batch = 1, a = 1;
    if (a + 1 < argc && !strcmp(argv[a], "--batch")) {
        batch = atoi(argv[a + 1]);
        a += 2;
    }
    if (batch < 1) batch = 1;
    const char *path = a < argc ? argv[a] : "../shared/data/bench/news-20k.jsonl";
    dyad_error err = {{0}};
    double t, load[3], overhead = clock_cost();
    dyad_coder *coder;
    dyad_syntax *syntax;
    dyad_gazetteer *gaz;
    dyad_coder_options copt = {0};
    t = cpu();
    if (dyad_coder_load(&coder, &copt, &err)) die(&err);
    load[0] = cpu() - t;
    t = cpu();
    if (dyad_syntax_load(&syntax, NULL, &err)) die(&err);
    load[1] = cpu() - t;
    t = cpu();
    if (dyad_gazetteer_load(&gaz, NULL, &err)) die(&err);
    load[2] = cpu() - t;

    dyad_reader *r;
    if (dyad_reader_open(&r, path, DYAD_INPUT_AUTO, NULL, &err)) die(&err);
    double s[NSTAGES] = {0}, skipped_rest = 0;
    long timed[NSTAGES] = {0}, docs = 0, sentences = 0, skipped = 0, events = 0;
    long skipped_timed = 0;
    dyad_buf out = {0};
    dyad_doc **d = calloc((size_t)batch, sizeof *d);
    int *may = calloc((size_t)batch, sizeof *may);
    double *rest = calloc((size_t)batch, sizeof *rest);
    if (!d || !may || !rest) return 1;
    for (int end = 0; !end;) {
        int n = 0;
        t = cpu();
        while (n < batch) {
            dyad_error warn = {{0}};
            dyad_status st = dyad_reader_next(r, &d[n], &warn, &err);
            if (st == DYAD_EOF) { end = 1; break; }
            if (st) die(&err);
            n++;
        }
        s[S_READ] += cpu() - t;
        timed[S_READ]++;
        if (!n) break;
        docs += n;
        /* one stage over the batch */
#define STAGE(k, call)                                      \
        do {                                                \
            double t0 = cpu();                              \
            for (int i = 0; i < n; i++)                     \
                if (call) die(&err);                        \
            double dt = cpu() - t0;                         \
            s[k] += dt;                                     \
            timed[k]++;                                     \
            if (k >= S_ACTORS && k <= S_OUTPUT)             \
                for (int i = 0; i < n; i++)                 \
                    rest[i] += dt / n;                      \
        } while (0)
        for (int i = 0; i < n; i++) rest[i] = 0;
        STAGE(S_ARTICLE, dyad_article(d[i], &err));
        STAGE(S_TEXT, dyad_text(d[i], &err));
        STAGE(S_TAG, dyad_syntax_tag(syntax, d[i], &err));
        STAGE(S_MAYCODE, (may[i] = dyad_coder_may_code(coder, d[i])) < 0);
        STAGE(S_PARSE, may[i] && dyad_syntax_parse(syntax, d[i], &err));
        STAGE(S_ACTORS, dyad_actors(coder, d[i], &err));
        STAGE(S_EVENTS, dyad_events(coder, d[i], &err));
        STAGE(S_TIMEX, dyad_timex_find(d[i], NULL, &err));
        STAGE(S_PLACES, dyad_places(gaz, d[i], &err));
        STAGE(S_TIMEPLACE, dyad_timeplace(d[i], &err));
        STAGE(S_OUTPUT, (dyad_out_events_json(&out, d[i]), out.len = 0));
        for (int i = 0; i < n; i++) {
            sentences += (long)d[i]->nsentences;
            events += (long)d[i]->nevents;
            if (!may[i]) {
                skipped++;
                skipped_rest += rest[i];
                skipped_timed++;
            }
        }
        STAGE(S_FREE, (dyad_doc_free(d[i]), 0));
    }
    dyad_reader_close(r);
    dyad_buf_free(&out);
    free(d);
    free(may);
    free(rest);

    for (int k = 0; k < NSTAGES; k++) {
        s[k] -= overhead * (double)timed[k];
        if (s[k] < 0) s[k] = 0;
    }
    skipped_rest -= overhead * 6 * (double)skipped_timed;
    if (skipped_rest < 0) skipped_rest = 0;
    double total = load[0] + load[1] + load[2];
    for (int k = 0; k < NSTAGES; k++) total += s[k];
    printf("%s, batches of %d: %ld documents, %ld sentences, %ld events; %.2f s CPU in all\n"
           "  (less %.2f us a timed interval for the clock itself)\n", path, batch, docs,
           sentences, events, total, overhead * 1e6);
    printf("  %-24s %7.3f s %5.1f %%\n", "load: coder", load[0], 100 * load[0] / total);
    printf("  %-24s %7.3f s %5.1f %%\n", "load: syntax", load[1], 100 * load[1] / total);
    printf("  %-24s %7.3f s %5.1f %%\n", "load: gazetteer", load[2], 100 * load[2] / total);
    for (int k = 0; k < NSTAGES; k++)
        printf("  %-24s %7.3f s %5.1f %%\n", names[k], s[k], 100 * s[k] / total);
    printf("  %ld documents cannot code an event (not parsed)", skipped);
    if (batch == 1)
        printf("; the stages after the parse\n  took %.3f s (%.1f %%) on them",
               skipped_rest, 100 * skipped_rest / total);
    printf("\n");
    dyad_gazetteer_free(gaz);
    dyad_syntax_free(syntax);
    dyad_coder_free(coder);
    return 0;
}
