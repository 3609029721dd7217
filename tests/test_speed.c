/* test_speed.c — the syntax stage's fast paths give exactly what the plain
 * ones give: the model table (inline, sparse and dense rows, long probe
 * runs, the table's end) scores bit for bit as the file's sparse rows
 * read one by one; tagging then parsing equals dyad_syntax_run (with the
 * wire-copy repairs, which tag a sentence again); and the
 * pipeline's events_only mode (documents that cannot code an event are
 * not parsed) writes the same events as the full pipeline. */
#include "testutil.h"

#include <math.h>

#include "syntax.h"

/* ---- a hand-made model file ---- */

typedef struct {
    uint32_t key;
    int n;
    uint8_t cls[40];
    int8_t q[40];
} row;

/* classes of the hand-made models: fewer and more than 64 (dense rows
 * are decoded 64 classes at a time) */
static int NCLASSES = 37;

static void put_u32(dyad_buf *b, uint32_t v) { dyad_buf_put(b, (const char *)&v, 4); }

/* The file (see syntax.h) holding rows, which must ascend by key. */
static char *model_file(const row *r, int nr, float wmin, float step, size_t *len)
{
    dyad_buf keys = {0}, out = {0};
    uint32_t prev = 0, nw = 0;
    for (int i = 0; i < nr; i++) {
        uint32_t d = r[i].key - prev;
        prev = r[i].key;
        do {
            uint8_t c = d & 127;
            d >>= 7;
            dyad_buf_putc(&keys, (char)(c | (d ? 128 : 0)));
        } while (d);
        nw += (uint32_t)r[i].n;
    }
    dyad_buf names = {0};
    for (int c = 0; c < NCLASSES; c++) {
        dyad_buf_printf(&names, "c%d", c);
        dyad_buf_putc(&names, 0);
    }
    dyad_buf_put(&out, "DYADAP03", 8);
    put_u32(&out, (uint32_t)NCLASSES);
    put_u32(&out, (uint32_t)nr);
    put_u32(&out, nw);
    put_u32(&out, (uint32_t)names.len);
    put_u32(&out, (uint32_t)keys.len);
    dyad_buf_put(&out, (const char *)&wmin, 4);
    dyad_buf_put(&out, (const char *)&step, 4);
    dyad_buf_put(&out, keys.s, keys.len);
    for (int i = 0; i < nr; i++) dyad_buf_putc(&out, (char)(r[i].n - 1));
    for (int i = 0; i < nr; i++) dyad_buf_put(&out, (const char *)r[i].cls, (size_t)r[i].n);
    for (int i = 0; i < nr; i++) dyad_buf_put(&out, (const char *)r[i].q, (size_t)r[i].n);
    dyad_buf_put(&out, names.s, names.len);
    dyad_buf_free(&keys);
    dyad_buf_free(&names);
    *len = out.len;
    return out.s;
}

