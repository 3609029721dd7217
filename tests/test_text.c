/* test_text.c — the text stage: the cases of tests/data/text/cases.txt
 * (sentences and words as EWT writes them), the invariants every split
 * must keep (each form is its exact byte span of the text, sentences cover
 * their words in order), hostile input, the CoNLL-U writer against
 * tests/data/text/writer.conllu, and the accuracy floors on UD
 * English-EWT test raw text scored like the CoNLL 2018 shared task. */
#include "testutil.h"

#include "../bench/udscore.h"

/* A document whose article stage has run: text is given as is. */
static dyad_doc *text_doc(const char *id, const char *text, size_t len)
{
    dyad_doc *d = dyad_doc_new();
    d->id = dyad_strdup(d->arena, id);
    d->path = d->id;
    d->text = dyad_strndup(d->arena, text, len);
    d->text_len = len;
    return d;
}

/* Everything a consumer of the text stage relies on. */
static void check_invariants(const dyad_doc *d)
{
    uint32_t prev_end = 0;
    size_t next_tok = 0;
    for (size_t si = 0; si < d->nsentences; si++) {
        const dyad_sentence *s = &d->sentences[si];
        assert_int_equal(s->tok, next_tok);
        assert_true(s->ntok > 0);
        assert_true(s->tok + s->ntok <= d->ntokens);
        assert_true(s->start <= s->end && s->end <= d->text_len);
        assert_int_equal(s->start, d->tokens[s->tok].start);
        assert_int_equal(s->end, d->tokens[s->tok + s->ntok - 1].end);
        if (si > 0) assert_true(s->paragraph >= d->sentences[si - 1].paragraph);
        next_tok = s->tok + s->ntok;
    }
    assert_int_equal(next_tok, d->ntokens);
    for (size_t i = 0; i < d->ntokens; i++) {
        const dyad_token *t = &d->tokens[i];
        assert_true(t->start < t->end && t->end <= d->text_len);
        assert_true(t->start >= prev_end);
        assert_int_equal(strlen(t->form), t->end - t->start);
        assert_memory_equal(t->form, d->text + t->start, t->end - t->start);
        for (const char *c = t->form; *c; c++)
            assert_true(*c != ' ' && *c != '\n' && *c != '\t' && *c != '\r');
        assert_int_equal(t->head, -1);
        if (t->mwt_len) {
            assert_true(t->mwt_len >= 2 && i + t->mwt_len <= d->ntokens);
            assert_int_equal(t->mwt_start, t->start);
            assert_int_equal(t->mwt_end, d->tokens[i + t->mwt_len - 1].end);
            for (size_t k = 0; k + 1 < t->mwt_len; k++) {
                assert_int_equal(d->tokens[i + k].end, d->tokens[i + k + 1].start);
                assert_int_equal(d->tokens[i + k].space_after, 0);
            }
        }
        if (!t->space_after && i + 1 < d->ntokens)
            assert_int_equal(t->end, d->tokens[i + 1].start);
        prev_end = t->end;
    }
}

/* The sentences of d as the cases file writes them. */
static void render(const dyad_doc *d, dyad_buf *b)
{
    for (size_t si = 0; si < d->nsentences; si++) {
        const dyad_sentence *s = &d->sentences[si];
        for (uint32_t k = 0; k < s->ntok; k++) {
            const dyad_token *t = &d->tokens[s->tok + k];
            if (k) dyad_buf_putc(b, ' ');
            uint32_t n = t->mwt_len ? t->mwt_len : 1;
            for (uint32_t j = 0; j < n; j++) {
                if (j) dyad_buf_putc(b, '+');
                dyad_buf_puts(b, d->tokens[s->tok + k + j].form);
            }
            k += n - 1;
        }
        dyad_buf_putc(b, '\n');
    }
}

static void cases(void **state)
{
    (void)state;
    char *all = slurp("tests/data/text/cases.txt", NULL);
    assert_non_null(all);
    dyad_buf name = {0}, in = {0}, want = {0}, got = {0};
    int part = 0, ncases = 0, failed = 0;   /* part: 0 none, 1 input, 2 expected */
    char *save = NULL;
    for (char *line = all;; ) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = 0;
        int end = !nl || !strncmp(line, "## ", 3);
        if (end && part == 2) {
            while (in.len && in.s[in.len - 1] == '\n') in.s[--in.len] = 0;
            dyad_doc *d = text_doc(name.s, in.s, in.len);
            dyad_error err;
            assert_int_equal(dyad_text(d, &err), DYAD_OK);
            check_invariants(d);
            dyad_buf_reset(&got);
            render(d, &got);
            if (got.len != want.len || memcmp(got.s, want.s, got.len)) {
                print_message("case '%s':\nwant:\n%sgot:\n%s", name.s, want.s, got.s);
                failed++;
            }
            ncases++;
            dyad_doc_free(d);
            part = 0;
        }
        if (!nl) break;
        if (!strncmp(line, "## ", 3)) {
            dyad_buf_reset(&name); dyad_buf_puts(&name, line + 3);
            dyad_buf_reset(&in); dyad_buf_reset(&want);
            part = 1;
        } else if (part == 1 && !strcmp(line, "--")) part = 2;
        else if (part == 1) { dyad_buf_puts(&in, line); dyad_buf_putc(&in, '\n'); }
        else if (part == 2 && *line) { dyad_buf_puts(&want, line); dyad_buf_putc(&want, '\n'); }
        line = nl + 1;
    }
    (void)save;
    dyad_buf_free(&name); dyad_buf_free(&in); dyad_buf_free(&want); dyad_buf_free(&got);
    free(all);
    assert_true(ncases >= 10);
    assert_int_equal(failed, 0);
}

