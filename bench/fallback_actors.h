/* fallback_actors.h — a minimal actor tagger for the event scorers, used
 * only while the real actors stage (src/actors.c) finds nothing: it reads
 * PETRARCH/Phoenix actor and agent dictionaries (names → codes, dated codes
 * chosen by the article date), marks the longest name matches in each
 * sentence, and composes "Chinese officials" → CHNGOV through the parse.
 * It lets the events stage be measured on its own; it is not shipped. */
#ifndef DYAD_FALLBACK_ACTORS_H
#define DYAD_FALLBACK_ACTORS_H

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"

typedef struct {
    char *key;
    char *code[8];
    long from[8], to[8];
    int ncode;
    int agent;
} fa_entry;

typedef struct {
    fa_entry *e;
    size_t n, cap;
    size_t *slot;      /* index+1, 0 empty */
    size_t nslot;
} fa_dict;

static inline uint64_t fa_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static inline fa_entry *fa_find(fa_dict *d, const char *key, int add)
{
    if (add && (d->n + 1) * 2 > d->nslot) {
        size_t ns = d->nslot ? d->nslot * 2 : 1 << 16;
        size_t *sl = calloc(ns, sizeof *sl);
        for (size_t i = 0; i < d->nslot; i++)
            if (d->slot[i]) {
                size_t j = fa_hash(d->e[d->slot[i] - 1].key) & (ns - 1);
                while (sl[j]) j = (j + 1) & (ns - 1);
                sl[j] = d->slot[i];
            }
        free(d->slot);
        d->slot = sl;
        d->nslot = ns;
    }
    if (!d->nslot) return NULL;
    size_t j = fa_hash(key) & (d->nslot - 1);
    for (; d->slot[j]; j = (j + 1) & (d->nslot - 1))
        if (strcmp(d->e[d->slot[j] - 1].key, key) == 0) return &d->e[d->slot[j] - 1];
    if (!add) return NULL;
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 4096;
        d->e = realloc(d->e, d->cap * sizeof *d->e);
    }
    fa_entry *e = &d->e[d->n++];
    memset(e, 0, sizeof *e);
    e->key = strdup(key);
    d->slot[j] = d->n;
    return e;
}

static inline long fa_date(const char *s)
{
    long v = atol(s);
    size_t n = strspn(s, "0123456789");
    if (n == 6) v += (v / 10000 >= 30 ? 19000000 : 20000000);
    return v;
}

/* "NAME_ONE_TWO_" → "NAME ONE TWO" */
static inline void fa_key(const char *name, char *out, size_t cap)
{
    size_t k = 0;
    for (const char *p = name; *p && k + 1 < cap; p++)
        out[k++] = *p == '_' ? ' ' : (char)toupper((unsigned char)*p);
    while (k && out[k - 1] == ' ') k--;
    out[k] = 0;
}

static inline void fa_add_code(fa_entry *e, const char *br)
{
    if (!e || e->ncode >= 8) return;
    char code[64] = {0}, range[64] = {0};
    if (sscanf(br, "[%63[^] \t] %63[^]]", code, range) < 1) return;
    char *c = code;
    while (*c == '~') c++;
    char *t = strchr(c, '~');
    if (t) *t = 0;
    long from = 0, to = 99999999;
    if (range[0] == '>') from = fa_date(range + 1);
    else if (range[0] == '<') to = fa_date(range + 1);
    else if (isdigit((unsigned char)range[0])) {
        from = fa_date(range);
        char *dash = strchr(range, '-');
        if (dash) to = fa_date(dash + 1);
    }
    e->code[e->ncode] = strdup(c);
    e->from[e->ncode] = from;
    e->to[e->ncode] = to;
    e->ncode++;
}

static inline int fa_load(fa_dict *d, const char *path, int agents)
{
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char line[4096], key[512];
    size_t cur[64];   /* indices: the table moves as it grows */
    int ncur = 0;
    while (fgets(line, sizeof line, f)) {
        char *h = strchr(line, '#');
        if (h) *h = 0;
        if (strchr(line, '!') || strstr(line, "<!--")) continue;
        char *p = line;
        while (*p == ' ' || *p == '\t') p++;
        if (!*p || *p == '\n' || *p == '\r') continue;
        if (*p == '[') {
            for (int i = 0; i < ncur; i++) fa_add_code(&d->e[cur[i]], p);
            continue;
        }
        int syn = *p == '+';
        if (syn) p++;
        char name[512];
        if (sscanf(p, "%511s", name) != 1) continue;
        fa_key(name, key, sizeof key);
        if (!*key) continue;
        if (!syn) ncur = 0;
        fa_entry *e = fa_find(d, key, 1);
        e->agent = agents;
        if (ncur < 64) cur[ncur++] = (size_t)(e - d->e);
        char *br = strchr(p, '[');
        if (br) fa_add_code(e, br);
        fa_entry *c0 = &d->e[cur[0]];
        if (syn && ncur > 1 && c0->ncode && !e->ncode)
            for (int i = 0; i < c0->ncode && i < 8; i++) {
                e->code[i] = strdup(c0->code[i]);
                e->from[i] = c0->from[i];
                e->to[i] = c0->to[i];
                e->ncode = i + 1;
            }
        if (agents) {
            /* "official" also matches "officials" */
            char pl[520];
            snprintf(pl, sizeof pl, "%sS", key);
            fa_entry *q = fa_find(d, pl, 1);
            q->agent = 1;
            if (ncur < 64) cur[ncur++] = (size_t)(q - d->e);
            if (br) fa_add_code(q, br);
        }
    }
    fclose(f);
    /* synonyms whose code line came after them */
    return 0;
}

