/* score_extraction.c — how well the article stage finds an article's body
 * and title on pages others have annotated.
 *
 *   score_extraction SHARED/data/extraction/scrapinghub [--show ID]
 *       181 pages: body F1 over word 4-gram shingles per page, averaged
 *       (the benchmark's own metric: tokens are \w+ runs; per page TP, FP
 *       and FN normalised to sum 1; P and R macro-averaged; F1 from the
 *       means), for dyad's HTML reader, for the same pages flattened to
 *       plain text and read by the plain-text chrome remover, for the
 *       flattened text kept whole (no removal), and for the outputs of
 *       other tools stored with the benchmark (output/NAME.json).
 *   score_extraction --titles SHARED/data/extraction/readability-pages
 *       title accuracy (exact after collapsing whitespace) and date
 *       accuracy (same day) against Readability's expected metadata.
 *
 * Pages are gunzipped with gzip -dc. Timings are wall-clock on one core. */
#include "dyad.h"
#include "article.h"

#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static char *read_cmd(const char *cmd, size_t *len)
{
    FILE *f = popen(cmd, "r");
    if (!f) return NULL;
    dyad_buf b = {0};
    char tmp[1 << 16];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) dyad_buf_put(&b, tmp, k);
    pclose(f);
    *len = b.len;
    if (!b.s) { b.s = malloc(1); b.s[0] = 0; }
    return b.s;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    dyad_buf b = {0};
    char tmp[1 << 16];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) dyad_buf_put(&b, tmp, k);
    fclose(f);
    *len = b.len;
    if (!b.s) { b.s = malloc(1); b.s[0] = 0; }
    return b.s;
}

/* ---- the metric ---- */

typedef struct { uint64_t *h; size_t n, cap; } hvec;

static void hpush(hvec *v, uint64_t h)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 1024;
        v->h = realloc(v->h, v->cap * sizeof *v->h);
    }
    v->h[v->n++] = h;
}

static int cmp64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Shingles of 4 \w+ tokens as hashes (one shingle of all tokens when
 * there are fewer than 4, as the benchmark does). */
static void shingles(const char *s, hvec *out)
{
    hvec tok = {0};
    size_t n = s ? strlen(s) : 0, i = 0;
    uint64_t h = 0;
    int in = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) { k = 1; cp = -1; }
        int w = 0;
        if (cp == '_') w = 1;
        else if (cp >= 0) {
            utf8proc_category_t c = utf8proc_category(cp);
            w = (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
                (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
        }
        if (w) {
            if (!in) h = 1469598103934665603ull;
            for (utf8proc_ssize_t j = 0; j < k; j++)
                h = (h ^ (unsigned char)s[i + (size_t)j]) * 1099511628211ull;
            in = 1;
        } else if (in) {
            hpush(&tok, h);
            in = 0;
        }
        i += (size_t)k;
    }
    if (in) hpush(&tok, h);
    out->n = 0;
    size_t m = tok.n < 4 ? (tok.n ? 1 : 0) : tok.n - 3;
    for (size_t a = 0; a < m; a++) {
        uint64_t x = 0x9E3779B97F4A7C15ull;
        for (size_t b = a; b < a + 4 && b < tok.n; b++)
            x = (x ^ tok.h[b]) * 0xBF58476D1CE4E5B9ull + (x >> 29);
        hpush(out, x);
    }
    free(tok.h);
    if (out->n) qsort(out->h, out->n, sizeof *out->h, cmp64);
}

typedef struct { double p, r; int np, nr; } score;