static void paragraphs(void **state)
{
    (void)state;
    const char *s = "First one. Second one.\n\nThird one\n \nFourth one.";
    dyad_doc *d = text_doc("p", s, strlen(s));
    dyad_error err;
    assert_int_equal(dyad_text(d, &err), DYAD_OK);
    check_invariants(d);
    assert_int_equal(d->nsentences, 4);
    assert_int_equal(d->sentences[0].paragraph, 0);
    assert_int_equal(d->sentences[1].paragraph, 0);
    assert_int_equal(d->sentences[2].paragraph, 1);
    assert_int_equal(d->sentences[3].paragraph, 2);
    dyad_doc_free(d);
}

static void empty_and_blank(void **state)
{
    (void)state;
    const char *inputs[] = {"", " \n\n\t ", "\xC2\xA0"};
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        dyad_doc *d = text_doc("e", inputs[i], strlen(inputs[i]));
        dyad_error err;
        assert_int_equal(dyad_text(d, &err), DYAD_OK);
        assert_int_equal(d->ntokens, 0);
        assert_int_equal(d->nsentences, 0);
        dyad_doc_free(d);
    }
    dyad_doc *d = dyad_doc_new();     /* no text at all */
    dyad_error err;
    assert_int_equal(dyad_text(d, &err), DYAD_OK);
    assert_int_equal(d->ntokens, 0);
    dyad_doc_free(d);
}

/* Random bytes, broken UTF-8, NULs, one huge word, a wall of periods:
 * every split keeps the invariants and nothing crashes. */
static void hostile_input(void **state)
{
    (void)state;
    size_t n = 200000;
    char *s = malloc(n);
    uint32_t x = 12345;
    static const char alphabet[] = "aZ9 .,'\"-/@:!?\n\xC2\xA0\xE2\x80\x9D\xE2\x80\xA6\xF0\x9F\x98\x80\xFF\xC3";
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        s[i] = (x >> 16) % 4 == 0 ? (char)(x >> 8)
                                  : alphabet[(x >> 16) % (sizeof alphabet - 1)];
    }
    dyad_error err;
    dyad_doc *d = text_doc("r", s, n);
    assert_int_equal(dyad_text(d, &err), DYAD_OK);
    check_invariants(d);
    dyad_doc_free(d);
    memset(s, 'a', n);                /* one 200 kB word */
    d = text_doc("w", s, n);
    assert_int_equal(dyad_text(d, &err), DYAD_OK);
    check_invariants(d);
    assert_int_equal(d->ntokens, 1);
    dyad_doc_free(d);
    memset(s, '.', n);
    d = text_doc("p", s, n);
    assert_int_equal(dyad_text(d, &err), DYAD_OK);
    check_invariants(d);
    dyad_doc_free(d);
    for (size_t i = 0; i < n; i++) s[i] = i % 3 == 2 ? ' ' : i % 3 ? '.' : 'A';
    d = text_doc("i", s, n);         /* "A. A. A. ..." */
    assert_int_equal(dyad_text(d, &err), DYAD_OK);
    check_invariants(d);
    dyad_doc_free(d);
    free(s);
}

static void conllu_writer(void **state)
{
    (void)state;
    char *in = slurp("tests/data/text/writer.txt", NULL);
    char *want = slurp("tests/data/text/writer.conllu", NULL);
    assert_non_null(in);
    assert_non_null(want);
    dyad_doc *d = text_doc("writer", in, strlen(in));
    dyad_error err;
    assert_int_equal(dyad_text(d, &err), DYAD_OK);
    /* what a later stage adds shows in its columns */
    d->tokens[0].lemma = "the";
    d->tokens[0].upos = DYAD_DET;
    d->tokens[0].xpos = "DT";
    d->tokens[0].head = 2;
    d->tokens[0].deprel = "det";
    dyad_buf b = {0};
    dyad_out_conllu(&b, d);
    assert_non_null(b.s);
    assert_string_equal(b.s, want);
    dyad_buf_free(&b);
    dyad_doc_free(d);
    free(in);
    free(want);
}

/* ---- UD English-EWT test: the floors of EVALUATION.md ---- */

