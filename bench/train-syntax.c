/* train-syntax.c — trains dyad's syntax models from UD English-EWT and
 * scores them.
 *
 *   train-syntax train UD_DIR OUT_DIR   tagger.bin, tagger2.bin, parser.bin,
 *                                       lexicon.tsv into OUT_DIR
 *   train-syntax prune IN OUT THRESHOLD  drop weights below THRESHOLD
 *   train-syntax eval MODEL_DIR|- FILE.conllu
 *                                       UPOS/XPOS/UFeats/lemma/UAS/LAS on
 *                                       gold tokens ("-": the linked models)
 *
 * Averaged perceptrons with sparse rows (feature → the classes it has
 * weights for), fixed seeds, so a run is reproducible. The tagger is
 * two-pass: the second pass sees the first pass's tags to the right, and
 * is trained on first-pass tags made by 5-fold jackknifing; the parser
 * (arc-hybrid, dynamic oracle with exploration) is trained on the same
 * jackknifed tags, so it learns from tags as good as it will get.
 * Lemma rules and exceptions come from the training pairs plus WordNet's
 *  exception lists (the .exc files of /usr/share/wordnet, Debian wordnet-base).
 */
#include "syntax.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---------------------------------------------------------------- */
/* Data                                                              */
/* ---------------------------------------------------------------- */

typedef struct {
    int n;
    const char **form;
    const char **lemma, **upos, **xpos, **feats, **deprel;
    int *head;            /* gold, 0 = root */
    uint16_t *gtag;       /* gold tagger class */
    uint16_t *ptag;       /* jackknifed first-pass tags */
    uint16_t *ptag2;      /* jackknifed final tags (for the parser) */
    int *glab;            /* gold label id */
    tag_words w;
} sent;

typedef struct {
    dyad_doc **docs;
    size_t ndocs;
    sent *s;
    int n;
    dyad_arena *a;
} corpus;

static void die(const char *msg)
{
    fprintf(stderr, "train-syntax: %s\n", msg);
    exit(1);
}

static const char *nz(const char *s) { return s ? s : "_"; }

static void load_corpus(corpus *c, const char *path)
{
    dyad_error err;
    if (dyad_conllu_read(path, &c->docs, &c->ndocs, &err)) die(err.msg);
    c->a = dyad_arena_new();
    int total = 0;
    for (size_t d = 0; d < c->ndocs; d++) total += (int)c->docs[d]->nsentences;
    c->s = calloc((size_t)total, sizeof *c->s);
    c->n = 0;
    for (size_t d = 0; d < c->ndocs; d++) {
        dyad_doc *doc = c->docs[d];
        for (size_t k = 0; k < doc->nsentences; k++) {
            sent *s = &c->s[c->n++];
            int n = (int)doc->sentences[k].ntok;
            dyad_token *t = doc->tokens + doc->sentences[k].tok;
            s->n = n;
            const char ***cols[] = {&s->form, &s->lemma, &s->upos, &s->xpos, &s->feats, &s->deprel};
            for (size_t j = 0; j < 6; j++) *cols[j] = dyad_alloc(c->a, (size_t)n * sizeof(char *));
            s->head = dyad_alloc(c->a, (size_t)n * sizeof(int));
            s->glab = dyad_alloc(c->a, (size_t)n * sizeof(int));
            s->gtag = dyad_alloc(c->a, (size_t)n * sizeof(uint16_t));
            s->ptag = dyad_alloc(c->a, (size_t)n * sizeof(uint16_t));
            s->ptag2 = dyad_alloc(c->a, (size_t)n * sizeof(uint16_t));
            for (int i = 0; i < n; i++) {
                s->form[i] = t[i].form;
                s->lemma[i] = nz(t[i].lemma);
                s->upos[i] = dyad_upos_name(t[i].upos);
                s->xpos[i] = nz(t[i].xpos);
                s->feats[i] = nz(t[i].feats);
                s->deprel[i] = nz(t[i].deprel);
                s->head[i] = t[i].head < 0 ? 0 : t[i].head;
            }
            tag_words_init(&s->w, c->a, s->form, n);
        }
    }
}

static void free_corpus(corpus *c)
{
    for (size_t d = 0; d < c->ndocs; d++) dyad_doc_free(c->docs[d]);
    free(c->docs);
    free(c->s);
    dyad_arena_free(c->a);
}

/* Class names: a small list with linear lookup is enough for ~100. */
typedef struct {
    char *name[AP_MAX_CLASSES];
    int n;
} names;

static int name_id(names *nm, const char *s, int add)
{
    for (int i = 0; i < nm->n; i++)
        if (strcmp(nm->name[i], s) == 0) return i;
    if (!add) return -1;
    if (nm->n == AP_MAX_CLASSES) die("too many classes");
    nm->name[nm->n] = strdup(s);
    return nm->n++;
}

static void free_names(names *nm)
{
    for (int i = 0; i < nm->n; i++) free(nm->name[i]);
    nm->n = 0;
}

/* ---------------------------------------------------------------- */
/* Averaged perceptron with sparse rows                              */
/* ---------------------------------------------------------------- */

typedef struct {
    uint32_t cls, stamp;
    float w;
    double tot;
} tw;

typedef struct {
    uint64_t key;
    tw *e;
    uint32_t n, cap;
} trow;

typedef struct {
    trow *rows;
    size_t cap, used;
    uint32_t nclasses;
    uint32_t now;
} tmodel;

