/* lemma.c — lemmas and morphological features from a lexicon the trainer
 * writes (data/models/lexicon.tsv): suffix rules learnt from EWT training
 * pairs per XPOS ("R xpos suffix strip append", longest suffix wins), the
 * pairs the rules get wrong ("E form xpos lemma", from EWT train and
 * WordNet's exception lists), and features per word and tag ("F") with a
 * default per tag pair ("D"). Loaded once into one hash table. */
#include "syntax.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    uint64_t key;
    const char *v1, *v2;  /* lemma; or strip count and append for rules */
} lex_slot;

struct lexicon {
    lex_slot *slots;
    size_t mask;
    char *buf;
};

static uint64_t lkey(int kind, const char *a, const char *b)
{
    return fkey((uint64_t)kind, str_hash(a, strlen(a)), str_hash(b, strlen(b)), 0);
}

static const lex_slot *find(const lexicon *lx, uint64_t key)
{
    for (size_t i = key & lx->mask;; i = (i + 1) & lx->mask) {
        if (lx->slots[i].key == key) return &lx->slots[i];
        if (!lx->slots[i].key) return NULL;
    }
}

static void put(lexicon *lx, uint64_t key, const char *v1, const char *v2)
{
    size_t i = key & lx->mask;
    while (lx->slots[i].key && lx->slots[i].key != key) i = (i + 1) & lx->mask;
    if (lx->slots[i].key) return; /* first one wins */
    lx->slots[i] = (lex_slot){key, v1, v2};
}

lexicon *lexicon_load(char *buf, size_t len)
{
    size_t lines = 0;
    for (size_t i = 0; i < len; i++) lines += buf[i] == '\n';
    lexicon *lx = calloc(1, sizeof *lx);
    size_t cap = 16;
    while (cap < 2 * lines + 16) cap *= 2;
    lx->slots = calloc(cap, sizeof *lx->slots);
    lx->mask = cap - 1;
    lx->buf = buf;
    char *p = buf, *end = buf + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        *nl = 0;
        char *f[5] = {0};
        int n = 0;
        for (char *q = p; n < 5;) {
            f[n++] = q;
            char *tab = strchr(q, '\t');
            if (!tab) break;
            *tab = 0;
            q = tab + 1;
        }
        if (n == 4 && (*f[0] == 'E' || *f[0] == 'F' || *f[0] == 'D'))
            put(lx, lkey(*f[0], f[1], f[2]), f[3], NULL);
        else if (n == 5 && *f[0] == 'R')
            put(lx, lkey('R', f[1], f[2]), f[3], f[4]);
        else if (n > 1) {
            lexicon_free(lx);
            return NULL;
        }
        p = nl + 1;
    }
    return lx;
}

void lexicon_free(lexicon *lx)
{
    if (!lx) return;
    free(lx->slots);
    free(lx->buf);
    free(lx);
}

static size_t lower_copy(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; s[n] && n + 1 < cap; n++)
        out[n] = s[n] >= 'A' && s[n] <= 'Z' ? (char)(s[n] + 32) : s[n];
    out[n] = 0;
    return n;
}

char *lemma_by_rule(const lexicon *lx, const char *form, const char *upos,
                    const char *xpos, char *out, size_t cap)
{
    char low[256];
    size_t n = lower_copy(form, low, sizeof low);
    const char *base = strcmp(upos, "PROPN") == 0 ? form : low;
    size_t bn = strlen(base);
    if (bn >= sizeof low) bn = sizeof low - 1;
    const lex_slot *r = NULL;
    for (size_t k = n < 6 ? n : 6;; k--) {
        if ((r = find(lx, lkey('R', xpos, low + n - k)))) break;
        if (!k) break;
    }
    size_t strip = r ? (size_t)atoi(r->v1) : 0;
    const char *app = r && strcmp(r->v2, "_") ? r->v2 : "";
    if (strip > bn) strip = bn;
    size_t an = strlen(app);
    if (bn - strip + an + 1 > cap) { strip = 0; an = 0; app = ""; }
    if (bn - strip + an + 1 > cap) bn = strip = cap - 1;
    memcpy(out, base, bn - strip);
    memcpy(out + bn - strip, app, an);
    out[bn - strip + an] = 0;
    return out;
}

const char *lexicon_lemma(const lexicon *lx, dyad_arena *a, const char *form,
                          const char *upos, const char *xpos)
{
    char low[256];
    lower_copy(form, low, sizeof low);
    const lex_slot *e = find(lx, lkey('E', low, xpos));
    if (e) return dyad_strdup(a, e->v1);
    if (strlen(form) >= 250) return dyad_strdup(a, form);
    char out[512];
    return dyad_strdup(a, lemma_by_rule(lx, form, upos, xpos, out, sizeof out));
}

const char *lexicon_feats(const lexicon *lx, const char *form, const char *upos,
                          const char *xpos)
{
    char low[256];
    lower_copy(form, low, sizeof low);
    const lex_slot *e = find(lx, lkey('F', low, xpos));
    if (!e) e = find(lx, lkey('D', upos, xpos));
    return e && strcmp(e->v1, "_") ? e->v1 : NULL;
}
