/* eval-actors.c — scores the actors stage on the PETR2 GSR records (gold UD
 * parses in the file): do the gold events' source and target codes appear
 * among dyad's actor mentions of the sentence? Recall over gold actor
 * codes, precision over dyad's codes (a mention whose code no gold event
 * uses counts against it, so precision is a lower bound: the gold codes
 * only the actors of its events), at two levels: full code and country
 * (first three letters). Codes "---" (no actor) are left out.
 *
 *   eval-actors [-v] [--replace] [--actors F]... [--agents F]... GSR.xml
 *   eval-actors --text [-v] GSR.xml
 *   eval-actors --plover [-v] PLOVER_GSR_CAMEO.txt
 *
 * --text feeds each record's <Text> through dyad's own text and syntax
 * stages instead of using the file's gold parse.
 * -v prints each record; --actors/--agents add PETRARCH dictionaries,
 * --replace uses only those. Prints one summary line per level.
 * --plover scores the PLOVER gold records instead (country recall of their
 * source and target codes; the texts go through dyad's own text and
 * syntax stages, as `dyad code` would run them). */
#include "dyad.h"
#include "actors.h"
#include "../tests/actors_conllu.h"

#include <jansson.h>
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

/* Mention level: the gold actor's words located in the text (first
 * occurrence, as written); is there a dyad mention over them, and does one
 * such mention carry the gold country (first three letters)? This scores
 * the actors stage on the actor the event needs, not on any actor of the
 * sentence. ment: located, right, wrong, none. */
static void mention_score(const dyad_doc *doc, const char *atext, const char *code,
                          int verbose, long ment[4])
{
    if (!atext || !*atext || !doc->text) return;
    const char *at = strstr(doc->text, atext);
    if (!at) return;
    uint32_t b = (uint32_t)(at - doc->text), e = b + (uint32_t)strlen(atext);
    ment[0]++;
    int over = 0, right = 0;
    for (size_t a = 0; a < doc->nactors; a++) {
        const dyad_actor *m = &doc->actors[a];
        uint32_t mb = doc->tokens[m->tok].start, me = doc->tokens[m->tok + m->ntok - 1].end;
        if (me <= b || mb >= e) continue;
        over = 1;
        if (!strncmp(m->code, code, 3)) right = 1;
    }
    ment[right ? 1 : over ? 2 : 3]++;
    if (verbose && !right) {
        printf("MENTION-%s %s \"%s\":", over ? "WRONG" : "NONE", code, atext);
        for (size_t a = 0; a < doc->nactors; a++)
            printf(" %s=%s", doc->actors[a].text, doc->actors[a].code);
        printf("\n");
    }
}

