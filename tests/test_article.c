/* test_article.c — the article stage: dates, chrome lines, pages the
 * project wrote (tests/data/article: each page with its .expect fields and
 * .body text), JSON Lines records, the given date, and the two seeds
 * (../shared, checked by structure so none of their text is copied here). */
#include "testutil.h"
#include "article.h"

#include <dirent.h>

#define DIR_ "tests/data/article"

static char *next_line(char **p)
{
    if (!*p || !**p) return NULL;
    char *s = *p, *e = strchr(s, '\n');
    if (e) { *e = 0; *p = e + 1; } else { *p = s + strlen(s); }
    return s;
}

static void dates_table(void **state)
{
    (void)state;
    char *all = slurp(DIR_ "/dates.tsv", NULL), *p = all, *l;
    assert_non_null(all);
    int n = 0;
    while ((l = next_line(&p))) {
        if (l[0] == '#' || !*l) continue;
        char *want = strchr(l, '\t');
        assert_non_null(want);
        *want++ = 0;
        dyad_date d;
        char got[32] = "-";
        if (dyad_date_find(l, strlen(l), &d)) dyad_date_iso(&d, got);
        if (strcmp(got, want)) fail_msg("date of '%s': got %s, want %s", l, got, want);
        n++;
    }
    assert_true(n >= 20);
    free(all);
}

static void chrome_table(void **state)
{
    (void)state;
    char *all = slurp(DIR_ "/chrome.tsv", NULL), *p = all, *l;
    assert_non_null(all);
    while ((l = next_line(&p))) {
        if (l[0] == '#' || !*l) continue;
        char *want = strchr(l, '\t');
        assert_non_null(want);
        *want++ = 0;
        const char *got = dyad_chrome_line(l, strlen(l));
        if (!got) got = "-";
        if (strcmp(got, want)) fail_msg("'%s': got %s, want %s", l, got, want);
    }
    free(all);
}

/* "removed: START END REASON | TEXT" with \n and \\ escaped. */
static char *unescape(char *s)
{
    char *o = s, *r = s;
    while (*r) {
        if (r[0] == '\\' && r[1] == 'n') { *o++ = '\n'; r += 2; }
        else if (r[0] == '\\' && r[1] == '\\') { *o++ = '\\'; r += 2; }
        else *o++ = *r++;
    }
    *o = 0;
    return s;
}

static void check_field(const char *name, const char *got, const char *want)
{
    if (strcmp(want, "-") == 0) {
        if (got) fail_msg("%s: got '%s', want none", name, got);
        return;
    }
    if (!got || strcmp(got, want)) fail_msg("%s: got '%s', want '%s'", name, got ? got : "(none)", want);
}

