/* test_conllu.c — the CoNLL-U reader: rebuilt text and offsets, multiword
 * tokens, documents and paragraphs, gold columns, bad input. */
#include "testutil.h"

static void span_is(const dyad_doc *d, const dyad_token *t, const char *want)
{
    assert_int_equal(t->end - t->start, strlen(want));
    assert_memory_equal(d->text + t->start, want, strlen(want));
}

static void documents_words_and_mwt(void **state)
{
    (void)state;
    dyad_doc **docs;
    size_t n;
    dyad_error err;
    assert_int_equal(dyad_conllu_read("tests/data/syntax/reader.conllu", &docs, &n, &err),
                     DYAD_OK);
    assert_int_equal(n, 2);
    dyad_doc *d = docs[0];
    assert_string_equal(d->id, "first");
    assert_string_equal(d->text, "They won't go, she said. don't go");
    assert_int_equal(d->nsentences, 2);
    assert_int_equal(d->ntokens, 11);
    assert_int_equal(d->sentences[0].ntok, 8);
    assert_int_equal(d->sentences[1].tok, 8);
    assert_int_equal(d->sentences[0].end - d->sentences[0].start, strlen("They won't go, she said."));
    const dyad_token *t = d->tokens;
    assert_string_equal(t[1].form, "wo");
    span_is(d, &t[1], "wo");
    span_is(d, &t[2], "n't");
    assert_int_equal(t[1].mwt_len, 2);
    assert_int_equal(t[2].mwt_len, 0);
    assert_int_equal(t[1].mwt_end - t[1].mwt_start, 5);
    assert_int_equal(t[2].space_after, 1);
    assert_int_equal(t[3].space_after, 0);
    /* gold columns */
    assert_string_equal(t[1].lemma, "will");
    assert_int_equal(t[1].upos, DYAD_AUX);
    assert_string_equal(t[1].xpos, "MD");
    assert_string_equal(t[0].feats, "Case=Nom");
    assert_null(t[1].feats);
    assert_int_equal(t[3].head, 7);
    assert_string_equal(t[3].deprel, "ccomp");
    assert_int_equal(t[6].head, 0);
    span_is(d, &t[8], "do");
    span_is(d, &t[9], "n't");

    d = docs[1];
    assert_string_equal(d->id, "second");
    assert_string_equal(d->text, "Hi\n\nBye!");
    assert_int_equal(d->nsentences, 2);
    assert_int_equal(d->ntokens, 3); /* the empty node 1.1 is not a word */
    assert_int_equal(d->sentences[1].paragraph, 1);
    span_is(d, &d->tokens[2], "!");
    for (size_t i = 0; i < n; i++) dyad_doc_free(docs[i]);
    free(docs);
}

static void bad_input(void **state)
{
    (void)state;
    dyad_doc **docs;
    size_t n;
    dyad_error err;
    assert_int_equal(dyad_conllu_read("tests/data/syntax/bad-ids.conllu", &docs, &n, &err),
                     DYAD_ERR_INPUT);
    assert_string_equal(err.msg, "tests/data/syntax/bad-ids.conllu:3: word ids must run 1, 2, 3, ...");
    assert_int_equal(dyad_conllu_read("tests/data/syntax/bad-head.conllu", &docs, &n, &err),
                     DYAD_ERR_INPUT);
    assert_non_null(strstr(err.msg, "HEAD points outside"));
    assert_int_equal(dyad_conllu_read("tests/data/empty.txt", &docs, &n, &err), DYAD_ERR_INPUT);
    assert_int_equal(dyad_conllu_read("tests/data/no-such-file", &docs, &n, &err), DYAD_ERR_IO);
    assert_int_equal(dyad_conllu_read("tests/data/reader.jsonl", &docs, &n, &err),
                     DYAD_ERR_INPUT);
}

/* Every EWT test sentence's words, with SpaceAfter, spell out its # text. */
static void ewt_text_rebuilt(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    const char *path = shared_path("data/ud-english-ewt/en_ewt-ud-test.conllu");
    dyad_doc **docs;
    size_t n, nsent = 0, ntok = 0;
    dyad_error err;
    assert_int_equal(dyad_conllu_read(path, &docs, &n, &err), DYAD_OK);
    char *all = slurp(path, NULL);
    assert_non_null(all);
    const char *p = all;
    for (size_t i = 0; i < n; i++) {
        const dyad_doc *d = docs[i];
        for (size_t s = 0; s < d->nsentences; s++, nsent++) {
            p = strstr(p, "\n# text = ");
            assert_non_null(p);
            p += 10;
            size_t len = strcspn(p, "\n");
            const dyad_sentence *se = &d->sentences[s];
            while (len && p[len - 1] == ' ') len--;
            assert_int_equal(se->end - se->start, len);
            assert_memory_equal(d->text + se->start, p, len);
            for (uint32_t k = 0; k < se->ntok; k++) {
                const dyad_token *t = &d->tokens[se->tok + k];
                assert_true(t->start >= se->start && t->end <= se->end);
                assert_true(t->head >= 0 && t->head <= (int32_t)se->ntok);
            }
        }
        ntok += d->ntokens;
        dyad_doc_free(docs[i]);
    }
    free(docs);
    free(all);
    assert_int_equal(nsent, 2077);
    assert_int_equal(ntok, 25094);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(documents_words_and_mwt),
        cmocka_unit_test(bad_input),
        cmocka_unit_test(ewt_text_rebuilt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
