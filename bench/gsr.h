/* gsr.h — reading and scoring the events gold standards (EVALUATION.md,
 * "Events"), shared by bench/score_events.c and the floor tests in
 * tests/test_events.c:
 *   - PETR2 GSR and PETRARCH unit-test records (XML-ish: <Sentence date id>,
 *     <EventCoding sourcecode targetcode eventcode>, <Text>, <Parse>):
 *     P/R/F1 over (source, target, code) sets per record, exact and at
 *     country + root level; also the share of records coded exactly.
 *   - PLOVER GSR records: recall and precision at country + type level.
 * Negated events are not counted (they did not happen); every other
 * modality is. Header-only (static functions). */
#ifndef DYAD_GSR_H
#define DYAD_GSR_H

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "../tests/eventdoc.h"
#include "fallback_actors.h"

static int verbose __attribute__((unused));        /* print every miss and false alarm */
static fa_dict fallback;
static int use_fallback;

typedef struct {
    char s[32], t[32], c[8];
} triple;

static inline void norm_actor(char *dst, const char *src, int country)
{
    if (!src || !*src) src = "---";
    snprintf(dst, 32, "%.*s", country ? 3 : 31, src);
}

static inline int contains(const triple *set, int n, const triple *x)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(set[i].s, x->s) && !strcmp(set[i].t, x->t) && !strcmp(set[i].c, x->c))
            return 1;
    return 0;
}

static inline void code_doc(const dyad_pipeline *p, const dyad_coder *coder, dyad_doc *d,
                     int gold_parse)
{
    dyad_error err;
    if (gold_parse) {
        if (dyad_actors(coder, d, &err)) d->nactors = 0;
        if (!d->nactors && use_fallback) fa_tag(&fallback, d);
        if (dyad_events(coder, d, &err)) d->nevents = 0;
    } else {
        if (dyad_process(p, d, &err)) {
            fprintf(stderr, "score_events: %s\n", err.msg);
            d->nevents = 0;
            return;
        }
        if (!d->nactors && use_fallback && d->ntokens && d->tokens[0].head >= 0) {
            fa_tag(&fallback, d);
            if (dyad_events(coder, d, &err)) d->nevents = 0;
        }
    }
}

/* ---- PETR2 / PETRARCH XML records ---------------------------------- */

typedef struct {
    char id[128], date[16];
    triple gold[32];
    int ngold;
    dyad_buf text, parse;
} record;

static inline int attr(const char *line, const char *name, char *out, size_t cap)
{
    char pat[64];
    snprintf(pat, sizeof pat, " %s=\"", name);
    const char *p = strstr(line, pat);
    if (!p) return 0;
    p += strlen(pat);
    const char *e = strchr(p, '"');
    if (!e) return 0;
    snprintf(out, cap, "%.*s", (int)(e - p), p);
    return 1;
}

typedef struct {
    double tp[2], fp[2], fn[2];
    int records, exact_records;
} tally;

static inline void score_record(const dyad_pipeline *p, const dyad_coder *coder, record *r,
                         int gold_parse, tally *T)
{
    dyad_doc *d = dyad_doc_new();
    d->id = dyad_strdup(d->arena, r->id);
    char iso[16] = "";
    if (strlen(r->date) == 8)
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", r->date, r->date + 4, r->date + 6);
    d->date = d->given_date = dyad_strdup(d->arena, iso);
    if (gold_parse) {
        if (r->parse.len) eventdoc_add_sentence(d, r->parse.s);
    } else {
        d->raw = dyad_strdup(d->arena, r->text.len ? r->text.s : "");
        d->raw_len = strlen(d->raw);
        d->is_record = 1;   /* one record's text, as dyad code reads JSON Lines */
    }
    code_doc(p, coder, d, gold_parse);
    T->records++;
    int all_ok = 1;
    for (int level = 0; level < 2; level++) {
        triple sys[64], gold[32];
        int ns = 0, ng = 0;
        for (size_t i = 0; i < d->nevents && ns < 64; i++) {
            const dyad_event *e = &d->events[i];
            if (e->modality == DYAD_NEGATED) continue;
            triple x;
            norm_actor(x.s, e->source_code, level);
            norm_actor(x.t, e->target_code, level);
            snprintf(x.c, sizeof x.c, "%.*s", level ? 2 : 4, e->code);
            if (!contains(sys, ns, &x)) sys[ns++] = x;
        }
        for (int i = 0; i < r->ngold; i++) {
            triple x;
            norm_actor(x.s, r->gold[i].s, level);
            norm_actor(x.t, r->gold[i].t, level);
            snprintf(x.c, sizeof x.c, "%.*s", level ? 2 : 4, r->gold[i].c);
            if (!contains(gold, ng, &x)) gold[ng++] = x;
        }
        int ok = 1;
        for (int i = 0; i < ns; i++) {
            if (contains(gold, ng, &sys[i])) T->tp[level]++;
            else {
                T->fp[level]++;
                ok = 0;
                if (verbose && level == 1)
                    printf("  FP %s: %s %s %s\n", r->id, sys[i].s, sys[i].t, sys[i].c);
            }
        }
        for (int i = 0; i < ng; i++)
            if (!contains(sys, ns, &gold[i])) {
                T->fn[level]++;
                ok = 0;
                if (verbose && level == 1)
                    printf("  FN %s: %s %s %s\n", r->id, gold[i].s, gold[i].t, gold[i].c);
            }
        if (level == 0 && !ok) all_ok = 0;
    }
    T->exact_records += all_ok;
    if (verbose && !all_ok) {
        printf("  -- %s: %s\n", r->id, r->text.len ? r->text.s : "");
        for (size_t i = 0; i < d->nevents; i++)
            printf("     sys %s %s %s %s | %s\n", d->events[i].source_code,
                   d->events[i].target_code, d->events[i].code,
                   dyad_modality_name((dyad_modality)d->events[i].modality),
                   d->events[i].explain);
        for (int i = 0; i < r->ngold; i++)
            printf("     gold %s %s %s\n", r->gold[i].s, r->gold[i].t, r->gold[i].c);
        printf("     actors:");
        for (size_t i = 0; i < d->nactors; i++)
            printf(" %s=%s(%u)", d->actors[i].text, d->actors[i].code, d->actors[i].head);
        printf("\n");
    }
    dyad_doc_free(d);
}

