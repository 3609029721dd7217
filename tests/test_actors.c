/* test_actors.c — the actors stage: mentions and codes on hand-parsed
 * sentences (tests/data/actors/docs.conllu, expectations in expected.txt),
 * phrases without a parse, PETRARCH-format dictionaries with their
 * warnings, and on ../shared: the Phoenix dictionaries, the PETR2 GSR
 * gold actors (recall floors) and the seed articles. */
#include "testutil.h"
#include "actors.h"
#include "actors_conllu.h"

#define DATA "tests/data/actors/"

static dyad_actor_dict *load(const char *const *actors, const char *const *agents,
                             int replace, FILE *warnings)
{
    dyad_coder_options opt = { .actor_files = actors, .agent_files = agents,
                               .replace = replace, .warnings = warnings };
    dyad_actor_dict *d = NULL;
    dyad_error err;
    dyad_status st = dyad_actor_dict_load(&d, &opt, &err);
    if (st) print_message("%s\n", err.msg);
    assert_int_equal(st, DYAD_OK);
    return d;
}

/* Check every expectation of expected.txt whose doc is in docs. */
static int check_mentions(const dyad_actor_dict *d, dyad_doc **docs, size_t ndocs)
{
    char *exp = slurp(DATA "expected.txt", NULL);
    assert_non_null(exp);
    int checked = 0, failed = 0;
    /* dates first, then run the stage once per doc */
    for (char *line = exp; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = 0;
        char doc[64], date[32];
        if (sscanf(line, "@date %63s %31s", doc, date) == 2)
            for (size_t i = 0; i < ndocs; i++)
                if (strcmp(docs[i]->id, doc) == 0)
                    docs[i]->date = dyad_strdup(docs[i]->arena, date);
        if (nl) *nl = '\n';
        line = nl ? nl + 1 : NULL;
    }
    dyad_error err;
    for (size_t i = 0; i < ndocs; i++)
        assert_int_equal(dyad_actors_find(d, docs[i], &err), DYAD_OK);
    for (char *line = exp; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = 0;
        char doc[64], head[64], code[32], how[128] = "";
        unsigned sent;
        if (line[0] != '#' && line[0] != '@' &&
            sscanf(line, "%63s %u %63s %31s %127[^\n]", doc, &sent, head, code, how) >= 4) {
            for (size_t i = 0; i < ndocs; i++) {
                if (strcmp(docs[i]->id, doc) != 0) continue;
                const dyad_doc *dd = docs[i];
                const dyad_actor *hit = NULL;
                for (size_t k = 0; k < dd->nactors; k++)
                    if (dd->actors[k].sent == sent &&
                        strcmp(dd->tokens[dd->actors[k].head].form, head) == 0)
                        hit = &dd->actors[k];
                const char *want = strcmp(code, "empty") == 0 ? "" : code;
                int ok = strcmp(code, "-") == 0 ? hit == NULL
                       : hit && strcmp(hit->code, want) == 0 &&
                         (!how[0] || strstr(hit->how, how));
                if (!ok) {
                    print_message("expected %s %u %s %s %s; got %s (%s)\n", doc, sent, head,
                                  code, how, hit ? hit->code : "no mention",
                                  hit ? hit->how : "");
                    failed++;
                }
                checked++;
            }
        }
        if (nl) *nl = '\n';
        line = nl ? nl + 1 : NULL;
    }
    free(exp);
    assert_int_equal(failed, 0);
    return checked;
}

static void test_parsed_sentences(void **state)
{
    (void)state;
    dyad_actor_dict *d = load(NULL, NULL, 0, NULL);
    dyad_doc **docs;
    size_t ndocs;
    dyad_error err;
    assert_int_equal(dyad_conllu_read(DATA "docs.conllu", &docs, &ndocs, &err), DYAD_OK);
    assert_int_equal(ndocs, 5);
    assert_true(check_mentions(d, docs, ndocs) >= 25);
    /* the head word finds its mention, other words do not */
    const dyad_doc *k = docs[0];
    assert_true(k->nactors > 0);
    assert_int_equal(dyad_actor_at(k, k->actors[0].head), 0);
    assert_int_equal(dyad_actor_at(k, 5), -1);   /* "met" */
    /* "the two sides" of the third document: Russia's troops and Ukraine's government */
    const dyad_doc *u = docs[2];
    int32_t sides[2], two = -1;
    for (size_t i = 0; i < u->nactors; i++)
        if (dyad_actor_sides(u, (int32_t)i, sides)) two = (int32_t)i;
    assert_true(two >= 0);
    assert_int_equal(u->actors[two].kind, DYAD_ACTOR_PRONOUN);
    assert_string_equal(u->actors[sides[0]].code, "RUSMIL");
    assert_string_equal(u->actors[sides[1]].code, "UKRGOV");
    assert_int_equal(dyad_actor_sides(u, 0, sides), 0);
    for (size_t i = 0; i < ndocs; i++) dyad_doc_free(docs[i]);
    free(docs);
    dyad_actor_dict_free(d);
}

