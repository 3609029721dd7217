/* test_events.c — the events stage: the construction cases of
 * tests/data/events/constructions.txt and the pattern cases of
 * tests/data/events/patterns.txt (hand-made parses with expected events),
 * the pattern dictionaries (clean, every CAMEO code covered, user files
 * with bad lines reported), the CAMEO table, explanations, and the
 * GDELT / PLOVER writers. */
#include "testutil.h"
#include "eventdoc.h"
#include "events.h"
#include "../bench/gsr.h"

static dyad_event_dict *dict;

static int setup(void **state)
{
    (void)state;
    dyad_error err;
    return dyad_event_dict_load(&dict, NULL, &err) == DYAD_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    dyad_event_dict_free(dict);
    return 0;
}

/* One case of constructions.txt turned into CoNLL-U lines. */
typedef struct {
    char name[200];
    char expect[16][80];
    int nexpect;
    int none;
    dyad_buf conllu;
} tcase;

/* "FORM LEMMA UPOS HEAD DEPREL [Actor=CODE] [XPOS=TAG]" → a CoNLL-U line. */
static void compact_to_conllu(tcase *c, const char *line, int idx)
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

static void event_line(const dyad_event *e, char *out, size_t cap)
{
    snprintf(out, cap, "%s %s %s %s", *e->source_code ? e->source_code : "-",
             *e->target_code ? e->target_code : "-", e->code,
             dyad_modality_name((dyad_modality)e->modality));
}

static int run_case(tcase *c)
{
    dyad_doc *d = dyad_doc_new();
    d->id = "case";
    eventdoc_add_sentence(d, c->conllu.s);
    dyad_error err;
    assert_int_equal(dyad_events_find(dict, d, &err), DYAD_OK);
    int ok = 1;
    char got[64][80];
    size_t ng = d->nevents < 64 ? d->nevents : 64;
    for (size_t i = 0; i < ng; i++) {
        event_line(&d->events[i], got[i], sizeof got[i]);
        assert_non_null(d->events[i].explain);
        assert_true(strlen(d->events[i].explain) > 0);
    }
    if (c->none) ok = d->nevents == 0;
    else {
        ok = (int)ng == c->nexpect;
        for (int k = 0; k < c->nexpect && ok; k++) {
            int found = 0;
            for (size_t i = 0; i < ng; i++) found |= strcmp(got[i], c->expect[k]) == 0;
            ok = found;
        }
    }
    if (!ok) {
        print_error("case '%s': expected", c->name);
        if (c->none) print_error(" none");
        for (int k = 0; k < c->nexpect; k++) print_error(" [%s]", c->expect[k]);
        print_error("; got");
        for (size_t i = 0; i < ng; i++)
            print_error(" [%s] (%s)", got[i], d->events[i].explain);
        print_error("\n");
    }
    dyad_doc_free(d);
    return ok;
}

/* Every case of a case file; returns how many there were and fails the
 * test if any went wrong. */
static int run_case_file(const char *path)
{
    char *text = slurp(path, NULL);
    assert_non_null(text);
    tcase c;
    memset(&c, 0, sizeof c);
    int idx = 0, ncases = 0, failed = 0, incase = 0;
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        if (strncmp(line, "# case: ", 8) == 0) {
            snprintf(c.name, sizeof c.name, "%s", line + 8);
            incase = 1;
        } else if (strncmp(line, "# expect: ", 10) == 0) {
            if (strcmp(line + 10, "none") == 0) c.none = 1;
            else if (c.nexpect < 16) snprintf(c.expect[c.nexpect++], 80, "%s", line + 10);
        } else if (line[0] && line[0] != '#') {
            compact_to_conllu(&c, line, ++idx);
        } else if (!line[0] || !next) {
            if (incase && idx) {
                ncases++;
                failed += !run_case(&c);
            }
            dyad_buf_free(&c.conllu);
            memset(&c, 0, sizeof c);
            idx = incase = 0;
        }
    }
    if (incase && idx) { ncases++; failed += !run_case(&c); }
    dyad_buf_free(&c.conllu);
    free(text);
    print_message("%s: %d cases, %d failed\n", path, ncases, failed);
    assert_int_equal(failed, 0);
    return ncases;
}

/* The engine: one construction per case. */
static void test_constructions(void **state)
{
    (void)state;
    assert_true(run_case_file("tests/data/events/constructions.txt") >= 20);
}

/* The dictionaries: for each general way of saying an event that a
 * pattern line covers, an own sentence and what it must (not) yield. */
