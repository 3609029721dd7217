/* syntax.h — what the syntax stage's files share with each other and with
 * the trainer (bench/train-syntax.c): the averaged-perceptron model format,
 * feature keys, and the tagger, lemmatiser and parser steps. Training and
 * running use the same feature functions, so a model always sees at run
 * time the features it was trained on.
 */
#ifndef DYAD_SYNTAX_H
#define DYAD_SYNTAX_H

#include "internal.h"

/* ---- linear models: feature key → sparse (class, weight) row ---- */

/* Keys are 32-bit fingerprints of the 64-bit feature keys (ap_key32): the
 * rare collision merges two features, which costs nothing measurable and
 * halves the model.
 *
 * Where the time goes decides the layout. The features a parser state
 * finds are mostly frequent ones whose rows are long (45 weights on
 * average over the parser's 103 classes), so adding the rows is most of
 * the work: a row of at least AP_DENSE weights is kept as a dense vector
 * as well (one weight code a class, decoded and added sixteen classes at
 * a time with vector instructions). The rare features
 * miss the cache: a row of up to AP_INLINE weights lives in its slot (two
 * thirds of the parser's rows), so one cache miss finds and scores it.
 * Every way adds, to each class, the same floats in the same feature
 * order (a dense row adds +0.0 to the classes it lacks), so scores are
 * bit for bit those of the file's sparse rows.
 *
 * The table is an ordered linear-probing one: a key's home is the first
 * slot of a bucket of AP_PROBE slots (one cache line), chosen by the key's
 * high bits so that it is monotone in the key, and keys are inserted in
 * ascending order: the table is built by sequential writes, and from a
 * key's home every slot before the key's holds a smaller key and none
 * after it does (a search compares the bucket's four slots at once without
 * branching). Empty slots hold AP_EMPTY with n 0; AP_PROBE more end the
 * table. */
#define AP_INLINE 5
#define AP_DENSE 16
#define AP_PROBE 4
#define AP_EMPTY UINT32_MAX
#define AP_DENSE_ROW 0x8000   /* in ap_slot.n: the row is also dense */
typedef struct {
    uint32_t key;
    uint16_t n;             /* weights in the row, | AP_DENSE_ROW */
    /* n <= AP_INLINE: classes in in[0..4], weight codes in in[5..9]; else
     * in[0..3] is the offset of the row in ap_model.rows, and for a
     * dense row in[4..7] its number in ap_model.dense */
    uint8_t in[2 * AP_INLINE];
} ap_slot;

/* A model file ("DYADAP03"): u32 nclasses, nrows, nweights, names_len,
 * keys_len; f32 wmin, step; keys (ascending, as LEB128 deltas, keys_len
 * bytes); u8 n-1[nrows]; u8 cls[nweights]; i8 q[nweights], a weight on a
 * log scale: sign(q) * wmin * exp((|q| - 1) * step); names (nclasses
 * NUL-terminated). Loading builds the table once; afterwards the model is
 * read-only. */
typedef struct ap_model {
    uint32_t nclasses, nrows, nweights;
    uint32_t nhome;         /* home buckets; the table has more slots after them */
    size_t nslots;
    ap_slot *slots;
    /* rows longer than AP_INLINE: n classes, then their n weight codes */
    uint8_t *rows;
    uint8_t *dense;         /* dense rows, dstride weight codes each */
    uint32_t dstride, ndense;
    float *fdense;          /* AP_ISA_FLOAT: the dense rows as floats */
    uint32_t fstride;
    /* adds the rows of the slots found, in order (by the CPU's best way) */
    void (*add_hits)(const struct ap_model *m, const ap_slot *const *hit, int nh,
                     float *scores);
    float level[256];       /* weight of code q at level[(uint8_t)q] */
    /* byte b of level[k], k < 128, at planes[128 * b + k] */
    uint8_t planes[512];
    int isa;                /* AP_ISA_*: the instructions in use */
    const char **names;
    char *namebuf;
} ap_model;

static inline uint32_t ap_key32(uint64_t k)
{
    uint32_t x = (uint32_t)(k >> 32) ^ (uint32_t)k;
    return x ? x : 1;
}

#define AP_MAX_CLASSES 256

int ap_model_open(ap_model *m, const char *buf, size_t len); /* 0 ok */
void ap_model_close(ap_model *m);
/* scores[c] += weights of every feature (scores has nclasses entries). */
void ap_model_score(const ap_model *m, const uint64_t *f, int nf, float *scores);
int ap_model_class(const ap_model *m, const char *name); /* -1 if absent */
/* How dense rows are added (the best the CPU has after ap_model_open):
 * decoded one by one (PLAIN), made floats at first use (FLOAT; not
 * thread-safe: before the model is shared), decoded with AVX-512 VBMI.
 * Tests try each. 0 ok, -1 if the CPU lacks the instructions. */
enum { AP_ISA_PLAIN, AP_ISA_FLOAT, AP_ISA_VBMI, AP_ISA_BEST };
int ap_model_set_isa(ap_model *m, int isa);
/* The first class with the highest score among the valid ones (bit c of
 * valid[c / 64]; valid NULL: all classes); UINT32_MAX if none is valid. */
