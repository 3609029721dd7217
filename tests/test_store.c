/* test_store.c — the store: schema and idempotent writes, exact and near
 * duplicates, one event from many reports (counts and date tolerance),
 * stories, the questions, and the reliability of dyad ingest (SIGKILL at
 * random moments, two processes at once). Documents get their events
 * filled in by the test, so the store is tested apart from the coder. */
#include "testutil.h"
#include "store.h"

#include <dirent.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DATA "tests/data/store/"

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    /* tmpfs when there is one: the many small commits here would wait for
     * the disk, and a killed process (unlike a power cut) loses nothing
     * the OS holds */
    struct stat sb;
    const char *base = stat("/dev/shm", &sb) == 0 && access("/dev/shm", W_OK) == 0
                           ? "/dev/shm" : "/tmp";
    snprintf(tmpdir, sizeof tmpdir, "%s/dyad-store-XXXXXX", base);
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *tmp(const char *name)
{
    static char buf[4][512];
    static int k;
    char *b = buf[k++ & 3];
    snprintf(b, 512, "%s/%s", tmpdir, name);
    return b;
}

static dyad_store *fresh(const char *name)
{
    const char *p = tmp(name);
    unlink(p);
    dyad_store *st;
    dyad_error err;
    assert_int_equal(dyad_store_open(&st, p, &err), DYAD_OK);
    return st;
}

/* A document through the article and text stages, as ingest makes it. */
static dyad_doc *mkdoc(const char *id, const char *text, const char *date,
                       const char *source)
{
    dyad_doc *d = doc_from_string(id, text, date);
    if (source) d->given_source = dyad_strdup(d->arena, source);
    dyad_pipeline p = {0};
    dyad_error err;
    assert_int_equal(dyad_process(&p, d, &err), DYAD_OK);
    if (source && !d->source) d->source = d->given_source;
    if (date && !d->date) d->date = d->given_date;
    return d;
}

static dyad_doc *mkfile(const char *id, const char *file, const char *date,
                        const char *source)
{
    char *s = slurp(file, NULL);
    assert_non_null(s);
    dyad_doc *d = mkdoc(id, s, date, source);
    free(s);
    return d;
}

/* Adds an event to d as the events and time stages would. */
static void event(dyad_doc *d, uint32_t sent, const char *src, const char *tgt,
                  const char *code, const char *date, int modality)
{
    if (d->nevents % 8 == 0)
        d->events = dyad_grow(d->arena, d->events, d->nevents, d->nevents + 8,
                              sizeof *d->events);
    dyad_event *e = &d->events[d->nevents++];
    memset(e, 0, sizeof *e);
    e->sent = d->nsentences ? (sent < d->nsentences ? sent : (uint32_t)d->nsentences - 1) : 0;
    e->source = e->target = -1;
    e->source_code = src;
    e->target_code = tgt;
    snprintf(e->code, sizeof e->code, "%s", code);
    snprintf(e->root, sizeof e->root, "%.2s", code);
    int verbal_coop = code[0] == '0' && code[1] && code[1] <= '5';
    e->quad_class = verbal_coop ? 1 : 3;
    e->goldstein = code[0] && code[1] == '4' ? 1.0 : -2.0;
    e->plover = "CONSULT";
    e->modality = (uint8_t)modality;
    e->date = date;
    e->date_text = date ? "in the text" : "";
}

static int add(dyad_store *st, dyad_doc *d)
{
    int added = -1;
    dyad_error err;
    dyad_status s = dyad_store_add(st, d, &added, &err);
    if (s) fail_msg("%s", err.msg);
    return added;
}

