/* store.c — the embedded SQLite store: schema and its migrations, one write
 * transaction per article (article, sentences, events, mentions, duplicate
 * and story links: all or nothing), and the questions users ask of it.
 *
 * The schema is documented in docs/store.md; its version is
 * PRAGMA user_version, and opening an older database migrates it. The
 * database is in WAL mode so readers never block the writer; several
 * processes may write at once (busy timeout, every write transaction is
 * BEGIN IMMEDIATE and retried as a whole when the database stays busy).
 *
 * One event from many reports: a coded event joins an existing event row
 * when source, target, CAMEO code and modality are equal and the dates are
 * compatible: the same day; or one date is a partial date ("2014-05",
 * "2014") containing the other, so "in May" and "on May 19" agree; or, when
 * either date is only the publication date (the text gave none), one day
 * apart, since a report often appears the day after the event it tells.
 * Negated or future events are kept apart from asserted ones: "did not
 * attack" is not a report of an attack. Counts follow GDELT: mentions
 * (every sentence that reports it), articles (distinct reports) and sources
 * (distinct outlets); a duplicate article's mentions are linked but add
 * nothing that its original already reported. */
#include "store.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SCHEMA_VERSION 1
#define BUSY_MS 60000

struct dyad_store {
    sqlite3 *db;
    char *path;
};

/* Version 1. Each later version appends one step to migrations[]. */
static const char schema_v1[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
    "CREATE TABLE articles("
    " id INTEGER PRIMARY KEY,"
    " doc TEXT NOT NULL,"
    " hash INTEGER NOT NULL,"
    " path TEXT, line INTEGER,"
    " title TEXT, subtitle TEXT, date TEXT, dateline TEXT, source TEXT,"
    " byline TEXT, url TEXT, tags TEXT,"
    " source_name TEXT,"
    " text TEXT NOT NULL,"
    " nsentences INTEGER NOT NULL, nevents INTEGER NOT NULL,"
    " duplicate_of INTEGER REFERENCES articles(id),"
    " dup_kind TEXT, similarity REAL,"
    " story INTEGER REFERENCES stories(id),"
    " sig BLOB,"
    " added TEXT NOT NULL,"
    " UNIQUE(doc, hash));"
    "CREATE INDEX articles_hash ON articles(hash);"
    "CREATE INDEX articles_story ON articles(story);"
    "CREATE TABLE sentences("
    " article INTEGER NOT NULL REFERENCES articles(id),"
    " idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,"
    " PRIMARY KEY(article, idx)) WITHOUT ROWID;"
    "CREATE TABLE events("
    " id INTEGER PRIMARY KEY,"
    " source TEXT NOT NULL, target TEXT NOT NULL, code TEXT NOT NULL,"
    " modality TEXT NOT NULL, date TEXT NOT NULL, date_fallback INTEGER NOT NULL,"
    " root TEXT, quad_class INTEGER, goldstein REAL, plover TEXT,"
    " source_text TEXT, target_text TEXT,"
    " loc_name TEXT, loc_country TEXT, loc_fips TEXT, loc_adm1 TEXT,"
    " lat REAL, lon REAL, geonameid INTEGER, feature INTEGER,"
    " mentions INTEGER NOT NULL, articles INTEGER NOT NULL, sources INTEGER NOT NULL,"
    " first_article INTEGER NOT NULL, first_sentence INTEGER NOT NULL);"
    "CREATE INDEX events_key ON events(source, target, code, modality, date);"
    "CREATE INDEX events_target ON events(target);"
    "CREATE INDEX events_date ON events(date);"
    "CREATE TABLE mentions("
    " id INTEGER PRIMARY KEY,"
    " event INTEGER NOT NULL REFERENCES events(id),"
    " article INTEGER NOT NULL REFERENCES articles(id),"
    " report INTEGER NOT NULL, sentence INTEGER NOT NULL,"
    " counted INTEGER NOT NULL, source_name TEXT,"
    " source_text TEXT, target_text TEXT, date_text TEXT, modality TEXT,"
    " explain TEXT, actor1_offset INTEGER, actor2_offset INTEGER,"
    " action_offset INTEGER);"
    "CREATE INDEX mentions_event ON mentions(event, report);"
    "CREATE INDEX mentions_article ON mentions(article);"
    "CREATE TABLE lsh(band INTEGER, hash INTEGER, article INTEGER,"
    " PRIMARY KEY(band, hash, article)) WITHOUT ROWID;"
    "CREATE TABLE stories("
    " id INTEGER PRIMARY KEY, title TEXT, first_day INTEGER, last_day INTEGER,"
    " articles INTEGER NOT NULL, norm REAL NOT NULL);"
    "CREATE TABLE story_terms(term TEXT, story INTEGER, weight REAL,"
    " PRIMARY KEY(term, story)) WITHOUT ROWID;"
    "CREATE INDEX story_terms_story ON story_terms(story, weight);"
    "CREATE TABLE story_actors(story INTEGER, code TEXT, n INTEGER,"
    " PRIMARY KEY(story, code)) WITHOUT ROWID;"
    "CREATE TABLE df(term TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;"
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, tokenize='porter unicode61',"
    " content='articles', content_rowid='id');";

static const char *const migrations[SCHEMA_VERSION] = {schema_v1};

static dyad_status db_fail(dyad_store *st, dyad_error *err, const char *what)
{
    return dyad_fail(err, DYAD_ERR_DB, st->path, 0, "%s: %s", what,
                     sqlite3_errmsg(st->db));
}

static void nap(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Runs sql, retrying while another process holds the lock: SQLite does not
 * call the busy handler in every case (switching to WAL, a read
 * transaction that must become a write one). */
static int exec_retry(sqlite3 *db, const char *sql)
{
    int rc;
    for (int waited = 0;; waited += 5) {
        rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
        if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) return rc;
        if (waited > BUSY_MS) return rc;
        nap(5);
    }
}

static int user_version(sqlite3 *db)
{
    sqlite3_stmt *q;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL) == SQLITE_OK) {
        if (sqlite3_step(q) == SQLITE_ROW) v = sqlite3_column_int(q, 0);
        sqlite3_finalize(q);
    }
    return v;
}

int dyad_store_version(dyad_store *st)
{
    return user_version(st->db);
}