static void tm_init(tmodel *m, uint32_t nclasses)
{
    memset(m, 0, sizeof *m);
    m->cap = 1 << 20;
    m->rows = calloc(m->cap, sizeof *m->rows);
    m->nclasses = nclasses;
}

static void tm_free(tmodel *m)
{
    for (size_t i = 0; i < m->cap; i++) free(m->rows[i].e);
    free(m->rows);
}

static trow *tm_find(const tmodel *m, uint64_t key)
{
    size_t mask = m->cap - 1;
    for (size_t i = key & mask;; i = (i + 1) & mask) {
        if (m->rows[i].key == key) return &m->rows[i];
        if (!m->rows[i].key) return NULL;
    }
}

static trow *tm_get(tmodel *m, uint64_t key)
{
    if (2 * (m->used + 1) > m->cap) {
        trow *old = m->rows;
        size_t oc = m->cap;
        m->cap *= 2;
        m->rows = calloc(m->cap, sizeof *m->rows);
        for (size_t i = 0; i < oc; i++)
            if (old[i].key) {
                size_t j = old[i].key & (m->cap - 1);
                while (m->rows[j].key) j = (j + 1) & (m->cap - 1);
                m->rows[j] = old[i];
            }
        free(old);
    }
    size_t mask = m->cap - 1, i = key & mask;
    while (m->rows[i].key && m->rows[i].key != key) i = (i + 1) & mask;
    if (!m->rows[i].key) {
        m->rows[i].key = key;
        m->used++;
    }
    return &m->rows[i];
}

static void tm_score(const tmodel *m, const uint64_t *f, int nf, float *sc)
{
    memset(sc, 0, m->nclasses * sizeof *sc);
    for (int k = 0; k < nf; k++) {
        const trow *r = tm_find(m, f[k]);
        if (!r) continue;
        for (uint32_t j = 0; j < r->n; j++) sc[r->e[j].cls] += r->e[j].w;
    }
}

static void tm_update(tmodel *m, const uint64_t *f, int nf, uint32_t cls, float delta)
{
    for (int k = 0; k < nf; k++) {
        trow *r = tm_get(m, f[k]);
        tw *e = NULL;
        for (uint32_t j = 0; j < r->n; j++)
            if (r->e[j].cls == cls) { e = &r->e[j]; break; }
        if (!e) {
            if (r->n == r->cap) {
                r->cap = r->cap ? 2 * r->cap : 2;
                r->e = realloc(r->e, r->cap * sizeof *r->e);
            }
            e = &r->e[r->n++];
            *e = (tw){cls, m->now, 0, 0};
        }
        e->tot += (double)(m->now - e->stamp) * e->w;
        e->stamp = m->now;
        e->w += delta;
    }
}

/* A model in the file format: rows (32-bit key, weights) sorted by key,
 * rows whose keys collide merged, weights below thresh dropped, the rest
 * on a 127-step log scale. */
typedef struct {
    uint32_t key;
    uint32_t off, n;
} xrow;

static int cmp_xrow(const void *a, const void *b)
{
    uint32_t x = ((const xrow *)a)->key, y = ((const xrow *)b)->key;
    return x < y ? -1 : x > y;
}

static char *pack(xrow *rows, size_t nrows, const float *w, const uint8_t *cls,
                  const names *nm, double thresh, size_t *len)
{
    qsort(rows, nrows, sizeof *rows, cmp_xrow);
    /* merged rows: key, and the weights kept */
    dyad_buf keys = {0}, cnt = {0}, ocls = {0}, ow = {0};
    float *merged = malloc(((size_t)nm->n + 1) * sizeof *merged);
    float *kept = NULL;
    uint8_t *keptc = NULL;
    size_t nkept = 0, capk = 0, nr = 0;
    double maxw = thresh;
    /* first pass: merge and threshold into kept/keptc; rows into cnt/keys */
    uint32_t prev = 0;
    for (size_t r = 0; r < nrows;) {
        size_t e = r;
        memset(merged, 0, (size_t)nm->n * sizeof *merged);
        while (e < nrows && rows[e].key == rows[r].key) {
            for (uint32_t j = 0; j < rows[e].n; j++)
                merged[cls[rows[e].off + j]] += w[rows[e].off + j];
            e++;
        }
        size_t k0 = nkept;
        for (int c = 0; c < nm->n; c++) {
            if (fabs(merged[c]) < thresh) continue;
            if (nkept == capk) {
                capk = capk ? 2 * capk : 1 << 16;
                kept = realloc(kept, capk * sizeof *kept);
                keptc = realloc(keptc, capk);
            }
            kept[nkept] = merged[c];
            keptc[nkept++] = (uint8_t)c;
            if (fabs(merged[c]) > maxw) maxw = fabs(merged[c]);
        }
        if (nkept > k0) {
            uint32_t delta = rows[r].key - prev;
            prev = rows[r].key;
            do {
                uint8_t b = (uint8_t)(delta & 127);
                delta >>= 7;
                dyad_buf_putc(&keys, (char)(b | (delta ? 128 : 0)));
            } while (delta);
            dyad_buf_putc(&cnt, (char)(uint8_t)(nkept - k0 - 1));
            nr++;
        }
        r = e;
    }
    float wmin = (float)thresh, step = (float)(log(maxw / thresh) / 126.0);
    if (step <= 0) step = 1e-6f;
    for (size_t i = 0; i < nkept; i++) {
        double a = fabs(kept[i]);
        long qv = 1 + lround(log(a / wmin) / step);
        if (qv < 1) qv = 1;
        if (qv > 127) qv = 127;
        dyad_buf_putc(&ow, (char)(int8_t)(kept[i] < 0 ? -qv : qv));
        dyad_buf_putc(&ocls, (char)keptc[i]);
    }
    size_t names_len = 0;
    for (int c = 0; c < nm->n; c++) names_len += strlen(nm->name[c]) + 1;
    *len = 36 + keys.len + nr + 2 * nkept + names_len;
    char *buf = calloc(1, *len), *p = buf;
    memcpy(p, "DYADAP03", 8);
    uint32_t h[5] = {(uint32_t)nm->n, (uint32_t)nr, (uint32_t)nkept, (uint32_t)names_len,
                     (uint32_t)keys.len};
    memcpy(p + 8, h, sizeof h);
    memcpy(p + 28, &wmin, 4);
    memcpy(p + 32, &step, 4);
    p += 36;
    if (keys.len) memcpy(p, keys.s, keys.len);
    p += keys.len;
    if (nr) memcpy(p, cnt.s, nr);
    p += nr;
    if (nkept) memcpy(p, ocls.s, nkept), memcpy(p + nkept, ow.s, nkept);
    p += 2 * nkept;
    for (int c = 0; c < nm->n; c++) {
        size_t l = strlen(nm->name[c]) + 1;
        memcpy(p, nm->name[c], l);
        p += l;
    }
    dyad_buf_free(&keys), dyad_buf_free(&cnt), dyad_buf_free(&ocls), dyad_buf_free(&ow);
    free(merged), free(kept), free(keptc);
    return buf;
}