static void test_pattern_cases(void **state)
{
    (void)state;
    assert_true(run_case_file("tests/data/events/patterns.txt") >= 5);
}

static void test_dictionary_clean_and_complete(void **state)
{
    (void)state;
    assert_int_equal(dyad_event_dict_own_errors(dict), 0);
    assert_true(dyad_event_dict_size(dict) > 1000);
    /* every code of the codebook (the two-digit roots are headings) */
    size_t len;
    char *tsv = slurp("data/cameo/cameo.tsv", &len);
    assert_non_null(tsv);
    int missing = 0, codes = 0;
    for (char *line = tsv, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        if (*line == '#') continue;
        char code[8];
        if (sscanf(line, "%7s", code) != 1 || strlen(code) < 3) continue;
        codes++;
        if (!dyad_event_dict_has_code(dict, code)) {
            print_error("no pattern for CAMEO %s\n", code);
            missing++;
        }
    }
    free(tsv);
    assert_true(codes > 280);
    assert_int_equal(missing, 0);
}

static void test_user_verbs_bad_lines(void **state)
{
    (void)state;
    const char *path = "build/test_events_verbs.txt";
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("# user patterns\n"
          "0233 beseech xcomp=airlift\n"
          "9999 frobnicate\n"
          "042 visit obj==\n"
          "042\n"
          "020 nag bogus=thing\n",
          f);
    fclose(f);
    char *wbuf = NULL;
    size_t wlen = 0;
    FILE *warn = open_memstream(&wbuf, &wlen);
    const char *files[] = {path, NULL};
    dyad_coder_options opt = {.verb_files = files, .replace = 1, .warnings = warn};
    dyad_event_dict *d;
    dyad_error err;
    assert_int_equal(dyad_event_dict_load(&d, &opt, &err), DYAD_OK);
    fclose(warn);
    assert_int_equal(dyad_event_dict_size(d), 2);   /* beseech, visit obj==... */
    assert_non_null(strstr(wbuf, ":3: not a CAMEO code"));
    assert_non_null(strstr(wbuf, ":5: a pattern needs"));
    assert_non_null(strstr(wbuf, ":6: unknown requirement"));
    free(wbuf);
    dyad_event_dict_free(d);
    const char *missing[] = {"build/no/such/verbs.txt", NULL};
    dyad_coder_options opt2 = {.verb_files = missing};
    assert_int_equal(dyad_event_dict_load(&d, &opt2, &err), DYAD_ERR_IO);
    assert_null(d);
    assert_non_null(strstr(err.msg, "build/no/such/verbs.txt"));
}

static void test_cameo_table(void **state)
{
    (void)state;
    const dyad_cameo *c = dyad_cameo_lookup("190");
    assert_non_null(c);
    assert_int_equal(c->quad_class, 4);
    assert_true(c->goldstein == -10.0);
    assert_string_equal(c->plover, "FIGHT");
    c = dyad_cameo_lookup("042");
    assert_non_null(c);
    assert_int_equal(c->quad_class, 1);
    assert_string_equal(c->plover, "CONSULT");
    c = dyad_cameo_lookup("0874");
    assert_non_null(c);
    assert_int_equal(c->quad_class, 2);
    assert_string_equal(c->plover, "RETREAT");
    c = dyad_cameo_lookup("112");
    assert_int_equal(c->quad_class, 3);
    assert_string_equal(c->plover, "ACCUSE");
    assert_null(dyad_cameo_lookup("999"));
    assert_null(dyad_cameo_lookup(""));
    assert_null(dyad_cameo_lookup(NULL));
}

/* The sentence "Kerry visited China ." coded and written three ways. */
static dyad_doc *visit_doc(void)
{
    dyad_doc *d = dyad_doc_new();
    d->id = "doc1";
    d->date = "2014-06-27";
    eventdoc_add_sentence(d, "1\tKerry\tKerry\tPROPN\t_\t_\t2\tnsubj\t_\tActor=USAGOV\n"
                             "2\tvisited\tvisit\tVERB\t_\t_\t0\troot\t_\t_\n"
                             "3\tChina\tChina\tPROPN\t_\t_\t2\tobj\t_\tActor=CHN\n");
    dyad_error err;
    assert_int_equal(dyad_events_find(dict, d, &err), DYAD_OK);
    assert_int_equal(d->nevents, 1);
    return d;
}

