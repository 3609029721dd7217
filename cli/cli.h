/* cli.h — what the verbs of the dyad command share: input options, the loop
 * over documents, output and error reporting. Each verb is one file. */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include "dyad.h"
#include <getopt.h>

/* Options every verb that reads articles takes. */
typedef struct {
    dyad_input_kind kind;   /* --input text|html|jsonl */
    const char *date;       /* --date YYYY-MM-DD */
    char **files;           /* remaining arguments; none = stdin */
    int nfiles;
    int quiet;              /* no warnings */
} cli_inputs;

/* getopt_long entries for the shared options; append to a verb's table. */
#define CLI_INPUT_OPTIONS                                   \
    {"input", required_argument, 0, 'I'},                   \
    {"date", required_argument, 0, 'D'},                    \
    {"help", no_argument, 0, 'h'}

/* Handles 'I' and 'D'; returns 1 if handled, 0 if not, -1 on a bad value
 * (message printed). */
int cli_input_option(cli_inputs *in, int opt, const char *arg);

/* Called for each document; return DYAD_OK or an error (with err set). */
typedef dyad_status (*cli_doc_fn)(dyad_doc *doc, void *ctx, dyad_error *err);

/* Reads every record of every input, calls fn, frees the document.
 * Stops at the first error, prints it, returns the exit status (0, 1). */
int cli_each_doc(const cli_inputs *in, cli_doc_fn fn, void *ctx);

/* Called for each document the pipeline ran through, in input order. */
typedef void (*cli_done_fn)(const dyad_doc *doc, void *ctx);

/* Reads the inputs a few dozen records (at most 1 MB of text) at a time,
 * runs each batch through p stage by stage (dyad_process_batch) and calls
 * done for each document before the next batch is read. Warnings, errors
 * and the exit status (0, 1) are those cli_each_doc with dyad_process
 * would give. */
int cli_each_batch(const cli_inputs *in, const dyad_pipeline *p, cli_done_fn done, void *ctx);

/* Writes b to stdout and empties it; exits 1 on a write error. */
void cli_flush(dyad_buf *b, int force);

/* "dyad: msg" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "dyad: VERB: msg (try 'dyad VERB --help')"; returns 2. */
int cli_usage(const char *verb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints help text to stdout and returns 0. */
int cli_help(const char *text);

#define VERBS(X)                                                              \
    X(read, "article and sentences as JSON Lines")                            \
    X(parse, "tokens, tags, lemmas and dependencies as CoNLL-U")              \
    X(code, "events (who did what to whom) as JSON Lines, GDELT or PLOVER")   \
    X(timex, "time expressions normalised to TIMEX3 values")                  \
    X(ingest, "code articles into a SQLite store")                            \
    X(articles, "list stored articles")                                       \
    X(events, "query stored events")                                          \
    X(stories, "list stories and their timelines")                            \
    X(search, "full-text search over stored articles")                        \
    X(series, "event counts and Goldstein sums per period for a dyad")        \
    X(export, "export stored events (GDELT 2.0, mentions, JSON Lines, PLOVER)")

#define DECLARE(name, desc) int cmd_##name(int argc, char **argv);
VERBS(DECLARE)
#undef DECLARE

#endif