static double export_thresh = 1e-3;

/* The averaged weights as a model file. */
static char *tm_export(const tmodel *m, const names *nm, size_t *len)
{
    size_t nw = 0;
    for (size_t i = 0; i < m->cap; i++) nw += m->rows[i].key ? m->rows[i].n : 0;
    xrow *rows = malloc((m->used + 1) * sizeof *rows);
    float *w = malloc((nw + 1) * sizeof *w);
    uint8_t *cls = malloc(nw + 1);
    double now = m->now ? m->now : 1;
    size_t nr = 0, off = 0;
    for (size_t i = 0; i < m->cap; i++) {
        const trow *r = &m->rows[i];
        if (!r->key || !r->n) continue;
        rows[nr++] = (xrow){ap_key32(r->key), (uint32_t)off, r->n};
        for (uint32_t j = 0; j < r->n; j++, off++) {
            w[off] = (float)((r->e[j].tot + (double)(m->now - r->e[j].stamp) * r->e[j].w) / now);
            cls[off] = (uint8_t)r->e[j].cls;
        }
    }
    char *buf = pack(rows, nr, w, cls, nm, export_thresh, len);
    free(rows), free(w), free(cls);
    return buf;
}

/* Re-prune a model file with a higher threshold (for the shipped size). */
static int prune(const char *in, const char *out, double thresh)
{
    FILE *f = fopen(in, "rb");
    if (!f) die("cannot open model");
    fseek(f, 0, SEEK_END);
    size_t len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc(len);
    if (fread(buf, 1, len, f) != len) die("cannot read model");
    fclose(f);
    ap_model m;
    if (ap_model_open(&m, buf, len)) die("bad model");
    free(buf);
    names nm = {0};
    for (uint32_t c = 0; c < m.nclasses; c++) name_id(&nm, m.names[c], 1);
    xrow *rows = malloc((m.nrows + 1) * sizeof *rows);
    float *w = malloc((m.nweights + 1) * sizeof *w);
    uint8_t *wc = malloc(m.nweights + 1);
    size_t nr = 0, off = 0;
    for (size_t i = 0; i < m.nslots; i++) {
        uint32_t key;
        const uint8_t *c;
        const int8_t *q;
        int n = ap_model_row(&m, i, &key, &c, &q);
        if (!n) continue;
        rows[nr++] = (xrow){key, (uint32_t)off, (uint32_t)n};
        for (int j = 0; j < n; j++, off++) w[off] = m.level[(uint8_t)q[j]], wc[off] = c[j];
    }
    char *o = pack(rows, nr, w, wc, &nm, thresh, &len);
    free(w), free(wc);
    FILE *g = fopen(out, "wb");
    if (!g || fwrite(o, 1, len, g) != len || fclose(g)) die("cannot write model");
    fprintf(stderr, "%s: %zu bytes\n", out, len);
    free(o), free(rows);
    free_names(&nm);
    ap_model_close(&m);
    return 0;
}

static void tm_to_model(const tmodel *tm, const names *nm, ap_model *m)
{
    size_t len;
    char *buf = tm_export(tm, nm, &len);
    if (ap_model_open(m, buf, len)) die("exported model does not load");
    free(buf);
}

static void write_file(const char *dir, const char *name, const char *buf, size_t len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) die("cannot write a model file");
}

static void save_model(const char *dir, const char *name, const tmodel *tm, const names *nm)
{
    size_t len;
    char *buf = tm_export(tm, nm, &len);
    write_file(dir, name, buf, len);
    fprintf(stderr, "  %s: %zu bytes\n", name, len);
    free(buf);
}

/* Fixed-seed generator (xorshift64*). */
static uint64_t rng = 88172645463325252ULL;
static uint64_t rnd(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717ULL;
}

static void shuffle(int *ord, int n)
{
    for (int i = n - 1; i > 0; i--) {
        int j = (int)(rnd() % (uint64_t)(i + 1)), t = ord[i];
        ord[i] = ord[j];
        ord[j] = t;
    }
}

