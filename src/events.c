/* events.c — the events stage: matches the event patterns against each
 * sentence's dependency parse and turns every match into a coded event
 * (source and target from the actor mentions the parse links to the event
 * word, CAMEO code with its codebook facts, modality, explanation).
 *
 * Patterns are looked up by the lemma of each word in a hash table, so a
 * sentence costs one probe per content word; the most specific pattern of a
 * word (the one whose requirements name most words) is tried first. The pattern format
 * is in data/events/README.md. */
#include "actors.h"
#include "events.h"
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Requirement kinds: a particle, an object, a preposition introducing a
 * dependent (whose actor becomes the target), an open or a clausal
 * complement. Object and complements move the pattern's "current word". */
enum { R_PRT, R_OBJ, R_PREP, R_XCOMP, R_CCOMP, R_SUBJ, R_NEG, R_MOD, R_AUX };

typedef struct {
    uint8_t kind;
    const char *words;      /* "a|b|c", "*" = any */
    const char *dep;        /* @PREP=WORDS: the dependent's lemma, or NULL */
} req_t;

typedef struct {
    char code[5];
    char pos;               /* 'v' verb, 'n' noun, 'a' adjective */
    uint8_t sym;            /* coordinated subjects code both ways */
    uint8_t rev;            /* the dependent gives, the subject receives */
    const char *head;       /* one lemma */
    req_t *req;
    int nreq;
    int score;              /* specificity: patterns are tried best first */
    const char *text;       /* the pattern line, for explain */
    int next;               /* next pattern of the same head, -1 */
} pattern_t;

typedef struct {
    const char *key;
    char pos;
    int first;
} slot_t;

struct dyad_event_dict {
    dyad_arena *arena;
    pattern_t *pat;
    size_t npat, cap;
    slot_t *slot;
    size_t nslot;           /* power of two */
    size_t used;
    const char *light;      /* light verbs, " a b c " */
    const char *future;     /* verbs whose complement is future */
    const char *speech;     /* verbs of reporting */
    int own_bad;            /* unusable lines in dyad's own files */
};

/* ------------------------------------------------------------------ */
/* Loading                                                             */
/* ------------------------------------------------------------------ */

static uint64_t hash(const char *s, char pos)
{
    uint64_t h = 1469598103934665603ull ^ (unsigned char)pos;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static slot_t *find_slot(const dyad_event_dict *d, const char *key, char pos)
{
    size_t m = d->nslot - 1;
    for (size_t i = hash(key, pos) & m;; i = (i + 1) & m) {
        slot_t *s = &d->slot[i];
        if (!s->key || (s->pos == pos && strcmp(s->key, key) == 0)) return s;
    }
}

static void rehash(dyad_event_dict *d)
{
    slot_t *old = d->slot;
    size_t n = d->nslot;
    d->nslot = n ? n * 2 : 1024;
    d->slot = calloc(d->nslot, sizeof *d->slot);
    for (size_t i = 0; i < n; i++)
        if (old[i].key) *find_slot(d, old[i].key, old[i].pos) = old[i];
    free(old);
}

/* Insert keeping each head's list ordered by decreasing requirements. */
static void add_pattern(dyad_event_dict *d, const pattern_t *p)
{
    if (d->npat == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 512;
        d->pat = realloc(d->pat, d->cap * sizeof *d->pat);
    }
    int idx = (int)d->npat++;
    d->pat[idx] = *p;
    if ((d->used + 1) * 2 > d->nslot) rehash(d);
    slot_t *s = find_slot(d, p->head, p->pos);
    if (!s->key) {
        s->key = p->head;
        s->pos = p->pos;
        s->first = -1;
        d->used++;
    }
    int *link = &s->first;
    while (*link >= 0 && d->pat[*link].score >= p->score) link = &d->pat[*link].next;
    d->pat[idx].next = *link;
    *link = idx;
}

static int valid_code(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 4) return 0;
    for (size_t i = 0; i < n; i++) if (!isdigit((unsigned char)s[i])) return 0;
    return dyad_cameo_lookup(s) != NULL;
}

static char *lower(dyad_arena *a, const char *s, size_t n)
{
    char *r = dyad_strndup(a, s, n);
    for (char *p = r; *p; p++) *p = (char)tolower((unsigned char)*p);
    return r;
}

/* One line "CODE HEAD[/pos] REQ..." → patterns (one per alternative
 * head). Returns NULL or what is wrong. */
static const char *parse_line(dyad_event_dict *d, char *line)
{
    char *tok[32];
    int n = 0;
    for (char *p = strtok(line, " \t\r"); p && n < 32; p = strtok(NULL, " \t\r"))
        tok[n++] = p;
    if (n < 2) return "a pattern needs a CAMEO code and a word";
    if (!valid_code(tok[0])) return "not a CAMEO code of the codebook";
    pattern_t p = {.next = -1};
    memcpy(p.code, tok[0], strlen(tok[0]) + 1);
    char *head = tok[1];
    /* each alternative has its own part of speech ("a/n|b/n",
     * "refuse|reluctant/a"); a verb unless marked */
    for (char *sl = strchr(head, '/'); sl; sl = strchr(sl + 1, '/'))
        if ((sl[1] != 'v' && sl[1] != 'n' && sl[1] != 'a') || (sl[2] && sl[2] != '|'))
            return "a word's part of speech is /v, /n or /a";
    p.pos = 'v';
    p.req = dyad_alloc(d->arena, sizeof(req_t) * 32);
    for (int i = 2; i < n; i++) {
        char *t = tok[i];
        req_t *r = &p.req[p.nreq];
        if (strcmp(t, "sym") == 0) { p.sym = 1; continue; }
        if (strcmp(t, "rev") == 0) { p.rev = 1; continue; }
        if (t[0] == '+') { r->kind = R_PRT; r->words = lower(d->arena, t + 1, strlen(t + 1)); }
        else if (t[0] == '@') {
            char *eq = strchr(t, '=');
            r->kind = R_PREP;
            if (eq) {
                *eq = 0;
                if (!eq[1]) return "@PREP= needs words";
                r->dep = lower(d->arena, eq + 1, strlen(eq + 1));
            }
            r->words = lower(d->arena, t + 1, strlen(t + 1));
        }
        else if (strcmp(t, "not") == 0) { r->kind = R_NEG; r->words = "*"; }
        else {
            const char *eq = strchr(t, '=');
            size_t k = eq ? (size_t)(eq - t) : strlen(t);
            if (k == 3 && strncmp(t, "obj", 3) == 0) r->kind = R_OBJ;
            else if (k == 5 && strncmp(t, "xcomp", 5) == 0) r->kind = R_XCOMP;
            else if (k == 5 && strncmp(t, "ccomp", 5) == 0) r->kind = R_CCOMP;
            else if (k == 4 && strncmp(t, "subj", 4) == 0) r->kind = R_SUBJ;
            else if (k == 3 && strncmp(t, "mod", 3) == 0) r->kind = R_MOD;
            else if (k == 3 && strncmp(t, "aux", 3) == 0) r->kind = R_AUX;
            else return "unknown requirement (use +PRT, @PREP, @PREP=, obj=, xcomp=, ccomp=, subj=, mod=, aux=, not, sym, rev)";
            r->words = eq && eq[1] ? lower(d->arena, eq + 1, strlen(eq + 1)) : "*";
        }
        /* a named word says more than a bare relation */
        p.score += r->kind == R_NEG ? 1
                   : (r->words[0] == '*' && !r->words[1] && !r->dep) ? 1
                   : (r->kind == R_PREP || r->kind == R_PRT) && !r->dep ? 2 : 3;
        p.nreq++;
    }
    p.text = NULL;
    for (char *h = head, *bar; h; h = bar) {
        bar = strchr(h, '|');
        if (bar) *bar++ = 0;
        pattern_t q = p;
        char *sl = strchr(h, '/');
        if (sl) {
            q.pos = sl[1];
            *sl = 0;
        }
        if (!*h) return "empty word";
        q.head = lower(d->arena, h, strlen(h));
        add_pattern(d, &q);
    }
    return NULL;
}

static const char *join_words(dyad_arena *a, const char *prev, char **tok, int n)
{
    dyad_buf b = {0};
    dyad_buf_putc(&b, ' ');
    if (prev) dyad_buf_puts(&b, prev);
    for (int i = 0; i < n; i++) {
        for (char *h = tok[i], *bar; h; h = bar) {
            bar = strchr(h, '|');
            if (bar) *bar++ = 0;
            for (char *c = h; *c; c++) *c = (char)tolower((unsigned char)*c);
            dyad_buf_puts(&b, h);
            dyad_buf_putc(&b, ' ');
        }
    }
    const char *r = dyad_strdup(a, b.s);
    dyad_buf_free(&b);
    return r;
}

/* "%light hold have ..." and friends: word lists the matcher consults. */
static const char *parse_directive(dyad_event_dict *d, char *line)
{
    char *tok[256];
    int n = 0;
    for (char *p = strtok(line, " \t\r"); p && n < 256; p = strtok(NULL, " \t\r"))
        tok[n++] = p;
    if (n == 0) return "empty directive";
    const char **dst = strcmp(tok[0], "%light") == 0    ? &d->light
                       : strcmp(tok[0], "%future") == 0 ? &d->future
                       : strcmp(tok[0], "%speech") == 0 ? &d->speech
                                                        : NULL;
    if (!dst) return "unknown directive (use %light, %future, %speech)";
    *dst = join_words(d->arena, *dst ? *dst + 1 : NULL, tok + 1, n - 1);
    return NULL;
}

