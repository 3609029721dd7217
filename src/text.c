/* text.c — the text stage: splits doc->text into sentences and syntactic
 * words with byte offsets, following UD English-EWT conventions.
 *
 * Three passes over the text, each linear:
 *   1. surface tokens: whitespace-free spans (words, numbers, URLs, e-mail
 *      addresses, runs of punctuation), with the abbreviation, hyphen and
 *      number rules of EWT (data/text/lexicon.txt holds the word lists);
 *   2. sentence boundaries: a paragraph break always ends a sentence; any
 *      other gap with whitespace is scored by an averaged perceptron
 *      (data/text/sbd.txt.zst, trained by bench/train-text on EWT train);
 *   3. syntactic words: contractions and possessives become multiword
 *      tokens ("don't" → do + n't, "Bush's" → Bush + 's, "cannot" →
 *      can + not), as EWT writes them.
 * Everything lands in doc->arena; the word lists and the model are loaded
 * once (pthread_once) and only read afterwards. */
#include "text.h"
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ------------------------------------------------------------------ */
/* Characters                                                          */
/* ------------------------------------------------------------------ */

enum { C_SPACE, C_ALPHA, C_DIGIT, C_PUNCT };

/* Decode one code point at s[i] (i < n); invalid bytes count as one
 * U+FFFD each so that offsets still advance through damaged text. */
static int32_t decode(const char *s, size_t n, size_t i, size_t *len)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) { *len = 1; return c; }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) { *len = 1; return 0xFFFD; }
    *len = (size_t)k;
    return cp;
}

/* ASCII classes by table: the tokenizer asks for every byte. Controls
 * count as space, so that no form ever holds one. */
#define SP C_SPACE
#define AL C_ALPHA
#define DI C_DIGIT
#define PU C_PUNCT
static const uint8_t ascii_cls[128] = {
    SP,SP,SP,SP,SP,SP,SP,SP,SP,SP,SP,SP,SP,SP,SP,SP,
    SP,SP,SP,SP,SP,SP,SP,SP,SP,SP,SP,SP,SP,SP,SP,SP,
    SP,PU,PU,PU,PU,PU,PU,PU,PU,PU,PU,PU,PU,PU,PU,PU,
    DI,DI,DI,DI,DI,DI,DI,DI,DI,DI,PU,PU,PU,PU,PU,PU,
    PU,AL,AL,AL,AL,AL,AL,AL,AL,AL,AL,AL,AL,AL,AL,AL,
    AL,AL,AL,AL,AL,AL,AL,AL,AL,AL,AL,PU,PU,PU,PU,PU,
    PU,AL,AL,AL,AL,AL,AL,AL,AL,AL,AL,AL,AL,AL,AL,AL,
    AL,AL,AL,AL,AL,AL,AL,AL,AL,AL,AL,PU,PU,PU,PU,SP};
#undef SP
#undef AL
#undef DI
#undef PU

static int cls_of(int32_t cp)
{
    if (cp < 0x80) return ascii_cls[cp < 0 ? 0 : cp];
    if (cp == 0xFEFF || cp == 0x200B || cp == 0x85) return C_SPACE;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_CC:
        return C_SPACE;
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return C_ALPHA;
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return C_DIGIT;
    default:
        return C_PUNCT;
    }
}

static int is_upper(int32_t cp)
{
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU ||
           utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
}

static int is_apos(int32_t cp) { return cp == '\'' || cp == 0x2019 || cp == '`'; }
static int is_word(int c) { return c == C_ALPHA || c == C_DIGIT; }

/* Code point and class at s[i], or (0, C_SPACE) at or past e. */
typedef struct { int32_t cp; int cls; size_t len; } ch;
static ch at(const char *s, size_t e, size_t i)
{
    ch c = {0, C_SPACE, 0};
    if (i >= e) return c;
    c.cp = decode(s, e, i, &c.len);
    c.cls = cls_of(c.cp);
    return c;
}

/* ------------------------------------------------------------------ */
/* Word lists (data/text/lexicon.txt) and the boundary model           */
/* ------------------------------------------------------------------ */

enum { L_ABBR = 1, L_PREFIX = 2, L_MWT = 4, L_NUMABBR = 8, L_UNIT = 16, L_MONTH = 32,
       L_SPLIT = 64 };

typedef struct {
    const char *key;      /* lower-case word, points into the embedded file */
    uint8_t klen, kinds;
    uint8_t nsplit;       /* L_MWT: number of words */
    uint8_t split[4];     /* L_MWT: byte length of each word */
} lex_entry;

#define LEX_BITS 12
static lex_entry lex[1 << LEX_BITS];
/* The boundary model's non-zero weights (a few percent of the
 * 1 << TEXT_SBD_BITS buckets), open addressing by bucket (256 KB for
 * today's model): a dense table would be 4 MB read at random, a cache
 * miss per feature. */
typedef struct {
    uint32_t bucket1;     /* bucket + 1; 0: empty */
    float w;
} sbd_slot;
static sbd_slot *sbd_w;   /* NULL: no model */
static uint32_t sbd_mask;
static pthread_once_t text_once = PTHREAD_ONCE_INIT;

static uint32_t fnv(const char *s, size_t n, uint32_t h)
{
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}
#define FNV0 2166136261u