/* Compare a processed document with BASE.expect and BASE.body. */
static void check_expect(const dyad_doc *d, const char *base)
{
    char path[512];
    snprintf(path, sizeof path, "%s.expect", base);
    char *all = slurp(path, NULL), *p = all, *l;
    if (!all) fail_msg("no %s", path);
    size_t nrem = 0;
    while ((l = next_line(&p))) {
        char *v = strstr(l, ": ");
        if (!v) continue;
        *v = 0;
        v += 2;
        if (!strcmp(l, "title")) check_field(l, d->title, v);
        else if (!strcmp(l, "subtitle")) check_field(l, d->subtitle, v);
        else if (!strcmp(l, "date")) check_field(l, d->date, v);
        else if (!strcmp(l, "dateline")) check_field(l, d->dateline, v);
        else if (!strcmp(l, "source")) check_field(l, d->source, v);
        else if (!strcmp(l, "byline")) check_field(l, d->byline, v);
        else if (!strcmp(l, "url")) check_field(l, d->url, v);
        else if (!strcmp(l, "tags")) {
            char buf[1024] = "";
            for (size_t i = 0; i < d->ntags; i++) {
                if (i) strncat(buf, "|", sizeof buf - strlen(buf) - 1);
                strncat(buf, d->tags[i], sizeof buf - strlen(buf) - 1);
            }
            if (strcmp(buf, v)) fail_msg("%s tags: got '%s', want '%s'", base, buf, v);
        } else if (!strcmp(l, "removed")) {
            unsigned st, en;
            char reason[64];
            int k;
            if (sscanf(v, "%u %u %63[^|]| %n", &st, &en, reason, &k) < 3) fail_msg("bad line %s", v);
            reason[strlen(reason) - 1] = 0;   /* the space before '|' */
            char *text = unescape(v + k);
            if (nrem >= d->nremoved) fail_msg("%s: missing removed '%s' (%s)", base, text, reason);
            const dyad_removed *r = &d->removed[nrem++];
            if (r->start != st || r->end != en || strcmp(r->reason, reason) || strcmp(r->text, text))
                fail_msg("%s removed #%zu: got %u-%u %s '%s', want %u-%u %s '%s'", base, nrem,
                         r->start, r->end, r->reason, r->text, st, en, reason, text);
        }
    }
    if (nrem != d->nremoved)
        fail_msg("%s: %zu removed spans, want %zu (first extra: %s '%s')", base, d->nremoved,
                 nrem, d->removed[nrem].reason, d->removed[nrem].text);
    free(all);
    snprintf(path, sizeof path, "%s.body", base);
    size_t bl = 0;
    char *body = slurp(path, &bl);
    assert_non_null(body);
    if (bl != d->text_len || memcmp(body, d->text, bl))
        fail_msg("%s: body differs:\n--- got\n%s\n--- want\n%s", base, d->text, body);
    free(body);
}

/* Nothing vanishes: each non-blank line of raw is the title, the
 * subtitle, inside the body (verbatim) or inside a removed span, and each
 * removed span is the bytes of raw it says. */
static void check_accounted(const dyad_doc *d)
{
    for (size_t i = 0; i < d->nremoved; i++) {
        const dyad_removed *r = &d->removed[i];
        assert_true(r->start < r->end && r->end <= d->raw_len);
        assert_int_equal(strlen(r->text), r->end - r->start);
        assert_memory_equal(r->text, d->raw + r->start, r->end - r->start);
    }
    const char *s = d->raw, *end = d->raw + d->raw_len;
    while (s < end) {
        const char *e = memchr(s, '\n', (size_t)(end - s));
        if (!e) e = end;
        const char *a = s, *b = e;
        while (a < b && strchr(" \t\r", *a)) a++;
        while (b > a && strchr(" \t\r", b[-1])) b--;
        if (b > a) {
            size_t n = (size_t)(b - a), off = (size_t)(a - d->raw);
            int ok = (d->title && strlen(d->title) == n && !memcmp(d->title, a, n)) ||
                     (d->subtitle && strlen(d->subtitle) == n && !memcmp(d->subtitle, a, n)) ||
                     memmem(d->text, d->text_len, a, n) != NULL;
            for (size_t i = 0; i < d->nremoved && !ok; i++)
                ok = d->removed[i].start <= off && off + n <= d->removed[i].end;
            if (!ok) fail_msg("%s: line at byte %zu is nowhere: '%.*s'", d->id, off, (int)n, a);
        }
        s = e + 1;
    }
}

static dyad_doc *article_of(const char *path)
{
    dyad_doc *d = doc_from_file(path);
    if (!d) fail_msg("cannot read %s", path);
    dyad_error err;
    assert_int_equal(dyad_article(d, &err), DYAD_OK);
    return d;
}

static int cmpstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void own_pages(void **state)
{
    (void)state;
    DIR *dp = opendir(DIR_);
    assert_non_null(dp);
    char *names[64];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(dp)) && n < 64) {
        const char *x = strrchr(de->d_name, '.');
        if (de->d_name[0] == 'p' && x && (!strcmp(x, ".txt") || !strcmp(x, ".html")))
            names[n++] = strdup(de->d_name);
    }
    closedir(dp);
    qsort(names, n, sizeof *names, cmpstr);
    assert_true(n >= 8);
    for (size_t i = 0; i < n; i++) {
        char path[512], base[512];
        snprintf(path, sizeof path, DIR_ "/%s", names[i]);
        snprintf(base, sizeof base, "%s", path);
        *strrchr(base, '.') = 0;
        dyad_doc *d = article_of(path);
        check_expect(d, base);
        if (!d->is_html) check_accounted(d);
        dyad_doc_free(d);
        free(names[i]);
    }
}

