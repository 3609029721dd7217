/* test_timex.c — time expressions: the cases in tests/data/timex/cases.tsv
 * (words, type and value against a given DCT), the dates the charter
 * expects from the seed articles, robustness on odd input, and the accuracy
 * floors on TempEval-3 platinum and MEANTIME (../shared). */
#include "testutil.h"
#include "../bench/timeml.h"

#include <dirent.h>

/* Runs the timex stage on text with dct (NULL or "" for none). */
static dyad_doc *run(const char *text, const char *dct)
{
    dyad_doc *d = doc_from_string("case", text, dct && *dct ? dct : NULL);
    if (!dct || !*dct) d->given_date = NULL;
    dyad_error err;
    /* a case is a sentence, not a page: no chrome removal (a lone dateline
     * would be taken as page furniture) */
    d->text = dyad_strdup(d->arena, text);
    d->text_len = strlen(text);
    d->date = d->given_date;
    assert_int_equal(dyad_text(d, &err), DYAD_OK);
    assert_int_equal(dyad_timex_find(d, dct && *dct ? dct : NULL, &err), DYAD_OK);
    return d;
}

static void test_cases(void **state)
{
    (void)state;
    char *all = slurp("tests/data/timex/cases.tsv", NULL);
    assert_non_null(all);
    int ncases = 0, bad = 0;
    for (char *line = strtok(all, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#') continue;
        char *t1 = strchr(line, '\t');
        assert_non_null(t1);
        *t1 = 0;
        char *text = t1 + 1, *t2 = strchr(text, '\t');
        assert_non_null(t2);
        *t2 = 0;
        char *want = t2 + 1;
        dyad_doc *d = run(text, line);
        dyad_buf got = {0};
        for (size_t i = 0; i < d->ntimexes; i++) {
            const dyad_timex *t = &d->timexes[i];
            assert_memory_equal(d->text + t->start, t->text, t->end - t->start);
            dyad_buf_printf(&got, "%s%s|%s|%s", i ? " ; " : "", t->text,
                            dyad_timex_type_name((dyad_timex_type)t->type), t->value);
        }
        const char *g = got.s ? got.s : "";
        if (strcmp(g, want)) {
            print_message("case: %s\n  want: %s\n  got:  %s\n", text, want, g);
            bad++;
        }
        ncases++;
        dyad_buf_free(&got);
        dyad_doc_free(d);
    }
    free(all);
    assert_true(ncases >= 25);
    assert_int_equal(bad, 0);
}

static void test_seeds(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    char *all = slurp("tests/data/timex/seeds.tsv", NULL);
    assert_non_null(all);
    int bad = 0;
    for (char *line = strtok(all, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#') continue;
        char *f[4] = {line, 0, 0, 0};
        for (int k = 1; k < 4; k++) {
            f[k] = strchr(f[k - 1], '\t');
            assert_non_null(f[k]);
            *f[k]++ = 0;
        }
        char rel[256];
        snprintf(rel, sizeof rel, "seeds/%s", f[0]);
        dyad_doc *d = doc_from_file(shared_path(rel));
        assert_non_null(d);
        dyad_error err;
        assert_int_equal(dyad_article(d, &err), DYAD_OK);
        assert_int_equal(dyad_text(d, &err), DYAD_OK);
        assert_int_equal(dyad_timex_find(d, f[1], &err), DYAD_OK);
        int found = 0;
        for (size_t i = 0; i < d->ntimexes; i++)
            if (!strcmp(d->timexes[i].text, f[2]) && !strcmp(d->timexes[i].value, f[3]))
                found = 1;
        if (!found) {
            print_message("seed %s: no \"%s\" = %s\n", f[0], f[2], f[3]);
            bad++;
        }
        dyad_doc_free(d);
    }
    free(all);
    assert_int_equal(bad, 0);
}

/* Nothing odd makes the stage crash, loop or point outside the text. */
static void test_odd_input(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "", " ", "May", "the", "the the the", "a", "last", "1999999999999999999 years ago",
        "12:", "3 p.", "p.m.", "2014-13-45 and 31/02/2014", "Feb. 30", "\xff\xfe May 5",
        "the second week of", "every", "half a", "mid-", "the end of", "99:99 GMT",
        "1/2/3/4/5", "the 0th century", "twenty-", "January 0", "Christmas Eve 1914",
    };
    const char *dcts[] = {"2014-06-27", "", "garbage", "2014-02-30", "0001-01-01"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        for (size_t k = 0; k < sizeof dcts / sizeof *dcts; k++) {
            dyad_doc *d = run(texts[i], dcts[k]);
            for (size_t j = 0; j < d->ntimexes; j++) {
                assert_true(d->timexes[j].start < d->timexes[j].end);
                assert_true(d->timexes[j].end <= d->text_len);
                assert_non_null(d->timexes[j].value);
            }
            dyad_doc_free(d);
        }
}

/* Scores every file of a gold directory (recursively one level for
 * MEANTIME's sub-corpora). */
static void score_dir(const char *dir, int meantime, tml_score *sc)
{
    DIR *dd = opendir(dir);
    assert_non_null(dd);
    struct dirent *e;
    while ((e = readdir(dd))) {
        if (e->d_name[0] == '.') continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t L = strlen(e->d_name);
        if (meantime && strncmp(e->d_name, "corpus_", 7) == 0) {
            score_dir(path, meantime, sc);
            continue;
        }
        if (L < 5 || strcmp(e->d_name + L - 4, meantime ? ".xml" : ".tml")) continue;
        tml_doc g;
        assert_int_equal(meantime ? meantime_read(path, &g) : tml_read(path, &g), 0);
        dyad_doc *d = dyad_doc_new();
        d->id = "gold";
        d->text = dyad_strndup(d->arena, g.text, g.len);
        d->text_len = g.len;
        dyad_error err;
        assert_int_equal(dyad_text(d, &err), DYAD_OK);
        assert_int_equal(dyad_timex_find(d, g.dct, &err), DYAD_OK);
        size_t n = d->ntimexes;
        size_t *ss = calloc(n + 1, sizeof *ss), *se = calloc(n + 1, sizeof *se);
        const char **ty = calloc(n + 1, sizeof *ty), **va = calloc(n + 1, sizeof *va);
        for (size_t k = 0; k < n; k++) {
            ss[k] = d->timexes[k].start;
            se[k] = d->timexes[k].end;
            ty[k] = dyad_timex_type_name((dyad_timex_type)d->timexes[k].type);
            va[k] = d->timexes[k].value;
        }
        tml_compare(sc, &g, ss, se, ty, va, n, NULL);
        free(ss); free(se); free(ty); free(va);
        dyad_doc_free(d);
        tml_free(&g);
    }
    closedir(dd);
}

static void test_platinum_floor(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    tml_score sc = {0};
    score_dir(shared_path("data/timex/te3-platinum"), 0, &sc);
    double relaxed = tml_f1(sc.relaxed, sc.gold, sc.sys), value = tml_f1(sc.value, sc.gold, sc.sys);
    print_message("te3-platinum: gold %ld, relaxed F1 %.2f, value F1 %.2f\n", sc.gold, relaxed, value);
    assert_int_equal(sc.gold, 138);
    assert_true(relaxed >= 88.0);
    assert_true(value >= 75.0);
}

static void test_meantime_floor(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    tml_score sc = {0};
    score_dir(shared_path("data/timex/meantime/intra-doc_annotation"), 1, &sc);
    double relaxed = tml_f1(sc.relaxed, sc.gold, sc.sys), value = tml_f1(sc.value, sc.gold, sc.sys);
    print_message("meantime: gold %ld, relaxed F1 %.2f, value F1 %.2f\n", sc.gold, relaxed, value);
    assert_true(relaxed >= 88.0);
    assert_true(value >= 77.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_seeds),
        cmocka_unit_test(test_odd_input),
        cmocka_unit_test(test_platinum_floor),
        cmocka_unit_test(test_meantime_floor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