dyad_status dyad_event_dict_add(dyad_event_dict *d, const char *name,
                                const char *text, FILE *warn, int *bad,
                                dyad_error *err)
{
    (void)err;
    long lineno = 0;
    for (const char *p = text; *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        lineno++;
        char *line = dyad_strndup(d->arena, p, n);
        char *hash_ = strchr(line, '#');
        if (hash_) *hash_ = 0;
        char *s = line;
        while (*s == ' ' || *s == '\t' || *s == '\r') s++;
        if (*s) {
            char *copy = dyad_strdup(d->arena, s);
            const char *why = *s == '%' ? parse_directive(d, s) : parse_line(d, s);
            if (why) {
                if (bad) (*bad)++;
                if (warn) fprintf(warn, "dyad: %s:%ld: %s: %s\n", name, lineno, why, copy);
            } else if (*s != '%') {
                /* every head of this line shares the text for explain */
                for (size_t i = d->npat; i-- > 0 && !d->pat[i].text;)
                    d->pat[i].text = copy;
            }
        }
        p += n + (e ? 1 : 0);
    }
    return DYAD_OK;
}

static const char *const own_files[] = {
    "data/events/verbs.txt", "data/events/nouns.txt", "data/events/coverage.txt", NULL};

dyad_status dyad_event_dict_load(dyad_event_dict **out,
                                 const dyad_coder_options *opt,
                                 dyad_error *err)
{
    dyad_event_dict *d = calloc(1, sizeof *d);
    if (!d) return dyad_fail(err, DYAD_ERR_NOMEM, "events", 0, "out of memory");
    d->arena = dyad_arena_new();
    rehash(d);
    dyad_status st = DYAD_OK;
    FILE *warn = opt ? opt->warnings : NULL;
    if (!opt || !opt->replace) {
        for (int i = 0; own_files[i]; i++) {
            size_t len;
            const char *t = dyad_data(own_files[i], &len);
            if (!t) continue;
            int bad = 0;
            /* dyad's own files are tested to be clean: report loudly */
            dyad_event_dict_add(d, own_files[i], t, stderr, &bad, err);
            d->own_bad += bad;
        }
    }
    for (int i = 0; opt && opt->verb_files && opt->verb_files[i]; i++) {
        const char *path = opt->verb_files[i];
        FILE *f = fopen(path, "rb");
        if (!f) {
            st = dyad_fail(err, DYAD_ERR_IO, path, 0, "cannot open verb file");
            break;
        }
        dyad_buf b = {0};
        char chunk[65536];
        size_t k;
        while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) dyad_buf_put(&b, chunk, k);
        fclose(f);
        if (b.len && memchr(b.s, 0, b.len)) {
            dyad_buf_free(&b);
            st = dyad_fail(err, DYAD_ERR_INPUT, path, 0, "binary data in verb file");
            break;
        }
        int bad = 0;
        st = dyad_event_dict_add(d, path, b.len ? b.s : "", warn, &bad, err);
        dyad_buf_free(&b);
        if (st) break;
    }
    if (!d->light) d->light = " ";
    if (!d->future) d->future = " ";
    if (!d->speech) d->speech = " ";
    if (st) { dyad_event_dict_free(d); d = NULL; }
    *out = d;
    return st;
}

void dyad_event_dict_free(dyad_event_dict *d)
{
    if (!d) return;
    free(d->pat);
    free(d->slot);
    dyad_arena_free(d->arena);
    free(d);
}

size_t dyad_event_dict_size(const dyad_event_dict *d) { return d ? d->npat : 0; }

int dyad_event_dict_has_code(const dyad_event_dict *d, const char *code)
{
    for (size_t i = 0; d && i < d->npat; i++)
        if (strcmp(d->pat[i].code, code) == 0) return 1;
    return 0;
}

int dyad_event_dict_own_errors(const dyad_event_dict *d) { return d ? d->own_bad : 0; }

/* ------------------------------------------------------------------ */
/* Matching                                                            */
/* ------------------------------------------------------------------ */

/* A sentence seen as a tree: 0-based word indices, children lists. */
typedef struct {
    const dyad_doc *doc;
    const dyad_event_dict *dict;
    const dyad_token *w;    /* the sentence's words */
    uint32_t base, n;       /* doc-level index of word 0; word count */
    int *first, *sib;       /* first child, next sibling (-1 ends) */
    char **lem;             /* lower-cased lemmas */
    uint8_t *used;          /* consumed by a pattern (an xcomp's verb...) */
    uint16_t *root;         /* root of the pattern matched on a word, 0 */
    int known_only;         /* targets: only actors of a known country */
} sent_t;

static int head_of(const sent_t *s, int i)
{
    int h = s->w[i].head;
    return h >= 1 && (uint32_t)h <= s->n ? h - 1 : -1;
}

static int rel_is(const sent_t *s, int i, const char *r)
{
    const char *d = s->w[i].deprel;
    if (!d) return 0;
    size_t n = strlen(r);
    return strncmp(d, r, n) == 0 && (d[n] == 0 || (d[n] == ':' && !strchr(r, ':')));
}

static int rel_exact(const sent_t *s, int i, const char *r)
{
    return s->w[i].deprel && strcmp(s->w[i].deprel, r) == 0;
}

/* words is " a b c " (directive lists) or "a|b|c" / "*" (requirements). */
static int in_list(const char *list, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = strstr(list, w); p; p = strstr(p + 1, w))
        if (p[-1] == ' ' && p[n] == ' ') return 1;
    return 0;
}

static int word_in(const char *alts, const char *w)
{
    if (alts[0] == '*' && !alts[1]) return 1;
    size_t n = strlen(w);
    for (const char *p = alts; *p;) {
        const char *bar = strchr(p, '|');
        size_t k = bar ? (size_t)(bar - p) : strlen(p);
        if (k == n && memcmp(p, w, n) == 0) return 1;
        if (!bar) break;
        p = bar + 1;
    }
    return 0;
}

static int child(const sent_t *s, int h, const char *rel)
{
    for (int c = s->first[h]; c >= 0; c = s->sib[c])
        if (rel_is(s, c, rel)) return c;
    return -1;
}

static int is_to_infinitive(const sent_t *s, int c);

/* A past participle modifying a noun ("soldiers killed in Ukraine"). */
static int is_participle_acl(const sent_t *s, int v)
{
    if (!rel_exact(s, v, "acl")) return 0;
    /* "an official today praised the plan", read as a reduced relative:
     * a passive participle takes no direct object, so this one is active */
    for (int c = s->first[v]; c >= 0; c = s->sib[c])
        if (rel_exact(s, c, "obj") ||
            /* "the parliament threatened on Monday to break ties" */
            ((rel_is(s, c, "xcomp") || (rel_is(s, c, "advcl") && is_to_infinitive(s, c))) &&
             in_list(s->dict->future, s->lem[v])))
            return 0;
    const char *x = s->w[v].xpos, *f = s->w[v].feats;
    return (x && strcmp(x, "VBN") == 0) ||
           (f && strstr(f, "VerbForm=Part") && strstr(f, "Tense=Past"));
}

static int has_child_lemma(const sent_t *s, int v, const char *rel, const char *words);
static const char *prep_of(const sent_t *s, int c);

static int is_passive(const sent_t *s, int v)
{
    int subj = 0;
    /* "X is opposed to", "forces were engaged in cleansing": a state of
     * the subject, who is the doer, unless a "by" names another */
    if (word_in("oppose|commit|dedicate|devote|determine|resolve|engage|involve", s->lem[v])) {
        int by = 0;
        for (int c = s->first[v]; c >= 0; c = s->sib[c])
            by |= rel_exact(s, c, "obl:agent") || (rel_is(s, c, "obl") && !strcmp(prep_of(s, c), "by"));
        if (!by) return 0;
    }
    for (int c = s->first[v]; c >= 0; c = s->sib[c]) {
        if (rel_exact(s, c, "aux:pass")) return 1;
        subj |= rel_exact(s, c, "nsubj:pass");
    }
    /* "Five killed in attack" is passive; "X has refused to ...", with
     * its subject misread as a passive's, is not: a perfect with no
     * "been" is active */
    if (subj) return !has_child_lemma(s, v, "aux", "have");
    return is_participle_acl(s, v);
}

/* The preposition (case/mark child) introducing dependent c, or "" (an
 * infinitive's "to" is not a preposition). */
static const char *prep_of(const sent_t *s, int c)
{
    for (int g = s->first[c]; g >= 0; g = s->sib[g])
        if (rel_is(s, g, "case") ||
            (rel_exact(s, g, "mark") && s->w[g].upos != DYAD_PART))
            return s->lem[g];
    return "";
}

/* Word c is an infinitive with "to" ("urged X to resume"). */
static int is_to_infinitive(const sent_t *s, int c)
{
    for (int g = s->first[c]; g >= 0; g = s->sib[g])
        if (rel_exact(s, g, "mark") && strcmp(s->lem[g], "to") == 0) return 1;
    return 0;
}

static int is_prep_dep(const sent_t *s, int c)
{
    return rel_is(s, c, "obl") || rel_is(s, c, "nmod") || rel_is(s, c, "advcl") ||
           rel_is(s, c, "acl") || rel_is(s, c, "xcomp") || rel_is(s, c, "ccomp");
}

/* The actor mention a word stands for: its own, else one in a modifier
 * ("the leader of China", "Chinese officials", "Iran's programme"). */
static int32_t actor_near(const sent_t *s, int i, int depth)
{
    int32_t a = dyad_actor_at(s->doc, s->base + (uint32_t)i);
    if (a >= 0 || depth == 0) return a;
    for (int c = s->first[i]; c >= 0; c = s->sib[c]) {
        int ok = rel_exact(s, c, "compound") || rel_exact(s, c, "amod") ||
                 rel_exact(s, c, "nmod:poss") || rel_exact(s, c, "appos") ||
                 rel_exact(s, c, "flat") || rel_exact(s, c, "nmod:desc") ||
                 (rel_exact(s, c, "nmod") && word_in("of|from", prep_of(s, c)));
        if (ok && (a = actor_near(s, c, depth - 1)) >= 0) return a;
    }
    return -1;
}

static int32_t actor_of(const sent_t *s, int i) { return i < 0 ? -1 : actor_near(s, i, 2); }

