/* test_syntax.c — the syntax stage: the constructions the event coder
 * relies on (tests/data/syntax/constructions.conllu), well-formed trees
 * with every field filled, thread safety, model errors, and the accuracy
 * floors on UD English-EWT test with gold tokens (when ../shared is
 * there). */
#include "testutil.h"

#include <pthread.h>

static dyad_syntax *sx;

static int setup(void **state)
{
    (void)state;
    dyad_error err;
    if (dyad_syntax_load(&sx, NULL, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    dyad_syntax_free(sx);
    return 0;
}

/* The relations the coder reads (head and label are checked). */
static int coder_relation(const char *r)
{
    static const char *const rels[] = {
        "nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "xcomp", "ccomp", "conj",
        "appos", "compound", "flat", "amod", "aux", "aux:pass", "advmod", "mark", "case",
        "nmod:desc", "nummod", "root", NULL};
    for (const char *const *p = rels; *p; p++)
        if (strcmp(*p, r) == 0) return 1;
    return 0;
}

static void constructions(void **state)
{
    (void)state;
    dyad_doc **docs;
    size_t n;
    dyad_error err;
    assert_int_equal(dyad_conllu_read("tests/data/syntax/constructions.conllu", &docs, &n, &err),
                     DYAD_OK);
    assert_int_equal(n, 1);
    dyad_doc *d = docs[0];
    dyad_token *gold = malloc(d->ntokens * sizeof *gold);
    memcpy(gold, d->tokens, d->ntokens * sizeof *gold);
    assert_int_equal(dyad_syntax_run(sx, d, &err), DYAD_OK);
    int wrong = 0, checked = 0;
    for (size_t s = 0; s < d->nsentences; s++) {
        const dyad_sentence *se = &d->sentences[s];
        for (uint32_t i = se->tok; i < se->tok + se->ntok; i++) {
            if (!coder_relation(gold[i].deprel)) continue;
            checked++;
            const dyad_token *t = &d->tokens[i];
            if (t->head != gold[i].head || strcmp(t->deprel, gold[i].deprel)) {
                print_message("sentence %zu word %u %s: got %d %s, want %d %s\n", s + 1,
                              i - se->tok + 1, t->form, t->head, t->deprel, gold[i].head,
                              gold[i].deprel);
                wrong++;
            }
        }
    }
    /* a floor, not perfection: the misses are printed (see
     * bench/results/syntax.md for the known ones) */
    print_message("constructions: %d of %d relations right\n", checked - wrong, checked);
    assert_true(checked > 80);
    assert_true((checked - wrong) * 100 >= checked * 85);
    free(gold);
    dyad_doc_free(d);
    free(docs);
}

/* Every word tagged, lemmatised and attached; one root; no cycles. */
static void check_trees(const dyad_doc *d)
{
    for (size_t s = 0; s < d->nsentences; s++) {
        const dyad_sentence *se = &d->sentences[s];
        const dyad_token *t = d->tokens + se->tok;
        int roots = 0;
        for (uint32_t i = 0; i < se->ntok; i++) {
            assert_true(t[i].upos > DYAD_UPOS_NONE && t[i].upos < DYAD_UPOS_COUNT);
            assert_non_null(t[i].xpos);
            assert_non_null(t[i].lemma);
            assert_non_null(t[i].deprel);
            assert_true(t[i].head >= 0 && t[i].head <= (int32_t)se->ntok);
            assert_true(t[i].head != (int32_t)i + 1);
            roots += t[i].head == 0;
            assert_int_equal(t[i].head == 0, strcmp(t[i].deprel, "root") == 0);
            /* walking up reaches the root within ntok steps */
            int32_t h = (int32_t)i + 1;
            uint32_t steps = 0;
            while (h != 0 && steps++ <= se->ntok) h = t[h - 1].head;
            assert_int_equal(h, 0);
        }
        assert_int_equal(roots, 1);
    }
}

static void raw_text_trees(void **state)
{
    (void)state;
    dyad_doc *d = doc_from_string(
        "t", "The Americans charged five Chinese military officers with hacking. "
             "Beijing pulled the plug on the panel!\n\nOfficials didn't comment.",
        "2014-05-19");
    dyad_error err;
    assert_int_equal(dyad_article(d, &err), DYAD_OK);
    assert_int_equal(dyad_text(d, &err), DYAD_OK);
    assert_int_equal(dyad_syntax_run(sx, d, &err), DYAD_OK);
    assert_true(d->nsentences >= 2);
    check_trees(d);
    const dyad_token *t = d->tokens;
    assert_string_equal(t[2].form, "charged");
    assert_string_equal(t[2].lemma, "charge");
    assert_int_equal(t[2].upos, DYAD_VERB);
    assert_string_equal(t[2].xpos, "VBD");
    assert_string_equal(t[6].lemma, "officer");
    assert_string_equal(t[6].feats, "Number=Plur");
    dyad_doc_free(d);

    d = doc_from_string("empty", "", NULL);
    d->text = dyad_strdup(d->arena, "");
    assert_int_equal(dyad_syntax_run(sx, d, &err), DYAD_OK);
    dyad_doc_free(d);
}

typedef struct {
    dyad_doc **docs;
    size_t n;
} job;

static void *run_job(void *v)
{
    job *j = v;
    dyad_error err;
    for (size_t i = 0; i < j->n; i++)
        if (dyad_syntax_run(sx, j->docs[i], &err)) return v;
    return NULL;
}

/* Two threads on one dyad_syntax give what one thread gives. */
static void threads_agree(void **state)
{
    (void)state;
    dyad_doc **a, **b;
    size_t na, nb;
    dyad_error err;
    const char *f = "tests/data/syntax/constructions.conllu";
    assert_int_equal(dyad_conllu_read(f, &a, &na, &err), DYAD_OK);
    assert_int_equal(dyad_conllu_read(f, &b, &nb, &err), DYAD_OK);
    job ja = {a, na}, jb = {b, nb};
    pthread_t t1, t2;
    assert_int_equal(pthread_create(&t1, NULL, run_job, &ja), 0);
    assert_int_equal(pthread_create(&t2, NULL, run_job, &jb), 0);
    void *r1, *r2;
    pthread_join(t1, &r1);
    pthread_join(t2, &r2);
    assert_null(r1);
    assert_null(r2);
    for (size_t i = 0; i < a[0]->ntokens; i++) {
        assert_int_equal(a[0]->tokens[i].head, b[0]->tokens[i].head);
        assert_string_equal(a[0]->tokens[i].deprel, b[0]->tokens[i].deprel);
        assert_string_equal(a[0]->tokens[i].xpos, b[0]->tokens[i].xpos);
    }
    check_trees(a[0]);
    dyad_doc_free(a[0]), dyad_doc_free(b[0]);
    free(a), free(b);
}

static void missing_models(void **state)
{
    (void)state;
    dyad_syntax *s;
    dyad_error err;
    assert_int_equal(dyad_syntax_load(&s, "tests/data/syntax", &err), DYAD_ERR_MODEL);
    assert_non_null(strstr(err.msg, "tagger.bin missing"));
    assert_null(s);
}

/* The floors of issue 3 on EWT test, gold tokens. */
static void ewt_test_floors(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    dyad_doc **docs;
    size_t nd;
    dyad_error err;
    assert_int_equal(dyad_conllu_read(shared_path("data/ud-english-ewt/en_ewt-ud-test.conllu"),
                                      &docs, &nd, &err), DYAD_OK);
    long n = 0, upos = 0, uas = 0, las = 0;
    for (size_t k = 0; k < nd; k++) {
        dyad_doc *d = docs[k];
        dyad_token *gold = malloc(d->ntokens * sizeof *gold);
        memcpy(gold, d->tokens, d->ntokens * sizeof *gold);
        assert_int_equal(dyad_syntax_run(sx, d, &err), DYAD_OK);
        for (size_t i = 0; i < d->ntokens; i++, n++) {
            const dyad_token *g = &gold[i], *p = &d->tokens[i];
            upos += g->upos == p->upos;
            if (g->head != p->head) continue;
            uas++;
            size_t a = strcspn(g->deprel, ":"), b = strcspn(p->deprel, ":");
            las += a == b && strncmp(g->deprel, p->deprel, a) == 0;
        }
        free(gold);
        dyad_doc_free(d);
    }
    free(docs);
    assert_int_equal(n, 25094);
    print_message("EWT test, gold tokens: UPOS %.2f UAS %.2f LAS %.2f\n", 100.0 * upos / n,
                  100.0 * uas / n, 100.0 * las / n);
    assert_true(upos * 1000 >= n * 950);
    assert_true(uas * 1000 >= n * 850);
    assert_true(las * 1000 >= n * 820);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(constructions),
        cmocka_unit_test(raw_text_trees),
        cmocka_unit_test(threads_agree),
        cmocka_unit_test(missing_models),
        cmocka_unit_test(ewt_test_floors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
