/* dedup.c — exact and near-duplicate articles.
 *
 * Exact: XXH3-64 of the normalised body (lower-cased words, one space
 * apart), so whitespace, case and punctuation changes still match.
 * Near: the same wire story republished with other chrome, a changed
 * headline or a trimmed paragraph. Each article gets a MinHash signature
 * over its 5-word shingles; LSH bands (table lsh) find candidates in
 * constant time per band; the signature estimate screens them; the true
 * Jaccard and containment of the shingle sets, recomputed from both texts,
 * decide. Only verified pairs are called duplicates. */
#include "store.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

/* Verified thresholds: Jaccard 0.7 keeps a republished story with a few
 * lines of leftover chrome or one trimmed paragraph out of eight; the
 * containment rule keeps a story cut to its first half (the smaller text
 * must be at least half the larger, so a short item quoted in a long
 * round-up is not called a copy). */
#define NEAR_JACCARD 0.7
#define NEAR_CONTAIN 0.9
#define NEAR_RATIO 0.5
/* Signature-estimated Jaccard below which a candidate is not verified; the
 * containment case (ratio 0.5, containment 0.9) has Jaccard >= 0.43. */
#define SCREEN_JACCARD 0.3
#define MAX_VERIFY 16

size_t dedup_normalise(const char *text, size_t n, dyad_buf *b)
{
    dyad_buf_reset(b);
    size_t i = 0, words = 0;
    int inword = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                              (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0) { i++; continue; }      /* reader already repaired UTF-8 */
        i += (size_t)k;
        utf8proc_category_t cat = utf8proc_category(c);
        int alnum = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ||
                    (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME && inword);
        if (!alnum) { inword = 0; continue; }
        if (!inword) {
            if (words) dyad_buf_putc(b, ' ');
            words++;
            inword = 1;
        }
        utf8proc_uint8_t out[4];
        utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(c), out);
        dyad_buf_put(b, (const char *)out, (size_t)m);
    }
    if (!b->s) dyad_buf_put(b, "", 0);
    return words;
}

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33; x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Hashes of the shingles of a normalised text, sorted and unique. */
static uint64_t *shingles(const char *s, size_t len, size_t *count)
{
    size_t nw = 0;
    for (size_t i = 0; i < len; i++) if (s[i] == ' ') nw++;
    if (len) nw++;
    size_t *start = malloc((nw + 1) * sizeof *start);
    size_t w = 0;
    if (len) start[w++] = 0;
    for (size_t i = 0; i < len; i++) if (s[i] == ' ') start[w++] = i + 1;
    start[nw] = len + 1;               /* one past the last word's end */
    size_t nsh = nw >= DEDUP_SHINGLE ? nw - DEDUP_SHINGLE + 1 : (nw ? 1 : 0);
    uint64_t *h = malloc((nsh ? nsh : 1) * sizeof *h);
    for (size_t i = 0; i < nsh; i++) {
        size_t last = i + DEDUP_SHINGLE < nw ? i + DEDUP_SHINGLE : nw;
        h[i] = XXH3_64bits(s + start[i], start[last] - 1 - start[i]);
    }
    free(start);
    /* sort + unique: the sets are compared by merging */
    qsort(h, nsh, sizeof *h, cmp_u64);
    size_t u = 0;
    for (size_t i = 0; i < nsh; i++) if (!u || h[u - 1] != h[i]) h[u++] = h[i];
    *count = u;
    return h;
}

/* Fixed per-row seeds: signatures must be the same in every run and
 * every process that shares the database. */
static uint64_t seed_table[DEDUP_K];
static pthread_once_t seed_once = PTHREAD_ONCE_INIT;

static void seed_init(void)
{
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    for (int k = 0; k < DEDUP_K; k++) seed_table[k] = mix64(x += 0x9e3779b97f4a7c15ULL);
}

static const uint64_t *seeds(void)
{
    pthread_once(&seed_once, seed_init);
    return seed_table;
}

void dedup_fingerprint(const char *text, size_t n, dedup_print *fp)
{
    dyad_buf b = {0};
    fp->nwords = dedup_normalise(text, n, &b);
    fp->hash = XXH3_64bits(b.s, b.len);
    size_t nsh;
    uint64_t *h = shingles(b.s, b.len, &nsh);
    const uint64_t *sd = seeds();
    uint64_t mins[DEDUP_K];
    for (int k = 0; k < DEDUP_K; k++) mins[k] = UINT64_MAX;
    for (size_t i = 0; i < nsh; i++)
        for (int k = 0; k < DEDUP_K; k++) {
            uint64_t v = mix64(h[i] ^ sd[k]);
            if (v < mins[k]) mins[k] = v;
        }
    for (int k = 0; k < DEDUP_K; k++) fp->sig[k] = (uint32_t)mins[k];
    for (int j = 0; j < DEDUP_BANDS; j++)
        fp->band[j] = XXH3_64bits_withSeed(mins + j * DEDUP_ROWS,
                                           DEDUP_ROWS * sizeof *mins, (uint64_t)j);
    free(h);
    dyad_buf_free(&b);
}

