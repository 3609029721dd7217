/* tagger.c — part-of-speech tags: a greedy left-to-right averaged
 * perceptron over (UPOS, XPOS) pairs, with word, affix, shape and context
 * features and the tags already chosen as history. */
#include "syntax.h"

#include <string.h>

enum { F_DIGIT = 1, F_HYPHEN = 2, F_UPPER1 = 4, F_ALLUPPER = 8, F_LOWER = 16,
       F_NONASCII = 32, F_PERIOD = 64 };

static uint64_t suffix_hash(const char *s, size_t n, size_t k)
{
    /* whole UTF-8 characters only: step back over continuation bytes */
    if (k >= n) return str_hash(s, n) ^ 0x5bd1e995;
    size_t i = n - k;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    return str_hash(s + i, n - i);
}

static uint64_t prefix_hash(const char *s, size_t n, size_t k)
{
    if (k >= n) return str_hash(s, n) ^ 0x5bd1e995;
    size_t i = k;
    while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
    return str_hash(s, i);
}

void tag_words_init(tag_words *w, dyad_arena *a, const char **form, int n)
{
    w->n = n;
    w->form = form;
    uint64_t **arr[] = {&w->wlower, &w->wform, &w->suf1, &w->suf2, &w->suf3,
                        &w->suf4, &w->pre1, &w->pre2, &w->shape};
    for (size_t k = 0; k < sizeof arr / sizeof *arr; k++)
        *arr[k] = dyad_alloc(a, (size_t)(n ? n : 1) * sizeof(uint64_t));
    w->flags = dyad_alloc(a, (size_t)(n ? n : 1) * sizeof(uint32_t));
    char low[TAG_MAX_WORD + 1], shape[64];
    for (int i = 0; i < n; i++) {
        const char *s = form[i];
        size_t len = strlen(s);
        if (len > TAG_MAX_WORD) len = TAG_MAX_WORD;
        uint32_t fl = 0;
        size_t sl = 0;
        char last = 0;
        int run = 0, upper = 0, lower = 0;
        for (size_t k = 0; k < len; k++) {
            unsigned char c = (unsigned char)s[k];
            char cls;
            if (c >= 'A' && c <= 'Z') { low[k] = (char)(c + 32); cls = 'X'; upper++; }
            else {
                low[k] = (char)c;
                if (c >= 'a' && c <= 'z') { cls = 'x'; lower++; }
                else if (c >= '0' && c <= '9') { cls = 'd'; fl |= F_DIGIT; }
                else if (c >= 0x80) { cls = 'u'; fl |= F_NONASCII; }
                else cls = (char)c;
            }
            if (c == '-') fl |= F_HYPHEN;
            if (c == '.') fl |= F_PERIOD;
            run = cls == last ? run + 1 : 1;
            last = cls;
            if (run <= 2 && sl < sizeof shape) shape[sl++] = cls;
        }
        low[len] = 0;
        if (len && s[0] >= 'A' && s[0] <= 'Z') fl |= F_UPPER1;
        if (upper && !lower) fl |= F_ALLUPPER;
        if (lower) fl |= F_LOWER;
        w->wlower[i] = str_hash(low, len);
        w->wform[i] = str_hash(s, len);
        w->suf1[i] = suffix_hash(low, len, 1);
        w->suf2[i] = suffix_hash(low, len, 2);
        w->suf3[i] = suffix_hash(low, len, 3);
        w->suf4[i] = suffix_hash(low, len, 4);
        w->pre1[i] = prefix_hash(s, len, 1);
        w->pre2[i] = prefix_hash(low, len, 2);
        w->shape[i] = str_hash(shape, sl);
        w->flags[i] = fl | (i == 0 ? 128u : 0u);
    }
}

uint64_t word_lower_hash(const char *s)
{
    char low[TAG_MAX_WORD];
    size_t len = strlen(s);
    if (len > TAG_MAX_WORD) len = TAG_MAX_WORD;
    for (size_t k = 0; k < len; k++)
        low[k] = s[k] >= 'A' && s[k] <= 'Z' ? (char)(s[k] + 32) : s[k];
    return str_hash(low, len);
}

#define BOS 1
#define EOS 2
#define W(arr, j) ((j) < 0 ? (uint64_t)BOS : (j) >= w->n ? (uint64_t)EOS : w->arr[j])

