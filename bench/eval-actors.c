/* eval-actors.c — scores the actors stage on the PETR2 GSR records (gold UD
 * parses in the file): do the gold events' source and target codes appear
 * among dyad's actor mentions of the sentence? Recall over gold actor
 * codes, precision over dyad's codes (a mention whose code no gold event
 * uses counts against it, so precision is a lower bound: the gold codes
 * only the actors of its events), at two levels: full code and country
 * (first three letters). Codes "---" (no actor) are left out.
 *
 *   eval-actors [-v] [--replace] [--actors F]... [--agents F]... GSR.xml
 *
 * -v prints each record; --actors/--agents add PETRARCH dictionaries,
 * --replace uses only those. Prints one summary line per level. */
#include "dyad.h"
#include "actors.h"
#include "../tests/actors_conllu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    dyad_buf b = {0};
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) dyad_buf_put(&b, tmp, k);
    fclose(f);
    *len = b.len;
    return b.s;
}

static int attr(const char *s, const char *end, const char *name, char *out, size_t cap)
{
    char pat[64];
    snprintf(pat, sizeof pat, "%s=\"", name);
    const char *p = memmem(s, (size_t)(end - s), pat, strlen(pat));
    if (!p) return 0;
    p += strlen(pat);
    const char *q = memchr(p, '"', (size_t)(end - p));
    if (!q || (size_t)(q - p) >= cap) return 0;
    memcpy(out, p, (size_t)(q - p));
    out[q - p] = 0;
    return 1;
}

typedef struct { char c[8][32]; int n; } codeset;

static void add(codeset *s, const char *c, size_t n)
{
    if (n == 0 || n >= 32 || strncmp(c, "---", n < 3 ? n : 3) == 0) return;
    for (int i = 0; i < s->n; i++)
        if (strlen(s->c[i]) == n && strncmp(s->c[i], c, n) == 0) return;
    if (s->n < 8) { memcpy(s->c[s->n], c, n); s->c[s->n][n] = 0; s->n++; }
}

static int has(const codeset *s, const char *c, size_t n)
{
    for (int i = 0; i < s->n; i++)
        if (strlen(s->c[i]) == n && strncmp(s->c[i], c, n) == 0) return 1;
    return 0;
}

