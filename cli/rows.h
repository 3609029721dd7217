/* rows.h — what the store's question verbs (articles, events, stories,
 * search, series, export) share: --db and the event filters, and writing
 * rows as JSON Lines, as a table for people, or as TSV. */
#ifndef DYAD_CLI_ROWS_H
#define DYAD_CLI_ROWS_H

#include "cli.h"

typedef enum { ROWS_JSON, ROWS_TABLE, ROWS_TSV } rows_mode;

typedef struct {
    rows_mode mode;
    const char *const *table_cols;  /* columns a table shows; NULL: all but JSON */
    dyad_buf out;
    /* table mode: rows kept until the end to size the columns */
    char ***cells;
    size_t nrows, caprows;
    int ncols;
    char **names;
    int header;                     /* TSV: write a header line */
} rows_out;

dyad_status rows_emit(const dyad_row *row, void *ctx, dyad_error *err);
/* Writes what is left (tables are written here) and frees. */
void rows_finish(rows_out *r);

/* Options of the question verbs. */
typedef struct {
    const char *db;
    int table;
    dyad_query q;
    char *dyad_buf;           /* owns the split --dyad value */
} query_opts;

#define QUERY_OPTIONS                                          \
    {"db", required_argument, 0, 'd'},                         \
    {"table", no_argument, 0, 't'},                            \
    {"limit", required_argument, 0, 'n'},                      \
    {"source", required_argument, 0, 1001},                    \
    {"target", required_argument, 0, 1002},                    \
    {"dyad", required_argument, 0, 1003},                      \
    {"code", required_argument, 0, 1004},                      \
    {"root", required_argument, 0, 1005},                      \
    {"quad", required_argument, 0, 1006},                      \
    {"from", required_argument, 0, 1007},                      \
    {"to", required_argument, 0, 1008},                        \
    {"modality", required_argument, 0, 1009},                  \
    {"story", required_argument, 0, 1010},                     \
    {"article", required_argument, 0, 1011},                   \
    {"help", no_argument, 0, 'h'}

/* Handles one of QUERY_OPTIONS: 1 handled, 0 not ours, -1 bad value
 * (usage message printed for verb). */
int query_option(query_opts *o, const char *verb, int opt, const char *arg);
/* Opens o->db (which must exist): NULL after printing the error. */
dyad_store *query_open(const query_opts *o, const char *verb);
void query_free(query_opts *o);

/* A store question that takes only the shared options. */
typedef dyad_status (*query_fn)(dyad_store *st, const dyad_query *q,
                                dyad_row_fn fn, void *ctx, dyad_error *err);
/* The whole verb: parse QUERY_OPTIONS, open --db, ask fn, write the rows
 * (JSON Lines, or a table of table_cols with --table). Exit status. */
int query_verb(int argc, char **argv, const char *verb, const char *help,
               const char *const *table_cols, query_fn fn);

#define QUERY_HELP                                                              \
    "  --db FILE          the database (required)\n"                            \
    "  --table            a table for people instead of JSON Lines\n"           \
    "  --limit N          at most N rows\n"                                     \
    "  --source CODE      source actor code prefix (USA matches USAGOV)\n"      \
    "  --target CODE      target actor code prefix\n"                           \
    "  --dyad A,B         events between A and B, either direction\n"           \
    "  --code CODE        CAMEO code prefix (04, 0211)\n"                       \
    "  --root NN          CAMEO root (two digits)\n"                            \
    "  --quad N           QuadClass 1-4\n"                                      \
    "  --from DATE        event date on or after DATE (YYYY[-MM[-DD]])\n"      \
    "  --to DATE          event date on or before DATE\n"                       \
    "  --modality M       asserted, future, negated, conditional, reported\n"   \
    "  --story N          events of story N\n"                                  \
    "  --article ID       events reported by article ID\n"

#endif
