/* article_speed.c — throughput of the article stage alone (no text stage,
 * no output), on one core.
 *
 *   article_speed [--mb N] FILE...
 *   article_speed [--mb N] --jsonl SHARED/data/bench/news-20k.jsonl
 *
 * With --jsonl the records' texts are grouped 20 to an article (one
 * paragraph each): real news prose, as most input is.
 * Each FILE (plain text or HTML by extension) is one article; the set is
 * cycled until N MB (default 100) have gone through dyad_article, one
 * fresh document per article as the reader would make it. Prints MB/s and
 * articles/s for plain text and for HTML separately, then the same for one
 * document of N MB made of the plain-text articles back to back (the
 * stage must stay linear on a single huge input). */
#include "dyad.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/* CPU time of this process: on a machine shared with other jobs the wall
 * clock measures the neighbours too. */
static double cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    dyad_buf b = {0};
    char tmp[1 << 16];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) dyad_buf_put(&b, tmp, k);
    fclose(f);
    *len = b.len;
    return b.s;
}

static int is_html(const char *p)
{
    size_t n = strlen(p);
    return n > 5 && (strcmp(p + n - 5, ".html") == 0 || strcmp(p + n - 4, ".htm") == 0);
}

static void run(char **txt, size_t *len, int n, int html, double mb)
{
    if (!n) return;
    double t0 = now(), c0 = cpu(), bytes = 0;
    long docs = 0;
    dyad_error err;
    while (bytes < mb * 1e6) {
        for (int i = 0; i < n; i++) {
            dyad_doc *d = dyad_doc_new();
            d->id = "x";
            d->path = "x";
            d->raw = txt[i];
            d->raw_len = len[i];
            d->is_html = html;
            if (dyad_article(d, &err)) { fprintf(stderr, "%s\n", err.msg); exit(1); }
            dyad_doc_free(d);
            bytes += (double)len[i];
            docs++;
        }
    }
    double s = now() - t0, c = cpu() - c0;
    printf("%-5s %d distinct articles, %.0f MB in %.2f s wall, %.2f s CPU: %.1f MB/s wall, "
           "%.1f MB/s CPU, %.0f articles/s CPU\n",
           html ? "html" : "text", n, bytes / 1e6, s, c, bytes / 1e6 / s, bytes / 1e6 / c, docs / c);
}

int main(int argc, char **argv)
{
    double mb = 100;
    int a = 1;
    if (a + 1 < argc && strcmp(argv[a], "--mb") == 0) { mb = atof(argv[a + 1]); a += 2; }
    if (a >= argc) {
        fprintf(stderr, "usage: article_speed [--mb N] FILE...\n");
        return 2;
    }
    if (a + 1 < argc && strcmp(argv[a], "--jsonl") == 0) {
        FILE *f = fopen(argv[a + 1], "r");
        if (!f) { perror(argv[a + 1]); return 1; }
        char *line = NULL;
        size_t cap = 0, na = 0, acap = 0;
        char **arts = NULL;
        size_t *alen = NULL;
        dyad_buf cur = {0};
        int k = 0;
        while (getline(&line, &cap, f) > 0) {
            json_t *o = json_loads(line, 0, NULL);
            const char *t = json_string_value(json_object_get(o, "text"));
            if (t) {
                if (cur.len) dyad_buf_put(&cur, "\n\n", 2);
                dyad_buf_puts(&cur, t);
            }
            json_decref(o);
            if (++k % 20 == 0) {
                if (na == acap) {
                    acap = acap ? acap * 2 : 256;
                    arts = realloc(arts, acap * sizeof *arts);
                    alen = realloc(alen, acap * sizeof *alen);
                }
                arts[na] = cur.s; alen[na++] = cur.len;
                cur = (dyad_buf){0};
            }
        }
        free(line);
        fclose(f);
        dyad_buf_free(&cur);
        run(arts, alen, (int)na, 0, mb);
        for (size_t i = 0; i < na; i++) free(arts[i]);
        free(arts);
        free(alen);
        return 0;
    }
    int n = argc - a, nt = 0, nh = 0;
    char **t = calloc((size_t)n, sizeof *t), **h = calloc((size_t)n, sizeof *h);
    size_t *tl = calloc((size_t)n, sizeof *tl), *hl = calloc((size_t)n, sizeof *hl);
    for (int i = a; i < argc; i++) {
        size_t l;
        char *s = slurp(argv[i], &l);
        if (!s) { perror(argv[i]); return 1; }
        if (is_html(argv[i])) { h[nh] = s; hl[nh++] = l; }
        else { t[nt] = s; tl[nt++] = l; }
    }
    run(t, tl, nt, 0, mb);
    run(h, hl, nh, 1, mb);
    if (nt) {
        /* one huge plain-text document */
        dyad_buf big = {0};
        while (big.len < mb * 1e6)
            for (int i = 0; i < nt; i++) {
                dyad_buf_put(&big, t[i], tl[i]);
                dyad_buf_put(&big, "\n\n", 2);
            }
        dyad_doc *d = dyad_doc_new();
        d->id = d->path = "big";
        d->raw = big.s;
        d->raw_len = big.len;
        dyad_error err;
        double t0 = now(), c0 = cpu();
        if (dyad_article(d, &err)) { fprintf(stderr, "%s\n", err.msg); return 1; }
        double s = now() - t0, c = cpu() - c0;
        printf("text  one document of %.0f MB: %.2f s wall, %.1f MB/s CPU (%zu chrome spans)\n",
               big.len / 1e6, s, big.len / 1e6 / c, d->nremoved);
        dyad_doc_free(d);
        dyad_buf_free(&big);
    }
    for (int i = 0; i < nt; i++) free(t[i]);
    for (int i = 0; i < nh; i++) free(h[i]);
    free(t); free(h); free(tl); free(hl);
    return 0;
}
