/* train-text.c — trains the text stage's sentence-boundary model: an
 * averaged perceptron over the gaps between surface tokens, on documents
 * rebuilt from UD English-EWT's "# text" lines exactly as bench/ewt-text
 * rebuilds them for evaluation (sentences of a paragraph joined by a
 * space, paragraphs by a blank line). The features are src/text.c's own
 * (text_gap_features), so training and tagging cannot disagree.
 *
 *   build/bench/train-text TRAIN.conllu [DEV.conllu] > sbd.txt
 *
 * Writes "BUCKET WEIGHT" lines (non-zero averaged weights); scripts/
 * train-text compresses them into data/text/sbd.txt.zst. Deterministic:
 * fixed epochs, fixed document order. */
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPOCHS (getenv("EPOCHS") ? atoi(getenv("EPOCHS")) : 6)
#define NW ((size_t)1 << TEXT_SBD_BITS)
#define MASK (NW - 1)

typedef struct {
    dyad_buf text;
    uint32_t *ends; size_t nends, cends;   /* gold sentence ends (bytes) */
} rawdoc;

typedef struct {
    rawdoc *d; size_t n, cap;
} corpus;

static void add_end(rawdoc *d, uint32_t e)
{
    if (d->nends == d->cends) {
        d->cends = d->cends ? d->cends * 2 : 64;
        d->ends = realloc(d->ends, d->cends * sizeof *d->ends);
        if (!d->ends) abort();
    }
    d->ends[d->nends++] = e;
}

static int load(const char *path, corpus *c)
{
    FILE *f = fopen(path, "r");
    if (!f) { fprintf(stderr, "dyad: %s: cannot read\n", path); return -1; }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int newpar = 0;
    rawdoc *d = NULL;
    while ((n = getline(&line, &cap, f)) > 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
        if (!strncmp(line, "# newdoc", 8) || !d) {
            if (c->n == c->cap) {
                c->cap = c->cap ? c->cap * 2 : 64;
                c->d = realloc(c->d, c->cap * sizeof *c->d);
                if (!c->d) abort();
            }
            d = &c->d[c->n++];
            memset(d, 0, sizeof *d);
            newpar = 0;
            if (!strncmp(line, "# newdoc", 8)) continue;
        }
        if (!strncmp(line, "# newpar", 8)) newpar = 1;
        else if (!strncmp(line, "# text = ", 9)) {
            if (d->text.len) dyad_buf_puts(&d->text, newpar ? "\n\n" : " ");
            dyad_buf_puts(&d->text, line + 9);
            add_end(d, (uint32_t)d->text.len);
            newpar = 0;
        }
    }
    free(line);
    fclose(f);
    return 0;
}

static void corpus_free(corpus *c)
{
    for (size_t i = 0; i < c->n; i++) {
        dyad_buf_free(&c->d[i].text);
        free(c->d[i].ends);
    }
    free(c->d);
}

static int is_end(const rawdoc *d, uint32_t pos)
{
    size_t lo = 0, hi = d->nends;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->ends[mid] < pos) lo = mid + 1; else hi = mid;
    }
    return lo < d->nends && d->ends[lo] == pos;
}

typedef struct {
    float *w;       /* current weights */
    double *acc;    /* sum over time of weights, by lazy updates */
    uint32_t *last; /* step of each weight's last change */
    uint32_t step;
} model;

static float bias;   /* added to every score: the dev sweep's threshold */

static float score(const float *w, const uint32_t *f, size_t k)
{
    float s = bias;
    for (size_t j = 0; j < k; j++) s += w[f[j] & MASK];
    return s;
}

static void update(model *m, const uint32_t *f, size_t k, float delta)
{
    for (size_t j = 0; j < k; j++) {
        uint32_t b = f[j] & MASK;
        m->acc[b] += (double)(m->step - m->last[b]) * m->w[b];
        m->last[b] = m->step;
        m->w[b] += delta;
    }
}

/* One pass over a corpus: train (m->w updated) or test (counts only).
 * Returns boundary F1 over the gaps the model decides. */