/* PLOVER gold: each record's source/target country codes among dyad's. */
static int plover(const char *path, int verbose, const dyad_actor_dict *dict)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!json_is_array(root)) {
        fprintf(stderr, "eval-actors: %s:%d: %s\n", path, je.line, je.text);
        return 1;
    }
    dyad_syntax *syn = NULL;
    dyad_error err;
    if (dyad_syntax_load(&syn, NULL, &err)) syn = NULL;
    long gold = 0, found = 0, records = 0, sentences = 0, parsed = 0;
    long ment[4] = {0};     /* gold mentions located, right country, wrong, none */
    size_t i;
    json_t *r;
    json_array_foreach(root, i, r) {
        const char *text = json_string_value(json_object_get(r, "text"));
        const char *ev = json_string_value(json_object_get(r, "event"));
        if (!text || !ev || !strcmp(ev, "DOCUMENT")) continue;
        const char *id = json_string_value(json_object_get(r, "id"));
        const char *date = json_string_value(json_object_get(r, "date"));
        dyad_doc *doc = dyad_doc_new();
        doc->id = dyad_strdup(doc->arena, id ? id : "?");
        doc->path = doc->id;
        doc->raw = dyad_strdup(doc->arena, text);
        doc->raw_len = strlen(text);
        doc->given_date = date ? dyad_strdup(doc->arena, date) : NULL;
        doc->is_record = 1;
        if (dyad_article(doc, &err) || dyad_text(doc, &err) ||
            (syn && dyad_syntax_run(syn, doc, &err)) || dyad_actors_find(dict, doc, &err)) {
            fprintf(stderr, "eval-actors: %s\n", err.msg);
            dyad_doc_free(doc);
            continue;
        }
        records++;
        sentences += (long)doc->nsentences;
        for (size_t k = 0; k < doc->nsentences; k++)
            parsed += doc->sentences[k].ntok && doc->tokens[doc->sentences[k].tok].deprel;
        for (int side = 0; side < 2; side++) {
            json_t *v = json_object_get(r, side ? "target" : "source");
            json_t *one = NULL;
            size_t k, n = json_is_array(v) ? json_array_size(v) : 1;
            for (k = 0; k < n; k++) {
                one = json_is_array(v) ? json_array_get(v, k) : v;
                const char *code = json_is_object(one)
                    ? json_string_value(json_object_get(one, "code"))
                    : json_string_value(one);
                if (!code || strlen(code) < 3 || !strncmp(code, "---", 3)) continue;
                gold++;
                const char *atext = json_is_object(one)
                    ? json_string_value(json_object_get(one, "actorText")) : NULL;
                mention_score(doc, atext, code, verbose, ment);
                int hit = 0;
                for (size_t a = 0; a < doc->nactors && !hit; a++)
                    hit = !strncmp(doc->actors[a].code, code, 3);
                found += hit;
                if (verbose && !hit) printf("MISS %s %.3s: %s\n", doc->id, code, text);
            }
        }
        dyad_doc_free(doc);
    }
    printf("PLOVER records %ld, sentences %ld (parsed %ld): gold actor countries %ld, "
           "found %ld: recall %.3f\n", records, sentences, parsed, gold,
           found, gold ? (double)found / (double)gold : 0.0);
    printf("PLOVER mentions: gold actor texts located %ld: a mention over it with the "
           "right country %ld (%.3f), wrong country %ld, no mention %ld\n",
           ment[0], ment[1], ment[0] ? (double)ment[1] / (double)ment[0] : 0.0,
           ment[2], ment[3]);
    dyad_syntax_free(syn);
    json_decref(root);
    return 0;
}

int main(int argc, char **argv)
{
    const char *actors[16] = {0}, *agents[16] = {0};
    int na = 0, ng = 0, verbose = 0, replace = 0, plover_mode = 0, text_mode = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v")) verbose = 1;
        else if (!strcmp(argv[i], "--replace")) replace = 1;
        else if (!strcmp(argv[i], "--plover")) plover_mode = 1;
        else if (!strcmp(argv[i], "--text")) text_mode = 1;
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
    if (plover_mode) {
        int rc = plover(path, verbose, dict);
        dyad_actor_dict_free(dict);
        free(x);
        return rc;
    }

    dyad_syntax *syn = NULL;
    if (text_mode && dyad_syntax_load(&syn, NULL, &err)) {
        fprintf(stderr, "eval-actors: %s (scoring without a parse)\n", err.msg);
        syn = NULL;
    }
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
        const char *ts = memmem(p, (size_t)(rend - p), "<Text>", 6);
        const char *te = ts ? memmem(ts, (size_t)(rend - ts), "</Text>", 7) : NULL;
        if (text_mode && ts && te) {
            doc->path = doc->id;
            /* the file wraps its texts: one line, as a JSON Lines record */
            char *raw = dyad_strndup(doc->arena, ts + 6, (size_t)(te - ts - 6));
            size_t k = 0;
            for (size_t q = 0; raw[q]; q++) {
                char ch = raw[q] == '\n' || raw[q] == '\t' ? ' ' : raw[q];
                if (ch == ' ' && (k == 0 || raw[k - 1] == ' ')) continue;
                raw[k++] = ch;
            }
            while (k && raw[k - 1] == ' ') k--;
            raw[k] = 0;
            doc->raw = raw;
            doc->raw_len = k;
            doc->is_record = 1;
            doc->given_date = doc->date;
            doc->date = NULL;
            if (dyad_article(doc, &err) || dyad_text(doc, &err) ||
                (syn && dyad_syntax_run(syn, doc, &err)))
                fprintf(stderr, "eval-actors: %s: %s\n", id, err.msg);
            words += (long)doc->ntokens;
        } else
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
    dyad_syntax_free(syn);
    dyad_actor_dict_free(dict);
    free(x);
    return 0;
}