/* True overlap of two texts' shingle sets. */
static void overlap(const char *a, size_t na, const char *b, size_t nb,
                    double *jaccard, double *contain, double *ratio)
{
    dyad_buf x = {0}, y = {0};
    dedup_normalise(a, na, &x);
    dedup_normalise(b, nb, &y);
    size_t n1, n2, both = 0;
    uint64_t *s1 = shingles(x.s, x.len, &n1), *s2 = shingles(y.s, y.len, &n2);
    for (size_t i = 0, j = 0; i < n1 && j < n2;) {
        if (s1[i] == s2[j]) { both++; i++; j++; }
        else if (s1[i] < s2[j]) i++;
        else j++;
    }
    size_t uni = n1 + n2 - both, small = n1 < n2 ? n1 : n2, big = n1 < n2 ? n2 : n1;
    *jaccard = uni ? (double)both / (double)uni : 1.0;
    *contain = small ? (double)both / (double)small : 0.0;
    *ratio = big ? (double)small / (double)big : 1.0;
    free(s1);
    free(s2);
    dyad_buf_free(&x);
    dyad_buf_free(&y);
}

typedef struct { int64_t id; int bands; } cand;

static int by_bands(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->bands != y->bands) return y->bands - x->bands;
    return x->id < y->id ? -1 : x->id > y->id;
}

int dedup_find(sqlite3 *db, const dedup_print *fp, const char *text, size_t n,
               dedup_match *m)
{
    memset(m, 0, sizeof *m);
    if (fp->nwords == 0) return SQLITE_OK;   /* empty bodies are not copies */
    sqlite3_stmt *q;
    int rc;
    /* exact: the first stored copy of this text (its original) */
    rc = sqlite3_prepare_v2(db,
        "SELECT coalesce(duplicate_of, id) FROM articles WHERE hash = ?1 "
        "ORDER BY id LIMIT 1", -1, &q, NULL);
    if (rc) return rc;
    sqlite3_bind_int64(q, 1, (sqlite3_int64)fp->hash);
    if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        m->of = sqlite3_column_int64(q, 0);
        m->similarity = m->containment = 1.0;
        m->kind = "exact";
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return rc;
    if (m->of || fp->nwords < DEDUP_SHINGLE * 2) return SQLITE_OK;

    /* near: candidates sharing a band */
    cand *c = NULL;
    size_t nc = 0, cap = 0;
    rc = sqlite3_prepare_v2(db, "SELECT article FROM lsh WHERE band = ?1 AND hash = ?2",
                            -1, &q, NULL);
    if (rc) return rc;
    for (int j = 0; j < DEDUP_BANDS; j++) {
        sqlite3_bind_int(q, 1, j);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)fp->band[j]);
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
            int64_t id = sqlite3_column_int64(q, 0);
            size_t i;
            for (i = 0; i < nc && c[i].id != id; i++) {}
            if (i < nc) { c[i].bands++; continue; }
            if (nc == cap) c = realloc(c, (cap = cap ? cap * 2 : 16) * sizeof *c);
            c[nc].id = id;
            c[nc++].bands = 1;
        }
        sqlite3_reset(q);
        if (rc != SQLITE_DONE) break;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) { free(c); return rc; }
    rc = SQLITE_OK;
    if (nc == 0) { free(c); return rc; }
    qsort(c, nc, sizeof *c, by_bands);

    rc = sqlite3_prepare_v2(db,
        "SELECT sig, text, coalesce(duplicate_of, id) FROM articles WHERE id = ?1",
        -1, &q, NULL);
    if (rc) { free(c); return rc; }
    double best = 0;
    for (size_t i = 0; i < nc && i < MAX_VERIFY; i++) {
        sqlite3_bind_int64(q, 1, c[i].id);
        if ((rc = sqlite3_step(q)) != SQLITE_ROW) {
            sqlite3_reset(q);
            if (rc == SQLITE_DONE) continue;
            break;
        }
        rc = SQLITE_OK;
        const uint32_t *sig = sqlite3_column_blob(q, 0);
        if (sig && sqlite3_column_bytes(q, 0) == (int)sizeof fp->sig) {
            int same = 0;
            for (int k = 0; k < DEDUP_K; k++) same += sig[k] == fp->sig[k];
            if ((double)same / DEDUP_K < SCREEN_JACCARD) { sqlite3_reset(q); continue; }
        }
        const char *t = (const char *)sqlite3_column_text(q, 1);
        size_t tn = (size_t)sqlite3_column_bytes(q, 1);
        double jac, con, ratio;
        overlap(text, n, t ? t : "", t ? tn : 0, &jac, &con, &ratio);
        int dup = jac >= NEAR_JACCARD || (con >= NEAR_CONTAIN && ratio >= NEAR_RATIO);
        if (dup && jac > best) {
            best = jac;
            m->of = sqlite3_column_int64(q, 2);
            m->similarity = jac;
            m->containment = con;
            m->kind = "near";
        }
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    free(c);
    return rc;
}

int dedup_index(sqlite3 *db, int64_t article, const dedup_print *fp)
{
    if (fp->nwords < DEDUP_SHINGLE * 2) return SQLITE_OK;
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(db,
        "INSERT OR IGNORE INTO lsh(band, hash, article) VALUES (?1, ?2, ?3)",
        -1, &q, NULL);
    if (rc) return rc;
    for (int j = 0; j < DEDUP_BANDS && rc == SQLITE_OK; j++) {
        sqlite3_bind_int(q, 1, j);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)fp->band[j]);
        sqlite3_bind_int64(q, 3, article);
        rc = sqlite3_step(q);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    return rc;
}
