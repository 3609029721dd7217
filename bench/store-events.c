/* store-events.c — the store's event side at scale, apart from the coder:
 * builds N synthetic articles (random words; each reports three of a pool
 * of N/5 "true" events, dated as the text would date them: the day, the
 * month only, or not at all), stores them through dyad_store_add, and
 * times the event questions in-process. Prints one Markdown table row.
 *
 *   usage: build/bench/store-events N [DB]   (DB default /tmp/dyad-store-events.db)
 */
#include "dyad.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *const countries[] = {
    "USA", "CHN", "RUS", "GBR", "FRA", "DEU", "JPN", "IND", "BRA", "ZAF",
    "IRN", "ISR", "PSE", "SYR", "IRQ", "AFG", "PAK", "TUR", "EGY", "NGA",
    "KEN", "ETH", "MEX", "COL", "VEN", "ARG", "AUS", "IDN", "PHL", "KOR",
    "PRK", "UKR", "POL", "SAU", "YEM", "LBY", "SDN", "MLI", "CAN", "ITA"};
static const char *const sectors[] = {"", "GOV", "MIL", "OPP", "BUS"};
static const struct { const char *code; int quad; double g; } codes[] = {
    {"010", 1, 0.0}, {"020", 1, 3.0}, {"036", 1, 4.0}, {"040", 1, 1.0},
    {"042", 1, 1.9}, {"043", 1, 2.8}, {"046", 1, 7.0}, {"057", 1, 8.0},
    {"061", 2, 6.4}, {"070", 2, 7.0}, {"111", 3, -2.0}, {"112", 3, -2.0},
    {"120", 3, -4.0}, {"130", 3, -4.4}, {"138", 3, -7.0}, {"163", 4, -8.0},
    {"173", 4, -5.0}, {"180", 4, -9.0}, {"190", 4, -10.0}, {"193", 4, -10.0}};
#define NC (sizeof countries / sizeof *countries)
#define NCODE (sizeof codes / sizeof *codes)

typedef struct { char src[8], tgt[8]; int code; int day; } truth;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void day_str(unsigned day, char *buf)
{
    day %= 3000;
    /* day 0 = 2014-01-01; 28-day months keep it simple and valid */
    snprintf(buf, 11, "%04u-%02u-%02u", 2014 + day / 336, 1 + day / 28 % 12, 1 + day % 28);
}

static dyad_status count_row(const dyad_row *row, void *ctx, dyad_error *err)
{
    (void)row, (void)err;
    ++*(long *)ctx;
    return DYAD_OK;
}

