/* geo.c — the gazetteer (countries, first-level regions, places from
 * GeoNames; built by scripts/build-gazetteer into data/geo/gazetteer.tsv.zst
 * and linked into the binary) and the place names of a document.
 *
 * Finding places: capitalised word sequences are looked up whole ("John
 * Kerry" is not Kerry, "Washington Post" is not Washington), so a name
 * counts only when the words around it are not part of a longer name.
 * Small towns need a locative word before them ("in", "at", "near") or a
 * "Town, Region" pair, because thousands of them share names with people
 * and common words. One name, many places: "Paris, Texas" takes the place
 * in the named region or country; otherwise the candidates are ranked by
 * kind and size, and by the countries the rest of the article is about
 * ("Georgia" is the US state in an article about Atlanta). A capital that
 * is the subject of a verb ("Beijing pulled the plug") stands for its
 * government: an actor, not a place. */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { G_COUNTRY = 'C', G_REGION = 'R', G_PLACE = 'P' };

typedef struct {
    char kind;
    const char *iso3, *fips, *adm1, *name;
    double lat, lon;
    int64_t id;
    long pop;
    int rank;             /* places: 2 capital, 1 region seat */
    int32_t country;      /* index of its country's entry, -1 */
} gentry;

typedef struct {
    const char *key;      /* normalised name */
    uint32_t entry;
    uint8_t allcaps;      /* the name is written in capitals ("US") */
    uint8_t owned;        /* key is a malloc'd copy (display names) */
} gkey;

struct dyad_gazetteer {
    char *buf;            /* the TSV text, cut in place */
    gentry *e;
    size_t ne;
    gkey *keys;           /* sorted by key */
    size_t nkeys;
    uint32_t *slot;       /* hash → 1 + index of first key of that name */
    size_t nslot;
    uint64_t *prefix;     /* hashes of the leading words of longer names */
    size_t nprefix;       /* a power of two; 0 = none */
};

/* Lower case, '.' dropped, '-' as ' ', runs of spaces as one. */
static size_t normalise(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.') continue;
        if (c == '-' || c == ' ' || c == '\t') {
            if (o && out[o - 1] != ' ') out[o++] = ' ';
            continue;
        }
        out[o++] = (char)tolower(c);
    }
    while (o && out[o - 1] == ' ') o--;
    out[o] = 0;
    return o;
}

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static int keycmp(const void *a, const void *b)
{
    int c = strcmp(((const gkey *)a)->key, ((const gkey *)b)->key);
    if (c) return c;
    uint32_t x = ((const gkey *)a)->entry, y = ((const gkey *)b)->entry;
    return x < y ? -1 : x > y;
}

/* First key index of a normalised name, or -1. */
static long find_key(const dyad_gazetteer *g, const char *k)
{
    if (!g->nslot) return -1;
    size_t m = g->nslot - 1, i = (size_t)hash(k) & m;
    while (g->slot[i]) {
        const gkey *x = &g->keys[g->slot[i] - 1];
        if (!strcmp(x->key, k)) return (long)(g->slot[i] - 1);
        i = (i + 1) & m;
    }
    return -1;
}

static char *field(char **p)
{
    char *s = *p;
    if (!s) return NULL;
    char *t = strchr(s, '\t');
    if (t) { *t = 0; *p = t + 1; }
    else *p = NULL;
    return s;
}