/* ---------------------------------------------------------------- */
/* Tagger                                                            */
/* ---------------------------------------------------------------- */

/* Train on the sentences with use[i] (NULL: all); second pass when
 * second is set (right context from s->ptag). */
static void train_tagger(tmodel *tm, corpus *c, const char *use, int second, int epochs)
{
    int *ord = malloc((size_t)c->n * sizeof *ord), n = 0;
    for (int i = 0; i < c->n; i++)
        if (!use || use[i]) ord[n++] = i;
    uint64_t f[TAG_MAX_FEATS];
    float sc[AP_MAX_CLASSES];
    uint16_t hist[1024];
    for (int ep = 0; ep < epochs; ep++) {
        shuffle(ord, n);
        long right = 0, total = 0;
        for (int k = 0; k < n; k++) {
            sent *s = &c->s[ord[k]];
            for (int i = 0; i < s->n && i < 1024; i++) {
                int nf = tag_features(&s->w, i, hist, second ? s->ptag : NULL, f);
                tm->now++;
                tm_score(tm, f, nf, sc);
                uint32_t best = 0;
                for (uint32_t y = 1; y < tm->nclasses; y++)
                    if (sc[y] > sc[best]) best = y;
                if (best != s->gtag[i]) {
                    tm_update(tm, f, nf, s->gtag[i], 1);
                    tm_update(tm, f, nf, best, -1);
                } else right++;
                total++;
                hist[i] = (uint16_t)best;
            }
        }
        fprintf(stderr, "    tagger%s epoch %d: %.2f%% on train\n", second ? "2" : "1", ep + 1,
                100.0 * right / (total ? total : 1));
    }
    free(ord);
}

/* ---------------------------------------------------------------- */
/* Parser: arc-hybrid dynamic oracle (Goldberg & Nivre 2013)         */
/* ---------------------------------------------------------------- */

/* Lift non-projective arcs (to the head's head) until the tree is
 * projective: the oracle below is exact for projective trees only. */
static void projectivize(int n, int *h)
{
    for (int changed = 1; changed;) {
        changed = 0;
        for (int d = 1; d <= n && !changed; d++) {
            int hd = h[d];
            if (hd == 0) continue;
            int lo = d < hd ? d : hd, hi = d < hd ? hd : d;
            for (int k = lo + 1; k < hi; k++) {
                int a = k;
                while (a != 0 && a != hd) a = h[a];
                if (a != hd) {
                    h[d] = h[hd];
                    changed = 1;
                    break;
                }
            }
        }
    }
}

/* Cost (gold arcs made unreachable) of each class; gh in parser
 * positions (root = n+1), gl gold labels. */
static void costs(const parse_state *p, const int *gh, const int *gl, int nclasses,
                  int rootlab, int *cost)
{
    int n = p->n, b = p->b, sp = p->sp;
    int s0 = sp > 0 ? p->stack[sp - 1] : 0, s1 = sp > 1 ? p->stack[sp - 2] : 0;
    int deps_s0_in_buf = 0;
    if (s0)
        for (int k = b; k <= n; k++) deps_s0_in_buf += gh[k] == s0;
    int left = 0, right = 0, shift = 0;
    if (s0) {
        int hb = gh[s0];
        left = deps_s0_in_buf + (hb != b && (hb == s1 || (hb >= b && hb <= n + 1)));
        right = deps_s0_in_buf + (hb != s1 && hb >= b && hb <= n + 1);
    }
    if (b <= n) {
        for (int k = 0; k < sp; k++) shift += gh[p->stack[k]] == b;
        for (int k = 0; k < sp - 1; k++) shift += gh[b] == p->stack[k];
    }
    for (int c = 0; c < nclasses; c++) {
        if (!parse_valid(p, c, rootlab)) { cost[c] = -1; continue; }
        if (c == PARSE_SHIFT) { cost[c] = shift; continue; }
        int lab = (c - 1) / 2;
        if (c & 1) cost[c] = left + (gh[s0] == b && gl[s0] != lab);
        else cost[c] = right + (gh[s0] == s1 && gl[s0] != lab);
    }
}

/* Tagger class → UPOS: the parser sees predicted UPOS, in training too. */
static uint16_t cls_upos[AP_MAX_CLASSES];

/* Labelled attachment score of a parser model on dev (its ptag2 tags). */
static double dev_las(const ap_model *m, corpus *dev, int rootlab, double *uas)
{
    long n = 0, ok = 0, uok = 0;
    float sc[AP_MAX_CLASSES];
    for (int k = 0; k < dev->n; k++) {
        sent *s = &dev->s[k];
        dyad_arena *a = dyad_arena_new();
        uint16_t *u = dyad_alloc(a, (size_t)(s->n ? s->n : 1) * sizeof *u);
        for (int i = 0; i < s->n; i++) u[i] = cls_upos[s->ptag2[i]];
        parse_state p;
        parse_init(&p, a, s->n, s->w.wlower, s->ptag2, u);
        parse_sentence(m, rootlab, &p, sc);
        for (int i = 1; i <= s->n; i++, n++) {
            int h = p.head[i] == s->n + 1 ? 0 : p.head[i];
            if (h != s->head[i - 1]) continue;
            uok++;
            ok += p.label[i] == s->glab[i - 1];
        }
        dyad_arena_free(a);
    }
    *uas = 100.0 * uok / (n ? n : 1);
    return 100.0 * ok / (n ? n : 1);
}