static double pass(const corpus *c, model *m, int train)
{
    size_t tp = 0, fp = 0, fn = 0;
    uint32_t f[TEXT_MAX_FEATS];
    for (size_t di = 0; di < c->n; di++) {
        const rawdoc *d = &c->d[di];
        dyad_arena *a = dyad_arena_new();
        text_tok *t;
        size_t n = text_tokenize(a, d->text.s, d->text.len, &t);
        text_hash_tokens(d->text.s, t, n);
        size_t since = 0, since_pred = 0;
        for (size_t i = 0; i + 1 < n; i++) {
            since++;
            since_pred++;
            int gold = is_end(d, t[i].end);
            if (t[i + 1].nl >= 2 || !t[i + 1].space || !text_gap_candidate(d->text.s, t, i)) {
                if (gold || t[i + 1].nl >= 2) since = 0;
                if (t[i + 1].nl >= 2) since_pred = 0;
                continue;
            }
            size_t k = text_gap_features(t, n, i, train ? since : since_pred, f);
            int pred = score(m->w, f, k) > 0;
            if (train) {
                m->step++;
                if (pred != gold) update(m, f, k, gold ? 1.0f : -1.0f);
            }
            tp += pred && gold;
            fp += pred && !gold;
            fn += !pred && gold;
            if (gold) since = 0;
            if (pred) since_pred = 0;
        }
        dyad_arena_free(a);
    }
    return tp ? 200.0 * (double)tp / (double)(2 * tp + fp + fn) : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: train-text TRAIN.conllu [DEV.conllu] > sbd.txt\n");
        return 2;
    }
    corpus tr = {0}, dev = {0};
    if (load(argv[1], &tr) || (argc > 2 && load(argv[2], &dev))) {
        corpus_free(&tr);
        corpus_free(&dev);
        return 1;
    }
    model m = {0};
    m.w = calloc(NW, sizeof *m.w);
    m.acc = calloc(NW, sizeof *m.acc);
    m.last = calloc(NW, sizeof *m.last);
    if (!m.w || !m.acc || !m.last) abort();
    float *avg = calloc(NW, sizeof *avg);
    if (!avg) abort();
    for (int e = 0; e < EPOCHS; e++) {
        double f1 = pass(&tr, &m, 1);
        for (size_t b = 0; b < NW; b++)
            avg[b] = (float)((m.acc[b] + (double)(m.step - m.last[b]) * m.w[b]) /
                             (double)(m.step ? m.step : 1));
        fprintf(stderr, "epoch %d: train gap F1 %.2f", e + 1, f1);
        if (dev.n) {
            model t = {avg, NULL, NULL, 0};
            fprintf(stderr, ", dev gap F1 %.2f", pass(&dev, &t, 0));
        }
        fputc('\n', stderr);
    }
    /* The threshold: the bias on dev that gives the best boundary F1
     * (perceptrons trained on few positives lean towards "no"), folded
     * into the weight of the bias feature. */
    if (dev.n) {
        float best = 0, bestf = -1;
        for (bias = -2; bias <= 3.01f; bias += 0.25f) {
            model t = {avg, NULL, NULL, 0};
            double f1 = pass(&dev, &t, 0);
            if (f1 > bestf + 0.005) { bestf = (float)f1; best = bias; }
        }
        bias = 0;
        text_tok two[2] = {{0, 1, 0, 0, 0, 1, 0, 0}, {2, 3, 1, 0, 0, 1, 0, 0}};
        uint32_t fb[TEXT_MAX_FEATS];
        text_gap_features(two, 2, 0, 1, fb);  /* the first is the bias */
        avg[fb[0] & MASK] += best;
        fprintf(stderr, "threshold %+.2f: dev gap F1 %.2f\n", (double)best, (double)bestf);
    }
    size_t kept = 0;
    for (size_t b = 0; b < NW; b++)
        if (fabsf(avg[b]) >= 0.005f) {
            printf("%zu %.3g\n", b, (double)avg[b]);
            kept++;
        }
    fprintf(stderr, "%zu weights\n", kept);
    free(m.w); free(m.acc); free(m.last); free(avg);
    corpus_free(&tr);
    corpus_free(&dev);
    return 0;
}