uint32_t ap_argmax(const ap_model *m, const float *scores, const uint64_t *valid);
/* Row r (0 ≤ r < nslots) of the table: its key and weights, or 0 for an
 * empty slot (the trainer's re-pruning reads models back through this). */
int ap_model_row(const ap_model *m, size_t r, uint32_t *key, const uint8_t **cls,
                 const int8_t **q);

/* Feature keys: a template number and up to three values, mixed. */
static inline uint64_t fk_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}
static inline uint64_t fkey(uint64_t tmpl, uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t h = fk_mix(tmpl * 0x9E3779B97F4A7C15ULL + a);
    h = fk_mix(h ^ (b + 0x632BE59BD9B4E019ULL));
    h = fk_mix(h ^ (c + 0x8CB92BA72F3D8DD7ULL));
    return h ? h : 1;
}
uint64_t str_hash(const char *s, size_t n);

/* ---- tagger ---- */

/* A sentence as the tagger and parser see it. */
typedef struct {
    int n;
    const char **form;      /* surface forms */
    uint64_t *wlower;       /* hash of the lowercased form */
    uint64_t *wform;        /* hash of the form as written */
    uint64_t *suf1, *suf2, *suf3, *suf4, *pre1, *pre2, *shape;
    uint32_t *flags;
} tag_words;

#define TAG_MAX_FEATS 64
#define TAG_NONE 0xFFFF   /* "no tag" (before the sentence) */

/* Words are hashed on their first TAG_MAX_WORD bytes. */
#define TAG_MAX_WORD 255
/* Fill the per-word hashes (arrays allocated in a). */
void tag_words_init(tag_words *w, dyad_arena *a, const char **form, int n);
/* tag_words.wlower of one word. */
uint64_t word_lower_hash(const char *form);
/* Features of word i given the tags already chosen for words < i (hist)
 * and, in the second pass, the first pass's tags for all words (right,
 * NULL in the first pass). */
int tag_features(const tag_words *w, int i, const uint16_t *hist,
                 const uint16_t *right, uint64_t *f);
/* Greedy left-to-right tagging with a model; tags[i] = class. Two models:
 * first pass and (optional, NULL) second pass with right context. */
void tag_sentence(const ap_model *m1, const ap_model *m2, const tag_words *w,
                  uint16_t *tags, uint16_t *scratch);

/* ---- parser: arc-hybrid, root at the end of the buffer ---- */

#define PARSE_MAX_FEATS 128
#define PARSE_SHIFT 0
/* classes: 0 shift, then 1 + 2*label (left) and 2 + 2*label (right) */

typedef struct {
    int n;                 /* words 1..n; n+1 is the root */
    const uint64_t *w;     /* [n+2] word hashes (lowercased), 0/ n+1 fixed */
    const uint16_t *t;     /* [n+2] tagger classes (UPOS+XPOS pairs) */
    const uint16_t *u;     /* [n+2] UPOS */
    int *stack, sp;
    int b;                 /* buffer front */
    int *head, *label;     /* [n+2] */
    int *lc1, *lc2, *rc1, *rc2; /* leftmost / rightmost children */
    int *nl, *nr;          /* number of left / right children */
    uint64_t *lset, *rset; /* label sets of left / right children */
} parse_state;

void parse_init(parse_state *p, dyad_arena *a, int n, const uint64_t *w,
                const uint16_t *t, const uint16_t *u);
/* Whether class c may be applied now; rootlab is the label id of "root". */
int parse_valid(const parse_state *p, int c, int rootlab);
void parse_apply(parse_state *p, int c);
int parse_done(const parse_state *p);
int parse_features(const parse_state *p, uint64_t *f);
/* Greedy parse with a model: head[1..n] (0 root), label[1..n]. */
void parse_sentence(const ap_model *m, int rootlab, parse_state *p, float *scores);

/* ---- lemmas and features ---- */

typedef struct lexicon lexicon;
lexicon *lexicon_load(char *buf, size_t len); /* takes buf; NULL if bad */
void lexicon_free(lexicon *lx);
const char *lexicon_lemma(const lexicon *lx, dyad_arena *a, const char *form,
                          const char *upos, const char *xpos);
const char *lexicon_feats(const lexicon *lx, const char *form,
                          const char *upos, const char *xpos);
/* The rule part alone (trainer: which pairs need an exception). */
char *lemma_by_rule(const lexicon *lx, const char *form, const char *upos,
                    const char *xpos, char *out, size_t cap);

struct dyad_syntax {
    ap_model tag1, tag2, parse;
    lexicon *lex;
    int rootlab;          /* label id of "root" */
    uint16_t *tag_upos;   /* tagger class → dyad_upos */
    const char **tag_xpos;/* tagger class → XPOS */
    const char **tag_uname;
    const char **labels;  /* label id → name */
    int nlabels;
    int vbd_tag;          /* tagger class "VERB VBD", or -1 */
};

#endif