/* Word i and the words coordinated with it ("X and Y"). */
static int coordinated(const sent_t *s, int i, int *out, int max)
{
    int n = 0;
    if (i < 0) return 0;
    out[n++] = i;
    for (int c = s->first[i]; c >= 0 && n < max; c = s->sib[c])
        if (rel_is(s, c, "conj") && s->w[c].upos != DYAD_VERB) out[n++] = c;
    /* A list the parser did not see as one ("The US, Russia, and
     * Switzerland met" read as an apposition and a second subject): an
     * apposition naming another country, and another subject of the same
     * verb, are conjuncts too. */
    int32_t ai = actor_of(s, i);
    if (ai < 0) return n;
    const char *ci = s->doc->actors[ai].code;
    for (int c = s->first[i]; c >= 0 && n < max; c = s->sib[c]) {
        int32_t ac = rel_exact(s, c, "appos") ? actor_of(s, c) : -1;
        if (ac >= 0 && ac != ai && strncmp(s->doc->actors[ac].code, ci, 3)) out[n++] = c;
        /* "US and British activists", "French and Egyptian warships": the
         * coordinated modifier names a second group */
        if (!rel_exact(s, c, "amod") && !rel_exact(s, c, "compound")) continue;
        for (int g = s->first[c]; g >= 0 && n < max; g = s->sib[g]) {
            int32_t ag = rel_is(s, g, "conj") ? dyad_actor_at(s->doc, s->base + (uint32_t)g) : -1;
            if (ag >= 0 && ag != ai && strncmp(s->doc->actors[ag].code, ci, 3)) out[n++] = g;
        }
    }
    int h = head_of(s, i);
    if (h >= 0 && rel_exact(s, i, "nsubj"))
        for (int c = s->first[h]; c >= 0 && n < max; c = s->sib[c]) {
            if (c == i || !rel_exact(s, c, "nsubj") || actor_of(s, c) < 0) continue;
            out[n++] = c;
            for (int g = s->first[c]; g >= 0 && n < max; g = s->sib[g])
                if (rel_is(s, g, "conj") && s->w[g].upos != DYAD_VERB) out[n++] = g;
        }
    return n;
}

/* Coordinated words that are actors, when some are ("Iraqi troops and
 * militias"): a conjunct the dictionaries do not know adds nothing. */
static int only_actors(const sent_t *s, int *w, int n)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        if (actor_of(s, w[i]) >= 0) w[k++] = w[i];
    return k ? k : n;
}

/* The word doing the action of verb v: its subject, the agent of a
 * passive, or the controller of an infinitive, the subject of the first
 * conjunct, the noun a relative clause modifies. */
static int subject_of(const sent_t *s, int v, int depth)
{
    if (v < 0 || depth > 6) return -1;
    int passive = is_passive(s, v);
    for (int c = s->first[v]; c >= 0; c = s->sib[c]) {
        /* (a subject the parse read as a passive's, where is_passive
         * found the clause active) */
        if (!passive && (rel_exact(s, c, "nsubj") || rel_exact(s, c, "csubj") ||
                         rel_exact(s, c, "nsubj:pass"))) {
            int p = head_of(s, v);
            /* "which/who" → the noun the relative clause modifies */
            if (s->w[c].upos == DYAD_PRON && p >= 0 && rel_is(s, v, "acl") &&
                (strcmp(s->lem[c], "who") == 0 || strcmp(s->lem[c], "which") == 0 ||
                 strcmp(s->lem[c], "that") == 0))
                return p;
            return c;
        }
        if (passive && (rel_exact(s, c, "obl:agent") ||
                        (rel_is(s, c, "obl") && strcmp(prep_of(s, c), "by") == 0)))
            return c;
    }
    if (passive) return -1;
    int p = head_of(s, v);
    if (p < 0) return -1;
    if (rel_is(s, v, "xcomp")) {
        int o = child(s, p, "obj");
        if (o >= 0 && actor_of(s, o) >= 0) return o;
        return subject_of(s, p, depth + 1);
    }
    /* "X was indicted and will resign": the subject the conjuncts share */
    if (rel_is(s, v, "conj") && is_passive(s, p) && child(s, p, "nsubj:pass") >= 0)
        return child(s, p, "nsubj:pass");
    if (rel_is(s, v, "conj") || rel_is(s, v, "advcl") || rel_is(s, v, "parataxis"))
        return subject_of(s, p, depth + 1);
    if (rel_exact(s, v, "acl:relcl") || rel_exact(s, v, "acl")) return p;
    return -1;
}

/* Targets are introduced by these prepositions when no pattern names one. */
static const char *const target_preps[] = {
    "with", "to", "against", "on", "at", "toward", "towards", "from", "for",
    "into", "upon", "between", "among", "over", NULL};

static int is_target_prep(const char *p)
{
    for (int k = 0; target_preps[k]; k++)
        if (strcmp(p, target_preps[k]) == 0) return 1;
    return 0;
}

typedef struct {
    const pattern_t *p;
    int words[16];          /* matched words: event word first */
    int nwords;
    int target;             /* word whose actor is the target, or -1 */
} match_t;

/* Try pattern p on word e. */
static int try_pattern(sent_t *s, const pattern_t *p, int e, match_t *m)
{
    int cur = e;
    m->p = p;
    m->nwords = 1;
    m->words[0] = e;
    m->target = -1;
    int passive = is_passive(s, e);
    for (int r = 0; r < p->nreq; r++) {
        const req_t *q = &p->req[r];
        int found = -1;
        if (q->kind == R_PRT) {
            for (int k = 0; k < m->nwords && found < 0; k++)
                for (int c = s->first[m->words[k]]; c >= 0; c = s->sib[c])
                    if ((rel_is(s, c, "compound:prt") || rel_exact(s, c, "advmod") ||
                         rel_exact(s, c, "obl") || rel_exact(s, c, "case")) &&
                        word_in(q->words, s->lem[c]) && s->first[c] < 0) {
                        found = c;
                        break;
                    }
        } else if (q->kind == R_PREP) {
            for (int k = 0; k < m->nwords && found < 0; k++)
                for (int c = s->first[m->words[k]]; c >= 0; c = s->sib[c])
                    if (is_prep_dep(s, c) && word_in(q->words, prep_of(s, c)) &&
                        (!q->dep || word_in(q->dep, s->lem[c]))) {
                        found = c;
                        break;
                    }
            if (found >= 0 && !q->dep && m->target < 0) m->target = found;
        } else if (q->kind == R_NEG) {
            for (int c = s->first[e]; c >= 0; c = s->sib[c])
                if (strcmp(s->lem[c], "not") == 0 || strcmp(s->lem[c], "never") == 0 ||
                    strcmp(s->lem[c], "n't") == 0)
                    found = c;
        } else {
            for (int c = s->first[cur]; c >= 0; c = s->sib[c]) {
                int ok = 0;
                switch (q->kind) {
                case R_OBJ:
                    ok = rel_exact(s, c, "obj") || rel_exact(s, c, "iobj") ||
                         (passive && cur == e && rel_exact(s, c, "nsubj:pass"));
                    /* "held talks" parsed with the noun as obl or "talks were held" */
                    break;
                case R_XCOMP:
                    ok = rel_is(s, c, "xcomp") ||
                         ((rel_is(s, c, "ccomp") || rel_is(s, c, "advcl")) &&
                          is_to_infinitive(s, c));
                    break;
                case R_CCOMP:
                    ok = rel_is(s, c, "ccomp") || rel_is(s, c, "xcomp");
                    break;
                case R_SUBJ:
                    ok = rel_is(s, c, "nsubj");
                    break;
                case R_MOD:
                    ok = !rel_is(s, c, "punct") && !rel_is(s, c, "det");
                    break;
                case R_AUX:
                    ok = rel_exact(s, c, "aux");
                    break;
                }
                if (ok && word_in(q->words, s->lem[c])) { found = c; break; }
            }
            /* a named object or complement becomes the current word; any
             * object ("obj=*") is only required */
            if (found >= 0 && q->kind != R_SUBJ && q->kind != R_MOD && q->kind != R_AUX &&
                !(q->kind == R_OBJ && q->words[0] == '*' && !q->words[1]))
                cur = found;
        }
        if (found < 0) return 0;
        if (m->nwords < 16) m->words[m->nwords++] = found;
    }
    return 1;
}

static const char *lower_tmp(char *buf, size_t cap, const char *s)
{
    size_t i = 0;
    for (; s && s[i] && i + 1 < cap; i++) buf[i] = (char)tolower((unsigned char)s[i]);
    buf[i] = 0;
    return buf;
}

static int has_child_lemma(const sent_t *s, int v, const char *rel, const char *words)
{
    for (int c = s->first[v]; c >= 0; c = s->sib[c])
        if (rel_is(s, c, rel) && word_in(words, s->lem[c])) return 1;
    return 0;
}

static dyad_modality modality_of(const sent_t *s, int v, int src)
{
    /* the clause the event is in: a noun event takes its verb's */
    int clause = v;
    if (s->w[v].upos == DYAD_NOUN || s->w[v].upos == DYAD_PROPN) {
        int h = head_of(s, v);
        if (h >= 0 && (rel_is(s, v, "obj") || rel_is(s, v, "nsubj"))) clause = h;
    }
    if (has_child_lemma(s, clause, "advmod", "not|never|n't") ||
        has_child_lemma(s, clause, "det", "no") || has_child_lemma(s, v, "det", "no"))
        return DYAD_NEGATED;
    if (has_child_lemma(s, clause, "aux", "would|could|might|may|should|can|must") ||
        has_child_lemma(s, clause, "mark", "if|unless"))
        return DYAD_CONDITIONAL;
    if (has_child_lemma(s, clause, "aux", "will|shall"))
        return DYAD_FUTURE;
    int h = head_of(s, clause);
    if (h >= 0 && rel_is(s, clause, "xcomp")) {
        if (word_in("fail|neglect", s->lem[h])) return DYAD_NEGATED;
        if (in_list(s->dict->future, s->lem[h])) return DYAD_FUTURE;
        if (has_child_lemma(s, h, "aux", "will|shall")) return DYAD_FUTURE;
        if (has_child_lemma(s, h, "advmod", "not|never|n't")) return DYAD_NEGATED;
    }
    /* attributed: inside what someone other than the source said */
    for (int c = clause, d = 0; c >= 0 && d < 6; d++) {
        int p = head_of(s, c);
        if (p < 0) break;
        if ((rel_is(s, c, "ccomp") || rel_is(s, c, "parataxis")) &&
            in_list(s->dict->speech, s->lem[p])) {
            int sp = subject_of(s, p, 0);
            int32_t a = actor_of(s, sp), b = src;
            if (a < 0 || b < 0 || strncmp(s->doc->actors[a].code, s->doc->actors[b].code, 3))
                return DYAD_REPORTED;
            break;
        }
        c = p;
    }
    for (uint32_t i = 0; i < s->n; i++)
        if (strcmp(s->lem[i], "accord") == 0 && has_child_lemma(s, (int)i, "obl", "*") &&
            i + 1 < s->n && strcmp(s->lem[i + 1], "to") == 0)
            return DYAD_REPORTED;
    return DYAD_ASSERTED;
}