int tag_features(const tag_words *w, int i, const uint16_t *hist,
                 const uint16_t *right, uint64_t *f)
{
    int n = 0;
    uint64_t p1 = i > 0 ? hist[i - 1] : TAG_NONE, p2 = i > 1 ? hist[i - 2] : TAG_NONE;
    uint64_t lw = w->wlower[i];
    f[n++] = fkey(1, 0, 0, 0);
    f[n++] = fkey(2, lw, 0, 0);
    f[n++] = fkey(3, w->wform[i], 0, 0);
    f[n++] = fkey(4, w->suf1[i], 0, 0);
    f[n++] = fkey(5, w->suf2[i], 0, 0);
    f[n++] = fkey(6, w->suf3[i], 0, 0);
    f[n++] = fkey(7, w->suf4[i], 0, 0);
    f[n++] = fkey(8, w->pre1[i], 0, 0);
    f[n++] = fkey(9, w->pre2[i], 0, 0);
    f[n++] = fkey(10, w->shape[i], 0, 0);
    f[n++] = fkey(11, w->flags[i], 0, 0);
    f[n++] = fkey(12, p1, 0, 0);
    f[n++] = fkey(13, p2, 0, 0);
    f[n++] = fkey(14, p1, p2, 0);
    f[n++] = fkey(15, p1, lw, 0);
    f[n++] = fkey(16, W(wlower, i - 1), 0, 0);
    f[n++] = fkey(17, W(suf3, i - 1), 0, 0);
    f[n++] = fkey(18, W(wlower, i - 2), 0, 0);
    f[n++] = fkey(19, W(wlower, i + 1), 0, 0);
    f[n++] = fkey(20, W(suf3, i + 1), 0, 0);
    f[n++] = fkey(21, W(wlower, i + 2), 0, 0);
    f[n++] = fkey(22, W(wlower, i - 1), lw, 0);
    f[n++] = fkey(23, lw, W(wlower, i + 1), 0);
    f[n++] = fkey(24, W(shape, i + 1), 0, 0);
    f[n++] = fkey(25, p1, w->suf3[i], 0);
    f[n++] = fkey(26, W(shape, i - 1), w->shape[i], 0);
    f[n++] = fkey(27, p1, W(wlower, i + 1), 0);
    f[n++] = fkey(28, W(suf2, i + 1), w->suf3[i], 0);
    f[n++] = fkey(29, W(flags, i + 1), w->flags[i], 0);
    f[n++] = fkey(30, W(wlower, i - 1), W(wlower, i + 1), 0);
    f[n++] = fkey(31, p1, W(suf3, i + 1), 0);
    f[n++] = fkey(32, W(suf2, i - 1), w->suf2[i], 0);
    f[n++] = fkey(33, p1, w->shape[i], 0);
    if (right) {
        uint64_t r1 = i + 1 < w->n ? right[i + 1] : TAG_NONE;
        uint64_t r2 = i + 2 < w->n ? right[i + 2] : TAG_NONE;
        f[n++] = fkey(40, r1, 0, 0);
        f[n++] = fkey(41, r2, 0, 0);
        f[n++] = fkey(42, r1, r2, 0);
        f[n++] = fkey(43, p1, r1, 0);
        f[n++] = fkey(44, r1, lw, 0);
        f[n++] = fkey(45, r1, w->suf3[i], 0);
        f[n++] = fkey(46, right[i], 0, 0);
        f[n++] = fkey(47, right[i], lw, 0);
    }
    return n;
}

static void tag_pass(const ap_model *m, const tag_words *w, const uint16_t *right,
                     uint16_t *tags)
{
    uint64_t f[TAG_MAX_FEATS];
    float sc[AP_MAX_CLASSES];
    for (int i = 0; i < w->n; i++) {
        int nf = tag_features(w, i, tags, right, f);
        memset(sc, 0, m->nclasses * sizeof *sc);
        ap_model_score(m, f, nf, sc);
        tags[i] = (uint16_t)ap_argmax(m, sc, NULL);
    }
}

void tag_sentence(const ap_model *m1, const ap_model *m2, const tag_words *w,
                  uint16_t *tags, uint16_t *scratch)
{
    if (!m2) {
        tag_pass(m1, w, NULL, tags);
        return;
    }
    tag_pass(m1, w, NULL, scratch);
    tag_pass(m2, w, scratch, tags);
}
