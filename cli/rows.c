/* rows.c — the store's question verbs share this: their options (--db, the
 * event filters) and the writers of result rows (JSON Lines, tables for
 * people, TSV for GDELT files). */
#include "rows.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CELL_MAX 60   /* characters a table cell shows */

static void json_row(dyad_buf *b, const dyad_row *row)
{
    dyad_buf_putc(b, '{');
    for (int i = 0; i < row->ncols; i++) {
        if (i) dyad_buf_putc(b, ',');
        dyad_buf_json_str(b, row->names[i], strlen(row->names[i]));
        dyad_buf_putc(b, ':');
        const char *v = row->values[i];
        switch (row->types[i]) {
        case DYAD_COL_NULL: dyad_buf_puts(b, "null"); break;
        case DYAD_COL_INT:
        case DYAD_COL_REAL:
        case DYAD_COL_JSON: dyad_buf_puts(b, v ? v : "null"); break;
        default: dyad_buf_json_str(b, v ? v : "", v ? strlen(v) : 0);
        }
    }
    dyad_buf_puts(b, "}\n");
}

/* A cell on one line, at most CELL_MAX characters (UTF-8 aware). */
static char *cell(const char *v)
{
    if (!v) return strdup("");
    dyad_buf b = {0};
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        if ((*p & 0xC0) != 0x80) {
            if (chars == CELL_MAX) {
                dyad_buf_puts(&b, "\xE2\x80\xA6");   /* … */
                break;
            }
            chars++;
        }
        dyad_buf_putc(&b, *p == '\n' || *p == '\t' || *p == '\r' ? ' ' : (char)*p);
    }
    if (!b.s) return strdup("");
    return b.s;
}

static size_t width(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += (*s & 0xC0) != 0x80;
    return n;
}

static int shown(const rows_out *r, const dyad_row *row, int i)
{
    if (!r->table_cols) return row->types[i] != DYAD_COL_JSON;
    for (const char *const *c = r->table_cols; *c; c++)
        if (strcmp(*c, row->names[i]) == 0) return 1;
    return 0;
}

dyad_status rows_emit(const dyad_row *row, void *ctx, dyad_error *err)
{
    (void)err;
    rows_out *r = ctx;
    if (r->mode == ROWS_JSON) {
        json_row(&r->out, row);
        cli_flush(&r->out, 0);
        return DYAD_OK;
    }
    if (r->mode == ROWS_TSV) {
        if (r->header) {
            for (int i = 0; i < row->ncols; i++)
                dyad_buf_printf(&r->out, "%s%s", i ? "\t" : "", row->names[i]);
            dyad_buf_putc(&r->out, '\n');
            r->header = 0;
        }
        for (int i = 0; i < row->ncols; i++) {
            if (i) dyad_buf_putc(&r->out, '\t');
            for (const char *p = row->values[i] ? row->values[i] : ""; *p; p++)
                dyad_buf_putc(&r->out, *p == '\t' || *p == '\n' ? ' ' : *p);
        }
        dyad_buf_putc(&r->out, '\n');
        cli_flush(&r->out, 0);
        return DYAD_OK;
    }
    if (!r->names) {
        r->names = calloc((size_t)row->ncols, sizeof *r->names);
        for (int i = 0; i < row->ncols; i++)
            if (shown(r, row, i)) r->names[r->ncols++] = strdup(row->names[i]);
    }
    if (r->nrows == r->caprows)
        r->cells = realloc(r->cells, (r->caprows = r->caprows ? r->caprows * 2 : 64) *
                                         sizeof *r->cells);
    char **c = calloc((size_t)r->ncols + 1, sizeof *c);
    int k = 0;
    for (int i = 0; i < row->ncols && k < r->ncols; i++)
        if (shown(r, row, i)) c[k++] = cell(row->values[i]);
    r->cells[r->nrows++] = c;
    return DYAD_OK;
}

void rows_finish(rows_out *r)
{
    if (r->mode == ROWS_TABLE && r->nrows == 0) dyad_buf_puts(&r->out, "(none)\n");
    if (r->mode == ROWS_TABLE && r->ncols) {
        size_t *w = calloc((size_t)r->ncols, sizeof *w);
        for (int j = 0; j < r->ncols; j++) w[j] = width(r->names[j]);
        for (size_t i = 0; i < r->nrows; i++)
            for (int j = 0; j < r->ncols; j++)
                if (width(r->cells[i][j]) > w[j]) w[j] = width(r->cells[i][j]);
        for (size_t i = 0; i <= r->nrows; i++) {
            for (int j = 0; j < r->ncols; j++) {
                const char *s = i ? r->cells[i - 1][j] : r->names[j];
                dyad_buf_puts(&r->out, s);
                if (j + 1 < r->ncols)
                    for (size_t p = width(s); p < w[j] + 2; p++) dyad_buf_putc(&r->out, ' ');
            }
            dyad_buf_putc(&r->out, '\n');
            cli_flush(&r->out, 0);
        }
        free(w);
    }
    for (size_t i = 0; i < r->nrows; i++) {
        for (int j = 0; j < r->ncols; j++) free(r->cells[i][j]);
        free(r->cells[i]);
    }
    for (int j = 0; j < r->ncols; j++) free(r->names[j]);
    free(r->names);
    free(r->cells);
    cli_flush(&r->out, 1);
    dyad_buf_free(&r->out);
}