/* Clause v is what someone said or announced: the complement of a verb of
 * speech ("said they will release"), or a clause with its speaker aside
 * ("X will give Y a grant, a statement said"). */
static int said(const sent_t *s, int v)
{
    int h = head_of(s, v);
    if (h >= 0 && (rel_is(s, v, "ccomp") || rel_is(s, v, "parataxis")) &&
        in_list(s->dict->speech, s->lem[h]))
        return 1;
    for (int c = s->first[v]; c >= 0; c = s->sib[c])
        if ((rel_is(s, c, "parataxis") || rel_is(s, c, "advcl") || rel_is(s, c, "conj")) &&
            c > v && in_list(s->dict->speech, s->lem[c]) && !has_child_lemma(s, c, "mark", "*") &&
            !has_child_lemma(s, c, "cc", "*"))
            return 1;
    /* wire copy's closing attribution, however the parse hung it: ", a
     * statement issued by the ministry said today." — a comma, then a
     * finite verb of speech with nothing but its own words after it */
    int comma = -1;
    for (int i = v + 1; i < (int)s->n; i++) {
        if (strcmp(s->w[i].form, ",") == 0) comma = i;
        const char *x = s->w[i].xpos;
        if (!x || strncmp(x, "VB", 2) || !strcmp(x, "VBN") || !strcmp(x, "VBG")) continue;
        if (comma < 0 || !in_list(s->dict->speech, s->lem[i])) { comma = -1; continue; }
        for (int j = i + 1; j < (int)s->n; j++) {
            const char *y = s->w[j].xpos;
            if (y && !strncmp(y, "VB", 2)) return 0;
            if (strcmp(s->w[j].form, "that") == 0 || strcmp(s->w[j].form, ",") == 0) return 0;
        }
        return 1;
    }
    return 0;
}

/* Future by "will"/"shall" or a timetable ("X will visit Y", "X is
 * scheduled to visit Y"), not by a verb of intent ("X plans to visit Y")
 * nor announced ("X said it will visit Y"): the first is the act with its
 * modality (as the field's gold records code it), the others a stated
 * intent (CAMEO 03). */
static int future_by_will(const sent_t *s, int v)
{
    int clause = v;
    if (s->w[v].upos == DYAD_NOUN || s->w[v].upos == DYAD_PROPN) {
        int h = head_of(s, v);
        if (h >= 0 && (rel_is(s, v, "obj") || rel_is(s, v, "nsubj"))) clause = h;
    }
    if (has_child_lemma(s, clause, "aux", "will|shall")) return !said(s, clause);
    int h = head_of(s, clause);
    if (h < 0 || !rel_is(s, clause, "xcomp")) return 0;
    /* "is scheduled / due / set / prepared / expected to attend": a
     * timetable, not a stated intention */
    if (word_in("schedule|due|set|prepare|expect|slate|poise|go", s->lem[h]) &&
        /* "is prepared to lift the ban": willing, not on a timetable */
        !(strcmp(s->lem[h], "prepare") == 0 &&
          (child(s, h, "cop") >= 0 || child(s, h, "aux:pass") >= 0)))
        return 1;
    return !in_list(s->dict->future, s->lem[h]) && has_child_lemma(s, h, "aux", "will|shall");
}

static int symmetric(const pattern_t *p)
{
    if (p->sym) return 1;
    /* meeting, negotiating, agreeing, cooperating: done together */
    return strcmp(p->code, "040") == 0 || strcmp(p->code, "043") == 0 ||
           strcmp(p->code, "046") == 0 || strncmp(p->code, "03", 2) == 0 ||
           strcmp(p->code, "057") == 0 || strncmp(p->code, "06", 2) == 0;
}

/* Where to look for a target when the pattern names none: objects, then
 * obliques with a target preposition, of the event word and the words the
 * pattern matched. */
/* A target candidate: an actor, and not the source again (a possessive
 * "their meeting" names the source, not a partner). */
static int ok_target(const sent_t *s, int c, int32_t skip)
{
    int32_t a = actor_of(s, c);
    if (a < 0) return 0;
    if (s->known_only && strncmp(s->doc->actors[a].code, "---", 3) == 0) return 0;
    if (skip < 0) return 1;
    const char *tc = s->doc->actors[a].code, *sc = s->doc->actors[skip].code;
    if (strcmp(tc, sc) == 0) return 0;
    /* "offered its troops to Lebanon", "strengthened its forces in X": the
     * source's own people are what it gives or moves, not whom it acts on */
    if (strncmp(tc, sc, 3) == 0 && strncmp(sc, "---", 3))
        for (int g = s->first[c]; g >= 0; g = s->sib[g])
            if (rel_exact(s, g, "nmod:poss") && s->w[g].upos == DYAD_PRON &&
                word_in("its|their|his|her|our|it|they|he|she|we", s->lem[g]))
                return 0;
    return 1;
}

static int default_target_any(const sent_t *s, const match_t *m, int src, int32_t skip)
{
    int e = m->words[0];
    if (is_passive(s, e)) {
        int t = is_participle_acl(s, e) ? head_of(s, e) : child(s, e, "nsubj:pass");
        if (t >= 0 && ok_target(s, t, skip)) return t;
    }
    /* "reiterated that Libya must hand over the bombers", "demanded that
     * the US match the EU's support": a matched clause's own subject is
     * who is to act, before anything in that clause */
    for (int k = 1; k < m->nwords; k++) {
        int w = m->words[k];
        /* a complement clause: "demanded that X...", "allegations that X..." */
        if (head_of(s, w) != e ||
            !(rel_is(s, w, "ccomp") || (rel_is(s, w, "acl") && has_child_lemma(s, w, "mark", "that"))))
            continue;
        for (int c = s->first[w]; c >= 0; c = s->sib[c])
            if ((rel_exact(s, c, "nsubj") || rel_exact(s, c, "nsubj:pass")) && c != src &&
                ok_target(s, c, skip))
                return c;
    }
    for (int k = 0; k < m->nwords; k++) {
        int w = m->words[k];
        for (int c = s->first[w]; c >= 0; c = s->sib[c])
            if ((rel_exact(s, c, "obj") || rel_exact(s, c, "iobj")) && c != src &&
                ok_target(s, c, skip))
                return c;
    }
    /* the matched words and the event word's object ("imposed sanctions
     * on Iran" with "on Iran" attached to the noun) */
    int look[20], nl = 0;
    for (int k = 0; k < m->nwords; k++) look[nl++] = m->words[k];
    for (int c = s->first[e]; c >= 0 && nl < 20; c = s->sib[c])
        if (rel_exact(s, c, "obj") || rel_exact(s, c, "nsubj:pass")) look[nl++] = c;
    for (int k = 0; k < nl; k++) {
        int w = look[k];
        for (int c = s->first[w]; c >= 0; c = s->sib[c])
            if ((rel_is(s, c, "obl") || rel_is(s, c, "nmod")) && c != src &&
                !rel_exact(s, c, "obl:agent") && is_target_prep(prep_of(s, c)) &&
                ok_target(s, c, skip))
                return c;
    }
    /* "said that China must drop barriers": the complement's subject */
    for (int k = 1; k < m->nwords; k++) {
        int w = m->words[k];
        for (int c = s->first[w]; c >= 0; c = s->sib[c])
            if ((rel_exact(s, c, "nsubj") || rel_exact(s, c, "nsubj:pass")) && c != src &&
                ok_target(s, c, skip))
                return c;
    }
    /* "demanded that the US cancel the sale": who is to act */
    for (int c = s->first[e]; c >= 0; c = s->sib[c]) {
        if (!rel_is(s, c, "ccomp")) continue;
        for (int g = s->first[c]; g >= 0; g = s->sib[g])
            if ((rel_exact(s, g, "nsubj") || rel_exact(s, g, "nsubj:pass")) && g != src &&
                ok_target(s, g, skip))
                return g;
    }
    /* "condemned allegations by Rwanda": who is behind the object */
    for (int c = s->first[e]; c >= 0; c = s->sib[c]) {
        if (!rel_exact(s, c, "obj")) continue;
        for (int g = s->first[c]; g >= 0; g = s->sib[g])
            if (rel_is(s, g, "nmod") && word_in("by|from", prep_of(s, g)) &&
                ok_target(s, g, skip) && g != src)
                return g;
    }
    /* "promised to continue military aid to Mozambique", "offered to hand
     * them over to Britain": the complement's object or oblique */
    for (int c = s->first[e]; c >= 0; c = s->sib[c]) {
        if (!rel_is(s, c, "xcomp") && !(rel_is(s, c, "ccomp") && is_to_infinitive(s, c)))
            continue;
        for (int g = s->first[c]; g >= 0; g = s->sib[g]) {
            if ((rel_exact(s, g, "obj") || rel_exact(s, g, "iobj")) && g != src &&
                ok_target(s, g, skip))
                return g;
            if ((rel_is(s, g, "obl") || rel_is(s, g, "nmod")) && g != src &&
                is_target_prep(prep_of(s, g)) && ok_target(s, g, skip))
                return g;
            if (rel_exact(s, g, "obj"))
                for (int h = s->first[g]; h >= 0; h = s->sib[h])
                    if (rel_is(s, h, "nmod") && is_target_prep(prep_of(s, h)) && h != src &&
                        ok_target(s, h, skip))
                        return h;
        }
    }
    /* "condemned Iran's programme", "the Chinese attack" */
    for (int k = 1; k < m->nwords; k++) {
        int w = m->words[k];
        for (int c = s->first[w]; c >= 0; c = s->sib[c])
            if ((rel_exact(s, c, "nmod:poss") || rel_exact(s, c, "amod") ||
                 rel_exact(s, c, "compound")) && dyad_actor_at(s->doc, s->base + (uint32_t)c) >= 0 && ok_target(s, c, skip))
                return c;
    }
    /* one step further down a target phrase that names no actor itself:
     * "rejected calls for talks with the US", "food aid to refugees in
     * Liberia" */
    int look2[20], nl2 = 0;
    for (int k = 0; k < m->nwords && nl2 < 20; k++) look2[nl2++] = m->words[k];
    for (int c = s->first[e]; c >= 0 && nl2 < 20; c = s->sib[c])
        if (rel_exact(s, c, "obj")) look2[nl2++] = c;
    for (int k = 0; k < nl2; k++)
        for (int c = s->first[look2[k]]; c >= 0; c = s->sib[c]) {
            if (!(rel_is(s, c, "obl") || rel_is(s, c, "nmod")) || rel_exact(s, c, "obl:agent") ||
                c == src || actor_of(s, c) >= 0)
                continue;
            for (int g = s->first[c]; g >= 0; g = s->sib[g])
                if (rel_is(s, g, "nmod") && g != src && ok_target(s, g, skip) &&
                    (is_target_prep(prep_of(s, g)) ||
                     (word_in("in", prep_of(s, g)) && is_target_prep(prep_of(s, c)))))
                    return g;
        }
    /* a domestic event's place stands for its target ("clashes in Kiev",
     * "staged a protest in Beijing"); not where two sides met */
    if (symmetric(m->p)) return -1;
    for (int k = 0; k < m->nwords; k++)
        for (int c = s->first[m->words[k]]; c >= 0; c = s->sib[c])
            if ((rel_is(s, c, "obl") || rel_exact(s, c, "nmod")) &&
                word_in("in|inside|across|throughout", prep_of(s, c)) &&
                ok_target(s, c, skip) && c != src)
                return c;
    return -1;
}