static void test_without_parse(void **state)
{
    (void)state;
    dyad_actor_dict *d = load(NULL, NULL, 0, NULL);
    /* the second names its place in a dateline only */
    dyad_doc *docs[2] = { doc_from_file(DATA "noparse.txt"),
                          doc_from_file(DATA "dateline.txt") };
    dyad_error err;
    for (int i = 0; i < 2; i++) {
        assert_non_null(docs[i]);
        assert_int_equal(dyad_article(docs[i], &err), DYAD_OK);
        assert_int_equal(dyad_text(docs[i], &err), DYAD_OK);
    }
    assert_non_null(docs[1]->dateline);
    assert_true(check_mentions(d, docs, 2) >= 18);
    for (int i = 0; i < 2; i++) dyad_doc_free(docs[i]);
    dyad_actor_dict_free(d);
}

/* The rules that need a parse, on sentences parsed by dyad's own syntax
 * stage (tests/data/actors/rules.txt). */
static void test_rules_parsed(void **state)
{
    (void)state;
    dyad_actor_dict *d = load(NULL, NULL, 0, NULL);
    dyad_syntax *syn = NULL;
    dyad_error err;
    assert_int_equal(dyad_syntax_load(&syn, NULL, &err), DYAD_OK);
    char *text = slurp(DATA "rules.txt", NULL);
    assert_non_null(text);
    dyad_doc *docs[96];
    size_t n = 0;
    for (char *line = strtok(text, "\n"); line && n < 96; line = strtok(NULL, "\n")) {
        if (line[0] == '#') continue;
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        assert_non_null(t2);
        *t1 = *t2 = 0;
        dyad_doc *doc = dyad_doc_new();
        doc->id = dyad_strdup(doc->arena, line);
        doc->path = doc->id;
        doc->raw = dyad_strdup(doc->arena, t2 + 1);
        doc->raw_len = strlen(doc->raw);
        doc->given_date = dyad_strdup(doc->arena, t1 + 1);
        doc->is_record = 1;
        assert_int_equal(dyad_article(doc, &err), DYAD_OK);
        assert_int_equal(dyad_text(doc, &err), DYAD_OK);
        assert_int_equal(dyad_syntax_run(syn, doc, &err), DYAD_OK);
        docs[n++] = doc;
    }
    assert_true(check_mentions(d, docs, n) >= 28);
    for (size_t i = 0; i < n; i++) dyad_doc_free(docs[i]);
    free(text);
    dyad_syntax_free(syn);
    dyad_actor_dict_free(d);
}

static void test_petrarch_files(void **state)
{
    (void)state;
    const char *actors[] = { DATA "petr.actors.txt", NULL };
    const char *agents[] = { DATA "petr.agents.txt", NULL };
    FILE *w = tmpfile();
    assert_non_null(w);
    dyad_actor_dict *d = load(actors, agents, 1, w);
    /* every unusable line reported, nothing else */
    rewind(w);
    char got[4096] = "";
    size_t n = fread(got, 1, sizeof got - 1, w);
    got[n] = 0;
    fclose(w);
    char *want = slurp(DATA "petr.warnings", NULL);
    assert_non_null(want);
    assert_string_equal(got, want);
    free(want);

    /* dated codes follow the article date; agents combine with countries */
    static const char *const dates[] = { "2009-06-01", "2011-01-01" };
    static const char *const firefly[] = { "FDNGOV", "FDNELI" };
    for (int k = 0; k < 2; k++) {
        dyad_doc **docs;
        size_t ndocs;
        dyad_error err;
        assert_int_equal(dyad_conllu_read(DATA "petr.conllu", &docs, &ndocs, &err), DYAD_OK);
        docs[0]->date = dates[k];
        assert_int_equal(dyad_actors_find(d, docs[0], &err), DYAD_OK);
        const dyad_doc *doc = docs[0];
        assert_int_equal(doc->nactors, 4);
        assert_string_equal(doc->actors[0].code, "FDNCOP");
        assert_string_equal(doc->actors[1].code, firefly[k]);
        assert_string_equal(doc->actors[1].text, "Rufus Firefly");
        assert_int_equal(doc->actors[1].kind, DYAD_ACTOR_PERSON);
        assert_string_equal(doc->actors[2].code, "SYL");
        /* a stem ("GRAUSTARK" without "_") matches longer words */
        assert_string_equal(doc->actors[3].code, "GRSCOP");
        dyad_doc_free(docs[0]);
        free(docs);
    }
    dyad_actor_dict_free(d);
    /* replace: dyad's own dictionaries are not loaded */
    d = load(actors, agents, 1, NULL);
    dyad_doc **docs;
    size_t ndocs;
    dyad_error err;
    assert_int_equal(dyad_conllu_read(DATA "docs.conllu", &docs, &ndocs, &err), DYAD_OK);
    assert_int_equal(dyad_actors_find(d, docs[0], &err), DYAD_OK);
    assert_int_equal(docs[0]->nactors, 0);
    for (size_t i = 0; i < ndocs; i++) dyad_doc_free(docs[i]);
    free(docs);
    dyad_actor_dict_free(d);
}

