/* syntax.c — the syntax stage: loads the tagger, parser and lexicon models
 * (linked into the binary, or from a directory for training runs) and runs
 * them over every sentence of a document. Models are read-only after load;
 * all scratch memory comes from the document's arena, so one dyad_syntax
 * serves any number of threads. */
#include "syntax.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

uint64_t str_hash(const char *s, size_t n) { return XXH3_64bits(s, n); }

/* ---- averaged-perceptron models ---- */

int ap_model_open(ap_model *m, const char *buf, size_t len)
{
    memset(m, 0, sizeof *m);
    if (len < 28 || memcmp(buf, "DYADAP02", 8)) return -1;
    uint32_t h[4];
    float scale;
    memcpy(h, buf + 8, sizeof h);
    memcpy(&scale, buf + 24, sizeof scale);
    uint32_t nrows = h[1], names_len = h[3];
    m->nclasses = h[0], m->nweights = h[2];
    if (!m->nclasses || m->nclasses > AP_MAX_CLASSES || !names_len) return -1;
    size_t need = 28 + (size_t)nrows * 9 + (size_t)m->nweights * 3 + names_len;
    if (need != len || buf[len - 1]) return -1;
    const char *keys = buf + 28, *cnt = keys + (size_t)nrows * 8;
    const uint8_t *cls = (const uint8_t *)(cnt + nrows);
    const char *wq = (const char *)(cls + m->nweights), *names = wq + (size_t)m->nweights * 2;
    m->nslots = 16;
    while (m->nslots < nrows + nrows / 2 + 1) m->nslots *= 2;
    m->slots = calloc(m->nslots, sizeof *m->slots);
    m->w = malloc(((size_t)m->nweights + 1) * sizeof *m->w);
    m->cls = malloc((size_t)m->nweights + 1);
    m->names = malloc(m->nclasses * sizeof *m->names);
    m->namebuf = malloc(names_len);
    if (!m->slots || !m->w || !m->cls || !m->names || !m->namebuf) return -1;
    memcpy(m->cls, cls, m->nweights);
    for (uint32_t i = 0; i < m->nweights; i++) {
        int16_t q;
        memcpy(&q, wq + 2 * (size_t)i, 2);
        m->w[i] = q * scale;
        if (m->cls[i] >= m->nclasses) return -1;
    }
    uint64_t off = 0;
    for (uint32_t r = 0; r < nrows; r++) {
        uint64_t key;
        memcpy(&key, keys + 8 * (size_t)r, 8);
        uint32_t n = (uint8_t)cnt[r] + 1u;
        if (!key || off + n > m->nweights) return -1;
        uint32_t i = (uint32_t)key & (m->nslots - 1);
        while (m->slots[i].key) {
            if (m->slots[i].key == key) return -1;
            i = (i + 1) & (m->nslots - 1);
        }
        m->slots[i] = (ap_slot){key, (uint32_t)off, n};
        off += n;
    }
    if (off != m->nweights) return -1;
    memcpy(m->namebuf, names, names_len);
    const char *p = m->namebuf;
    for (uint32_t c = 0; c < m->nclasses; c++) {
        if (p >= m->namebuf + names_len) return -1;
        m->names[c] = p;
        p += strlen(p) + 1;
    }
    return 0;
}

void ap_model_close(ap_model *m)
{
    free(m->slots);
    free(m->w);
    free(m->cls);
    free(m->names);
    free(m->namebuf);
    memset(m, 0, sizeof *m);
}

void ap_model_score(const ap_model *m, const uint64_t *f, int nf, float *scores)
{
    uint32_t mask = m->nslots - 1;
    for (int k = 0; k < nf; k++) {
        uint64_t key = f[k];
        for (uint32_t i = (uint32_t)key & mask;; i = (i + 1) & mask) {
            const ap_slot *s = &m->slots[i];
            if (s->key == key) {
                const float *w = m->w + s->off;
                const uint8_t *c = m->cls + s->off;
                for (uint32_t j = 0; j < s->n; j++) scores[c[j]] += w[j];
                break;
            }
            if (!s->key) break;
        }
    }
}

int ap_model_class(const ap_model *m, const char *name)
{
    for (uint32_t c = 0; c < m->nclasses; c++)
        if (strcmp(m->names[c], name) == 0) return (int)c;
    return -1;
}

/* ---- loading ---- */

/* A model file: embedded (dir NULL) as data/models/NAME.zst, else
 * DIR/NAME or DIR/NAME.zst. NULL if absent. */
static char *model_file(const char *dir, const char *name, size_t *len)
{
    char path[4096];
    if (!dir) {
        snprintf(path, sizeof path, "data/models/%s", name);
        return dyad_data_unzstd(path, len);
    }
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    int zst = 0;
    if (!f) {
        snprintf(path, sizeof path, "%s/%s.zst", dir, name);
        f = fopen(path, "rb");
        zst = 1;
    }
    if (!f) return NULL;
    size_t cap = 1 << 20, n = 0, k;
    char *s = malloc(cap + 1);
    while ((k = fread(s + n, 1, cap - n, f)) > 0)
        if ((n += k) == cap) s = realloc(s, (cap *= 2) + 1);
    fclose(f);
    s[n] = 0;
    if (!zst) {
        *len = n;
        return s;
    }
    char *d = dyad_unzstd(s, n, len);
    free(s);
    return d;
}

static dyad_status load_ap(ap_model *m, const char *dir, const char *name, int optional,
                           dyad_error *err)
{
    size_t len;
    char *buf = model_file(dir, name, &len);
    if (!buf) {
        if (optional) return DYAD_OK;
        return dyad_fail(err, DYAD_ERR_MODEL, dir ? dir : "data/models", 0,
                         "syntax model %s missing (run make models)", name);
    }
    int bad = ap_model_open(m, buf, len);
    free(buf);
    if (bad) {
        ap_model_close(m);
        return dyad_fail(err, DYAD_ERR_MODEL, dir ? dir : "data/models", 0,
                         "syntax model %s is corrupt", name);
    }
    return DYAD_OK;
}