static lex_entry *lex_slot(const char *k, size_t n)
{
    uint32_t i = fnv(k, n, FNV0) & ((1u << LEX_BITS) - 1);
    while (lex[i].key && !(lex[i].klen == n && memcmp(lex[i].key, k, n) == 0))
        i = (i + 1) & ((1u << LEX_BITS) - 1);
    return &lex[i];
}

/* Lower-cased (ASCII) copy of s[0,n) into buf (size 32); 0 if too long. */
static size_t lower(const char *s, size_t n, char *buf)
{
    if (n >= 32) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        buf[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    buf[n] = 0;
    return n;
}

static uint8_t lex_maxlen[8];  /* longest word of each kind (bit index) */

static int kind_bit(int kind) { return __builtin_ctz((unsigned)kind); }

/* A filter before the table: bit (first letter, last letter, length) of
 * every listed word, per kind; most words of a text miss it. */
static uint64_t lex_bloom[8][64];

static uint32_t bloom_key(const char *s, size_t n)
{
    unsigned a = (unsigned char)s[0] | 0x20, z = (unsigned char)s[n - 1] | 0x20;
    return (a * 31u + z * 7u + (unsigned)n * 131u) & 4095u;
}

static const lex_entry *lex_find(const char *s, size_t n, int kind)
{
    char buf[32];
    int kb = kind_bit(kind);
    if (n == 0 || n > lex_maxlen[kb]) return NULL;
    uint32_t bk = bloom_key(s, n);
    if (!(lex_bloom[kb][bk >> 6] >> (bk & 63) & 1)) return NULL;
    if (!lower(s, n, buf)) return NULL;
    lex_entry *e = lex_slot(buf, n);
    return e->key && (e->kinds & kind) ? e : NULL;
}

static void load_lexicon(void)
{
    size_t len;
    const char *s = dyad_data("data/text/lexicon.txt", &len);
    if (!s) return;
    size_t used = 0;
    for (const char *p = s, *end = s + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        const char *q = p;
        if (*q != '#' && q < nl) {
            /* "abbr WORD", "prefix WORD", "mwt WORD part|part..." */
            const char *sp = memchr(q, ' ', (size_t)(nl - q));
            if (sp) {
                int kind = 0;
                if ((size_t)(sp - q) == 4 && !memcmp(q, "abbr", 4)) kind = L_ABBR;
                else if ((size_t)(sp - q) == 6 && !memcmp(q, "prefix", 6)) kind = L_PREFIX;
                else if ((size_t)(sp - q) == 3 && !memcmp(q, "mwt", 3)) kind = L_MWT;
                else if ((size_t)(sp - q) == 7 && !memcmp(q, "numabbr", 7)) kind = L_NUMABBR;
                else if ((size_t)(sp - q) == 4 && !memcmp(q, "unit", 4)) kind = L_UNIT;
                else if ((size_t)(sp - q) == 5 && !memcmp(q, "month", 5)) kind = L_MONTH;
                else if ((size_t)(sp - q) == 5 && !memcmp(q, "split", 5)) kind = L_SPLIT;
                const char *w = sp + 1, *we = w;
                while (we < nl && *we != ' ') we++;
                size_t wn = (size_t)(we - w);
                if (kind && wn > 0 && wn < 32 && used < (1u << LEX_BITS) / 2) {
                    lex_entry *e = lex_slot(w, wn);
                    if (!e->key) used++;
                    e->key = w;
                    e->klen = (uint8_t)wn;
                    e->kinds |= (uint8_t)kind;
                    if (wn > lex_maxlen[kind_bit(kind)]) lex_maxlen[kind_bit(kind)] = (uint8_t)wn;
                    uint32_t bk = bloom_key(w, wn);
                    lex_bloom[kind_bit(kind)][bk >> 6] |= (uint64_t)1 << (bk & 63);
                    if ((kind == L_MWT || kind == L_SPLIT) && we < nl) {
                        uint8_t k = 0, part = 0;
                        for (const char *c = we + 1; c <= nl && k < 4; c++) {
                            if (c == nl || *c == '|' || *c == ' ') {
                                if (part) e->split[k++] = part;
                                part = 0;
                                if (c == nl || *c == ' ') break;
                            } else part++;
                        }
                        e->nsplit = k;
                        unsigned tot = 0;
                        for (int j = 0; j < k; j++) tot += e->split[j];
                        if (k < 2 || tot != wn) e->kinds &= (uint8_t)~(L_MWT | L_SPLIT);
                    }
                }
            }
        }
        p = nl + 1;
    }
}

static size_t sbd_slot_of(uint32_t b)
{
    size_t i = (b * 2654435761u) & sbd_mask;
    while (sbd_w[i].bucket1 && sbd_w[i].bucket1 != b + 1) i = (i + 1) & sbd_mask;
    return i;
}

static float sbd_weight(uint32_t b)
{
    const sbd_slot *x = &sbd_w[sbd_slot_of(b)];
    return x->bucket1 ? x->w : 0.0f;
}

/* The model is text: one "BUCKET WEIGHT" line per non-zero weight, the
 * weight in thousandths (integers: no locale can misread them). */
static void load_model(void)
{
    size_t len;
    char *s = dyad_data_unzstd("data/text/sbd.txt", &len);
    if (!s) return;
    size_t lines = 0, cap = 16;
    for (size_t i = 0; i < len; i++) lines += s[i] == '\n';
    /* at most 2/3 full: short probe runs in a table that stays small */
    while (cap < lines + lines / 2 + 16) cap *= 2;
    sbd_w = calloc(cap, sizeof *sbd_w);
    if (!sbd_w) { free(s); return; }
    sbd_mask = (uint32_t)(cap - 1);
    char *p = s;
    while (*p) {
        char *q;
        unsigned long b = strtoul(p, &q, 10);
        if (q == p) break;
        p = q;
        long v = strtol(p, &q, 10);
        if (q == p) break;
        p = q;
        if (b < ((size_t)1 << TEXT_SBD_BITS)) {
            /* a repeated bucket: the last line wins, as in a dense table */
            sbd_slot *x = &sbd_w[sbd_slot_of((uint32_t)b)];
            if (v || x->bucket1) *x = (sbd_slot){(uint32_t)b + 1, (float)v / 1000.0f};
        }
        while (*p == '\n' || *p == ' ') p++;
    }
    free(s);
}

static void text_init(void)
{
    load_lexicon();
    load_model();
}

/* ------------------------------------------------------------------ */
/* Pass 1: surface tokens                                              */
/* ------------------------------------------------------------------ */

static int has_prefix_ci(const char *s, size_t e, size_t i, const char *pre)
{
    size_t n = strlen(pre);
    if (e - i < n) return 0;
    for (size_t k = 0; k < n; k++) {
        char c = s[i + k];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c != pre[k]) return 0;
    }
    return 1;
}