int main(int argc, char **argv)
{
    const char *actors[16] = {0}, *agents[16] = {0};
    int na = 0, ng = 0, verbose = 0, replace = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v")) verbose = 1;
        else if (!strcmp(argv[i], "--replace")) replace = 1;
        else if (!strcmp(argv[i], "--actors") && i + 1 < argc && na < 15) actors[na++] = argv[++i];
        else if (!strcmp(argv[i], "--agents") && i + 1 < argc && ng < 15) agents[ng++] = argv[++i];
        else path = argv[i];
    }
    if (!path) { fprintf(stderr, "usage: eval-actors [-v] [--replace] [--actors F] [--agents F] GSR.xml\n"); return 2; }
    size_t len;
    char *x = slurp(path, &len);
    if (!x) { fprintf(stderr, "eval-actors: %s: cannot read\n", path); return 1; }
    dyad_coder_options opt = { .actor_files = actors, .agent_files = agents,
                               .replace = replace, .warnings = NULL };
    dyad_actor_dict *dict;
    dyad_error err;
    clock_t t0 = clock();
    if (dyad_actor_dict_load(&dict, &opt, &err)) { fprintf(stderr, "eval-actors: %s\n", err.msg); return 1; }
    double load_s = (double)(clock() - t0) / CLOCKS_PER_SEC;

    /* level 0: full code, level 1: country */
    long tp[2] = {0}, gold_n[2] = {0}, sys_n[2] = {0}, sys_tp[2] = {0};
    long records = 0, words = 0, sentences = 0;
    double find_s = 0;
    const char *end = x + len;
    for (const char *p = strstr(x, "<Sentence "); p; ) {
        const char *next = strstr(p + 1, "<Sentence ");
        const char *rend = next ? next : end;
        char id[128] = "", date[32] = "";
        const char *tagend = memchr(p, '>', (size_t)(rend - p));
        attr(p, tagend ? tagend : rend, "id", id, sizeof id);
        attr(p, tagend ? tagend : rend, "date", date, sizeof date);
        const char *ps = memmem(p, (size_t)(rend - p), "<Parse>", 7);
        const char *pe = ps ? memmem(ps, (size_t)(rend - ps), "</Parse>", 8) : NULL;
        if (!ps || !pe) { p = next; continue; }
        codeset gold[2], sys[2];
        memset(gold, 0, sizeof gold);
        memset(sys, 0, sizeof sys);
        for (const char *e = p; (e = memmem(e, (size_t)(rend - e), "<EventCoding", 12)); e++) {
            const char *ee = memchr(e, '>', (size_t)(rend - e));
            char c[64];
            for (int k = 0; k < 2; k++)
                if (attr(e, ee ? ee : rend, k ? "targetcode" : "sourcecode", c, sizeof c)) {
                    add(&gold[0], c, strlen(c));
                    add(&gold[1], c, strlen(c) < 3 ? strlen(c) : 3);
                }
        }
        dyad_doc *doc = dyad_doc_new();
        doc->id = dyad_strdup(doc->arena, id);
        /* GSR dates are YYYYMMDD (a few YYMMDD) */
        if (strlen(date) == 8)
            doc->date = dyad_sprintf(doc->arena, "%.4s-%.2s-%.2s", date, date + 4, date + 6);
        words += (long)conllu_append(doc, ps + 7, (size_t)(pe - ps - 7));
        sentences += (long)doc->nsentences;
        clock_t t1 = clock();
        dyad_actors_find(dict, doc, &err);
        find_s += (double)(clock() - t1) / CLOCKS_PER_SEC;
        for (size_t i = 0; i < doc->nactors; i++) {
            const char *c = doc->actors[i].code;
            add(&sys[0], c, strlen(c));
            add(&sys[1], c, strlen(c) < 3 ? strlen(c) : 3);
        }
        for (int l = 0; l < 2; l++) {
            gold_n[l] += gold[l].n;
            sys_n[l] += sys[l].n;
            for (int i = 0; i < gold[l].n; i++) tp[l] += has(&sys[l], gold[l].c[i], strlen(gold[l].c[i]));
            for (int i = 0; i < sys[l].n; i++) sys_tp[l] += has(&gold[l], sys[l].c[i], strlen(sys[l].c[i]));
        }
        if (verbose) {
            printf("%s %s gold:", id, date);
            for (int i = 0; i < gold[0].n; i++) printf(" %s%s", gold[0].c[i], has(&sys[0], gold[0].c[i], strlen(gold[0].c[i])) ? "" : "(MISS)");
            printf("\n");
            for (size_t i = 0; i < doc->nactors; i++)
                printf("    %-12s %-30s head=%s  %s\n", doc->actors[i].code, doc->actors[i].text,
                       doc->tokens[doc->actors[i].head].form, doc->actors[i].how);
        }
        records++;
        dyad_doc_free(doc);
        p = next;
    }
    static const char *const level[2] = { "full code", "country" };
    printf("records %ld, sentences %ld, words %ld; dictionary load %.3f s; "
           "actors stage %.1f us/sentence\n", records, sentences, words, load_s,
           sentences ? find_s * 1e6 / (double)sentences : 0.0);
    for (int l = 0; l < 2; l++) {
        double r = gold_n[l] ? (double)tp[l] / (double)gold_n[l] : 0;
        double pr = sys_n[l] ? (double)sys_tp[l] / (double)sys_n[l] : 0;
        printf("%-9s gold actors %ld, found %ld: recall %.3f; dyad codes %ld, in gold %ld: precision %.3f; F1 %.3f\n",
               level[l], gold_n[l], tp[l], r, sys_n[l], sys_tp[l], pr,
               r + pr > 0 ? 2 * r * pr / (r + pr) : 0.0);
    }
    dyad_actor_dict_free(dict);
    free(x);
    return 0;
}