/* The parser model of the epoch with the best dev LAS (from epoch 6 on;
 * all epochs when there is no dev). */
static char *best_parser;
static size_t best_parser_len;
static double best_las = -1;

static void train_parser(tmodel *tm, corpus *c, int rootlab, int epochs, corpus *dev,
                         const names *pclasses)
{
    int *ord = malloc((size_t)c->n * sizeof *ord);
    for (int i = 0; i < c->n; i++) ord[i] = i;
    uint64_t f[PARSE_MAX_FEATS];
    float sc[AP_MAX_CLASSES];
    int cost[AP_MAX_CLASSES];
    int nc = (int)tm->nclasses;
    for (int ep = 0; ep < epochs; ep++) {
        shuffle(ord, c->n);
        long right = 0, total = 0;
        for (int k = 0; k < c->n; k++) {
            sent *s = &c->s[ord[k]];
            int n = s->n;
            dyad_arena *a = dyad_arena_new();
            int *gh = dyad_alloc(a, (size_t)(n + 2) * sizeof *gh);
            int *gl = dyad_alloc(a, (size_t)(n + 2) * sizeof *gl);
            for (int i = 1; i <= n; i++) gh[i] = s->head[i - 1], gl[i] = s->glab[i - 1];
            projectivize(n, gh);
            for (int i = 1; i <= n; i++)
                if (gh[i] == 0) gh[i] = n + 1;
            uint16_t *u = dyad_alloc(a, (size_t)(n ? n : 1) * sizeof *u);
            for (int i = 0; i < n; i++) u[i] = cls_upos[s->ptag2[i]];
            parse_state p;
            parse_init(&p, a, n, s->w.wlower, s->ptag2, u);
            while (!parse_done(&p)) {
                int nf = parse_features(&p, f);
                tm->now++;
                tm_score(tm, f, nf, sc);
                costs(&p, gh, gl, nc, rootlab, cost);
                /* the cheapest transitions are the oracle's; at the end
                 * (root only in the buffer, several words on the stack)
                 * they may all cost something */
                int pred = -1, gold = -1, minc = 1 << 30;
                for (int y = 0; y < nc; y++)
                    if (cost[y] >= 0 && cost[y] < minc) minc = cost[y];
                for (int y = 0; y < nc; y++) {
                    if (cost[y] < 0) continue;
                    if (pred < 0 || sc[y] > sc[pred]) pred = y;
                    if (cost[y] == minc && (gold < 0 || sc[y] > sc[gold])) gold = y;
                }
                if (gold < 0) die("no valid transition");
                if (cost[pred] > minc) {
                    tm_update(tm, f, nf, (uint32_t)gold, 1);
                    tm_update(tm, f, nf, (uint32_t)pred, -1);
                } else right++;
                total++;
                int next = cost[pred] == minc ? pred
                           : ep > 0 && rnd() % 10 < 9 ? pred : gold;
                parse_apply(&p, next);
            }
            dyad_arena_free(a);
        }
        fprintf(stderr, "    parser epoch %d: %.2f%% transitions right", ep + 1,
                100.0 * right / (total ? total : 1));
        if (dev && (ep + 1 >= 6 || ep + 1 == epochs)) {
            size_t len;
            char *buf = tm_export(tm, pclasses, &len);
            ap_model m;
            if (ap_model_open(&m, buf, len)) die("exported model does not load");
            double uas, las = dev_las(&m, dev, rootlab, &uas);
            ap_model_close(&m);
            fprintf(stderr, "; dev UAS %.2f LAS %.2f", uas, las);
            if (las > best_las) {
                free(best_parser);
                best_parser = buf, best_parser_len = len, best_las = las;
            } else free(buf);
        }
        fprintf(stderr, "\n");
    }
    free(ord);
}

/* ---------------------------------------------------------------- */
/* Lexicon: lemma rules and exceptions, features                     */
/* ---------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct {
    char **v;
    size_t n, cap;
} strs;

static void strs_add(strs *s, char *x)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 1024;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = x;
}

static void strs_free(strs *s)
{
    for (size_t i = 0; i < s->n; i++) free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* Records "KEY\x01VALUE" sorted; for each KEY the most frequent VALUE. */
typedef void (*major_fn)(void *ctx, const char *key, const char *val, int count, int total);
static void majority(strs *s, major_fn fn, void *ctx)
{
    qsort(s->v, s->n, sizeof *s->v, cmp_str);
    size_t i = 0;
    while (i < s->n) {
        char *sep = strchr(s->v[i], 1);
        size_t kl = (size_t)(sep - s->v[i]);
        size_t j = i;
        int total = 0, best = 0;
        const char *bestv = NULL;
        while (j < s->n && strncmp(s->v[j], s->v[i], kl + 1) == 0) {
            size_t r = j;
            while (r < s->n && strcmp(s->v[r], s->v[j]) == 0) r++;
            total += (int)(r - j);
            if ((int)(r - j) > best) best = (int)(r - j), bestv = s->v[j] + kl + 1;
            j = r;
        }
        char key[1024];
        snprintf(key, sizeof key, "%.*s", (int)kl, s->v[i]);
        fn(ctx, key, bestv, best, total);
        i = j;
    }
}

