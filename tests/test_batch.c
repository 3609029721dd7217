/* test_batch.c — dyad_process_batch (stage by stage over many documents,
 * what `dyad code` runs) gives each document exactly what dyad_process
 * gives it alone, in the events_only mode and the full one; and a document
 * that fails ends the batch there with its own error, the ones before it
 * complete (tests/data/batch/texts.txt). */
#include "testutil.h"

#include <stdint.h>

static dyad_syntax *sx;
static dyad_coder *coder;
static dyad_gazetteer *gaz;
static char *buf, *texts[64];
static int ntexts;

static int setup(void **state)
{
    (void)state;
    dyad_error err;
    if (dyad_syntax_load(&sx, NULL, &err) || dyad_coder_load(&coder, NULL, &err) ||
        dyad_gazetteer_load(&gaz, NULL, &err))
        return -1;
    buf = slurp("tests/data/batch/texts.txt", NULL);
    if (!buf) return -1;
    /* blank lines are empty articles */
    for (char *p = buf; p && *p && ntexts < 64;) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = 0;
        if (*p != '#') texts[ntexts++] = p;
        p = nl ? nl + 1 : NULL;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    dyad_gazetteer_free(gaz);
    dyad_coder_free(coder);
    dyad_syntax_free(sx);
    free(buf);
    return 0;
}

static dyad_doc *doc_of(int k)
{
    return doc_from_string("t", texts[k], "2015-03-02");
}

/* Everything a stage leaves in a document that output shows. */
static void same_doc(const dyad_doc *a, const dyad_doc *b)
{
    dyad_buf x = {0}, y = {0};
    dyad_out_events_json(&x, a);
    dyad_out_events_json(&y, b);
    assert_int_equal(x.len, y.len);
    if (x.len) assert_memory_equal(x.s, y.s, x.len);
    dyad_buf_free(&x);
    dyad_buf_free(&y);
    assert_int_equal(a->nsentences, b->nsentences);
    assert_int_equal(a->ntokens, b->ntokens);
    for (size_t i = 0; i < a->ntokens; i++) {
        const dyad_token *s = &a->tokens[i], *t = &b->tokens[i];
        assert_int_equal(s->upos, t->upos);
        assert_int_equal(s->head, t->head);
        assert_true(s->lemma == t->lemma || !strcmp(s->lemma, t->lemma));
        assert_true(s->feats == t->feats || !strcmp(s->feats, t->feats));
    }
    assert_int_equal(a->nactors, b->nactors);
    assert_int_equal(a->nevents, b->nevents);
    assert_int_equal(a->ntimexes, b->ntimexes);
    assert_int_equal(a->nplaces, b->nplaces);
}

static void batch_equals_one_at_a_time(void **state)
{
    (void)state;
    dyad_error err;
    for (int mode = 0; mode < 2; mode++) {
        dyad_pipeline p = {.syntax = sx, .coder = coder, .gazetteer = gaz, .timex = 1,
                           .events_only = mode};
        dyad_doc *one[64], *many[64];
        for (int k = 0; k < ntexts; k++) {
            one[k] = doc_of(k);
            assert_int_equal(dyad_process(&p, one[k], &err), DYAD_OK);
            many[k] = doc_of(k);
        }
        size_t done = 99;
        assert_int_equal(dyad_process_batch(&p, many, (size_t)ntexts, &done, &err), DYAD_OK);
        assert_int_equal(done, ntexts);
        int events = 0;
        for (int k = 0; k < ntexts; k++) {
            same_doc(one[k], many[k]);
            events += (int)one[k]->nevents;
            dyad_doc_free(one[k]);
            dyad_doc_free(many[k]);
        }
        assert_true(events >= 5);
    }
}

static void failure_ends_the_batch(void **state)
{
    (void)state;
    dyad_pipeline p = {.syntax = sx, .coder = coder, .gazetteer = gaz, .timex = 1,
                       .events_only = 1};
    enum { N = 6, BAD = 3 };
    dyad_doc *many[N];
    for (int k = 0; k < N; k++) many[k] = doc_of(k);
    /* the article stage refuses a text over 4 GB before reading it */
    many[BAD]->raw_len = (size_t)UINT32_MAX + 1;
    dyad_error alone, err;
    dyad_doc *bad = doc_of(BAD);
    bad->raw_len = (size_t)UINT32_MAX + 1;
    dyad_status st = dyad_process(&p, bad, &alone);
    assert_int_not_equal(st, DYAD_OK);
    size_t done = 99;
    assert_int_equal(dyad_process_batch(&p, many, N, &done, &err), st);
    assert_int_equal(done, BAD);
    assert_string_equal(err.msg, alone.msg);
    dyad_error e2;
    for (int k = 0; k < BAD; k++) {
        dyad_doc *d = doc_of(k);
        assert_int_equal(dyad_process(&p, d, &e2), DYAD_OK);
        same_doc(d, many[k]);
        dyad_doc_free(d);
    }
    for (int k = 0; k < N; k++) dyad_doc_free(many[k]);
    dyad_doc_free(bad);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(batch_equals_one_at_a_time),
        cmocka_unit_test(failure_ends_the_batch),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