static dyad_status parse(dyad_gazetteer *g, const char *path, dyad_error *err)
{
    size_t lines = 0, names = 0;
    for (char *p = g->buf; *p; p++) {
        if (*p == '\n') lines++;
        if (*p == '|') names++;
    }
    g->e = calloc(lines + 1, sizeof *g->e);
    g->keys = calloc(lines + names + 1, sizeof *g->keys);
    if (!g->e || !g->keys) return dyad_fail(err, DYAD_ERR_NOMEM, path, 0, "out of memory");
    long lineno = 0;
    char *line = g->buf;
    char normbuf[256];
    /* normalised keys are written back over the names' own bytes: a key
     * is never longer than its name */
    while (line && *line) {
        lineno++;
        char *nl = strchr(line, '\n');
        if (nl) *nl = 0;
        char *p = line;
        gentry *e = &g->e[g->ne];
        char *kind = field(&p);
        char *f[8] = {0};
        int nf = 0;
        while (p && nf < 8) f[nf++] = field(&p);
        char *namelist = NULL;
        if (!strcmp(kind, "C") && nf == 6) {
            e->kind = G_COUNTRY;
            e->iso3 = f[0];
            e->fips = f[2];
            e->lat = atof(f[3]);
            e->lon = atof(f[4]);
            namelist = f[5];
        } else if (!strcmp(kind, "R") && nf == 5) {
            e->kind = G_REGION;
            e->iso3 = f[0];
            e->adm1 = f[1];
            e->lat = atof(f[2]);
            e->lon = atof(f[3]);
            namelist = f[4];
        } else if (!strcmp(kind, "P") && nf == 8) {
            e->kind = G_PLACE;
            e->iso3 = f[0];
            e->adm1 = *f[1] ? f[1] : NULL;
            e->lat = atof(f[2]);
            e->lon = atof(f[3]);
            e->id = atoll(f[4]);
            e->pop = atol(f[5]);
            e->rank = atoi(f[6]);
            namelist = f[7];
        } else if (*kind) {
            return dyad_fail(err, DYAD_ERR_MODEL, path, lineno, "not a gazetteer line");
        }
        if (namelist && *namelist && strlen(e->iso3) == 3) {
            char *q = namelist;
            e->name = namelist;
            int first = 1;
            while (q) {
                char *bar = strchr(q, '|');
                if (bar) *bar = 0;
                size_t L = strlen(q);
                int caps = L >= 2;
                for (size_t k = 0; k < L; k++)
                    if (islower((unsigned char)q[k])) caps = 0;
                char *key;
                if (first) {
                    /* the display name stays as written: its key is a copy */
                    normalise(q, L, normbuf, sizeof normbuf);
                    key = strdup(normbuf);
                    if (!key) return dyad_fail(err, DYAD_ERR_NOMEM, path, 0, "out of memory");
                } else {
                    normalise(q, L, q, L + 1);
                    key = q;
                }
                if (*key) {
                    g->keys[g->nkeys].key = key;
                    g->keys[g->nkeys].entry = (uint32_t)g->ne;
                    g->keys[g->nkeys].allcaps = (uint8_t)caps;
                    g->keys[g->nkeys].owned = (uint8_t)first;
                    g->nkeys++;
                } else if (first) {
                    free(key);
                }
                first = 0;
                q = bar ? bar + 1 : NULL;
            }
            g->ne++;
        }
        line = nl ? nl + 1 : NULL;
    }
    /* each entry's country, by its alpha-3 code as a number */
    int32_t *by3 = malloc(26 * 26 * 26 * sizeof *by3);
    if (!by3) return dyad_fail(err, DYAD_ERR_NOMEM, path, 0, "out of memory");
    for (size_t c = 0; c < 26 * 26 * 26; c++) by3[c] = -1;
    for (size_t i = 0; i < g->ne; i++) {
        const char *c3 = g->e[i].iso3;
        int code = -1;
        if (c3[0] >= 'A' && c3[0] <= 'Z' && c3[1] >= 'A' && c3[1] <= 'Z' && c3[2] >= 'A' && c3[2] <= 'Z')
            code = ((c3[0] - 'A') * 26 + (c3[1] - 'A')) * 26 + (c3[2] - 'A');
        if (code >= 0 && g->e[i].kind == G_COUNTRY && by3[code] < 0) by3[code] = (int32_t)i;
        g->e[i].country = code >= 0 ? by3[code] : -1;
    }
    free(by3);
    qsort(g->keys, g->nkeys, sizeof *g->keys, keycmp);
    g->nslot = 1;
    while (g->nslot < g->nkeys * 2 + 2) g->nslot <<= 1;
    g->slot = calloc(g->nslot, sizeof *g->slot);
    if (!g->slot) return dyad_fail(err, DYAD_ERR_NOMEM, path, 0, "out of memory");
    for (size_t i = 0; i < g->nkeys; i++) {
        if (i && !strcmp(g->keys[i].key, g->keys[i - 1].key)) continue;
        size_t m = g->nslot - 1, h = (size_t)hash(g->keys[i].key) & m;
        while (g->slot[h]) h = (h + 1) & m;
        g->slot[h] = (uint32_t)i + 1;
    }
    /* "new", "new york", … so that a lookup stops as soon as no name can
     * start with the words so far */
    size_t np = 0;
    for (size_t i = 0; i < g->nkeys; i++)
        for (const char *c = g->keys[i].key; *c; c++) np += *c == ' ';
    g->nprefix = 1;
    while (g->nprefix < np * 2 + 2) g->nprefix <<= 1;
    g->prefix = calloc(g->nprefix, sizeof *g->prefix);
    if (!g->prefix) return dyad_fail(err, DYAD_ERR_NOMEM, path, 0, "out of memory");
    for (size_t i = 0; i < g->nkeys; i++) {
        const char *k = g->keys[i].key;
        for (const char *c = k; *c; c++) {
            if (*c != ' ') continue;
            char tmp[256];
            size_t L = (size_t)(c - k) < sizeof tmp - 1 ? (size_t)(c - k) : sizeof tmp - 1;
            memcpy(tmp, k, L);
            tmp[L] = 0;
            uint64_t h = hash(tmp) | 1;
            size_t m = g->nprefix - 1, j = (size_t)h & m;
            while (g->prefix[j] && g->prefix[j] != h) j = (j + 1) & m;
            g->prefix[j] = h;
        }
    }
    if (!g->ne) return dyad_fail(err, DYAD_ERR_MODEL, path, 0, "empty gazetteer");
    return DYAD_OK;
}