static void score_page(score *sc, const char *truth, const char *pred)
{
    hvec t = {0}, p = {0};
    shingles(truth, &t);
    shingles(pred, &p);
    double tp = 0, fp = 0, fn = 0;
    size_t i = 0, j = 0;
    while (i < t.n || j < p.n) {
        if (j >= p.n || (i < t.n && t.h[i] < p.h[j])) { fn++; i++; }
        else if (i >= t.n || p.h[j] < t.h[i]) { fp++; j++; }
        else { tp++; i++; j++; }
    }
    double s = tp + fp + fn;
    if (s > 0) { tp /= s; fp /= s; fn /= s; }
    if (tp + fp > 0) { sc->p += (fp == 0 && fn == 0) ? 1 : tp / (tp + fp); sc->np++; }
    if (tp + fn > 0) { sc->r += (fp == 0 && fn == 0) ? 1 : tp / (tp + fn); sc->nr++; }
    free(t.h);
    free(p.h);
}

static void report(const char *name, const score *s, double secs, double mb)
{
    double p = s->np ? s->p / s->np : 0, r = s->nr ? s->r / s->nr : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    if (secs > 0)
        printf("%-34s F1 %.3f  P %.3f  R %.3f  %6.1f MB/s\n", name, f, p, r, mb / secs);
    else
        printf("%-34s F1 %.3f  P %.3f  R %.3f\n", name, f, p, r);
}

/* ---- one page through dyad ---- */

static dyad_doc *run(const char *id, const char *raw, size_t n, int html)
{
    dyad_doc *d = dyad_doc_new();
    d->id = dyad_strdup(d->arena, id);
    d->path = d->id;
    d->raw = dyad_strndup(d->arena, raw, n);
    d->raw_len = n;
    d->is_html = html;
    dyad_error err;
    if (dyad_article(d, &err)) fprintf(stderr, "%s: %s\n", id, err.msg);
    return d;
}

static int scrapinghub(const char *dir, const char *show)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/ground-truth.json", dir);
    json_error_t je;
    json_t *gt = json_load_file(path, 0, &je);
    if (!gt) { fprintf(stderr, "%s: %s\n", path, je.text); return 1; }
    static const char *const others[] = {"trafilatura", "readability_js"};
    json_t *oj[2] = {0};
    for (int k = 0; k < 2; k++) {
        snprintf(path, sizeof path, "%s/output/%s.json", dir, others[k]);
        oj[k] = json_load_file(path, 0, &je);
    }
    score s_html = {0}, s_text = {0}, s_flat = {0}, s_oth[2] = {{0}};
    double t_html = 0, t_text = 0, mb_html = 0, mb_text = 0;
    const char *id;
    json_t *v;
    json_object_foreach(gt, id, v) {
        if (show && strcmp(show, id)) continue;
        const char *truth = json_string_value(json_object_get(v, "articleBody"));
        char cmd[4200];
        snprintf(cmd, sizeof cmd, "gzip -dc '%s/html/%s.html.gz'", dir, id);
        size_t n;
        char *html = read_cmd(cmd, &n);
        if (!html) continue;
        /* the reader's job: no NULs, valid UTF-8 (these pages are) */
        double t0 = now();
        dyad_doc *d = run(id, html, strlen(html), 1);
        t_html += now() - t0;
        mb_html += n / 1e6;
        score_page(&s_html, truth, d->text);
        if (getenv("SCORE_PAGES")) {
            score one = {0};
            score_page(&one, truth, d->text);
            printf("page %s P %.3f R %.3f\n", id, one.np ? one.p : 0, one.nr ? one.r : 0);
        }
        size_t fl;
        char *flat = dyad_html_flatten(html, strlen(html), &fl);
        score_page(&s_flat, truth, flat);
        t0 = now();
        dyad_doc *dt = run(id, flat, fl, 0);
        t_text += now() - t0;
        mb_text += fl / 1e6;
        score_page(&s_text, truth, dt->text);
        if (show) {
            score one = {0};
            score_page(&one, truth, d->text);
            printf("title: %s\ndate: %s\nbyline: %s\n--- dyad (P %.3f R %.3f) ---\n%s\n"
                   "--- truth ---\n%s\n--- text remover ---\n%s\n",
                   d->title ? d->title : "", d->date ? d->date : "",
                   d->byline ? d->byline : "", one.p, one.r, d->text, truth, dt->text);
        }
        for (int k = 0; k < 2; k++) {
            if (!oj[k]) continue;
            json_t *o = json_object_get(json_object_get(json_object_get(oj[k], "output"), id),
                                        "articleBody");
            score_page(&s_oth[k], truth, json_string_value(o));
        }
        dyad_doc_free(d);
        dyad_doc_free(dt);
        free(flat);
        free(html);
    }
    printf("pages: %zu\n", json_object_size(gt));
    report("dyad HTML reader", &s_html, t_html, mb_html);
    report("dyad plain-text remover (flattened)", &s_text, t_text, mb_text);
    report("flattened page, nothing removed", &s_flat, 0, 0);
    for (int k = 0; k < 2; k++)
        if (oj[k]) { report(others[k], &s_oth[k], 0, 0); json_decref(oj[k]); }
    json_decref(gt);
    return 0;
}