dyad_status dyad_store_open(dyad_store **out, const char *path, dyad_error *err)
{
    *out = NULL;
    dyad_store *st = calloc(1, sizeof *st);
    if (!st) return dyad_fail(err, DYAD_ERR_NOMEM, path, 0, "out of memory");
    st->path = strdup(path);
    int rc = sqlite3_open_v2(path, &st->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        dyad_status s = dyad_fail(err, DYAD_ERR_DB, path, 0, "cannot open database: %s",
                                  st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
        dyad_store_close(st);
        return s;
    }
    sqlite3_busy_timeout(st->db, BUSY_MS);
    sqlite3_extended_result_codes(st->db, 0);
    /* WAL: readers and the writer do not block each other, and a killed
     * writer leaves only uncommitted frames that recovery drops.
     * synchronous=NORMAL: commits are durable against a process crash (the
     * WAL is in the OS); a power cut may lose the last commits, never
     * consistency. */
    if (exec_retry(st->db, "PRAGMA journal_mode=WAL") != SQLITE_OK ||
        exec_retry(st->db, "PRAGMA synchronous=NORMAL") != SQLITE_OK ||
        /* 32 MB of page cache: the indexes a large collection's writes
         * touch stay in memory */
        exec_retry(st->db, "PRAGMA cache_size=-32768") != SQLITE_OK) {
        dyad_status s = db_fail(st, err, "not a dyad database");
        dyad_store_close(st);
        return s;
    }
    /* the usual case, an up-to-date database: no write lock needed, so a
     * question never waits for a running ingest */
    if (user_version(st->db) == SCHEMA_VERSION) {
        *out = st;
        return DYAD_OK;
    }
    if (exec_retry(st->db, "BEGIN IMMEDIATE") != SQLITE_OK) {
        dyad_status s = db_fail(st, err, "cannot lock database");
        dyad_store_close(st);
        return s;
    }
    int v = user_version(st->db);
    if (v < 0 || v > SCHEMA_VERSION) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        dyad_status s = v < 0 ? db_fail(st, err, "not a dyad database")
                              : dyad_fail(err, DYAD_ERR_DB, path, 0,
                                          "schema version %d is newer than this dyad "
                                          "knows (%d)", v, SCHEMA_VERSION);
        dyad_store_close(st);
        return s;
    }
    if (v == 0) {
        /* a fresh file, or some other SQLite database: refuse the latter */
        sqlite3_stmt *q;
        int n = 0;
        if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_schema", -1, &q,
                               NULL) == SQLITE_OK) {
            if (sqlite3_step(q) == SQLITE_ROW) n = sqlite3_column_int(q, 0);
            sqlite3_finalize(q);
        }
        if (n > 0) {
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
            dyad_store_close(st);
            return dyad_fail(err, DYAD_ERR_DB, path, 0,
                             "not a dyad database (it has tables of its own)");
        }
    }
    for (; v < SCHEMA_VERSION; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", v + 1);
        if (sqlite3_exec(st->db, migrations[v], NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(st->db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
            dyad_status s = db_fail(st, err, "cannot create the schema");
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
            dyad_store_close(st);
            return s;
        }
    }
    if (exec_retry(st->db, "COMMIT") != SQLITE_OK) {
        dyad_status s = db_fail(st, err, "cannot create the schema");
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        dyad_store_close(st);
        return s;
    }
    *out = st;
    return DYAD_OK;
}

void dyad_store_close(dyad_store *st)
{
    if (!st) return;
    if (st->db) sqlite3_close_v2(st->db);
    free(st->path);
    free(st);
}

/* ------------------------------------------------------------------ */
/* Writing one article                                                 */
/* ------------------------------------------------------------------ */

/* A statement with its binding position: prepared per transaction. */
typedef struct {
    sqlite3 *db;
    int rc;
} tx;

static sqlite3_stmt *prep(tx *t, const char *sql)
{
    sqlite3_stmt *q = NULL;
    if (t->rc == SQLITE_OK) t->rc = sqlite3_prepare_v2(t->db, sql, -1, &q, NULL);
    return q;
}

static void bind_text(sqlite3_stmt *q, int i, const char *s)
{
    if (s) sqlite3_bind_text(q, i, s, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(q, i);
}

/* Steps a statement that returns no row (or ignores them) and resets it. */
static void run(tx *t, sqlite3_stmt *q)
{
    if (!q || t->rc != SQLITE_OK) return;
    int rc = sqlite3_step(q);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) t->rc = rc;
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
}

/* The event date as a plain ISO prefix (YYYY, YYYY-MM or YYYY-MM-DD) of
 * a TIMEX3 value; "" when it has no calendar date. */
static void iso_date(const char *v, char *out)
{
    out[0] = 0;
    if (!v) return;
    size_t n = 0;
    while (n < 10 && v[n] && ((v[n] >= '0' && v[n] <= '9') || v[n] == '-')) n++;
    if (n >= 10 && store_day(v) != INT32_MIN) n = 10;
    else if (n >= 7 && v[4] == '-' && v[5] >= '0' && v[5] <= '1' && v[6] >= '0' &&
             v[6] <= '9' && (v[5] - '0') * 10 + (v[6] - '0') >= 1 &&
             (v[5] - '0') * 10 + (v[6] - '0') <= 12)
        n = 7;
    else if (n >= 4 && v[0] >= '0' && v[0] <= '9' && v[1] >= '0' && v[1] <= '9' &&
             v[2] >= '0' && v[2] <= '9' && v[3] >= '0' && v[3] <= '9')
        n = 4;
    else
        n = 0;
    memcpy(out, v, n);
    out[n] = 0;
}

static const char *nz(const char *s) { return s ? s : ""; }

/* The outlet an article counts as for NumSources: its source, else the
 * host of its URL; NULL (each article its own source) when neither. */
static char *source_name(const dyad_doc *doc)
{
    if (doc->source && *doc->source) return strdup(doc->source);
    const char *u = doc->url;
    if (!u || !*u) return NULL;
    const char *p = strstr(u, "://");
    p = p ? p + 3 : u;
    if (strncmp(p, "www.", 4) == 0) p += 4;
    size_t n = strcspn(p, "/:?#");
    return n ? strndup(p, n) : NULL;
}

static int32_t tok_start(const dyad_doc *d, uint32_t tok)
{
    return tok < d->ntokens ? (int32_t)d->tokens[tok].start : -1;
}

static int32_t actor_start(const dyad_doc *d, int32_t a)
{
    return a >= 0 && (size_t)a < d->nactors ? tok_start(d, d->actors[a].tok) : -1;
}

static void store_events(tx *t, dyad_doc *doc, int64_t article, int64_t report,
                         const char *src)
{
    sqlite3_stmt *find = prep(t,
        "SELECT id, date, date_fallback, loc_name IS NOT NULL FROM events "
        "WHERE source = ?1 AND target = ?2 AND code = ?3 AND modality = ?4 AND ("
        " date = ?5"
        " OR (length(?5) > 4 AND date = substr(?5, 1, 4))"
        " OR (length(?5) > 7 AND date = substr(?5, 1, 7))"
        " OR (?5 <> '' AND length(?5) < 10 AND date > ?5 || '-' AND date < ?5 || '-~')"
        " OR (date IN (?6, ?7) AND (?8 OR date_fallback)))"
        " ORDER BY date = ?5 DESC, length(date) DESC, id LIMIT 1");
    sqlite3_stmt *ins = prep(t,
        "INSERT INTO events(source, target, code, modality, date, date_fallback,"
        " root, quad_class, goldstein, plover, source_text, target_text,"
        " loc_name, loc_country, loc_fips, loc_adm1, lat, lon, geonameid, feature,"
        " mentions, articles, sources, first_article, first_sentence)"
        " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,"
        " ?19,?20,0,0,0,?21,?22)");
    sqlite3_stmt *redate = prep(t,
        "UPDATE events SET date = ?2, date_fallback = ?3 WHERE id = ?1");
    sqlite3_stmt *relocate = prep(t,
        "UPDATE events SET loc_name = ?2, loc_country = ?3, loc_fips = ?4,"
        " loc_adm1 = ?5, lat = ?6, lon = ?7, geonameid = ?8, feature = ?9 WHERE id = ?1");
    sqlite3_stmt *seen = prep(t,
        "SELECT EXISTS(SELECT 1 FROM mentions WHERE event = ?1 AND report = ?2),"
        " EXISTS(SELECT 1 FROM mentions WHERE event = ?1 AND counted"
        "  AND source_name = ?3)");
    sqlite3_stmt *count = prep(t,
        "UPDATE events SET mentions = mentions + 1, articles = articles + ?2,"
        " sources = sources + ?3 WHERE id = ?1");
    sqlite3_stmt *mention = prep(t,
        "INSERT INTO mentions(event, article, report, sentence, counted, source_name,"
        " source_text, target_text, date_text, modality, explain, actor1_offset,"
        " actor2_offset, action_offset)"
        " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)");

    for (size_t i = 0; i < doc->nevents && t->rc == SQLITE_OK; i++) {
        const dyad_event *e = &doc->events[i];
        if (!e->code[0]) continue;          /* nothing to count it as */
        char date[11], prev[11] = "", next[11] = "";
        iso_date(e->date, date);
        int fallback = 0;
        if (!date[0]) {
            iso_date(doc->date, date);
            fallback = 1;
        }
        if (strlen(date) == 10) {
            int32_t d = store_day(date);
            store_day_str(d - 1, prev);
            store_day_str(d + 1, next);
        }
        const char *mod = dyad_modality_name((dyad_modality)e->modality);
        int64_t ev = 0;
        sqlite3_bind_text(find, 1, nz(e->source_code), -1, SQLITE_STATIC);
        sqlite3_bind_text(find, 2, nz(e->target_code), -1, SQLITE_STATIC);
        sqlite3_bind_text(find, 3, e->code, -1, SQLITE_STATIC);
        sqlite3_bind_text(find, 4, mod, -1, SQLITE_STATIC);
        sqlite3_bind_text(find, 5, date, -1, SQLITE_STATIC);
        sqlite3_bind_text(find, 6, prev, -1, SQLITE_STATIC);
        sqlite3_bind_text(find, 7, next, -1, SQLITE_STATIC);
        sqlite3_bind_int(find, 8, fallback);
        int rc = sqlite3_step(find);
        if (rc == SQLITE_ROW) {
            ev = sqlite3_column_int64(find, 0);
            const char *old = (const char *)sqlite3_column_text(find, 1);
            int oldfb = sqlite3_column_int(find, 2), hasloc = sqlite3_column_int(find, 3);
            /* keep the most precise date, and a date from the text over
             * a publication date */
            int better = strlen(date) > strlen(nz(old)) ||
                         (strlen(date) == strlen(nz(old)) && oldfb && !fallback);
            sqlite3_reset(find);
            if (better) {
                sqlite3_bind_int64(redate, 1, ev);
                sqlite3_bind_text(redate, 2, date, -1, SQLITE_STATIC);
                sqlite3_bind_int(redate, 3, fallback);
                run(t, redate);
            }
            if (!hasloc && e->has_location) {
                const dyad_location *l = &e->location;
                sqlite3_bind_int64(relocate, 1, ev);
                bind_text(relocate, 2, l->name ? l->name : "");
                bind_text(relocate, 3, l->country);
                bind_text(relocate, 4, l->fips);
                bind_text(relocate, 5, l->adm1);
                sqlite3_bind_double(relocate, 6, l->lat);
                sqlite3_bind_double(relocate, 7, l->lon);
                sqlite3_bind_int64(relocate, 8, l->geonameid);
                sqlite3_bind_int(relocate, 9, l->feature);
                run(t, relocate);
            }
        } else if (rc == SQLITE_DONE) {
            sqlite3_reset(find);
            sqlite3_bind_text(ins, 1, nz(e->source_code), -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 2, nz(e->target_code), -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 3, e->code, -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 4, mod, -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 5, date, -1, SQLITE_STATIC);
            sqlite3_bind_int(ins, 6, fallback);
            sqlite3_bind_text(ins, 7, e->root, -1, SQLITE_STATIC);
            sqlite3_bind_int(ins, 8, e->quad_class);
            sqlite3_bind_double(ins, 9, e->goldstein);
            bind_text(ins, 10, e->plover);
            bind_text(ins, 11, e->source_text);
            bind_text(ins, 12, e->target_text);
            if (e->has_location) {
                const dyad_location *l = &e->location;
                bind_text(ins, 13, l->name ? l->name : "");
                bind_text(ins, 14, l->country);
                bind_text(ins, 15, l->fips);
                bind_text(ins, 16, l->adm1);
                sqlite3_bind_double(ins, 17, l->lat);
                sqlite3_bind_double(ins, 18, l->lon);
                sqlite3_bind_int64(ins, 19, l->geonameid);
                sqlite3_bind_int(ins, 20, l->feature);
            }
            sqlite3_bind_int64(ins, 21, article);
            sqlite3_bind_int(ins, 22, (int)e->sent);
            run(t, ins);
            ev = sqlite3_last_insert_rowid(t->db);
        } else {
            sqlite3_reset(find);
            t->rc = rc;
            break;
        }
        if (t->rc != SQLITE_OK) break;

        /* counts: a report adds an article once; an outlet adds a source
         * once; a duplicate adds nothing its original already said */
        int report_seen = 0, source_seen = 0;
        sqlite3_bind_int64(seen, 1, ev);
        sqlite3_bind_int64(seen, 2, report);
        bind_text(seen, 3, src);
        if ((rc = sqlite3_step(seen)) == SQLITE_ROW) {
            report_seen = sqlite3_column_int(seen, 0);
            source_seen = sqlite3_column_int(seen, 1);
        } else {
            t->rc = rc;
        }
        sqlite3_reset(seen);
        int counted = article == report || !report_seen;
        if (counted) {
            sqlite3_bind_int64(count, 1, ev);
            sqlite3_bind_int(count, 2, !report_seen);
            sqlite3_bind_int(count, 3, !source_seen);
            run(t, count);
        }
        sqlite3_bind_int64(mention, 1, ev);
        sqlite3_bind_int64(mention, 2, article);
        sqlite3_bind_int64(mention, 3, report);
        sqlite3_bind_int(mention, 4, (int)e->sent);
        sqlite3_bind_int(mention, 5, counted);
        bind_text(mention, 6, src);
        bind_text(mention, 7, e->source_text);
        bind_text(mention, 8, e->target_text);
        bind_text(mention, 9, e->date_text);
        sqlite3_bind_text(mention, 10, mod, -1, SQLITE_STATIC);
        bind_text(mention, 11, e->explain);
        sqlite3_bind_int(mention, 12, actor_start(doc, e->source));
        sqlite3_bind_int(mention, 13, actor_start(doc, e->target));
        sqlite3_bind_int(mention, 14, tok_start(doc, e->verb));
        run(t, mention);
    }
    sqlite3_finalize(find);
    sqlite3_finalize(ins);
    sqlite3_finalize(redate);
    sqlite3_finalize(relocate);
    sqlite3_finalize(seen);
    sqlite3_finalize(count);
    sqlite3_finalize(mention);
}

static size_t coded_events(const dyad_doc *doc)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->nevents; i++) n += doc->events[i].code[0] != 0;
    return n;
}