static int valid_date(const char *s)
{
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10) return 0;
    for (size_t i = 0; i < n; i++)
        if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return 0;
    return 1;
}

static int valid_code(const char *s)
{
    if (!*s || strlen(s) > 64) return 0;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9'))) return 0;
    return 1;
}

int query_option(query_opts *o, const char *verb, int opt, const char *arg)
{
    dyad_query *q = &o->q;
    char *end;
    switch (opt) {
    case 'd': o->db = arg; return 1;
    case 't': o->table = 1; return 1;
    case 'n':
        q->limit = strtol(arg, &end, 10);
        if (*end || q->limit <= 0) {
            cli_usage(verb, "--limit: '%s' is not a positive number", arg);
            return -1;
        }
        return 1;
    case 1001: case 1002:
        if (!valid_code(arg)) {
            cli_usage(verb, "--%s: '%s' is not an actor code (like USA or USAGOV)",
                      opt == 1001 ? "source" : "target", arg);
            return -1;
        }
        if (opt == 1001) q->source = arg; else q->target = arg;
        return 1;
    case 1003: {
        const char *comma = strchr(arg, ',');
        free(o->dyad_buf);
        o->dyad_buf = strdup(arg);
        if (!comma) goto bad_dyad;
        o->dyad_buf[comma - arg] = 0;
        q->dyad_a = o->dyad_buf;
        q->dyad_b = o->dyad_buf + (comma - arg) + 1;
        if (!valid_code(q->dyad_a) || !valid_code(q->dyad_b)) goto bad_dyad;
        return 1;
    bad_dyad:
        cli_usage(verb, "--dyad: '%s' is not two actor codes (like USA,CHN)", arg);
        return -1;
    }
    case 1004: case 1005:
        for (const char *p = arg; *p; p++)
            if (*p < '0' || *p > '9') goto bad_code;
        if (!*arg || strlen(arg) > 4 || (opt == 1005 && strlen(arg) != 2)) goto bad_code;
        if (opt == 1004) q->code = arg; else q->root = arg;
        return 1;
    bad_code:
        cli_usage(verb, "--%s: '%s' is not a CAMEO %s", opt == 1004 ? "code" : "root",
                  arg, opt == 1004 ? "code (digits)" : "root (two digits)");
        return -1;
    case 1006:
        q->quad_class = (int)strtol(arg, &end, 10);
        if (*end || q->quad_class < 1 || q->quad_class > 4) {
            cli_usage(verb, "--quad: '%s' is not a QuadClass (1-4)", arg);
            return -1;
        }
        return 1;
    case 1007: case 1008:
        if (!valid_date(arg)) {
            cli_usage(verb, "--%s: '%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                      opt == 1007 ? "from" : "to", arg);
            return -1;
        }
        if (opt == 1007) q->from = arg; else q->to = arg;
        return 1;
    case 1009:
        for (int m = DYAD_ASSERTED; m <= DYAD_REPORTED; m++)
            if (strcmp(arg, dyad_modality_name((dyad_modality)m)) == 0) {
                q->modality = arg;
                return 1;
            }
        cli_usage(verb, "--modality: '%s' is not one of asserted, future, negated, "
                  "conditional, reported", arg);
        return -1;
    case 1010:
        q->story = strtoll(arg, &end, 10);
        if (*end || q->story <= 0) {
            cli_usage(verb, "--story: '%s' is not a story number", arg);
            return -1;
        }
        return 1;
    case 1011: q->article = arg; return 1;
    }
    return 0;
}

dyad_store *query_open(const query_opts *o, const char *verb)
{
    if (!o->db) {
        cli_usage(verb, "--db FILE is required");
        return NULL;
    }
    struct stat sb;
    if (stat(o->db, &sb) != 0) {
        cli_error("%s: no such database (make one with 'dyad ingest --db %s FILE...')",
                  o->db, o->db);
        return NULL;
    }
    dyad_store *st;
    dyad_error err;
    if (dyad_store_open(&st, o->db, &err)) {
        cli_error("%s", err.msg);
        return NULL;
    }
    return st;
}

void query_free(query_opts *o)
{
    free(o->dyad_buf);
    o->dyad_buf = NULL;
}

int query_verb(int argc, char **argv, const char *verb, const char *help,
               const char *const *table_cols, query_fn fn)
{
    static const struct option opts[] = {QUERY_OPTIONS, {0, 0, 0, 0}};
    query_opts o = {0};
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'h') return cli_help(help);
        int r = query_option(&o, verb, c, optarg);
        if (r == 0) r = (cli_usage(verb, "unknown option '%s'", argv[optind - 1]), -1);
        if (r < 0) { query_free(&o); return 2; }
    }
    if (optind < argc) {
        query_free(&o);
        return cli_usage(verb, "unexpected argument '%s'", argv[optind]);
    }
    dyad_store *st = query_open(&o, verb);
    if (!st) { query_free(&o); return o.db ? 1 : 2; }
    rows_out r = {.mode = o.table ? ROWS_TABLE : ROWS_JSON, .table_cols = table_cols};
    dyad_error err;
    dyad_status s = fn(st, &o.q, rows_emit, &r, &err);
    rows_finish(&r);
    dyad_store_close(st);
    query_free(&o);
    if (s) cli_error("%s", err.msg);
    return s ? (s == DYAD_ERR_USAGE ? 2 : 1) : 0;
}
