/* test_patterns.c — the pattern dictionaries' own cases
 * (tests/data/events/patterns.txt): for each general way of saying an
 * event that a pattern line covers, a hand-made parse of an own sentence
 * and the events it must (or must not) yield. Same format as
 * constructions.txt, which tests the engine; these test the words. */
#include "testutil.h"
#include "eventdoc.h"
#include "events.h"

static dyad_event_dict *dict;

typedef struct {
    char name[200];
    char expect[16][80];
    int nexpect, none;
    dyad_buf conllu;
} tcase;

/* "FORM LEMMA UPOS HEAD DEPREL [Actor=CODE] [XPOS=TAG]" → a CoNLL-U line. */
static void add_word(tcase *c, const char *line, int idx)
{
    char f[7][128] = {{0}};
    int n = sscanf(line, "%127s %127s %127s %127s %127s %127s %127s", f[0], f[1], f[2],
                   f[3], f[4], f[5], f[6]);
    assert_true(n >= 5);
    const char *misc = "_", *xpos = "_";
    for (int k = 5; k < n; k++) {
        if (strncmp(f[k], "XPOS=", 5) == 0) xpos = f[k] + 5;
        else misc = f[k];
    }
    dyad_buf_printf(&c->conllu, "%d\t%s\t%s\t%s\t%s\t_\t%s\t%s\t_\t%s\n", idx, f[0], f[1],
                    f[2], xpos, f[3], f[4], misc);
}

static int run_case(tcase *c)
{
    dyad_doc *d = dyad_doc_new();
    d->id = "case";
    eventdoc_add_sentence(d, c->conllu.s);
    dyad_error err;
    assert_int_equal(dyad_events_find(dict, d, &err), DYAD_OK);
    char got[64][80];
    size_t ng = d->nevents < 64 ? d->nevents : 64;
    for (size_t i = 0; i < ng; i++) {
        const dyad_event *e = &d->events[i];
        snprintf(got[i], sizeof got[i], "%s %s %s %s", *e->source_code ? e->source_code : "-",
                 *e->target_code ? e->target_code : "-", e->code,
                 dyad_modality_name((dyad_modality)e->modality));
    }
    int ok = c->none ? ng == 0 : (int)ng == c->nexpect;
    for (int k = 0; !c->none && k < c->nexpect && ok; k++) {
        int found = 0;
        for (size_t i = 0; i < ng; i++) found |= strcmp(got[i], c->expect[k]) == 0;
        ok = found;
    }
    if (!ok) {
        print_error("case '%s': expected", c->name);
        if (c->none) print_error(" none");
        for (int k = 0; k < c->nexpect; k++) print_error(" [%s]", c->expect[k]);
        print_error("; got");
        for (size_t i = 0; i < ng; i++) print_error(" [%s] (%s)", got[i], d->events[i].explain);
        print_error("\n");
    }
    dyad_doc_free(d);
    return ok;
}

static void pattern_cases(void **state)
{
    (void)state;
    dyad_error err;
    assert_int_equal(dyad_event_dict_load(&dict, NULL, &err), DYAD_OK);
    char *text = slurp("tests/data/events/patterns.txt", NULL);
    assert_non_null(text);
    tcase c;
    memset(&c, 0, sizeof c);
    int idx = 0, ncases = 0, failed = 0;
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        if (strncmp(line, "# case: ", 8) == 0) {
            snprintf(c.name, sizeof c.name, "%s", line + 8);
        } else if (strncmp(line, "# expect: ", 10) == 0) {
            if (strcmp(line + 10, "none") == 0) c.none = 1;
            else if (c.nexpect < 16) snprintf(c.expect[c.nexpect++], 80, "%s", line + 10);
        } else if (line[0] && line[0] != '#') {
            add_word(&c, line, ++idx);
        }
        if ((!line[0] || !next) && idx) {
            ncases++;
            failed += !run_case(&c);
            dyad_buf_free(&c.conllu);
            memset(&c, 0, sizeof c);
            idx = 0;
        }
    }
    dyad_buf_free(&c.conllu);
    free(text);
    dyad_event_dict_free(dict);
    print_message("patterns: %d cases, %d failed\n", ncases, failed);
    assert_true(ncases >= 5);
    assert_int_equal(failed, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pattern_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