static char *tags_json(const dyad_doc *doc)
{
    dyad_buf b = {0};
    dyad_buf_putc(&b, '[');
    for (size_t i = 0; i < doc->ntags; i++) {
        if (i) dyad_buf_putc(&b, ',');
        dyad_buf_json_str(&b, doc->tags[i], strlen(doc->tags[i]));
    }
    dyad_buf_putc(&b, ']');
    return b.s;
}

/* One attempt at the article's transaction; returns an SQLite code. */
static int add_once(dyad_store *st, dyad_doc *doc, const dedup_print *fp,
                    int *added)
{
    tx t = {st->db, SQLITE_OK};
    *added = 0;
    int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK) return rc;

    const char *text = doc->text ? doc->text : "";
    size_t tlen = doc->text ? doc->text_len : 0;
    sqlite3_stmt *q = prep(&t, "SELECT id, duplicate_of, story FROM articles "
                               "WHERE doc = ?1 AND hash = ?2");
    if (q) {
        sqlite3_bind_text(q, 1, doc->id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)fp->hash);
        if (sqlite3_step(q) == SQLITE_ROW) {
            doc->db_id = sqlite3_column_int64(q, 0);
            sqlite3_finalize(q);
            return sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        }
        sqlite3_finalize(q);
    }

    dedup_match m = {0};
    if (t.rc == SQLITE_OK) t.rc = dedup_find(st->db, fp, text, tlen, &m);

    char *src = NULL;
    if (m.of) {
        /* a duplicate reports for its original's outlet */
        q = prep(&t, "SELECT source_name, doc FROM articles WHERE id = ?1");
        if (q) {
            sqlite3_bind_int64(q, 1, m.of);
            if (sqlite3_step(q) == SQLITE_ROW) {
                const char *s = (const char *)sqlite3_column_text(q, 0);
                src = s ? strdup(s) : NULL;
                doc->duplicate_of = dyad_strdup(doc->arena,
                                                (const char *)sqlite3_column_text(q, 1));
            }
            sqlite3_finalize(q);
        }
    }
    char *own_src = source_name(doc);
    if (!m.of) src = own_src ? strdup(own_src) : NULL;

    char added_at[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(added_at, sizeof added_at, "%Y-%m-%dT%H:%M:%SZ", &tm);
    char *tags = tags_json(doc);
    q = prep(&t,
        "INSERT INTO articles(doc, hash, path, line, title, subtitle, date, dateline,"
        " source, byline, url, tags, source_name, text, nsentences, nevents,"
        " duplicate_of, dup_kind, similarity, sig, added)"
        " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21)");
    if (q) {
        sqlite3_bind_text(q, 1, doc->id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)fp->hash);
        bind_text(q, 3, doc->path);
        sqlite3_bind_int64(q, 4, doc->line);
        bind_text(q, 5, doc->title);
        bind_text(q, 6, doc->subtitle);
        bind_text(q, 7, doc->date);
        bind_text(q, 8, doc->dateline);
        bind_text(q, 9, doc->source);
        bind_text(q, 10, doc->byline);
        bind_text(q, 11, doc->url);
        bind_text(q, 12, tags);
        bind_text(q, 13, own_src);
        sqlite3_bind_text(q, 14, text, (int)tlen, SQLITE_STATIC);
        sqlite3_bind_int64(q, 15, (sqlite3_int64)doc->nsentences);
        sqlite3_bind_int64(q, 16, (sqlite3_int64)coded_events(doc));
        if (m.of) {
            sqlite3_bind_int64(q, 17, m.of);
            sqlite3_bind_text(q, 18, m.kind, -1, SQLITE_STATIC);
            sqlite3_bind_double(q, 19, round(m.similarity * 1000) / 1000);
        }
        sqlite3_bind_blob(q, 20, fp->sig, sizeof fp->sig, SQLITE_STATIC);
        sqlite3_bind_text(q, 21, added_at, -1, SQLITE_STATIC);
        run(&t, q);
        sqlite3_finalize(q);
    }
    free(tags);
    int64_t id = sqlite3_last_insert_rowid(st->db);

    if (!m.of) {
        /* duplicates stay out of the search index: one hit per story */
        q = prep(&t, "INSERT INTO articles_fts(rowid, title, text) VALUES (?1, ?2, ?3)");
        if (q) {
            sqlite3_bind_int64(q, 1, id);
            bind_text(q, 2, doc->title);
            sqlite3_bind_text(q, 3, text, (int)tlen, SQLITE_STATIC);
            run(&t, q);
            sqlite3_finalize(q);
        }
    }
    q = prep(&t, "INSERT INTO sentences(article, idx, start, end) VALUES (?1,?2,?3,?4)");
    for (size_t i = 0; q && i < doc->nsentences; i++) {
        sqlite3_bind_int64(q, 1, id);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
        sqlite3_bind_int(q, 3, (int)doc->sentences[i].start);
        sqlite3_bind_int(q, 4, (int)doc->sentences[i].end);
        run(&t, q);
    }
    sqlite3_finalize(q);
    if (t.rc == SQLITE_OK) store_events(&t, doc, id, m.of ? m.of : id, src);
    if (t.rc == SQLITE_OK && !m.of) t.rc = dedup_index(st->db, id, fp);
    int64_t story = 0;
    if (t.rc == SQLITE_OK) t.rc = story_assign(st->db, doc, id, m.of, &story);
    free(src);
    free(own_src);

    if (t.rc != SQLITE_OK) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return t.rc;
    }
    rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    doc->db_id = id;
    *added = 1;
    return SQLITE_OK;
}