static char *lowered(const char *s)
{
    char *r = strdup(s);
    for (char *p = r; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p += 32;
    return r;
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    char *r;
    if (vasprintf(&r, f, ap) < 0) die("out of memory");
    va_end(ap);
    return r;
}

static void emit_rule(void *ctx, const char *key, const char *val, int count, int total)
{
    (void)total;
    /* key: xpos \x02 suffix; val: strip \x02 append */
    const char *k2 = strchr(key, 2), *v2 = strchr(val, 2);
    size_t klen = strlen(k2 + 1);
    if (count < 2 && klen > 0) return;
    dyad_buf_printf(ctx, "R\t%.*s\t%s\t%.*s\t%s\n", (int)(k2 - key), key, k2 + 1,
                    (int)(v2 - val), val, *(v2 + 1) ? v2 + 1 : "_");
}

typedef struct {
    dyad_buf *out;
    lexicon *rules;
    strs *seen;
} exc_ctx;

static void emit_exception(void *vctx, const char *key, const char *val, int count, int total)
{
    (void)count, (void)total;
    exc_ctx *x = vctx;
    /* key: lower \x02 xpos; val: lemma \x02 upos (the most frequent pair) */
    char k[1024], v[1024];
    snprintf(k, sizeof k, "%s", key);
    snprintf(v, sizeof v, "%s", val);
    char *a = strchr(k, 2), *b = strchr(v, 2);
    if (!a || !b) return;
    *a = 0, *b = 0;
    const char *xpos = a + 1, *upos = b + 1;
    strs_add(x->seen, fmt("%s\t%s", k, xpos));
    char out[1024];
    lemma_by_rule(x->rules, k, upos, xpos, out, sizeof out);
    if (strcmp(upos, "PROPN") == 0) {
        /* the rule keeps the form's case, the key is lowercased: record
         * only what differs beyond case */
        char *lv = lowered(v), *lo = lowered(out);
        int same = strcmp(lv, lo) == 0;
        free(lv), free(lo);
        if (same) return;
    } else if (strcmp(out, v) == 0) return;
    dyad_buf_printf(x->out, "E\t%s\t%s\t%s\n", k, xpos, v);
}

static void emit_feats(void *ctx, const char *key, const char *val, int count, int total)
{
    (void)count, (void)total;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", key);
    char *a = strchr(buf, 2);
    if (!a) return;
    *a = 0;
    dyad_buf_printf(ctx, "%c\t%s\t%s\t%s\n", buf[0], buf + 1, a + 1, val);
}

static void wordnet(dyad_buf *out, lexicon *rules, strs *seen, const char *file,
                    const char *const *xpos, const char *upos)
{
    char path[256];
    snprintf(path, sizeof path, "/usr/share/wordnet/%s", file);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "  (no %s: install wordnet-base)\n", path);
        return;
    }
    char line[512], infl[256], base[256], got[1024], key[600];
    int added = 0;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "%255s %255s", infl, base) != 2) continue;
        if (strchr(infl, '_') || strchr(base, '_')) continue;
        for (const char *const *x = xpos; *x; x++) {
            snprintf(key, sizeof key, "%s\t%s", infl, *x);
            char *k = key;
            if (bsearch(&k, seen->v, seen->n, sizeof *seen->v, cmp_str)) continue;
            lemma_by_rule(rules, infl, upos, *x, got, sizeof got);
            if (strcmp(got, base) == 0) continue;
            dyad_buf_printf(out, "E\t%s\t%s\t%s\n", infl, *x, base);
            added++;
        }
    }
    fprintf(stderr, "  %s: %d exceptions\n", file, added);
    fclose(f);
}

static void build_lexicon(corpus *c, const char *outdir)
{
    strs rules = {0}, lem = {0}, feats = {0}, seen = {0};
    for (int k = 0; k < c->n; k++) {
        const sent *s = &c->s[k];
        for (int i = 0; i < s->n; i++) {
            char *lf = lowered(s->form[i]), *ll = lowered(s->lemma[i]);
            size_t n = strlen(lf), cp = 0;
            while (lf[cp] && lf[cp] == ll[cp]) cp++;
            for (size_t k2 = 0; k2 <= 6 && k2 <= n; k2++) {
                /* whole UTF-8 characters only */
                if (k2 < n && ((unsigned char)lf[n - k2] & 0xC0) == 0x80) continue;
                strs_add(&rules, fmt("%s\x02%s\x01%zu\x02%s", s->xpos[i], lf + n - k2, n - cp, ll + cp));
            }
            if (strcmp(s->lemma[i], "_") || strcmp(s->form[i], "_"))
                strs_add(&lem, fmt("%s\x02%s\x01%s\x02%s", lf, s->xpos[i], s->lemma[i], s->upos[i]));
            strs_add(&feats, fmt("F%s\x02%s\x01%s", lf, s->xpos[i], s->feats[i]));
            strs_add(&feats, fmt("D%s\x02%s\x01%s", s->upos[i], s->xpos[i], s->feats[i]));
            free(lf), free(ll);
        }
    }
    dyad_buf out = {0};
    majority(&rules, emit_rule, &out);
    /* the rules alone, to find where they go wrong */
    char *rbuf = malloc(out.len + 1);
    memcpy(rbuf, out.s, out.len + 1);
    lexicon *rl = lexicon_load(rbuf, out.len);
    if (!rl) die("rule lexicon does not load");
    exc_ctx x = {&out, rl, &seen};
    majority(&lem, emit_exception, &x);
    qsort(seen.v, seen.n, sizeof *seen.v, cmp_str);
    static const char *const nouns[] = {"NNS", NULL}, *const verbs[] = {"VBD", "VBN", "VBZ", "VBG", NULL},
                             *const adjs[] = {"JJR", "JJS", NULL}, *const advs[] = {"RBR", "RBS", NULL};
    wordnet(&out, rl, &seen, "noun.exc", nouns, "NOUN");
    wordnet(&out, rl, &seen, "verb.exc", verbs, "VERB");
    wordnet(&out, rl, &seen, "adj.exc", adjs, "ADJ");
    wordnet(&out, rl, &seen, "adv.exc", advs, "ADV");
    lexicon_free(rl);
    /* features: the default per tag pair, and words that differ from it */
    dyad_buf fb = {0};
    majority(&feats, emit_feats, &fb);
    /* D lines first in the file would not matter (keys differ); drop F
     * lines equal to their D: cheap to keep, so keep it simple */
    dyad_buf_put(&out, fb.s, fb.len);
    write_file(outdir, "lexicon.tsv", out.s, out.len);
    fprintf(stderr, "  lexicon.tsv: %zu bytes\n", out.len);
    dyad_buf_free(&out);
    dyad_buf_free(&fb);
    strs_free(&rules), strs_free(&lem), strs_free(&feats), strs_free(&seen);
}

