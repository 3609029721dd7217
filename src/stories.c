/* stories.c — online story clustering: each article, as it is stored, joins
 * the most similar recent story or starts a new one.
 *
 * An article is a TF-IDF vector of its content words (title words count
 * three times; document frequencies kept in table df, so IDF grows with the
 * collection) cut to its STORY_TERMS strongest terms, plus the set of
 * countries of its actors. A story is the sum of its articles' vectors
 * (table story_terms, pruned to CENTROID_TERMS terms) and its actors
 * (story_actors). Similarity is the cosine of article and centroid, blended
 * with the Jaccard of their countries when both have actors. A story only
 * takes articles dated within WINDOW_DAYS of its own span; undated
 * articles are matched on words and actors alone. Near and exact duplicates
 * go straight to their original's story. Everything is computed inside the
 * article's write transaction, in input order, so a re-run yields the same
 * stories. */
#include "store.h"
#include "internal.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define STORY_TERMS 100
#define CENTROID_TERMS 200
#define WINDOW_DAYS 21
#define CAND_TERMS 20       /* the article's terms that find candidates */
#define POSTINGS 200        /* recent stories looked at per term */
#define RESCORE 16          /* candidates scored on the whole centroid */
/* Two reports of one event share their names and nouns: on TempEval-3
 * news, reports of one story score 0.3-0.6 on word cosine, unrelated
 * articles (same day, same countries) at most 0.12. */
#define STORY_THRESHOLD 0.2
/* IDF as if the collection had at least this many articles: in a small
 * collection a word both reports share would otherwise weigh less than
 * the words only one has, the opposite of what matters. */
#define IDF_PRIOR_DOCS 100
#define ACTOR_WEIGHT 0.2
#define STR_(x) #x
#define STR(x) STR_(x)

/* ---- dates ---- */

static int32_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int32_t store_day(const char *s)
{
    if (!s) return INT32_MIN;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) { if (s[i] != '-') return INT32_MIN; }
        else if (s[i] < '0' || s[i] > '9') return INT32_MIN;
    }
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (m < 1 || m > 12 || d < 1 || d > 31) return INT32_MIN;
    return days_from_civil(y, m, d);
}

void store_day_str(int32_t z, char *buf)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    snprintf(buf, 11, "%04d-%02d-%02d", (y % 10000 + 10000) % 10000,
             (unsigned)m % 13u, (unsigned)d % 32u);
}

/* ---- stop words (data/store/stopwords.txt) ---- */

static const char **stop;
static char *stop_buf;
static size_t nstop;
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void stop_free(void)
{
    free(stop_buf);
    free(stop);
}

static void stop_load(void)
{
    size_t len;
    const char *d = dyad_data("data/store/stopwords.txt", &len);
    if (!d) return;
    stop_buf = malloc(len + 1);
    memcpy(stop_buf, d, len + 1);
    size_t cap = 256;
    stop = malloc(cap * sizeof *stop);
    char *save = NULL;
    for (char *line = strtok_r(stop_buf, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#' || !line[0]) continue;
        if (nstop == cap) stop = realloc(stop, (cap *= 2) * sizeof *stop);
        stop[nstop++] = line;
    }
    qsort(stop, nstop, sizeof *stop, cmp_str);
    atexit(stop_free);
}

static int is_stop(const char *w)
{
    pthread_once(&stop_once, stop_load);
    return stop && bsearch(&w, stop, nstop, sizeof *stop, cmp_str) != NULL;
}

/* ---- the article's vector ---- */

typedef struct { char *term; double w; } term;

static int by_term(const void *a, const void *b)
{
    return strcmp(((const term *)a)->term, ((const term *)b)->term);
}

static int by_weight(const void *a, const void *b)
{
    const term *x = a, *y = b;
    if (x->w != y->w) return x->w < y->w ? 1 : -1;
    return strcmp(x->term, y->term);
}

static int content_word(const char *w, size_t n)
{
    if (n < 3 || n > 40) return 0;
    int digits = 1;
    for (size_t i = 0; i < n; i++) if (w[i] < '0' || w[i] > '9') digits = 0;
    return !digits;
}

/* Adds the content words of text, each weighted wt, to t (grown). */
static void add_words(const char *text, double wt, term **t, size_t *n,
                      size_t *cap)
{
    if (!text) return;
    dyad_buf b = {0};
    dedup_normalise(text, strlen(text), &b);
    char *p = b.s;
    while (p && *p) {
        char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (content_word(p, len)) {
            char *w = strndup(p, len);
            if (is_stop(w)) free(w);
            else {
                if (*n == *cap) *t = realloc(*t, (*cap = *cap ? *cap * 2 : 64) * sizeof **t);
                (*t)[(*n)++] = (term){w, wt};
            }
        }
        p = e ? e + 1 : NULL;
    }
    dyad_buf_free(&b);
}

/* Term frequencies, merged and sorted by term. */
static size_t merge_terms(term *t, size_t n)
{
    if (n) qsort(t, n, sizeof *t, by_term);
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        if (u && strcmp(t[u - 1].term, t[i].term) == 0) {
            t[u - 1].w += t[i].w;
            free(t[i].term);
        } else {
            t[u++] = t[i];
        }
    }
    return u;
}