dyad_status dyad_store_add(dyad_store *st, dyad_doc *doc, int *added,
                           dyad_error *err)
{
    *added = 0;
    if (!doc->id) return dyad_fail(err, DYAD_ERR_INPUT, doc->path, doc->line,
                                   "article without an id");
    dedup_print fp;
    dedup_fingerprint(doc->text ? doc->text : "", doc->text ? doc->text_len : 0, &fp);
    int rc;
    /* The busy handler waits BUSY_MS per statement; a whole transaction is
     * retried when it still loses (e.g. a read that had to become a
     * write while another process committed). */
    for (int tries = 0;; tries++) {
        rc = add_once(st, doc, &fp, added);
        if (rc == SQLITE_OK) return DYAD_OK;
        if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) break;
        if (tries > 200) break;
        nap(10 + tries);
    }
    return dyad_fail(err, DYAD_ERR_DB, doc->path, doc->line > 1 ? doc->line : 0,
                     "%s: cannot store article %s: %s", st->path, doc->id,
                     sqlite3_errstr(rc));
}

/* ------------------------------------------------------------------ */
/* Questions                                                           */
/* ------------------------------------------------------------------ */

/* A WHERE clause under construction with its text parameters. */
typedef struct {
    dyad_buf sql;
    const char *arg[32];
    int narg;
    int has_where;
} where;

