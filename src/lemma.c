/* lemma.c — lemmas and morphological features from a lexicon the trainer
 * writes (data/models/lexicon.tsv): suffix rules learnt from EWT training
 * pairs per XPOS ("R xpos suffix strip append", longest suffix wins), the
 * pairs the rules get wrong ("E form xpos lemma", from EWT train and
 * WordNet's exception lists), and features per word and tag ("F") with a
 * default per tag pair ("D"). Loaded once into one hash table. */
#include "syntax.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
/* The table's keys are XXH3 hashes (str_hash), inlined here: a token costs
 * a dozen hashes of a few bytes each. */
#define XXH_INLINE_ALL
#include <xxhash.h>

static uint64_t hash_of(const char *s, size_t n) { return XXH3_64bits(s, n); }

typedef struct {
    uint64_t key;
    const char *v1, *v2;  /* lemma; or strip count and append for rules */
} lex_slot;

struct lexicon {
    lex_slot *slots;
    size_t mask;
    char *buf;
    size_t len;
    /* one bit per rule key: most of the suffixes a word is tried with
     * have no rule, and this answers them without touching the table */
    uint64_t *rule_bits;
    uint64_t serial;      /* tells this lexicon's memo entries from another's */
};

/* Every token asks the lexicon for a lemma and features: a dozen probes of
 * a 3 MB table, nearly all cache misses, for words that news repeats all
 * day ("the", "said", "officials"). The answers for recent words are kept
 * per thread (the lexicon itself stays read-only), keyed by the lexicon's
 * serial, the form as written and both tags, so a freed and reloaded
 * lexicon never sees another's answers. */
typedef struct {
    uint64_t key;
    uint32_t feats;        /* lexicon_feats's answer: offset in the buffer, or NO_FEATS */
    uint8_t lemma_len;
    char lemma[19];        /* longer ones are not kept */
} memo_slot;
#define NO_FEATS UINT32_MAX
/* 8192 × 32 bytes: most of news-20k's tokens are answered here */
#define MEMO_SLOTS 8192
static _Thread_local memo_slot memo[MEMO_SLOTS];
static atomic_uint_fast64_t serials;

static int len_ok(const lexicon *lx) { return lx->len < NO_FEATS; }

#define RULE_BITS ((size_t)1 << 18)

static uint64_t lkey_h(int kind, uint64_t ha, uint64_t hb)
{
    return fkey((uint64_t)kind, ha, hb, 0);
}

static uint64_t lkey(int kind, const char *a, const char *b)
{
    return lkey_h(kind, hash_of(a, strlen(a)), hash_of(b, strlen(b)));
}

static size_t rule_bit(uint64_t key) { return (size_t)(key >> 40) & (RULE_BITS - 1); }

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
    lx->len = len;
    lx->rule_bits = calloc(RULE_BITS / 64, sizeof *lx->rule_bits);
    lx->serial = atomic_fetch_add(&serials, 1) + 1;
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
        else if (n == 5 && *f[0] == 'R') {
            uint64_t key = lkey('R', f[1], f[2]);
            put(lx, key, f[3], f[4]);
            lx->rule_bits[rule_bit(key) / 64] |= (uint64_t)1 << (rule_bit(key) % 64);
        }
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
    free(lx->rule_bits);
    free(lx->buf);
    free(lx);
}

/* The form lower-cased (ASCII) into out; *same (when asked) says whether
 * the copy is the whole form as written. */
static size_t lower_copy(const char *s, char *out, size_t cap, int *same)
{
    size_t n = 0;
    int changed = 0;
    for (; s[n] && n + 1 < cap; n++) {
        char c = s[n] >= 'A' && s[n] <= 'Z' ? (char)(s[n] + 32) : s[n];
        changed |= c != s[n];
        out[n] = c;
    }
    out[n] = 0;
    if (same) *same = !changed && !s[n];
    return n;
}

/* atoi for the rules' strip counts, without strtol's locale work on
 * every token */
static size_t strip_count(const char *s)
{
    if (*s == '-') return (size_t)atoi(s);
    size_t v = 0;
    for (; *s >= '0' && *s <= '9'; s++) v = v * 10 + (size_t)(*s - '0');
    return v;
}

/* lemma_by_rule with the lower-cased form (low, n letters, at most 255)
 * and the hash of xpos at hand. */