static inline void fa_free(fa_dict *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->e[i].key);
        for (int k = 0; k < d->e[i].ncode; k++) free(d->e[i].code[k]);
    }
    free(d->e);
    free(d->slot);
    memset(d, 0, sizeof *d);
}

static inline const char *fa_pick(const fa_entry *e, long date)
{
    const char *any = NULL;
    for (int i = 0; i < e->ncode; i++) {
        if (e->from[i] == 0 && e->to[i] == 99999999) { if (!any) any = e->code[i]; continue; }
        if (date >= e->from[i] && date <= e->to[i]) return e->code[i];
    }
    return any;
}

/* Tag doc->actors from the dictionaries (doc must be parsed). */
static inline void fa_tag(fa_dict *d, dyad_doc *doc)
{
    long date = 0;
    if (doc->date && strlen(doc->date) >= 10)
        date = atol(doc->date) * 10000 + atol(doc->date + 5) * 100 + atol(doc->date + 8);
    dyad_actor *act = NULL;
    size_t n = 0;
    for (size_t si = 0; si < doc->nsentences; si++) {
        const dyad_sentence *S = &doc->sentences[si];
        for (uint32_t i = 0; i < S->ntok;) {
            int best = 0;
            const char *code = NULL;
            int agent = 0;
            char key[512];
            for (uint32_t len = 1; len <= 7 && i + len <= S->ntok; len++) {
                size_t k = 0;
                for (uint32_t j = 0; j < len; j++) {
                    const char *w = doc->tokens[S->tok + i + j].form;
                    if (j && k + 1 < sizeof key) key[k++] = ' ';
                    for (; *w && k + 1 < sizeof key; w++) key[k++] = (char)toupper((unsigned char)*w);
                }
                key[k] = 0;
                fa_entry *e = fa_find(d, key, 0);
                if (e && e->ncode && fa_pick(e, date)) {
                    best = (int)len;
                    code = fa_pick(e, date);
                    agent = e->agent;
                }
            }
            if (!best) { i++; continue; }
            uint32_t t0 = S->tok + i, head = t0 + (uint32_t)best - 1;
            for (uint32_t j = t0; j < t0 + (uint32_t)best; j++) {
                int h = doc->tokens[j].head;
                uint32_t hd = h > 0 ? S->tok + (uint32_t)h - 1 : UINT32_MAX;
                if (hd < t0 || hd >= t0 + (uint32_t)best) head = j;
            }
            act = dyad_grow(doc->arena, act, n, n + 1, sizeof *act);
            dyad_actor *a = &act[n++];
            memset(a, 0, sizeof *a);
            a->sent = (uint32_t)si;
            a->tok = t0;
            a->ntok = (uint32_t)best;
            a->head = head;
            a->code = dyad_sprintf(doc->arena, "%s%s", agent ? "~" : "", code);
            a->text = dyad_strndup(doc->arena, doc->text + doc->tokens[t0].start,
                                   doc->tokens[t0 + best - 1].end - doc->tokens[t0].start);
            a->how = "fallback";
            a->antecedent = -1;
            i += (uint32_t)best;
        }
    }
    /* agents take the country of a modifier ("Chinese officials"), else --- */
    for (size_t k = 0; k < n; k++) {
        if (act[k].code[0] != '~') continue;
        const char *country = "---";
        for (size_t m = 0; m < n; m++) {
            if (act[m].code[0] == '~' || act[m].sent != act[k].sent) continue;
            int h = doc->tokens[act[m].head].head;
            uint32_t hd = h > 0 ? doc->sentences[act[m].sent].tok + (uint32_t)h - 1 : UINT32_MAX;
            if (hd == act[k].head || (act[m].tok + act[m].ntok == act[k].tok)) {
                country = act[m].code;
                break;
            }
        }
        int whole = strncmp(country, "IGO", 3) == 0 || strncmp(country, "NGO", 3) == 0;
        act[k].code = dyad_sprintf(doc->arena, "%.*s%s", whole ? 64 : 3, country,
                                   act[k].code + 1);
    }
    doc->actors = act;
    doc->nactors = n;
}

#endif