/* ---------------------------------------------------------------- */
/* Training                                                          */
/* ---------------------------------------------------------------- */

static void tag_with(const ap_model *m1, const ap_model *m2, sent *s, uint16_t *out)
{
    uint16_t scratch[1024];
    if (s->n > 1024) {
        memset(out, 0, (size_t)s->n * sizeof *out);
        return;
    }
    tag_sentence(m1, m2, &s->w, out, scratch);
}

static int envint(const char *name, int def)
{
    const char *v = getenv(name);
    return v && *v ? atoi(v) : def;
}

static int train(const char *uddir, const char *outdir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/en_ewt-ud-train.conllu", uddir);
    corpus c;
    load_corpus(&c, path);
    fprintf(stderr, "train: %d sentences\n", c.n);
    int tag_epochs = envint("TAG_EPOCHS", 8), parse_epochs = envint("PARSE_EPOCHS", 12);
    int folds = envint("FOLDS", 5);

    names tags = {0}, labels = {0}, pclasses = {0};
    char buf[256];
    for (int k = 0; k < c.n; k++)
        for (int i = 0; i < c.s[k].n; i++) {
            snprintf(buf, sizeof buf, "%s %s", c.s[k].upos[i], c.s[k].xpos[i]);
            c.s[k].gtag[i] = (uint16_t)name_id(&tags, buf, 1);
            c.s[k].glab[i] = name_id(&labels, c.s[k].deprel[i], 1);
        }
    fprintf(stderr, "  %d tag classes, %d labels\n", tags.n, labels.n);
    for (int k = 0; k < tags.n; k++) {
        char u[32];
        snprintf(u, sizeof u, "%s", tags.name[k]);
        u[strcspn(u, " ")] = 0;
        cls_upos[k] = (uint16_t)dyad_upos_from_name(u);
    }
    if (labels.n > 64 || 1 + 2 * labels.n > AP_MAX_CLASSES) die("too many labels");
    name_id(&pclasses, "S", 1);
    for (int l = 0; l < labels.n; l++) {
        snprintf(buf, sizeof buf, "L %s", labels.name[l]);
        name_id(&pclasses, buf, 1);
        snprintf(buf, sizeof buf, "R %s", labels.name[l]);
        name_id(&pclasses, buf, 1);
    }
    int rootlab = name_id(&labels, "root", 0);
    if (rootlab < 0) die("no root label in training data");

    build_lexicon(&c, outdir);
    if (envint("LEXICON_ONLY", 0)) {
        free_names(&tags), free_names(&labels), free_names(&pclasses);
        free_corpus(&c);
        return 0;
    }

    /* 1. jackknifed first-pass tags (ptag) */
    char *use = malloc((size_t)c.n);
    for (int fo = 0; fo < folds; fo++) {
        for (int k = 0; k < c.n; k++) use[k] = k % folds != fo;
        tmodel tm;
        tm_init(&tm, (uint32_t)tags.n);
        rng = 88172645463325252ULL + (uint64_t)fo;
        train_tagger(&tm, &c, use, 0, tag_epochs);
        ap_model m;
        tm_to_model(&tm, &tags, &m);
        for (int k = 0; k < c.n; k++)
            if (!use[k]) tag_with(&m, NULL, &c.s[k], c.s[k].ptag);
        ap_model_close(&m);
        tm_free(&tm);
        fprintf(stderr, "  fold %d done\n", fo + 1);
    }
    /* 2. jackknifed second-pass tags (ptag2) for the parser: per fold a
     * second pass over the first pass's held-out tags */
    for (int fo = 0; fo < folds; fo++) {
        for (int k = 0; k < c.n; k++) use[k] = k % folds != fo;
        tmodel tm;
        tm_init(&tm, (uint32_t)tags.n);
        rng = 98172645463325252ULL + (uint64_t)fo;
        train_tagger(&tm, &c, use, 1, tag_epochs);
        ap_model m;
        tm_to_model(&tm, &tags, &m);
        uint64_t f[TAG_MAX_FEATS];
        float sc[AP_MAX_CLASSES];
        for (int k = 0; k < c.n; k++) {
            if (use[k]) continue;
            sent *s = &c.s[k];
            for (int i = 0; i < s->n; i++) {
                int nf = tag_features(&s->w, i, s->ptag2, s->ptag, f);
                memset(sc, 0, sizeof sc);
                ap_model_score(&m, f, nf, sc);
                uint32_t best = 0;
                for (uint32_t y = 1; y < m.nclasses; y++)
                    if (sc[y] > sc[best]) best = y;
                s->ptag2[i] = (uint16_t)best;
            }
        }
        ap_model_close(&m);
        tm_free(&tm);
    }
    free(use);
    long agree = 0, all = 0;
    for (int k = 0; k < c.n; k++)
        for (int i = 0; i < c.s[k].n; i++, all++) agree += c.s[k].ptag2[i] == c.s[k].gtag[i];
    fprintf(stderr, "  jackknifed tags: %.2f%% right\n", 100.0 * agree / (all ? all : 1));

    /* 3. final taggers on everything */
    tmodel tm;
    ap_model t1, t2;
    tm_init(&tm, (uint32_t)tags.n);
    rng = 12345;
    train_tagger(&tm, &c, NULL, 0, tag_epochs);
    save_model(outdir, "tagger.bin", &tm, &tags);
    tm_to_model(&tm, &tags, &t1);
    tm_free(&tm);
    tm_init(&tm, (uint32_t)tags.n);
    rng = 23456;
    train_tagger(&tm, &c, NULL, 1, tag_epochs);
    save_model(outdir, "tagger2.bin", &tm, &tags);
    tm_to_model(&tm, &tags, &t2);
    tm_free(&tm);

    /* dev, tagged by the final taggers, picks the parser's epoch */
    corpus dev;
    snprintf(path, sizeof path, "%s/en_ewt-ud-dev.conllu", uddir);
    load_corpus(&dev, path);
    for (int k = 0; k < dev.n; k++) {
        tag_with(&t1, &t2, &dev.s[k], dev.s[k].ptag2);
        for (int i = 0; i < dev.s[k].n; i++)
            dev.s[k].glab[i] = name_id(&labels, dev.s[k].deprel[i], 0);
    }
    ap_model_close(&t1), ap_model_close(&t2);

    /* 4. parser on jackknifed tags */
    tm_init(&tm, (uint32_t)pclasses.n);
    rng = 34567;
    train_parser(&tm, &c, rootlab, parse_epochs, &dev, &pclasses);
    write_file(outdir, "parser.bin", best_parser, best_parser_len);
    fprintf(stderr, "  parser.bin: %zu bytes (dev LAS %.2f)\n", best_parser_len, best_las);
    free(best_parser);
    tm_free(&tm);
    free_corpus(&dev);

    free_names(&tags), free_names(&labels), free_names(&pclasses);
    free_corpus(&c);
    return 0;
}

