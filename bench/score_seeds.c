/* score_seeds.c — dyad's events on the two seed reports (the charter's
 * canonical example) against our own hand coding, bench/seeds-events.tsv
 * (EVALUATION.md, "The seeds"):
 *
 *   score_seeds bench/seeds-events.tsv ../shared/seeds [-v]
 *
 * Each seed file runs through the whole pipeline as `dyad code` runs it
 * (article, text, syntax, actors, events, time, places). At country + root
 * level: a hand-coded event is recalled when one of dyad's non-negated
 * events on that seed has the same source and target countries and one of
 * its roots; one of dyad's events is right when it matches some hand-coded
 * event that way. Of the recalled events the hand coding dates, the share
 * that one matching event dates the same. -v lists misses and false alarms.
 * Output: "key value" lines. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"

typedef struct {
    char seed[32], src[4], tgt[4], roots[64], date[16], cue[32];
    int hit, dated_ok;
    char got[64]; /* a date dyad gave a matching event, when none was right */
} gold_event;

static void country(char *dst, const char *code)
{
    snprintf(dst, 4, "%.3s", code && *code ? code : "---");
}

static int root_in(const char *roots, const char *root)
{
    for (const char *p = roots; *p; p += strcspn(p, "|"), p += *p == '|')
        if (!strncmp(p, root, 2) && (p[2] == '|' || !p[2])) return 1;
    return 0;
}

static int matches(const gold_event *g, const dyad_event *e)
{
    char s[4], t[4];
    country(s, e->source_code);
    country(t, e->target_code);
    return !strcmp(s, g->src) && !strcmp(t, g->tgt) && root_in(g->roots, e->root);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: score_seeds GOLD.tsv SEEDS_DIR [-v]\n");
        return 2;
    }
    int verbose = argc > 3 && !strcmp(argv[3], "-v");
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    gold_event *gold = NULL;
    int ng = 0, cap = 0, line = 0;
    char buf[512];
    while (fgets(buf, sizeof buf, f)) {
        line++;
        if (buf[0] == '#' || buf[0] == '\n') continue;
        if (ng == cap) gold = realloc(gold, (cap = cap ? 2 * cap : 64) * sizeof *gold);
        gold_event *g = &gold[ng];
        memset(g, 0, sizeof *g);
        char s[32], t[32];
        if (sscanf(buf, "%31[^\t]\t%31[^\t]\t%31[^\t]\t%63[^\t]\t%15[^\t]\t%31[^\t\n]", g->seed, s,
                   t, g->roots, g->date, g->cue) != 6) {
            fprintf(stderr, "score_seeds: %s:%d: expected 6 tab-separated fields\n", argv[1], line);
            return 1;
        }
        country(g->src, s);
        country(g->tgt, t);
        ng++;
    }
    fclose(f);

    dyad_error err;
    dyad_syntax *syn = NULL;
    dyad_coder *coder = NULL;
    dyad_gazetteer *gaz = NULL;
    dyad_coder_options opt = {0};
    if (dyad_syntax_load(&syn, NULL, &err) || dyad_coder_load(&coder, &opt, &err)) {
        fprintf(stderr, "score_seeds: %s\n", err.msg);
        return 1;
    }
    if (dyad_gazetteer_load(&gaz, NULL, &err)) gaz = NULL;
    dyad_pipeline p = {.syntax = syn, .coder = coder, .gazetteer = gaz, .timex = 1};

    DIR *dir = opendir(argv[2]);
    if (!dir) {
        perror(argv[2]);
        return 1;
    }
    int nsys = 0, nsys_ok = 0, nseeds = 0;
    struct dirent *de;
    while ((de = readdir(dir))) {
        if (de->d_name[0] == '.') continue;
        int any = 0;
        for (int i = 0; i < ng; i++)
            if (!strncmp(de->d_name, gold[i].seed, strlen(gold[i].seed))) any = 1;
        if (!any) continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[2], de->d_name);
        dyad_reader *r;
        dyad_doc *d;
        if (dyad_reader_open(&r, path, DYAD_INPUT_AUTO, NULL, &err)) {
            fprintf(stderr, "score_seeds: %s\n", err.msg);
            return 1;
        }
        while (dyad_reader_next(r, &d, NULL, &err) == DYAD_OK) {
            nseeds++;
            if (dyad_process(&p, d, &err)) {
                fprintf(stderr, "score_seeds: %s\n", err.msg);
                return 1;
            }
            for (size_t k = 0; k < d->nevents; k++) {
                const dyad_event *e = &d->events[k];
                if (e->modality == DYAD_NEGATED) continue;
                nsys++;
                int ok = 0;
                for (int i = 0; i < ng; i++) {
                    gold_event *g = &gold[i];
                    if (strncmp(de->d_name, g->seed, strlen(g->seed)) || !matches(g, e)) continue;
                    ok = 1;
                    g->hit = 1;
                    if (e->date && !strcmp(e->date, g->date)) g->dated_ok = 1;
                    else if (strcmp(g->date, "-") && !g->dated_ok)
                        snprintf(g->got, sizeof g->got, "%s (\"%.40s\")", e->date ? e->date : "-",
                                 e->date_text ? e->date_text : "");
                }
                nsys_ok += ok;
                if (verbose && !ok)
                    printf("  FP %.3s %s %s %s %s | %s\n", de->d_name, e->source_code,
                           e->target_code, e->code, e->date ? e->date : "-", e->explain);
            }
            dyad_doc_free(d);
        }
        dyad_reader_close(r);
    }
    closedir(dir);

    int nhit = 0, ndated = 0, ndated_ok = 0;
    for (int i = 0; i < ng; i++) {
        nhit += gold[i].hit;
        if (gold[i].hit && strcmp(gold[i].date, "-")) {
            ndated++;
            ndated_ok += gold[i].dated_ok;
        }
        if (verbose && gold[i].hit && strcmp(gold[i].date, "-") && !gold[i].dated_ok)
            printf("  DATE %s %s %s %s (%s): want %s, dyad %s\n", gold[i].seed, gold[i].src,
                   gold[i].tgt, gold[i].roots, gold[i].cue, gold[i].date, gold[i].got);
        if (verbose && !gold[i].hit)
            printf("  FN %s %s %s %s (%s)\n", gold[i].seed, gold[i].src, gold[i].tgt, gold[i].roots,
                   gold[i].cue);
    }
    double P = nsys ? (double)nsys_ok / nsys : 0, R = ng ? (double)nhit / ng : 0;
    printf("seeds %d\nhand_coded %d\nsystem_events %d\n", nseeds, ng, nsys);
    printf("country_root_precision %.3f\ncountry_root_recall %.3f\ncountry_root_f1 %.3f\n", P, R,
           P + R > 0 ? 2 * P * R / (P + R) : 0);
    printf("dated_right %d/%d\n", ndated_ok, ndated);
    free(gold);
    dyad_gazetteer_free(gaz);
    dyad_coder_free(coder);
    dyad_syntax_free(syn);
    return 0;
}