static void cond(where *w, const char *fmt, const char *a, const char *b)
{
    dyad_buf_puts(&w->sql, w->has_where ? " AND " : " WHERE ");
    w->has_where = 1;
    int na = w->narg + 1, nb = w->narg + 2;
    dyad_buf_printf(&w->sql, fmt, na, na, nb, nb);
    w->arg[w->narg++] = a;
    if (b) w->arg[w->narg++] = b;
}

/* Events filters, on events e. */
static void event_filters(where *w, const dyad_query *q, char *buf)
{
    if (q->source) cond(w, "(e.source >= ?%d AND e.source < ?%d || '~')", q->source, NULL);
    if (q->target) cond(w, "(e.target >= ?%d AND e.target < ?%d || '~')", q->target, NULL);
    if (q->dyad_a && q->dyad_b)
        cond(w, "((e.source >= ?%1$d AND e.source < ?%1$d || '~' AND"
                " e.target >= ?%3$d AND e.target < ?%3$d || '~') OR"
                " (e.source >= ?%3$d AND e.source < ?%3$d || '~' AND"
                " e.target >= ?%1$d AND e.target < ?%1$d || '~'))",
             q->dyad_a, q->dyad_b);
    if (q->code) cond(w, "(e.code >= ?%d AND e.code < ?%d || '~')", q->code, NULL);
    if (q->root) cond(w, "(e.root = ?%d)", q->root, NULL);
    if (q->quad_class) {
        snprintf(buf, 8, "%d", q->quad_class);
        cond(w, "(e.quad_class = CAST(?%d AS INTEGER))", buf, NULL);
    }
    if (q->from) cond(w, "(e.date >= ?%d)", q->from, NULL);
    if (q->to) cond(w, "(e.date <> '' AND e.date < ?%d || '~')", q->to, NULL);
    if (q->modality) cond(w, "(e.modality = ?%d)", q->modality, NULL);
    if (q->story) {
        snprintf(buf + 8, 24, "%lld", (long long)q->story);
        cond(w, "EXISTS(SELECT 1 FROM mentions m JOIN articles x ON x.id = m.article"
                " WHERE m.event = e.id AND x.story = CAST(?%d AS INTEGER))", buf + 8, NULL);
    }
    if (q->article)
        cond(w, "EXISTS(SELECT 1 FROM mentions m JOIN articles x ON x.id = m.article"
                " WHERE m.event = e.id AND x.doc = ?%d)", q->article, NULL);
}

/* Runs sql with w's parameters (plus extra ones after them) and hands each
 * row to fn. Columns named "json:NAME" are JSON values named NAME. */
