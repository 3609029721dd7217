/* dyad.h — the one public API of libdyad.
 *
 * dyad turns news articles into political event data: who did what to whom,
 * when and where, coded in CAMEO (with PLOVER alongside). Data flows one way
 * through one struct, dyad_doc, that every stage reads and adds to:
 *
 *   reader ─► article ─► text ─► syntax ─► actors ─► events ─► time/place
 *          ─► store ─► stories / export
 *
 * Memory: everything a stage adds to a document is allocated from the
 * document's arena (doc->arena) and freed at once by dyad_doc_free().
 * Models and dictionaries (dyad_syntax, dyad_coder, dyad_gazetteer) are
 * loaded once, read-only afterwards, and safe to share between threads.
 *
 * Errors: functions return dyad_status; on failure the dyad_error holds one
 * line "FILE:LINE: what is wrong" (the CLI prefixes "dyad: ").
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_VERSION "0.1.0"

/* ------------------------------------------------------------------ */
/* Status and errors                                                   */
/* ------------------------------------------------------------------ */

typedef enum {
    DYAD_OK = 0,
    DYAD_EOF,          /* no more records (reader) */
    DYAD_ERR_IO,       /* cannot open/read/write a file */
    DYAD_ERR_INPUT,    /* malformed input (bad JSON, binary data, ...) */
    DYAD_ERR_NOMEM,
    DYAD_ERR_USAGE,    /* bad arguments */
    DYAD_ERR_MODEL,    /* model or dictionary cannot be loaded */
    DYAD_ERR_DB        /* database error */
} dyad_status;

typedef struct {
    char msg[1024];    /* "FILE:LINE: what" — no "dyad: " prefix, no newline */
} dyad_error;