/* Documents rebuilt from "# text" lines, as bench/ewt-text does. */
static size_t ewt_docs(const char *conllu, dyad_doc ***out)
{
    size_t cap = 64, n = 0;
    dyad_doc **docs = malloc(cap * sizeof *docs);
    dyad_buf text = {0}, id = {0};
    int newpar = 0;
    for (const char *p = conllu;;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        int newdoc = len >= 8 && !strncmp(p, "# newdoc", 8);
        if ((newdoc || !nl) && text.len) {
            if (n == cap) docs = realloc(docs, (cap *= 2) * sizeof *docs);
            docs[n++] = text_doc(id.s ? id.s : "doc", text.s, text.len);
            dyad_buf_reset(&text);
        }
        if (!nl) break;
        if (newdoc) {
            dyad_buf_reset(&id);
            if (len > 15) dyad_buf_put(&id, p + 15, len - 15);
            newpar = 0;
        } else if (len >= 8 && !strncmp(p, "# newpar", 8)) newpar = 1;
        else if (len >= 9 && !strncmp(p, "# text = ", 9)) {
            if (text.len) dyad_buf_puts(&text, newpar ? "\n\n" : " ");
            dyad_buf_put(&text, p + 9, len - 9);
            newpar = 0;
        }
        p = nl + 1;
    }
    dyad_buf_free(&text);
    dyad_buf_free(&id);
    *out = docs;
    return n;
}

static void ewt_test_floors(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    size_t gn = 0;
    char *gold = slurp(shared_path("data/ud-english-ewt/en_ewt-ud-test.conllu"), &gn);
    assert_non_null(gold);
    dyad_doc **docs;
    size_t n = ewt_docs(gold, &docs);
    assert_true(n > 300);
    dyad_buf sys = {0};
    for (size_t i = 0; i < n; i++) {
        dyad_error err;
        assert_int_equal(dyad_text(docs[i], &err), DYAD_OK);
        check_invariants(docs[i]);
        dyad_out_conllu(&sys, docs[i]);
        dyad_doc_free(docs[i]);
    }
    free(docs);
    ud_metric m[UD_NMETRICS];
    char err[512] = "";
    int rc = ud_evaluate(gold, gn, sys.s, sys.len, m, err, sizeof err);
    if (rc) print_message("%s\n", err);
    assert_int_equal(rc, 0);
    print_message("EWT test: words F1 %.2f, sentences F1 %.2f, tokens F1 %.2f\n",
                  m[UD_WORDS].f1, m[UD_SENTENCES].f1, m[UD_TOKENS].f1);
    assert_true(m[UD_WORDS].f1 >= 99.0);
    assert_true(m[UD_SENTENCES].f1 >= 88.0);
    dyad_buf_free(&sys);
    free(gold);
}

/* The scorer itself: gold against itself is perfect; a merged sentence
 * and a split word cost what the shared task says they cost. */
static void scorer(void **state)
{
    (void)state;
    char *gold = slurp("tests/data/text/score-gold.conllu", NULL);
    char *sys = slurp("tests/data/text/score-sys.conllu", NULL);
    assert_non_null(gold);
    assert_non_null(sys);
    ud_metric m[UD_NMETRICS];
    char err[512];
    assert_int_equal(ud_evaluate(gold, strlen(gold), gold, strlen(gold), m, err, sizeof err), 0);
    for (int k = 0; k < UD_NMETRICS; k++) assert_true(m[k].f1 == 100.0);
    assert_int_equal(ud_evaluate(gold, strlen(gold), sys, strlen(sys), m, err, sizeof err), 0);
    /* gold: 2 sentences, 9 words; system: 1 sentence, 8 words, "don't"
     * one word where gold has do + n't, "ok" NOUN and attached to "care",
     * "then" with the wrong relation */
    assert_int_equal(m[UD_SENTENCES].gold, 2);
    assert_int_equal(m[UD_SENTENCES].sys, 1);
    assert_int_equal(m[UD_SENTENCES].correct, 0);
    assert_int_equal(m[UD_WORDS].gold, 9);
    assert_int_equal(m[UD_WORDS].sys, 8);
    assert_int_equal(m[UD_WORDS].correct, 7);
    assert_int_equal(m[UD_UPOS].correct, 6);
    assert_int_equal(m[UD_UAS].correct, 6);
    assert_int_equal(m[UD_LAS].correct, 5);
    /* different texts are an error, not a score */
    const char *other = "1\tx\t_\t_\t_\t_\t0\troot\t_\t_\n\n";
    assert_int_equal(ud_evaluate(gold, strlen(gold), other, strlen(other), m, err, sizeof err), -1);
    free(gold);
    free(sys);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cases),
        cmocka_unit_test(paragraphs),
        cmocka_unit_test(empty_and_blank),
        cmocka_unit_test(hostile_input),
        cmocka_unit_test(conllu_writer),
        cmocka_unit_test(scorer),
        cmocka_unit_test(ewt_test_floors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