static void squash(char *s)
{
    size_t k = 0;
    int sp = 1;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
            if (!sp) s[k++] = ' ';
            sp = 1;
        } else {
            s[k++] = s[i];
            sp = 0;
        }
    }
    while (k && s[k - 1] == ' ') k--;
    s[k] = 0;
}

static int cmpstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int titles(const char *dir, int verbose)
{
    DIR *dp = opendir(dir);
    if (!dp) { perror(dir); return 1; }
    char *names[1024];
    size_t nn = 0;
    struct dirent *de;
    while ((de = readdir(dp)) && nn < 1024)
        if (de->d_name[0] != '.') names[nn++] = strdup(de->d_name);
    closedir(dp);
    qsort(names, nn, sizeof *names, cmpstr);
    int pages = 0, ok = 0, dates = 0, dates_ok = 0;
    for (size_t i = 0; i < nn; i++) {
        char p[4096];
        snprintf(p, sizeof p, "%s/%s/expected-metadata.json", dir, names[i]);
        json_error_t je;
        json_t *m = json_load_file(p, 0, &je);
        snprintf(p, sizeof p, "%s/%s/source.html", dir, names[i]);
        size_t n;
        char *html = m ? read_file(p, &n) : NULL;
        if (!html) { json_decref(m); free(names[i]); continue; }
        dyad_doc *d = run(names[i], html, strlen(html), 1);
        const char *want = json_string_value(json_object_get(m, "title"));
        if (want) {
            pages++;
            char *a = strdup(want), *b = strdup(d->title ? d->title : "");
            squash(a);
            squash(b);
            if (strcmp(a, b) == 0) ok++;
            else if (verbose) printf("%-40s want %s\n%-40s got  %s\n", names[i], a, "", b);
            free(a);
            free(b);
        }
        const char *pt = json_string_value(json_object_get(m, "publishedTime"));
        if (pt) {
            dates++;
            if (d->date && strncmp(d->date, pt, 10) == 0) dates_ok++;
            else if (verbose) printf("%-40s date want %s got %s\n", names[i], pt, d->date ? d->date : "-");
        }
        dyad_doc_free(d);
        free(html);
        json_decref(m);
        free(names[i]);
    }
    printf("readability pages: %d with a title, %d right (%.1f%%); %d with a date, %d right day (%.1f%%)\n",
           pages, ok, pages ? 100.0 * ok / pages : 0, dates, dates_ok,
           dates ? 100.0 * dates_ok / dates : 0);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "--titles") == 0)
        return titles(argv[2], argc > 3 && strcmp(argv[3], "-v") == 0);
    if (argc >= 2 && argv[1][0] != '-')
        return scrapinghub(argv[1], argc >= 4 && strcmp(argv[2], "--show") == 0 ? argv[3] : NULL);
    fprintf(stderr, "usage: score_extraction SCRAPINGHUB_DIR [--show ID]\n"
                    "       score_extraction --titles READABILITY_PAGES_DIR [-v]\n");
    return 2;
}
