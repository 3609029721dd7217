/* common.c — input options and the document loops shared by the verbs. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("dyad: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_usage(const char *verb, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "dyad: %s: ", verb);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (try 'dyad %s --help')\n", verb);
    return 2;
}

int cli_help(const char *text)
{
    fputs(text, stdout);
    return 0;
}

static int valid_date(const char *s)
{
    /* YYYY, YYYY-MM, YYYY-MM-DD, optionally followed by THH:MM... */
    size_t n = strlen(s);
    if (n < 4) return 0;
    for (int i = 0; i < 4; i++) if (s[i] < '0' || s[i] > '9') return 0;
    if (n == 4) return 1;
    if (s[4] != '-' || n < 7 || s[5] < '0' || s[5] > '1' || s[6] < '0' || s[6] > '9')
        return 0;
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    if (m < 1 || m > 12) return 0;
    if (n == 7) return 1;
    if (s[7] != '-' || n < 10 || s[8] < '0' || s[8] > '3' || s[9] < '0' || s[9] > '9')
        return 0;
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (d < 1 || d > 31) return 0;
    return n == 10 || s[10] == 'T' || s[10] == ' ';
}

int cli_input_option(cli_inputs *in, int opt, const char *arg)
{
    if (opt == 'I') {
        if (strcmp(arg, "text") == 0) in->kind = DYAD_INPUT_TEXT;
        else if (strcmp(arg, "html") == 0) in->kind = DYAD_INPUT_HTML;
        else if (strcmp(arg, "jsonl") == 0) in->kind = DYAD_INPUT_JSONL;
        else if (strcmp(arg, "auto") == 0) in->kind = DYAD_INPUT_AUTO;
        else {
            cli_error("--input: '%s' is not one of text, html, jsonl, auto", arg);
            return -1;
        }
        return 1;
    }
    if (opt == 'D') {
        if (!valid_date(arg)) {
            cli_error("--date: '%s' is not a date (YYYY-MM-DD)", arg);
            return -1;
        }
        in->date = arg;
        return 1;
    }
    return 0;
}

void cli_flush(dyad_buf *b, int force)
{
    if (!force && b->len < (1 << 16)) return;
    if (b->len && fwrite(b->s, 1, b->len, stdout) != b->len) {
        cli_error("-: cannot write output: %s", strerror(errno));
        exit(1);
    }
    if (force && fflush(stdout) != 0) {
        cli_error("-: cannot write output: %s", strerror(errno));
        exit(1);
    }
    dyad_buf_reset(b);
}

static int each_in_file(const cli_inputs *in, const char *path, cli_doc_fn fn,
                        void *ctx)
{
    dyad_error err = {{0}}, warn = {{0}};
    dyad_reader *r;
    if (dyad_reader_open(&r, path, in->kind, in->date, &err)) {
        cli_error("%s", err.msg);
        return 1;
    }
    int rc = 0;
    for (;;) {
        dyad_doc *doc;
        dyad_status st = dyad_reader_next(r, &doc, &warn, &err);
        if (warn.msg[0] && !in->quiet) cli_error("%s", warn.msg);
        if (st == DYAD_EOF) break;
        if (st) { cli_error("%s", err.msg); rc = 1; break; }
        st = fn(doc, ctx, &err);
        dyad_doc_free(doc);
        if (st) { cli_error("%s", err.msg); rc = 1; break; }
    }
    dyad_reader_close(r);
    return rc;
}

int cli_each_doc(const cli_inputs *in, cli_doc_fn fn, void *ctx)
{
    if (in->nfiles == 0) return each_in_file(in, "-", fn, ctx);
    for (int i = 0; i < in->nfiles; i++)
        if (each_in_file(in, in->files[i], fn, ctx)) return 1;
    return 0;
}

enum { BATCH_DOCS = 64, BATCH_BYTES = 1 << 20 };

/* A reader warning held until its article's turn, or NULL. */
static char *held(const dyad_error *warn, const cli_inputs *in)
{
    if (!warn->msg[0] || in->quiet) return NULL;
    char *w = strdup(warn->msg);
    if (!w) {
        cli_error("code: out of memory");
        exit(1);
    }
    return w;
}

/* Runs one input through the pipeline in batches; 0, or 1 after an error
 * (reported). Says and writes what one article at a time would: an
 * article's warning, then done(); at the first article that fails, its
 * warning and error, and nothing after. */
static int batches_in_file(const cli_inputs *in, const char *path, const dyad_pipeline *p,
                           cli_done_fn done_fn, void *ctx)
{
    dyad_error err = {{0}}, warn = {{0}}, rerr = {{0}};
    dyad_reader *r;
    if (dyad_reader_open(&r, path, in->kind, in->date, &err)) {
        cli_error("%s", err.msg);
        return 1;
    }
    dyad_doc *docs[BATCH_DOCS];
    char *warns[BATCH_DOCS];
    int rc = 0, end = 0;
    while (!end) {
        size_t n = 0, bytes = 0;
        dyad_status rst = DYAD_OK;
        char *rwarn = NULL;       /* the warning of the read that ended the input */
        while (n < BATCH_DOCS && bytes < BATCH_BYTES) {
            dyad_status st = dyad_reader_next(r, &docs[n], &warn, &rerr);
            if (st) {
                rst = st;
                rwarn = held(&warn, in);
                end = 1;
                break;
            }
            warns[n] = held(&warn, in);
            bytes += docs[n]->raw_len;
            n++;
        }
        size_t done = 0;
        dyad_status st = n ? dyad_process_batch(p, docs, n, &done, &err) : DYAD_OK;
        for (size_t i = 0; i < n; i++) {
            if (warns[i] && i <= done) cli_error("%s", warns[i]);
            if (i < done) done_fn(docs[i], ctx);
            free(warns[i]);
            dyad_doc_free(docs[i]);
        }
        if (st) {
            cli_error("%s", err.msg);
            rc = 1;
            end = 1;
        } else {
            if (rwarn) cli_error("%s", rwarn);
            if (rst != DYAD_EOF && rst != DYAD_OK) {
                cli_error("%s", rerr.msg);
                rc = 1;
            }
        }
        free(rwarn);
    }
    dyad_reader_close(r);
    return rc;
}

int cli_each_batch(const cli_inputs *in, const dyad_pipeline *p, cli_done_fn done, void *ctx)
{
    if (in->nfiles == 0) return batches_in_file(in, "-", p, done, ctx);
    for (int i = 0; i < in->nfiles; i++)
        if (batches_in_file(in, in->files[i], p, done, ctx)) return 1;
    return 0;
}