/* Some longer name starts with the words of key (by hash: a rare false
 * "yes" only costs a lookup). */
static int is_prefix(const dyad_gazetteer *g, const char *key)
{
    if (!g->nprefix) return 0;
    uint64_t h = hash(key) | 1;
    size_t m = g->nprefix - 1, j = (size_t)h & m;
    while (g->prefix[j]) {
        if (g->prefix[j] == h) return 1;
        j = (j + 1) & m;
    }
    return 0;
}

dyad_status dyad_gazetteer_load(dyad_gazetteer **out, const char *path, dyad_error *err)
{
    *out = NULL;
    dyad_gazetteer *g = calloc(1, sizeof *g);
    if (!g) return dyad_fail(err, DYAD_ERR_NOMEM, "gazetteer", 0, "out of memory");
    size_t len = 0;
    const char *name = path ? path : "data/geo/gazetteer.tsv";
    if (!path) {
        g->buf = dyad_data_unzstd("data/geo/gazetteer.tsv", &len);
        if (!g->buf) {
            free(g);
            return dyad_fail(err, DYAD_ERR_MODEL, name, 0, "gazetteer missing from the build");
        }
    } else {
        FILE *f = fopen(path, "rb");
        if (!f) {
            free(g);
            return dyad_fail(err, DYAD_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
        }
        dyad_buf b = {0};
        char tmp[65536];
        size_t k;
        while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) dyad_buf_put(&b, tmp, k);
        fclose(f);
        size_t L = strlen(path);
        if (L > 4 && !strcmp(path + L - 4, ".zst")) {
            g->buf = dyad_unzstd(b.s, b.len, &len);
            dyad_buf_free(&b);
            if (!g->buf) {
                free(g);
                return dyad_fail(err, DYAD_ERR_MODEL, path, 0, "not a zstd file");
            }
        } else {
            g->buf = b.s ? b.s : calloc(1, 1);
        }
    }
    if (memchr(g->buf, 0, len) && len) { /* a NUL inside is not text */
        dyad_gazetteer_free(g);
        return dyad_fail(err, DYAD_ERR_MODEL, name, 0, "binary data in gazetteer");
    }
    dyad_status st = parse(g, name, err);
    if (st) {
        dyad_gazetteer_free(g);
        return st;
    }
    *out = g;
    return DYAD_OK;
}