/* ---------------------------------------------------------------- */
/* Evaluation on gold tokens                                         */
/* ---------------------------------------------------------------- */

static int same(const char *a, const char *b) { return strcmp(a ? a : "_", b ? b : "_") == 0; }

static size_t upart(const char *s) { return s ? strcspn(s, ":") : 0; }

static int eval(const char *modeldir, const char *file)
{
    dyad_error err;
    dyad_syntax *sx;
    if (dyad_syntax_load(&sx, strcmp(modeldir, "-") ? modeldir : NULL, &err)) die(err.msg);
    dyad_doc **docs;
    size_t nd;
    if (dyad_conllu_read(file, &docs, &nd, &err)) die(err.msg);
    long n = 0, upos = 0, xpos = 0, feats = 0, lemma = 0, uas = 0, las = 0, lasfull = 0;
    clock_t t0 = clock();
    for (size_t d = 0; d < nd; d++) {
        dyad_doc *doc = docs[d];
        size_t nt = doc->ntokens;
        dyad_token *gold = malloc((nt ? nt : 1) * sizeof *gold);
        memcpy(gold, doc->tokens, nt * sizeof *gold);
        if (dyad_syntax_run(sx, doc, &err)) die(err.msg);
        for (size_t i = 0; i < nt; i++, n++) {
            const dyad_token *g = &gold[i], *p = &doc->tokens[i];
            upos += g->upos == p->upos;
            xpos += same(g->xpos, p->xpos);
            feats += same(g->feats, p->feats);
            lemma += same(g->lemma, p->lemma);
            if (g->head == p->head) {
                uas++;
                size_t a = upart(g->deprel), b = upart(p->deprel);
                las += a == b && strncmp(g->deprel, p->deprel, a) == 0;
                lasfull += same(g->deprel, p->deprel);
            }
        }
        free(gold);
        dyad_doc_free(doc);
    }
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    free(docs);
    dyad_syntax_free(sx);
    double N = n ? (double)n : 1;
    printf("words %ld\nUPOS %.2f\nXPOS %.2f\nUFeats %.2f\nLemma %.2f\nUAS %.2f\nLAS %.2f\n"
           "LAS-full %.2f\nseconds %.2f\n",
           n, 100 * upos / N, 100 * xpos / N, 100 * feats / N, 100 * lemma / N, 100 * uas / N,
           100 * las / N, 100 * lasfull / N, secs);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "train") == 0) return train(argv[2], argv[3]);
    if (argc == 4 && strcmp(argv[1], "eval") == 0) return eval(argv[2], argv[3]);
    if (argc == 5 && strcmp(argv[1], "prune") == 0) return prune(argv[2], argv[3], atof(argv[4]));
    fprintf(stderr, "usage: train-syntax train UD_DIR OUT_DIR\n"
                    "       train-syntax eval MODEL_DIR|- FILE.conllu\n"
                    "       train-syntax prune IN OUT THRESHOLD\n");
    return 2;
}