static void records(void **state)
{
    (void)state;
    dyad_reader *r;
    dyad_error err, warn;
    assert_int_equal(dyad_reader_open(&r, DIR_ "/records.jsonl", DYAD_INPUT_AUTO, NULL, &err),
                     DYAD_OK);
    dyad_doc *d;
    int n = 0;
    while (dyad_reader_next(r, &d, &warn, &err) == DYAD_OK) {
        assert_true(d->is_record);
        assert_int_equal(dyad_article(d, &err), DYAD_OK);
        char base[256];
        snprintf(base, sizeof base, DIR_ "/records.%s", d->id);
        check_expect(d, base);
        check_accounted(d);
        dyad_doc_free(d);
        n++;
    }
    assert_int_equal(n, 3);
    dyad_reader_close(r);
}

/* A given date fills in when the text has none, and only then. */
static void given_date(void **state)
{
    (void)state;
    dyad_error err;
    char *raw = slurp(DIR_ "/p05-no-chrome.txt", NULL);
    dyad_doc *d = doc_from_string("p05", raw, "2022-11-02");
    assert_int_equal(dyad_article(d, &err), DYAD_OK);
    assert_string_equal(d->date, "2022-11-02");
    dyad_doc_free(d);
    free(raw);
    raw = slurp(DIR_ "/p01-geneva.txt", NULL);
    d = doc_from_string("p01", raw, "2022-11-02");
    assert_int_equal(dyad_article(d, &err), DYAD_OK);
    assert_string_equal(d->date, "2025-03-03T14:20Z");
    dyad_doc_free(d);
    free(raw);
}

/* Odd shapes: empty, one long line without breaks, only chrome. */
static void odd_shapes(void **state)
{
    (void)state;
    dyad_error err;
    dyad_doc *d = doc_from_string("e", "", NULL);
    assert_int_equal(dyad_article(d, &err), DYAD_OK);
    assert_int_equal(d->text_len, 0);
    dyad_doc_free(d);

    size_t n = 1 << 20;
    char *big = malloc(n + 1);
    for (size_t i = 0; i < n; i++) big[i] = (i % 7 == 6) ? ' ' : 'a' + (char)(i % 5);
    big[n] = 0;
    d = doc_from_string("big", big, NULL);
    assert_int_equal(dyad_article(d, &err), DYAD_OK);
    assert_int_equal(d->text_len, n);   /* one paragraph, kept whole */
    dyad_doc_free(d);

    /* many short widget-like lines in one block: linear, all removed */
    dyad_buf b = {0};
    for (int i = 0; i < 20000; i++) dyad_buf_puts(&b, "  \xE2\x80\xA2 Humidity\n");
    d = doc_from_string("w", b.s, NULL);
    assert_int_equal(dyad_article(d, &err), DYAD_OK);
    assert_int_equal(d->text_len, 0);
    assert_int_equal(d->nremoved, 1);
    assert_string_equal(d->removed[0].reason, "weather widget");
    dyad_doc_free(d);
    dyad_buf_free(&b);
    free(big);
}

/* ---- the seeds, by structure ---- */

/* Line k (1-based) of s as [*a, *a + *n). */
static void line_k(const char *s, int k, const char **a, size_t *n)
{
    for (int i = 1; i < k; i++) {
        const char *e = strchr(s, '\n');
        if (!e) fail_msg("no line %d", k);
        s = e + 1;
    }
    const char *e = strchr(s, '\n');
    *a = s;
    *n = e ? (size_t)(e - s) : strlen(s);
}

static void expect_removed_line(const dyad_doc *d, size_t i, int line, const char *reason)
{
    const char *a;
    size_t n;
    line_k(d->raw, line, &a, &n);
    while (n && (*a == ' ')) { a++; n--; }
    assert_true(i < d->nremoved);
    if (strcmp(d->removed[i].reason, reason))
        fail_msg("removed #%zu: reason %s, want %s", i, d->removed[i].reason, reason);
    assert_int_equal(d->removed[i].start, (uint32_t)(a - d->raw));
}