static char *rule_lemma(const lexicon *lx, const char *form, const char *low, size_t n,
                        const char *upos, const char *xpos, uint64_t hx, char *out, size_t cap)
{
    const char *base = strcmp(upos, "PROPN") == 0 ? form : low;
    size_t bn = base == low ? n : strlen(base);
    if (bn >= 256) bn = 255;
    const lex_slot *r = NULL;
    /* a singular proper noun is its own lemma: suffix rules learnt from a
     * few abbreviations ("Mon." → "Monday") would misfire on names */
    if (strcmp(xpos, "NNP") == 0) n = 0;
    if (n) {
        /* the longest suffix with a rule wins; the table probes are cache
         * misses, so all of them are asked for before the first is read */
        uint64_t key[7];
        size_t top = n < 6 ? n : 6;
        for (size_t k = 0; k <= top; k++) {
            key[k] = lkey_h('R', hx, hash_of(low + n - k, k));
            size_t bit = rule_bit(key[k]);
            if (lx->rule_bits[bit / 64] >> (bit % 64) & 1)
                __builtin_prefetch(&lx->slots[key[k] & lx->mask]);
            else
                key[k] = 0;
        }
        for (size_t k = top + 1; k-- > 0;)
            if (key[k] && (r = find(lx, key[k]))) break;
    }
    size_t strip = r ? strip_count(r->v1) : 0;
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

char *lemma_by_rule(const lexicon *lx, const char *form, const char *upos,
                    const char *xpos, char *out, size_t cap)
{
    char low[256];
    size_t n = lower_copy(form, low, sizeof low, NULL);
    return rule_lemma(lx, form, low, n, upos, xpos, hash_of(xpos, strlen(xpos)), out, cap);
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


/* What a lookup of one token needs, computed once: the form lower-cased,
 * the hashes, and the table keys. */
typedef struct {
    char low[256];
    size_t n;             /* letters in low (the form's first 255) */
    int as_written;       /* low is the form itself */
    uint64_t hx, memo, e, f, d;
} word_keys;

static void keys_of(const lexicon *lx, const char *form, const char *upos, const char *xpos,
                    word_keys *k)
{
    k->n = lower_copy(form, k->low, sizeof k->low, &k->as_written);
    uint64_t hl = hash_of(k->low, k->n);
    uint64_t hf = k->as_written ? hl : hash_of(form, strlen(form));
    uint64_t hu = hash_of(upos, strlen(upos));
    k->hx = hash_of(xpos, strlen(xpos));
    k->memo = fkey(lx->serial, hf, hu, k->hx);
    k->e = lkey_h('E', hl, k->hx);
    k->f = lkey_h('F', hl, k->hx);
    k->d = lkey_h('D', hu, k->hx);
}

/* The lemma, in the lexicon's buffer, in buf or form itself. */
static const char *lemma_of(const lexicon *lx, const char *form, const char *upos,
                            const char *xpos, const word_keys *k, char *buf, size_t cap)
{
    const lex_slot *e = find(lx, k->e);
    if (e) return e->v1;
    size_t n = k->n;
    if ((strcmp(xpos, "VBD") == 0 || strcmp(xpos, "VBN") == 0) && n < sizeof k->low - 1 &&
        ed_lemma(k->low, n, buf, cap))
        return buf;
    if (strcmp(xpos, "VBG") == 0 && n < sizeof k->low - 1 && ing_lemma(k->low, n, buf, cap))
        return buf;
    if (strcmp(xpos, "VBZ") == 0 && n < sizeof k->low - 1 && s_lemma(k->low, n, buf, cap))
        return buf;
    if ((k->as_written ? n : strlen(form)) >= 250) return form;
    return rule_lemma(lx, form, k->low, n, upos, xpos, k->hx, buf, cap);
}

static const char *feats_of(const lexicon *lx, const word_keys *k)
{
    const lex_slot *e = find(lx, k->f);
    if (!e) e = find(lx, k->d);
    return e && strcmp(e->v1, "_") ? e->v1 : NULL;
}

static void prefetch_keys(const lexicon *lx, const word_keys *k)
{
    __builtin_prefetch(&lx->slots[k->e & lx->mask]);
    __builtin_prefetch(&lx->slots[k->f & lx->mask]);
    __builtin_prefetch(&lx->slots[k->d & lx->mask]);
}

const char *lexicon_lemma(const lexicon *lx, dyad_arena *a, const char *form,
                          const char *upos, const char *xpos)
{
    word_keys k;
    keys_of(lx, form, upos, xpos, &k);
    memo_slot *m = &memo[k.memo & (MEMO_SLOTS - 1)];
    __builtin_prefetch(m);
    prefetch_keys(lx, &k);
    if (m->key == k.memo) return dyad_strndup(a, m->lemma, m->lemma_len);
    char buf[512];
    const char *l = lemma_of(lx, form, upos, xpos, &k, buf, sizeof buf);
    size_t n = strlen(l);
    if (n < sizeof m->lemma && len_ok(lx)) {
        /* the caller asks for the features next: one probe answers both */
        const char *f = feats_of(lx, &k);
        memcpy(m->lemma, l, n + 1);
        m->lemma_len = (uint8_t)n;
        m->feats = f ? (uint32_t)(f - lx->buf) : NO_FEATS;
        m->key = k.memo;
    }
    return dyad_strndup(a, l, n);
}

const char *lexicon_feats(const lexicon *lx, const char *form, const char *upos,
                          const char *xpos)
{
    word_keys k;
    keys_of(lx, form, upos, xpos, &k);
    const memo_slot *m = &memo[k.memo & (MEMO_SLOTS - 1)];
    if (m->key == k.memo) return m->feats == NO_FEATS ? NULL : lx->buf + m->feats;
    return feats_of(lx, &k);
}
