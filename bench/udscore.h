/* udscore.h — the CoNLL 2018 shared-task evaluation of a system CoNLL-U
 * file against gold, as a header the scorer (bench/udscore.c) and the
 * accuracy tests (tests/test_text.c) both include.
 *
 * Method (the shared task's): both files must hold the same characters
 * once all whitespace is removed; every token, word and sentence gets the
 * span of those characters it covers (the words of a multiword token share
 * the token's span). Tokens and sentences match when their spans are
 * equal. Words match when their spans are equal; inside a stretch where
 * either side has multiword tokens, words are matched by the longest
 * common subsequence of their lower-cased forms. UPOS, XPOS, lemma, UAS
 * (the heads are aligned words) and LAS (and the universal part of the
 * relation is equal) are counted over matched words; precision divides by
 * the system's words, recall by the gold words. */
#ifndef UDSCORE_H
#define UDSCORE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum {
    UD_TOKENS, UD_SENTENCES, UD_WORDS, UD_UPOS, UD_XPOS, UD_LEMMAS, UD_UAS,
    UD_LAS, UD_NMETRICS
};
static const char *const ud_metric_names[UD_NMETRICS] = {
    "Tokens", "Sentences", "Words", "UPOS", "XPOS", "Lemmas", "UAS", "LAS"};

typedef struct {
    size_t gold, sys, correct, aligned;
    double precision, recall, f1, aligned_acc; /* percentages */
} ud_metric;

typedef struct { size_t start, end; } ud_span;

typedef struct {
    ud_span sp;
    int mw;                    /* part of a multiword token */
    long head;                 /* index of the head word, -1 root, -2 none */
    const char *form, *lemma, *upos, *xpos, *deprel;
    size_t form_n, lemma_n, upos_n, xpos_n, deprel_n;
} ud_word;

typedef struct {
    ud_word *w; size_t nw, cw;
    ud_span *tok; size_t ntok, ctok;
    ud_span *sent; size_t nsent, csent;
    char *chars; size_t nchars, cchars;  /* the text without whitespace */
} ud_file;

#define UD_PUSH(arr, n, cap, v)                                       \
    do {                                                              \
        if ((n) == (cap)) {                                           \
            (cap) = (cap) ? (cap) * 2 : 256;                          \
            (arr) = realloc((arr), (cap) * sizeof *(arr));            \
            if (!(arr)) abort();                                      \
        }                                                             \
        (arr)[(n)++] = (v);                                           \
    } while (0)

static void ud_free(ud_file *f)
{
    free(f->w); free(f->tok); free(f->sent); free(f->chars);
    memset(f, 0, sizeof *f);
}

/* Appends a form's non-whitespace bytes to f->chars. */
static void ud_add_chars(ud_file *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t') continue;
        /* U+00A0 may appear inside a form; it is whitespace to the text */
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) { i++; continue; }
        UD_PUSH(f->chars, f->nchars, f->cchars, (char)c);
    }
}

/* The ten columns of line [p,e) into col[]/len[]; 0 unless ten. */
static int ud_columns(const char *p, const char *e, const char **col, size_t *len)
{
    int k = 0;
    const char *c = p;
    for (const char *q = p; q <= e; q++)
        if (q == e || *q == '\t') {
            if (k == 10) return 0;
            col[k] = c;
            len[k] = (size_t)(q - c);
            k++;
            c = q + 1;
        }
    return k == 10;
}

static void ud_end_sentence(ud_file *f, size_t first_word, size_t sent_start,
                            long *heads_local, size_t nlocal)
{
    for (size_t i = 0; i < nlocal; i++) {
        long h = heads_local[i];
        f->w[first_word + i].head = h < 0 ? -2 : h == 0 ? -1 :
            (size_t)h <= nlocal ? (long)(first_word + (size_t)h - 1) : -2;
    }
    if (f->nchars > sent_start) {
        ud_span s = {sent_start, f->nchars};
        UD_PUSH(f->sent, f->nsent, f->csent, s);
    }
}

