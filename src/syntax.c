/* syntax.c — the syntax stage: loads the tagger, parser and lexicon models
 * (linked into the binary, or from a directory for training runs) and runs
 * them over every sentence of a document. Models are read-only after load;
 * all scratch memory comes from the document's arena, so one dyad_syntax
 * serves any number of threads. */
#include "syntax.h"

#include <errno.h>
#include <math.h>
#include <ctype.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>
#include <sys/mman.h>
#include <xxhash.h>

uint64_t str_hash(const char *s, size_t n) { return XXH3_64bits(s, n); }

/* ---- averaged-perceptron models ---- */

/* The parser's table is ~45 MB read at random: on 2 MB pages it costs a
 * TLB miss less per feature and a few hundred page faults instead of
 * ten thousand at load. Where transparent huge pages are off this is an
 * ordinary allocation. */
#define HUGE_PAGE ((size_t)2 << 20)
static void *table_alloc(size_t bytes)
{
    if (bytes < HUGE_PAGE) return aligned_alloc(64, (bytes + 63) & ~(size_t)63);
    bytes = (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    void *p = aligned_alloc(HUGE_PAGE, bytes);
#ifdef MADV_HUGEPAGE
    if (p) madvise(p, bytes, MADV_HUGEPAGE);
#endif
    return p;
}

/* A key's home: the first slot of its bucket of AP_PROBE slots, one cache
 * line. */
static inline uint32_t ap_home(const ap_model *m, uint32_t key)
{
    return (uint32_t)(((uint64_t)key * m->nhome) >> 32) * AP_PROBE;
}

/* The next key of the LEB128 delta stream; 0 when malformed. */
static uint32_t next_key(const uint8_t **keys, const uint8_t *kend, uint64_t prev, int first)
{
    uint64_t delta = 0;
    for (int shift = 0;; shift += 7) {
        if (*keys >= kend || shift > 28) return 0;
        uint8_t c = *(*keys)++;
        delta |= (uint64_t)(c & 127) << shift;
        if (!(c & 128)) break;
    }
    uint64_t key = prev + delta;
    if (!key || key > UINT32_MAX || (!first && !delta)) return 0;
    return (uint32_t)key;
}

/* Where class c's code sits in a dense row: see decode64. */
static inline uint32_t dense_pos(uint32_t c)
{
    uint32_t j = c % 64 / 16, k = c % 16;
    return (c & ~63u) + k / 4 * 16 + j * 4 + k % 4;
}

/* Where a row of n > AP_INLINE weights goes in ap_model.rows when the
 * previous one ends at off: a row that fits in a cache line does not
 * cross one (one miss reads it). */
static inline uint64_t long_at(uint64_t off, uint32_t n)
{
    if (2 * n <= 64 && off % 64 + 2 * n > 64) off = (off + 63) & ~(uint64_t)63;
    return off;
}

int ap_model_open(ap_model *m, const char *buf, size_t len)
{
    memset(m, 0, sizeof *m);
    if (len < 36 || memcmp(buf, "DYADAP03", 8)) return -1;
    uint32_t h[5];
    float wmin, step;
    memcpy(h, buf + 8, sizeof h);
    memcpy(&wmin, buf + 28, sizeof wmin);
    memcpy(&step, buf + 32, sizeof step);
    uint32_t nrows = h[1], names_len = h[3], keys_len = h[4];
    m->nclasses = h[0], m->nrows = nrows, m->nweights = h[2];
    if (!m->nclasses || m->nclasses > AP_MAX_CLASSES || !names_len || !(step >= 0) ||
        !(step < 1) || !(wmin > 0) || nrows > UINT32_MAX / 2)
        return -1;
    size_t need = 36 + (size_t)keys_len + nrows + (size_t)m->nweights * 2 + names_len;
    if (need != len || buf[len - 1]) return -1;
    const uint8_t *keys0 = (const uint8_t *)buf + 36, *kend = keys0 + keys_len;
    const uint8_t *cnt = kend, *cls = cnt + nrows;
    const int8_t *q = (const int8_t *)(cls + m->nweights);
    const char *names = (const char *)(q + m->nweights);
    for (int k = 1; k < 128; k++) {
        m->level[k] = wmin * expf((float)(k - 1) * step);
        m->level[256 - k] = -m->level[k];
    }
    for (int k = 0; k < 128; k++) {
        uint32_t bits;
        memcpy(&bits, &m->level[k], sizeof bits);
        for (int b = 0; b < 4; b++) m->planes[128 * b + k] = (uint8_t)(bits >> (8 * b));
    }
    for (uint32_t i = 0; i < m->nweights; i++)
        if (q[i] == 0 || q[i] == -128 || cls[i] >= m->nclasses) return -1;

    /* A load factor of 3/4 keeps searches within one or two cache lines. */
    m->nhome = (nrows + nrows / 3) / AP_PROBE + 1;
    /* a dense row is one code a class, in whole cache lines */
    m->dstride = (m->nclasses + 63) & ~63u;
    /* first pass: check the keys and rows, find the table's extent */
    const uint8_t *keys = keys0;
    uint64_t key = 0, woff = 0, nlong = 0, ndense = 0;
    int64_t pos = -1;
    for (uint32_t r = 0; r < nrows; r++) {
        if (!(key = next_key(&keys, kend, key, r == 0))) return -1;
        uint32_t n = cnt[r] + 1u;
        if (woff + n > m->nweights) return -1;
        if (n > AP_INLINE) nlong = long_at(nlong, n) + 2 * n;
        if (n >= AP_DENSE) ndense++;
        woff += n;
        int64_t home = ap_home(m, (uint32_t)key);
        pos = home > pos ? home : pos + 1;
    }
    if (woff != m->nweights || keys != kend || nlong > UINT32_MAX) return -1;
    m->nslots = (size_t)(pos + 1 > (int64_t)m->nhome * AP_PROBE ? pos + 1 : m->nhome * AP_PROBE) +
                AP_PROBE;
    m->slots = table_alloc(m->nslots * sizeof *m->slots);
    m->rows = table_alloc(nlong + 1);
    m->dense = table_alloc((ndense + 1) * m->dstride);
    m->names = malloc(m->nclasses * sizeof *m->names);
    m->namebuf = malloc(names_len);
    if (!m->slots || !m->rows || !m->dense || !m->names || !m->namebuf) return -1;

    /* second pass: fill in ascending key order, so writes are sequential */
    keys = keys0, key = 0, woff = 0, pos = -1;
    uint64_t loff = 0;
    uint32_t nd = 0;
    size_t filled = 0;
    for (uint32_t r = 0; r < nrows; r++) {
        key = next_key(&keys, kend, key, r == 0);
        uint32_t n = cnt[r] + 1u;
        int64_t home = ap_home(m, (uint32_t)key);
        pos = home > pos ? home : pos + 1;
        for (; filled < (size_t)pos; filled++) m->slots[filled] = (ap_slot){.key = AP_EMPTY};
        ap_slot *s = &m->slots[filled++];
        *s = (ap_slot){.key = (uint32_t)key, .n = (uint16_t)n};
        const uint8_t *rc = cls + woff;
        const int8_t *rq = q + woff;
        woff += n;
        if (n <= AP_INLINE) {
            memcpy(s->in, rc, n);
            memcpy(s->in + AP_INLINE, rq, n);
            continue;
        }
        loff = long_at(loff, n);
        uint32_t off = (uint32_t)loff;
        memcpy(s->in, &off, sizeof off);
        memcpy(m->rows + loff, rc, n);
        memcpy(m->rows + loff + n, rq, n);
        loff += 2 * n;
        if (n < AP_DENSE) continue;
        /* a class twice in a row (a hand-made file) must be added twice */
        uint8_t *d = m->dense + (size_t)nd * m->dstride;
        memset(d, 0, m->dstride);
        uint64_t seen[AP_MAX_CLASSES / 64] = {0};
        int twice = 0;
        for (uint32_t j = 0; j < n; j++) {
            twice |= (int)(seen[rc[j] / 64] >> (rc[j] % 64)) & 1;
            seen[rc[j] / 64] |= 1ULL << (rc[j] % 64);
            d[dense_pos(rc[j])] = (uint8_t)rq[j];
        }
        if (twice) continue;
        memcpy(s->in + 4, &nd, sizeof nd);
        s->n |= AP_DENSE_ROW;
        nd++;
    }
    m->ndense = nd;
    for (; filled < m->nslots; filled++) m->slots[filled] = (ap_slot){.key = AP_EMPTY};
    ap_model_set_isa(m, AP_ISA_BEST);

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
    free(m->rows);
    free(m->dense);
    free(m->fdense);
    free(m->names);
    free(m->namebuf);
    memset(m, 0, sizeof *m);
}

static inline uint32_t slot_u32(const ap_slot *s, int at)
{
    uint32_t v;
    memcpy(&v, s->in + at, sizeof v);
    return v;
}

/* Dense rows hold the file's weight codes, one byte a class (0 for a
 * class the row lacks: level[0] is +0.0): a quarter of the cache lines of
 * floats, which is what the parser's frequent features cost. They are
 * decoded through the 256-entry level table. The rows found are added in
 * feature order; every way below adds, to each class, the same floats in
 * that order. */

/* The row of a sparse slot: scores[c] += its weights. */
static inline void add_sparse(const ap_model *m, const ap_slot *s, float *scores)
{
    const uint8_t *c = s->in;
    const int8_t *q = (const int8_t *)s->in + AP_INLINE;
    if (s->n > AP_INLINE)
        c = m->rows + slot_u32(s, 0), q = (const int8_t *)m->rows + slot_u32(s, 0) + s->n;
    for (uint32_t j = 0; j < s->n; j++) scores[c[j]] += m->level[(uint8_t)q[j]];
}

static void add_hits_plain(const ap_model *m, const ap_slot *const *hit, int nh, float *scores)
{
    for (int k = 0; k < nh; k++) {
        const ap_slot *s = hit[k];
        if (!(s->n & AP_DENSE_ROW)) {
            add_sparse(m, s, scores);
            continue;
        }
        const uint8_t *d = m->dense + (size_t)slot_u32(s, 4) * m->dstride;
        for (uint32_t c = 0; c < m->nclasses; c++) scores[c] += m->level[d[dense_pos(c)]];
    }
}

/* Without VBMI's byte permutes, decoding costs more than it saves: the
 * dense rows are then made floats (in class order) once, and added as
 * before the codes, sixteen or four classes at a time. */
typedef float ap_v16 __attribute__((vector_size(64)));
typedef float ap_v4 __attribute__((vector_size(16)));

static inline void add_floats(float *scores, const float *d, uint32_t n)
{
    uint32_t c = 0;
    for (; c + 16 <= n; c += 16) {
        ap_v16 a, b;
        memcpy(&a, scores + c, sizeof a);
        memcpy(&b, d + c, sizeof b);
        a += b;
        memcpy(scores + c, &a, sizeof a);
    }
    for (; c + 4 <= n; c += 4) {
        ap_v4 a, b;
        memcpy(&a, scores + c, sizeof a);
        memcpy(&b, d + c, sizeof b);
        a += b;
        memcpy(scores + c, &a, sizeof a);
    }
    for (; c < n; c++) scores[c] += d[c];
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
static void add_hits_float(const ap_model *m, const ap_slot *const *hit, int nh, float *scores)
{
    for (int k = 0; k < nh; k++) {
        const ap_slot *s = hit[k];
        if (s->n & AP_DENSE_ROW)
            add_floats(scores, m->fdense + (size_t)slot_u32(s, 4) * m->fstride, m->nclasses);
        else
            add_sparse(m, s, scores);
    }
}

static int make_float_rows(ap_model *m)
{
    if (m->fdense) return 0;
    m->fstride = (m->nclasses + 15) & ~15u;
    m->fdense = table_alloc(((size_t)m->ndense + 1) * m->fstride * sizeof *m->fdense);
    if (!m->fdense) return -1;
    for (uint32_t r = 0; r < m->ndense; r++) {
        float *f = m->fdense + (size_t)r * m->fstride;
        const uint8_t *d = m->dense + (size_t)r * m->dstride;
        memset(f, 0, m->fstride * sizeof *f);
        for (uint32_t c = 0; c < m->nclasses; c++) f[c] = m->level[d[dense_pos(c)]];
    }
    return 0;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define AP_X86 1

/* AVX-512 (with VBMI's byte permutes) keeps the scores in registers
 * across a run of dense rows and decodes 64 codes at once: the table is
 * symmetric (level[256 - k] = -level[k], level[0] = +0.0), so each byte of
 * the magnitudes of codes 0..127 is a 128-byte table in two registers
 * (planes); four byte permutes look up the four bytes of 64 magnitudes,
 * the code's sign bit is copied onto the top byte (negation is exact, so
 * these are the table's floats), and byte and word unpacks put them
 * together as floats. The unpacks work within 128-bit lanes: the codes are
 * stored in the order (dense_pos) that makes the floats come out in class
 * order. */
__attribute__((target("avx512f,avx512bw,avx512vbmi"), always_inline)) static inline void
decode64(const __m512i *tb, const uint8_t *codes, __m512 *out)
{
    __m512i x = _mm512_loadu_si512((const void *)codes);
    __m512i a = _mm512_abs_epi8(x);
    __m512i p0 = _mm512_permutex2var_epi8(tb[0], a, tb[1]);
    __m512i p1 = _mm512_permutex2var_epi8(tb[2], a, tb[3]);
    __m512i p2 = _mm512_permutex2var_epi8(tb[4], a, tb[5]);
    __m512i p3 = _mm512_permutex2var_epi8(tb[6], a, tb[7]);
    /* p3 | (x & 0x80): ternary-logic table 0xF8 is A | (B & C) */
    p3 = _mm512_ternarylogic_epi32(p3, x, _mm512_set1_epi8((char)0x80), 0xF8);
    __m512i lo01 = _mm512_unpacklo_epi8(p0, p1), hi01 = _mm512_unpackhi_epi8(p0, p1);
    __m512i lo23 = _mm512_unpacklo_epi8(p2, p3), hi23 = _mm512_unpackhi_epi8(p2, p3);
    out[0] = _mm512_castsi512_ps(_mm512_unpacklo_epi16(lo01, lo23));
    out[1] = _mm512_castsi512_ps(_mm512_unpackhi_epi16(lo01, lo23));
    out[2] = _mm512_castsi512_ps(_mm512_unpacklo_epi16(hi01, hi23));
    out[3] = _mm512_castsi512_ps(_mm512_unpackhi_epi16(hi01, hi23));
}

/* NV vectors of sixteen classes (a compile-time count, so that the
 * accumulators stay in registers); lanes past nclasses are never stored. */
__attribute__((target("avx512f,avx512bw,avx512vbmi"), always_inline)) static inline void
add_hits_v(const ap_model *m, const ap_slot *const *hit, int nh, float *scores, const int NV)
{
    __m512i tb[8];
    __m512 acc[8];
    _Pragma("GCC unroll 8") for (int k = 0; k < 8; k++)
        tb[k] = _mm512_loadu_si512((const void *)(m->planes + 64 * k));
    uint32_t n = m->nclasses;
    __mmask16 last = (__mmask16)(n % 16 ? (1u << (n % 16)) - 1 : 0xFFFF);
    int loaded = 0;
    for (int k = 0; k < nh; k++) {
        const ap_slot *s = hit[k];
        if (!(s->n & AP_DENSE_ROW)) {
            if (loaded) {
                _Pragma("GCC unroll 8") for (int v = 0; v < NV - 1; v++)
                    _mm512_storeu_ps(scores + 16 * v, acc[v]);
                _mm512_mask_storeu_ps(scores + 16 * (NV - 1), last, acc[NV - 1]);
                loaded = 0;
            }
            add_sparse(m, s, scores);
            continue;
        }
        if (!loaded) {
            _Pragma("GCC unroll 8") for (int v = 0; v < NV - 1; v++)
                acc[v] = _mm512_loadu_ps(scores + 16 * v);
            acc[NV - 1] = _mm512_maskz_loadu_ps(last, scores + 16 * (NV - 1));
            loaded = 1;
        }
        const uint8_t *d = m->dense + (size_t)slot_u32(s, 4) * m->dstride;
        _Pragma("GCC unroll 2") for (int ch = 0; ch < (NV + 3) / 4; ch++) {
            __m512 w[4];
            decode64(tb, d + 64 * ch, w);
            _Pragma("GCC unroll 4") for (int j = 0; j < 4; j++)
                if (4 * ch + j < NV) acc[4 * ch + j] = _mm512_add_ps(acc[4 * ch + j], w[j]);
        }
    }
    if (loaded) {
        _Pragma("GCC unroll 8") for (int v = 0; v < NV - 1; v++)
            _mm512_storeu_ps(scores + 16 * v, acc[v]);
        _mm512_mask_storeu_ps(scores + 16 * (NV - 1), last, acc[NV - 1]);
    }
}

__attribute__((target("avx512f,avx512bw,avx512vbmi"))) static void add_hits_vbmi(
    const ap_model *m, const ap_slot *const *hit, int nh, float *scores)
{
    switch ((m->nclasses + 15) / 16) {
    case 1: add_hits_v(m, hit, nh, scores, 1); break;
    case 2: add_hits_v(m, hit, nh, scores, 2); break;
    case 3: add_hits_v(m, hit, nh, scores, 3); break;
    case 4: add_hits_v(m, hit, nh, scores, 4); break;
    case 5: add_hits_v(m, hit, nh, scores, 5); break;
    case 6: add_hits_v(m, hit, nh, scores, 6); break;
    case 7: add_hits_v(m, hit, nh, scores, 7); break;
    case 8: add_hits_v(m, hit, nh, scores, 8); break;
    default: add_hits_plain(m, hit, nh, scores);
    }
}
#endif

/* The first class of the highest score among the valid ones (bit c of
 * valid[c / 64]; NULL: all), as a scan with ">" finds it: scores are
 * never NaN, so the first class equal to the maximum. */
static uint32_t argmax_plain(const float *sc, const uint64_t *valid, uint32_t n)
{
    uint32_t best = UINT32_MAX;
    for (uint32_t c = 0; c < n; c++)
        if ((!valid || (valid[c / 64] >> (c % 64) & 1)) && (best == UINT32_MAX || sc[c] > sc[best]))
            best = c;
    return best;
}

#ifdef AP_X86
__attribute__((target("avx512f"))) static uint32_t argmax_avx512(const float *sc,
                                                                 const uint64_t *valid, uint32_t n)
{
    __m512 mx = _mm512_set1_ps(-INFINITY);
    __mmask16 any = 0;
    for (uint32_t c = 0; c < n; c += 16) {
        __mmask16 k = (__mmask16)(n - c >= 16 ? 0xFFFF : (1u << (n - c)) - 1);
        if (valid) k &= (__mmask16)(valid[c / 64] >> (c % 64));
        any |= k;
        mx = _mm512_mask_max_ps(mx, k, mx, _mm512_maskz_loadu_ps(k, sc + c));
    }
    if (!any) return UINT32_MAX;
    __m512 top = _mm512_set1_ps(_mm512_reduce_max_ps(mx));
    for (uint32_t c = 0; c < n; c += 16) {
        __mmask16 k = (__mmask16)(n - c >= 16 ? 0xFFFF : (1u << (n - c)) - 1);
        if (valid) k &= (__mmask16)(valid[c / 64] >> (c % 64));
        __mmask16 eq = _mm512_mask_cmp_ps_mask(k, _mm512_maskz_loadu_ps(k, sc + c), top, _CMP_EQ_OQ);
        if (eq) return c + (uint32_t)__builtin_ctz(eq);
    }
    return UINT32_MAX;
}
#endif

uint32_t ap_argmax(const ap_model *m, const float *sc, const uint64_t *valid)
{
#ifdef AP_X86
    if (m->isa == AP_ISA_VBMI) return argmax_avx512(sc, valid, m->nclasses);
#endif
    return argmax_plain(sc, valid, m->nclasses);
}

int ap_model_set_isa(ap_model *m, int isa)
{
    if (isa == AP_ISA_BEST) {
        for (isa = AP_ISA_VBMI; isa > AP_ISA_PLAIN; isa--)
            if (!ap_model_set_isa(m, isa)) return 0;
        isa = AP_ISA_PLAIN;
    }
    switch (isa) {
    case AP_ISA_PLAIN: m->add_hits = add_hits_plain, m->isa = isa; return 0;
    case AP_ISA_FLOAT:
        if (make_float_rows(m)) return -1;
        m->add_hits = add_hits_float, m->isa = isa;
        return 0;
#ifdef AP_X86
    case AP_ISA_VBMI:
        if (!__builtin_cpu_supports("avx512f") || !__builtin_cpu_supports("avx512bw") ||
            !__builtin_cpu_supports("avx512vbmi"))
            return -1;
        m->add_hits = add_hits_vbmi, m->isa = isa;
        return 0;
#endif
    default: return -1;
    }
}

/* First find every feature's slot, with the slots' cache lines requested
 * all at once, then the rows' lines, then add the rows in feature order. */
void ap_model_score(const ap_model *m, const uint64_t *f, int nf, float *scores)
{
    uint32_t key[256];
    const ap_slot *hit[256];
    if (nf > 256) nf = 256;
    for (int k = 0; k < nf; k++) {
        key[k] = ap_key32(f[k]);
        const ap_slot *s = &m->slots[ap_home(m, key[k])];
        __builtin_prefetch(s);
    }
    int nh = 0;
    for (int k = 0; k < nf; k++) {
        const ap_slot *s = &m->slots[ap_home(m, key[k])];
        uint32_t K = key[k];
        int i = (s[0].key < K) + (s[1].key < K) + (s[2].key < K) + (s[3].key < K);
        if (i < AP_PROBE) s += i;
        else for (s += AP_PROBE; s->key < K; s++) {}
        if (s->key != K || !s->n) continue;
        hit[nh++] = s;
        if (s->n & AP_DENSE_ROW) {
            const uint8_t *d = m->dense + (size_t)slot_u32(s, 4) * m->dstride;
            for (size_t b = 0; b < m->nclasses; b += 64) __builtin_prefetch(d + b);
        } else if (s->n > AP_INLINE) {
            __builtin_prefetch(m->rows + slot_u32(s, 0));
        }
    }
    m->add_hits(m, hit, nh, scores);
}

int ap_model_row(const ap_model *m, size_t r, uint32_t *key, const uint8_t **cls,
                 const int8_t **q)
{
    const ap_slot *s = &m->slots[r];
    int n = s->n & ~AP_DENSE_ROW;
    if (!n) return 0;
    *key = s->key;
    *cls = n > AP_INLINE ? m->rows + slot_u32(s, 0) : s->in;
    *q = n > AP_INLINE ? (const int8_t *)m->rows + slot_u32(s, 0) + n
                       : (const int8_t *)s->in + AP_INLINE;
    return n;
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
    s->vbd_tag = -1;
    for (uint32_t c = 0; c < nt; c++)
        if (!strcmp(s->tag1.names[c], "VERB VBD")) s->vbd_tag = (int)c;
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

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (!strcasecmp(w, *list)) return 1;
    return 0;
}

/* ---- running ---- */

static int is_xpos(const char *x, const char *const *set)
{
    for (; *set; set++)
        if (!strcmp(x, *set)) return 1;
    return 0;
}

/* A news sentence has a finite verb; the tagger, trained on web text full
 * of fragments, sometimes leaves none ("A top official praised the
 * plan": VBN, read as a reduced relative on "official"), and the sentence
 * loses its predicate and its events. When no word is finite, the first
 * VBN after a possible subject, not after an auxiliary and followed by the
 * start of a noun phrase (its object), is taken as the finite verb. */
static void finite_verb_repair(const dyad_syntax *s, const char **form, uint16_t *tags, int n)
{
    static const char *const finite[] = {"VBD", "VBZ", "VBP", "MD", NULL};
    static const char *const nominal[] = {"NN", "NNS", "NNP", "NNPS", "PRP", NULL};
    static const char *const np_start[] = {"DT", "PRP$", "PRP", "NNP", "NNPS", "CD", "JJ", NULL};
    static const char *const aux[] = {"is", "are", "was", "were", "be", "been", "being", "'s",
                                      "'re", "has", "have", "had", "having", "get", "gets",
                                      "got", "getting", NULL};
    if (s->vbd_tag < 0) return;
    for (int i = 0; i < n; i++)
        if (is_xpos(s->tag_xpos[tags[i]], finite)) return;
    int subject = 0;
    for (int i = 0; i + 1 < n; i++) {
        const char *x = s->tag_xpos[tags[i]];
        if (is_xpos(x, nominal)) subject = 1;
        if (strcmp(x, "VBN") || !subject || !is_xpos(s->tag_xpos[tags[i + 1]], np_start))
            continue;
        int j = i - 1;
        while (j >= 0 && !strncmp(s->tag_xpos[tags[j]], "RB", 2)) j--;
        if (j >= 0 && in_list(form[j], aux)) continue;
        tags[i] = (uint16_t)s->vbd_tag;
        return;
    }
    /* Failing that, a common past tense the tagger took for a noun right
     * after the subject ("the security advisor met with…") */
    static const char *const past[] = {
        "met", "said", "told", "held", "made", "took", "gave", "sent", "went", "came", "left",
        "won", "led", "fought", "struck", "began", "spoke", "sought", "brought", "kept", "drew",
        "threw", "rejected", "accused", "urged", "warned", "called", "agreed", "signed",
        "visited", "attacked", "killed", "arrested", "condemned", "criticized", "criticised",
        "demanded", "denied", "threatened", "welcomed", "praised", "announced", NULL};
    static const char *const next_ok[] = {"IN", "DT", "PRP$", "PRP", "NNP", "NNPS", "CD", "JJ",
                                          "TO", NULL};
    for (int i = 1; i + 1 < n; i++) {
        const char *x = s->tag_xpos[tags[i]];
        if ((strcmp(x, "NN") && strcmp(x, "NNS")) || !in_list(form[i], past)) continue;
        if (!is_xpos(s->tag_xpos[tags[i - 1]], nominal) ||
            !is_xpos(s->tag_xpos[tags[i + 1]], next_ok))
            continue;
        tags[i] = (uint16_t)s->vbd_tag;
        return;
    }
}

/* Tags, lemmas and features of one sentence's tokens; tags[i] gets the
 * tagger class and w the word hashes the parser reuses. */
static void tag_tokens(const dyad_syntax *s, dyad_doc *doc, dyad_token *tok, int n,
                       tag_words *w, uint16_t *tags)
{
    dyad_arena *a = doc->arena;
    const char **form = dyad_alloc(a, (size_t)n * sizeof *form);
    for (int i = 0; i < n; i++) form[i] = tok[i].form ? tok[i].form : "";
    tag_words_init(w, a, form, n);
    uint16_t *scratch = dyad_alloc(a, (size_t)n * sizeof *scratch);
    tag_sentence(&s->tag1, s->tag2.slots ? &s->tag2 : NULL, w, tags, scratch);
    finite_verb_repair(s, form, tags, n);
    for (int i = 0; i < n; i++) {
        dyad_token *t = &tok[i];
        t->upos = (uint8_t)s->tag_upos[tags[i]];
        t->xpos = s->tag_xpos[tags[i]];
        const char *un = s->tag_uname[tags[i]];
        t->lemma = lexicon_lemma(s->lex, a, form[i], un, t->xpos);
        const char *fe = lexicon_feats(s->lex, form[i], un, t->xpos);
        t->feats = fe ? dyad_strdup(a, fe) : NULL;
        t->xpos = dyad_strdup(a, t->xpos);
    }
}

static void parse_tokens(const dyad_syntax *s, dyad_doc *doc, dyad_token *tok, int n,
                         const uint64_t *wlower, const uint16_t *tags)
{
    dyad_arena *a = doc->arena;
    uint16_t *upos = dyad_alloc(a, (size_t)n * sizeof *upos);
    for (int i = 0; i < n; i++) upos[i] = s->tag_upos[tags[i]];
    parse_state p;
    parse_init(&p, a, n, wlower, tags, upos);
    float scores[AP_MAX_CLASSES];
    parse_sentence(&s->parse, s->rootlab, &p, scores);
    for (int i = 0; i < n; i++) {
        int h = p.head[i + 1];
        tok[i].head = h == n + 1 ? 0 : h;
        tok[i].deprel = s->labels[p.label[i + 1]];
    }
}

static void run_sentence(const dyad_syntax *s, dyad_doc *doc, dyad_token *tok, int n)
{
    uint16_t *tags = dyad_alloc(doc->arena, (size_t)n * sizeof *tags);
    tag_words w;
    tag_tokens(s, doc, tok, n, &w, tags);
    parse_tokens(s, doc, tok, n, w.wlower, tags);
}

/* ---- the time between subject and verb ---- */

static const char *const weekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                       "Saturday", "Sunday", NULL};

/* Words of a time phrase starting at tok[i] ("today", "on Saturday",
 * "last week"), 0 if none. */
static int time_phrase(const dyad_token *tok, int n, int i)
{
    static const char *const days[] = {"today", "yesterday", "tonight", NULL};
    static const char *const spans[] = {"week", "month", "year", "weekend", NULL};
    static const char *const which[] = {"this", "last", "next", NULL};
    const char *f = tok[i].form;
    if (in_list(f, days) || (isupper((unsigned char)f[0]) && in_list(f, weekdays))) return 1;
    if (i + 1 < n && !strcasecmp(f, "on") && in_list(tok[i + 1].form, weekdays)) return 2;
    if (i + 1 < n && in_list(f, which) && in_list(tok[i + 1].form, spans)) return 2;
    return 0;
}

/* Parses tok[0..n) again without the words marked in skip, which keep
 * their tags from the whole-sentence run; the caller hangs them back. */
static void reparse_without(const dyad_syntax *s, dyad_doc *doc, dyad_token *tok, int n,
                            const char *skip)
{
    int m = 0;
    for (int i = 0; i < n; i++) m += !skip[i];
    dyad_token *red = dyad_alloc(doc->arena, (size_t)m * sizeof *red);
    int *orig = dyad_alloc(doc->arena, (size_t)m * sizeof *orig);
    for (int i = 0, r = 0; i < n; i++)
        if (!skip[i]) {
            red[r] = tok[i];
            orig[r++] = i;
        }
    run_sentence(s, doc, red, m);
    for (int r = 0; r < m; r++) {
        dyad_token *t = &tok[orig[r]];
        t->upos = red[r].upos;
        t->xpos = red[r].xpos;
        t->lemma = red[r].lemma;
        t->feats = red[r].feats;
        t->deprel = red[r].deprel;
        t->head = red[r].head == 0 ? 0 : orig[red[r].head - 1] + 1;
    }
}

/* The time phrase between a subject and its verb: its first word, and its
 * length in *len; -1 if none. */
static int time_gap(const dyad_token *tok, int n, int *len)
{
    for (int i = 1; i + 1 < n; i++) {
        const char *before = tok[i - 1].xpos;
        if (!before || (strncmp(before, "NN", 2) && strcmp(before, "PRP"))) continue;
        int L = time_phrase(tok, n, i);
        if (!L || i + L >= n) continue;
        const char *after = tok[i + L].xpos;
        if (after && (!strncmp(after, "VB", 2) || !strcmp(after, "MD"))) {
            *len = L;
            return i;
        }
    }
    return -1;
}

/* A capitalised adjective before a proper noun at the start ("Russian
 * President …"); set aside when the parse makes it the root. */
static int nationality_first(const dyad_token *tok, int n)
{
    return n > 3 && tok[0].xpos && !strcmp(tok[0].xpos, "JJ") && tok[1].xpos &&
           !strcmp(tok[1].xpos, "NNP") && isupper((unsigned char)tok[0].form[0]);
}

/* Two habits of wire copy that the web text the models learnt from hardly
 * has, and that cost a sentence its predicate (and so its events):
 *  - the time between subject and verb ("The government today welcomed
 *    the plan", "Yeltsin on Saturday hosted Hashimoto"): the verb comes out
 *    VBN and hangs on the subject as a reduced relative;
 *  - a nationality before a title at the start ("Russian President Boris
 *    Yeltsin hosted…"): the adjective becomes the root.
 * Such a sentence, once tagged whole and parsed (the set-aside words keep
 * those tags), is parsed again without the time phrase and the adjective,
 * which are then hung back as UD does: the time on the verb, the adjective
 * on the title. The other words are tagged again in the shorter sentence,
 * so such a sentence's tags are final only after its parse. */
static void repair_news(const dyad_syntax *s, dyad_doc *doc, dyad_token *tok, int n)
{
    int adj = nationality_first(tok, n) && tok[0].head == 0;
    int len = 0, at = time_gap(tok, n, &len);
    if (!adj && at < 0) return;
    char *skip = dyad_alloc(doc->arena, (size_t)n);
    memset(skip, 0, (size_t)n);
    skip[0] = (char)adj;
    if (at >= 0) memset(skip + at, 1, (size_t)len);
    reparse_without(s, doc, tok, n, skip);
    if (adj) {
        tok[0].head = 2;
        tok[0].deprel = "amod";
    }
    if (at >= 0) {
        int verb = at + len + 1, last = at + len - 1;
        tok[last].head = verb;
        tok[last].deprel = !strcasecmp(tok[at].form, "on") ? "obl" : "obl:unmarked";
        if (len == 2) {
            tok[at].head = last + 1;
            tok[at].deprel = !strcasecmp(tok[at].form, "on") ? "case"
                             : !strcasecmp(tok[at].form, "this") ? "det" : "amod";
        }
    }
}

/* The tagger class of a tagged token: the class with its UPOS and XPOS. */
static uint16_t tag_class(const dyad_syntax *s, const dyad_token *t)
{
    for (uint32_t c = 0; c < s->tag1.nclasses; c++)
        if (s->tag_upos[c] == t->upos && t->xpos && strcmp(s->tag_xpos[c], t->xpos) == 0)
            return (uint16_t)c;
    return 0;
}

/* A third habit of wire copy: the time between a verb of saying and its
 * clause ("said Wednesday that the talks would resume"). The parser hangs
 * the clause on the day as a relative; it is the verb's complement, and
 * the day the verb's time. */
static void hang_that_clause(dyad_token *tok, int n)
{
    for (int t = 0; t < n; t++) {
        int h = tok[t].head - 1;
        if (h < 0 || h >= n || h >= t || !tok[t].deprel || strncmp(tok[t].deprel, "acl", 3)) continue;
        int that = 0;
        for (int c = h + 1; c < t && !that; c++)
            that = tok[c].head == t + 1 && !strcasecmp(tok[c].form, "that");
        int start = h > 0 && !strcasecmp(tok[h - 1].form, "on") ? h - 1 : h;
        if (!that || time_phrase(tok, n, start) != h - start + 1) continue;
        int v = tok[h].head - 1;
        if (v < 0 || v >= h || !tok[v].xpos || strncmp(tok[v].xpos, "VB", 2)) continue;
        tok[t].head = v + 1;
        tok[t].deprel = "ccomp";
        tok[h].deprel = start < h ? "obl" : "obl:unmarked";
    }
}

enum { RUN_TAG = 1, RUN_PARSE = 2 };

static void run(const dyad_syntax *s, dyad_doc *doc, int what)
{
    for (size_t k = 0; k < doc->nsentences; k++) {
        const dyad_sentence *se = &doc->sentences[k];
        if (!se->ntok || se->tok + se->ntok > doc->ntokens) continue;
        dyad_token *tok = doc->tokens + se->tok;
        int n = (int)se->ntok, len;
        uint16_t *tags = dyad_alloc(doc->arena, (size_t)n * sizeof *tags);
        tag_words w;
        int parse = what & RUN_PARSE;
        if (what & RUN_TAG) {
            tag_tokens(s, doc, tok, n, &w, tags);
            /* tags that a repair could change are made final now */
            if (!parse && !nationality_first(tok, n) && time_gap(tok, n, &len) < 0) {
                for (int i = 0; i < n; i++) tok[i].head = -1, tok[i].deprel = NULL;
                continue;
            }
            parse = 1;
        } else {
            if (tok[0].head >= 0) continue;   /* parsed when tagged */
            w.wlower = dyad_alloc(doc->arena, (size_t)n * sizeof *w.wlower);
            for (int i = 0; i < n; i++) {
                w.wlower[i] = word_lower_hash(tok[i].form ? tok[i].form : "");
                tags[i] = tag_class(s, &tok[i]);
            }
        }
        if (!parse) continue;
        parse_tokens(s, doc, tok, n, w.wlower, tags);
        repair_news(s, doc, tok, n);
        hang_that_clause(tok, n);
    }
}

dyad_status dyad_syntax_run(const dyad_syntax *s, dyad_doc *doc, dyad_error *err)
{
    (void)err;
    run(s, doc, RUN_TAG | RUN_PARSE);
    return DYAD_OK;
}

dyad_status dyad_syntax_tag(const dyad_syntax *s, dyad_doc *doc, dyad_error *err)
{
    (void)err;
    run(s, doc, RUN_TAG);
    return DYAD_OK;
}

dyad_status dyad_syntax_parse(const dyad_syntax *s, dyad_doc *doc, dyad_error *err)
{
    (void)err;
    run(s, doc, RUN_PARSE);
    return DYAD_OK;
}
