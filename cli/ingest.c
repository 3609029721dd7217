/* ingest.c — dyad ingest: read articles, code them on all cores, store
 * them in a SQLite database.
 *
 * Files (directories are walked recursively, in sorted order) are read one
 * at a time. A file is first read through once, so a bad record anywhere in
 * it stops the whole file before any of its articles is stored ("nothing
 * partial"); the error is reported and the next file is ingested. The
 * file's articles are then coded in batches by worker threads
 * (dyad_process, models shared read-only) while this thread stores them, in
 * input order, one transaction each: a killed ingest leaves whole articles
 * only, and running it again completes the same database, since stored
 * articles are recognised and skipped. */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char help[] =
    "usage: dyad ingest --db FILE [--jobs N] [--input KIND] [--date DATE] [FILE|DIR...]\n"
    "\n"
    "Reads articles (text, HTML, JSON Lines; directories recursively, in\n"
    "sorted order, skipping hidden files and READMEs; no FILE or '-' reads\n"
    "standard input), codes them and\n"
    "stores articles, sentences, events and their mentions in the SQLite\n"
    "database FILE (made if missing). Each article is stored whole or not at\n"
    "all; the same article twice is stored once, so an interrupted ingest is\n"
    "completed by running it again. Exact and near duplicates are linked to\n"
    "their original; articles join stories as they arrive.\n"
    "\n"
    "  --db FILE       the database\n"
    "  --jobs N        coding threads (default: all cores)\n"
    "  --input KIND    text, html, jsonl or auto (default)\n"
    "  --date DATE     publication date for articles that give none\n"
    "  --no-code       store, de-duplicate and cluster the articles without\n"
    "                  coding events (no models needed; articles stored this\n"
    "                  way are not coded by a later ingest of the same files)\n"
    "  --progress      progress bar even when standard error is not a terminal\n"
    "  --quiet         no progress bar, no summary, no warnings\n";

#define BATCH 64

typedef struct {
    /* models, shared read-only */
    dyad_pipeline pipe;
    /* the batch being coded */
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    dyad_doc **docs;
    dyad_status *status;
    dyad_error *errs;
    int *ready;
    size_t n, next;
    int quit;
} pool;

static void *worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->quit && p->next >= p->n) pthread_cond_wait(&p->work, &p->mu);
        if (p->quit) break;
        size_t i = p->next++;
        dyad_doc *d = p->docs[i];
        pthread_mutex_unlock(&p->mu);
        dyad_error err = {{0}};
        dyad_status s = dyad_process(&p->pipe, d, &err);
        pthread_mutex_lock(&p->mu);
        p->status[i] = s;
        if (s) p->errs[i] = err;
        p->ready[i] = 1;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* ---- inputs ---- */

typedef struct {
    char **v;
    size_t n, cap;
} paths;

static void add_path(paths *ps, const char *s)
{
    if (ps->n == ps->cap) ps->v = realloc(ps->v, (ps->cap = ps->cap ? ps->cap * 2 : 64) *
                                                     sizeof *ps->v);
    ps->v[ps->n++] = strdup(s);
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The database and its WAL files, which may sit in a directory being
 * ingested. */
static struct stat skip[3];
static int nskip;

static int skipped(const struct stat *st)
{
    for (int i = 0; i < nskip; i++)
        if (skip[i].st_dev == st->st_dev && skip[i].st_ino == st->st_ino) return 1;
    return 0;
}

/* Regular files under dir (not hidden ones, not READMEs), recursively. */
static int walk(const char *dir, paths *ps)
{
    DIR *d = opendir(dir);
    if (!d) {
        cli_error("%s: %s", dir, strerror(errno));
        return 1;
    }
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d))) {
        /* hidden files and a collection's own README are not articles */
        if (e->d_name[0] == '.' || strncmp(e->d_name, "README", 6) == 0) continue;
        char *full;
        if (asprintf(&full, "%s/%s", dir, e->d_name) < 0) abort();
        struct stat st;
        if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) rc |= walk(full, ps);
        else if (stat(full, &st) == 0 && S_ISREG(st.st_mode) && !skipped(&st))
            add_path(ps, full);
        free(full);
    }
    closedir(d);
    return rc;
}

/* ---- progress ---- */

typedef struct {
    int on;
    size_t total, done, added, dups, events;
    double start, last;
} progress;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void show(progress *pr, int final)
{
    if (!pr->on) return;
    double t = now();
    if (!final && t - pr->last < 0.2) return;
    pr->last = t;
    double el = t - pr->start, rate = el > 0 ? (double)pr->done / el : 0;
    char eta[32] = "";
    if (pr->total > pr->done && rate > 0) {
        long s = (long)((double)(pr->total - pr->done) / rate);
        snprintf(eta, sizeof eta, "  ETA %ld:%02ld", s / 60, s % 60);
    }
    int width = 30, fill = pr->total ? (int)((double)width * (double)pr->done /
                                             (double)pr->total) : 0;
    char bar[40];
    for (int i = 0; i < width; i++) bar[i] = i < fill ? '#' : '.';
    bar[width] = 0;
    fprintf(stderr, "\r[%s] %zu/%zu articles  %.1f/s  %zu events%s\033[K", bar, pr->done,
            pr->total, rate, pr->events, eta);
    if (final) fputc('\n', stderr);
    fflush(stderr);
}