void dyad_gazetteer_free(dyad_gazetteer *g)
{
    if (!g) return;
    if (g->keys)
        for (size_t i = 0; i < g->nkeys; i++)
            if (g->keys[i].owned) free((char *)g->keys[i].key);
    free(g->keys);
    free(g->slot);
    free(g->prefix);
    free(g->e);
    free(g->buf);
    free(g);
}

/* ---- places in a document ---- */

typedef struct {
    uint32_t s, e;        /* bytes */
    uint8_t cap;          /* starts with a capital */
    uint8_t allcaps;
    uint8_t alpha;
    char punct;           /* single punctuation, else 0 */
} gword;

static int is_letter(unsigned char c) { return isalnum(c) || c >= 0x80; }

static gword *words(dyad_arena *a, const char *t, size_t len, size_t *nout)
{
    size_t cap = len / 4 + 16, n = 0;
    gword *w = dyad_alloc(a, cap * sizeof *w);
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)t[i];
        if (isspace(c)) { i++; continue; }
        if (n == cap) { w = dyad_grow(a, w, n, cap * 2, sizeof *w); cap *= 2; }
        gword *x = &w[n];
        memset(x, 0, sizeof *x);
        size_t j = i;
        int punct_utf8 = c == 0xE2 && i + 1 < len && (unsigned char)t[i + 1] == 0x80;
        if (is_letter(c) && !punct_utf8) {
            /* curly quotes and dashes (E2 80 xx) end a word */
            while (j < len) {
                unsigned char d = (unsigned char)t[j];
                if (d == 0xE2 && j + 1 < len && (unsigned char)t[j + 1] == 0x80) break;
                if (is_letter(d)) { j++; continue; }
                /* U.S. / U.K.: a period between single capitals */
                if (d == '.' && j + 1 < len && isupper((unsigned char)t[j + 1]) &&
                    j - i >= 1 && (j - i == 1 || t[j - 2] == '.')) { j++; continue; }
                if (d == '.' && j >= 2 && t[j - 2] == '.' && isupper((unsigned char)t[j - 1])) { j++; break; }
                /* d'Ivoire, O'Hare — not the possessive 's */
                if (d == '\'' && j + 2 < len && is_letter((unsigned char)t[j + 1]) &&
                    !(t[j + 1] == 's' && !is_letter((unsigned char)t[j + 2]))) { j++; continue; }
                break;
            }
            x->alpha = 1;
            x->cap = isupper(c) || (c >= 0xC3 && c <= 0xC5 && j > i + 1 &&
                                    (unsigned char)t[i + 1] >= 0x80 && (unsigned char)t[i + 1] <= 0x9E);
            x->allcaps = 1;
            for (size_t k = i; k < j; k++)
                if (islower((unsigned char)t[k])) x->allcaps = 0;
        } else if (c >= 0x80) {
            /* a UTF-8 punctuation character (quotes, dashes) */
            j = i + 1;
            while (j < len && ((unsigned char)t[j] & 0xC0) == 0x80) j++;
            x->punct = '~';
            if (j - i == 3 && c == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
                ((unsigned char)t[i + 2] == 0x99 || (unsigned char)t[i + 2] == 0x98))
                x->punct = '\'';
        } else {
            j = i + 1;
            x->punct = (char)c;
        }
        x->s = (uint32_t)i;
        x->e = (uint32_t)j;
        n++;
        i = j;
    }
    *nout = n;
    return w;
}