static void test_explain(void **state)
{
    (void)state;
    dyad_doc *d = visit_doc();
    const dyad_event *e = &d->events[0];
    assert_string_equal(e->code, "042");
    assert_string_equal(e->root, "04");
    assert_string_equal(e->plover, "CONSULT");
    assert_string_equal(e->source_text, "Kerry");
    assert_string_equal(e->target_text, "China");
    assert_int_equal(e->verb, 1);
    assert_non_null(strstr(e->explain, "verb \"visit\""));
    assert_non_null(strstr(e->explain, "042"));
    assert_non_null(strstr(e->explain, "visited(2)"));
    assert_non_null(strstr(e->explain, "China(3)"));
    dyad_doc_free(d);
}

static void test_gdelt_row(void **state)
{
    (void)state;
    dyad_doc *d = visit_doc();
    dyad_buf b = {0};
    dyad_out_events_gdelt(&b, d);
    assert_non_null(b.s);
    int tabs = 0;
    for (size_t i = 0; i < b.len; i++) tabs += b.s[i] == '\t';
    assert_int_equal(tabs, 60);                  /* 61 columns */
    assert_int_equal(b.s[b.len - 1], '\n');
    char *cols[61];
    int n = 0;
    for (char *p = b.s; n < 61;) {
        cols[n++] = p;
        char *t = strpbrk(p, "\t\n");
        if (!t) break;
        *t = 0;
        p = t + 1;
    }
    assert_int_equal(n, 61);
    assert_string_equal(cols[1], "20140627");    /* SQLDATE */
    assert_string_equal(cols[2], "201406");
    assert_string_equal(cols[3], "2014");
    assert_string_equal(cols[5], "USAGOV");      /* Actor1Code */
    assert_string_equal(cols[7], "USA");         /* Actor1CountryCode */
    assert_string_equal(cols[12], "GOV");        /* Actor1Type1Code */
    assert_string_equal(cols[15], "CHN");        /* Actor2Code */
    assert_string_equal(cols[26], "042");        /* EventCode */
    assert_string_equal(cols[27], "042");
    assert_string_equal(cols[28], "04");
    assert_string_equal(cols[29], "1");          /* QuadClass */
    assert_string_equal(cols[31], "1");          /* NumMentions */
    assert_true(strlen(cols[0]) > 0);
    dyad_buf b2 = {0};
    dyad_out_events_gdelt(&b2, d);               /* same id every time */
    assert_true(strncmp(b2.s, cols[0], strlen(cols[0])) == 0);
    dyad_buf_free(&b2);
    dyad_buf_free(&b);
    dyad_doc_free(d);
}

static void test_plover_json(void **state)
{
    (void)state;
    dyad_doc *d = visit_doc();
    dyad_buf b = {0};
    dyad_out_events_plover(&b, d);
    assert_non_null(b.s);
    assert_non_null(strstr(b.s, "\"event\":\"CONSULT\""));
    assert_non_null(strstr(b.s, "\"code\":\"USA\""));
    assert_non_null(strstr(b.s, "\"sector\":\"GOV\""));
    assert_non_null(strstr(b.s, "\"cameo\":\"042\""));
    assert_non_null(strstr(b.s, "\"date\":\"2014-06-27\""));
    assert_int_equal(b.s[b.len - 1], '\n');
    dyad_buf_free(&b);
    dyad_doc_free(d);
}

/* Malformed and random trees (cycles, heads out of range, any relation)
 * must neither crash nor hang the matcher. */
static void test_random_trees(void **state)
{
    (void)state;
    static const char *const rels[] = {"nsubj", "obj", "obl", "nmod", "xcomp", "ccomp",
                                       "conj", "acl", "acl:relcl", "advcl", "case",
                                       "mark", "aux", "aux:pass", "nsubj:pass",
                                       "compound", "amod", "obl:agent", "root", "parataxis"};
    static const char *const lemmas[] = {"attack", "urge", "talk", "meet", "say", "not",
                                         "to", "with", "on", "by", "will", "who", "China",
                                         "kill", "receive", "from", "in", "must"};
    static const char *const upos[] = {"VERB", "NOUN", "PROPN", "ADP", "AUX", "PART", "PRON",
                                       "ADJ"};
    unsigned seed = 12345;
    for (int round = 0; round < 300; round++) {
        dyad_doc *d = dyad_doc_new();
        d->id = "random";
        dyad_buf b = {0};
        int n = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 40;
        for (int i = 1; i <= n; i++) {
            unsigned r = (seed = seed * 1103515245u + 12345u) >> 8;
            const char *lem = lemmas[r % 18];
            dyad_buf_printf(&b, "%d\t%s\t%s\t%s\t_\t_\t%d\t%s\t_\t%s\n", i, lem, lem,
                            upos[(r >> 5) % 8], (int)((r >> 9) % (unsigned)(n + 3)) - 1,
                            rels[(r >> 13) % 20], (r >> 3) % 3 == 0 ? "Actor=USA" : "_");
        }
        eventdoc_add_sentence(d, b.s);
        dyad_buf_free(&b);
        dyad_error err;
        assert_int_equal(dyad_events_find(dict, d, &err), DYAD_OK);
        for (size_t i = 0; i < d->nevents; i++) assert_non_null(d->events[i].explain);
        dyad_doc_free(d);
    }
}