/* A URL starting at i runs to the end of its chunk e, less the trailing
 * punctuation that belongs to the sentence. Returns the end, or 0. */
static size_t scan_url(const char *s, size_t i, size_t e)
{
    char c0 = (char)(s[i] | 0x20);
    if (c0 != 'h' && c0 != 'f' && c0 != 'w' && c0 != 'm') return 0;
    if (!(has_prefix_ci(s, e, i, "http://") || has_prefix_ci(s, e, i, "https://") ||
          has_prefix_ci(s, e, i, "ftp://") || has_prefix_ci(s, e, i, "www.") ||
          has_prefix_ci(s, e, i, "mailto:")))
        return 0;
    size_t q = e;
    int open = 0;
    for (size_t k = i; k < e; k++) open += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
    while (q > i + 4) {
        char c = s[q - 1];
        if (strchr(".,;:!?\"'>]", c) || (c == ')' && open < 0)) {
            if (c == ')') open++;
            q--;
        } else if ((unsigned char)c >= 0x80) {
            /* a closing curly quote or similar after the URL */
            size_t b = q - 1;
            while (b > i && ((unsigned char)s[b] & 0xC0) == 0x80) b--;
            size_t l;
            if (cls_of(decode(s, e, b, &l)) == C_PUNCT) q = b; else break;
        } else break;
    }
    return q;
}

static int is_email_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

/* At '@' (s[q]) inside a word that began at p: the e-mail address's end,
 * or 0 when this is not one. */
static size_t scan_email(const char *s, size_t p, size_t q, size_t e)
{
    for (size_t k = p; k < q; k++)
        if (!is_email_char(s[k]) && s[k] != '+') return 0;
    size_t r = q + 1, dot = 0;
    while (r < e && is_email_char(s[r])) { if (s[r] == '.') dot = r; r++; }
    while (r > q + 1 && (s[r - 1] == '.' || s[r - 1] == '-')) r--;
    return dot > q + 1 && dot < r ? r : 0;
}

/* Digits follow s[i]? ("713-853-3989", "11-20-2000" stay whole in EWT.) */
static int digits_then(const char *s, size_t i, size_t e, char sep)
{
    size_t k = i;
    while (k < e && s[k] >= '0' && s[k] <= '9') k++;
    return k > i && k < e && s[k] == sep && k + 1 < e && s[k + 1] >= '0' && s[k + 1] <= '9';
}

static int all_digits(const char *s, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++) if (s[i] < '0' || s[i] > '9') return 0;
    return e > b;
}

static size_t digit_run(const char *s, size_t i, size_t e)
{
    size_t k = i;
    while (k < e && s[k] >= '0' && s[k] <= '9') k++;
    return k < e && is_word(cls_of((unsigned char)s[k])) ? 0 : k - i;
}

/* At '/' (s[q]) after the digits of [b,q): a date ("9/11", "11/28/2000")
 * stays one token, a fraction or ratio ("1/2", "24/7") is split. */
static int is_date(const char *s, size_t b, size_t q, size_t e)
{
    size_t j = q;
    while (j > b && s[j - 1] >= '0' && s[j - 1] <= '9') j--;
    if (j > b && s[j - 1] == '/') return 1;     /* the second slash of a date */
    b = j;
    size_t k = q + 1;
    while (k < e && s[k] >= '0' && s[k] <= '9') k++;
    if (k < e && s[k] == '/') return 1;
    if (q - b > 2 || k - q - 1 > 2) return 0;
    int m = atoi(s + b), d = atoi(s + q + 1);
    return m >= 1 && m <= 12 && d >= 1 && d <= 31 && (q - b == 2 || k - q - 1 == 2);
}

/* A unit of measure or time of day at s[i] (after a number) and nothing
 * else of the word after: "5pm", "35mm", "65k" are two tokens in EWT. */