/* Capitalised words that start sentences and headlines without being part
 * of a name. */
static int function_word(const char *t, const gword *w)
{
    static const char *const fw[] = {"In", "At", "On", "From", "For", "To",
        "The", "A", "An", "And", "But", "Or", "As", "By", "With", "After",
        "Before", "When", "While", "Since", "Near", "Outside", "Inside",
        "Across", "Across", "Like", "Both", "Then", "Meanwhile", "Also", "If",
        "Yet", "Still", "Despite", "During", "Under", "Over", "Between",
        "Against", "Through", "Unlike", "Neither", "Nor", "So", "That", "This",
        "Last", "Next", "Early", "Late", "Today", "Yesterday", "Even", "Only",
        NULL};
    size_t L = w->e - w->s;
    for (int k = 0; fw[k]; k++)
        if (strlen(fw[k]) == L && !memcmp(fw[k], t + w->s, L)) return 1;
    return 0;
}

static int word_is(const char *t, const gword *w, const char *s)
{
    size_t L = strlen(s);
    if (w->e - w->s != L) return 0;
    for (size_t k = 0; k < L; k++)
        if (tolower((unsigned char)t[w->s + k]) != s[k]) return 0;
    return 1;
}

static int locative(const char *t, const gword *w)
{
    static const char *const loc[] = {"in", "at", "near", "outside", "from",
        "to", "into", "across", "around", "of", "towards", "toward", "via",
        "inside", "visit", "visited", "visiting", "through", NULL};
    for (int k = 0; loc[k]; k++)
        if (word_is(t, w, loc[k])) return 1;
    return 0;
}

/* Names that are mostly people or everyday words in English news. */
static int stop_name(const char *key)
{
    static const char *const stop[] = {"obama", "of", "police", "mobile",
        "reading", "split", "nice", "bath", "deal", "hope", "sale", "gap",
        "bury", "wells", "normal", "university", "enterprise", "commerce",
        "jackson", "lincoln", "hamilton", "clinton", "kerry", "russell",
        "victoria", "florence", "aurora", "independence", "mercedes", "troy",
        "orange", "marathon", "best", "most", "along", "union", "progress",
        "liberty", "date", "bar", "man", "male", "ali", "pau", "yang", "bo",
        "wang", "li", "sung", "xi", "china town", "young", "same", "van",
        "president", "march", "may", "cabinet", "police", "parliament",
        "congress", "senate", "house", "white", "independent", "republican",
        "democrat", "justice", "state", "america's", NULL};
    for (int k = 0; stop[k]; k++)
        if (!strcmp(stop[k], key)) return 1;
    return 0;
}

typedef struct {
    uint32_t s, e;        /* bytes */
    size_t w0, w1;        /* words [w0, w1) */
    long k0, k1;          /* candidate keys [k0, k1) */
    int pick;             /* chosen entry, -1 none */
    int within;           /* entry index of a "Town, Region" container, -1 */
} gmention;

static double score(const gentry *e, const double *ctx, const gentry *within, int loc)
{
    double s;
    switch (e->kind) {
    case G_COUNTRY: s = 1000; break;
    case G_REGION: s = !strcmp(e->iso3, "USA") ? 700 : 550; break;
    default:
        /* 1,000 people → 330, 100,000 → 450, 10 million → 570 */
        s = 150 + 60 * log10((double)(e->pop > 1000 ? e->pop : 1000)) +
            (e->rank == 2 ? 300 : e->rank == 1 ? 50 : 0);
        if (!loc && e->pop < 100000 && e->rank < 2) s -= 300;
        break;
    }
    /* how much of the article is about this country (0..1): it settles
     * which Georgia, less which Geneva */
    if (ctx && e->country >= 0) s += (e->kind == G_PLACE ? 100 : 500) * ctx[e->country];
    if (within) {
        if (within->kind == G_COUNTRY && !strcmp(within->iso3, e->iso3)) s += 2000;
        else if (within->kind == G_REGION && e->adm1 && !strcmp(within->adm1, e->adm1)) s += 2500;
        else s -= 1000;
    }
    return s;
}