#define CHECK(x) do { if ((rc = (x)) != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) goto out; } while (0)

static int step_done(sqlite3_stmt *q)
{
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static int cmp_code(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* Countries of the article's actors and event parties, sorted, unique. */
static size_t countries(const dyad_doc *doc, char (*out)[4], size_t max)
{
    size_t n = 0;
    const char *codes[2];
    for (size_t i = 0; i < doc->nactors + doc->nevents * 2 && n < max; i++) {
        const char *c;
        if (i < doc->nactors) c = doc->actors[i].code;
        else {
            const dyad_event *e = &doc->events[(i - doc->nactors) / 2];
            codes[0] = e->source_code;
            codes[1] = e->target_code;
            c = codes[(i - doc->nactors) % 2];
        }
        if (!c || strlen(c) < 3) continue;
        size_t k;
        for (k = 0; k < n && strncmp(out[k], c, 3) != 0; k++) {}
        if (k < n) continue;
        memcpy(out[n], c, 3);
        out[n++][3] = 0;
    }
    qsort(out, n, sizeof *out, cmp_code);
    return n;
}

typedef struct { int64_t story; double dot, norm; } hit;

static int by_dot(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    if (x->dot != y->dot) return x->dot < y->dot ? 1 : -1;
    return x->story < y->story ? -1 : x->story > y->story;
}

static int by_term_ptr(const void *a, const void *b)
{
    return strcmp((*(const term *const *)a)->term, (*(const term *const *)b)->term);
}

/* candidate stories by id: only the writer thread assigns stories, but
 * each thread gets its own */
#define MAP_SIZE 8192
static _Thread_local hit map[MAP_SIZE];

int story_assign(sqlite3 *db, const dyad_doc *doc, int64_t article,
                 int64_t dup_of, int64_t *story)
{
    int rc = SQLITE_OK;
    sqlite3_stmt *q = NULL;
    term *t = NULL;
    size_t nt = 0, cap = 0;
    hit *h = NULL;
    size_t nh = 0, hcap = 0;
    int32_t day = store_day(doc->date);
    int fresh = 0;
    *story = 0;

    if (dup_of) {
        CHECK(sqlite3_prepare_v2(db, "SELECT story FROM articles WHERE id = ?1", -1, &q, NULL));
        sqlite3_bind_int64(q, 1, dup_of);
        if (sqlite3_step(q) == SQLITE_ROW) *story = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
        q = NULL;
    }

    if (!*story) {
        add_words(doc->title, 3.0, &t, &nt, &cap);
        add_words(doc->text, 1.0, &t, &nt, &cap);
        nt = merge_terms(t, nt);

        /* document frequencies: this article counts itself */
        int64_t ndocs = 1;
        CHECK(sqlite3_prepare_v2(db,
            "INSERT INTO meta(key, value) VALUES ('stories_docs', 1) "
            "ON CONFLICT(key) DO UPDATE SET value = value + 1 RETURNING value", -1, &q, NULL));
        if (sqlite3_step(q) == SQLITE_ROW) ndocs = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
        q = NULL;
        CHECK(sqlite3_prepare_v2(db,
            "INSERT INTO df(term, n) VALUES (?1, 1) "
            "ON CONFLICT(term) DO UPDATE SET n = n + 1 RETURNING n", -1, &q, NULL));
        for (size_t i = 0; i < nt; i++) {
            sqlite3_bind_text(q, 1, t[i].term, -1, SQLITE_STATIC);
            int64_t df = 1;
            if ((rc = sqlite3_step(q)) == SQLITE_ROW) df = sqlite3_column_int64(q, 0);
            else if (rc != SQLITE_DONE) goto out;
            sqlite3_reset(q);
            double n = ndocs > IDF_PRIOR_DOCS ? (double)ndocs : IDF_PRIOR_DOCS;
            double idf = log((n + 1) / (double)(df + 1)) + 1.0;
            t[i].w = (1.0 + log(t[i].w)) * idf;
        }
        sqlite3_finalize(q);
        q = NULL;
        if (nt) qsort(t, nt, sizeof *t, by_weight);
        size_t keep = nt < STORY_TERMS ? nt : STORY_TERMS;
        double norm = 0;
        for (size_t i = 0; i < keep; i++) norm += t[i].w * t[i].w;
        norm = sqrt(norm);
        for (size_t i = 0; i < keep; i++) t[i].w /= norm > 0 ? norm : 1;

        /* candidates: the recent stories in the postings of the article's
         * strongest terms, scored on those terms; then the best of them
         * scored exactly on the whole centroid */
        CHECK(sqlite3_prepare_v2(db,
            "SELECT t.story, t.weight, s.norm, s.first_day, s.last_day "
            "FROM story_terms t JOIN stories s ON s.id = t.story "
            "WHERE t.term = ?1 ORDER BY t.story DESC LIMIT " STR(POSTINGS), -1, &q, NULL));
        memset(map, 0, sizeof map);
        for (size_t i = 0; i < keep && i < CAND_TERMS; i++) {
            sqlite3_bind_text(q, 1, t[i].term, -1, SQLITE_STATIC);
            while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
                if (day != INT32_MIN && sqlite3_column_type(q, 3) != SQLITE_NULL) {
                    int64_t f = sqlite3_column_int64(q, 3), l = sqlite3_column_int64(q, 4);
                    if (day < f - WINDOW_DAYS || day > l + WINDOW_DAYS) continue;
                }
                int64_t sid = sqlite3_column_int64(q, 0);
                size_t k = (size_t)(sid * 0x9E3779B97F4A7C15ULL >> 40) & (MAP_SIZE - 1);
                while (map[k].story && map[k].story != sid) k = (k + 1) & (MAP_SIZE - 1);
                if (!map[k].story) {
                    map[k] = (hit){sid, 0, sqlite3_column_double(q, 2)};
                    if (nh == hcap) h = realloc(h, (hcap = hcap ? hcap * 2 : 32) * sizeof *h);
                    h[nh++].story = (int64_t)k;       /* slot, for now */
                }
                map[k].dot += t[i].w * sqlite3_column_double(q, 1);
            }
            sqlite3_reset(q);
            if (rc != SQLITE_DONE) goto out;
        }
        sqlite3_finalize(q);
        q = NULL;
        for (size_t k = 0; k < nh; k++) h[k] = map[h[k].story];
        if (nh) qsort(h, nh, sizeof *h, by_dot);
        if (nh > RESCORE) nh = RESCORE;
        term **byterm = malloc((keep ? keep : 1) * sizeof *byterm);
        for (size_t i = 0; i < keep; i++) byterm[i] = &t[i];
        qsort(byterm, keep, sizeof *byterm, by_term_ptr);
        CHECK(sqlite3_prepare_v2(db, "SELECT term, weight FROM story_terms WHERE story = ?1",
                                 -1, &q, NULL));
        for (size_t k = 0; k < nh; k++) {
            double dot = 0;
            sqlite3_bind_int64(q, 1, h[k].story);
            while (sqlite3_step(q) == SQLITE_ROW) {
                term key = {(char *)sqlite3_column_text(q, 0), 0}, *kp = &key;
                term **m = key.term ? bsearch(&kp, byterm, keep, sizeof *byterm, by_term_ptr)
                                    : NULL;
                if (m) dot += (*m)->w * sqlite3_column_double(q, 1);
            }
            sqlite3_reset(q);
            h[k].dot = dot;
        }
        sqlite3_finalize(q);
        q = NULL;
        free(byterm);

        char mine[64][4];
        size_t nmine = countries(doc, mine, 64);
        double best = 0;
        CHECK(sqlite3_prepare_v2(db, "SELECT code FROM story_actors WHERE story = ?1", -1, &q, NULL));
        for (size_t k = 0; k < nh; k++) {
            double sim = h[k].norm > 0 ? h[k].dot / h[k].norm : 0;
            if (sim < STORY_THRESHOLD * 0.5) continue;
            if (nmine) {
                size_t both = 0, theirs = 0;
                sqlite3_bind_int64(q, 1, h[k].story);
                while (sqlite3_step(q) == SQLITE_ROW) {
                    const char *c = (const char *)sqlite3_column_text(q, 0);
                    theirs++;
                    for (size_t j = 0; j < nmine; j++) if (c && strcmp(c, mine[j]) == 0) both++;
                }
                sqlite3_reset(q);
                if (theirs)
                    sim = (1 - ACTOR_WEIGHT) * sim +
                          ACTOR_WEIGHT * (double)both / (double)(nmine + theirs - both);
            }
            if (sim >= STORY_THRESHOLD && (sim > best || (sim == best && h[k].story < *story))) {
                best = sim;
                *story = h[k].story;
            }
        }
        sqlite3_finalize(q);
        q = NULL;

        if (!*story) {
            char *title = NULL;
            if (doc->title && *doc->title) title = strdup(doc->title);
            else if (doc->nsentences) {
                const dyad_sentence *s = &doc->sentences[0];
                size_t n = s->end - s->start;
                if (n > 120) {           /* cut at a word, not inside a character */
                    n = 120;
                    while (n > 60 && doc->text[s->start + n] != ' ') n--;
                }
                title = strndup(doc->text + s->start, n);
            }
            CHECK(sqlite3_prepare_v2(db,
                "INSERT INTO stories(title, first_day, last_day, articles, norm) "
                "VALUES (?1, ?2, ?2, 0, 0)", -1, &q, NULL));
            if (title) sqlite3_bind_text(q, 1, title, -1, free);
            if (day != INT32_MIN) sqlite3_bind_int(q, 2, day);
            CHECK(step_done(q));
            sqlite3_finalize(q);
            q = NULL;
            *story = sqlite3_last_insert_rowid(db);
            fresh = 1;
        }

        /* the centroid takes the article in */
        CHECK(sqlite3_prepare_v2(db,
            "INSERT INTO story_terms(term, story, weight) VALUES (?1, ?2, ?3) "
            "ON CONFLICT(term, story) DO UPDATE SET weight = weight + excluded.weight",
            -1, &q, NULL));
        for (size_t i = 0; i < keep; i++) {
            sqlite3_bind_text(q, 1, t[i].term, -1, SQLITE_STATIC);
            sqlite3_bind_int64(q, 2, *story);
            sqlite3_bind_double(q, 3, t[i].w);
            CHECK(step_done(q));
        }
        sqlite3_finalize(q);
        q = NULL;
        /* a new story holds just this article's terms: nothing to prune,
         * and its norm is the article's */
        double cn = 0;
        if (fresh)
            for (size_t i = 0; i < keep; i++) cn += t[i].w * t[i].w;
        if (!fresh) CHECK(sqlite3_prepare_v2(db,
            "DELETE FROM story_terms WHERE story = ?1 AND term NOT IN "
            "(SELECT term FROM story_terms WHERE story = ?1 "
            " ORDER BY weight DESC, term LIMIT " STR(CENTROID_TERMS) ")", -1, &q, NULL));
        if (!fresh) {
            sqlite3_bind_int64(q, 1, *story);
            CHECK(step_done(q));
            sqlite3_finalize(q);
            q = NULL;
            /* SQLite may lack sqrt(): the norm is computed here */
            CHECK(sqlite3_prepare_v2(db,
                "SELECT sum(weight * weight) FROM story_terms WHERE story = ?1", -1, &q, NULL));
            sqlite3_bind_int64(q, 1, *story);
            if (sqlite3_step(q) == SQLITE_ROW) cn = sqlite3_column_double(q, 0);
            sqlite3_finalize(q);
            q = NULL;
        }
        cn = sqrt(cn);
        CHECK(sqlite3_prepare_v2(db, "UPDATE stories SET norm = ?2 WHERE id = ?1", -1, &q, NULL));
        sqlite3_bind_int64(q, 1, *story);
        sqlite3_bind_double(q, 2, cn);
        CHECK(step_done(q));
        sqlite3_finalize(q);
        q = NULL;
        CHECK(sqlite3_prepare_v2(db,
            "INSERT INTO story_actors(story, code, n) VALUES (?1, ?2, 1) "
            "ON CONFLICT(story, code) DO UPDATE SET n = n + 1", -1, &q, NULL));
        for (size_t j = 0; j < nmine; j++) {
            sqlite3_bind_int64(q, 1, *story);
            sqlite3_bind_text(q, 2, mine[j], -1, SQLITE_TRANSIENT);
            CHECK(step_done(q));
        }
        sqlite3_finalize(q);
        q = NULL;
    }

    if (!*story) goto out;   /* original without a story: cannot happen */
    CHECK(sqlite3_prepare_v2(db,
        "UPDATE stories SET articles = articles + 1, "
        "first_day = CASE WHEN ?2 IS NULL THEN first_day WHEN first_day IS NULL "
        "  OR ?2 < first_day THEN ?2 ELSE first_day END, "
        "last_day = CASE WHEN ?2 IS NULL THEN last_day WHEN last_day IS NULL "
        "  OR ?2 > last_day THEN ?2 ELSE last_day END WHERE id = ?1", -1, &q, NULL));
    sqlite3_bind_int64(q, 1, *story);
    if (day != INT32_MIN) sqlite3_bind_int(q, 2, day);
    CHECK(step_done(q));
    sqlite3_finalize(q);
    q = NULL;
    CHECK(sqlite3_prepare_v2(db, "UPDATE articles SET story = ?2 WHERE id = ?1", -1, &q, NULL));
    sqlite3_bind_int64(q, 1, article);
    sqlite3_bind_int64(q, 2, *story);
    CHECK(step_done(q));
    rc = SQLITE_OK;
out:
    if (q) sqlite3_finalize(q);
    for (size_t i = 0; i < nt; i++) free(t[i].term);
    free(t);
    free(h);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}