static dyad_status emit(dyad_store *st, const char *sql, const where *w,
                        const char *const *extra, int nextra, dyad_row_fn fn,
                        void *ctx, dyad_error *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK)
        return db_fail(st, err, "query");
    int n = 0;
    for (int i = 0; w && i < w->narg; i++) sqlite3_bind_text(q, ++n, w->arg[i], -1, SQLITE_STATIC);
    for (int i = 0; i < nextra; i++) sqlite3_bind_text(q, ++n, extra[i], -1, SQLITE_STATIC);
    int nc = sqlite3_column_count(q);
    const char **names = calloc((size_t)nc + 1, sizeof *names);
    const char **vals = calloc((size_t)nc + 1, sizeof *vals);
    unsigned char *types = calloc((size_t)nc + 1, 1);
    int json[64] = {0};
    for (int i = 0; i < nc && i < 64; i++) {
        names[i] = sqlite3_column_name(q, i);
        if (strncmp(names[i], "json:", 5) == 0) { names[i] += 5; json[i] = 1; }
    }
    dyad_row row = {nc, names, vals, types};
    dyad_status s = DYAD_OK;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        for (int i = 0; i < nc; i++) {
            int ty = sqlite3_column_type(q, i);
            vals[i] = (const char *)sqlite3_column_text(q, i);
            types[i] = ty == SQLITE_NULL ? DYAD_COL_NULL
                     : i < 64 && json[i] ? DYAD_COL_JSON
                     : ty == SQLITE_INTEGER ? DYAD_COL_INT
                     : ty == SQLITE_FLOAT ? DYAD_COL_REAL : DYAD_COL_TEXT;
        }
        if ((s = fn(&row, ctx, err))) break;
    }
    if (!s && rc != SQLITE_DONE) {
        if (sqlite3_errcode(st->db) == SQLITE_ERROR && strstr(sql, "MATCH"))
            s = dyad_fail(err, DYAD_ERR_USAGE, st->path, 0, "bad search query: %s",
                          sqlite3_errmsg(st->db));
        else
            s = db_fail(st, err, "query");
    }
    sqlite3_finalize(q);
    free(names);
    free(vals);
    free(types);
    return s;
}

static void limit(dyad_buf *b, long n)
{
    if (n > 0) dyad_buf_printf(b, " LIMIT %ld", n);
}

#define SENTENCE_SQL(art, sent)                                                 \
    "(SELECT CAST(substr(CAST(x.text AS BLOB), s.start + 1, s.end - s.start) AS TEXT)" \
    " FROM sentences s JOIN articles x ON x.id = s.article"                    \
    " WHERE s.article = " art " AND s.idx = " sent ")"

#define EVENT_JSON                                                              \
    "json_object('global_id', e.id, 'date', e.date, 'source', e.source,"       \
    " 'target', e.target, 'code', e.code, 'quad_class', e.quad_class,"         \
    " 'goldstein', e.goldstein, 'modality', e.modality, 'mentions', e.mentions,"\
    " 'articles', e.articles, 'sources', e.sources, 'sentence', "              \
    SENTENCE_SQL("e.first_article", "e.first_sentence") ")"

dyad_status dyad_store_articles(dyad_store *st, const dyad_query *q,
                                dyad_row_fn fn, void *ctx, dyad_error *err)
{
    where w = {0};
    dyad_buf_puts(&w.sql,
        "SELECT a.doc AS id, a.title, a.date, a.source, a.url, a.path,"
        " a.nsentences AS sentences, a.nevents AS events, a.story,"
        " d.doc AS duplicate_of, a.dup_kind AS duplicate_kind,"
        " a.similarity, a.added"
        " FROM articles a LEFT JOIN articles d ON d.id = a.duplicate_of");
    char buf[32];
    if (q->story) {
        snprintf(buf, sizeof buf, "%lld", (long long)q->story);
        cond(&w, "(a.story = CAST(?%d AS INTEGER))", buf, NULL);
    }
    if (q->article) cond(&w, "(a.doc = ?%d)", q->article, NULL);
    dyad_buf_puts(&w.sql, " ORDER BY a.id");
    limit(&w.sql, q->limit);
    dyad_status s = emit(st, w.sql.s, &w, NULL, 0, fn, ctx, err);
    dyad_buf_free(&w.sql);
    return s;
}

dyad_status dyad_store_events(dyad_store *st, const dyad_query *q,
                              dyad_row_fn fn, void *ctx, dyad_error *err)
{
    where w = {0};
    char buf[32];
    dyad_buf_puts(&w.sql,
        "SELECT e.id AS global_id, e.date, e.source, e.source_text, e.target,"
        " e.target_text, e.code, e.root, e.quad_class, e.goldstein, e.plover,"
        " e.modality, e.mentions, e.articles, e.sources,"
        " CASE WHEN e.loc_name IS NULL THEN NULL ELSE json_object('name', e.loc_name,"
        "  'country', e.loc_country, 'adm1', e.loc_adm1, 'lat', e.lat, 'lon', e.lon,"
        "  'geonameid', e.geonameid, 'feature', e.feature) END AS \"json:location\","
        " a.doc, e.first_sentence AS sentence_index, "
        SENTENCE_SQL("e.first_article", "e.first_sentence") " AS sentence,"
        " a.story,"
        " (SELECT json_group_array(json_object('doc', x.doc, 'sentence_index', m.sentence,"
        "   'counted', m.counted, 'date_text', m.date_text, 'explain', m.explain))"
        "  FROM mentions m JOIN articles x ON x.id = m.article WHERE m.event = e.id)"
        "  AS \"json:reports\""
        " FROM events e JOIN articles a ON a.id = e.first_article");
    event_filters(&w, q, buf);
    dyad_buf_puts(&w.sql, " ORDER BY e.date, e.id");
    limit(&w.sql, q->limit);
    dyad_status s = emit(st, w.sql.s, &w, NULL, 0, fn, ctx, err);
    dyad_buf_free(&w.sql);
    return s;
}