/* Parse CoNLL-U text. Returns 0, or -1 with a message in err. */
static int ud_load(ud_file *f, const char *s, size_t n, const char *name,
                   char *err, size_t errn)
{
    memset(f, 0, sizeof *f);
    long *hl = NULL;
    size_t nhl = 0, chl = 0, first_word = 0, sent_start = 0, line = 0;
    size_t mw_left = 0;
    ud_span mw_span = {0, 0};
    const char *p = s, *end = s + n;
    while (p < end) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e) e = end;
        const char *le = e;
        if (le > p && le[-1] == '\r') le--;
        line++;
        if (le == p) {                       /* blank: sentence ends */
            if (nhl) ud_end_sentence(f, first_word, sent_start, hl, nhl);
            nhl = 0;
            first_word = f->nw;
            sent_start = f->nchars;
        } else if (*p != '#') {
            const char *col[10];
            size_t len[10];
            if (!ud_columns(p, le, col, len)) {
                snprintf(err, errn, "%s:%zu: not ten tab-separated columns", name, line);
                free(hl);
                ud_free(f);
                return -1;
            }
            const char *dash = memchr(col[0], '-', len[0]);
            const char *dot = memchr(col[0], '.', len[0]);
            if (dot) {                       /* empty node: not a word */
            } else if (dash) {
                long a = strtol(col[0], NULL, 10), b = strtol(dash + 1, NULL, 10);
                mw_span.start = f->nchars;
                ud_add_chars(f, col[1], len[1]);
                mw_span.end = f->nchars;
                mw_left = b >= a ? (size_t)(b - a + 1) : 0;
                UD_PUSH(f->tok, f->ntok, f->ctok, mw_span);
            } else {
                ud_word w;
                memset(&w, 0, sizeof w);
                w.form = col[1]; w.form_n = len[1];
                w.lemma = col[2]; w.lemma_n = len[2];
                w.upos = col[3]; w.upos_n = len[3];
                w.xpos = col[4]; w.xpos_n = len[4];
                w.deprel = col[7];
                const char *colon = memchr(col[7], ':', len[7]);
                w.deprel_n = colon ? (size_t)(colon - col[7]) : len[7];
                if (mw_left) {
                    w.mw = 1;
                    w.sp = mw_span;
                    mw_left--;
                } else {
                    w.sp.start = f->nchars;
                    ud_add_chars(f, col[1], len[1]);
                    w.sp.end = f->nchars;
                    UD_PUSH(f->tok, f->ntok, f->ctok, w.sp);
                }
                UD_PUSH(f->w, f->nw, f->cw, w);
                long h = len[6] && col[6][0] >= '0' && col[6][0] <= '9'
                             ? strtol(col[6], NULL, 10) : -1;
                UD_PUSH(hl, nhl, chl, h);
            }
        }
        p = e + 1;
    }
    if (nhl) ud_end_sentence(f, first_word, sent_start, hl, nhl);
    free(hl);
    return 0;
}

/* Lower-cased equality of two forms (Unicode simple case folding). */
static int ud_same_form(const ud_word *a, const ud_word *b)
{
    size_t i = 0, j = 0;
    while (i < a->form_n && j < b->form_n) {
        utf8proc_int32_t x, y;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)a->form + i,
                                              (utf8proc_ssize_t)(a->form_n - i), &x);
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)b->form + j,
                                              (utf8proc_ssize_t)(b->form_n - j), &y);
        if (k <= 0) { k = 1; x = (unsigned char)a->form[i]; }
        if (l <= 0) { l = 1; y = (unsigned char)b->form[j]; }
        if (utf8proc_tolower(x) != utf8proc_tolower(y)) return 0;
        i += (size_t)k;
        j += (size_t)l;
    }
    return i == a->form_n && j == b->form_n;
}

static int ud_beyond_end(const ud_file *f, size_t i, size_t mw_end)
{
    if (i >= f->nw) return 1;
    if (f->w[i].mw) return f->w[i].sp.start >= mw_end;
    return f->w[i].sp.end > mw_end;
}

static size_t ud_extend_end(const ud_word *w, size_t mw_end)
{
    return w->mw && w->sp.end > mw_end ? w->sp.end : mw_end;
}

/* Aligns words: galign[g] = system word index or -1. */
static void ud_align(const ud_file *g, const ud_file *s, long *galign)
{
    for (size_t i = 0; i < g->nw; i++) galign[i] = -1;
    size_t gi = 0, si = 0;
    while (gi < g->nw && si < s->nw) {
        if (g->w[gi].mw || s->w[si].mw) {
            size_t mw_end;
            if (g->w[gi].mw) {
                mw_end = g->w[gi].sp.end;
                if (!s->w[si].mw && s->w[si].sp.start < g->w[gi].sp.start) si++;
            } else {
                mw_end = s->w[si].sp.end;
                if (!g->w[gi].mw && g->w[gi].sp.start < s->w[si].sp.start) gi++;
            }
            size_t gs = gi, ss = si;
            while (!ud_beyond_end(g, gi, mw_end) || !ud_beyond_end(s, si, mw_end)) {
                if (gi < g->nw && (si >= s->nw || g->w[gi].sp.start <= s->w[si].sp.start)) {
                    mw_end = ud_extend_end(&g->w[gi], mw_end);
                    gi++;
                } else {
                    mw_end = ud_extend_end(&s->w[si], mw_end);
                    si++;
                }
            }
            size_t ng = gi - gs, ns = si - ss;
            if (ng && ns) {
                size_t *lcs = calloc((ng + 1) * (ns + 1), sizeof *lcs);
                if (!lcs) abort();
#define LCS(a, b) lcs[(a) * (ns + 1) + (b)]
                for (size_t a = ng; a-- > 0;)
                    for (size_t b = ns; b-- > 0;) {
                        size_t v = ud_same_form(&g->w[gs + a], &s->w[ss + b])
                                       ? 1 + LCS(a + 1, b + 1) : 0;
                        if (LCS(a + 1, b) > v) v = LCS(a + 1, b);
                        if (LCS(a, b + 1) > v) v = LCS(a, b + 1);
                        LCS(a, b) = v;
                    }
                size_t a = 0, b = 0;
                while (a < ng && b < ns) {
                    if (ud_same_form(&g->w[gs + a], &s->w[ss + b])) {
                        galign[gs + a] = (long)(ss + b);
                        a++; b++;
                    } else if (LCS(a, b) == LCS(a + 1, b)) a++;
                    else b++;
                }
#undef LCS
                free(lcs);
            }
        } else if (g->w[gi].sp.start == s->w[si].sp.start &&
                   g->w[gi].sp.end == s->w[si].sp.end) {
            galign[gi] = (long)si;
            gi++; si++;
        } else if (g->w[gi].sp.start <= s->w[si].sp.start) gi++;
        else si++;
    }
}