static int is_unit(const char *s, size_t i, size_t e)
{
    size_t k = i;
    while (k < e && ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z')) k++;
    if (k > i && (k >= e || !is_word(cls_of((unsigned char)s[k]))) &&
        (k >= e || s[k] != '.') && lex_find(s + i, k - i, L_UNIT))
        return 1;
    char a = (char)(s[i] | 0x20);
    if (a != 'a' && a != 'p') return 0;
    k = i + 1;
    if (k < e && s[k] == '.') k++;
    if (k >= e || (s[k] | 0x20) != 'm') return 0;
    k++;
    if (k < e && s[k] == '.') k++;
    return k >= e || !is_word(cls_of((unsigned char)s[k]));
}

/* Is a single quote open before p on its line ("'the parents' house")? */
static int open_quote(const char *s, size_t p)
{
    int open = 0;
    for (size_t i = p, n = 0; i > 0 && n < 300 && s[i - 1] != '\n'; i--, n++)
        if (s[i - 1] == '\'' && (i < 2 || s[i - 2] == ' ' || s[i - 2] == '\n' ||
                                  s[i - 2] == '(' || s[i - 2] == '"'))
            open = !open;
    return open;
}

/* A word: letters, digits and the few marks EWT keeps inside words. */
static size_t scan_word(const char *s, size_t p, size_t e, size_t len)
{
    size_t u = scan_url(s, p, e);
    if (u) return u;
    size_t q = p, seg = p;  /* seg: start of the current hyphen segment */
    size_t lastdot = 0;
    int numhyph = 0;
    for (;;) {
        ch c;
        for (;;) {
            unsigned char b = q < e ? (unsigned char)s[q] : 0;
            if (b >= 0x80) c = at(s, e, q);
            else {                      /* ASCII: no decoding */
                c.cp = b;
                c.cls = q < e ? ascii_cls[b] : C_SPACE;
                c.len = 1;
            }
            if (!is_word(c.cls)) break;
            /* "5pm", "7:30PM": EWT splits the time of day from the number */
            if (c.cls == C_ALPHA && q > p && s[q - 1] >= '0' && s[q - 1] <= '9' &&
                is_unit(s, q, e))
                return q;
            q += c.len;
        }
        if (q >= e) break;
        ch prev = {0, C_SPACE, 0};
        {   /* the code point before q */
            size_t b = q - 1;
            while (b > p && ((unsigned char)s[b] & 0xC0) == 0x80) b--;
            prev = at(s, e, b);
        }
        ch next = at(s, e, q + c.len);
        int32_t x = c.cp;
        if (x == '.') {
            if (is_word(next.cls)) { lastdot = q; q++; continue; }
            if (next.cp == '.') {
                /* "franz371...@gmail.com": an address shortened by a list */
                size_t r = q;
                while (r < e && s[r] == '.') r++;
                if (r < e && s[r] == '@') {
                    size_t m = scan_email(s, r, r, e);
                    if (m) return m;
                }
                break;
            }
            if (prev.cls != C_ALPHA) break;
            size_t wl = q - seg;
            if ((lastdot && q - lastdot <= 3) || wl == 1 || (prev.len > 1 && wl == prev.len) ||
                lex_find(s + seg, wl, L_ABBR))
                q++;
            else if (lex_find(s + seg, wl, L_NUMABBR)) {
                size_t r = q + 1;
                for (;;) {      /* spaces, including no-break ones */
                    if (r < len && (s[r] == ' ' || s[r] == '\t')) r++;
                    else if (r + 1 < len && (unsigned char)s[r] == 0xC2 &&
                             (unsigned char)s[r + 1] == 0xA0) r += 2;
                    else break;
                }
                if (r < len && s[r] >= '0' && s[r] <= '9') q++;
            }
            break;
        }
        if (x == '/' && prev.cls == C_DIGIT && next.cls == C_DIGIT && !is_date(s, seg, q, e))
            break;
        if (x == ',' && prev.cls == C_DIGIT && digit_run(s, q + 1, e) != 3 &&
            !(q + 4 < e && s[q + 4] == ','))
            break;          /* "11,2000": not a thousands separator */
        if ((x == ',' || x == ':' || x == '/') && prev.cls == C_DIGIT && next.cls == C_DIGIT) {
            q++;
            continue;
        }
        if (is_apos(x) && prev.cls == C_DIGIT && q + c.len < e && (s[q + c.len] | 0x20) == 's' &&
            !is_word(at(s, e, q + c.len + 1).cls)) {
            q += c.len + 1;     /* "60's" */
            break;
        }
        if (x == '\'' && (s[q - 1] == 's' || s[q - 1] == 'S') && next.cls == C_SPACE &&
            q - p > 2 && !open_quote(s, p)) {
            q++;            /* "parents'": a plural's possessive */
            break;
        }
        if (is_apos(x) && prev.cls == C_ALPHA && next.cls == C_ALPHA) {
            q += c.len;
            continue;
        }
        if (x == '-' && is_word(next.cls)) {
            if (numhyph || (prev.cls == C_DIGIT && next.cls == C_DIGIT &&
                            digits_then(s, q + 1, e, '-'))) {
                if (prev.cls == C_DIGIT && next.cls == C_DIGIT) {
                    numhyph = 1;
                    q++;
                    continue;
                }
            }
            if ((q - seg == 3 || q - seg == 1 || q - seg == 5) && all_digits(s, seg, q) &&
                digit_run(s, q + 1, e) == 4) {
                q += 5;             /* "345-9945", ZIP+4 "20006-3700" */
                continue;
            }
            if (prev.cls == C_DIGIT && q + 5 < e && s[q + 4] == '-' &&
                lex_find(s + q + 1, 3, L_MONTH) && s[q + 5] >= '0' && s[q + 5] <= '9') {
                q += 5;             /* "01-Feb-02" */
                continue;
            }
            if (lex_find(s + seg, q - seg, L_PREFIX)) {
                q++;
                seg = q;
                continue;
            }
            break;
        }
        if (x == '&' && is_upper(prev.cp) && is_upper(next.cp)) { q++; continue; }
        if (x == '/' && prev.cls == C_ALPHA && q - seg == prev.len) {
            /* "b/c", "w/o", "w/": shorthand stays one word */
            ch after = at(s, e, q + 1 + next.len);
            if (next.cls == C_ALPHA && !is_word(after.cls)) { q += 1 + next.len; break; }
            if (next.cls == C_SPACE && (s[q - 1] | 0x20) == 'w') { q++; break; }
        }
        if (x == '_' && is_word(next.cls) && is_word(prev.cls)) { q++; continue; }
        if (x == '@' && is_word(next.cls)) {
            size_t m = scan_email(s, p, q, e);
            if (m) return m;
            if (is_word(prev.cls)) { q++; continue; }   /* "Rice@ENRON" */
        }
        break;
    }
    return q;
}

static size_t scan_word(const char *s, size_t p, size_t e, size_t len);

static const char *const emoticons[] = {
    ":-)", ":-(", ":-D", ":-P", ":-p", ";-)", ":)", ":(", ";)", ":D", ":P",
    ":p", ":/", "<3", NULL};

static int is_stop(int32_t cp) { return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026; }

static int is_squote(int32_t cp) { return cp == '\'' || cp == '`' || cp == 0x2018 || cp == 0x2019; }
static int is_dquote(int32_t cp) { return cp == '"' || cp == 0x201C || cp == 0x201D; }

/* Punctuation: a run of sentence-final marks ("?!", "...") or of one
 * repeated character ("--", "**", "''") is one token, like EWT. */
static size_t scan_punct(const char *s, size_t p, size_t e)
{
    ch c = at(s, e, p);
    if (is_stop(c.cp)) {
        size_t q = p;
        while (is_stop(c.cp)) { q += c.len; c = at(s, e, q); }
        return q;
    }
    if (is_apos(c.cp) && digit_run(s, p + c.len, e) == 2)   /* "'68" */
        return p + c.len + 2;
    if (c.cp == '#' && at(s, e, p + 1).cls == C_ALPHA)   /* a hashtag */
        return scan_word(s, p + 1, e, e);
    if (c.cp == ':' || c.cp == ';' || c.cp == '<') {
        for (int k = 0; emoticons[k]; k++) {
            size_t n = strlen(emoticons[k]);
            if (e - p >= n && !memcmp(s + p, emoticons[k], n)) {
                ch nx = at(s, e, p + n);
                if (nx.cls == C_SPACE || nx.cls == C_PUNCT) return p + n;
            }
        }
    }
    size_t q = p + c.len;
    int quote = is_squote(c.cp) ? 1 : is_dquote(c.cp) ? 2 : 0;
    for (;;) {
        ch d = at(s, e, q);
        if (d.cls != C_PUNCT) break;
        if (d.cp != c.cp && !(quote && quote == (is_squote(d.cp) ? 1 : is_dquote(d.cp) ? 2 : 0)))
            break;
        q += d.len;
    }
    return q;
}

size_t text_tokenize(dyad_arena *a, const char *s, size_t len, text_tok **out)
{
    pthread_once(&text_once, text_init);
    size_t cap = len / 6 + 16, n = 0;
    text_tok *t = dyad_alloc(a, cap * sizeof *t);
    size_t i = 0;
    while (i < len) {
        int space = 0, nl = 0;
        ch c;
        for (;;) {
            unsigned char b = (unsigned char)s[i];
            if (b == '\n') { space = 1; if (nl < 2) nl++; i++; }
            else if (b <= ' ' || b == 0x7F) { space = 1; i++; }
            else if (b < 0x80) break;
            else {
                c = at(s, len, i);
                if (c.cls != C_SPACE) break;
                space = 1;
                i += c.len;
            }
            if (i >= len) break;
        }
        if (i >= len) break;
        size_t e = i;   /* end of this whitespace-free chunk */
        while (e < len) {
            unsigned char b = (unsigned char)s[e];
            if (b <= ' ' || b == 0x7F) break;
            if (b >= 0x80) {
                c = at(s, len, e);
                if (c.cls == C_SPACE) break;
                e += c.len;
            } else e++;
        }
        while (i < e) {
            c = at(s, e, i);
            size_t q = is_word(c.cls) ? scan_word(s, i, e, len) : scan_punct(s, i, e);
            if (q <= i) q = i + c.len;
            /* "alot": EWT writes two tokens where one was meant */
            const lex_entry *sp = is_word(c.cls) && q - i < 32 ?
                                  lex_find(s + i, q - i, L_SPLIT) : NULL;
            for (int k = 0; k < (sp ? sp->nsplit : 1); k++) {
                size_t r = sp ? i + sp->split[k] : q;
                if (n == cap) {
                    t = dyad_grow(a, t, n, cap * 2, sizeof *t);
                    cap *= 2;
                }
                t[n].start = (uint32_t)i;
                t[n].end = (uint32_t)r;
                t[n].space = (uint8_t)space;
                t[n].nl = (uint8_t)nl;
                space = nl = 0;
                n++;
                i = r;
            }
        }
    }
    *out = t;
    return n;
}

/* ------------------------------------------------------------------ */
/* Pass 2: sentence boundaries                                         */
/* ------------------------------------------------------------------ */

/* The shape of a token: X upper, x lower, d digit, other bytes as they
 * are (non-ASCII punctuation as 'p'); runs longer than two collapsed. */
static size_t shape(const char *s, uint32_t b, uint32_t e, char *out, size_t cap)
{
    if (e - b > 6 && (memmem(s + b, e - b, "://", 3) || has_prefix_ci(s, e, b, "www.")))
        return (size_t)snprintf(out, cap, "URL");
    if (e - b > 4 && memchr(s + b, '@', e - b))
        return (size_t)snprintf(out, cap, "EMAIL");
    size_t n = 0;
    char last = 0;
    int run = 0;
    for (size_t i = b; i < e && n + 1 < cap;) {
        unsigned char a = (unsigned char)s[i];
        char k;
        if (a < 0x80) {             /* ASCII: no decoding */
            k = ascii_cls[a] == C_ALPHA ? (a <= 'Z' ? 'X' : 'x') :
                ascii_cls[a] == C_DIGIT ? 'd' : (char)a;
            i++;
            run = k == last ? run + 1 : 1;
            last = k;
            if (run <= 2) out[n++] = k;
            continue;
        }
        ch c = at(s, e, i);
        if (c.cls == C_ALPHA) k = is_upper(c.cp) ? 'X' : 'x';
        else if (c.cls == C_DIGIT) k = 'd';
        else k = c.cp < 0x80 ? (char)c.cp : 'p';
        if (c.cp == 0x201C || c.cp == 0x201D) k = '"';
        if (c.cp == 0x2018 || c.cp == 0x2019) k = '\'';
        i += c.len;
        run = k == last ? run + 1 : 1;
        last = k;
        if (run <= 2) out[n++] = k;
    }
    out[n] = 0;
    return n;
}

/* Hash mixing (a 32-bit finaliser): features are combinations of the
 * per-token hashes, so no string is built or hashed per gap. */
static uint32_t mix(uint32_t h)
{
    h ^= h >> 16; h *= 0x7feb352du;
    h ^= h >> 15; h *= 0x846ca68bu;
    h ^= h >> 16;
    return h;
}

static uint32_t f1(uint32_t tmpl, uint32_t a) { return mix(tmpl * 0x9E3779B1u ^ mix(a)); }
static uint32_t f2(uint32_t tmpl, uint32_t a, uint32_t b)
{
    return mix(tmpl * 0x9E3779B1u ^ mix(a ^ mix(b + 0x85EBCA6Bu)));
}
static uint32_t f3(uint32_t tmpl, uint32_t a, uint32_t b, uint32_t c)
{
    return mix(f2(tmpl, a, b) ^ mix(c + 0xC2B2AE35u));
}

static void hash_token(const char *s, text_tok *t)
{
    size_t len = t->end - t->start;
    char w[16], sh[16];
    size_t wl = len > 15 ? 15 : len;
    for (size_t k = 0; k < wl; k++) {
        unsigned char c = (unsigned char)s[t->start + k];
        w[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    t->wh = fnv(w, wl, FNV0);
    t->sh = fnv(sh, shape(s, t->start, t->end, sh, sizeof sh), FNV0);
    t->abbr = len > 1 && s[t->end - 1] == '.' &&
              lex_find(s + t->start, len - 1, L_ABBR) != NULL;
    t->hashed = 1;
}

void text_hash_tokens(const char *s, text_tok *t, size_t n)
{
    for (size_t i = 0; i < n; i++) hash_token(s, &t[i]);
}

int text_gap_candidate(const char *s, const text_tok *t, size_t i)
{
    unsigned char a = (unsigned char)s[t[i].end - 1], b = (unsigned char)s[t[i + 1].start];
    return !(((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9')) && b >= 'a' && b <= 'z');
}

enum {  /* feature templates: their numbers are part of the model */
    T_BIAS = 1, T_W0, T_W1, T_WP, T_S0, T_S1, T_SP, T_S2, T_W0S1, T_S0W1,
    T_S0S1, T_W0W1, T_WPW0, T_SPS0, T_SPS0S1, T_S1S2, T_W1W2, T_ABBR,
    T_SINCE, T_SINCE_S0, T_GAP, T_GAP_S0, T_GAP_S1
};

size_t text_gap_features(const text_tok *t, size_t n, size_t i, size_t since, uint32_t *f)
{
    const uint32_t none = 0x5bd1e995u;   /* the hash of "no token here" */
    uint32_t w0 = t[i].wh, s0 = t[i].sh, w1 = t[i + 1].wh, s1 = t[i + 1].sh;
    uint32_t wp = i > 0 ? t[i - 1].wh : none, sp = i > 0 ? t[i - 1].sh : none;
    uint32_t w2 = i + 2 < n ? t[i + 2].wh : none + 1, s2 = i + 2 < n ? t[i + 2].sh : none + 1;
    uint32_t bin = since <= 4 ? (uint32_t)since : since <= 7 ? 5 : since <= 15 ? 6 : 7;
    uint32_t gap = t[i + 1].nl ? 1 : 0;
    size_t k = 0;
    f[k++] = f1(T_BIAS, 0);
    f[k++] = f1(T_W0, w0);
    f[k++] = f1(T_W1, w1);
    f[k++] = f1(T_WP, wp);
    f[k++] = f1(T_S0, s0);
    f[k++] = f1(T_S1, s1);
    f[k++] = f1(T_SP, sp);
    f[k++] = f1(T_S2, s2);
    f[k++] = f2(T_W0S1, w0, s1);
    f[k++] = f2(T_S0W1, s0, w1);
    f[k++] = f2(T_S0S1, s0, s1);
    f[k++] = f2(T_W0W1, w0, w1);
    f[k++] = f2(T_WPW0, wp, w0);
    f[k++] = f2(T_SPS0, sp, s0);
    f[k++] = f3(T_SPS0S1, sp, s0, s1);
    f[k++] = f2(T_S1S2, s1, s2);
    f[k++] = f2(T_W1W2, w1, w2);
    f[k++] = f2(T_ABBR, t[i].abbr, s1);
    f[k++] = f1(T_SINCE, bin);
    f[k++] = f2(T_SINCE_S0, bin, s0);
    f[k++] = f1(T_GAP, gap);
    f[k++] = f2(T_GAP_S0, gap, s0);
    f[k++] = f2(T_GAP_S1, gap, s1);
    return k;
}

/* Without a model: end at sentence-final punctuation (and any closing
 * quotes or brackets after it) before a capital, digit or quote. */
static int rule_boundary(const char *s, const text_tok *t, size_t n, size_t i)
{
    size_t k = i;
    ch c = at(s, t[k].end, t[k].start);
    while (k > 0 && (c.cp == '"' || c.cp == '\'' || c.cp == ')' || c.cp == 0x201D ||
                     c.cp == 0x2019) && t[k].space == 0) {
        k--;
        c = at(s, t[k].end, t[k].start);
    }
    if (!is_stop(c.cp)) return 0;
    if (i + 1 >= n) return 1;
    ch d = at(s, t[i + 1].end, t[i + 1].start);
    return is_upper(d.cp) || d.cls == C_DIGIT || d.cls == C_PUNCT;
}

/* Hard-wrapped text (e-mail, plain-text wires) breaks lines inside
 * paragraphs: most of its lines that another line follows within the
 * paragraph are of similar, typewriter length. Text with one paragraph a
 * line has lines of every length. */
static int hard_wrapped(const char *s, size_t len)
{
    size_t lines = 0, wrapped = 0, start = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '\n') continue;
        int next_text = i + 1 < len && s[i + 1] != '\n' && s[i + 1] != '\r';
        size_t l = i - start;
        if (l > 0 && next_text) {
            lines++;
            wrapped += l >= 40 && l <= 100;
        }
        start = i + 1;
    }
    return lines >= 3 && wrapped * 4 >= lines * 3;
}

/* ------------------------------------------------------------------ */
/* Pass 3: syntactic words                                             */
/* ------------------------------------------------------------------ */

static const char *const clitics[] = {"s", "re", "ve", "ll", "d", "m", NULL};

/* Split a word token [b,e) into syntactic words: writes cut points (word
 * lengths) into len[] and returns the number of words (1: no split). */
static int split_word(const char *s, uint32_t b, uint32_t e, uint8_t *len)
{
    size_t n = e - b;
    if (n < 2 || n >= 32 || (s[b] >= '0' && s[b] <= '9')) return 1;
    const lex_entry *m = lex_find(s + b, n, L_MWT);
    if (m) {
        for (int k = 0; k < m->nsplit; k++) len[k] = m->split[k];
        return m->nsplit;
    }
    /* last apostrophe ('/’/`) */
    for (uint32_t a = e - 1; a > b; a--) {
        unsigned char c = (unsigned char)s[a];
        size_t al = 0;
        if (c == '\'' || c == '`') al = 1;
        else if (c == 0xE2 && a + 2 < e && (unsigned char)s[a + 1] == 0x80 &&
                 (unsigned char)s[a + 2] == 0x99)
            al = 3;                 /* U+2019, the typographic apostrophe */
        if (!al) continue;
        char suf[8];
        size_t sl = e - a - al;
        if (sl == 0 && al == 1 && s[a] == '\'' && (s[a - 1] | 0x20) == 's') {
            len[0] = (uint8_t)(a - b);      /* "parents'" → parents + ' */
            len[1] = 1;
            return 2;
        }
        if (sl == 0 || sl > 2 || !lower(s + a + al, sl, suf)) return 1;
        if (suf[0] == 't' && sl == 1 && a - b >= 2 && (s[a - 1] | 0x20) == 'n') {
            len[0] = (uint8_t)(a - 1 - b);
            len[1] = (uint8_t)(e - (a - 1));
            return 2;
        }
        for (int k = 0; clitics[k]; k++)
            if (!strcmp(suf, clitics[k])) {
                len[0] = (uint8_t)(a - b);
                len[1] = (uint8_t)(e - a);
                return 2;
            }
        return 1;
    }
    return 1;
}

/* ------------------------------------------------------------------ */
/* The stage                                                           */
/* ------------------------------------------------------------------ */

dyad_status dyad_text(dyad_doc *doc, dyad_error *err)
{
    pthread_once(&text_once, text_init);
    doc->sentences = NULL; doc->nsentences = 0;
    doc->tokens = NULL; doc->ntokens = 0;
    const char *s = doc->text;
    size_t len = s ? doc->text_len : 0;
    if (len > UINT32_MAX - 1)
        return dyad_fail(err, DYAD_ERR_INPUT, doc->path ? doc->path : doc->id,
                         doc->line, "text longer than 4 GB");
    if (!len) return DYAD_OK;

    text_tok *t;
    size_t n = text_tokenize(doc->arena, s, len, &t);
    if (!n) return DYAD_OK;

    /* A blank line ends a paragraph; so does a single line break, unless
     * the text is hard-wrapped (then it is a space like any other). */
    int para_nl = hard_wrapped(s, len) ? 2 : 1;
    /* sentence ends: brk[i] = 1 when a sentence ends after surface token i */
    uint8_t *brk = dyad_alloc(doc->arena, n);
    size_t nsent = 0, since = 0;
    uint32_t f[TEXT_MAX_FEATS];
    for (size_t i = 0; i < n; i++) {
        since++;
        int end;
        if (i + 1 == n) end = 1;
        else if (t[i + 1].nl >= para_nl) end = 1;
        else if (!t[i + 1].space) end = 0;
        else if (!text_gap_candidate(s, t, i)) end = 0;
        else if (sbd_w) {
            /* only the tokens around a candidate gap need their hashes */
            for (size_t j = i ? i - 1 : 0; j <= i + 2 && j < n; j++)
                if (!t[j].hashed) hash_token(s, &t[j]);
            size_t k = text_gap_features(t, n, i, since, f);
            float score = 0;
            for (size_t j = 0; j < k; j++)
                score += sbd_weight(f[j] & ((1u << TEXT_SBD_BITS) - 1));
            end = score > 0;
        } else end = rule_boundary(s, t, n, i);
        brk[i] = (uint8_t)end;
        if (end) { nsent++; since = 0; }
    }

    /* words: at most 4 per surface token */
    size_t wcap = n + n / 8 + 16, nw = 0;
    dyad_token *w = dyad_alloc(doc->arena, wcap * sizeof *w);
    dyad_sentence *sent = dyad_alloc(doc->arena, nsent * sizeof *sent);
    size_t si = 0, first = 0;
    uint32_t para = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && t[i].nl >= para_nl) para++;
        if (i == first) {
            sent[si].start = t[i].start;
            sent[si].tok = (uint32_t)nw;
            sent[si].paragraph = para;
        }
        uint8_t parts[5];
        int np = 1;
        uint32_t tend = t[i].end;
        ch c0 = at(s, tend, t[i].start);
        /* A sentence never ends inside a word: EWT gives the period of an
         * abbreviation that ends a sentence ("etc.") a token of its own. */
        int dot = brk[i] && is_word(c0.cls) && tend - t[i].start > 1 && s[tend - 1] == '.';
        if (dot) tend--;
        if (is_word(c0.cls)) np = split_word(s, t[i].start, tend, parts);
        if (np == 1) parts[0] = (uint8_t)0;
        if (dot) parts[np++] = 1;
        if (nw + (size_t)np > wcap) {
            w = dyad_grow(doc->arena, w, nw, wcap * 2, sizeof *w);
            wcap *= 2;
        }
        uint32_t b = t[i].start;
        uint8_t sp = i + 1 < n ? t[i + 1].space : 0;
        for (int k = 0; k < np; k++) {
            dyad_token *x = &w[nw + (size_t)k];
            x->start = b;
            x->end = k == np - 1 ? t[i].end : k == 0 && parts[0] == 0 ? tend : b + parts[k];
            b = x->end;
            x->head = -1;
            x->space_after = k == np - 1 ? sp : 0;
        }
        int nmwt = np - dot;
        if (nmwt > 1) {
            w[nw].mwt_len = (uint8_t)nmwt;
            w[nw].mwt_start = t[i].start;
            w[nw].mwt_end = tend;
        }
        nw += (size_t)np;
        if (brk[i]) {
            sent[si].end = t[i].end;
            sent[si].ntok = (uint32_t)(nw - sent[si].tok);
            si++;
            first = i + 1;
        }
    }
    /* every form NUL-terminated, in one block */
    size_t total = 0;
    for (size_t k = 0; k < nw; k++) total += w[k].end - w[k].start + 1;
    char *forms = dyad_alloc(doc->arena, total);
    for (size_t k = 0; k < nw; k++) {
        size_t l = w[k].end - w[k].start;
        memcpy(forms, s + w[k].start, l);
        forms[l] = 0;
        w[k].form = forms;
        forms += l + 1;
    }
    doc->tokens = w; doc->ntokens = nw;
    doc->sentences = sent; doc->nsentences = si;
    return DYAD_OK;
}