static void test_missing_file(void **state)
{
    (void)state;
    const char *actors[] = { DATA "no-such-file.txt", NULL };
    dyad_coder_options opt = { .actor_files = actors };
    dyad_actor_dict *d = NULL;
    dyad_error err;
    assert_int_equal(dyad_actor_dict_load(&d, &opt, &err), DYAD_ERR_IO);
    assert_null(d);
    assert_string_equal(err.msg, DATA "no-such-file.txt: cannot read dictionary");
}

/* Heads outside the sentence, cycles, self-loops: no crash, codes still. */
static void test_malformed_parse(void **state)
{
    (void)state;
    dyad_actor_dict *d = load(NULL, NULL, 0, NULL);
    char *text = slurp(DATA "malformed.conllu", NULL);
    assert_non_null(text);
    dyad_doc *doc = dyad_doc_new();
    doc->id = "malformed";
    assert_int_equal(conllu_append(doc, text, strlen(text)), 11);
    dyad_error err;
    assert_int_equal(dyad_actors_find(d, doc, &err), DYAD_OK);
    int china = 0;
    for (size_t i = 0; i < doc->nactors; i++) {
        assert_true(doc->actors[i].head < doc->ntokens);
        assert_true(doc->actors[i].tok + doc->actors[i].ntok <= doc->ntokens);
        china |= strcmp(doc->actors[i].code, "CHN") == 0;
    }
    assert_true(china);
    /* an empty document */
    dyad_doc *empty = dyad_doc_new();
    assert_int_equal(dyad_actors_find(d, empty, &err), DYAD_OK);
    assert_int_equal(empty->nactors, 0);
    dyad_doc_free(empty);
    free(text);
    dyad_doc_free(doc);
    dyad_actor_dict_free(d);
}

/* ---- ../shared ---- */

static void test_phoenix(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    const char *actors[] = {
        shared_path("data/eventdata/petrarch2/Phoenix.Countries.actors.txt"),
        shared_path("data/eventdata/petrarch2/Phoenix.International.actors.txt"),
        shared_path("data/eventdata/petrarch2/Phoenix.MilNonState.actors.txt"), NULL };
    const char *agents[] = { shared_path("data/eventdata/petrarch2/Phoenix.agents.txt"), NULL };
    FILE *w = tmpfile();
    dyad_actor_dict *d = load(actors, agents, 1, w);
    /* a few lines of these files are unusable; they are reported, not fatal */
    long lines = 0;
    rewind(w);
    for (int c; (c = fgetc(w)) != EOF;) lines += c == '\n';
    fclose(w);
    print_message("Phoenix dictionaries: %ld lines reported\n", lines);
    assert_true(lines < 500);
    dyad_doc **docs;
    size_t ndocs;
    dyad_error err;
    assert_int_equal(dyad_conllu_read(DATA "docs.conllu", &docs, &ndocs, &err), DYAD_OK);
    docs[0]->date = "2014-03-10";
    assert_int_equal(dyad_actors_find(d, docs[0], &err), DYAD_OK);
    int kerry = 0, beijing = 0;
    for (size_t i = 0; i < docs[0]->nactors; i++) {
        const dyad_actor *a = &docs[0]->actors[i];
        if (strstr(a->text, "Kerry") && strncmp(a->code, "USA", 3) == 0) kerry = 1;
        if (strcmp(a->text, "Beijing") == 0 && strncmp(a->code, "CHN", 3) == 0) beijing = 1;
    }
    assert_true(kerry && beijing);
    for (size_t i = 0; i < ndocs; i++) dyad_doc_free(docs[i]);
    free(docs);
    dyad_actor_dict_free(d);
}