static int default_target(sent_t *s, const match_t *m, int src)
{
    /* a side of known country first: "offered its troops to Lebanon" is
     * done to Lebanon, the troops are what is given */
    int e = m->words[0], t;
    /* whom a passive befell, whatever their side */
    if (is_passive(s, e)) {
        t = is_participle_acl(s, e) ? head_of(s, e) : child(s, e, "nsubj:pass");
        if (t >= 0 && ok_target(s, t, actor_of(s, src))) return t;
    }
    s->known_only = 1;
    t = default_target_any(s, m, src, actor_of(s, src));
    s->known_only = 0;
    if (t < 0) t = default_target_any(s, m, src, actor_of(s, src));
    return t;
}

/* Source and target of a noun event: from the noun's own modifiers
 * ("Chinese attack on", "talks between X and Y"), or the subject of the
 * light verb it is the object of ("X held talks with Y"). */
static int noun_source(const sent_t *s, int n, int *light_verb)
{
    *light_verb = -1;
    int h = head_of(s, n);
    if (h >= 0 && (rel_exact(s, n, "obj") || rel_exact(s, n, "nsubj:pass")) &&
        in_list(s->dict->light, s->lem[h])) {
        *light_verb = h;
        return subject_of(s, h, 0);
    }
    for (int c = s->first[n]; c >= 0; c = s->sib[c]) {
        if ((rel_exact(s, c, "nmod:poss") || rel_exact(s, c, "amod") ||
             rel_exact(s, c, "compound")) && actor_of(s, c) >= 0)
            return c;
        if (rel_is(s, c, "nmod") && word_in("by|from", prep_of(s, c)) && actor_of(s, c) >= 0)
            return c;
    }
    /* "the Israeli bombardment": the actors stage may head the mention
     * on the event noun itself; the noun then names its own doer */
    if (dyad_actor_at(s->doc, s->base + (uint32_t)n) >= 0) return n;
    /* "X launched an attack", any verb whose object the event noun is */
    if (h >= 0 && rel_exact(s, n, "obj") && s->w[h].upos == DYAD_VERB)
        return subject_of(s, h, 0);
    return -1;
}

typedef struct {
    dyad_event *ev;
    size_t n, cap;
} evlist_t;

static const char *words_text(dyad_arena *a, const sent_t *s, const match_t *m, int src, int tgt)
{
    dyad_buf b = {0};
    const pattern_t *p = m->p;
    dyad_buf_printf(&b, "%s \"%s\"",
                    p->pos == 'n' ? "noun" : p->pos == 'a' ? "adj" : "verb", p->head);
    const char *t = p->text ? p->text : "";
    /* the requirements as written, after code and head */
    const char *sp = strchr(t, ' ');
    if (sp) sp = strpbrk(sp + strspn(sp, " \t"), " \t");
    if (sp) {
        while (*sp == ' ' || *sp == '\t') sp++;
        if (*sp) dyad_buf_printf(&b, " %s", sp);
    }
    dyad_buf_printf(&b, " → %s |", p->code);
    int shown[24], ns = 0;
    for (int k = 0; k < m->nwords; k++) shown[ns++] = m->words[k];
    if (src >= 0) shown[ns++] = src;
    if (tgt >= 0) shown[ns++] = tgt;
    for (int i = 0; i < ns; i++) {
        int dup = 0;
        for (int j = 0; j < i; j++) dup |= shown[j] == shown[i];
        if (!dup) dyad_buf_printf(&b, " %s(%d)", s->w[shown[i]].form, shown[i] + 1);
    }
    const char *r = dyad_strdup(a, b.s ? b.s : "");
    dyad_buf_free(&b);
    return r;
}

/* The actor code has one of the roles ("MED|HLH") after its country. */
static int has_role(const char *code, const char *roles)
{
    char r[4];
    for (size_t i = 3; i + 3 <= strlen(code); i += 3) {
        memcpy(r, code + i, 3);
        r[3] = 0;
        if (word_in(roles, r)) return 1;
    }
    return 0;
}

static void emit(dyad_doc *doc, evlist_t *L, uint32_t sent, const sent_t *s,
                 const match_t *m, const char *code, const char *why, int src,
                 int32_t sa, int tgt, int32_t ta, dyad_modality mod)
{
    if (sa < 0 && ta < 0) return;
    if (sa >= 0 && ta >= 0 && sa == ta) ta = -1;
    const char *sc = sa >= 0 ? doc->actors[sa].code : "";
    const char *tc = ta >= 0 ? doc->actors[ta].code : "";
    /* X against X says nothing, but a domestic event may be coded against
     * the country it happened in ("Iraqi Kurds demonstrated in Kirkuk") */
    if (sa >= 0 && ta >= 0 && strcmp(sc, tc) == 0 &&
        !(tgt >= 0 && word_in("in|at|throughout|across|inside|within", prep_of(s, tgt)) &&
          doc->actors[sa].kind != DYAD_ACTOR_COUNTRY && doc->actors[sa].kind != DYAD_ACTOR_CAPITAL))
        return;
    /* "people were killed", "troops clashed with gunmen": with no side of
     * known country or organisation there is no dyad to record */
    if ((!*sc || !strncmp(sc, "---", 3)) && (!*tc || !strncmp(tc, "---", 3))) return;
    for (size_t i = 0; i < L->n; i++) {
        dyad_event *o = &L->ev[i];
        if (o->sent == sent && strcmp(o->code, code) == 0 &&
            strcmp(o->source_code, sc) == 0 && strcmp(o->target_code, tc) == 0)
            return;
    }
    if (L->n == L->cap) {
        size_t cap = L->cap ? L->cap * 2 : 16;
        L->ev = dyad_grow(doc->arena, L->ev, L->n, cap, sizeof *L->ev);
        L->cap = cap;
    }
    dyad_event *e = &L->ev[L->n++];
    memset(e, 0, sizeof *e);
    e->sent = sent;
    e->source = sa;
    e->target = ta;
    e->source_code = sc;
    e->source_text = sa >= 0 ? doc->actors[sa].text : "";
    e->target_code = tc;
    e->target_text = ta >= 0 ? doc->actors[ta].text : "";
    snprintf(e->code, sizeof e->code, "%s", code);
    e->root[0] = e->code[0];
    e->root[1] = e->code[1];
    const dyad_cameo *c = dyad_cameo_lookup(e->code);
    if (c) {
        e->quad_class = c->quad_class;
        e->goldstein = c->goldstein;
        e->plover = c->plover;
    } else {
        e->plover = "";
    }
    e->modality = (uint8_t)mod;
    e->verb = s->base + (uint32_t)m->words[0];
    e->explain = words_text(doc->arena, s, m, src, tgt);
    if (why) e->explain = dyad_sprintf(doc->arena, "%s; %s → %s", e->explain, why, code);
    if (!e->source_text) e->source_text = "";
    if (!e->target_text) e->target_text = "";
}


/* A boundary the linear fallbacks do not cross: a verb of saying (what
 * lies beyond it is the speaker or another's words), a semicolon. */
static int linear_stop(const sent_t *s, int i)
{
    if (s->w[i].upos == DYAD_VERB && in_list(s->dict->speech, s->lem[i])) return 1;
    return strcmp(s->lem[i], ";") == 0;
}

