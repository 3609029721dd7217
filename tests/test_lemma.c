/* test_lemma.c — the lemmatiser on regular verb forms it has not seen in
 * training (tests/data/lemma/inflected.tsv): the event patterns are
 * lemmas, so a garbled lemma ("bombe", "rul") loses the event. */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inflected_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
