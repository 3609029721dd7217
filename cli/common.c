/* common.c — input options and the document loop shared by the verbs. */
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