/* TABARI's fallback when the parse links no actor to the event word: the
 * nearest actor before it in the sentence. A conjunct stands for its
 * whole coordination ("Israeli helicopters and tanks shelled"). */
static int actor_before(const sent_t *s, int e, int skip)
{
    for (int j = e - 1; j >= 0; j--) {
        if (linear_stop(s, j)) return -1;
        if (j == skip || dyad_actor_at(s->doc, s->base + (uint32_t)j) < 0) continue;
        int h = head_of(s, j);
        if (rel_is(s, j, "conj") && h >= 0 && h < j && actor_of(s, h) >= 0) return h;
        return j;
    }
    return -1;
}

/* Word j is introduced by "by", or coordinated with or in apposition to
 * such a word ("by Saudi Arabia, the Emirates and ..."). */
static int agent_phrase(const sent_t *s, int j)
{
    for (int d = 0; j >= 0 && d < 4; d++) {
        if (strcmp(prep_of(s, j), "by") == 0) return 1;
        if (!rel_is(s, j, "conj") && !rel_is(s, j, "appos")) return 0;
        j = head_of(s, j);
    }
    return 0;
}

/* The agent of a passive the parse attached elsewhere ("an accord forced
 * on the state by X"): the nearest "by" actor after the verb. */
static int agent_after(const sent_t *s, int e)
{
    for (int j = e + 1; j < (int)s->n; j++) {
        if (linear_stop(s, j)) return -1;
        if (s->w[j].upos == DYAD_VERB) return -1;
        if (dyad_actor_at(s->doc, s->base + (uint32_t)j) >= 0 &&
            strcmp(prep_of(s, j), "by") == 0)
            return j;
    }
    return -1;
}

/* The nearest actor after the event word, up to the next verb (another
 * event's words: "met to discuss efforts to counter X") or the next
 * clause's subject; not the source again, not an agent ("by X"). */
static int actor_after(const sent_t *s, const match_t *m, int32_t skip)
{
    int e = m->words[0];
    for (int j = e + 1; j < (int)s->n; j++) {
        if (linear_stop(s, j)) return -1;
        if (s->w[j].upos == DYAD_VERB &&
            (child(s, j, "mark") >= 0 || rel_is(s, j, "xcomp") || rel_is(s, j, "conj"))) {
            int mine = 0;
            for (int k = 0; k < m->nwords; k++) mine |= m->words[k] == j;
            if (!mine) return -1;
        }
        int32_t a = dyad_actor_at(s->doc, s->base + (uint32_t)j);
        if (a < 0) continue;
        if (rel_is(s, j, "nsubj") && head_of(s, j) != e) return -1;
        if (agent_phrase(s, j)) continue;
        /* where two sides met is not a side */
        if (symmetric(m->p) && word_in("in|at|inside|near", prep_of(s, j))) continue;
        if (skip >= 0 && strcmp(s->doc->actors[a].code, s->doc->actors[skip].code) == 0)
            continue;
        return j;
    }
    return -1;
}

/* Whom a protest is aimed at, when it names no one itself: the side its
 * purpose names ("blocked roads to press demands on the government",
 * "began a hunger strike to protest the President's decree", "in defiance
 * of the authorities"). Searched two levels below the purpose clause or
 * phrase; the first actor that is a target (ok_target; of known country,
 * the caller sets known_only) other than the source itself (a people's
 * protest may be aimed at its own government). */
static int protest_aim(const sent_t *s, int e, int32_t skip)
{
    /* the purpose clauses and phrases: anywhere in the event's own phrase
     * (the parse may hang them on the object or a participle) */
    int todo[48], n = 0, near[48], nn = 0;
    near[nn++] = e;
    for (int i = 0; i < nn && nn < 48; i++)
        for (int c = s->first[near[i]]; c >= 0 && nn < 48 && n < 48; c = s->sib[c]) {
            if (rel_is(s, c, "nsubj") || rel_is(s, c, "punct") || rel_is(s, c, "parataxis") ||
                rel_is(s, c, "conj") || rel_is(s, c, "ccomp"))
                continue;
            if (((rel_is(s, c, "advcl") || rel_is(s, c, "xcomp") || rel_is(s, c, "acl")) &&
                 is_to_infinitive(s, c)) ||
                ((rel_is(s, c, "obl") || rel_is(s, c, "nmod")) &&
                 word_in("in|against", prep_of(s, c)) &&
                 word_in("defiance|protest|opposition|solidarity", s->lem[c])))
                todo[n++] = c;
            else if (nn < 48 && !rel_is(s, c, "advcl"))
                near[nn++] = c;
        }
    for (int i = 0; i < n; i++) {
        int c = todo[i];
        for (int g = s->first[c]; g >= 0; g = s->sib[g]) {
            if (rel_is(s, g, "punct") || rel_is(s, g, "nsubj") || rel_is(s, g, "advcl")) continue;
            if (ok_target(s, g, skip) && !word_in("in|at|near|throughout|across", prep_of(s, g)))
                return g;
            if (n < 48 && i < 12) todo[n++] = g;
        }
    }
    return -1;
}

/* Whom a threat is aimed at, when it names no one: the doer of its
 * condition ("threatened to halt the talks if the United States deploys
 * missiles", "... unless Israel rescinds the law"). */
static int threat_aim(const sent_t *s, const match_t *m, int32_t skip)
{
    /* the condition may hang on the threat or on any verb of what is
     * threatened ("threatened to stop talks on cutting arms if ...") */
    int q[24], n = 0;
    q[n++] = m->words[0];
    for (int i = 0; i < n; i++)
        for (int c = s->first[q[i]]; c >= 0; c = s->sib[c]) {
            if (rel_is(s, c, "advcl") && has_child_lemma(s, c, "mark", "if|unless")) {
                for (int g = s->first[c]; g >= 0; g = s->sib[g])
                    if (rel_is(s, g, "nsubj") && ok_target(s, g, skip)) return g;
            } else if (n < 24 && !rel_is(s, c, "nsubj") && !rel_is(s, c, "punct") &&
                       !rel_is(s, c, "parataxis") && !rel_is(s, c, "conj")) {
                q[n++] = c;
            }
        }
    return -1;
}

/* The subject of the verb of saying whose complement holds word v
 * ("Obama said he would ..."), or -1. */
static int speaker_of(const sent_t *s, int v)
{
    for (int c = v, d = 0; c >= 0 && d < 6; d++) {
        int p = head_of(s, c);
        if (p < 0) return -1;
        if ((rel_is(s, c, "ccomp") || rel_is(s, c, "parataxis")) &&
            in_list(s->dict->speech, s->lem[p]))
            return subject_of(s, p, 0);
        c = p;
    }
    return -1;
}

/* What not doing a cooperative act amounts to (CAMEO codes a refusal). */
static const char *refusal_of(const char *code)
{
    switch ((code[0] - '0') * 10 + (code[1] - '0')) {
    case 3: case 5: return "120";
    case 4: return "125";
    case 6: case 7: return "121";
    case 8: return "124";
    default: return NULL;
    }
}

/* What wanting, planning or promising a cooperative act amounts to: an
 * expressed intent (CAMEO 03). */
static const char *intent_of(const char *code)
{
    switch ((code[0] - '0') * 10 + (code[1] - '0')) {
    case 4: return "036";
    case 5: return "032";
    case 6: return "031";
    case 7: return "033";
    case 8: return "035";
    default: return NULL;
    }
}

/* An armed group that is not a state's: rebels, insurgents, militants,
 * international militant groups. */
static int non_state(const char *code)
{
    if (strncmp(code, "IMG", 3) == 0) return 1;
    for (size_t i = 3; i + 3 <= strlen(code); i += 3)
        if (!strncmp(code + i, "REB", 3) || !strncmp(code + i, "UAF", 3) ||
            !strncmp(code + i, "INS", 3) || !strncmp(code + i, "SEP", 3))
            return 1;
    return 0;
}

/* What announcing a conflictual act amounts to: a threat (CAMEO 13). */
static const char *threat_of(const char *code)
{
    static const char *const specific[][2] = {
        {"163", "1312"}, {"164", "134"}, {"165", "135"}, {"166", "136"}, {"161", "1313"},
        {"162", "1311"}, {"172", "132"}, {"1723", "1323"}, {"1724", "1324"},
        {"191", "1381"}, {"192", "1382"}, {"204", "1385"}};
    for (size_t i = 0; i < sizeof specific / sizeof specific[0]; i++)
        if (strncmp(code, specific[i][0], strlen(specific[i][0])) == 0) return specific[i][1];
    switch ((code[0] - '0') * 10 + (code[1] - '0')) {
    case 14: return "133";
    case 16: return "131";
    case 17: return "137";
    case 18: case 19: case 20: return "138";
    default: return NULL;
    }
}

/* The party an actor code stands for: its country, or the organisation
 * itself for codes that name no country ("IGOUNO", "IMGMUSISI"). */
static void party_of(const char *code, char out[8])
{
    int org = !strncmp(code, "IGO", 3) || !strncmp(code, "NGO", 3) || !strncmp(code, "IMG", 3) ||
              !strncmp(code, "MNC", 3);
    snprintf(out, 8, "%.*s", org ? 6 : 3, code);
}

/* The other party of a story. News leaves the target of many events to the
 * context: "China agreed to negotiate a treaty", "It has rejected the
 * charges" after sentences about the US and China. When an event names no
 * target, the parties the three sentences before it name (other than the
 * source's own, actors with no country and places) are counted; one
 * that is named at least twice as often as any other is the target, at its
 * last mention as a state (else its last mention). -1 when the context is
 * not that clear. */