static inline double gsr_f1(const tally *T, int level)
{
    double tp = T->tp[level], fp = T->fp[level], fn = T->fn[level];
    double P = tp + fp ? tp / (tp + fp) : 0, R = tp + fn ? tp / (tp + fn) : 0;
    return P + R ? 2 * P * R / (P + R) : 0;
}

static inline void print_prf(const char *name, double tp, double fp, double fn)
{
    double P = tp + fp ? tp / (tp + fp) : 0, R = tp + fn ? tp / (tp + fn) : 0;
    double F = P + R ? 2 * P * R / (P + R) : 0;
    printf("%s_precision %.3f\n%s_recall %.3f\n%s_f1 %.3f\n", name, P, name, R, name, F);
}

static inline int gsr_petr2(const dyad_pipeline *p, const dyad_coder *coder, const char *path,
                     int gold_parse, tally *out, int print)
{
    FILE *f = fopen(path, "r");
    if (!f) { fprintf(stderr, "score_events: cannot open %s\n", path); return 1; }
    char line[8192];
    record r;
    memset(&r, 0, sizeof r);
    int in = 0, state = 0;   /* 1 text, 2 parse */
    tally T = {0};
    while (fgets(line, sizeof line, f)) {
        if (strstr(line, "<Sentence ")) {
            if (in) score_record(p, coder, &r, gold_parse, &T);
            dyad_buf_free(&r.text);
            dyad_buf_free(&r.parse);
            memset(&r, 0, sizeof r);
            in = 1;
            attr(line, "id", r.id, sizeof r.id);
            attr(line, "date", r.date, sizeof r.date);
            continue;
        }
        if (!in) continue;
        if (strstr(line, "</Text>")) { state = 0; continue; }
        if (strstr(line, "</Parse>")) { state = 0; continue; }
        if (strstr(line, "<Text>")) { state = 1; continue; }
        if (strstr(line, "<Parse>")) { state = 2; continue; }
        if (strstr(line, "<EventCoding ") && r.ngold < 32) {
            triple *g = &r.gold[r.ngold];
            if (attr(line, "eventcode", g->c, sizeof g->c)) {
                attr(line, "sourcecode", g->s, sizeof g->s);
                attr(line, "targetcode", g->t, sizeof g->t);
                r.ngold++;
            }
            continue;
        }
        if (state == 1) {
            size_t n = strlen(line);
            while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
            if (r.text.len) dyad_buf_putc(&r.text, ' ');
            dyad_buf_put(&r.text, line, n);
        } else if (state == 2) {
            dyad_buf_puts(&r.parse, line);
        }
        if (strstr(line, "</Sentences>")) break;
    }
    if (in) score_record(p, coder, &r, gold_parse, &T);
    dyad_buf_free(&r.text);
    dyad_buf_free(&r.parse);
    fclose(f);
    if (out) *out = T;
    if (!print) return 0;
    printf("records %d\n", T.records);
    print_prf("exact", T.tp[0], T.fp[0], T.fn[0]);
    print_prf("country_root", T.tp[1], T.fp[1], T.fn[1]);
    printf("records_exact_share %.3f\n", T.records ? (double)T.exact_records / T.records : 0);
    return 0;
}

/* ---- PLOVER GSR ------------------------------------------------------ */