static dyad_status count_doc(const dyad_doc *doc, void *ctx, dyad_error *err)
{
    (void)err;
    dyad_buf b = {0};
    dyad_out_events_gdelt(&b, doc);
    dyad_buf_free(&b);
    ++*(long *)ctx;
    return DYAD_OK;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 20000;
    const char *db = argc > 2 ? argv[2] : "/tmp/dyad-store-events.db";
    if (n < 10) { fprintf(stderr, "usage: store-events N [DB]\n"); return 2; }
    char wal[4096];
    unlink(db);
    snprintf(wal, sizeof wal, "%s-wal", db); unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", db); unlink(wal);
    srand(20140627);
    long ntruth = n / 5;
    truth *t = calloc((size_t)ntruth, sizeof *t);
    for (long i = 0; i < ntruth; i++) {
        size_t a = (size_t)rand() % NC, b = (a + 1 + (size_t)rand() % (NC - 1)) % NC;
        snprintf(t[i].src, 8, "%s%s", countries[a], sectors[rand() % 5]);
        snprintf(t[i].tgt, 8, "%s%s", countries[b], sectors[rand() % 5]);
        t[i].code = rand() % (int)NCODE;
        t[i].day = rand() % 700;
    }
    dyad_store *st;
    dyad_error err;
    if (dyad_store_open(&st, db, &err)) { fprintf(stderr, "%s\n", err.msg); return 1; }
    dyad_pipeline pipe = {0};
    double t0 = now();
    long stored = 0;
    for (long i = 0; i < n; i++) {
        /* a text of random words, in sentences */
        dyad_buf text = {0};
        for (int s = 0; s < 10; s++) {
            for (int w = 0; w < 14; w++)
                dyad_buf_printf(&text, "%s%c%c%c%d", w ? " " : "", 'a' + rand() % 26,
                                'a' + rand() % 26, 'a' + rand() % 26, rand() % 50);
            dyad_buf_puts(&text, ". ");
        }
        long e0 = rand() % ntruth;
        char date[11];
        day_str((unsigned)(t[e0].day + rand() % 3), date);
        dyad_doc *d = dyad_doc_new();
        char id[32];
        snprintf(id, sizeof id, "e%07ld", i);
        d->id = dyad_strdup(d->arena, id);
        d->path = d->id;
        d->raw = dyad_strdup(d->arena, text.s);
        d->raw_len = text.len;
        d->given_date = dyad_strdup(d->arena, date);
        d->given_source = dyad_sprintf(d->arena, "outlet%d", rand() % 100);
        dyad_buf_free(&text);
        if (dyad_process(&pipe, d, &err)) { fprintf(stderr, "%s\n", err.msg); return 1; }
        d->events = dyad_alloc(d->arena, 3 * sizeof *d->events);
        for (int k = 0; k < 3; k++) {
            const truth *x = &t[k == 0 ? e0 : rand() % ntruth];
            dyad_event *e = &d->events[d->nevents++];
            e->sent = d->nsentences ? (uint32_t)(rand() % (int)d->nsentences) : 0;
            e->source = e->target = -1;
            e->source_code = x->src;
            e->target_code = x->tgt;
            snprintf(e->code, sizeof e->code, "%s", codes[x->code].code);
            snprintf(e->root, sizeof e->root, "%.2s", codes[x->code].code);
            e->quad_class = codes[x->code].quad;
            e->goldstein = codes[x->code].g;
            e->plover = "OTHER";
            int r = rand() % 10;
            char *ed = dyad_alloc(d->arena, 11);
            day_str((unsigned)x->day, ed);
            if (r < 6) e->date = ed;                       /* the day */
            else if (r < 8) { ed[7] = 0; e->date = ed; }   /* the month */
            /* else: the publication date */
            e->date_text = e->date ? "text" : "";
        }
        int added;
        if (dyad_store_add(st, d, &added, &err)) { fprintf(stderr, "%s\n", err.msg); return 1; }
        stored += added;
        dyad_doc_free(d);
    }
    double ingest = now() - t0;

    long rows;
    double q[7];
    dyad_query dq = {.dyad_a = "USA", .dyad_b = "CHN"};
    t0 = now(); rows = 0; dyad_store_events(st, &dq, count_row, &rows, &err); q[0] = now() - t0;
    long dyad_rows = rows;
    dyad_query cq = {.root = "19", .from = "2014-06", .to = "2014-12"};
    t0 = now(); rows = 0; dyad_store_events(st, &cq, count_row, &rows, &err); q[1] = now() - t0;
    t0 = now(); rows = 0; dyad_store_series(st, &dq, "month", count_row, &rows, &err); q[2] = now() - t0;
    dyad_query sq = {.limit = 100};
    t0 = now(); rows = 0; dyad_store_stories(st, &sq, 1, count_row, &rows, &err); q[3] = now() - t0;
    dyad_query all = {0};
    t0 = now(); rows = 0; dyad_store_event_docs(st, &all, count_doc, &rows, &err); q[4] = now() - t0;
    long nevents = rows;
    t0 = now(); rows = 0; dyad_store_mentions(st, &all, count_row, &rows, &err); q[5] = now() - t0;
    long nmentions = rows;
    t0 = now(); rows = 0; dyad_store_search(st, "abc1", 20, count_row, &rows, &err); q[6] = now() - t0;
    dyad_store_close(st);
    FILE *f = fopen(db, "rb");
    long size = 0;
    if (f) { fseek(f, 0, SEEK_END); size = ftell(f); fclose(f); }
    printf("| %ld | %.0f | %ld | %ld | %.2f | %ld | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n",
           n, (double)stored / ingest, nevents, nmentions, (double)nmentions / (double)nevents,
           size / n, q[0], q[1], q[2], q[3], q[4], q[5], q[6]);
    fprintf(stderr, "# %ld events between USA and CHN (either direction, any sector)\n", dyad_rows);
    free(t);
    return 0;
}