static void seed_004(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    dyad_doc *d = article_of(shared_path("seeds/004_d6a81f54781a5d76.txt"));
    const char *a;
    size_t n;
    line_k(d->raw, 7, &a, &n);                       /* the headline */
    assert_non_null(d->title);
    assert_int_equal(strlen(d->title), n);
    assert_memory_equal(d->title, a, n);
    assert_string_equal(d->date, "2014-06-27T12:08+05:30"); /* First Published */
    assert_null(d->subtitle);
    assert_int_equal(d->ntags, 3);
    /* the chrome, in order: widget, scrape date (not the article's),
     * widget, the lead's first copy, the Updated line, the tags, the
     * First Published line */
    static const struct { int line; const char *reason; } want[] = {
        {1, "weather widget"}, {2, "page date"}, {3, "weather widget"},
        {9, "duplicate lead"}, {11, "update line"}, {12, "tag list"},
        {46, "publication line"}};
    assert_int_equal(d->nremoved, 7);
    for (size_t i = 0; i < 7; i++) expect_removed_line(d, i, want[i].line, want[i].reason);
    /* the scrape date's day is nowhere in the article's fields */
    assert_null(strstr(d->date, "2018"));
    /* every body paragraph, verbatim, in order, once */
    size_t at = 0;
    int paras = 0;
    for (int k = 14; k <= 44; k += 2) {
        line_k(d->raw, k, &a, &n);
        const char *f = memmem(d->text + at, d->text_len - at, a, n);
        if (!f) fail_msg("paragraph at line %d missing", k);
        at = (size_t)(f - d->text) + n;
        paras++;
    }
    line_k(d->raw, 14, &a, &n);
    assert_memory_equal(d->text, a, n);            /* the lead opens the body */
    assert_null(memmem(d->text + n, d->text_len - n, a, n)); /* and only once */
    assert_int_equal(at, d->text_len);
    assert_int_equal(paras, 16);
    check_accounted(d);
    dyad_doc_free(d);
}

static void seed_000(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    dyad_doc *d = article_of(shared_path("seeds/000_c25c940e50bd6d1a.txt"));
    const char *a;
    size_t n;
    line_k(d->raw, 1, &a, &n);
    assert_int_equal(strlen(d->title), n);
    assert_memory_equal(d->title, a, n);
    line_k(d->raw, 3, &a, &n);
    assert_non_null(d->subtitle);
    assert_int_equal(strlen(d->subtitle), n);
    assert_memory_equal(d->subtitle, a, n);
    assert_null(d->date);                           /* none given */
    assert_int_equal(d->nremoved, 2);
    expect_removed_line(d, 0, 5, "photo credit");
    assert_string_equal(d->removed[1].reason, "whitespace line");
    size_t at = 0;
    for (int k = 9; k <= 21; k += 2) {
        line_k(d->raw, k, &a, &n);
        if (k == 9) assert_memory_equal(d->text, a, n);
        const char *f = memmem(d->text + at, d->text_len - at, a, n);
        if (!f) fail_msg("paragraph at line %d missing", k);
        at = (size_t)(f - d->text) + n;
    }
    assert_int_equal(at, d->text_len);
    check_accounted(d);
    dyad_doc_free(d);

    /* with --date the given date is the article's */
    char *raw = slurp(shared_path("seeds/000_c25c940e50bd6d1a.txt"), NULL);
    d = doc_from_string("000", raw, "2015-07-13");
    dyad_error err;
    assert_int_equal(dyad_article(d, &err), DYAD_OK);
    assert_string_equal(d->date, "2015-07-13");
    dyad_doc_free(d);
    free(raw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dates_table),
        cmocka_unit_test(chrome_table),
        cmocka_unit_test(own_pages),
        cmocka_unit_test(records),
        cmocka_unit_test(given_date),
        cmocka_unit_test(odd_shapes),
        cmocka_unit_test(seed_004),
        cmocka_unit_test(seed_000),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
