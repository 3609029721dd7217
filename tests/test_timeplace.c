/* test_timeplace.c — each event's date and place from hand-parsed
 * sentences (tests/data/timeplace/events.conllu, expected values in
 * events.tsv): the time expression its clause attaches to it, not one
 * attached to another event; the place attached by "in"; else the
 * publication date and the dateline's place. Also the fallbacks without a
 * parse. */
#include "testutil.h"

typedef struct {
    uint32_t sent;
    char word[32], date[32], text[32], place[32], iso[8];
} want;

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

static size_t read_wants(want *w, size_t cap)
{
    char *all = slurp("tests/data/timeplace/events.tsv", NULL);
    assert_non_null(all);
    size_t n = 0;
    char *save = NULL;
    for (char *line = strtok_r(all, "\n", &save); line && n < cap; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#') continue;
        char *f[6] = {line};
        for (int k = 1; k < 6; k++) {
            f[k] = strchr(f[k - 1], '\t');
            assert_non_null(f[k]);
            *f[k]++ = 0;
        }
        w[n].sent = (uint32_t)atoi(f[0]);
        snprintf(w[n].word, sizeof w[n].word, "%s", f[1]);
        snprintf(w[n].date, sizeof w[n].date, "%s", f[2]);
        snprintf(w[n].text, sizeof w[n].text, "%s", f[3]);
        snprintf(w[n].place, sizeof w[n].place, "%s", f[4]);
        snprintf(w[n].iso, sizeof w[n].iso, "%s", f[5]);
        n++;
    }
    free(all);
    return n;
}

/* The document with one event per expected row, its verb found by form. */
static dyad_doc *load(const want *w, size_t n, int keep_parse)
{
    dyad_doc **docs;
    size_t nd;
    dyad_error err;
    assert_int_equal(dyad_conllu_read("tests/data/timeplace/events.conllu", &docs, &nd, &err), DYAD_OK);
    assert_int_equal(nd, 1);
    dyad_doc *d = docs[0];
    free(docs);
    d->date = "2014-06-27";
    d->dateline = "WASHINGTON";
    if (!keep_parse)
        for (size_t k = 0; k < d->ntokens; k++) { d->tokens[k].head = -1; d->tokens[k].deprel = NULL; }
    d->events = dyad_alloc(d->arena, n * sizeof *d->events);
    d->nevents = n;
    for (size_t i = 0; i < n; i++) {
        const dyad_sentence *s = &d->sentences[w[i].sent];
        int found = 0;
        for (uint32_t k = s->tok; k < s->tok + s->ntok; k++)
            if (!strcmp(d->tokens[k].form, w[i].word)) { d->events[i].verb = k; found = 1; }
        assert_true(found);
        d->events[i].sent = w[i].sent;
    }
    assert_int_equal(dyad_timex_find(d, NULL, &err), DYAD_OK);
    assert_int_equal(dyad_places(gaz, d, &err), DYAD_OK);
    assert_int_equal(dyad_timeplace(d, &err), DYAD_OK);
    return d;
}

static void test_parsed(void **state)
{
    (void)state;
    want w[32];
    size_t n = read_wants(w, 32);
    assert_true(n >= 7);
    dyad_doc *d = load(w, n, 1);
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        const dyad_event *e = &d->events[i];
        const char *place = e->has_location ? e->location.name : "-";
        const char *iso = e->has_location ? e->location.country : "-";
        if (strcmp(e->date ? e->date : "", w[i].date) || strcmp(e->date_text, w[i].text) ||
            strcmp(place, w[i].place) || strcmp(iso, w[i].iso)) {
            print_message("event %s: want %s \"%s\" %s %s, got %s \"%s\" %s %s\n", w[i].word,
                          w[i].date, w[i].text, w[i].place, w[i].iso, e->date, e->date_text, place, iso);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
    /* the GDELT columns have what they need */
    assert_string_equal(d->events[2].location.fips, "US");
    assert_int_equal(d->events[2].location.feature, 2);
    assert_string_equal(d->events[2].location.adm1, "US-CA");
    dyad_doc_free(d);
}

/* Without a parse: the nearest date of the sentence, a place after "in". */
static void test_unparsed(void **state)
{
    (void)state;
    want w[32];
    size_t n = read_wants(w, 32);
    dyad_doc *d = load(w, n, 0);
    for (size_t i = 0; i < n; i++) {
        const dyad_event *e = &d->events[i];
        if (!strcmp(w[i].word, "suspended")) {
            assert_string_equal(e->date, "2014-05"); /* the parse is what tells it apart */
            continue;
        }
        assert_string_equal(e->date, w[i].date);
        assert_string_equal(e->location.country, w[i].iso);
    }
    dyad_doc_free(d);
}

/* No date anywhere and no dateline: publication date, no location. */
static void test_nothing(void **state)
{
    (void)state;
    dyad_doc *d = doc_from_string("none", "Rebels attacked a convoy.", NULL);
    dyad_error err;
    assert_int_equal(dyad_article(d, &err), DYAD_OK);
    assert_int_equal(dyad_text(d, &err), DYAD_OK);
    d->date = "2014-06-27T12:08:00+05:30";
    d->events = dyad_alloc(d->arena, sizeof *d->events);
    d->nevents = 1;
    d->events[0].verb = 1;
    assert_int_equal(dyad_timex_find(d, NULL, &err), DYAD_OK);
    assert_int_equal(dyad_places(gaz, d, &err), DYAD_OK);
    assert_int_equal(dyad_timeplace(d, &err), DYAD_OK);
    assert_string_equal(d->events[0].date, "2014-06-27");
    assert_string_equal(d->events[0].date_text, "");
    assert_int_equal(d->events[0].has_location, 0);
    dyad_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parsed),
        cmocka_unit_test(test_unparsed),
        cmocka_unit_test(test_nothing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