/* Fills loc from entry e, named as written. */
static void fill(dyad_arena *a, const gentry *e, const char *text, uint32_t s, uint32_t en,
                 dyad_location *loc, const dyad_gazetteer *g)
{
    memset(loc, 0, sizeof *loc);
    loc->name = dyad_strndup(a, text + s, en - s);
    loc->country = e->iso3;
    loc->lat = e->lat;
    loc->lon = e->lon;
    loc->geonameid = e->id;
    /* the country entry carries the FIPS code */
    loc->fips = e->country >= 0 ? g->e[e->country].fips : NULL;
    int us = !strcmp(e->iso3, "USA");
    switch (e->kind) {
    case G_COUNTRY: loc->feature = 1; loc->adm1 = NULL; break;
    case G_REGION: loc->feature = us ? 2 : 5; loc->adm1 = e->adm1; break;
    default: loc->feature = us ? 3 : 4; loc->adm1 = e->adm1; break;
    }
}

/* Looks up words [i, j) as one name: first key index or -1. */
static long lookup(const dyad_gazetteer *g, const char *t, const gword *w, size_t i, size_t j,
                   char *key, size_t cap)
{
    size_t o = 0;
    for (size_t k = i; k < j; k++) {
        if (w[k].punct && w[k].punct != '-') return -1;
        if (w[k].punct) continue;
        if (k > i && o + 1 < cap) key[o++] = ' ';
        size_t L = w[k].e - w[k].s;
        if (o + L + 1 >= cap) return -1;
        o += normalise(t + w[k].s, L, key + o, cap - o);
    }
    key[o] = 0;
    if (!o) return -1;
    return find_key(g, key);
}

/* The words following a place that make it the subject of a verb. */
static int verb_follows(const char *t, const gword *w, size_t j, size_t n)
{
    if (j >= n || !w[j].alpha || w[j].cap) return 0;
    static const char *const v[] = {"said", "says", "has", "have", "had",
        "is", "was", "will", "would", "could", "should", "may", "might", "must",
        "wants", "wanted", "rejected", "accused", "denied", "pulled", "warned",
        "urged", "demanded", "called", "agreed", "announced", "refused",
        "insisted", "threatened", "condemned", "criticized", "criticised",
        "vowed", "claimed", "responded", "suspended", "canceled", "cancelled",
        "hit", "struck", "sent", "did", "does", NULL};
    for (int k = 0; v[k]; k++)
        if (word_is(t, &w[j], v[k])) return 1;
    /* a past tense ("viewed", "canceled") */
    size_t L = w[j].e - w[j].s;
    return L > 4 && t[w[j].e - 2] == 'e' && t[w[j].e - 1] == 'd';
}

/* The places of t[0, len): into *out (arena), their count returned. A
 * dateline is read as a dateline: every name there is where the article
 * was written, capitals and small towns included. */