dyad_status dyad_store_stories(dyad_store *st, const dyad_query *q, int timeline,
                               dyad_row_fn fn, void *ctx, dyad_error *err)
{
    where w = {0};
    char buf[32];
    dyad_buf_puts(&w.sql,
        "SELECT s.id AS story, s.title, s.articles,"
        " (SELECT count(DISTINCT m.event) FROM mentions m JOIN articles a"
        "  ON a.id = m.article WHERE a.story = s.id) AS events,"
        " CASE WHEN s.first_day IS NULL THEN NULL"
        "  ELSE date(s.first_day * 86400, 'unixepoch') END AS first,"
        " CASE WHEN s.last_day IS NULL THEN NULL"
        "  ELSE date(s.last_day * 86400, 'unixepoch') END AS last");
    if (timeline)
        dyad_buf_puts(&w.sql,
            ", (SELECT json_group_array(json_object('id', a.doc, 'title', a.title,"
            "   'date', a.date, 'duplicate_of', d.doc))"
            "  FROM articles a LEFT JOIN articles d ON d.id = a.duplicate_of"
            "  WHERE a.story = s.id) AS \"json:articles_list\","
            " (SELECT json_group_array(" EVENT_JSON ") FROM (SELECT * FROM events"
            "  WHERE id IN (SELECT m.event FROM mentions m JOIN articles a"
            "   ON a.id = m.article WHERE a.story = s.id) ORDER BY date, id) e)"
            " AS \"json:timeline\"");
    dyad_buf_puts(&w.sql, " FROM stories s");
    if (q->story) {
        snprintf(buf, sizeof buf, "%lld", (long long)q->story);
        cond(&w, "(s.id = CAST(?%d AS INTEGER))", buf, NULL);
    }
    dyad_buf_puts(&w.sql, " ORDER BY s.id");
    limit(&w.sql, q->limit);
    dyad_status s = emit(st, w.sql.s, &w, NULL, 0, fn, ctx, err);
    dyad_buf_free(&w.sql);
    return s;
}

/* Free text ("U.S.-China talks") is not FTS5 syntax: each word becomes a
 * quoted term, all required; one-letter pieces of words are dropped. */
static char *plain_query(const char *s)
{
    dyad_buf b = {0}, words = {0};
    dedup_normalise(s, strlen(s), &words);
    const char *p = words.s;
    while (p && *p) {
        const char *e = strchr(p, ' ');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 1 && (p > words.s || e)) {   /* "'s", "U.S.": noise */
            p = e ? e + 1 : NULL;
            continue;
        }
        if (b.len) dyad_buf_putc(&b, ' ');
        dyad_buf_putc(&b, '"');
        dyad_buf_put(&b, p, n);
        dyad_buf_putc(&b, '"');
        p = e ? e + 1 : NULL;
    }
    dyad_buf_free(&words);
    if (!b.s) dyad_buf_puts(&b, "\"\"");
    return b.s;
}

static int fts_syntax(const char *s)
{
    for (const char *p = s; *p; p++)
        if (*p == '"' || *p == '*' || *p == '(' || *p == ':' || *p == '^') return 1;
    return strstr(s, " OR ") || strstr(s, " AND ") || strstr(s, " NOT ") ||
           strstr(s, "NEAR(");
}

dyad_status dyad_store_search(dyad_store *st, const char *query, long lim,
                              dyad_row_fn fn, void *ctx, dyad_error *err)
{
    dyad_buf sql = {0};
    dyad_buf_puts(&sql,
        "SELECT a.doc AS id, a.title, a.date, a.story,"
        " round(-bm25(articles_fts, 2.0, 1.0), 6) AS score,"
        " snippet(articles_fts, 1, '[', ']', '...', 16) AS snippet,"
        " (SELECT json_group_array(" EVENT_JSON ") FROM (SELECT * FROM events"
        "  WHERE id IN (SELECT event FROM mentions WHERE article = a.id)"
        "  ORDER BY date, id) e) AS \"json:events\""
        " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
        " WHERE articles_fts MATCH ?1 ORDER BY bm25(articles_fts, 2.0, 1.0), a.id");
    limit(&sql, lim);
    char *fq = fts_syntax(query) ? strdup(query) : plain_query(query);
    const char *arg[1] = {fq};
    dyad_status s = emit(st, sql.s, NULL, arg, 1, fn, ctx, err);
    free(fq);
    dyad_buf_free(&sql);
    return s;
}

dyad_status dyad_store_series(dyad_store *st, const dyad_query *q, const char *by,
                              dyad_row_fn fn, void *ctx, dyad_error *err)
{
    const char *period;
    int minlen;
    if (strcmp(by, "day") == 0) period = "substr(e.date, 1, 10)", minlen = 10;
    else if (strcmp(by, "week") == 0)
        period = "date(substr(e.date, 1, 10), '-6 days', 'weekday 1')", minlen = 10;
    else if (strcmp(by, "month") == 0) period = "substr(e.date, 1, 7)", minlen = 7;
    else if (strcmp(by, "year") == 0) period = "substr(e.date, 1, 4)", minlen = 4;
    else return dyad_fail(err, DYAD_ERR_USAGE, NULL, 0,
                          "--by: '%s' is not one of day, week, month, year", by);
    where w = {0};
    char buf[32];
    /* events dated less precisely than the period cannot be placed in it */
    dyad_buf_printf(&w.sql,
        "SELECT %s AS period, count(*) AS events, sum(e.mentions) AS mentions,"
        " round(sum(e.goldstein), 2) AS goldstein,"
        " round(sum(e.goldstein * e.mentions), 2) AS goldstein_mentions,"
        " sum(e.quad_class = 1) AS verbal_coop, sum(e.quad_class = 2) AS material_coop,"
        " sum(e.quad_class = 3) AS verbal_conflict, sum(e.quad_class = 4) AS material_conflict"
        " FROM events e WHERE length(e.date) >= %d", period, minlen);
    w.has_where = 1;
    event_filters(&w, q, buf);
    dyad_buf_puts(&w.sql, " GROUP BY period ORDER BY period");
    dyad_status s = emit(st, w.sql.s, &w, NULL, 0, fn, ctx, err);
    dyad_buf_free(&w.sql);
    return s;
}