static int32_t context_target(const dyad_doc *doc, uint32_t si, int32_t sa)
{
    if (sa < 0 || si == 0) return -1;
    char own[8], party[8], cand[4][8];
    party_of(doc->actors[sa].code, own);
    if (!strncmp(own, "---", 3)) return -1;
    int count[4] = {0}, nc = 0, state_mention[4] = {0};
    int32_t last[4] = {-1, -1, -1, -1};
    uint32_t from = si > 3 ? si - 3 : 0;
    for (size_t a = 0; a < doc->nactors; a++) {
        const dyad_actor *A = &doc->actors[a];
        if (A->sent >= si) break; /* mentions come in sentence order */
        if (A->sent < from || strlen(A->code) < 3) continue;
        /* "met in Rome", "fighting in Iraq": a place, not a party */
        if (A->tok > 0 && A->tok < doc->ntokens &&
            word_in("in|at|to|from|near|outside|inside|across|into", doc->tokens[A->tok - 1].form))
            continue;
        party_of(A->code, party);
        /* the parties of a story are states and their organisations; an
         * NGO or a company named near by is a commentator, not a side */
        if (!strncmp(party, "---", 3) || !strcmp(party, own) || !strncmp(party, "NGO", 3) ||
            !strncmp(party, "MNC", 3))
            continue;
        int k = 0;
        while (k < nc && strcmp(cand[k], party)) k++;
        if (k == nc) {
            if (nc == 4) return -1;
            snprintf(cand[nc++], 8, "%s", party);
        }
        count[k]++;
        /* the party itself ("the US", "Beijing", "the government") rather
         * than some of its people ("five officers") */
        const char *role = A->code + strlen(party);
        int state = !*role || !strcmp(role, "GOV");
        if (state || last[k] < 0 || !state_mention[k]) {
            last[k] = (int32_t)a;
            state_mention[k] = state;
        }
    }
    int best = -1, second = 0;
    for (int k = 0; k < nc; k++)
        if (best < 0 || count[k] > count[best]) best = k;
    for (int k = 0; k < nc; k++)
        if (k != best && count[k] > second) second = count[k];
    return best >= 0 && count[best] >= 2 * second ? last[best] : -1;
}

/* The act is announced: future, "would" (what someone said they would
 * do), "may" ("may halt its aid if ..."). "Must", "should", "can" say
 * what is needed or able, not what the doer means to do. */
static int announced(const sent_t *s, int v, dyad_modality mod)
{
    if (mod == DYAD_FUTURE) return 1;
    if (mod != DYAD_CONDITIONAL) return 0;
    int clause = v, h = head_of(s, v);
    if ((s->w[v].upos == DYAD_NOUN || s->w[v].upos == DYAD_PROPN) && h >= 0 &&
        (rel_is(s, v, "obj") || rel_is(s, v, "nsubj")))
        clause = h;
    return has_child_lemma(s, clause, "aux", "would|'d|may|might|could");
}

/* "Qatar pledged to expel the leaders", "agreed to close the border": a
 * commitment (usually made to a third party) to a conflictual act is not
 * a threat against its target; the act is coded, with its modality. */
static int committed(const sent_t *s, int v)
{
    int h = head_of(s, v);
    return h >= 0 && rel_is(s, v, "xcomp") &&
           word_in("pledge|promise|agree|decide|commit|undertake", s->lem[h]);
}

static void code_match(dyad_doc *doc, evlist_t *L, uint32_t si, sent_t *s,
                       match_t *m, int src)
{
    int e = m->words[0];
    int tgt = m->target;
    int passive = is_passive(s, e);
    /* "he", "they" in what someone said: the speaker */
    if (src >= 0 && actor_of(s, src) < 0 && s->w[src].upos == DYAD_PRON) {
        int sp = speaker_of(s, e);
        if (sp >= 0 && actor_of(s, sp) >= 0) src = sp;
    }
    if (tgt >= 0 && actor_of(s, tgt) < 0) tgt = -1;
    if (tgt < 0) tgt = default_target(s, m, src);
    /* an agentless passive: "killed in Israeli shelling", "fired from Gaza" */
    if (passive && src < 0)
        for (int c = s->first[e]; c >= 0; c = s->sib[c])
            if (rel_is(s, c, "obl") && c != tgt &&
                word_in("from|in|during|at|by", prep_of(s, c)) && actor_of(s, c) >= 0) {
                src = c;
                break;
            }
    if (passive && src < 0) src = agent_after(s, e);
    /* the parse left the doer unattached: the nearest actor before (a
     * verb's only: a noun's doer is in its own phrase; "government-held"
     * never gets here, see in_hyphen_compound) */
    if (m->p->pos != 'n' && !rel_is(s, e, "acl") &&
        (src >= 0 ? actor_of(s, src) < 0 : !passive)) {
        int f = actor_before(s, e, tgt);
        if (f >= 0) src = f;
    }
    /* a protest's declared aim over the place it was held */
    if (m->p->code[0] == '1' && m->p->code[1] == '4' &&
        (tgt < 0 || word_in("in|at|throughout|across|inside", prep_of(s, tgt)))) {
        s->known_only = 1; /* an aim of known country */
        int aim = protest_aim(s, e, actor_of(s, src));
        s->known_only = 0;
        if (aim >= 0) tgt = aim;
    }
    if (tgt < 0 && m->p->code[0] == '1' && m->p->code[1] == '3')
        tgt = threat_aim(s, m, actor_of(s, src));
    if (tgt < 0) tgt = actor_after(s, m, actor_of(s, src));
    if (m->p->rev && tgt >= 0) {
        int t = src;
        src = tgt;
        tgt = t;
    }
    int32_t sa0 = actor_of(s, src);
    /* an event needs a doer, except a passive that names who it befell */
    if (sa0 < 0 && !(passive && tgt >= 0) &&
        !(tgt >= 0 && word_in("between|among", prep_of(s, tgt))))
        return;
    /* Most events are done to someone: without a target ("X discussed
     * security", "X condemned the decision") they say nothing dyadic.
     * Statements, intents, yielding, protest and force posture stand
     * alone. */
    const char *code = m->p->code, *why = NULL;
    int alone_ok = code[0] == '0' && (code[1] == '1' || code[1] == '3' || code[1] == '8');
    alone_ok |= code[0] == '1' && (code[1] == '4' || code[1] == '5');
    int several = src >= 0 && coordinated(s, src, (int[2]){0, 0}, 2) > 1;
    int untargeted = tgt < 0 && !alone_ok && !several;
    /* no target in the sentence: the other party of the story, if clear
     * (not for protest and force posture, which are mostly at home) */
    int32_t ctx = -1;
    if (tgt < 0 && !several && !(code[0] == '1' && (code[1] == '4' || code[1] == '5')))
        ctx = context_target(doc, si, sa0);
    if (ctx >= 0) untargeted = 0;
    dyad_modality mod = modality_of(s, e, sa0);
    if (mod == DYAD_NEGATED && refusal_of(code)) {
        code = refusal_of(code);
        why = "negated";
        mod = DYAD_ASSERTED;
    } else if (announced(s, e, mod) && !(mod == DYAD_FUTURE && future_by_will(s, e)) &&
               sa0 >= 0 && intent_of(code)) {
        /* "plans to give a grant", "said it would allow inspectors"; "will
         * visit" stays the visit, with its modality */
        code = intent_of(code);
        why = "intent";
        mod = DYAD_ASSERTED;
    } else if (announced(s, e, mod) && sa0 >= 0 && threat_of(code) &&
               !has_child_lemma(s, e, "mark", "if|unless|whether") && !committed(s, e)) {
        /* "will withdraw its peacekeepers", "would blockade Paris" */
        code = threat_of(code);
        why = "announced";
        mod = DYAD_ASSERTED;
    }
    /* conventional force is a state's; rebels, insurgents and militants
     * attacking or killing use unconventional violence (CAMEO 18) */
    if (strcmp(code, "190") == 0 && sa0 >= 0 && non_state(doc->actors[sa0].code)) {
        code = "180";
        why = "non-state";
    }
    /* they have no air force: a bombing by them is CAMEO's non-military
     * bombing (183), not aerial weapons (195) */
    if (strcmp(code, "195") == 0 && sa0 >= 0 && non_state(doc->actors[sa0].code)) {
        code = "183";
        why = "non-state";
    }
    int srcs[8], tgts[8];
    int ns = only_actors(s, srcs, coordinated(s, src, srcs, 8));
    int nt = only_actors(s, tgts, coordinated(s, tgt, tgts, 8));
    if (ns == 0) srcs[ns++] = -1;
    if (nt == 0) tgts[nt++] = -1;
    /* "talks between X and Y": the pair is both source and target */
    if (src < 0 && nt > 1 && word_in("between|among", prep_of(s, tgt))) {
        memcpy(srcs, tgts, sizeof tgts);
        ns = nt;
        src = tgt;
        tgt = -1;
    }
    /* "the two sides will discuss", "officials of both sides met": the
     * story's two countries, each with the other */
    int32_t sides[2];
    if (sa0 >= 0 && (symmetric(m->p) || tgt < 0) && dyad_actor_sides(doc, sa0, sides)) {
        emit(doc, L, si, s, m, code, "the two sides", src, sides[0], -1, sides[1], mod);
        emit(doc, L, si, s, m, code, "the two sides", src, sides[1], -1, sides[0], mod);
        return;
    }
    /* "X and Y met": each met the other */
    if (untargeted) {
        /* nothing to code but what a speaker says about it (below) */
    } else if (tgt < 0 && ns > 1 && (symmetric(m->p) || nt > 1)) {
        for (int i = 0; i < ns; i++)
            for (int j = 0; j < ns; j++)
                if (i != j)
                    emit(doc, L, si, s, m, code, why, srcs[i], actor_of(s, srcs[i]),
                         srcs[j], actor_of(s, srcs[j]), mod);
    } else {
        for (int i = 0; i < ns; i++)
            for (int j = 0; j < nt; j++) {
                int32_t sa = srcs[i] >= 0 ? actor_of(s, srcs[i]) : -1;
                int32_t ta = tgts[j] >= 0 ? actor_of(s, tgts[j]) : ctx;
                emit(doc, L, si, s, m, code, ta == ctx && ctx >= 0 ? "target from context" : why,
                     srcs[i], sa, tgts[j], ta, mod);
            }
    }
    /* a speaker who reports another's violence accuses them of it */
    if (mod == DYAD_REPORTED && code[0] >= '1' && code[0] <= '2' &&
        (code[0] == '2' || code[1] >= '8')) {
        int sp = speaker_of(s, e);
        int32_t spa = actor_of(s, sp);
        /* "officials said": an accusation needs an accuser of known side;
         * the press, medics and witnesses report, they do not accuse */
        if (spa >= 0 && (strncmp(doc->actors[spa].code, "---", 3) == 0 ||
                         has_role(doc->actors[spa].code, "MED|HLH|CVL")))
            spa = -1;
        for (int i = 0; i < ns && spa >= 0; i++) {
            int32_t sa = srcs[i] >= 0 ? actor_of(s, srcs[i]) : -1;
            if (sa >= 0 && strncmp(doc->actors[sa].code, doc->actors[spa].code, 3))
                emit(doc, L, si, s, m, "112", "reported violence", sp, spa, srcs[i], sa,
                     DYAD_ASSERTED);
        }
    }
}