static void ud_finish(ud_metric *m)
{
    m->precision = m->sys ? 100.0 * (double)m->correct / (double)m->sys : 0;
    m->recall = m->gold ? 100.0 * (double)m->correct / (double)m->gold : 0;
    m->f1 = m->gold + m->sys ? 200.0 * (double)m->correct / (double)(m->gold + m->sys) : 0;
    m->aligned_acc = m->aligned ? 100.0 * (double)m->correct / (double)m->aligned : 0;
}

static void ud_spans(ud_metric *m, const ud_span *g, size_t ng, const ud_span *s, size_t ns)
{
    m->gold = ng; m->sys = ns; m->correct = 0;
    size_t i = 0, j = 0;
    while (i < ng && j < ns) {
        if (g[i].start < s[j].start) i++;
        else if (s[j].start < g[i].start) j++;
        else {
            m->correct += g[i].end == s[j].end;
            i++; j++;
        }
    }
    ud_finish(m);
}

static int ud_eq(const char *a, size_t an, const char *b, size_t bn)
{
    return an == bn && memcmp(a, b, an) == 0;
}

/* Scores sys against gold. Returns 0, or -1 with a message in err. */
static int ud_evaluate(const char *gold, size_t gn, const char *sys, size_t sn,
                       ud_metric m[UD_NMETRICS], char *err, size_t errn)
{
    ud_file g, s;
    memset(m, 0, UD_NMETRICS * sizeof *m);
    if (ud_load(&g, gold, gn, "gold", err, errn)) return -1;
    if (ud_load(&s, sys, sn, "system", err, errn)) { ud_free(&g); return -1; }
    if (g.nchars != s.nchars || (g.nchars && memcmp(g.chars, s.chars, g.nchars))) {
        size_t i = 0;
        while (i < g.nchars && i < s.nchars && g.chars[i] == s.chars[i]) i++;
        snprintf(err, errn, "the texts differ at non-whitespace character %zu: "
                 "gold \"%.20s\", system \"%.20s\"", i,
                 i < g.nchars ? g.chars + i : "", i < s.nchars ? s.chars + i : "");
        ud_free(&g); ud_free(&s);
        return -1;
    }
    ud_spans(&m[UD_TOKENS], g.tok, g.ntok, s.tok, s.ntok);
    ud_spans(&m[UD_SENTENCES], g.sent, g.nsent, s.sent, s.nsent);
    long *ga = malloc((g.nw + 1) * sizeof *ga);
    long *sa = malloc((s.nw + 1) * sizeof *sa);  /* system → gold */
    if (!ga || !sa) abort();
    ud_align(&g, &s, ga);
    for (size_t i = 0; i < s.nw; i++) sa[i] = -1;
    for (size_t i = 0; i < g.nw; i++) if (ga[i] >= 0) sa[ga[i]] = (long)i;
    for (int k = UD_WORDS; k < UD_NMETRICS; k++) { m[k].gold = g.nw; m[k].sys = s.nw; }
    for (size_t i = 0; i < g.nw; i++) {
        if (ga[i] < 0) continue;
        const ud_word *x = &g.w[i], *y = &s.w[ga[i]];
        for (int k = UD_WORDS; k < UD_NMETRICS; k++) m[k].aligned++;
        m[UD_WORDS].correct++;
        m[UD_UPOS].correct += ud_eq(x->upos, x->upos_n, y->upos, y->upos_n);
        m[UD_XPOS].correct += ud_eq(x->xpos, x->xpos_n, y->xpos, y->xpos_n);
        m[UD_LEMMAS].correct += ud_eq(x->lemma, x->lemma_n, "_", 1) ||
                                ud_eq(x->lemma, x->lemma_n, y->lemma, y->lemma_n);
        /* the system head, as the gold word it is aligned to */
        long sh = y->head == -1 ? -1 : y->head >= 0 ? sa[y->head] : -3;
        if (sh == -1 && y->head >= 0) sh = -3;
        int uas = x->head >= -1 && sh == x->head;
        m[UD_UAS].correct += uas;
        m[UD_LAS].correct += uas && ud_eq(x->deprel, x->deprel_n, y->deprel, y->deprel_n);
    }
    for (int k = 0; k < UD_NMETRICS; k++) ud_finish(&m[k]);
    free(ga); free(sa);
    ud_free(&g); ud_free(&s);
    return 0;
}

#endif
