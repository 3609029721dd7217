/* store.h — what the store's three files share (store.c: schema, writes,
 * queries; dedup.c: exact and near-duplicate detection; stories.c: online
 * story clustering). All three work inside the one write transaction that
 * store.c opens per article, on the same sqlite3 handle. */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H

#include "dyad.h"

#include <sqlite3.h>

/* ---- dedup.c ---- */

/* MinHash: DEDUP_BANDS bands of DEDUP_ROWS rows each. 20 x 3 makes a pair
 * with Jaccard 0.5 a candidate with probability 0.93, 0.8 with 0.9999, and
 * 0.2 with only 0.15, so few wasted verifications. */
#define DEDUP_BANDS 20
#define DEDUP_ROWS 3
#define DEDUP_K (DEDUP_BANDS * DEDUP_ROWS)
#define DEDUP_SHINGLE 5     /* words per shingle */

typedef struct {
    uint64_t hash;          /* XXH3-64 of the normalised text */
    uint32_t sig[DEDUP_K];  /* MinHash signature (low 32 bits of minima) */
    uint64_t band[DEDUP_BANDS];
    size_t nwords;
} dedup_print;

/* Lower-cased words of text (letters and digits, UTF-8 aware), one space
 * between words, into b (reset first). Returns the number of words. */
size_t dedup_normalise(const char *text, size_t n, dyad_buf *b);
void dedup_fingerprint(const char *text, size_t n, dedup_print *fp);

typedef struct {
    int64_t of;             /* article row it duplicates (its original) */
    double similarity;      /* Jaccard of word shingles (1 for exact) */
    double containment;     /* shared shingles / shingles of the smaller */
    const char *kind;       /* "exact" or "near" */
} dedup_match;

/* Looks for an earlier article this text duplicates; m->of 0 if none. */
int dedup_find(sqlite3 *db, const dedup_print *fp, const char *text,
               size_t n, dedup_match *m);
/* Records the bands of a stored article for later lookups. */
int dedup_index(sqlite3 *db, int64_t article, const dedup_print *fp);

/* ---- stories.c ---- */

/* Puts article (already inserted) into a story: its original's story when
 * dup_of != 0, else the most similar recent story, else a new one. */
int story_assign(sqlite3 *db, const dyad_doc *doc, int64_t article,
                 int64_t dup_of, int64_t *story);

/* Day number (days since 1970-01-01) of "YYYY-MM-DD...", or INT32_MIN. */
int32_t store_day(const char *date);
/* "YYYY-MM-DD" of a day number into buf (>= 11 bytes). */
void store_day_str(int32_t day, char *buf);

#endif