/* ---- one file ---- */

typedef struct {
    const cli_inputs *in;
    dyad_store *st;
    pool *p;
    progress *pr;
} ingest;

/* Reads every record of path: 0 if all are good (*count set), else prints
 * the error and returns 1. */
static int check_file(const ingest *g, const char *path, size_t *count)
{
    dyad_error err = {{0}}, warn = {{0}};
    dyad_reader *r;
    *count = 0;
    if (dyad_reader_open(&r, path, g->in->kind, g->in->date, &err)) {
        cli_error("%s", err.msg);
        return 1;
    }
    int rc = 0;
    for (;;) {
        dyad_doc *doc;
        dyad_status s = dyad_reader_next(r, &doc, &warn, &err);
        if (s == DYAD_EOF) break;
        if (s) {
            cli_error("%s (nothing from this file was stored)", err.msg);
            rc = 1;
            break;
        }
        dyad_doc_free(doc);
        (*count)++;
    }
    dyad_reader_close(r);
    return rc;
}

/* Codes docs[0..n) on the workers and stores them in order. */
static int code_and_store(const ingest *g, dyad_doc **docs, size_t n)
{
    pool *p = g->p;
    dyad_status status[BATCH];
    dyad_error errs[BATCH];
    int ready[BATCH] = {0};
    pthread_mutex_lock(&p->mu);
    p->docs = docs;
    p->status = status;
    p->errs = errs;
    p->ready = ready;
    p->next = 0;
    p->n = n;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        pthread_mutex_lock(&p->mu);
        while (!ready[i]) pthread_cond_wait(&p->done, &p->mu);
        pthread_mutex_unlock(&p->mu);
        if (rc) continue;              /* after an error: let the batch finish */
        dyad_error err;
        int added = 0;
        if (status[i]) {
            cli_error("%s", errs[i].msg);
            rc = 1;
            continue;
        }
        if (dyad_store_add(g->st, docs[i], &added, &err)) {
            cli_error("%s", err.msg);
            rc = 1;
            continue;
        }
        g->pr->done++;
        if (added) {
            g->pr->added++;
            g->pr->events += docs[i]->nevents;
            if (docs[i]->duplicate_of) g->pr->dups++;
        }
        show(g->pr, 0);
    }
    pthread_mutex_lock(&p->mu);
    p->n = p->next = 0;
    pthread_mutex_unlock(&p->mu);
    for (size_t i = 0; i < n; i++) dyad_doc_free(docs[i]);
    return rc;
}

static int ingest_file(const ingest *g, const char *path, int checked)
{
    dyad_error err = {{0}}, warn = {{0}};
    dyad_reader *r;
    if (dyad_reader_open(&r, path, g->in->kind, g->in->date, &err)) {
        cli_error("%s", err.msg);
        return 1;
    }
    /* standard input cannot be read twice: it is held whole instead */
    dyad_doc **all = NULL;
    size_t nall = 0, cap = 0;
    dyad_doc *batch[BATCH];
    size_t nb = 0;
    int rc = 0;
    for (;;) {
        dyad_doc *doc;
        dyad_status s = dyad_reader_next(r, &doc, &warn, &err);
        if (warn.msg[0] && !g->in->quiet) cli_error("%s", warn.msg);
        warn.msg[0] = 0;
        if (s == DYAD_EOF) break;
        if (s) {
            cli_error("%s%s", err.msg, checked ? "" : " (nothing from this input was stored)");
            rc = 1;
            break;
        }
        if (!checked) {
            if (nall == cap) all = realloc(all, (cap = cap ? cap * 2 : 64) * sizeof *all);
            all[nall++] = doc;
            continue;
        }
        batch[nb++] = doc;
        if (nb == BATCH) {
            rc = code_and_store(g, batch, nb);
            nb = 0;
            if (rc) break;
        }
    }
    dyad_reader_close(r);
    if (!checked) {
        if (!rc) {
            g->pr->total += nall;
            for (size_t i = 0; i < nall && !rc; i += BATCH)
                rc = code_and_store(g, all + i, nall - i < BATCH ? nall - i : BATCH);
        } else {
            for (size_t i = 0; i < nall; i++) dyad_doc_free(all[i]);
        }
        free(all);
        return rc;
    }
    if (rc) {
        for (size_t i = 0; i < nb; i++) dyad_doc_free(batch[i]);
        return rc;
    }
    return nb ? code_and_store(g, batch, nb) : 0;
}