dyad_status dyad_syntax_load(dyad_syntax **out, const char *dir, dyad_error *err)
{
    *out = NULL;
    dyad_syntax *s = calloc(1, sizeof *s);
    dyad_status st;
    if ((st = load_ap(&s->tag1, dir, "tagger.bin", 0, err)) ||
        (st = load_ap(&s->tag2, dir, "tagger2.bin", 1, err)) ||
        (st = load_ap(&s->parse, dir, "parser.bin", 0, err))) {
        dyad_syntax_free(s);
        return st;
    }
    size_t len;
    char *lx = model_file(dir, "lexicon.tsv", &len);
    if (!lx || !(s->lex = lexicon_load(lx, len))) {
        if (!s->lex) free(lx);
        dyad_syntax_free(s);
        return dyad_fail(err, DYAD_ERR_MODEL, dir ? dir : "data/models", 0,
                         "syntax lexicon.tsv missing or corrupt");
    }
    uint32_t nt = s->tag1.nclasses;
    if (s->tag2.slots && s->tag2.nclasses != nt) {
        dyad_syntax_free(s);
        return dyad_fail(err, DYAD_ERR_MODEL, "data/models", 0, "tagger models disagree");
    }
    s->tag_upos = calloc(nt, sizeof *s->tag_upos);
    s->tag_xpos = calloc(nt, sizeof *s->tag_xpos);
    s->tag_uname = calloc(nt, sizeof *s->tag_uname);
    for (uint32_t c = 0; c < nt; c++) {
        const char *name = s->tag1.names[c], *sp = strchr(name, ' ');
        s->tag_xpos[c] = sp ? sp + 1 : name;
        char u[16] = {0};
        size_t un = sp ? (size_t)(sp - name) : 0;
        memcpy(u, name, un < 15 ? un : 15);
        s->tag_upos[c] = (uint16_t)dyad_upos_from_name(u);
        s->tag_uname[c] = dyad_upos_name(s->tag_upos[c]);
    }
    uint32_t np = s->parse.nclasses;
    s->nlabels = (int)(np - 1) / 2;
    s->labels = calloc((size_t)s->nlabels + 1, sizeof *s->labels);
    s->rootlab = -1;
    for (int l = 0; l < s->nlabels; l++) {
        const char *name = s->parse.names[1 + 2 * l];
        s->labels[l] = name[0] && name[1] ? name + 2 : name;
        if (strcmp(s->labels[l], "root") == 0) s->rootlab = l;
    }
    if (s->rootlab < 0 || np != 1 + 2 * (uint32_t)s->nlabels || s->nlabels > 64) {
        dyad_syntax_free(s);
        return dyad_fail(err, DYAD_ERR_MODEL, "data/models", 0, "parser model has no root label");
    }
    *out = s;
    return DYAD_OK;
}

void dyad_syntax_free(dyad_syntax *s)
{
    if (!s) return;
    ap_model_close(&s->tag1);
    ap_model_close(&s->tag2);
    ap_model_close(&s->parse);
    lexicon_free(s->lex);
    free(s->tag_upos);
    free(s->tag_xpos);
    free(s->tag_uname);
    free(s->labels);
    free(s);
}

/* ---- running ---- */

static void run_sentence(const dyad_syntax *s, dyad_doc *doc, dyad_token *tok, int n)
{
    dyad_arena *a = doc->arena;
    const char **form = dyad_alloc(a, (size_t)n * sizeof *form);
    for (int i = 0; i < n; i++) form[i] = tok[i].form ? tok[i].form : "";
    tag_words w;
    tag_words_init(&w, a, form, n);
    uint16_t *tags = dyad_alloc(a, (size_t)n * sizeof *tags);
    uint16_t *scratch = dyad_alloc(a, (size_t)n * sizeof *scratch);
    uint16_t *upos = dyad_alloc(a, (size_t)n * sizeof *upos);
    tag_sentence(&s->tag1, s->tag2.slots ? &s->tag2 : NULL, &w, tags, scratch);
    for (int i = 0; i < n; i++) {
        dyad_token *t = &tok[i];
        upos[i] = s->tag_upos[tags[i]];
        t->upos = (uint8_t)upos[i];
        t->xpos = s->tag_xpos[tags[i]];
        const char *un = s->tag_uname[tags[i]];
        t->lemma = lexicon_lemma(s->lex, a, form[i], un, t->xpos);
        const char *fe = lexicon_feats(s->lex, form[i], un, t->xpos);
        t->feats = fe ? dyad_strdup(a, fe) : NULL;
        t->xpos = dyad_strdup(a, t->xpos);
    }
    parse_state p;
    parse_init(&p, a, n, w.wlower, tags, upos);
    float scores[AP_MAX_CLASSES];
    parse_sentence(&s->parse, s->rootlab, &p, scores);
    for (int i = 0; i < n; i++) {
        int h = p.head[i + 1];
        tok[i].head = h == n + 1 ? 0 : h;
        tok[i].deprel = s->labels[p.label[i + 1]];
    }
}

dyad_status dyad_syntax_run(const dyad_syntax *s, dyad_doc *doc, dyad_error *err)
{
    (void)err;
    for (size_t k = 0; k < doc->nsentences; k++) {
        const dyad_sentence *se = &doc->sentences[k];
        if (!se->ntok || se->tok + se->ntok > doc->ntokens) continue;
        run_sentence(s, doc, doc->tokens + se->tok, (int)se->ntok);
    }
    return DYAD_OK;
}