/* Fill err->msg with "file:line: fmt..." (line 0 → "file: ..."). Returns st. */
dyad_status dyad_fail(dyad_error *err, dyad_status st, const char *file,
                      long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* ------------------------------------------------------------------ */
/* Arena and growable buffer (util.c)                                  */
/* ------------------------------------------------------------------ */

typedef struct dyad_arena dyad_arena;

dyad_arena *dyad_arena_new(void);
void dyad_arena_free(dyad_arena *a);
void *dyad_alloc(dyad_arena *a, size_t n);            /* zeroed, 16-aligned */
char *dyad_strndup(dyad_arena *a, const char *s, size_t n);
char *dyad_strdup(dyad_arena *a, const char *s);
char *dyad_sprintf(dyad_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Grow an arena-backed array: returns a copy of old (n elems) with room
 * for cap elems of size sz. */
void *dyad_grow(dyad_arena *a, void *old, size_t n, size_t cap, size_t sz);

typedef struct {
    char *s;        /* always NUL-terminated when len > 0 or after append */
    size_t len, cap;
} dyad_buf;         /* malloc-backed; dyad_buf_free() when done */

void dyad_buf_put(dyad_buf *b, const char *s, size_t n);
void dyad_buf_puts(dyad_buf *b, const char *s);
void dyad_buf_putc(dyad_buf *b, char c);
void dyad_buf_printf(dyad_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void dyad_buf_json_str(dyad_buf *b, const char *s, size_t n); /* "quoted" */
void dyad_buf_reset(dyad_buf *b);
void dyad_buf_free(dyad_buf *b);

/* ------------------------------------------------------------------ */
/* The document: every stage's output                                  */
/* ------------------------------------------------------------------ */

typedef struct {
    uint32_t start, end;  /* bytes into doc->raw */
    const char *text;     /* the removed text (NUL-terminated copy) */
    const char *reason;   /* e.g. "weather widget", "photo credit" */
} dyad_removed;

typedef struct {
    uint32_t start, end;  /* bytes into doc->text, [start, end) */
    uint32_t tok;         /* index of first token in doc->tokens */
    uint32_t ntok;        /* number of tokens (syntactic words) */
    uint32_t paragraph;   /* paragraph index, 0-based */
} dyad_sentence;

/* Universal POS tags, in this order everywhere (models store the index). */
typedef enum {
    DYAD_UPOS_NONE = 0,
    DYAD_ADJ, DYAD_ADP, DYAD_ADV, DYAD_AUX, DYAD_CCONJ, DYAD_DET, DYAD_INTJ,
    DYAD_NOUN, DYAD_NUM, DYAD_PART, DYAD_PRON, DYAD_PROPN, DYAD_PUNCT,
    DYAD_SCONJ, DYAD_SYM, DYAD_VERB, DYAD_X,
    DYAD_UPOS_COUNT
} dyad_upos;

const char *dyad_upos_name(dyad_upos u);     /* "NOUN"; "_" for NONE */
dyad_upos dyad_upos_from_name(const char *s); /* NONE if unknown */

/* A syntactic word. Text stage fills start/end/form/space_after/mwt;
 * syntax stage fills the rest. */
typedef struct {
    uint32_t start, end;  /* bytes into doc->text; form == text[start,end) */
    const char *form;     /* NUL-terminated copy of the surface form */
    const char *lemma;    /* NULL until syntax */
    const char *xpos;     /* PTB tag, NULL until syntax */
    const char *feats;    /* UD features or NULL */
    const char *deprel;   /* UD relation, NULL until syntax */
    int32_t head;         /* 1-based index within the sentence, 0 = root,
                             -1 = not parsed */
    uint8_t upos;         /* dyad_upos */
    uint8_t space_after;  /* 1 if whitespace follows in text */
    /* Multiword tokens ("don't" → do + n't): words that share one surface
     * token have mwt_len > 0 on the first word (number of words) and the
     * whole token's span in mwt_start/mwt_end; others 0. */
    uint8_t mwt_len;
    uint32_t mwt_start, mwt_end;
} dyad_token;

typedef enum {
    DYAD_ACTOR_COUNTRY, DYAD_ACTOR_CAPITAL, DYAD_ACTOR_NATIONALITY,
    DYAD_ACTOR_ORG, DYAD_ACTOR_PERSON, DYAD_ACTOR_AGENT, DYAD_ACTOR_PRONOUN,
    DYAD_ACTOR_OTHER
} dyad_actor_kind;

/* An actor mention, found by the actors stage. */
typedef struct {
    uint32_t sent;        /* sentence index */
    uint32_t tok, ntok;   /* doc-level token range [tok, tok+ntok) */
    uint32_t head;        /* doc-level index of the head word */
    const char *code;     /* CAMEO actor code, e.g. "USAGOV" */
    const char *text;     /* the words, as in the text */
    const char *how;      /* "dict:countries", "title:Secretary of State",
                             "coref:Kerry", ... for explain */
    uint8_t kind;         /* dyad_actor_kind */
    int32_t antecedent;   /* index into doc->actors for coreference, -1 */
} dyad_actor;

typedef enum {
    DYAD_ASSERTED = 0, DYAD_FUTURE, DYAD_NEGATED, DYAD_CONDITIONAL,
    DYAD_REPORTED
} dyad_modality;

const char *dyad_modality_name(dyad_modality m); /* "asserted", ... */

typedef struct {
    const char *name;     /* place name as written ("California") */
    const char *country;  /* ISO 3166-1 alpha-3, e.g. "USA" */
    const char *fips;     /* FIPS 10-4 country code for GDELT, or NULL */
    const char *adm1;     /* first-level region code ("US-CA") or NULL */
    double lat, lon;
    int64_t geonameid;    /* 0 if unknown */
    int feature;          /* GDELT geo type: 1 country, 2 US state,
                             3 US city, 4 world city, 5 world state */
} dyad_location;

/* A coded event. Events stage fills everything but date/location; the
 * time/place stage fills date, date_text and location. */
typedef struct {
    uint32_t sent;        /* sentence index */
    int32_t source, target;     /* index into doc->actors or -1 */
    const char *source_code, *source_text;  /* "" when unknown */
    const char *target_code, *target_text;
    char code[5];         /* CAMEO event code "0211" */
    char root[3];         /* first two digits "02" */
    int quad_class;       /* 1 verbal coop, 2 material coop, 3 verbal
                             conflict, 4 material conflict */
    double goldstein;
    const char *plover;   /* PLOVER type, e.g. "REQUEST" */
    uint8_t modality;     /* dyad_modality */
    uint32_t verb;        /* doc-level token index of the event word */
    const char *explain;  /* pattern and matched words */
    const char *date;     /* TIMEX3-style value "2014-05", NULL until t/p */
    const char *date_text;/* words that gave the date, "" = publication */
    int has_location;
    dyad_location location;
    /* store: filled when events are read back from a database (0 = one
     * report, unknown id) — GDELT's GlobalEventID, NumMentions,
     * NumArticles, NumSources */
    int64_t global_id;
    int mentions, articles, sources;
} dyad_event;

typedef enum {
    DYAD_TIMEX_DATE, DYAD_TIMEX_TIME, DYAD_TIMEX_DURATION, DYAD_TIMEX_SET
} dyad_timex_type;

const char *dyad_timex_type_name(dyad_timex_type t);

typedef struct {
    uint32_t start, end;  /* bytes into doc->text */
    const char *text;
    uint8_t type;         /* dyad_timex_type */
    const char *value;    /* TIMEX3 value: "2014-05", "P1M", "XXXX-WXX" ... */
    uint32_t sent;
} dyad_timex;

typedef struct {
    uint32_t start, end;  /* bytes into doc->text */
    uint32_t sent;
    dyad_location loc;
} dyad_place;

typedef struct dyad_doc {
    dyad_arena *arena;

    /* reader: the record as given */
    const char *id;       /* record id or file name without directory */
    const char *path;     /* input file ("-" for stdin) */
    long line;            /* line of the record in path (JSON Lines), 1 */
    const char *raw;      /* text as given (HTML already parsed: see html) */
    size_t raw_len;
    int is_html;          /* raw is HTML */
    const char *given_date, *given_title, *given_url, *given_source;
    int is_record;        /* a JSON Lines record (its text usually clean) */

    /* article stage */
    const char *title, *subtitle, *date, *dateline, *source, *byline, *url;
    const char **tags; size_t ntags;
    char *text; size_t text_len;   /* cleaned body, paragraphs by "\n\n" */
    dyad_removed *removed; size_t nremoved;

    /* text stage (tokens filled further by syntax) */
    dyad_sentence *sentences; size_t nsentences;
    dyad_token *tokens; size_t ntokens;

    /* actors, events */
    dyad_actor *actors; size_t nactors;
    dyad_event *events; size_t nevents;

    /* time/place */
    dyad_timex *timexes; size_t ntimexes;
    dyad_place *places; size_t nplaces;
    /* the dateline's place ("BEIJING (AP) —"), where events happened when
     * their sentence names none */
    int has_dateline_place;
    dyad_location dateline_place;

    /* store */
    int64_t db_id;        /* row id once stored, else 0 */
    const char *duplicate_of; /* id of the article this duplicates */
} dyad_doc;

dyad_doc *dyad_doc_new(void);
void dyad_doc_free(dyad_doc *doc);

/* ------------------------------------------------------------------ */
/* Reader (reader.c): files, stdin, text / HTML / JSON Lines           */
/* ------------------------------------------------------------------ */

typedef enum {
    DYAD_INPUT_AUTO = 0, DYAD_INPUT_TEXT, DYAD_INPUT_HTML, DYAD_INPUT_JSONL
} dyad_input_kind;

typedef struct dyad_reader dyad_reader;

/* path NULL or "-" reads standard input. default_date (may be NULL) is the
 * publication date for records that give none ("--date"). */
dyad_status dyad_reader_open(dyad_reader **r, const char *path,
                             dyad_input_kind kind, const char *default_date,
                             dyad_error *err);
/* The same over a buffer (data is copied); name stands for the file name
 * in ids and messages. */
dyad_status dyad_reader_open_mem(dyad_reader **r, const char *name,
                                 const char *data, size_t len,
                                 dyad_input_kind kind,
                                 const char *default_date, dyad_error *err);
/* Next record into a fresh doc (*out, free with dyad_doc_free).
 * DYAD_EOF at end. A warning (repaired input) is written to warn if not
 * NULL and warn->msg[0] set. */
dyad_status dyad_reader_next(dyad_reader *r, dyad_doc **out,
                             dyad_error *warn, dyad_error *err);
void dyad_reader_close(dyad_reader *r);

/* ------------------------------------------------------------------ */
/* Article stage (article.c, html.c)                                   */
/* ------------------------------------------------------------------ */

/* raw → title, subtitle, date, dateline, source, byline, tags, text,
 * removed. */
dyad_status dyad_article(dyad_doc *doc, dyad_error *err);

/* ------------------------------------------------------------------ */
/* Text stage (text.c): sentences and tokens with byte offsets         */
/* ------------------------------------------------------------------ */

dyad_status dyad_text(dyad_doc *doc, dyad_error *err);

/* ------------------------------------------------------------------ */
/* Syntax stage (tagger.c, lemma.c, parser.c)                          */
/* ------------------------------------------------------------------ */

typedef struct dyad_syntax dyad_syntax;

/* Load the models linked into the binary (dir NULL) or from dir. */
dyad_status dyad_syntax_load(dyad_syntax **s, const char *dir,
                             dyad_error *err);
void dyad_syntax_free(dyad_syntax *s);
/* Tag, lemmatise and parse every sentence of doc. Thread-safe on a
 * shared dyad_syntax. */
dyad_status dyad_syntax_run(const dyad_syntax *s, dyad_doc *doc,
                            dyad_error *err);
/* The two halves of dyad_syntax_run, for callers that parse only the
 * documents that need it: final tags, lemmas and features (a sentence
 * whose tags a parse could still change is parsed too; the others get
 * head -1 and no deprel); then the parse of the sentences left unparsed.
 * Together they give exactly what dyad_syntax_run gives. */
dyad_status dyad_syntax_tag(const dyad_syntax *s, dyad_doc *doc,
                            dyad_error *err);
dyad_status dyad_syntax_parse(const dyad_syntax *s, dyad_doc *doc,
                              dyad_error *err);

/* CoNLL-U in (gold tokens): read documents of sentences with their words
 * into docs (one per "# newdoc", or one for the whole file).  */
dyad_status dyad_conllu_read(const char *path, dyad_doc ***docs,
                             size_t *ndocs, dyad_error *err);

/* ------------------------------------------------------------------ */
/* Actors and events (actors.c, events.c, dict.c, petrarch.c)          */
/* ------------------------------------------------------------------ */

typedef struct dyad_coder dyad_coder;

typedef struct {
    /* extra dictionaries in PETRARCH/Phoenix formats (paths), NULL-ended */
    const char *const *actor_files;
    const char *const *agent_files;
    const char *const *verb_files;
    int replace;          /* 1: use only the given files, not dyad's own */
    FILE *warnings;       /* where unusable dictionary lines are reported */
} dyad_coder_options;

dyad_status dyad_coder_load(dyad_coder **c, const dyad_coder_options *opt,
                            dyad_error *err);
void dyad_coder_free(dyad_coder *c);
dyad_status dyad_actors(const dyad_coder *c, dyad_doc *doc, dyad_error *err);
dyad_status dyad_events(const dyad_coder *c, dyad_doc *doc, dyad_error *err);
/* 0 if dyad_events can find no event in doc (tagged and lemmatised),
 * whatever its parse: no word of it has event patterns, or no actor
 * dictionary name is in it. */
int dyad_coder_may_code(const dyad_coder *c, const dyad_doc *doc);

/* CAMEO codebook facts, from dyad's own table (cameo.c). */
typedef struct {
    const char *code, *name, *plover;
    int quad_class;
    double goldstein;
} dyad_cameo;
const dyad_cameo *dyad_cameo_lookup(const char *code); /* NULL if unknown */

/* ------------------------------------------------------------------ */
/* Time and place (timex.c, geo.c, timeplace.c)                        */
/* ------------------------------------------------------------------ */

/* Find and normalise time expressions against doc->date (or dct if not
 * NULL). */
dyad_status dyad_timex_find(dyad_doc *doc, const char *dct, dyad_error *err);

typedef struct dyad_gazetteer dyad_gazetteer;
dyad_status dyad_gazetteer_load(dyad_gazetteer **g, const char *path,
                                dyad_error *err);
void dyad_gazetteer_free(dyad_gazetteer *g);
dyad_status dyad_places(const dyad_gazetteer *g, dyad_doc *doc,
                        dyad_error *err);
/* Give each event its date and location (after dyad_timex_find, dyad_places). */
dyad_status dyad_timeplace(dyad_doc *doc, dyad_error *err);

/* ------------------------------------------------------------------ */
/* The whole pipeline (pipeline.c)                                     */
/* ------------------------------------------------------------------ */

typedef struct {
    const dyad_syntax *syntax;       /* NULL: stop after text */
    const dyad_coder *coder;         /* NULL: no actors/events */
    const dyad_gazetteer *gazetteer; /* NULL: no places */
    int timex;                       /* run time expressions */
    /* 1: the caller uses only the events (dyad code): a document where no
     * event can be found is tagged but not parsed, its events (none) the
     * same; its actors, places and times are what an unparsed text gives */
    int events_only;
} dyad_pipeline;

dyad_status dyad_process(const dyad_pipeline *p, dyad_doc *doc,
                         dyad_error *err);
/* dyad_process on docs[0..n) in turn, with the same results, but run stage
 * by stage over all of them (faster: each stage's tables stay in the
 * cache). *ndone gets the number of documents done: all n, or on an error
 * the index of the first document that failed (the error is its own; the
 * documents from it on are not done). */
dyad_status dyad_process_batch(const dyad_pipeline *p, dyad_doc **docs,
                               size_t n, size_t *ndone, dyad_error *err);

/* ------------------------------------------------------------------ */
/* Output formats (out_json.c, out_conllu.c, out_gdelt.c, out_plover.c) */
/* ------------------------------------------------------------------ */

void dyad_out_article_json(dyad_buf *b, const dyad_doc *doc);
void dyad_out_conllu(dyad_buf *b, const dyad_doc *doc);
void dyad_out_events_json(dyad_buf *b, const dyad_doc *doc);
void dyad_out_timex_json(dyad_buf *b, const dyad_doc *doc);
void dyad_out_events_gdelt(dyad_buf *b, const dyad_doc *doc);
void dyad_out_events_plover(dyad_buf *b, const dyad_doc *doc);

/* ------------------------------------------------------------------ */
/* Store (store.c, dedup.c, stories.c): an embedded SQLite database     */
/* ------------------------------------------------------------------ */

typedef struct dyad_store dyad_store;

dyad_status dyad_store_open(dyad_store **st, const char *path,
                            dyad_error *err);
void dyad_store_close(dyad_store *st);
/* Store one fully processed document in one transaction: *added is 0 when
 * the article was already there (idempotent). */
dyad_status dyad_store_add(dyad_store *st, dyad_doc *doc, int *added,
                           dyad_error *err);
/* Schema version of an open store (PRAGMA user_version; docs/store.md). */
int dyad_store_version(dyad_store *st);

/* Questions answered row by row: each row is a set of named columns with
 * their values as text (NULL for SQL NULL) and their kind, so a caller can
 * write JSON (DYAD_COL_JSON values are already JSON) or a table. */
typedef enum {
    DYAD_COL_NULL, DYAD_COL_INT, DYAD_COL_REAL, DYAD_COL_TEXT, DYAD_COL_JSON
} dyad_col_type;

typedef struct {
    int ncols;
    const char *const *names;
    const char *const *values;
    const unsigned char *types;   /* dyad_col_type */
} dyad_row;

typedef dyad_status (*dyad_row_fn)(const dyad_row *row, void *ctx,
                                   dyad_error *err);

/* Filters of the event questions; NULL/0 fields do not filter. Actor codes
 * match by prefix ("USA" matches "USAGOV"); dates are ISO prefixes
 * (--from 2014-06 takes 2014-06-05, --to 2014-06 too). */
typedef struct {
    const char *source, *target;
    const char *dyad_a, *dyad_b;  /* either direction */
    const char *code;             /* CAMEO prefix: "04" or "0211" */
    const char *root;             /* two digits */
    int quad_class;               /* 1-4 */
    const char *from, *to;        /* event date range, inclusive */
    const char *modality;         /* "asserted", "future", ... */
    int64_t story;
    const char *article;          /* article id (doc) */
    long limit;                   /* 0: all */
} dyad_query;

/* Articles (filters: story, article, limit). */
dyad_status dyad_store_articles(dyad_store *st, const dyad_query *q,
                                dyad_row_fn fn, void *ctx, dyad_error *err);
/* Events, one row per event with its mentions/articles/sources counts and
 * its first report; in event-date order. */
dyad_status dyad_store_events(dyad_store *st, const dyad_query *q,
                              dyad_row_fn fn, void *ctx, dyad_error *err);
/* Stories (filter: story, limit); with timeline != 0 each row carries its
 * articles and the timeline of its events (JSON arrays). */
dyad_status dyad_store_stories(dyad_store *st, const dyad_query *q,
                               int timeline, dyad_row_fn fn, void *ctx,
                               dyad_error *err);
/* Full-text search (FTS5 query syntax, bm25 order) over titles and
 * bodies; each hit carries its events (JSON array). */
dyad_status dyad_store_search(dyad_store *st, const char *query, long limit,
                              dyad_row_fn fn, void *ctx, dyad_error *err);
/* Counts and Goldstein sums per period ("day", "week", "month", "year")
 * of the events matching q (usually a dyad). */
dyad_status dyad_store_series(dyad_store *st, const dyad_query *q,
                              const char *by, dyad_row_fn fn, void *ctx,
                              dyad_error *err);
/* GDELT 2.0 mentions (16 columns, GDELT's order) of the matching events. */
dyad_status dyad_store_mentions(dyad_store *st, const dyad_query *q,
                                dyad_row_fn fn, void *ctx, dyad_error *err);

/* Each matching event rebuilt as a one-event document (its first report's
 * article fields and sentence; the event with global_id, mentions,
 * articles, sources set), for the event writers (GDELT, PLOVER). fn must
 * not keep doc. */
typedef dyad_status (*dyad_doc_fn)(const dyad_doc *doc, void *ctx,
                                   dyad_error *err);
dyad_status dyad_store_event_docs(dyad_store *st, const dyad_query *q,
                                  dyad_doc_fn fn, void *ctx, dyad_error *err);

#ifdef __cplusplus
}
#endif
#endif /* DYAD_H */
