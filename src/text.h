/* text.h — the text stage's insides that its trainer (bench/train-text.c)
 * shares: surface tokens before sentence splitting, and the features of
 * the gap after a token that the sentence-boundary model scores. Training
 * and running use these very functions, so the features cannot drift. */
#ifndef DYAD_TEXT_H
#define DYAD_TEXT_H

#include "dyad.h"

/* A surface token: a whitespace-free span of the text (a word, a number,
 * a URL, a run of punctuation). Contractions are split into syntactic
 * words later, so one surface token may become several dyad_tokens. */
typedef struct {
    uint32_t start, end;  /* bytes into the text */
    uint8_t space;        /* whitespace before this token */
    uint8_t nl;           /* newlines in that whitespace (capped at 2) */
    uint8_t abbr;         /* text_hash_tokens: a listed abbreviation + "." */
    uint8_t hashed;       /* wh, sh and abbr are set */
    uint32_t wh, sh;      /* text_hash_tokens: hashes of form and shape */
} text_tok;

/* Surface tokens of text[0,len) into an arena array. */
size_t text_tokenize(dyad_arena *a, const char *text, size_t len,
                     text_tok **out);

#define TEXT_MAX_FEATS 40

/* Fill the hashes of every token that the features combine. */
void text_hash_tokens(const char *text, text_tok *t, size_t n);

/* Can a sentence end after token i (followed by token i+1 after
 * whitespace)? Not between a lower-case word or number and a lower-case
 * word: EWT has under 1% of its boundaries there, and skipping the model
 * on those four gaps in five is most of the stage's speed. */
int text_gap_candidate(const char *text, const text_tok *t, size_t i);

/* Hashed features of the gap after token i (i < n-1): the decision "a
 * sentence ends here". since = tokens since the last sentence start. */
size_t text_gap_features(const text_tok *t, size_t n, size_t i, size_t since,
                         uint32_t *feats);

/* Weight-table size of the boundary model (feature hashes are taken mod). */
#define TEXT_SBD_BITS 20

#endif