dyad_status dyad_store_mentions(dyad_store *st, const dyad_query *q,
                                dyad_row_fn fn, void *ctx, dyad_error *err)
{
    where w = {0};
    char buf[32];
    /* GDELT timestamps: YYYYMMDDHHMMSS of publication when known, else
     * of ingest */
#define STAMP(a)                                                              \
    "CASE WHEN length(" a ".date) >= 10 THEN replace(substr(" a ".date, 1, 10), '-', '') ||" \
    " CASE WHEN length(" a ".date) >= 16 THEN replace(substr(" a ".date, 12, 5), ':', '') ||" \
    " '00' ELSE '000000' END ELSE replace(replace(replace(replace(" a ".added, '-', ''), ':', '')," \
    " 'T', ''), 'Z', '') END"
    dyad_buf_puts(&w.sql,
        "SELECT e.id AS GlobalEventID, " STAMP("f") " AS EventTimeDate, "
        STAMP("a") " AS MentionTimeDate, 1 AS MentionType,"
        " coalesce(m.source_name, '') AS MentionSourceName,"
        " coalesce(a.url, a.doc) AS MentionIdentifier, m.sentence + 1 AS SentenceID,"
        " m.actor1_offset AS Actor1CharOffset, m.actor2_offset AS Actor2CharOffset,"
        " m.action_offset AS ActionCharOffset, 1 AS InRawText,"
        " CASE WHEN m.counted THEN 100 ELSE 50 END AS Confidence,"
        " length(CAST(a.text AS BLOB)) AS MentionDocLen, 0 AS MentionDocTone,"
        " '' AS MentionDocTranslationInfo, '' AS Extras"
        " FROM mentions m JOIN events e ON e.id = m.event"
        " JOIN articles a ON a.id = m.article JOIN articles f ON f.id = e.first_article");
#undef STAMP
    event_filters(&w, q, buf);
    dyad_buf_puts(&w.sql, " ORDER BY e.id, m.id");
    limit(&w.sql, q->limit);
    dyad_status s = emit(st, w.sql.s, &w, NULL, 0, fn, ctx, err);
    dyad_buf_free(&w.sql);
    return s;
}

static const char *col(sqlite3_stmt *q, int i, dyad_arena *a)
{
    const char *s = (const char *)sqlite3_column_text(q, i);
    return s ? dyad_strdup(a, s) : NULL;
}

dyad_status dyad_store_event_docs(dyad_store *st, const dyad_query *qy,
                                  dyad_doc_fn fn, void *ctx, dyad_error *err)
{
    where w = {0};
    char buf[32];
    dyad_buf_puts(&w.sql,
        "SELECT e.id, e.source, e.target, e.code, e.root, e.quad_class, e.goldstein,"
        " e.plover, e.modality, e.date, e.source_text, e.target_text,"
        " e.loc_name, e.loc_country, e.loc_fips, e.loc_adm1, e.lat, e.lon,"
        " e.geonameid, e.feature, e.mentions, e.articles, e.sources,"
        " a.doc, a.path, a.title, a.date, a.source, a.url, "
        SENTENCE_SQL("e.first_article", "e.first_sentence") ","
        " (SELECT date_text FROM mentions WHERE event = e.id ORDER BY id LIMIT 1),"
        " (SELECT explain FROM mentions WHERE event = e.id ORDER BY id LIMIT 1)"
        " FROM events e JOIN articles a ON a.id = e.first_article");
    event_filters(&w, qy, buf);
    dyad_buf_puts(&w.sql, " ORDER BY e.id");
    limit(&w.sql, qy->limit);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, w.sql.s, -1, &q, NULL) != SQLITE_OK) {
        dyad_buf_free(&w.sql);
        return db_fail(st, err, "query");
    }
    for (int i = 0; i < w.narg; i++) sqlite3_bind_text(q, i + 1, w.arg[i], -1, SQLITE_STATIC);
    dyad_status s = DYAD_OK;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        dyad_doc *d = dyad_doc_new();
        dyad_arena *a = d->arena;
        dyad_event *e = dyad_alloc(a, sizeof *e);
        e->global_id = sqlite3_column_int64(q, 0);
        e->source = e->target = -1;
        e->source_code = col(q, 1, a);
        e->target_code = col(q, 2, a);
        snprintf(e->code, sizeof e->code, "%s", nz((const char *)sqlite3_column_text(q, 3)));
        snprintf(e->root, sizeof e->root, "%s", nz((const char *)sqlite3_column_text(q, 4)));
        e->quad_class = sqlite3_column_int(q, 5);
        e->goldstein = sqlite3_column_double(q, 6);
        e->plover = col(q, 7, a);
        const char *mod = (const char *)sqlite3_column_text(q, 8);
        for (int m = DYAD_ASSERTED; m <= DYAD_REPORTED; m++)
            if (mod && strcmp(mod, dyad_modality_name((dyad_modality)m)) == 0)
                e->modality = (uint8_t)m;
        e->date = col(q, 9, a);
        if (e->date && !*e->date) e->date = NULL;
        e->source_text = col(q, 10, a);
        e->target_text = col(q, 11, a);
        if (sqlite3_column_type(q, 12) != SQLITE_NULL) {
            e->has_location = 1;
            e->location.name = col(q, 12, a);
            e->location.country = col(q, 13, a);
            e->location.fips = col(q, 14, a);
            e->location.adm1 = col(q, 15, a);
            e->location.lat = sqlite3_column_double(q, 16);
            e->location.lon = sqlite3_column_double(q, 17);
            e->location.geonameid = sqlite3_column_int64(q, 18);
            e->location.feature = sqlite3_column_int(q, 19);
        }
        e->mentions = sqlite3_column_int(q, 20);
        e->articles = sqlite3_column_int(q, 21);
        e->sources = sqlite3_column_int(q, 22);
        d->id = col(q, 23, a);
        d->path = col(q, 24, a);
        d->title = col(q, 25, a);
        d->date = col(q, 26, a);
        d->source = col(q, 27, a);
        d->url = col(q, 28, a);
        const char *sent = (const char *)sqlite3_column_text(q, 29);
        d->text = dyad_strdup(a, nz(sent));
        d->text_len = strlen(d->text);
        d->raw = d->text;
        d->raw_len = d->text_len;
        d->sentences = dyad_alloc(a, sizeof *d->sentences);
        d->sentences[0].end = (uint32_t)d->text_len;
        d->nsentences = 1;
        e->date_text = col(q, 30, a);
        e->explain = col(q, 31, a);
        d->events = e;
        d->nevents = 1;
        s = fn(d, ctx, err);
        dyad_doc_free(d);
        if (s) break;
    }
    if (!s && rc != SQLITE_DONE) s = db_fail(st, err, "query");
    sqlite3_finalize(q);
    dyad_buf_free(&w.sql);
    return s;
}