/* Recall of the GSR gold source/target codes among the mentions, on the
 * file's own gold parses (bench/eval-actors prints the full figures). */
static void test_gsr_floor(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    size_t len;
    char *x = slurp(shared_path("data/eventdata/universalpetrarch/PETR2_GSR_validation.xml"), &len);
    assert_non_null(x);
    dyad_actor_dict *d = load(NULL, NULL, 0, NULL);
    long gold = 0, full = 0, country = 0, records = 0;
    for (char *p = strstr(x, "<Sentence "); p;) {
        char *next = strstr(p + 1, "<Sentence ");
        if (next) *next = 0;
        char *ps = strstr(p, "<Parse>"), *pe = ps ? strstr(ps, "</Parse>") : NULL;
        char *dt = strstr(p, "date=\"");
        if (ps && pe) {
            dyad_doc *doc = dyad_doc_new();
            if (dt && strlen(dt) > 14)
                doc->date = dyad_sprintf(doc->arena, "%.4s-%.2s-%.2s", dt + 6, dt + 10, dt + 12);
            conllu_append(doc, ps + 7, (size_t)(pe - ps - 7));
            dyad_error err;
            assert_int_equal(dyad_actors_find(d, doc, &err), DYAD_OK);
            records++;
            for (char *e = p; (e = strstr(e, "code=\"")); e += 6) {
                if (e > p && e[-1] == 't' && e[-2] == 'n') continue; /* eventcode */
                char code[32];
                if (sscanf(e + 6, "%31[^\"]", code) != 1 || strncmp(code, "---", 3) == 0) continue;
                gold++;
                int f = 0, c = 0;
                for (size_t i = 0; i < doc->nactors; i++) {
                    f |= strcmp(doc->actors[i].code, code) == 0;
                    c |= strncmp(doc->actors[i].code, code, 3) == 0;
                }
                full += f;
                country += c;
            }
            dyad_doc_free(doc);
        }
        if (next) *next = '<';
        p = next;
    }
    print_message("GSR: %ld records, %ld gold actors, full-code recall %.3f, country recall %.3f\n",
                  records, gold, (double)full / (double)gold, (double)country / (double)gold);
    assert_int_equal(records, 78);
    assert_true(full >= gold * 80 / 100);
    assert_true(country >= gold * 95 / 100);
    free(x);
    dyad_actor_dict_free(d);
}

/* The seeds: the actors the charter names are found. */
static void test_seeds(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    static const char *const seeds[] = { "seeds/000_c25c940e50bd6d1a.txt",
                                         "seeds/004_d6a81f54781a5d76.txt" };
    static const char *const want[] = { "USA", "CHN", "USAGOV", "CHNGOV", "CHNMIL", "USAJUD" };
    int found[6] = {0};
    dyad_actor_dict *d = load(NULL, NULL, 0, NULL);
    dyad_syntax *syn = NULL;
    dyad_error err;
    if (dyad_syntax_load(&syn, NULL, &err)) syn = NULL;
    for (int s = 0; s < 2; s++) {
        dyad_doc *doc = doc_from_file(shared_path(seeds[s]));
        assert_non_null(doc);
        if (!doc->given_date) doc->given_date = "2014-06-27";
        assert_int_equal(dyad_article(doc, &err), DYAD_OK);
        assert_int_equal(dyad_text(doc, &err), DYAD_OK);
        if (syn) assert_int_equal(dyad_syntax_run(syn, doc, &err), DYAD_OK);
        assert_int_equal(dyad_actors_find(d, doc, &err), DYAD_OK);
        for (size_t i = 0; i < doc->nactors; i++)
            for (int k = 0; k < 6; k++)
                found[k] |= strcmp(doc->actors[i].code, want[k]) == 0;
        dyad_doc_free(doc);
    }
    for (int k = 0; k < 6; k++) {
        if (!found[k]) print_message("seeds: no %s\n", want[k]);
        assert_true(found[k]);
    }
    dyad_syntax_free(syn);
    dyad_actor_dict_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parsed_sentences),
        cmocka_unit_test(test_without_parse),
        cmocka_unit_test(test_rules_parsed),
        cmocka_unit_test(test_petrarch_files),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_malformed_parse),
        cmocka_unit_test(test_phoenix),
        cmocka_unit_test(test_gsr_floor),
        cmocka_unit_test(test_seeds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