static size_t find_places(const dyad_gazetteer *g, dyad_doc *doc, const char *t, size_t len,
                          int dateline, dyad_place **out_places)
{
    *out_places = NULL;
    size_t n;
    gword *w = words(doc->arena, t, len, &n);
    size_t cap = 16, nm = 0;
    gmention *m = dyad_alloc(doc->arena, cap * sizeof *m);
    char key[256];
    for (size_t i = 0; i < n; i++) {
        if (!w[i].alpha || !w[i].cap) continue;
        /* longest name starting here, up to six words */
        long best = -1;
        size_t bj = 0;
        for (size_t j = i + 1; j <= n && j <= i + 6; j++) {
            if (j > i + 1 && w[j - 1].s > w[j - 2].e + 1) break; /* line breaks, gaps */
            if (w[j - 1].punct && w[j - 1].punct != '-') break;
            long k = lookup(g, t, w, i, j, key, sizeof key);
            if (k >= 0 && !w[j - 1].punct) { best = k; bj = j; }
            if (!w[j - 1].punct && !is_prefix(g, key)) break;
        }
        if (best < 0) continue;
        /* the whole capitalised run must be this name */
        if (i > 0 && w[i - 1].alpha && w[i - 1].cap && !function_word(t, &w[i - 1]) &&
            w[i - 1].e + 2 >= w[i].s)
            continue;
        if (i > 0 && w[i - 1].punct == '-' && i > 1 && w[i - 2].alpha && w[i - 2].e == w[i - 1].s)
            continue; /* "US-China" */
        if (bj < n && w[bj].alpha && w[bj].cap && w[bj].s <= w[bj - 1].e + 1) { i = bj - 1; continue; }
        if (bj < n && w[bj].punct == '-' && bj + 1 < n && w[bj + 1].alpha && w[bj + 1].s == w[bj].e) {
            i = bj;
            continue;
        }
        const gkey *k0 = &g->keys[best];
        if (stop_name(k0->key)) continue;
        long k1 = best;
        while ((size_t)k1 < g->nkeys && !strcmp(g->keys[k1].key, k0->key)) k1++;
        /* a name written in capitals ("US") must be capitals in the text */
        int all = 1;
        for (long k = best; k < k1; k++) if (!g->keys[k].allcaps) all = 0;
        if (all) {
            int caps = 1;
            for (size_t q = i; q < bj; q++) if (w[q].alpha && !w[q].allcaps) caps = 0;
            if (!caps) continue;
        }
        if (nm == cap) { m = dyad_grow(doc->arena, m, nm, cap * 2, sizeof *m); cap *= 2; }
        gmention *x = &m[nm++];
        x->s = w[i].s;
        x->e = w[bj - 1].e;
        x->w0 = i;
        x->w1 = bj;
        x->k0 = best;
        x->k1 = k1;
        x->pick = -1;
        x->within = -1;
        i = bj - 1;
    }
    if (!nm) return 0;
    /* what the article is about: the share of each country among the
     * names with one meaning (countries come first in the gazetteer) */
    size_t ncountry = 0;
    while (ncountry < g->ne && g->e[ncountry].kind == G_COUNTRY) ncountry++;
    double *ctx = dyad_alloc(doc->arena, (ncountry + 1) * sizeof *ctx);
    double total = 0;
    for (size_t i = 0; i < nm; i++) {
        /* the reading that wins without context, if it wins clearly over
         * every reading in another country ("Atlanta" but not "Georgia") */
        const gentry *best = NULL;
        double bs = -1e9, other = -1e9;
        for (long k = m[i].k0; k < m[i].k1; k++) {
            const gentry *e = &g->e[g->keys[k].entry];
            double s = score(e, ctx, NULL, 1);
            if (s > bs) {
                if (best && strcmp(best->iso3, e->iso3) && bs > other) other = bs;
                bs = s;
                best = e;
            } else if (strcmp(best->iso3, e->iso3) && s > other) {
                other = s;
            }
        }
        if (!best || bs - other <= 300) continue;
        if (best->country >= 0 && (size_t)best->country < ncountry) { ctx[best->country] += 1; total += 1; }
    }
    for (size_t c = 0; c < ncountry && total > 0; c++) ctx[c] /= total;
    /* "Town, Region": the second name contains the first */
    for (size_t i = 0; i + 1 < nm; i++) {
        size_t a = m[i].w1;
        if (a < n && w[a].punct == ',' && m[i + 1].w0 == a + 1) {
            /* the container: its region or country reading */
            for (long k = m[i + 1].k0; k < m[i + 1].k1; k++) {
                const gentry *e = &g->e[g->keys[k].entry];
                if (e->kind == G_REGION || e->kind == G_COUNTRY) { m[i].within = (int)g->keys[k].entry; break; }
            }
        }
    }
    size_t np = 0;
    dyad_place *out = dyad_alloc(doc->arena, nm * sizeof *out);
    size_t sent = 0;
    for (size_t i = 0; i < nm; i++) {
        gmention *x = &m[i];
        int loc = dateline || (x->w0 > 0 && w[x->w0 - 1].alpha && locative(t, &w[x->w0 - 1]));
        const gentry *within = x->within >= 0 ? &g->e[x->within] : NULL;
        /* the country first (context counts here), then the best reading
         * inside it on its own merits: context must not turn the city of
         * Beijing into the province */
        double bs = -1e9;
        const char *iso3 = NULL;
        for (long k = x->k0; k < x->k1; k++) {
            const gentry *e = &g->e[g->keys[k].entry];
            double s = score(e, ctx, within, loc);
            if (s > bs) { bs = s; iso3 = e->iso3; }
        }
        bs = -1e9;
        for (long k = x->k0; k < x->k1; k++) {
            const gentry *e = &g->e[g->keys[k].entry];
            if (strcmp(e->iso3, iso3)) continue;
            double s = score(e, NULL, within, loc);
            /* a big city over the region named after it ("Geneva",
             * "New York"); regions are chosen when no such city is known */
            if (e->kind == G_REGION) s -= !strcmp(e->iso3, "USA") ? 300 : 150;
            if (s > bs) { bs = s; x->pick = (int)g->keys[k].entry; }
        }
        if (x->pick < 0) continue;
        const gentry *e = &g->e[x->pick];
        /* small towns need a locative word or a container */
        if (e->kind == G_PLACE && e->pop < 100000 && e->rank < 2 && !loc && !within) continue;
        /* a capital stands for its government unless the text puts
         * something in it ("the talks in Beijing"); with a parse, a capital
         * that is a subject is an actor even after "in" */
        if (e->kind == G_PLACE && e->rank == 2 && !loc) continue;
        if (e->kind == G_PLACE && e->rank == 2 && !dateline) {
            int subj = 0;
            size_t wi = x->w1;
            if (doc->ntokens && doc->tokens[0].head >= 0) {
                for (size_t q = 0; q < doc->ntokens; q++) {
                    const dyad_token *tk = &doc->tokens[q];
                    if (tk->start >= x->s && tk->end <= x->e && tk->deprel &&
                        !strncmp(tk->deprel, "nsubj", 5))
                        subj = 1;
                }
            } else {
                subj = verb_follows(t, w, wi, n) && x->w0 > 1 && w[x->w0 - 2].punct == ',';
            }
            if (subj) continue;
        }
        while (!dateline && sent + 1 < doc->nsentences && doc->sentences[sent + 1].start <= x->s) sent++;
        dyad_place *p = &out[np++];
        p->start = x->s;
        p->end = x->e;
        p->sent = (uint32_t)sent;
        fill(doc->arena, e, t, x->s, x->e, &p->loc, g);
    }
    *out_places = out;
    return np;
}

dyad_status dyad_places(const dyad_gazetteer *g, dyad_doc *doc, dyad_error *err)
{
    (void)err;
    doc->places = NULL;
    doc->nplaces = 0;
    doc->has_dateline_place = 0;
    if (!g) return DYAD_OK;
    if (doc->text && doc->text_len)
        doc->nplaces = find_places(g, doc, doc->text, doc->text_len, 0, &doc->places);
    if (doc->dateline && *doc->dateline) {
        dyad_place *dp;
        /* the most specific name: "Paris, Texas" is Paris */
        if (find_places(g, doc, doc->dateline, strlen(doc->dateline), 1, &dp)) {
            doc->dateline_place = dp[0].loc;
            doc->has_dateline_place = 1;
        }
    }
    return DYAD_OK;
}