/* The word's patterns by its lemma; when the lemmatiser gave a lemma no
 * pattern knows ("extradit"), by the form with a regular English ending
 * undone ("extradited" → "extradite"). */
static const pattern_t *first_pattern(const sent_t *s, int i, char pos)
{
    const dyad_event_dict *d = s->dict;
    slot_t *sl = find_slot(d, s->lem[i], pos);
    if (sl->key) return &d->pat[sl->first];
    static const char *const ends[][2] = {
        {"ied", "y"}, {"ies", "y"}, {"ing", "e"}, {"ing", ""}, {"ed", "e"}, {"ed", ""},
        {"es", ""}, {"s", ""}, {"d", ""}};
    char form[64], cand[72];
    lower_tmp(form, sizeof form, s->w[i].form);
    size_t n = strlen(form);
    for (size_t k = 0; k < sizeof ends / sizeof ends[0]; k++) {
        size_t e = strlen(ends[k][0]);
        if (n <= e + 2 || strcmp(form + n - e, ends[k][0])) continue;
        snprintf(cand, sizeof cand, "%.*s%s", (int)(n - e), form, ends[k][1]);
        sl = find_slot(d, cand, pos);
        if (sl->key) return &d->pat[sl->first];
        /* doubled consonant: "shelled" → "shell" tried above, "stopped" → "stop" */
        size_t c = strlen(cand);
        if (!*ends[k][1] && c > 3 && cand[c - 1] == cand[c - 2]) {
            cand[c - 1] = 0;
            sl = find_slot(d, cand, pos);
            if (sl->key) return &d->pat[sl->first];
        }
    }
    return NULL;
}

static char pos_class(const dyad_token *t)
{
    switch (t->upos) {
    case DYAD_VERB: return 'v';
    case DYAD_NOUN: case DYAD_PROPN: return 'n';
    case DYAD_ADJ: return 'a';
    default: return 0;
    }
}

/* The second half of a hyphenated modifier ("returned empty-handed",
 * "US-led forces", "government-held areas") describes; it reports no
 * event of its own. */
static int in_hyphen_compound(const dyad_token *w, int i)
{
    return i >= 2 && strcmp(w[i - 1].form, "-") == 0 && !w[i - 1].space_after &&
           !w[i - 2].space_after;
}

static void code_sentence(dyad_doc *doc, evlist_t *L, uint32_t si, sent_t *s)
{
    /* Verbs (and predicate adjectives) first, outermost first, so that a
     * pattern that consumes a complement ("urged X to resume talks")
     * codes before the complement could code alone. */
    int order[512];
    int n = (int)(s->n < 512 ? s->n : 512), k = 0;
    int depth[512];
    for (int i = 0; i < n; i++) {
        int d = 0;
        for (int h = head_of(s, i); h >= 0 && d < 64; h = head_of(s, h)) d++;
        depth[i] = d;
    }
    for (int d = 0; d < 64 && k < n; d++)
        for (int i = 0; i < n; i++) if (depth[i] == d) order[k++] = i;
    /* (unless the parse found no verb to hang the sentence on: then an
     * "amod" participle may be the misread predicate, "tanks shelled
     * positions") */
    int verb_root = 0;
    for (int i = 0; i < n; i++)
        if (head_of(s, i) < 0 && s->w[i].upos == DYAD_VERB) verb_root = 1;
    for (int pass = 0; pass < 2; pass++)
        for (int oi = 0; oi < k; oi++) {
            int i = order[oi];
            char pc = pos_class(&s->w[i]);
            if (!pc || s->used[i] || in_hyphen_compound(s->w, i)) continue;
            if ((pass == 0) != (pc != 'n')) continue;
            /* a participle used as an adjective names a state, not an
             * event of this sentence: "exiled leaders", "armed men",
             * "the occupied West Bank", "damaged ties" */
            if (pc == 'v' && rel_exact(s, i, "amod") && verb_root) continue;
            const pattern_t *p = first_pattern(s, i, pc);
            /* auxiliaries tagged VERB, a parser's "have" */
            if (!p && pc == 'n' && s->w[i].upos == DYAD_PROPN) continue;
            if (!p) continue;
            match_t m;
            for (; p; p = p->next >= 0 ? &s->dict->pat[p->next] : NULL)
                if (try_pattern(s, p, i, &m)) break;
            if (!p) continue;
            for (int w = 0; w < m.nwords; w++) s->used[m.words[w]] = 1;
            uint16_t root = (uint16_t)((p->code[0] - '0') * 10 + (p->code[1] - '0') + 1);
            s->root[i] = root;
            /* "met in Zurich to discuss": the purpose repeats the event */
            int h = head_of(s, i);
            if (h >= 0 && s->root[h] == root &&
                (rel_is(s, i, "advcl") || rel_is(s, i, "xcomp") || rel_is(s, i, "conj")))
                continue;
            int src;
            if (pc == 'n') {
                int lv;
                src = noun_source(s, i, &lv);
                int h = head_of(s, i);
                /* the verb already coded this noun's event */
                if (h >= 0 && s->used[h] &&
                    (rel_exact(s, i, "obj") || rel_exact(s, i, "nsubj:pass")))
                    continue;
                if (lv >= 0 && m.nwords < 15) {
                    /* the light verb's obliques can name the target */
                    m.words[m.nwords++] = lv;
                    s->used[lv] = 1;
                }
            } else {
                src = subject_of(s, i, 0);
                /* predicate adjective: "X was critical of Y" */
            }
            code_match(doc, L, si, s, &m, src);
        }
}

dyad_status dyad_events_find(const dyad_event_dict *d, dyad_doc *doc, dyad_error *err)
{
    (void)err;
    evlist_t L = {0};
    size_t maxn = 0;
    for (size_t i = 0; i < doc->nsentences; i++)
        if (doc->sentences[i].ntok > maxn) maxn = doc->sentences[i].ntok;
    int *first = malloc((maxn + 1) * 2 * sizeof(int));
    char **lem = malloc((maxn + 1) * sizeof(char *));
    uint8_t *used = malloc(maxn + 1);
    uint16_t *root = malloc((maxn + 1) * sizeof *root);
    char *lembuf = malloc((maxn + 1) * 64);
    if (!first || !lem || !used || !lembuf || !root) {
        free(first); free(lem); free(used); free(lembuf); free(root);
        return dyad_fail(err, DYAD_ERR_NOMEM, doc->id ? doc->id : "-", 0, "out of memory");
    }
    for (size_t si = 0; si < doc->nsentences; si++) {
        const dyad_sentence *S = &doc->sentences[si];
        if (S->ntok == 0 || S->tok + S->ntok > doc->ntokens) continue;
        sent_t s = {.doc = doc, .dict = d, .w = doc->tokens + S->tok, .base = S->tok,
                    .n = S->ntok, .first = first, .sib = first + maxn + 1, .lem = lem,
                    .used = used, .root = root};
        if (s.w[0].head < 0) continue;     /* not parsed */
        for (uint32_t i = 0; i < s.n; i++) {
            first[i] = -1;
            s.sib[i] = -1;
            used[i] = 0;
            root[i] = 0;
            lem[i] = (char *)lower_tmp(lembuf + i * 64, 64,
                                      s.w[i].lemma ? s.w[i].lemma : s.w[i].form);
        }
        /* children in sentence order: link from the back */
        for (int i = (int)s.n - 1; i >= 0; i--) {
            int h = head_of(&s, i);
            if (h >= 0 && h != i) { s.sib[i] = first[h]; first[h] = i; }
        }
        code_sentence(doc, &L, (uint32_t)si, &s);
    }
    free(first); free(lem); free(used); free(lembuf); free(root);
    doc->events = L.ev;
    doc->nevents = L.n;
    return DYAD_OK;
}

/* Whether dyad_events_find could code anything in doc once it is parsed:
 * some word that code_sentence looks at has patterns. It needs only tags
 * and lemmas, so a caller that wants nothing but the events can leave a
 * document without such a word unparsed (dyad_pipeline.events_only). Keep
 * it in step with code_sentence's choice of words. */
int dyad_events_possible(const dyad_event_dict *d, const dyad_doc *doc)
{
    if (!d) return 1;
    char buf[64], *lem[512];
    for (size_t si = 0; si < doc->nsentences; si++) {
        const dyad_sentence *S = &doc->sentences[si];
        if (S->ntok == 0 || S->tok + S->ntok > doc->ntokens) continue;
        sent_t s = {.doc = doc, .dict = d, .w = doc->tokens + S->tok, .base = S->tok,
                    .n = S->ntok, .lem = lem};
        int n = (int)(s.n < 512 ? s.n : 512);
        for (int i = 0; i < n; i++) {
            char pc = pos_class(&s.w[i]);
            if (!pc || in_hyphen_compound(s.w, i)) continue;
            lem[i] = (char *)lower_tmp(buf, sizeof buf, s.w[i].lemma ? s.w[i].lemma : s.w[i].form);
            if (first_pattern(&s, i, pc)) return 1;
        }
    }
    return 0;
}