static const char *GSR = "data/eventdata/universalpetrarch/PETR2_GSR_validation.xml";
static const char *PLOVER = "data/eventdata/plover/PLOVER_GSR_CAMEO.txt";

/* The events stage on the GSR's own (gold) parses, actors from the Phoenix
 * dictionaries when the actors stage finds none: a regression floor for
 * this stage alone, below what it measured when last tuned (0.663). */
static void test_gsr_gold_parse_floor(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    dyad_coder *coder;
    dyad_error err;
    assert_int_equal(dyad_coder_load(&coder, NULL, &err), DYAD_OK);
    assert_int_equal(gsr_load_fallback(shared_path("data/eventdata/petrarch2")), 0);
    tally T = {0};
    dyad_pipeline p = {.coder = coder};
    assert_int_equal(gsr_petr2(&p, coder, shared_path(GSR), 1, &T, 0), 0);
    use_fallback = 0;
    print_message("PETR2 GSR gold parses: country+root F1 %.3f, exact F1 %.3f\n",
                  gsr_f1(&T, 1), gsr_f1(&T, 0));
    assert_int_equal(T.records, 78);
    assert_true(gsr_f1(&T, 1) >= 0.64);
    dyad_coder_free(coder);
}

/* The whole pipeline needs the parser and the actors stage: skip until
 * both are there (a sentence with two countries gets parsed and two
 * actors). */
static int pipeline_ready(const dyad_pipeline *p)
{
    dyad_doc *d = doc_from_string("probe", "Russia attacked Ukraine on Monday.", "2014-01-01");
    dyad_error err;
    int ok = dyad_process(p, d, &err) == DYAD_OK && d->ntokens > 0 &&
             d->tokens[0].head >= 0 && d->nactors >= 2;
    dyad_doc_free(d);
    return ok;
}

/* End to end (parsing included). Issue 4 asks for country+root F1 >= 0.65
 * and PLOVER recall >= 0.60; both floors are the (measured 0.655
 * and 0.634 on 2026-12-04). */
static void test_gsr_floor(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    dyad_syntax *syn;
    dyad_coder *coder;
    dyad_error err;
    if (dyad_syntax_load(&syn, NULL, &err)) {
        print_message("skipped: no syntax models (%s)\n", err.msg);
        skip();
    }
    assert_int_equal(dyad_coder_load(&coder, NULL, &err), DYAD_OK);
    dyad_pipeline p = {.syntax = syn, .coder = coder};
    if (!pipeline_ready(&p)) {
        dyad_coder_free(coder);
        dyad_syntax_free(syn);
        print_message("skipped: parser or actors stage not there yet\n");
        skip();
    }
    tally T = {0};
    assert_int_equal(gsr_petr2(&p, coder, shared_path(GSR), 0, &T, 0), 0);
    print_message("PETR2 GSR end to end: country+root F1 %.3f, exact F1 %.3f\n",
                  gsr_f1(&T, 1), gsr_f1(&T, 0));
    double rec = 0, prec = 0;
    assert_int_equal(gsr_plover(&p, coder, shared_path(PLOVER), &rec, &prec, 0), 0);
    print_message("PLOVER GSR end to end: recall %.3f, precision %.3f\n", rec, prec);
    dyad_coder_free(coder);
    dyad_syntax_free(syn);
    assert_true(gsr_f1(&T, 1) >= 0.65);
    assert_true(rec >= 0.60);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_constructions),
        cmocka_unit_test(test_pattern_cases),
        cmocka_unit_test(test_dictionary_clean_and_complete),
        cmocka_unit_test(test_user_verbs_bad_lines),
        cmocka_unit_test(test_cameo_table),
        cmocka_unit_test(test_explain),
        cmocka_unit_test(test_gdelt_row),
        cmocka_unit_test(test_plover_json),
        cmocka_unit_test(test_random_trees),
        cmocka_unit_test(test_gsr_gold_parse_floor),
        cmocka_unit_test(test_gsr_floor),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