/* The first column of the first row of sql, as text (static buffer). */
static const char *one(const char *db, const char *sql)
{
    static char out[4096];
    sqlite3 *h;
    sqlite3_stmt *q;
    out[0] = 0;
    /* read-write: after a kill, opening recovers the WAL, as any user's
     * open would */
    assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_busy_timeout(h, 10000);
    if (sqlite3_prepare_v2(h, sql, -1, &q, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(h));
    if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
        snprintf(out, sizeof out, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    sqlite3_close(h);
    return out;
}

static long num(const char *db, const char *sql)
{
    return atol(one(db, sql));
}

/* ---- schema, idempotence ---- */

static void test_open_and_version(void **state)
{
    (void)state;
    dyad_store *st = fresh("v.db");
    assert_int_equal(dyad_store_version(st), 1);
    dyad_store_close(st);
    dyad_error err;
    assert_int_equal(dyad_store_open(&st, tmp("v.db"), &err), DYAD_OK);
    assert_int_equal(dyad_store_version(st), 1);
    dyad_store_close(st);
    assert_string_equal(one(tmp("v.db"), "PRAGMA journal_mode"), "wal");

    /* a database of something else is refused, not changed */
    sqlite3 *h;
    unlink(tmp("other.db"));
    sqlite3_open(tmp("other.db"), &h);
    sqlite3_exec(h, "CREATE TABLE mine(x)", NULL, NULL, NULL);
    sqlite3_close(h);
    assert_int_equal(dyad_store_open(&st, tmp("other.db"), &err), DYAD_ERR_DB);
    assert_non_null(strstr(err.msg, "not a dyad database"));
    /* and so is a file that is not a database at all */
    assert_int_equal(dyad_store_open(&st, DATA "wire-a.txt", &err), DYAD_ERR_DB);
}

static void test_idempotent(void **state)
{
    (void)state;
    dyad_store *st = fresh("idem.db");
    for (int round = 0; round < 2; round++) {
        dyad_doc *d = mkfile("a.txt", DATA "wire-a.txt", "2014-03-18", "Daily Wire");
        event(d, 0, "NOR", "EST", "057", NULL, DYAD_ASSERTED);
        assert_int_equal(add(st, d), round == 0);
        assert_true(d->db_id > 0);
        dyad_doc_free(d);
    }
    dyad_store_close(st);
    assert_int_equal(num(tmp("idem.db"), "SELECT count(*) FROM articles"), 1);
    assert_int_equal(num(tmp("idem.db"), "SELECT count(*) FROM mentions"), 1);
    assert_int_equal(num(tmp("idem.db"), "SELECT mentions FROM events"), 1);
}

static void test_edge_cases(void **state)
{
    (void)state;
    dyad_store *st = fresh("edge.db");
    /* bodies without a word are not copies of each other */
    dyad_doc *a = mkdoc("a", "* * *", "2014-03-18", NULL);
    dyad_doc *b = mkdoc("b", "- - -", "2014-03-18", NULL);
    /* an event the coder left without a code is not stored */
    event(a, 0, "NOR", "EST", "", NULL, DYAD_ASSERTED);
    assert_int_equal(add(st, a), 1);
    assert_int_equal(add(st, b), 1);
    assert_null(b->duplicate_of);
    dyad_doc_free(a);
    dyad_doc_free(b);
    dyad_store_close(st);
    assert_int_equal(num(tmp("edge.db"), "SELECT count(*) FROM events"), 0);
    assert_int_equal(num(tmp("edge.db"), "SELECT sum(nevents) FROM articles"), 0);
    assert_int_equal(num(tmp("edge.db"), "SELECT count(*) FROM stories"), 2);
}

/* ---- duplicates ---- */

static void test_exact_duplicate(void **state)
{
    (void)state;
    dyad_store *st = fresh("exact.db");
    char *s = slurp(DATA "wire-a.txt", NULL);
    dyad_doc *a = mkdoc("a", s, "2014-03-18", "Daily Wire");
    assert_int_equal(add(st, a), 1);
    /* the same words with other case, spacing and punctuation */
    for (char *p = s; *p; p++) {
        if (*p >= 'a' && *p <= 'z' && (p - s) % 7 == 0) *p = (char)(*p - 32);
        if (*p == ',') *p = ' ';
    }
    dyad_doc *b = mkdoc("b", s, "2014-03-18", "Other Paper");
    assert_int_equal(add(st, b), 1);
    assert_non_null(b->duplicate_of);
    assert_string_equal(b->duplicate_of, "a");
    dyad_doc_free(a);
    dyad_doc_free(b);
    free(s);
    dyad_store_close(st);
    assert_string_equal(one(tmp("exact.db"), "SELECT dup_kind FROM articles WHERE doc='b'"),
                        "exact");
}

/* wire-a republished: new headline, site chrome, last paragraph cut. */
static char *republished(void)
{
    char *s = slurp(DATA "wire-a.txt", NULL);
    char *body = strchr(s, '\n');
    char *last = strstr(s, "The two ministers are expected");
    assert_non_null(body);
    assert_non_null(last);
    *last = 0;
    dyad_buf b = {0};
    dyad_buf_puts(&b, "Breakthrough in Orbe: corridor to reopen\n\nSubscribe | Log in | Menu\n");
    dyad_buf_puts(&b, body);
    dyad_buf_puts(&b, "\nShare this article\nRelated: markets, shipping, weather\n");
    free(s);
    return b.s;
}

static void test_near_duplicate(void **state)
{
    (void)state;
    dyad_store *st = fresh("near.db");
    dyad_doc *a = mkfile("a", DATA "wire-a.txt", "2014-03-18", "Daily Wire");
    dyad_doc *b = mkfile("b", DATA "wire-b.txt", "2014-03-18", "Daily Wire");
    dyad_doc *c = mkfile("c", DATA "wire-c.txt", "2014-03-19", "Gazette");
    char *r = republished();
    dyad_doc *d = mkdoc("d", r, "2014-03-18", "Reprint Post");
    free(r);
    assert_int_equal(add(st, a), 1);
    assert_int_equal(add(st, b), 1);
    assert_int_equal(add(st, c), 1);
    assert_int_equal(add(st, d), 1);
    assert_null(b->duplicate_of);
    assert_null(c->duplicate_of);        /* same story, written anew: not a copy */
    assert_non_null(d->duplicate_of);
    assert_string_equal(d->duplicate_of, "a");
    dyad_doc_free(a);
    dyad_doc_free(b);
    dyad_doc_free(c);
    dyad_doc_free(d);
    dyad_store_close(st);
    const char *db = tmp("near.db");
    assert_string_equal(one(db, "SELECT dup_kind FROM articles WHERE doc='d'"), "near");
    double sim = atof(one(db, "SELECT similarity FROM articles WHERE doc='d'"));
    assert_true(sim >= 0.7 && sim < 1.0);
    /* duplicates stay out of the search index */
    assert_int_equal(num(db, "SELECT count(*) FROM articles_fts_docsize"), 3);
}

static void test_fingerprint_similarity(void **state)
{
    (void)state;
    /* MinHash estimate tracks the true overlap */
    char *s = slurp(DATA "wire-a.txt", NULL), *r = republished();
    char *o = slurp(DATA "wire-b.txt", NULL);
    dedup_print x, y, z;
    dedup_fingerprint(s, strlen(s), &x);
    dedup_fingerprint(r, strlen(r), &y);
    dedup_fingerprint(o, strlen(o), &z);
    int same = 0, other = 0, bands = 0;
    for (int k = 0; k < DEDUP_K; k++) same += x.sig[k] == y.sig[k];
    for (int k = 0; k < DEDUP_K; k++) other += x.sig[k] == z.sig[k];
    for (int j = 0; j < DEDUP_BANDS; j++) bands += x.band[j] == y.band[j];
    assert_true(same > DEDUP_K / 2);
    assert_true(other < DEDUP_K / 10);
    assert_true(bands > 0);
    dyad_buf b = {0};
    const char *messy = "U.S.  Officials, SAID: «Ça va»";
    assert_int_equal(dedup_normalise(messy, strlen(messy), &b), 6);
    assert_string_equal(b.s, "u s officials said ça va");
    dyad_buf_free(&b);
    free(s);
    free(r);
    free(o);
}

/* ---- one event from many reports ---- */

static void test_many_reports(void **state)
{
    (void)state;
    dyad_store *st = fresh("ev.db");
    /* two sentences of one article, and a second outlet, report one
     * meeting; dates "2014-03" and "2014-03-18" are compatible */
    dyad_doc *a = mkfile("a", DATA "wire-a.txt", "2014-03-18", "Daily Wire");
    event(a, 0, "NORGOV", "ESTGOV", "043", "2014-03", DYAD_ASSERTED);
    event(a, 2, "NORGOV", "ESTGOV", "043", "2014-03-18", DYAD_ASSERTED);
    event(a, 3, "EST", "NOR", "112", "2014-03-18", DYAD_ASSERTED);
    event(a, 3, "EST", "NOR", "112", "2014-03-18", DYAD_NEGATED);   /* not the same */
    dyad_doc *c = mkfile("c", DATA "wire-c.txt", "2014-03-19", "Gazette");
    event(c, 0, "NORGOV", "ESTGOV", "043", "2014-03-18", DYAD_ASSERTED);
    /* publication date only, a day later: the same accusation */
    event(c, 1, "EST", "NOR", "112", NULL, DYAD_ASSERTED);
    /* a month away: another meeting */
    event(c, 1, "NORGOV", "ESTGOV", "043", "2014-04-20", DYAD_FUTURE);
    /* the republished copy adds nothing its original said */
    char *r = republished();
    dyad_doc *d = mkdoc("d", r, "2014-03-18", "Reprint Post");
    free(r);
    event(d, 0, "NORGOV", "ESTGOV", "043", "2014-03-18", DYAD_ASSERTED);
    assert_int_equal(add(st, a), 1);
    assert_int_equal(add(st, c), 1);
    assert_int_equal(add(st, d), 1);
    dyad_doc_free(a);
    dyad_doc_free(c);
    dyad_doc_free(d);
    dyad_store_close(st);
    const char *db = tmp("ev.db");
    assert_int_equal(num(db, "SELECT count(*) FROM events"), 4);
    assert_int_equal(num(db, "SELECT count(*) FROM mentions"), 8);
    assert_string_equal(one(db, "SELECT mentions || ' ' || articles || ' ' || sources || ' ' || date"
                                " FROM events WHERE code = '043' AND modality = 'asserted'"),
                        "3 2 2 2014-03-18");
    assert_string_equal(one(db, "SELECT mentions || ' ' || articles || ' ' || sources || ' ' || date"
                                " FROM events WHERE code = '112' AND modality = 'asserted'"),
                        "2 2 2 2014-03-18");
    assert_int_equal(num(db, "SELECT count(*) FROM mentions WHERE counted = 0"), 1);
}

/* ---- questions ---- */

typedef struct { int n; char last[2048]; dyad_buf all; } collect;

static dyad_status grab(const dyad_row *row, void *ctx, dyad_error *err)
{
    (void)err;
    collect *c = ctx;
    c->n++;
    dyad_buf_reset(&c->all);
    for (int i = 0; i < row->ncols; i++)
        dyad_buf_printf(&c->all, "%s=%s;", row->names[i], row->values[i] ? row->values[i] : "NULL");
    snprintf(c->last, sizeof c->last, "%s", c->all.s);
    c->last[sizeof c->last - 1] = 0;
    return DYAD_OK;
}

static dyad_status one_doc(const dyad_doc *d, void *ctx, dyad_error *err)
{
    (void)err;
    ++*(int *)ctx;
    assert_int_equal(d->nevents, 1);
    const dyad_event *e = &d->events[0];
    assert_true(e->global_id > 0);
    assert_int_equal(e->mentions, 1);
    assert_int_equal(e->articles, 1);
    assert_int_equal(e->sources, 1);
    assert_string_equal(e->code, "043");
    assert_string_equal(e->source_code, "NORGOV");
    assert_string_equal(e->date, "2014-03-18");
    assert_string_equal(d->id, "a");
    assert_int_equal(d->nsentences, 1);
    assert_true(d->text_len > 0 && d->sentences[0].end == d->text_len);
    return DYAD_OK;
}

static void test_questions(void **state)
{
    (void)state;
    dyad_store *st = fresh("q.db");
    dyad_doc *a = mkfile("a", DATA "wire-a.txt", "2014-03-18", "Daily Wire");
    event(a, 0, "NORGOV", "ESTGOV", "043", "2014-03-18", DYAD_ASSERTED);
    event(a, 1, "EST", "NOR", "112", "2014-02", DYAD_ASSERTED);
    event(a, 1, "ESTMIL", "NOR", "190", "2014-03-02", DYAD_ASSERTED);
    dyad_doc *b = mkfile("b", DATA "wire-b.txt", "2014-03-18", "Daily Wire");
    event(b, 0, "KES", "KESGOV", "020", "2014-03-16", DYAD_ASSERTED);
    assert_int_equal(add(st, a), 1);
    assert_int_equal(add(st, b), 1);
    dyad_error err;
    collect c = {0};
    dyad_query q = {.dyad_a = "NOR", .dyad_b = "EST"};
    assert_int_equal(dyad_store_events(st, &q, grab, &c, &err), DYAD_OK);
    assert_int_equal(c.n, 3);                     /* both directions */
    c.n = 0;
    q = (dyad_query){.source = "EST"};
    assert_int_equal(dyad_store_events(st, &q, grab, &c, &err), DYAD_OK);
    assert_int_equal(c.n, 2);                     /* EST and ESTMIL */
    c.n = 0;
    q = (dyad_query){.code = "19", .from = "2014-03", .to = "2014-03"};
    assert_int_equal(dyad_store_events(st, &q, grab, &c, &err), DYAD_OK);
    assert_int_equal(c.n, 1);
    c.n = 0;
    q = (dyad_query){.quad_class = 1};
    assert_int_equal(dyad_store_events(st, &q, grab, &c, &err), DYAD_OK);
    assert_int_equal(c.n, 2);

    /* series: month periods with counts and Goldstein sums */
    c.n = 0;
    q = (dyad_query){.dyad_a = "NOR", .dyad_b = "EST"};
    assert_int_equal(dyad_store_series(st, &q, "month", grab, &c, &err), DYAD_OK);
    assert_int_equal(c.n, 2);
    assert_non_null(strstr(c.last, "period=2014-03;events=2;"));
    assert_non_null(strstr(c.last, "goldstein=-1.0;"));
    c.n = 0;
    assert_int_equal(dyad_store_series(st, &q, "day", grab, &c, &err), DYAD_OK);
    assert_int_equal(c.n, 2);                     /* the month-only event is left out */
    c.n = 0;
    assert_int_equal(dyad_store_series(st, &q, "week", grab, &c, &err), DYAD_OK);
    assert_non_null(strstr(c.last, "period=2014-03-17;"));   /* a Monday */
    assert_int_equal(dyad_store_series(st, &q, "fortnight", grab, &c, &err), DYAD_ERR_USAGE);

    /* search: bm25 hit with its events; free text with punctuation works */
    c.n = 0;
    assert_int_equal(dyad_store_search(st, "grain corridor", 10, grab, &c, &err), DYAD_OK);
    assert_int_equal(c.n, 1);
    assert_non_null(strstr(c.last, "id=a;"));
    assert_non_null(strstr(c.all.s, "\"code\":\"043\""));
    c.n = 0;
    assert_int_equal(dyad_store_search(st, "Amber-River's", 10, grab, &c, &err), DYAD_OK);
    assert_int_equal(c.n, 1);

    /* mentions: the 16 GDELT columns */
    c.n = 0;
    q = (dyad_query){0};
    assert_int_equal(dyad_store_mentions(st, &q, grab, &c, &err), DYAD_OK);
    assert_int_equal(c.n, 4);
    int cols = 0;
    for (const char *p = c.last; (p = strchr(p, ';')); p++) cols++;
    assert_int_equal(cols, 16);
    /* events rebuilt as documents for the GDELT and PLOVER writers */
    q = (dyad_query){.root = "04"};
    int ndocs = 0;
    assert_int_equal(dyad_store_event_docs(st, &q, one_doc, &ndocs, &err), DYAD_OK);
    assert_int_equal(ndocs, 1);
    dyad_buf_free(&c.all);
    dyad_doc_free(a);
    dyad_doc_free(b);
    dyad_store_close(st);
}

/* ---- stories ---- */

static void test_stories(void **state)
{
    (void)state;
    dyad_store *st = fresh("s.db");
    dyad_doc *a = mkfile("a", DATA "wire-a.txt", "2014-03-18", "Daily Wire");
    dyad_doc *b = mkfile("b", DATA "wire-b.txt", "2014-03-18", "Daily Wire");
    dyad_doc *c = mkfile("c", DATA "wire-c.txt", "2014-03-20", "Gazette");
    /* the same words months later: a new story */
    dyad_doc *late = mkfile("late", DATA "wire-c.txt", "2014-09-01", "Gazette");
    late->text[0] = 'n';                           /* not an exact copy... */
    assert_int_equal(add(st, a), 1);
    assert_int_equal(add(st, b), 1);
    assert_int_equal(add(st, c), 1);
    dyad_store_close(st);
    const char *db = tmp("s.db");
    assert_int_equal(num(db, "SELECT count(*) FROM stories"), 2);
    assert_int_equal(num(db, "SELECT count(DISTINCT story) FROM articles WHERE doc IN ('a','c')"), 1);
    assert_true(num(db, "SELECT story FROM articles WHERE doc='a'") !=
                num(db, "SELECT story FROM articles WHERE doc='b'"));
    dyad_error err;
    assert_int_equal(dyad_store_open(&st, db, &err), DYAD_OK);
    assert_int_equal(add(st, late), 1);
    dyad_store_close(st);
    /* ...though a near duplicate, which joins its original's story */
    if (late->duplicate_of) assert_int_equal(num(db, "SELECT count(*) FROM stories"), 2);
    dyad_doc_free(a);
    dyad_doc_free(b);
    dyad_doc_free(c);
    dyad_doc_free(late);
    assert_int_equal(store_day("1970-01-02"), 1);
    char buf[11];
    store_day_str(store_day("2014-03-01") - 1, buf);
    assert_string_equal(buf, "2014-02-28");
}

static void test_stories_window(void **state)
{
    (void)state;
    dyad_store *st = fresh("w.db");
    dyad_doc *a = mkfile("a", DATA "wire-a.txt", "2014-03-18", NULL);
    dyad_doc *c = mkfile("c", DATA "wire-c.txt", "2014-09-01", NULL);
    assert_int_equal(add(st, a), 1);
    assert_int_equal(add(st, c), 1);
    dyad_store_close(st);
    assert_int_equal(num(tmp("w.db"), "SELECT count(*) FROM stories"), 2);
    dyad_doc_free(a);
    dyad_doc_free(c);
}

/* Whole coding when the syntax models are there, else storing only: the
 * store's guarantees are the same either way. */
static int models(void)
{
    dyad_syntax *s = NULL;
    dyad_error err;
    int ok = dyad_syntax_load(&s, NULL, &err) == DYAD_OK;
    dyad_syntax_free(s);
    return ok;
}

/* The canonical example: the two seed reports are one story. */
static void test_seeds_one_story(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    dyad_store *st = fresh("seeds.db");
    const char *files[2] = {"seeds/000_c25c940e50bd6d1a.txt", "seeds/004_d6a81f54781a5d76.txt"};
    dyad_syntax *syn;
    dyad_coder *coder;
    dyad_gazetteer *gaz;
    dyad_error err;
    dyad_coder_options copt = {0};
    dyad_pipeline p = {0};
    if (models()) {
        assert_int_equal(dyad_syntax_load(&syn, NULL, &err), DYAD_OK);
        assert_int_equal(dyad_coder_load(&coder, &copt, &err), DYAD_OK);
        assert_int_equal(dyad_gazetteer_load(&gaz, NULL, &err), DYAD_OK);
        p = (dyad_pipeline){.syntax = syn, .coder = coder, .gazetteer = gaz, .timex = 1};
    } else {
        print_message("note: no syntax models: the seeds are stored uncoded\n");
        syn = NULL, coder = NULL, gaz = NULL;
    }
    for (int i = 0; i < 2; i++) {
        dyad_reader *r;
        assert_int_equal(dyad_reader_open(&r, shared_path(files[i]), DYAD_INPUT_AUTO,
                                          "2014-06-27", &err), DYAD_OK);
        dyad_doc *d;
        dyad_error warn = {{0}};
        assert_int_equal(dyad_reader_next(r, &d, &warn, &err), DYAD_OK);
        assert_int_equal(dyad_process(&p, d, &err), DYAD_OK);
        assert_int_equal(add(st, d), 1);
        assert_null(d->duplicate_of);
        dyad_doc_free(d);
        dyad_reader_close(r);
    }
    dyad_store_close(st);
    dyad_syntax_free(syn);
    dyad_coder_free(coder);
    dyad_gazetteer_free(gaz);
    assert_int_equal(num(tmp("seeds.db"), "SELECT count(*) FROM stories"), 1);
    assert_int_equal(num(tmp("seeds.db"), "SELECT articles FROM stories"), 2);
}

/* TempEval-3 platinum news: the text of a .tml file (tags removed,
 * entities unescaped) and its creation date. */
static dyad_doc *tml_doc(const char *path)
{
    char *s = slurp(path, NULL);
    assert_non_null(s);
    char *b = strstr(s, "<TEXT>"), *e = strstr(s, "</TEXT>");
    assert_true(b && e);
    char date[11] = "";
    char *ct = strstr(s, "CREATION_TIME");
    if (ct) {
        char *tag = ct;
        while (tag > s && *tag != '<') tag--;
        char *v = strstr(tag, "value=\"");
        if (v) snprintf(date, sizeof date, "%.10s", v + 7);
    }
    dyad_buf t = {0};
    int in = 0;
    for (char *p = b + 6; p < e; p++) {
        if (*p == '<') in = 1;
        else if (*p == '>') in = 0;
        else if (!in) {
            static const char *const ent[][2] = {
                {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
            size_t k;
            for (k = 0; k < 5 && strncmp(p, ent[k][0], strlen(ent[k][0])) != 0; k++) {}
            if (k < 5) {
                dyad_buf_puts(&t, ent[k][1]);
                p += strlen(ent[k][0]) - 1;
            } else {
                dyad_buf_putc(&t, *p);
            }
        }
    }
    const char *name = strrchr(path, '/') + 1;
    dyad_doc *d = mkdoc(name, t.s, date[0] ? date : NULL, NULL);
    dyad_buf_free(&t);
    free(s);
    return d;
}

/* Stories on real news: of TempEval-3's 20 articles, the three reports of
 * one event form one story, and no other story has two articles. */
static void test_stories_tempeval(void **state)
{
    (void)state;
    REQUIRE_SHARED();
    struct dirent **list;
    int nfiles = scandir(shared_path("data/timex/te3-platinum"), &list, NULL, alphasort);
    if (nfiles < 0) { print_message("skipped: no TempEval-3\n"); skip(); }
    dyad_store *st = fresh("te3.db");
    int n = 0;
    for (int i = 0; i < nfiles; i++) {
        size_t len = strlen(list[i]->d_name);
        if (len > 4 && strcmp(list[i]->d_name + len - 4, ".tml") == 0) {
            char rel[512];
            snprintf(rel, sizeof rel, "data/timex/te3-platinum/%s", list[i]->d_name);
            dyad_doc *d = tml_doc(shared_path(rel));
            n += add(st, d);
            dyad_doc_free(d);
        }
        free(list[i]);
    }
    free(list);
    dyad_store_close(st);
    const char *db = tmp("te3.db");
    assert_true(n >= 19);
    assert_int_equal(num(db, "SELECT count(DISTINCT story) FROM articles WHERE doc IN"
                             " ('CNN_20130322_314.tml', 'WSJ_20130322_159.tml',"
                             "  'bbc_20130322_1353.tml')"), 1);
    assert_int_equal(num(db, "SELECT count(*) FROM stories WHERE articles > 1"), 1);
    assert_int_equal(num(db, "SELECT max(articles) FROM stories"), 3);
}

/* ---- dyad ingest under stress ---- */

/* A corpus of n files in dir: the three wire texts varied (an extra
 * paragraph, other dates), some exact copies. */
static void corpus(const char *dir, int from, int to)
{
    mkdir(dir, 0755);
    const char *base[3] = {DATA "wire-a.txt", DATA "wire-b.txt", DATA "wire-c.txt"};
    char *text[3];
    for (int i = 0; i < 3; i++) text[i] = slurp(base[i], NULL);
    for (int i = from; i < to; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%04d.jsonl", dir, i);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        dyad_buf b = {0};
        dyad_buf_printf(&b, "Report %d from desk %d. ", i % 5 == 0 ? 0 : i, i * 7 % 13);
        dyad_buf_puts(&b, text[i % 3]);
        /* one article per line, ids unique, two per file */
        for (int k = 0; k < 2; k++) {
            dyad_buf line = {0};
            dyad_buf_printf(&line, "{\"id\":\"n%d-%d\",\"date\":\"2014-%02d-%02d\",\"text\":",
                            i, k, 1 + i % 12, 1 + i % 28);
            dyad_buf_json_str(&line, b.s, b.len);
            dyad_buf_puts(&line, "}\n");
            fputs(line.s, f);
            dyad_buf_free(&line);
        }
        dyad_buf_free(&b);
        fclose(f);
    }
    for (int i = 0; i < 3; i++) free(text[i]);
}

static pid_t spawn(const char *db, const char *dir, const char *errfile)
{
    const char *dyad = getenv("DYAD");
    const char *mode = models() ? "--quiet" : "--no-code";
    pid_t pid = fork();
    if (pid == 0) {
        if (errfile) freopen(errfile, "w", stderr);
        execl(dyad, dyad, "ingest", "--quiet", mode, "--db", db, dir, (char *)NULL);
        _exit(127);
    }
    return pid;
}

static int wait_for(pid_t pid)
{
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Everything the store holds but ingest times, in a fixed order. */
static char *dump(const char *db)
{
    static const char *const sql[] = {
        "SELECT id, doc, hash, path, line, title, date, source, source_name, text,"
        " nsentences, nevents, duplicate_of, dup_kind, similarity, story, hex(sig)"
        " FROM articles ORDER BY id",
        "SELECT * FROM sentences ORDER BY article, idx",
        "SELECT * FROM events ORDER BY id",
        "SELECT * FROM mentions ORDER BY id",
        "SELECT * FROM lsh ORDER BY band, hash, article",
        "SELECT * FROM stories ORDER BY id",
        "SELECT * FROM story_terms ORDER BY term, story",
        "SELECT * FROM story_actors ORDER BY story, code",
        "SELECT * FROM df ORDER BY term",
        "SELECT * FROM meta ORDER BY key",
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'grain' ORDER BY rowid",
    };
    sqlite3 *h;
    assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    dyad_buf b = {0};
    for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
        sqlite3_stmt *q;
        assert_int_equal(sqlite3_prepare_v2(h, sql[i], -1, &q, NULL), SQLITE_OK);
        while (sqlite3_step(q) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(q); c++) {
                if (sqlite3_column_type(q, c) == SQLITE_FLOAT)
                    dyad_buf_printf(&b, "%.17g|", sqlite3_column_double(q, c));
                else
                    dyad_buf_printf(&b, "%s|", sqlite3_column_text(q, c)
                                    ? (const char *)sqlite3_column_text(q, c) : "NULL");
            }
            dyad_buf_putc(&b, '\n');
        }
        sqlite3_finalize(q);
    }
    sqlite3_close(h);
    return b.s;
}

/* Whole articles only: each with all its sentences and mentions. */
static void check_whole(const char *db)
{
    assert_string_equal(one(db, "PRAGMA integrity_check"), "ok");
    if (num(db, "PRAGMA user_version") == 0) {
        /* killed before the schema was made: nothing in it */
        assert_int_equal(num(db, "SELECT count(*) FROM sqlite_schema"), 0);
        return;
    }
    assert_int_equal(num(db, "SELECT count(*) FROM articles a WHERE nsentences <>"
                             " (SELECT count(*) FROM sentences WHERE article = a.id)"
                             " OR nevents <> (SELECT count(*) FROM mentions WHERE article = a.id)"
                             " OR story IS NULL"), 0);
    assert_int_equal(num(db, "SELECT count(*) FROM events e WHERE mentions <>"
                             " (SELECT count(*) FROM mentions WHERE event = e.id AND counted)"), 0);
}

static void test_kill_and_resume(void **state)
{
    (void)state;
    if (!getenv("DYAD")) { print_message("skipped: DYAD not set (run by tests/run)\n"); skip(); }
    char dir[512], ref[512];
    snprintf(dir, sizeof dir, "%s", tmp("kill-corpus"));
    snprintf(ref, sizeof ref, "%s", tmp("ref.db"));
    corpus(dir, 0, 10);
    double t0 = now();
    assert_int_equal(wait_for(spawn(ref, dir, NULL)), 0);
    double full = now() - t0;
    char *want = dump(ref);
    assert_int_equal(num(ref, "SELECT count(*) FROM articles"), 20);
    srand(20140627);
    int killed = 0, partial = 0;
    for (int trial = 0; trial < 20; trial++) {
        char name[64];
        snprintf(name, sizeof name, "kill%d.db", trial);
        char db[512];
        snprintf(db, sizeof db, "%s", tmp(name));
        pid_t pid = spawn(db, dir, "/dev/null");
        double at = full * (double)rand() / RAND_MAX;
        struct timespec ts = {(time_t)at, (long)((at - (double)(time_t)at) * 1e9)};
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        killed += wait_for(pid) == 128 + SIGKILL;
        if (access(db, F_OK) == 0) {
            check_whole(db);
            long n = num(db, "SELECT count(*) FROM pragma_table_list WHERE name = 'articles'")
                         ? num(db, "SELECT count(*) FROM articles") : 0;
            partial += n > 0 && n < 20;
        }
        assert_int_equal(wait_for(spawn(db, dir, NULL)), 0);
        check_whole(db);
        char *got = dump(db);
        assert_string_equal(got, want);
        free(got);
        char rm[1700];
        snprintf(rm, sizeof rm, "rm -f '%s' '%s-wal' '%s-shm'", db, db, db);
        assert_int_equal(system(rm), 0);
    }
    print_message("killed in %d of 20 trials, %d with some articles stored (full run %.2f s)\n",
                  killed, partial, full);
    assert_true(killed > 0);
    free(want);
}

static void test_two_processes(void **state)
{
    (void)state;
    if (!getenv("DYAD")) { print_message("skipped: DYAD not set (run by tests/run)\n"); skip(); }
    char x[512], y[512], db[512];
    snprintf(x, sizeof x, "%s", tmp("two-x"));
    snprintf(y, sizeof y, "%s", tmp("two-y"));
    snprintf(db, sizeof db, "%s", tmp("two.db"));
    corpus(x, 0, 16);
    corpus(y, 8, 24);                            /* 8 files in both */
    char e1[512], e2[512];
    snprintf(e1, sizeof e1, "%s", tmp("two-1.err"));
    snprintf(e2, sizeof e2, "%s", tmp("two-2.err"));
    pid_t p1 = spawn(db, x, e1), p2 = spawn(db, y, e2);
    int r1 = wait_for(p1), r2 = wait_for(p2);
    char *m1 = slurp(e1, NULL), *m2 = slurp(e2, NULL);
    if (r1 || r2 || *m1 || *m2) fail_msg("exit %d %d: %s %s", r1, r2, m1, m2);
    free(m1);
    free(m2);
    check_whole(db);
    assert_int_equal(num(db, "SELECT count(*) FROM articles"), 48);
    assert_int_equal(num(db, "SELECT count(DISTINCT doc) FROM articles"), 48);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_and_version),
        cmocka_unit_test(test_idempotent),
        cmocka_unit_test(test_edge_cases),
        cmocka_unit_test(test_exact_duplicate),
        cmocka_unit_test(test_near_duplicate),
        cmocka_unit_test(test_fingerprint_similarity),
        cmocka_unit_test(test_many_reports),
        cmocka_unit_test(test_questions),
        cmocka_unit_test(test_stories),
        cmocka_unit_test(test_stories_window),
        cmocka_unit_test(test_seeds_one_story),
        cmocka_unit_test(test_stories_tempeval),
        cmocka_unit_test(test_kill_and_resume),
        cmocka_unit_test(test_two_processes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
