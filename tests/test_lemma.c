/* test_lemma.c — the lemmatiser on regular verb forms it has not seen in
 * training (tests/data/lemma/inflected.tsv): the event patterns are
 * lemmas, so a garbled lemma ("bombe", "rul") loses the event; and the
 * per-thread memo of answers (tests/data/lemma/memo.tsv). */
#include "testutil.h"

#include "internal.h"
#include "syntax.h"

static void inflected_forms(void **state)
{
    (void)state;
    dyad_syntax *sx;
    dyad_error err;
    assert_int_equal(dyad_syntax_load(&sx, NULL, &err), DYAD_OK);
    char *text = slurp("tests/data/lemma/inflected.tsv", NULL);
    assert_non_null(text);
    dyad_arena *a = dyad_arena_new();
    int n = 0, bad = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#') continue;
        char form[64], xpos[8], want[64];
        assert_int_equal(sscanf(line, "%63s %7s %63s", form, xpos, want), 3);
        const char *got = lexicon_lemma(sx->lex, a, form, "VERB", xpos);
        if (strcmp(got, want) != 0) {
            print_message("%s/%s: lemma %s, want %s\n", form, xpos, got, want);
            bad++;
        }
        n++;
    }
    assert_true(n > 40);
    assert_int_equal(bad, 0);
    dyad_arena_free(a);
    free(text);
    dyad_syntax_free(sx);
}

/* The answers kept per thread are the lexicon's: the same cold and warm,
 * whichever of lemma and features is asked first, for the same word under
 * other tags, and after the lexicon is freed and loaded again. */
static void memo_answers(void **state)
{
    (void)state;
    char *text = slurp("tests/data/lemma/memo.tsv", NULL);
    assert_non_null(text);
    char form[64][64], upos[64][8], xpos[64][8], lemma[64][64], feats[64][128];
    int n = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#') continue;
        assert_true(n < 64);
        assert_int_equal(sscanf(line, "%63s %7s %7s %63s %127s", form[n], upos[n], xpos[n],
                                lemma[n], feats[n]), 5);
        n++;
    }
    assert_true(n > 20);
    for (int load = 0; load < 2; load++) {
        dyad_syntax *sx;
        dyad_error err;
        assert_int_equal(dyad_syntax_load(&sx, NULL, &err), DYAD_OK);
        dyad_arena *a = dyad_arena_new();
        for (int round = 0; round < 3; round++)
            for (int i = 0; i < n; i++) {
                const char *f = NULL, *l;
                if (round == 1) f = lexicon_feats(sx->lex, form[i], upos[i], xpos[i]);
                l = lexicon_lemma(sx->lex, a, form[i], upos[i], xpos[i]);
                if (round != 1) f = lexicon_feats(sx->lex, form[i], upos[i], xpos[i]);
                assert_string_equal(l, lemma[i]);
                assert_string_equal(f ? f : "_", feats[i]);
            }
        dyad_arena_free(a);
        dyad_syntax_free(sx);
    }
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inflected_forms),
        cmocka_unit_test(memo_answers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
