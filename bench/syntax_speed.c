/* syntax_speed.c — the syntax stage alone, its two halves timed apart:
 * tagging (two tagger passes, lemmas, features) and dependency parsing,
 * over the words of a CoNLL-U file (gold tokens), ROUNDS times, on the
 * models linked into the binary, in CPU time (the machine is shared).
 * Model loading is timed on its own. The
 * parse of every round is checked against the first, so a speed change
 * that alters a head or label shows up here.
 *   syntax_speed FILE.conllu [ROUNDS] */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "dyad.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: syntax_speed FILE.conllu [ROUNDS]\n");
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 3;
    dyad_error err;
    dyad_doc **docs;
    size_t ndocs;
    if (dyad_conllu_read(argv[1], &docs, &ndocs, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    double t0 = now();
    dyad_syntax *s;
    if (dyad_syntax_load(&s, NULL, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    double load = now() - t0, tag = 0, parse = 0;
    size_t words = 0, sents = 0;
    for (size_t d = 0; d < ndocs; d++) words += docs[d]->ntokens, sents += docs[d]->nsentences;
    int32_t **first = calloc(ndocs, sizeof *first);
    long changed = 0;
    for (int r = 0; r < rounds; r++)
        for (size_t d = 0; d < ndocs; d++) {
            dyad_doc *doc = docs[d];
            double a = now();
            dyad_syntax_tag(s, doc, &err);
            double b = now();
            dyad_syntax_parse(s, doc, &err);
            double c = now();
            tag += b - a, parse += c - b;
            if (!first[d]) first[d] = calloc(doc->ntokens + 1, sizeof **first);
            for (size_t i = 0; i < doc->ntokens; i++) {
                int32_t v = doc->tokens[i].head * 64 + (doc->tokens[i].deprel[0] & 63);
                if (r == 0) first[d][i] = v;
                else changed += first[d][i] != v;
            }
        }
    double n = (double)words * rounds;
    printf("sentences %zu words %zu rounds %d\n", sents, words, rounds);
    printf("load %.3f s\n", load);
    printf("tag %.3f s = %.0f words/s\n", tag, n / tag);
    printf("parse %.3f s = %.0f words/s\n", parse, n / parse);
    printf("tag+parse %.0f sentences/s\n", (double)sents * rounds / (tag + parse));
    if (changed) printf("UNSTABLE: %ld words parsed differently across rounds\n", changed);
    for (size_t d = 0; d < ndocs; d++) free(first[d]), dyad_doc_free(docs[d]);
    free(first);
    free(docs);
    dyad_syntax_free(s);
    return changed != 0;
}