static uint64_t rng = 88172645463325252ULL;
static uint32_t next_rand(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

/* Rows of every kind: 1..40 weights (inline up to AP_INLINE, dense from
 * AP_DENSE), a dense-length row naming a class twice, runs of adjacent
 * keys longer than a probe, and keys at the top of the range. */
static int make_rows(row *r)
{
    int nr = 0;
    uint32_t key = 7;
    for (int i = 0; i < 600; i++) {
        key += i % 50 < 10 ? 1 : 1 + next_rand() % 5000000;
        row *x = &r[nr++];
        x->key = key;
        x->n = 1 + (int)(next_rand() % 40);
        int start = (int)(next_rand() % NCLASSES);
        for (int j = 0; j < x->n; j++) {
            x->cls[j] = (uint8_t)((start + j) % NCLASSES);
            int v = 1 + (int)(next_rand() % 127);
            x->q[j] = (int8_t)(next_rand() & 1 ? v : -v);
        }
        if (i == 300) x->n = 20, x->cls[19] = x->cls[3];
    }
    for (uint32_t k = UINT32_MAX - 3; k != 0; k++) {
        row *x = &r[nr++];
        x->key = k;
        x->n = 2;
        x->cls[0] = 1, x->cls[1] = 2, x->q[0] = 5, x->q[1] = -9;
    }
    return nr;
}

/* The scores the file's rows give read one by one. */
static void reference(const row *r, int nr, float wmin, float step, const uint32_t *f, int nf,
                      float *sc)
{
    for (int k = 0; k < nf; k++)
        for (int i = 0; i < nr; i++) {
            if (r[i].key != f[k]) continue;
            for (int j = 0; j < r[i].n; j++) {
                int q = r[i].q[j];
                float w = wmin * expf((float)((q < 0 ? -q : q) - 1) * step);
                sc[r[i].cls[j]] += q < 0 ? -w : w;
            }
        }
}

static void check_model(void)
{
    static row r[700];
    int nr = make_rows(r);
    float wmin = 0.001f, step = 0.085f;
    size_t len;
    char *buf = model_file(r, nr, wmin, step, &len);
    ap_model m;
    assert_int_equal(ap_model_open(&m, buf, len), 0);
    assert_int_equal(m.nrows, (uint32_t)nr);
    /* every way of adding dense rows this CPU has */
    for (int isa = AP_ISA_PLAIN; isa < AP_ISA_BEST; isa++)
    for (int round = 0; round < 300 && !ap_model_set_isa(&m, isa); round++) {
        uint32_t f32[120];
        uint64_t f[120];
        int nf = 1 + (int)(next_rand() % 120);
        for (int k = 0; k < nf; k++) {
            /* present keys, absent keys next to them, and anything */
            uint32_t pick = next_rand() % 3;
            uint32_t key = r[next_rand() % (uint32_t)nr].key;
            f32[k] = pick == 0 ? key : pick == 1 ? key + 1 : next_rand() | 1;
            f[k] = f32[k];
        }
        float want[AP_MAX_CLASSES] = {0}, got[AP_MAX_CLASSES] = {0};
        reference(r, nr, wmin, step, f32, nf, want);
        ap_model_score(&m, f, nf, got);
        assert_memory_equal(want, got, sizeof got);   /* nothing past the classes either */
    }
    /* the rows read back as they were written */
    int seen = 0;
    for (size_t i = 0; i < m.nslots; i++) {
        uint32_t key;
        const uint8_t *c;
        const int8_t *q;
        int n = ap_model_row(&m, i, &key, &c, &q);
        if (!n) continue;
        assert_int_equal(key, r[seen].key);
        assert_int_equal(n, r[seen].n);
        assert_memory_equal(c, r[seen].cls, (size_t)n);
        assert_memory_equal(q, r[seen].q, (size_t)n);
        seen++;
    }
    assert_int_equal(seen, nr);
    ap_model_close(&m);
    /* truncated or reordered files are refused */
    assert_int_not_equal(ap_model_open(&m, buf, len - 1), 0);
    ap_model_close(&m);
    free(buf);
    row swapped[2] = {r[1], r[0]};
    buf = model_file(swapped, 2, wmin, step, &len);
    assert_int_not_equal(ap_model_open(&m, buf, len), 0);
    ap_model_close(&m);
    free(buf);
}

/* ap_argmax finds what a scan with ">" over the valid classes finds: the
 * first of equal maxima (ties are common: few distinct weights), also
 * with +0.0 and -0.0, and none when no class is valid. */
static void argmax_first_valid(void **state)
{
    (void)state;
    static row r[1] = {{.key = 5, .n = 1, .cls = {0}, .q = {1}}};
    for (int ncl = 1; ncl <= 130; ncl += ncl < 40 ? 1 : 13) {
        NCLASSES = ncl;
        size_t len;
        char *buf = model_file(r, 1, 0.01f, 0.1f, &len);
        ap_model m;
        assert_int_equal(ap_model_open(&m, buf, len), 0);
        free(buf);
        for (int round = 0; round < 200; round++) {
            float sc[AP_MAX_CLASSES];
            uint64_t valid[AP_MAX_CLASSES / 64] = {0};
            for (int c = 0; c < ncl; c++) {
                uint32_t v = next_rand() % 5;
                sc[c] = v == 4 ? -0.0f : (float)v - 1.5f * (float)(round % 3);
                if (round % 4 == 0 || next_rand() % 3) valid[c / 64] |= 1ULL << (c % 64);
            }
            uint32_t want = UINT32_MAX, want_all = 0;
            for (int c = 0; c < ncl; c++) {
                if (sc[c] > sc[want_all]) want_all = (uint32_t)c;
                if ((valid[c / 64] >> (c % 64) & 1) && (want == UINT32_MAX || sc[c] > sc[want]))
                    want = (uint32_t)c;
            }
            for (int isa = AP_ISA_PLAIN; isa < AP_ISA_BEST; isa++) {
                if (ap_model_set_isa(&m, isa)) continue;
                assert_int_equal(ap_argmax(&m, sc, valid), want);
                assert_int_equal(ap_argmax(&m, sc, NULL), want_all);
                uint64_t none[AP_MAX_CLASSES / 64] = {0};
                assert_int_equal(ap_argmax(&m, sc, none), UINT32_MAX);
            }
        }
        ap_model_close(&m);
    }
    NCLASSES = 37;
}

static void model_scores_exact(void **state)
{
    (void)state;
    NCLASSES = 37;
    check_model();
    NCLASSES = 103;
    check_model();
}

/* ---- the stage and the pipeline ---- */

static dyad_syntax *sx;
static dyad_coder *coder;

static int setup(void **state)
{
    (void)state;
    dyad_error err;
    if (dyad_syntax_load(&sx, NULL, &err) || dyad_coder_load(&coder, NULL, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    dyad_syntax_free(sx);
    dyad_coder_free(coder);
    return 0;
}

static const char *const texts[] = {
    "The Americans charged five Chinese military officers with hacking. Beijing "
    "pulled the plug on the panel!\n\nOfficials didn't comment.",
    "Ministers of the two neighbours met in Vienna on Monday and agreed to reopen the "
    "border crossing. Rebels later shelled the town, the army said.",
    "The weather was mild.",
    "Its shares were up 3 percent in early trading.",
    /* the wire-copy repairs set words aside and tag the rest again */
    "The minister on Friday opened the new bridge over the river.",
    "French Foreign Minister Marie Dubois thanked the rescuers.",
};

static dyad_doc *text_doc(const char *text)
{
    dyad_doc *d = doc_from_string("t", text, "2014-05-19");
    dyad_error err;
    assert_int_equal(dyad_article(d, &err), DYAD_OK);
    assert_int_equal(dyad_text(d, &err), DYAD_OK);
    return d;
}

static void tag_then_parse(void **state)
{
    (void)state;
    dyad_error err;
    int early = 0, late = 0;
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        dyad_doc *a = text_doc(texts[k]), *b = text_doc(texts[k]);
        assert_int_equal(dyad_syntax_run(sx, a, &err), DYAD_OK);
        assert_int_equal(dyad_syntax_tag(sx, b, &err), DYAD_OK);
        /* a sentence is parsed whole when tagged (its tags depended on
         * the parse) or not at all */
        for (size_t si = 0; si < b->nsentences; si++) {
            const dyad_sentence *se = &b->sentences[si];
            int parsed = b->tokens[se->tok].head >= 0;
            early += parsed, late += !parsed;
            for (uint32_t i = se->tok; i < se->tok + se->ntok; i++) {
                assert_int_equal(b->tokens[i].head >= 0, parsed);
                assert_int_equal(b->tokens[i].deprel != NULL, parsed);
            }
        }
        assert_int_equal(dyad_syntax_parse(sx, b, &err), DYAD_OK);
        assert_int_equal(a->ntokens, b->ntokens);
        for (size_t i = 0; i < a->ntokens; i++) {
            const dyad_token *x = &a->tokens[i], *y = &b->tokens[i];
            assert_int_equal(x->upos, y->upos);
            assert_string_equal(x->xpos, y->xpos);
            assert_string_equal(x->lemma, y->lemma);
            assert_true(x->feats == y->feats || !strcmp(x->feats, y->feats));
            assert_int_equal(x->head, y->head);
            assert_string_equal(x->deprel, y->deprel);
        }
        dyad_doc_free(a);
        dyad_doc_free(b);
    }
    assert_true(early >= 2);
    assert_true(late >= 4);
}

static void events_only_same_events(void **state)
{
    (void)state;
    dyad_error err;
    dyad_pipeline full = {.syntax = sx, .coder = coder, .timex = 1};
    dyad_pipeline fast = full;
    fast.events_only = 1;
    int skipped = 0, coded = 0;
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        dyad_doc *a = doc_from_string("t", texts[k], "2014-05-19");
        dyad_doc *b = doc_from_string("t", texts[k], "2014-05-19");
        assert_int_equal(dyad_process(&full, a, &err), DYAD_OK);
        assert_int_equal(dyad_process(&fast, b, &err), DYAD_OK);
        dyad_buf x = {0}, y = {0};
        dyad_out_events_json(&x, a);
        dyad_out_events_json(&y, b);
        assert_int_equal(x.len, y.len);
        if (x.len) assert_memory_equal(x.s, y.s, x.len);
        coded += a->nevents > 0;
        if (b->ntokens && b->tokens[0].head < 0) {
            skipped++;
            assert_int_equal(dyad_coder_may_code(coder, b), 0);
            assert_int_equal(a->nevents, 0);
        }
        dyad_buf_free(&x);
        dyad_buf_free(&y);
        dyad_doc_free(a);
        dyad_doc_free(b);
    }
    /* both paths were taken */
    assert_true(coded >= 2);
    assert_true(skipped >= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(model_scores_exact),
        cmocka_unit_test(argmax_first_valid),
        cmocka_unit_test(tag_then_parse),
        cmocka_unit_test(events_only_same_events),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
