/* test_geo.c — the gazetteer and place names: the cases in
 * tests/data/geo/cases.tsv (name, country, region, GDELT feature type),
 * loading errors, FIPS codes, odd input, and the seed articles' places
 * (../shared). */
#include "testutil.h"

static dyad_gazetteer *gaz;

static int setup(void **state)
{
    (void)state;
    dyad_error err;
    return dyad_gazetteer_load(&gaz, NULL, &err) == DYAD_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    dyad_gazetteer_free(gaz);
    return 0;
}

static dyad_doc *places_of(const char *text)
{
    dyad_doc *d = doc_from_string("case", text, "2014-06-27");
    dyad_error err;
    assert_int_equal(dyad_article(d, &err), DYAD_OK);
    assert_int_equal(dyad_text(d, &err), DYAD_OK);
    assert_int_equal(dyad_places(gaz, d, &err), DYAD_OK);
    return d;
}

static void test_cases(void **state)
{
    (void)state;
    char *all = slurp("tests/data/geo/cases.tsv", NULL);
    assert_non_null(all);
    int n = 0, bad = 0;
    for (char *line = strtok(all, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = 0;
        dyad_doc *d = places_of(line);
        dyad_buf got = {0};
        for (size_t i = 0; i < d->nplaces; i++) {
            const dyad_location *l = &d->places[i].loc;
            assert_memory_equal(d->text + d->places[i].start, l->name,
                                d->places[i].end - d->places[i].start);
            dyad_buf_printf(&got, "%s%s|%s|%s|%d", i ? " ; " : "", l->name, l->country,
                            l->adm1 ? l->adm1 : "-", l->feature);
        }
        const char *g = got.s ? got.s : "";
        if (strcmp(g, tab + 1)) {
            print_message("case: %s\n  want: %s\n  got:  %s\n", line, tab + 1, g);
            bad++;
        }
        n++;
        dyad_buf_free(&got);
        dyad_doc_free(d);
    }
    free(all);
    assert_true(n >= 10);
    assert_int_equal(bad, 0);
}

/* GDELT wants FIPS 10-4 country codes and real coordinates. */
static void test_fips_and_coordinates(void **state)
{
    (void)state;
    dyad_doc *d = places_of("Flights from China to Germany, Austria and Australia resumed.");
    assert_int_equal(d->nplaces, 4);
    static const char *const fips[] = {"CH", "GM", "AU", "AS"};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(d->places[i].loc.fips, fips[i]);
        assert_int_equal(d->places[i].loc.feature, 1);
    }
    /* China's centre of population lies in its east */
    assert_true(d->places[0].loc.lat > 20 && d->places[0].loc.lat < 45);
    assert_true(d->places[0].loc.lon > 100 && d->places[0].loc.lon < 125);
    dyad_doc_free(d);
    d = places_of("The plant in Seattle closed.");
    assert_int_equal(d->nplaces, 1);
    assert_true(d->places[0].loc.geonameid > 0);
    assert_true(d->places[0].loc.lat > 47 && d->places[0].loc.lat < 48);
    dyad_doc_free(d);
}

static void test_load_errors(void **state)
{
    (void)state;
    dyad_gazetteer *g = NULL;
    dyad_error err;
    assert_int_equal(dyad_gazetteer_load(&g, "tests/data/geo/no-such-file.tsv", &err), DYAD_ERR_IO);
    assert_null(g);
    assert_int_equal(dyad_gazetteer_load(&g, "tests/data/geo/bad.tsv", &err), DYAD_ERR_MODEL);
    assert_string_equal(err.msg, "tests/data/geo/bad.tsv:2: not a gazetteer line");
    assert_int_equal(dyad_gazetteer_load(&g, "tests/data/geo/tiny.tsv", &err), DYAD_OK);
    dyad_doc *d = dyad_doc_new();
    d->text = dyad_strdup(d->arena, "The fair in Testville, Nowhere Land opened.");
    d->text_len = strlen(d->text);
    assert_int_equal(dyad_places(g, d, &err), DYAD_OK);
    assert_int_equal(d->nplaces, 2);
    assert_string_equal(d->places[0].loc.country, "XNL");
    assert_int_equal(d->places[0].loc.feature, 4);
    dyad_doc_free(d);
    dyad_gazetteer_free(g);
}

static void test_odd_input(void **state)
{
    (void)state;
    static const char *const texts[] = {"", "A", "In", "U.S", "U.S.A.", "\xe2\x80\x99",
        "\xe2\x80", "Paris,", ", Texas", "New York New York New York New York New York",
        "\xc3\xa9\xc3", "O'", "d'Ivoire", "Georgia, Georgia, Georgia", "-Beijing-"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        dyad_doc *d = places_of(texts[i]);
        for (size_t k = 0; k < d->nplaces; k++)
            assert_true(d->places[k].end <= d->text_len && d->places[k].start < d->places[k].end);
        dyad_doc_free(d);
    }
}

static void test_seeds(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    char *all = slurp("tests/data/geo/seeds.tsv", NULL);
    assert_non_null(all);
    int bad = 0;
    char *save = NULL;
    for (char *line = strtok_r(all, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#') continue;
        char *name = strchr(line, '\t');
        assert_non_null(name);
        *name++ = 0;
        char *iso = strchr(name, '\t');
        assert_non_null(iso);
        *iso++ = 0;
        char rel[256];
        snprintf(rel, sizeof rel, "seeds/%s", line);
        dyad_doc *d = doc_from_file(shared_path(rel));
        assert_non_null(d);
        dyad_error err;
        assert_int_equal(dyad_article(d, &err), DYAD_OK);
        assert_int_equal(dyad_text(d, &err), DYAD_OK);
        assert_int_equal(dyad_places(gaz, d, &err), DYAD_OK);
        int any = 0, wrong = 0;
        for (size_t k = 0; k < d->nplaces; k++)
            if (!strcmp(d->places[k].loc.name, name)) {
                any = 1;
                if (strcmp(d->places[k].loc.country, iso)) wrong = 1;
            }
        int ok = !strcmp(iso, "-") ? !any : any && !wrong;
        if (!ok) {
            print_message("seed %s: %s should be %s\n", line, name, iso);
            bad++;
        }
        dyad_doc_free(d);
    }
    free(all);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_fips_and_coordinates),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_odd_input),
        cmocka_unit_test(test_seeds),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
