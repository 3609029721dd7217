/* test_news.c — whole news sentences through the whole coder (text, parse,
 * actors, events): the cases of tests/data/events/news.txt with the events a
 * careful coder records, at country + root level. Cases marked "# miss:" are
 * known misses: run and counted, not asserted, so the file also tracks what
 * is left to do. */
#include "testutil.h"

typedef struct {
    char name[200], date[16], miss[200];
    char expect[8][32]; /* "SRC TGT ROOTS" */
    char reject[8][32]; /* events that must not be coded */
    int nexpect, nreject, none;
    char text[1024];
} ncase;

static dyad_syntax *syn;
static dyad_coder *coder;

static int setup(void **state)
{
    (void)state;
    dyad_error err;
    dyad_coder_options opt = {0};
    if (dyad_syntax_load(&syn, NULL, &err) || dyad_coder_load(&coder, &opt, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    dyad_coder_free(coder);
    dyad_syntax_free(syn);
    return 0;
}

static int root_in(const char *roots, const char *root)
{
    for (const char *p = roots; *p; p += strcspn(p, "|"), p += *p == '|')
        if (!strncmp(p, root, 2) && (p[2] == '|' || !p[2])) return 1;
    return 0;
}

static int has_event(const dyad_doc *d, const char *spec)
{
    char s[8], t[8], roots[32];
    if (sscanf(spec, "%7s %7s %31s", s, t, roots) != 3) fail_msg("bad expect: %s", spec);
    for (size_t k = 0; k < d->nevents; k++) {
        const dyad_event *e = &d->events[k];
        if (e->modality == DYAD_NEGATED) continue;
        char es[4], et[4];
        snprintf(es, 4, "%.3s", *e->source_code ? e->source_code : "---");
        snprintf(et, 4, "%.3s", *e->target_code ? e->target_code : "---");
        if (!strcmp(es, s) && !strcmp(et, t) && root_in(roots, e->root)) return 1;
    }
    return 0;
}

static size_t asserted_events(const dyad_doc *d)
{
    size_t n = 0;
    for (size_t k = 0; k < d->nevents; k++) n += d->events[k].modality != DYAD_NEGATED;
    return n;
}

/* 1 when the case's expectations hold; prints what dyad coded when not. */
static int run_case(const ncase *c)
{
    dyad_pipeline p = {.syntax = syn, .coder = coder, .timex = 1};
    dyad_doc *d = dyad_doc_new();
    d->id = dyad_strdup(d->arena, c->name);
    d->raw = dyad_strdup(d->arena, c->text);
    d->raw_len = strlen(c->text);
    d->given_date = *c->date ? dyad_strdup(d->arena, c->date) : NULL;
    dyad_error err;
    assert_int_equal(dyad_process(&p, d, &err), DYAD_OK);
    int ok = c->none ? asserted_events(d) == 0 : 1;
    for (int i = 0; i < c->nexpect; i++) ok &= has_event(d, c->expect[i]);
    for (int i = 0; i < c->nreject; i++) ok &= !has_event(d, c->reject[i]);
    if (!ok) {
        print_message("%s: %s\n", c->miss[0] ? "known miss" : "FAIL", c->name);
        for (size_t k = 0; k < d->nevents; k++)
            print_message("   coded %s %s %s %s | %s\n", d->events[k].source_code,
                          d->events[k].target_code, d->events[k].code,
                          dyad_modality_name((dyad_modality)d->events[k].modality),
                          d->events[k].explain);
    }
    dyad_doc_free(d);
    return ok;
}

static void test_news_cases(void **state)
{
    (void)state;
    char *src = slurp("tests/data/events/news.txt", NULL);
    assert_non_null(src);
    ncase c;
    memset(&c, 0, sizeof c);
    int ncases = 0, passed = 0, failed = 0, known = 0, known_passed = 0;
    for (char *line = strtok(src, "\n"); line; line = strtok(NULL, "\n")) {
        if (!strncmp(line, "# case: ", 8)) {
            memset(&c, 0, sizeof c);
            snprintf(c.name, sizeof c.name, "%s", line + 8);
        } else if (!strncmp(line, "# date: ", 8)) {
            snprintf(c.date, sizeof c.date, "%s", line + 8);
        } else if (!strncmp(line, "# miss: ", 8)) {
            snprintf(c.miss, sizeof c.miss, "%s", line + 8);
        } else if (!strcmp(line, "# expect: none")) {
            c.none = 1;
        } else if (!strncmp(line, "# expect: ", 10)) {
            assert_true(c.nexpect < 8);
            snprintf(c.expect[c.nexpect++], 32, "%s", line + 10);
        } else if (!strncmp(line, "# reject: ", 10)) {
            assert_true(c.nreject < 8);
            snprintf(c.reject[c.nreject++], 32, "%s", line + 10);
        } else if (line[0] != '#' && c.name[0]) {
            snprintf(c.text, sizeof c.text, "%s", line);
            int ok = run_case(&c);
            ncases++;
            if (c.miss[0]) {
                known++;
                known_passed += ok;
            } else {
                passed += ok;
                failed += !ok;
            }
            c.name[0] = 0;
        }
    }
    free(src);
    print_message("news cases: %d of %d asserted cases pass; %d of %d known misses now pass\n",
                  passed, ncases - known, known_passed, known);
    assert_true(ncases >= 20);
    assert_int_equal(failed, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_news_cases),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