int cmd_ingest(int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_INPUT_OPTIONS,
        {"db", required_argument, 0, 'd'},
        {"jobs", required_argument, 0, 'j'},
        {"progress", no_argument, 0, 'p'},
        {"quiet", no_argument, 0, 'q'},
        {"no-code", no_argument, 0, 'N'},
        {0, 0, 0, 0}};
    cli_inputs in = {0};
    const char *db = NULL;
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    int force_progress = 0, code = 1;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        int r = cli_input_option(&in, c, optarg);
        if (r < 0) return 2;
        if (r) continue;
        char *end;
        switch (c) {
        case 'h': return cli_help(help);
        case 'd': db = optarg; break;
        case 'j':
            jobs = strtol(optarg, &end, 10);
            if (*end || jobs < 1 || jobs > 256)
                return cli_usage("ingest", "--jobs: '%s' is not a number of threads (1-256)",
                                 optarg);
            break;
        case 'p': force_progress = 1; break;
        case 'q': in.quiet = 1; break;
        case 'N': code = 0; break;
        default: return cli_usage("ingest", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (!db) return cli_usage("ingest", "--db FILE is required");
    /* Documents come and go by the thousand: keep freed memory instead of
     * returning it to the kernel each time (every unmap stops all threads
     * for a TLB flush). */
    mallopt(M_MMAP_THRESHOLD, 8 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    if (jobs < 1) jobs = 1;

    dyad_error err;
    dyad_store *st = NULL;
    if (dyad_store_open(&st, db, &err)) {
        cli_error("%s", err.msg);
        return 1;
    }
    static const char *const sfx[3] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char f[4096];
        snprintf(f, sizeof f, "%s%s", db, sfx[i]);
        if (stat(f, &skip[nskip]) == 0) nskip++;
    }

    paths ps = {0};
    int rc = 0;
    for (int i = optind; i < argc; i++) {
        struct stat st;
        if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            paths sub = {0};
            rc |= walk(argv[i], &sub);
            if (sub.n) qsort(sub.v, sub.n, sizeof *sub.v, cmp_path);
            for (size_t k = 0; k < sub.n; k++) { add_path(&ps, sub.v[k]); free(sub.v[k]); }
            free(sub.v);
        } else {
            add_path(&ps, argv[i]);
        }
    }
    if (optind == argc) add_path(&ps, "-");

    dyad_syntax *syn = NULL;
    dyad_coder *coder = NULL;
    dyad_gazetteer *gaz = NULL;
    dyad_coder_options copt = {0};
    copt.warnings = in.quiet ? NULL : stderr;
    if (code && (dyad_syntax_load(&syn, NULL, &err) || dyad_coder_load(&coder, &copt, &err) ||
                 dyad_gazetteer_load(&gaz, NULL, &err))) {
        cli_error("%s", err.msg);
        dyad_store_close(st);
        dyad_syntax_free(syn);
        dyad_coder_free(coder);
        dyad_gazetteer_free(gaz);
        for (size_t i = 0; i < ps.n; i++) free(ps.v[i]);
        free(ps.v);
        return 1;
    }

    pool p = {.pipe = {syn, coder, gaz, code}};
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.work, NULL);
    pthread_cond_init(&p.done, NULL);
    pthread_t *th = calloc((size_t)jobs, sizeof *th);
    for (long i = 0; i < jobs; i++) pthread_create(&th[i], NULL, worker, &p);

    progress pr = {.on = !in.quiet && (force_progress || isatty(2)), .start = now()};
    ingest g = {&in, st, &p, &pr};
    /* count first, for the progress bar's total, and check each file */
    int *bad = calloc(ps.n + 1, sizeof *bad);
    for (size_t i = 0; i < ps.n; i++) {
        if (strcmp(ps.v[i], "-") == 0) continue;
        size_t n;
        bad[i] = check_file(&g, ps.v[i], &n);
        rc |= bad[i];
        pr.total += n;
    }
    for (size_t i = 0; i < ps.n; i++) {
        if (bad[i]) continue;
        rc |= ingest_file(&g, ps.v[i], strcmp(ps.v[i], "-") != 0);
    }
    show(&pr, 1);
    if (pr.on)
        fprintf(stderr, "%zu articles: %zu new (%zu duplicates), %zu already stored; "
                "%zu events; %.1f s\n", pr.done, pr.added, pr.dups, pr.done - pr.added,
                pr.events, now() - pr.start);

    pthread_mutex_lock(&p.mu);
    p.quit = 1;
    pthread_cond_broadcast(&p.work);
    pthread_mutex_unlock(&p.mu);
    for (long i = 0; i < jobs; i++) pthread_join(th[i], NULL);
    free(th);
    free(bad);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.work);
    pthread_cond_destroy(&p.done);
    dyad_store_close(st);
    dyad_syntax_free(syn);
    dyad_coder_free(coder);
    dyad_gazetteer_free(gaz);
    for (size_t i = 0; i < ps.n; i++) free(ps.v[i]);
    free(ps.v);
    return rc ? 1 : 0;
}