static inline const char *type_roots(const char *type)
{
    static const char *const map[][2] = {
        {"AGREE", "03 05"}, {"CONSULT", "04"}, {"SUPPORT", "05"}, {"COOPERATE", "06"},
        {"AID", "07"}, {"CONCEDE", "08"}, {"RETREAT", "08"}, {"REQUEST", "02 10"},
        {"DEMAND", "02 10"}, {"DISAPPROVE", "11"}, {"ACCUSE", "11"}, {"INVESTIGATE", "09"},
        {"REJECT", "12"}, {"THREATEN", "13"}, {"PROTEST", "14"}, {"MOBILIZE", "15"},
        {"SANCTION", "16"}, {"COERCE", "17"}, {"ASSAULT", "18"}, {"FIGHT", "19 20"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i][0], type) == 0) return map[i][1];
    return NULL;
}

static inline int code_in(json_t *list, const char *code)
{
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) {
        const char *c = json_string_value(json_object_get(v, "code"));
        if (c && code && strncmp(c, code, 3) == 0 && strlen(code) >= 3) return 1;
    }
    return 0;
}

static inline int gsr_plover(const dyad_pipeline *p, const dyad_coder *coder, const char *path,
                      double *rec_out, double *prec_out, int print)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root || !json_is_array(root)) {
        fprintf(stderr, "score_events: %s:%d: %s\n", path, je.line, je.text);
        return 1;
    }
    int n = 0, recalled = 0, sys = 0, sys_ok = 0;
    size_t i;
    json_t *rec;
    json_array_foreach(root, i, rec) {
        const char *type = json_string_value(json_object_get(rec, "event"));
        const char *text = json_string_value(json_object_get(rec, "text"));
        const char *date = json_string_value(json_object_get(rec, "date"));
        const char *roots = type ? type_roots(type) : NULL;
        if (!roots || !text) continue;
        json_t *src = json_object_get(rec, "source"), *tgt = json_object_get(rec, "target");
        int has_tgt = json_is_array(tgt) && json_array_size(tgt) > 0;
        dyad_doc *d = dyad_doc_new();
        d->id = dyad_strdup(d->arena, json_string_value(json_object_get(rec, "id")));
        d->raw = dyad_strdup(d->arena, text);
        d->raw_len = strlen(text);
        d->is_record = 1;
        d->given_date = date ? dyad_strdup(d->arena, date) : NULL;
        code_doc(p, coder, d, 0);
        n++;
        int hit = 0;
        for (size_t k = 0; k < d->nevents; k++) {
            const dyad_event *e = &d->events[k];
            if (e->modality == DYAD_NEGATED) continue;
            sys++;
            int ok = strstr(roots, e->root) && code_in(src, e->source_code) &&
                     (!has_tgt || code_in(tgt, e->target_code));
            sys_ok += ok;
            hit |= ok;
        }
        recalled += hit;
        if (verbose && print && !hit) {
            printf("  MISS %s %s: %s\n", d->id, type, text);
            printf("     gold");
            for (int side = 0; side < 2; side++) {
                json_t *list = side ? tgt : src, *a;
                size_t j;
                printf(side ? " →" : "");
                json_array_foreach(list, j, a) {
                    const char *c = json_string_value(json_object_get(a, "code"));
                    const char *sec = json_string_value(json_object_get(a, "sector"));
                    printf(" %s%s", c ? c : "?", sec ? sec : "");
                }
            }
            printf("\n");
            for (size_t k = 0; k < d->nevents; k++)
                printf("     sys %s %s %s | %s\n", d->events[k].source_code,
                       d->events[k].target_code, d->events[k].code, d->events[k].explain);
            printf("     actors:");
            for (size_t k = 0; k < d->nactors; k++)
                printf(" %s=%s", d->actors[k].text, d->actors[k].code);
            printf("\n     words:");
            for (size_t k = 0; k < d->ntokens; k++)
                printf(" %s/%s/%s", d->tokens[k].form, d->tokens[k].lemma ? d->tokens[k].lemma : "",
                       d->tokens[k].deprel ? d->tokens[k].deprel : "");
            printf("\n");
        }
        dyad_doc_free(d);
    }
    json_decref(root);
    if (rec_out) *rec_out = n ? (double)recalled / n : 0;
    if (prec_out) *prec_out = sys ? (double)sys_ok / sys : 0;
    if (print)
        printf("records %d\nrecall %.3f\nprecision %.3f\nsystem_events %d\n", n,
               n ? (double)recalled / n : 0, sys ? (double)sys_ok / sys : 0, sys);
    return 0;
}

/* The Phoenix dictionaries of DIR for the fallback tagger; 0 if loaded. */
static inline int gsr_load_fallback(const char *dir)
{
    static const char *const files[][2] = {
        {"Phoenix.Countries.actors.txt", "0"}, {"Phoenix.International.actors.txt", "0"},
        {"Phoenix.MilNonState.actors.txt", "0"}, {"Phoenix.agents.txt", "1"}};
    for (size_t k = 0; k < 4; k++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, files[k][0]);
        if (fa_load(&fallback, path, files[k][1][0] == '1') == 0) use_fallback = 1;
    }
    return use_fallback ? 0 : -1;
}

#endif
