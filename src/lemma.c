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
    /* a singular proper noun is its own lemma: suffix rules learnt from a
     * few abbreviations ("Mon." → "Monday") would misfire on names */
    if (strcmp(xpos, "NNP") == 0) n = 0;
    for (size_t k = n < 6 ? n : 6;; k--) {
        if (n && (r = find(lx, lkey('R', xpos, low + n - k)))) break;
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

static int vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

static int ends(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* The base of a regular past tense or participle ("-ed") by English
 * spelling: "-ied" → "-y", a doubled final consonant undone ("banned"),
 * a silent "e" restored where the spelling demands one ("ruled", "forced",
 * "invaded", "charged") and not after a consonant cluster or a vowel pair
 * ("bombed", "claimed"). The suffix rules learnt from EWT only see the
 * last few letters and garble verbs unseen in training ("bombe", "rul",
 * "extradit"). Writes the lemma to out and returns 1, or returns 0 where
 * spelling does not decide ("created"/"defeated", "visited"/"united"). */
static int ed_lemma(const char *w, size_t n, char *out, size_t cap)
{
    if (n < 5 || n + 2 > cap || !ends(w, n, "ed")) return 0;
    for (size_t i = 0; i < n; i++)
        if (w[i] < 'a' || w[i] > 'z') return 0;
    size_t keep;         /* letters of w kept */
    int add_e = 0;
    if (ends(w, n, "ied")) { memcpy(out, w, n - 3); out[n - 3] = 'y'; out[n - 2] = 0; return 1; }
    if (ends(w, n, "eed") || ends(w, n, "ued")) keep = n - 1;
    else if (ends(w, n, "boycotted") || ends(w, n, "bankrolled")) keep = n - 2; /* base ends doubled */
    else if (ends(w, n, "yed") || ends(w, n, "oed") || ends(w, n, "wed") || ends(w, n, "xed"))
        keep = n - 2;
    else {
        const char *s = w;
        size_t m = n - 2;           /* the stem s[0..m) */
        char a = s[m - 2], b = s[m - 1];
        char pre = m >= 3 ? s[m - 3] : 0;
        if (vowel(b)) return 0;
        keep = m;
        if (a == b) {
            /* "stopped", "committed", "expelled" but "passed", "called" */
            if (b == 'l') {
                int groups = 0;
                for (size_t i = 0; i + 2 < m; i++)
                    groups += vowel(s[i]) && (i == 0 || !vowel(s[i - 1]));
                if ((pre == 'e' || pre == 'o') && groups >= 2 && m >= 4 && !vowel(s[m - 4]))
                    keep = m - 1;
            } else if (strchr("bdgkmnprtv", b) && m >= 4 && vowel(pre) &&
                       (!vowel(s[m - 4]) || (m >= 5 && s[m - 5] == 'q' && s[m - 4] == 'u')))
                keep = m - 1;
        } else if (!vowel(a)) {
            /* a cluster: "bombed", "arrested"; but "settled", "forced",
             * "solved", "charged", "collapsed" keep their "e" */
            if (a == 'y' || (a == 't' && b == 'h')) return 0;
            if (b == 'r') add_e = 1;   /* massacred, centred, manoeuvred */
            else if (a == 's' && b == 't' && m >= 3 && pre == 'a')
                /* wasted, tasted, pasted; lasted, fasted, blasted */
                add_e = ends(s, m, "wast") || ends(s, m, "tast") || ends(s, m, "past") ||
                        ends(s, m, "hast");
            else if (b == 'g') { if (a == 'n') return 0; add_e = 1; }
            else if (b == 'l') add_e = !strchr("rlw", a);
            else if (b == 'c' || b == 'v' || b == 's') add_e = 1;
        } else {
            /* one vowel letter before the consonant */
            if (pre == 'u' && m >= 4 && s[m - 4] == 'q') pre = 'q';
            char pair[3] = {pre, a, 0};
            static const char *const digraphs[] = {"ai", "ay", "ea", "ee", "oa", "oo", "ou", "oi",
                                                   "oy", "ei", "ey", "au", "aw", "ew", "ui", "ie", NULL};
            int dig = 0;
            for (int k = 0; digraphs[k]; k++) dig |= strcmp(pair, digraphs[k]) == 0;
            /* where spelling alone does not decide, the few verbs in
             * "-ite", "-ete", "-eate" against the many in "-it", "-et",
             * "-eat" ("united" but "visited", "completed" but "targeted") */
            static const char *const ite[] = {"unit", "invit", "ignit", "incit", "recit", "excit",
                                              "extradit", "expedit", "complet", "delet", "compet",
                                              "deplet", "creat", "dynamit", NULL};
            int in_ite = 0;
            for (int k = 0; ite[k]; k++) in_ite |= ends(s, m, ite[k]);
            if (b == 'c' || b == 'v' || b == 'g' || b == 'z') add_e = 1;
            else if (b == 's') add_e = !ends(s, m, "ocus") && !ends(s, m, "ucus");
            else if (b == 't' && (in_ite || (ends(s, m, "cit") && !ends(s, m, "licit")))) add_e = 1;
            else if (dig) {
                add_e = strcmp(pair, "ui") == 0 && (b == 'r' || b == 'd'); /* required, guided */
            } else if (b == 't') {
                if (a == 'a' || a == 'u' || a == 'o') add_e = !(a == 'o' && pre == 'i'); /* rioted */
                else if (a == 'i' || a == 'e') add_e = 0;   /* visited, targeted */
                else return 0;
            } else if (b == 'd' || b == 'b' || b == 'k' || b == 'm' || b == 'f') add_e = 1;
            else if (b == 'p') add_e = !(a == 'o' && (ends(s, m, "velop") || ends(s, m, "llop")));
            else if (b == 'n') {
                if (a == 'i' || a == 'u') add_e = 1;
                else if (a == 'e') add_e = ends(s, m, "ven");
                else if (a == 'o') add_e = pre && strchr("hpztl", pre); /* phoned, postponed; summoned */
                else return 0;
            } else if (b == 'l') add_e = a != 'e';
            else if (b == 'r') {
                if (a == 'e') add_e = 0;
                else if (a == 'a' || a == 'i' || a == 'u') add_e = 1;
                /* ignored, restored, explored, adored; honored, sponsored */
                else if (a == 'o') add_e = ends(s, m, "stor") || ends(s, m, "plor") ||
                                           ends(s, m, "scor") || ends(s, m, "gnor") ||
                                           ends(s, m, "ador");
                else return 0;
            } else return 0;
        }
    }
    memcpy(out, w, keep);
    if (add_e) out[keep++] = 'e';
    out[keep] = 0;
    return 1;
}

/* "-ing": the same spelling rules as "-ed" ("extraditing" as "extradited"). */
static int ing_lemma(const char *w, size_t n, char *out, size_t cap)
{
    if (n < 6 || n + 1 > cap || !ends(w, n, "ing") || vowel(w[n - 4])) return 0;
    char ed[256];
    if (n >= sizeof ed) return 0;
    memcpy(ed, w, n - 3);
    memcpy(ed + n - 3, "ed", 3);
    return ed_lemma(ed, n - 1, out, cap);
}

/* "-s" of the third person: "-ies" → "-y", "-es" after a sibilant or "o". */
static int s_lemma(const char *w, size_t n, char *out, size_t cap)
{
    if (n < 4 || n + 1 > cap || w[n - 1] != 's' || ends(w, n, "ss") || ends(w, n, "us") ||
        ends(w, n, "is"))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (w[i] < 'a' || w[i] > 'z') return 0;
    size_t keep = n - 1;
    if (ends(w, n, "ies") && n > 4) {
        memcpy(out, w, n - 3);
        memcpy(out + n - 3, "y", 2);
        return 1;
    }
    if (ends(w, n, "sses") || ends(w, n, "shes") || ends(w, n, "ches") || ends(w, n, "xes") ||
        ends(w, n, "zzes") || ends(w, n, "oes"))
        keep = n - 2;
    memcpy(out, w, keep);
    out[keep] = 0;
    return 1;
}

const char *lexicon_lemma(const lexicon *lx, dyad_arena *a, const char *form,
                          const char *upos, const char *xpos)
{
    char low[256];
    size_t n = lower_copy(form, low, sizeof low);
    const lex_slot *e = find(lx, lkey('E', low, xpos));
    if (e) return dyad_strdup(a, e->v1);
    char ed[256];
    if ((strcmp(xpos, "VBD") == 0 || strcmp(xpos, "VBN") == 0) && n < sizeof low - 1 &&
        ed_lemma(low, n, ed, sizeof ed))
        return dyad_strdup(a, ed);
    if (strcmp(xpos, "VBG") == 0 && n < sizeof low - 1 && ing_lemma(low, n, ed, sizeof ed))
        return dyad_strdup(a, ed);
    if (strcmp(xpos, "VBZ") == 0 && n < sizeof low - 1 && s_lemma(low, n, ed, sizeof ed))
        return dyad_strdup(a, ed);
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
