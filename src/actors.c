/* actors.c — the actors stage: finds every actor mention in a parsed
 * document and gives it a CAMEO actor code.
 *
 * Three steps per sentence:
 *  1. names: the longest dictionary name starting at each token (countries,
 *     nationalities, capitals, organisations, people, agents, titles);
 *  2. noun phrases: words joined by compound/flat/amod/det/nummod (and every
 *     word of one name) form a phrase; the phrase's names combine into one
 *     code — country + agent ("Chinese military officers" → CHNMIL), a
 *     person's dated role ("John Kerry" in 2014 → USAGOV), a title that
 *     implies its country ("secretary of state" → USAGOV); an agent with no
 *     country takes one from "of/in X" or "X's" ("a court in Guyana");
 *  3. coreference, in text order: a surname already seen; he/she, it/its,
 *     they/them by salience (the kind that fits, the nearest sentence,
 *     subjects first); "the officers" → the same noun said before with its
 *     country; "the government" / "the country" → the latest country;
 *     "the two sides" → the latest two countries (dyad_actor_sides).
 * Without a parse (no heads), adjacent names, and capitalised words after
 * a name, form the phrases; "the" before a phrase makes it definite. */
#include "actordict.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A mention being built; becomes a dyad_actor. */
typedef struct {
    uint32_t head, first, last;   /* doc-level tokens */
    char code[40];
    const char *how;
    uint8_t kind;
    uint8_t plural;
    uint8_t need;                 /* what coreference must supply */
    uint8_t has_country;          /* code starts with a real country */
    char agent[16];               /* agent for "the government" → XXXGOV */
    uint8_t weak_agent;           /* only a weak agent ("leaders") */
    uint8_t implicit;             /* the country came with a title */
    uint8_t ethnic;               /* 1: "ethnic X"; 2: a demonym as head ("the Albanians") */
    uint8_t relational;           /* head is "ally", "proxy"...: not its modifier's country */
    int32_t antecedent;
} cand;

enum { NEED_NONE, NEED_HE, NEED_IT, NEED_THEY, NEED_COUNTRY, NEED_SURNAME,
       NEED_SIDES };

/* Per-sentence scratch, reused across sentences. */
typedef struct {
    int32_t *match;     /* per token: index into ms or -1 */
    int32_t *uf;        /* union-find over tokens */
    int32_t *rep;       /* per token: a word attached to it (dates) */
    int32_t *mem;       /* tokens grouped by phrase, ascending in each */
    int32_t *mstart;    /* per phrase root: its first slot in mem (+1 past) */
    struct mt { uint32_t tok, ntok; int32_t entry, chain; } *ms;
    size_t nms, capms, cap;
    cand *c; size_t nc, capc;
} scratch;

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) abort();
    return p;
}

static int lc_eq(const char *a, const char *b)
{
    return a && b && strcasecmp(a, b) == 0;
}

/* w is one of the NULL-terminated list's words, case aside. */
static int lc_in(const char *w, const char *const *list)
{
    for (int i = 0; w && list[i]; i++)
        if (strcasecmp(w, list[i]) == 0) return 1;
    return 0;
}

/* A token's lemma, or its form when it has none. */
static const char *lemma_or_form(const dyad_token *t)
{
    return t->lemma ? t->lemma : t->form;
}

static int rel_is(const dyad_token *t, const char *r)
{
    if (!t->deprel) return 0;
    size_t n = strlen(r);
    return strncmp(t->deprel, r, n) == 0 && (t->deprel[n] == 0 || t->deprel[n] == ':');
}

static int is_plural(const dyad_token *t)
{
    if (t->feats && strstr(t->feats, "Number=Plur")) return 1;
    if (t->xpos && (strcmp(t->xpos, "NNS") == 0 || strcmp(t->xpos, "NNPS") == 0)) return 1;
    if (t->upos != DYAD_UPOS_NONE || !t->form) return 0;
    /* no tags: a lower-case word in -s ("officers", not "press", "US") */
    size_t n = strlen(t->form);
    return n > 3 && t->form[n - 1] == 's' && t->form[n - 2] != 's' &&
           t->form[n - 2] != 'u' && t->form[n - 2] != 'i' &&
           islower((unsigned char)t->form[0]);
}

/* Do two words name the same thing ("officers", "officer")? */
static int same_noun(const dyad_token *a, const dyad_token *b)
{
    const char *x = a->lemma ? a->lemma : a->form, *y = b->lemma ? b->lemma : b->form;
    if (!x || !y) return 0;
    size_t nx = strlen(x), ny = strlen(y);
    if (nx && x[nx - 1] == 's' && !a->lemma) nx--;
    if (ny && y[ny - 1] == 's' && !b->lemma) ny--;
    return nx == ny && strncasecmp(x, y, nx) == 0;
}

/* ---- step 1: names ---- */

/* Words starting with a capital letter in s[0,n). */
static int capital_words(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n; i++)
        if (isupper((unsigned char)s[i]) && (i == 0 || !isalnum((unsigned char)s[i - 1])))
            k++;
    return k;
}

static int case_ok(const actor_entry *e, const char *s, size_t n)
{
    if ((e->flags & AF_CAPITAL) && !(n && isupper((unsigned char)s[0]))) return 0;
    /* "^Russia Today" the channel, not "Russia today" */
    if ((e->flags & AF_CAPITAL) && e->name &&
        capital_words(s, n) < capital_words(e->name, strlen(e->name)))
        return 0;
    if (!(e->flags & AF_CASE)) return 1;
    /* a surname must be capitalised: "Power", not "power" */
    if (e->flags & AF_SURNAME) return n && isupper((unsigned char)s[0]);
    for (size_t i = 0; i < n; i++)
        if (islower((unsigned char)s[i])) return 0;
    return 1;
}

/* The first usable entry of a chain for this span of text, -1 if none. */
static int32_t usable(const dyad_actor_dict *d, int32_t e, const char *s, size_t n)
{
    for (; e >= 0; e = d->e[e].next)
        if (case_ok(&d->e[e], s, n)) return e;
    return -1;
}

/* Regular singular of a plural word form, for dictionaries without lemmas. */
static size_t singular(const char *w, size_t n, char *out, size_t cap)
{
    if (n + 2 > cap || n < 4) return 0;
    memcpy(out, w, n);
    if (n > 4 && strncasecmp(w + n - 3, "ies", 3) == 0) { memcpy(out + n - 3, "y", 2); return n - 2; }
    if (tolower((unsigned char)w[n - 1]) == 's' && tolower((unsigned char)w[n - 2]) != 's') {
        out[n - 1] = 0;
        return n - 1;
    }
    return 0;
}

/* Look up the span with its last word replaced by alt (lemma or
 * singular). */
static int32_t lookup_alt(const dyad_actor_dict *d, const dyad_doc *doc,
                          uint32_t i, uint32_t j, const char *alt, size_t na)
{
    char tmp[512], key[512];
    size_t pre = doc->tokens[j].start - doc->tokens[i].start;
    if (pre + na + 1 >= sizeof tmp) return -1;
    memcpy(tmp, doc->text + doc->tokens[i].start, pre);
    memcpy(tmp + pre, alt, na);
    size_t k = actor_key(tmp, pre + na, key, sizeof key);
    const phrase_slot *s = actor_dict_find(d, key, k);
    return s ? usable(d, s->entry, doc->text + doc->tokens[j].start,
                      doc->tokens[j].end - doc->tokens[j].start) : -1;
}

/* A word "X-based", "X-led", "X-backed" ... whose X is a country, capital
 * or nationality: the entry of X, else -1. */
static int based_suffix(const char *w)
{
    static const char *const suffix[] = { "based", "led", "backed", "owned", "run",
        "controlled", "funded", "sponsored", "supported", "allied", "born", "made", NULL };
    for (int i = 0; suffix[i]; i++)
        if (w && strcasecmp(w, suffix[i]) == 0) return 1;
    return 0;
}

static int32_t based_on(const dyad_actor_dict *d, const dyad_token *t)
{
    const char *dash = t->form ? strrchr(t->form, '-') : NULL;
    if (!dash || dash == t->form || !based_suffix(dash + 1)) return -1;
    char key[256];
    size_t k = actor_key(t->form, (size_t)(dash - t->form), key, sizeof key);
    const phrase_slot *sl = actor_dict_find(d, key, k);
    int32_t e = sl ? usable(d, sl->entry, t->form, (size_t)(dash - t->form)) : -1;
    if (e < 0) return -1;
    uint8_t type = d->e[e].type;
    return type == AE_COUNTRY || type == AE_CAPITAL || type == AE_NATIONALITY ? e : -1;
}

/* A PETRARCH stem for the span: its last word cut shorter and shorter
 * ("Argentina" → "argentin"), the longest stem entry wins. */
static int32_t lookup_stem(const dyad_actor_dict *d, const dyad_doc *doc,
                           uint32_t i, uint32_t j)
{
    const dyad_token *t = &doc->tokens[j];
    size_t n = t->end - t->start;
    for (size_t cut = n; cut-- > 4;) {
        if (!isalpha((unsigned char)doc->text[t->start + cut - 1])) break;
        char tmp[512], key[512];
        size_t pre = t->start - doc->tokens[i].start;
        if (pre + cut + 1 >= sizeof tmp) return -1;
        memcpy(tmp, doc->text + doc->tokens[i].start, pre + cut);
        size_t k = actor_key(tmp, pre + cut, key, sizeof key);
        const phrase_slot *sl = actor_dict_find(d, key, k);
        for (int32_t e = sl ? sl->entry : -1; e >= 0; e = d->e[e].next)
            if ((d->e[e].flags & AF_STEM) && case_ok(&d->e[e], doc->text + t->start, n))
                return e;
    }
    return -1;
}

/* Are a and b (case aside) one edit apart: a letter changed, added,
 * dropped, or two neighbours swapped? Equal words are not. */
static int one_edit(const char *a, size_t na, const char *b, size_t nb)
{
    if (na > nb) { const char *t = a; a = b; b = t; size_t n = na; na = nb; nb = n; }
    if (nb - na > 1) return 0;
    size_t i = 0;
    while (i < na && tolower((unsigned char)a[i]) == tolower((unsigned char)b[i])) i++;
    if (i == na) return nb == na + 1;
    if (na == nb) {
        /* a swap, or one change */
        if (i + 1 < na && tolower((unsigned char)a[i]) == tolower((unsigned char)b[i + 1]) &&
            tolower((unsigned char)a[i + 1]) == tolower((unsigned char)b[i]) &&
            strncasecmp(a + i + 2, b + i + 2, na - i - 2) == 0)
            return 1;
        return strncasecmp(a + i + 1, b + i + 1, na - i - 1) == 0;
    }
    return strncasecmp(a + i, b + i + 1, na - i) == 0;
}

static int name_like(const dyad_token *t)
{
    return t->upos == DYAD_PROPN ||
           (t->upos == DYAD_UPOS_NONE && t->form && isupper((unsigned char)t->form[0]));
}

/* A misspelt country or capital standing alone ("Ethopia has agreed",
 * "Quatar's emir"), the text's word of six letters or more:
 * the one dictionary name one edit away with the same first letter; -1
 * if none or more than one. Not inside a longer name ("Graham Greene"). */
static int32_t fuzzy_place(const dyad_actor_dict *d, const dyad_doc *doc,
                           const dyad_sentence *s, uint32_t a)
{
    const dyad_token *t = &doc->tokens[a];
    size_t n = t->form ? strlen(t->form) : 0;
    if (n < 6 || !d->nfuzzy || !name_like(t) || !isupper((unsigned char)t->form[0])) return -1;
    for (size_t i = 0; i < n; i++)
        if (!isalpha((unsigned char)t->form[i])) return -1;
    if (a > s->tok && name_like(&doc->tokens[a - 1]) && a - 1 > s->tok) return -1;
    if (a + 1 < s->tok + s->ntok && name_like(&doc->tokens[a + 1])) return -1;
    int32_t hit = -1;
    int c0 = tolower((unsigned char)t->form[0]) - 'a';
    if (c0 < 0 || c0 >= 26) return -1;
    for (size_t k = d->fuzzy_at[c0]; k < d->fuzzy_at[c0 + 1]; k++) {
        const actor_entry *e = &d->e[d->fuzzy[k]];
        size_t ne = strlen(e->name);
        if (!one_edit(e->name, ne, t->form, n)) continue;
        /* a letter added at the end is a word of its own ("Chiles") */
        if (n == ne + 1 && strncasecmp(e->name, t->form, ne) == 0) continue;
        if (hit >= 0 && strncmp(d->e[hit].code, e->code, 3) != 0) return -1;
        if (hit < 0) hit = d->fuzzy[k];
    }
    return hit;
}

static void find_names(const dyad_actor_dict *d, const dyad_doc *doc,
                       const dyad_sentence *s, scratch *w)
{
    w->nms = 0;
    for (uint32_t i = 0; i < s->ntok; i++) w->match[i] = -1;
    char key[512];
    for (uint32_t i = 0; i < s->ntok;) {
        uint32_t a = s->tok + i, best = 0;
        int32_t best_e = -1, best_chain = -1;
        for (uint32_t j = a; j < s->tok + s->ntok && j < a + 12; j++) {
            const char *span = doc->text + doc->tokens[a].start;
            size_t n = doc->tokens[j].end - doc->tokens[a].start;
            size_t k = actor_key(span, n, key, sizeof key);
            const phrase_slot *sl = actor_dict_find(d, key, k);
            int32_t e = sl ? usable(d, sl->entry, span, n) : -1;
            const dyad_token *t = &doc->tokens[j];
            if (e < 0 && t->lemma && strcasecmp(t->lemma, t->form) != 0)
                e = lookup_alt(d, doc, a, j, t->lemma, strlen(t->lemma));
            if (e < 0) {
                char sg[64];
                size_t ns = singular(t->form, strlen(t->form), sg, sizeof sg);
                if (ns) e = lookup_alt(d, doc, a, j, sg, ns);
            }
            if (e < 0 && d->nstems) e = lookup_stem(d, doc, a, j);
            if (e >= 0) { best = j - a + 1; best_e = e; best_chain = sl && sl->entry >= 0 ? sl->entry : e; }
            if (!sl || !sl->prefix) break;
        }
        /* "Moscow-based", "US-led": the country of a compound adjective */
        if (best == 0) {
            const dyad_token *t = &doc->tokens[a];
            int32_t e = based_on(d, t);
            if (e >= 0) { best = 1; best_e = best_chain = e; }
            else if ((e = fuzzy_place(d, doc, s, a)) >= 0) { best = 1; best_e = best_chain = e; }
        }
        /* the same written as three words: "Kabul" "-" "based" */
        if (best && a + best + 1 < s->tok + s->ntok &&
            (d->e[best_e].type == AE_COUNTRY || d->e[best_e].type == AE_CAPITAL ||
             d->e[best_e].type == AE_NATIONALITY) &&
            strcmp(doc->tokens[a + best].form, "-") == 0 &&
            doc->tokens[a + best].start == doc->tokens[a + best - 1].end &&
            doc->tokens[a + best + 1].start == doc->tokens[a + best].end &&
            based_suffix(doc->tokens[a + best + 1].form))
            best += 2;
        /* "us", "it" as pronouns are never countries */
        if (best == 1 && doc->tokens[a].upos == DYAD_PRON) best = 0;
        if (best == 0) { i++; continue; }
        if (w->nms == w->capms) {
            w->capms = w->capms ? w->capms * 2 : 32;
            w->ms = xrealloc(w->ms, w->capms * sizeof *w->ms);
        }
        w->ms[w->nms] = (struct mt){ a, best, best_e, best_chain };
        for (uint32_t k = 0; k < best; k++) w->match[i + k] = (int32_t)w->nms;
        w->nms++;
        i += best;
    }
    /* one name, two places ("Tripoli" in Libya and in Lebanon): the
     * reading whose country the sentence also names ("... the north
     * Lebanese port"); else the dictionary's first */
    for (size_t m = 0; m < w->nms; m++) {
        struct mt *mt = &w->ms[m];
        const actor_entry *e = &d->e[mt->entry];
        if (mt->chain < 0 || (mt->chain == mt->entry && e->next < 0)) continue;
        if (e->type != AE_CAPITAL && e->type != AE_COUNTRY) continue;
        const char *span = doc->text + doc->tokens[mt->tok].start;
        size_t n = doc->tokens[mt->tok + mt->ntok - 1].end - doc->tokens[mt->tok].start;
        for (int32_t x = mt->chain; x >= 0; x = d->e[x].next) {
            const actor_entry *alt = &d->e[x];
            if (x == mt->entry || alt->type != e->type || !case_ok(alt, span, n) ||
                strncmp(alt->code, e->code, 3) == 0)
                continue;
            int named = 0;
            for (size_t m2 = 0; m2 < w->nms && !named; m2++) {
                const actor_entry *o = &d->e[w->ms[m2].entry];
                named = m2 != m && (o->type == AE_COUNTRY || o->type == AE_NATIONALITY ||
                                    o->type == AE_CAPITAL) &&
                        strncmp(o->code, alt->code, 3) == 0;
            }
            if (named) { mt->entry = x; break; }
        }
    }
}

/* A person's role on the article's date: the role in force, else the
 * latest one begun before it, else the earliest. */
static int32_t pick_role(const dyad_actor_dict *d, int32_t e, uint32_t date,
                         int surname_ok)
{
    int32_t in = -1, before = -1, first = -1;
    for (; e >= 0; e = d->e[e].next) {
        const actor_entry *x = &d->e[e];
        if (x->type != AE_PERSON) continue;
        if ((x->flags & AF_SURNAME) && !surname_ok) continue;
        if (first < 0 || x->from < d->e[first].from) first = e;
        if (date == 0) { if (before < 0 || x->from > d->e[before].from) before = e; continue; }
        if (x->from <= date && (x->to == 0 || date <= x->to)) {
            if (in < 0 || x->from > d->e[in].from) in = e;
        } else if (x->from <= date) {
            if (before < 0 || x->from > d->e[before].from) before = e;
        }
    }
    return in >= 0 ? in : before >= 0 ? before : first;
}

/* ---- step 2: phrases ---- */

static int32_t uf_find(int32_t *uf, int32_t i)
{
    while (uf[i] != i) { uf[i] = uf[uf[i]]; i = uf[i]; }
    return i;
}

static void uf_union(int32_t *uf, int32_t a, int32_t b)
{
    a = uf_find(uf, a);
    b = uf_find(uf, b);
    if (a != b) uf[a < b ? b : a] = a < b ? a : b;
}

/* Sentence-relative index of a word's head, -1 for the root or a head
 * outside the sentence (malformed input must not crash the stage). */
static int32_t par(const dyad_sentence *s, const dyad_token *t)
{
    return t->head > 0 && (uint32_t)t->head <= s->ntok ? t->head - 1 : -1;
}

/* Relations that keep a word inside its head's noun phrase (never for a
 * verb or function word, whatever a parser said). */
static int tight(const dyad_token *t)
{
    switch (t->upos) {
    case DYAD_VERB:                 /* a participle may modify: "Moscow-based bank" */
        if (!rel_is(t, "amod")) return 0;
        break;
    case DYAD_AUX: case DYAD_ADP: case DYAD_SCONJ: case DYAD_CCONJ:
    case DYAD_PUNCT: case DYAD_PRON: case DYAD_PART:
        return 0;
    case DYAD_NUM:
        /* "Great Britain two of its nationals" parsed as flat: a number
         * joins a name as a count or a model number only */
        if (!rel_is(t, "nummod") && !rel_is(t, "compound")) return 0;
        break;
    }
    static const char *const rels[] = { "compound", "flat", "name", "amod",
        "det", "nummod", "fixed", "goeswith", "mwe", NULL };
    for (int i = 0; rels[i]; i++)
        if (rel_is(t, rels[i])) return 1;
    return 0;
}

/* Days and months: parses often glue "Tuesday" to a name before it. */
static int temporal(const dyad_token *t)
{
    static const char *const w[] = { "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "january", "february", "march", "april",
        "june", "july", "august", "september", "october", "november", "december",
        "today", "yesterday", "tomorrow", "tonight", "overnight", "morning",
        "evening", "afternoon", "weekend", NULL };
    if (!t->form) return 0;
    size_t n = strlen(t->form);
    if (n < 5 || n > 9) return 0;
    for (int i = 0; w[i]; i++)
        if (strcasecmp(t->form, w[i]) == 0) return 1;
    return 0;
}

static int has_country_prefix(const char *code)
{
    return strlen(code) >= 3 && strncmp(code, "---", 3) != 0 &&
           strncmp(code, "IGO", 3) != 0 && strncmp(code, "NGO", 3) != 0 &&
           strncmp(code, "IMG", 3) != 0 && strncmp(code, "MNC", 3) != 0;
}

/* Append a 3-letter (or longer) agent code unless already there. */
static void add_agent(char *code, size_t cap, const char *agent, int prefix)
{
    size_t n = strlen(code), na = strlen(agent);
    for (size_t i = 3; i + na <= n; i += 3)
        if (strncmp(code + i, agent, na) == 0) return;
    if (n + na + 1 > cap) return;
    if (prefix) {
        if (strcmp(code, "---") == 0) { memcpy(code, agent, na + 1); return; }
        memmove(code + na, code, n + 1);
        memcpy(code, agent, na);
        return;
    }
    if (strcmp(code, "---") == 0 && n == 3) { memcpy(code + 3, agent, na + 1); return; }
    memcpy(code + n, agent, na + 1);
}

typedef struct {
    const actor_entry *country, *org, *title, *person, *surname;
    const actor_entry *surname_any;   /* a known surname out of its term */
    const actor_entry *agent, *weak;
    uint32_t agent_tok, weak_tok;
    uint32_t org_dist;
    int unknown_propn;
    int head_can_take_agent;   /* the head is a role, title, person or name */
    int head_agent;            /* the head word itself is a role word */
} pieces;

/* Nouns for a group of people: a role word before one names the group
 * ("opposition coalition", "rebel movement"), unlike a thing ("military
 * exercises"). */
static int group_noun(const dyad_token *t)
{
    static const char *const g[] = { "coalition", "alliance", "group", "movement",
        "bloc", "faction", "camp", "organisation", "organization", "network",
        "unit", "contingent", "delegation", "team", "cell", "wing", "association",
        "federation", "council", "committee", "body", "front", "collective", NULL };
    return t->upos != DYAD_PROPN && lc_in(lemma_or_form(t), g);
}

/* Nouns for a party defined by its relation to another ("X's ally"). */
static int relational_noun(const dyad_token *t)
{
    static const char *const r[] = { "ally", "proxy", "partner", "neighbour", "neighbor",
        "rival", "enemy", "foe", "adversary", "client", "patron", NULL };
    return t->upos != DYAD_PROPN && lc_in(lemma_or_form(t), r);
}

static void gather(const dyad_actor_dict *d, const dyad_doc *doc,
                   const dyad_sentence *s, scratch *w, int32_t g, uint32_t head,
                   uint32_t date, pieces *p)
{
    memset(p, 0, sizeof *p);
    int32_t last = -1;
    for (int32_t mi = w->mstart[g]; mi < w->mstart[g + 1]; mi++) {
        uint32_t i = (uint32_t)w->mem[mi];
        int32_t m = w->match[i];
        const dyad_token *t = &doc->tokens[s->tok + i];
        if (m < 0 && s->tok + i == head && (group_noun(t) || relational_noun(t)))
            p->head_can_take_agent = 1;     /* "opposition coalition", "militia allies" */
        if (m < 0) {
            /* an unknown name; without tags, a capitalised word */
            if (t->upos == DYAD_PROPN ||
                (t->upos == DYAD_UPOS_NONE && t->form && isupper((unsigned char)t->form[0]))) {
                p->unknown_propn++;
                if (s->tok + i == head) p->head_can_take_agent = 1;
            }
            continue;
        }
        if (s->tok + i == head) {
            const actor_entry *he = &d->e[w->ms[m].entry];
            p->head_can_take_agent = he->type == AE_AGENT || he->type == AE_TITLE ||
                                     he->type == AE_PERSON;
            p->head_agent = he->type == AE_AGENT;
        }
        if (m == last) continue;
        last = m;
        const struct mt *mt = &w->ms[m];
        int32_t ei = mt->entry;
        const actor_entry *e = &d->e[ei];
        switch (e->type) {
        case AE_PERSON: {
            int32_t r = pick_role(d, ei, date, 0);
            if (r >= 0) { if (!p->person) p->person = &d->e[r]; }
            else if (!p->surname) {
                /* a surname alone is trusted only while the role lasts:
                 * a "Wei" of 1997 is not the minister of 2018 */
                r = pick_role(d, ei, date, 1);
                const actor_entry *x = r >= 0 ? &d->e[r] : NULL;
                if (x && (!date || (x->from <= date && (!x->to || date <= x->to))))
                    p->surname = x;
                else if (x && !p->surname_any)
                    p->surname_any = x;
            }
            break;
        }
        case AE_COUNTRY: case AE_NATIONALITY: {
            /* "Israeli-occupied West Bank" is the West Bank */
            uint32_t after = mt->tok + mt->ntok;
            if (after + 1 < s->tok + s->ntok && lc_eq(doc->tokens[after].form, "-") &&
                lc_eq(doc->tokens[after + 1].form, "occupied"))
                break;
            if (!p->country) p->country = e;
            break;
        }
        case AE_CAPITAL:
        case AE_ORG: {
            if (e->type == AE_CAPITAL && strlen(e->code) <= 3) {
                if (!p->country) p->country = e;
                break;
            }
            /* "al-Qaeda-linked ... al-Shabab": the organisation at the head */
            uint32_t tok = mt->tok + mt->ntok - 1;
            uint32_t dist = tok > head ? tok - head : head - tok;
            if (!p->org || dist < p->org_dist) { p->org = e; p->org_dist = dist; }
            break;
        }
        case AE_TITLE:
            if (!p->title) p->title = e;
            break;
        case AE_AGENT: {
            /* the agent nearest the head wins; weak ones only if alone */
            uint32_t tok = mt->tok + mt->ntok - 1;
            uint32_t dist = tok > head ? tok - head : head - tok;
            if (e->flags & AF_WEAK) {
                if (!p->weak || dist < (p->weak_tok > head ? p->weak_tok - head : head - p->weak_tok)) {
                    p->weak = e; p->weak_tok = tok;
                }
            } else if (!p->agent || dist < (p->agent_tok > head ? p->agent_tok - head : head - p->agent_tok)) {
                p->agent = e; p->agent_tok = tok;
            }
            break;
        }
        }
    }
    /* "a key U.S. ally", "Israel's militia ally": an ally is not the
     * country it is the ally of */
    if (relational_noun(&doc->tokens[head]) && w->match[head - s->tok] < 0) p->country = NULL;
    /* "military exercises", "government-held part": a role word that only
     * modifies a thing names no actor */
    if (!p->head_can_take_agent) p->agent = p->weak = NULL;
    /* "President Reagan", "the Bush administration": a title or role
     * word with a known surname is that person whatever the date (old
     * news, undated records); a bare surname out of its term is not */
    if (!p->person && !p->surname && p->surname_any && (p->agent || p->weak || p->title))
        p->surname = p->surname_any;
}

/* The code of a phrase from its pieces; 0 if the phrase names no actor. */
static int compose(const pieces *p, const char *loose_country, cand *c,
                   dyad_arena *a)
{
    const actor_entry *ag = p->agent ? p->agent : p->weak;
    c->code[0] = 0;
    c->need = NEED_NONE;
    if (p->person) {
        snprintf(c->code, sizeof c->code, "%s", p->person->code);
        /* "Obama administration officials" are officials, not Obama */
        c->kind = p->head_agent ? DYAD_ACTOR_AGENT : DYAD_ACTOR_PERSON;
        c->how = dyad_sprintf(a, "role:%s %s", p->person->name, p->person->code);
        return 1;
    }
    const char *country = p->country ? p->country->code : loose_country;
    if (ag) snprintf(c->agent, sizeof c->agent, "%s", ag->code);
    if (p->org) {
        snprintf(c->code, sizeof c->code, "%s", p->org->code);
        if (country && strncmp(c->code, "---", 3) == 0) memcpy(c->code, country, 3);
        if (p->agent && !(p->org->type == AE_CAPITAL))
            add_agent(c->code, sizeof c->code, p->agent->code, p->agent->flags & AF_PREFIX);
        c->kind = p->org->type == AE_CAPITAL ? DYAD_ACTOR_CAPITAL : DYAD_ACTOR_ORG;
        c->how = dyad_sprintf(a, "dict:%s:%s", p->org->src, p->org->name);
        return 1;
    }
    if (p->title) {
        snprintf(c->code, sizeof c->code, "%s", p->title->code);
        if (country && strlen(c->code) >= 3) memcpy(c->code, country, 3);
        if (p->agent) add_agent(c->code, sizeof c->code, p->agent->code, p->agent->flags & AF_PREFIX);
        c->kind = p->unknown_propn ? DYAD_ACTOR_PERSON : DYAD_ACTOR_AGENT;
        c->implicit = !country;
        c->how = dyad_sprintf(a, "title:%s", p->title->name);
        return 1;
    }
    if (p->surname) {
        /* "Obama" alone: an earlier full name may say who; else the dictionary */
        snprintf(c->code, sizeof c->code, "%s", p->surname->code);
        c->kind = p->head_agent ? DYAD_ACTOR_AGENT : DYAD_ACTOR_PERSON;
        c->need = NEED_SURNAME;
        c->how = dyad_sprintf(a, "role:%s %s", p->surname->name, p->surname->code);
        return 1;
    }
    if (country) {
        snprintf(c->code, sizeof c->code, "%s", country);
        if (ag) add_agent(c->code, sizeof c->code, ag->code, ag->flags & AF_PREFIX);
        c->kind = ag ? (p->unknown_propn ? DYAD_ACTOR_PERSON : DYAD_ACTOR_AGENT)
                : !p->country ? DYAD_ACTOR_AGENT
                : p->country->type == AE_NATIONALITY ? DYAD_ACTOR_NATIONALITY
                : p->country->type == AE_CAPITAL ? DYAD_ACTOR_CAPITAL
                : DYAD_ACTOR_COUNTRY;
        if (p->country)
            c->how = ag ? dyad_sprintf(a, "dict:%s:%s+%s", p->country->src, p->country->name, ag->name)
                        : dyad_sprintf(a, "dict:%s:%s", p->country->src, p->country->name);
        else
            c->how = dyad_sprintf(a, "dict:agent:%s+of:%s", ag ? ag->name : "",
                                  loose_country ? loose_country : "");
        return 1;
    }
    if (ag) {
        snprintf(c->code, sizeof c->code, "---");
        add_agent(c->code, sizeof c->code, ag->code, ag->flags & AF_PREFIX);
        snprintf(c->agent, sizeof c->agent, "%s", ag->code);
        c->weak_agent = ag == p->weak;
        c->kind = p->unknown_propn ? DYAD_ACTOR_PERSON : DYAD_ACTOR_AGENT;
        c->how = dyad_sprintf(a, "dict:agent:%s", ag->name);
        return 1;
    }
    return 0;
}

static cand *new_cand(scratch *w)
{
    if (w->nc == w->capc) {
        w->capc = w->capc ? w->capc * 2 : 32;
        w->c = xrealloc(w->c, w->capc * sizeof *w->c);
    }
    cand *c = &w->c[w->nc++];
    memset(c, 0, sizeof *c);
    c->antecedent = -1;
    return c;
}

static int pron_need(const dyad_token *t)
{
    /* without tags every "he", "it", "they" is taken for a pronoun */
    if (t->upos != DYAD_PRON && !(t->xpos && strncmp(t->xpos, "PRP", 3) == 0) &&
        t->upos != DYAD_UPOS_NONE)
        return 0;
    if (rel_is(t, "expl")) return 0;
    if (!t->form || strlen(t->form) > 10 || !strchr("hHsSiItT", t->form[0])) return 0;
    static const char *const he[] = { "he", "him", "his", "himself", "she", "her", "hers", "herself", NULL };
    static const char *const it[] = { "it", "its", "itself", NULL };
    static const char *const they[] = { "they", "them", "their", "theirs", "themselves", NULL };
    for (int i = 0; he[i]; i++) if (lc_eq(t->form, he[i])) return NEED_HE;
    for (int i = 0; it[i]; i++) if (lc_eq(t->form, it[i])) return NEED_IT;
    for (int i = 0; they[i]; i++) if (lc_eq(t->form, they[i])) return NEED_THEY;
    return 0;
}

/* The agent code a (its first three letters) is one of the list's
 * space-separated three-letter codes. */
static int agent_in(const char *a, const char *list)
{
    for (const char *l = list; *l; l += l[3] ? 4 : 3)
        if (strncmp(a, l, 3) == 0) return 1;
    return 0;
}

/* Agents of a state: "the government", "the army", "the court" belong to
 * the country the article is about; "the rebels" do not. */
static int state_agent(const char *a)
{
    return agent_in(a, "GOV MIL COP JUD LEG SPY");
}

/* Does token i (sentence-relative) carry a definite determiner child? */
static int definite(const dyad_doc *doc, const dyad_sentence *s, uint32_t i)
{
    if (!doc->tokens[s->tok + i].deprel) {
        /* no parse: "the" right before the phrase */
        uint32_t k = i;
        while (k > 0 && doc->tokens[s->tok + k - 1].upos != DYAD_PUNCT &&
               !lc_eq(doc->tokens[s->tok + k - 1].form, "the") && i - k < 3) k--;
        return k > 0 && lc_eq(doc->tokens[s->tok + k - 1].form, "the");
    }
    for (uint32_t k = 0; k < s->ntok; k++) {
        const dyad_token *t = &doc->tokens[s->tok + k];
        if (t->head == (int32_t)i + 1 && rel_is(t, "det") &&
            (lc_eq(t->form, "the") || lc_eq(t->form, "this") || lc_eq(t->form, "that")))
            return 1;
    }
    return 0;
}

static int both_or_two(const dyad_doc *doc, const dyad_sentence *s, uint32_t i)
{
    for (uint32_t k = 0; k < s->ntok; k++) {
        const dyad_token *t = &doc->tokens[s->tok + k];
        if (t->head == (int32_t)i + 1 &&
            (lc_eq(t->form, "two") || lc_eq(t->form, "both")))
            return 1;
    }
    return 0;
}

/* Does sentence token k carry a "case" child among words? */
static int case_child(const dyad_doc *doc, const dyad_sentence *s, uint32_t k,
                      const char *const *words)
{
    for (uint32_t q = 0; q < s->ntok; q++) {
        const dyad_token *u = &doc->tokens[s->tok + q];
        if (u->head == (int32_t)k + 1 && rel_is(u, "case") && lc_in(u->form, words)) return 1;
    }
    return 0;
}

/* Participles that say where a group lives or works ("a newspaper based
 * in Beirut", "guerrillas operating in Macedonia"); not "deployed",
 * "sent": troops sent somewhere stay their own country's. */
static int dwelling_verb(const dyad_token *t)
{
    static const char *const v[] = { "base", "operate", "live", "reside", "headquarter",
        "locate", "station", "settle", NULL };
    return lc_in(lemma_or_form(t), v);
}

static const char *const of_in[] = { "of", "in", "from", "for", "throughout", "across", NULL };
static const char *const in_only[] = { "in", "throughout", "across", "inside", NULL };
static const char *const of_only[] = { "of", NULL };

/* Counts that head a group of people ("tens of thousands of X"). */
static int quantity_noun(const dyad_token *t)
{
    static const char *const q[] = { "ten", "tens", "hundred", "hundreds", "thousand",
        "thousands", "million", "millions", "dozen", "dozens", "score", "scores",
        "number", "group", "crowd", "handful", "majority", "minority", "third", "half", NULL };
    return t->upos != DYAD_PROPN && (lc_in(lemma_or_form(t), q) || lc_in(t->form, q));
}

/* The first candidate other than own with a country in the phrase of
 * sentence token k. */
static const cand *country_in(scratch *w, const dyad_sentence *s,
                              const cand *own, uint32_t k)
{
    int32_t cg = uf_find(w->uf, (int32_t)k);
    for (size_t ci = 0; ci < w->nc; ci++) {
        const cand *c = &w->c[ci];
        if (c == own || uf_find(w->uf, (int32_t)(c->head - s->tok)) != cg) continue;
        if (c->has_country) return c;
    }
    return NULL;
}

/* The place a dwelling participle (sentence token k: "based", "living")
 * names with "in X": its first candidate with a country, or NULL. */
static const cand *dwelling_place(const dyad_doc *doc, const dyad_sentence *s, scratch *w,
                                  const cand *own, uint32_t k)
{
    for (uint32_t q = 0; q < s->ntok; q++) {
        const dyad_token *u = &doc->tokens[s->tok + q];
        if (par(s, u) != (int32_t)k || !(rel_is(u, "obl") || rel_is(u, "nmod")) ||
            !case_child(doc, s, q, in_only))
            continue;
        const cand *c = country_in(w, s, own, q);
        if (c) return c;
    }
    return NULL;
}

/* The mention a phrase's loose dependents name: "X's", "of X", "in X",
 * "from X", "throughout X", an apposition, "based in X" — one with a
 * country. "X's ally", "an ally of X" are not X: only a place ("in X")
 * gives a relational noun its country. */
static const cand *loose_country(const dyad_doc *doc, const dyad_sentence *s,
                                 scratch *w, const cand *own, int32_t g)
{
    for (uint32_t k = 0; k < s->ntok; k++) {
        const dyad_token *t = &doc->tokens[s->tok + k];
        if (par(s, t) < 0 || uf_find(w->uf, par(s, t)) != g) continue;
        if (uf_find(w->uf, (int32_t)k) == g) continue;
        if (rel_is(t, "acl") && dwelling_verb(t)) {
            const cand *c = dwelling_place(doc, s, w, own, k);
            if (c) return c;
            continue;
        }
        int ok = rel_is(t, "nmod") || rel_is(t, "appos");
        if (!ok) continue;
        if (own->relational && (rel_is(t, "appos") || rel_is(t, "nmod:poss"))) continue;
        if (rel_is(t, "nmod") && !rel_is(t, "nmod:poss") &&
            !case_child(doc, s, k, own->relational ? in_only : of_in))
            continue;
        const cand *c = country_in(w, s, own, k);
        if (c) return c;
    }
    return NULL;
}

/* The verb whose clause sentence token k is in (the nearest verb above
 * it), -1 if none. */
static int32_t clause_verb(const dyad_doc *doc, const dyad_sentence *s, uint32_t k)
{
    int32_t i = par(s, &doc->tokens[s->tok + k]);
    for (int up = 0; i >= 0 && up < 12; up++) {
        const dyad_token *t = &doc->tokens[s->tok + (uint32_t)i];
        if (t->upos == DYAD_VERB) return i;
        i = par(s, t);
    }
    return -1;
}

/* Where an ethnic or national group lives, by CAMEO's convention the
 * country it is coded with ("ethnic Albanians in south Serbia",
 * "the Albanians of southern Serbia", "Serbia's ethnic Albanians"): a
 * place attached to the group's own phrase, or for "ethnic X" also a
 * place the clause names with "in" ("killed three ethnic Albanians in
 * southeastern Serbia"). NULL if none. */
static const cand *ethnic_home(const dyad_doc *doc, const dyad_sentence *s,
                               scratch *w, const cand *own, int32_t g)
{
    for (uint32_t k = 0; k < s->ntok; k++) {
        const dyad_token *t = &doc->tokens[s->tok + k];
        if (par(s, t) < 0 || uf_find(w->uf, par(s, t)) != g) continue;
        if (uf_find(w->uf, (int32_t)k) == g) continue;
        const cand *c = NULL;
        if (rel_is(t, "acl") && dwelling_verb(t)) {
            /* "Iraqis living in Turkey" stay Iraqis; "ethnic Turks living
             * in Bulgaria" are Bulgaria's */
            if (own->ethnic != 1) continue;
            c = dwelling_place(doc, s, w, own, k);
        } else if (rel_is(t, "nmod:poss")) {
            if (own->ethnic == 1) c = country_in(w, s, own, k);
        } else if (rel_is(t, "nmod") &&
                   case_child(doc, s, k, own->ethnic == 1 ? of_in : of_only)) {
            c = country_in(w, s, own, k);
        }
        if (c && strlen(c->code) == 3 && c->ethnic != 2) return c;
    }
    if (own->ethnic != 1) return NULL;
    const cand *best = NULL;
    uint32_t best_d = 0;
    int32_t verb = clause_verb(doc, s, own->head - s->tok);
    for (size_t ci = 0; ci < w->nc && verb >= 0; ci++) {
        const cand *c = &w->c[ci];
        if (c == own || !c->has_country || strlen(c->code) != 3 || c->ethnic) continue;
        if (c->kind != DYAD_ACTOR_COUNTRY && c->kind != DYAD_ACTOR_CAPITAL) continue;
        if (!case_child(doc, s, c->head - s->tok, in_only)) continue;
        if (clause_verb(doc, s, c->head - s->tok) != verb) continue;
        uint32_t d = c->head > own->head ? c->head - own->head : own->head - c->head;
        if (!best || d < best_d) { best = c; best_d = d; }
    }
    return best;
}

/* The "of X" dependent of a phrase that is a group with a strong role but
 * no country ("of the opposition coalition"), or NULL. */
static const cand *loose_group(const dyad_doc *doc, const dyad_sentence *s,
                               scratch *w, const cand *own, int32_t g)
{
    for (uint32_t k = 0; k < s->ntok; k++) {
        const dyad_token *t = &doc->tokens[s->tok + k];
        if (par(s, t) < 0 || uf_find(w->uf, par(s, t)) != g || !rel_is(t, "nmod")) continue;
        if (uf_find(w->uf, (int32_t)k) == g) continue;
        int of = 0;
        for (uint32_t q = 0; q < s->ntok; q++) {
            const dyad_token *u = &doc->tokens[s->tok + q];
            if (u->head == (int32_t)k + 1 && rel_is(u, "case") && lc_eq(u->form, "of")) of = 1;
        }
        if (!of) continue;
        int32_t cg = uf_find(w->uf, (int32_t)k);
        for (size_t ci = 0; ci < w->nc; ci++) {
            const cand *c = &w->c[ci];
            if (c == own || uf_find(w->uf, (int32_t)(c->head - s->tok)) != cg) continue;
            if (c->agent[0] && !c->weak_agent && strncmp(c->code, "---", 3) == 0 && !c->need)
                return c;
        }
    }
    return NULL;
}

/* Roles that belong to the place a story is filed from. */
static int local_agent(const char *a)
{
    return agent_in(a, "GOV MIL COP JUD LEG SPY CVL OPP REB UAF HLH EDU REF LAB");
}

/* Groups of a place's own people: demonstrators, civilians, students,
 * workers, farmers, clergy. */
static int civil_agent(const char *a)
{
    return agent_in(a, "OPP CVL EDU LAB AGR REL");
}

/* Is sentence token i (part of) a country, nationality or capital name? */
static int place_word(const dyad_actor_dict *d, const scratch *w, uint32_t i)
{
    if (w->match[i] < 0) return 0;
    uint8_t t = d->e[w->ms[w->match[i]].entry].type;
    return t == AE_COUNTRY || t == AE_NATIONALITY || t == AE_CAPITAL;
}

static void build_phrases(const dyad_actor_dict *d, dyad_doc *doc,
                          const dyad_sentence *s, scratch *w, uint32_t date)
{
    int parsed = 0;
    for (uint32_t i = 0; i < s->ntok && !parsed; i++)
        parsed = doc->tokens[s->tok + i].deprel != NULL;
    for (uint32_t i = 0; i < s->ntok; i++) w->uf[i] = (int32_t)i;
    if (parsed) {
        for (uint32_t i = 0; i < s->ntok; i++) w->rep[i] = -1;
        for (uint32_t i = 0; i < s->ntok; i++) {
            const dyad_token *t = &doc->tokens[s->tok + i];
            if (t->head <= 0 || (uint32_t)t->head > s->ntok || !tight(t) || temporal(t))
                continue;
            uint32_t p = (uint32_t)t->head - 1;
            if (!temporal(&doc->tokens[s->tok + p])) { uf_union(w->uf, (int32_t)i, (int32_t)p); continue; }
            /* "President Bashar Assad Tuesday" parsed with Tuesday as head:
             * the words the date swallowed still form one phrase */
            if (w->rep[p] < 0) w->rep[p] = (int32_t)i;
            else uf_union(w->uf, (int32_t)i, w->rep[p]);
        }
        /* "French political and military officials": an adjective
         * coordinated with a modifier modifies the same noun */
        for (uint32_t i = 0; i < s->ntok; i++) {
            const dyad_token *t = &doc->tokens[s->tok + i];
            int32_t p = par(s, t);
            if (p < 0 || !rel_is(t, "conj") || t->upos != DYAD_ADJ) continue;
            const dyad_token *pt = &doc->tokens[s->tok + (uint32_t)p];
            /* not two countries ("Hungarian and Romanian officials": the
             * conjunct rule below gives each its own mention) */
            if (pt->upos == DYAD_ADJ && rel_is(pt, "amod") && (uint32_t)p < i &&
                !place_word(d, w, i) && !place_word(d, w, (uint32_t)p))
                uf_union(w->uf, (int32_t)i, p);
        }
        /* A capitalised title before a name belongs to it even when the
         * parse makes them two phrases ("President" "Michel Suleiman") */
        for (uint32_t i = 0; i + 1 < s->ntok; i++) {
            const dyad_token *t = &doc->tokens[s->tok + i], *n = &doc->tokens[s->tok + i + 1];
            if (w->match[i] < 0 || !t->form || !isupper((unsigned char)t->form[0])) continue;
            uint8_t ty = d->e[w->ms[w->match[i]].entry].type;
            if ((ty != AE_AGENT && ty != AE_TITLE) || n->upos != DYAD_PROPN) continue;
            if (w->match[i + 1] >= 0 && d->e[w->ms[w->match[i + 1]].entry].type != AE_PERSON)
                continue;
            if (w->match[i + 1] == w->match[i]) continue;
            uf_union(w->uf, (int32_t)i, (int32_t)i + 1);
        }
        /* A nationality adjective modifies the noun after it even when the
         * parse hangs it elsewhere ("French officials" with French as an
         * xcomp): join it to that noun's phrase. */
        for (uint32_t i = 0; i + 1 < s->ntok; i++) {
            const dyad_token *t = &doc->tokens[s->tok + i], *n = &doc->tokens[s->tok + i + 1];
            if (w->match[i] < 0 || tight(t) || rel_is(t, "conj") || t->upos != DYAD_ADJ) continue;
            if (d->e[w->ms[w->match[i]].entry].type != AE_NATIONALITY) continue;
            if (n->upos == DYAD_NOUN || n->upos == DYAD_PROPN || n->upos == DYAD_ADJ)
                uf_union(w->uf, (int32_t)i, (int32_t)i + 1);
        }
    } else {
        /* no parse: adjacent names form a phrase, and so do capitalised
         * words after one ("Assistant Secretary of State Daniel Russel") */
        for (uint32_t i = 1; i < s->ntok; i++) {
            const dyad_token *t = &doc->tokens[s->tok + i];
            /* "China's foreign minister": a country's role across "'s" */
            if (i >= 2 && w->match[i] >= 0 && w->match[i - 2] >= 0 &&
                (lc_eq(doc->tokens[s->tok + i - 1].form, "'s") ||
                 lc_eq(doc->tokens[s->tok + i - 1].form, "\u2019s"))) {
                uint8_t ta = d->e[w->ms[w->match[i - 2]].entry].type;
                uint8_t tb = d->e[w->ms[w->match[i]].entry].type;
                if ((ta == AE_COUNTRY || ta == AE_CAPITAL || ta == AE_NATIONALITY) &&
                    (tb == AE_AGENT || tb == AE_TITLE)) {
                    uf_union(w->uf, (int32_t)i, (int32_t)i - 2);
                    continue;
                }
            }
            int grouped = w->match[i - 1] >= 0 || uf_find(w->uf, (int32_t)i - 1) != (int32_t)i - 1;
            if (!grouped || temporal(t)) continue;
            /* "Kabul-based group", "US-led forces": the adjective's noun */
            const dyad_token *pt = &doc->tokens[s->tok + i - 1];
            const char *dash = pt->form ? strrchr(pt->form, '-') : NULL;
            if (w->match[i - 1] >= 0 && (based_suffix(pt->form) || (dash && based_suffix(dash + 1))) &&
                t->form && isalpha((unsigned char)t->form[0])) {
                uf_union(w->uf, (int32_t)i, (int32_t)i - 1);
                continue;
            }
            if (w->match[i] >= 0 || (t->form && isupper((unsigned char)t->form[0]) &&
                                     (uint8_t)t->form[0] < 0x80 && strlen(t->form) > 1))
                uf_union(w->uf, (int32_t)i, (int32_t)i - 1);
        }
    }
    for (size_t m = 0; m < w->nms; m++)
        for (uint32_t k = 1; k < w->ms[m].ntok; k++)
            uf_union(w->uf, (int32_t)(w->ms[m].tok - s->tok), (int32_t)(w->ms[m].tok - s->tok + k));

    /* flatten the union-find and list each phrase's words (counting sort
     * by root keeps them in text order): the loops below visit a phrase's
     * own words only */
    for (uint32_t i = 0; i <= s->ntok; i++) w->mstart[i] = 0;
    for (uint32_t i = 0; i < s->ntok; i++) {
        w->uf[i] = uf_find(w->uf, (int32_t)i);
        w->mstart[w->uf[i] + 1]++;
    }
    for (uint32_t i = 0; i < s->ntok; i++) w->mstart[i + 1] += w->mstart[i];
    for (uint32_t i = 0; i < s->ntok; i++) w->rep[i] = w->mstart[i];
    for (uint32_t i = 0; i < s->ntok; i++) w->mem[w->rep[w->uf[i]]++] = (int32_t)i;

    size_t c0 = w->nc;
    /* one candidate per phrase with a name in it, or a pronoun */
    for (uint32_t i = 0; i < s->ntok; i++) {
        int32_t g = uf_find(w->uf, (int32_t)i);
        if (g != (int32_t)i) continue;
        /* head: the member whose head lies outside the phrase */
        uint32_t head = i, first = s->ntok, last = 0;
        int named = 0;
        for (int32_t mi = w->mstart[g]; mi < w->mstart[g + 1]; mi++) {
            uint32_t k = (uint32_t)w->mem[mi];
            const dyad_token *t = &doc->tokens[s->tok + k];
            if (!parsed) head = k;
            else if (par(s, t) < 0 || uf_find(w->uf, par(s, t)) != g) head = k;
            if (w->match[k] >= 0) named = 1;
            int lead = k < first && (rel_is(t, "det") || t->upos == DYAD_PUNCT || t->upos == DYAD_DET);
            if (!lead && k < first) first = k;
            if (k > last) last = k;
        }
        if (first > last) first = last;
        /* the words around the head only: a phrase the parse scattered
         * ("France on Wednesday accused ...") must not swallow the gap */
        {
            uint32_t f2 = head, l2 = head;
            while (f2 > first && uf_find(w->uf, (int32_t)f2 - 1) == g) f2--;
            while (l2 < last && uf_find(w->uf, (int32_t)l2 + 1) == g) l2++;
            while (f2 < head && (rel_is(&doc->tokens[s->tok + f2], "det") ||
                                 doc->tokens[s->tok + f2].upos == DYAD_PUNCT)) f2++;
            first = f2;
            last = l2;
        }
        const dyad_token *h = &doc->tokens[s->tok + head];
        pieces p;
        cand tmp;
        memset(&tmp, 0, sizeof tmp);
        tmp.antecedent = -1;
        if (named) {
            gather(d, doc, s, w, g, s->tok + head, date, &p);
            if (!compose(&p, NULL, &tmp, doc->arena)) named = 0;
        }
        int need = 0;
        if (!named) {
            need = pron_need(h);
            if (parsed && !need && h->lemma && definite(doc, s, head) &&
                (lc_eq(h->lemma, "country") || lc_eq(h->lemma, "nation")))
                need = NEED_COUNTRY;
            if (parsed && !need && h->lemma && both_or_two(doc, s, head) &&
                (lc_eq(h->lemma, "side") || lc_eq(h->lemma, "country") ||
                 lc_eq(h->lemma, "government") || lc_eq(h->lemma, "nation")))
                need = NEED_SIDES;
            if (!need && h->upos == DYAD_PROPN) need = NEED_SURNAME;
            if (!need) continue;
            tmp.need = (uint8_t)need;
            tmp.kind = need == NEED_SURNAME ? DYAD_ACTOR_PERSON : DYAD_ACTOR_PRONOUN;
        }
        cand *c = new_cand(w);
        *c = tmp;
        c->head = s->tok + head;
        c->first = s->tok + first;
        c->last = s->tok + last;
        c->plural = (uint8_t)is_plural(h);
        c->has_country = named && has_country_prefix(c->code);
        c->relational = (uint8_t)relational_noun(h);
        if (c->has_country && parsed) {
            for (int32_t mi = w->mstart[g]; mi < w->mstart[g + 1] && !c->ethnic; mi++) {
                const dyad_token *t = &doc->tokens[s->tok + (uint32_t)w->mem[mi]];
                if (lc_eq(t->lemma, "ethnic") || lc_eq(t->form, "ethnic")) c->ethnic = 1;
            }
            /* "the Albanian population", "the Turkish minority": a people
             * living somewhere, as "ethnic" says */
            static const char *const people[] = { "population", "minority", "community",
                "diaspora", NULL };
            if (!c->ethnic && lc_in(h->lemma, people) && c->kind != DYAD_ACTOR_COUNTRY &&
                c->kind != DYAD_ACTOR_CAPITAL && c->kind != DYAD_ACTOR_ORG)
                c->ethnic = 1;
            if (!c->ethnic && w->match[head] >= 0 && c->kind == DYAD_ACTOR_NATIONALITY &&
                d->e[w->ms[w->match[head]].entry].type == AE_NATIONALITY &&
                (h->upos == DYAD_NOUN || h->upos == DYAD_PROPN))
                c->ethnic = 2;
        }
        /* "the government", "the army" with no country: the latest one */
        if (named && strncmp(c->code, "---", 3) == 0 && state_agent(c->agent) &&
            w->match[head] >= 0 && d->e[w->ms[w->match[head]].entry].type == AE_AGENT &&
            (definite(doc, s, head) ||
             /* "outside Parliament", "Cabinet met": a body written as a name */
             (head > 0 && h->form && isupper((unsigned char)h->form[0]) && c->first == c->head)))
            c->need = NEED_COUNTRY;
    }
    /* second pass: agents without a country take one from "of X" / "X's";
     * twice, so "opponents of Rwanda's Senate" sees the Senate's country */
    for (int round = 0; parsed && round < 2; round++)
        for (size_t ci = c0; ci < w->nc; ci++) {
            cand *c = &w->c[ci];
            if ((strncmp(c->code, "---", 3) != 0 && !c->implicit) || c->need == NEED_SURNAME)
                continue;
            int32_t g = uf_find(w->uf, (int32_t)(c->head - s->tok));
            const cand *lcand = loose_country(doc, s, w, c, g);
            /* "tens of thousands of students throughout Indonesia": the
             * place hangs on the count */
            for (int32_t at = c->head - s->tok, up = 0; !lcand && up < 3; up++) {
                const dyad_token *t = &doc->tokens[s->tok + (uint32_t)at];
                int32_t pa = par(s, t);
                if (pa < 0 || !rel_is(t, "nmod") || !case_child(doc, s, (uint32_t)at, of_only) ||
                    !quantity_noun(&doc->tokens[s->tok + (uint32_t)pa]))
                    break;
                lcand = loose_country(doc, s, w, c, uf_find(w->uf, pa));
                at = pa;
            }
            if (!lcand && c->weak_agent && round == 0) {
                /* "leaders of the opposition coalition" are the opposition */
                const cand *grp = loose_group(doc, s, w, c, g);
                if (grp) {
                    snprintf(c->code, sizeof c->code, "%s", grp->code);
                    snprintf(c->agent, sizeof c->agent, "%s", grp->agent);
                    c->weak_agent = 0;
                    c->how = dyad_sprintf(doc->arena, "%s+of:%s", c->how ? c->how : "", grp->code);
                }
                continue;
            }
            if (!lcand) continue;
            const char *lc = lcand->code;
            if (c->weak_agent && lcand->kind == DYAD_ACTOR_ORG)
                /* "leaders of the Muslim Brotherhood" are the Brotherhood */
                snprintf(c->code, sizeof c->code, "%s", lc);
            else
                memcpy(c->code, lc, 3);
            c->has_country = 1;
            c->implicit = 0;
            c->need = NEED_NONE;
            c->how = dyad_sprintf(doc->arena, "%s+of:%.3s", c->how ? c->how : "", lc);
        }
    /* an ethnic or national group is coded with the country it lives in */
    for (size_t ci = c0; parsed && ci < w->nc; ci++) {
        cand *c = &w->c[ci];
        if (!c->ethnic || !c->has_country || c->need) continue;
        const cand *home = ethnic_home(doc, s, w, c, uf_find(w->uf, (int32_t)(c->head - s->tok)));
        if (!home || strncmp(home->code, c->code, 3) == 0) continue;
        memcpy(c->code, home->code, 3);
        c->how = dyad_sprintf(doc->arena, "%s+lives in:%.3s", c->how ? c->how : "", home->code);
    }
    /* "US and British activists": the second country shares the role */
    if (parsed)
        for (size_t ci = c0; ci < w->nc; ci++) {
            cand *c = &w->c[ci];
            const dyad_token *h = &doc->tokens[c->head];
            if (!rel_is(h, "conj") || par(s, h) < 0 || strlen(c->code) != 3 || c->need) continue;
            int32_t pg = uf_find(w->uf, par(s, h));
            if (pg == uf_find(w->uf, (int32_t)(c->head - s->tok))) continue;
            for (size_t pi = c0; pi < w->nc; pi++) {
                cand *p = &w->c[pi];
                if (p == c || uf_find(w->uf, (int32_t)(p->head - s->tok)) != pg) continue;
                if (p->head == s->tok + (uint32_t)h->head - 1 || !p->agent[0]) break;
                add_agent(c->code, sizeof c->code, p->agent, 0);
                c->kind = p->kind;
                c->plural = p->plural;
                c->how = dyad_sprintf(doc->arena, "%s+%s", c->how ? c->how : "", p->agent);
                break;
            }
        }
    /* appositions share what one of them knows: "X, the US envoy" */
    if (parsed)
        for (size_t ci = c0; ci < w->nc; ci++) {
            cand *c = &w->c[ci];
            const dyad_token *h = &doc->tokens[c->head];
            if (!rel_is(h, "appos") || par(s, h) < 0) continue;
            uint32_t ph = s->tok + (uint32_t)h->head - 1;
            for (size_t pi = c0; pi < w->nc; pi++) {
                cand *p = &w->c[pi];
                if (p->head != ph) continue;
                cand *from = NULL, *to = NULL;
                /* never over an organisation's own code ("Iraq's Al-Qaeda"
                 * parsed as an apposition of Iraq stays al-Qaeda) */
                int c_open = !c->code[0] || c->need == NEED_SURNAME || strncmp(c->code, "---", 3) == 0 ||
                             (!c->has_country && c->kind != DYAD_ACTOR_ORG);
                if (p->code[0] && !p->need && c_open) { from = p; to = c; }
                else if (c->code[0] && !c->need && (!p->code[0] || p->need == NEED_SURNAME)) { from = c; to = p; }
                /* "Ethiopia's chief rival, Eritrea": the named side gives
                 * the role its country */
                else if (c->has_country && !c->need && !p->need &&
                         strncmp(p->code, "---", 3) == 0) { from = c; to = p; }
                if (from && from->has_country) {
                    memcpy(to->code, from->code, sizeof to->code);
                    to->has_country = 1;
                    to->need = NEED_NONE;
                    if (to->kind == DYAD_ACTOR_PRONOUN) to->kind = DYAD_ACTOR_PERSON;
                    to->how = dyad_sprintf(doc->arena, "appos:%s", from->how ? from->how : "");
                }
            }
        }
    /* "Demonstrators marched in Monrovia": a civil group with no country
     * that does something in a named country or city is of that place, as
     * the field codes it; only a place said with "in" on the group's own
     * verb. Not troops, officials or refugees: they act abroad too
     * ("troops arrived in Bosnia"). */
    for (size_t ci = c0; parsed && ci < w->nc; ci++) {
        cand *c = &w->c[ci];
        if (strncmp(c->code, "---", 3) != 0 || !c->agent[0] || c->need != NEED_NONE ||
            c->kind == DYAD_ACTOR_PERSON || !civil_agent(c->agent))
            continue;
        const dyad_token *h = &doc->tokens[c->head];
        uint32_t hk = c->head - s->tok;
        /* "people from across the world arrived in X" are not X's */
        static const char *const from[] = { "from", NULL };
        int origin = 0;
        for (uint32_t q = 0; q < s->ntok && !origin; q++)
            origin = par(s, &doc->tokens[s->tok + q]) == (int32_t)hk &&
                     case_child(doc, s, q, from);
        if (origin) continue;
        /* the group's own verbs: the one it is the subject of, and a
         * participle on it ("demonstrators protesting ... in Monrovia") */
        const cand *place = NULL;
        for (uint32_t v = 0; v < s->ntok && !place; v++) {
            const dyad_token *vt = &doc->tokens[s->tok + v];
            int own = ((rel_is(h, "nsubj") || rel_is(h, "nsubj:pass")) && par(s, h) == (int32_t)v) ||
                      /* active only: "activists held in Iraq" are not Iraq's */
                      (par(s, vt) == (int32_t)hk && rel_is(vt, "acl") && vt->upos == DYAD_VERB &&
                       vt->xpos && strcmp(vt->xpos, "VBG") == 0);
            for (uint32_t q = 0; own && q < s->ntok && !place; q++) {
                const dyad_token *u = &doc->tokens[s->tok + q];
                if (par(s, u) != (int32_t)v || !rel_is(u, "obl") || !case_child(doc, s, q, in_only))
                    continue;
                const cand *o = country_in(w, s, c, q);
                if (o && strlen(o->code) == 3 &&
                    (o->kind == DYAD_ACTOR_COUNTRY || o->kind == DYAD_ACTOR_CAPITAL))
                    place = o;
            }
        }
        if (!place) continue;
        memcpy(c->code, place->code, 3);
        c->has_country = 1;
        c->how = dyad_sprintf(doc->arena, "%s+acts in:%.3s", c->how ? c->how : "", place->code);
    }
    /* "refugees fleeing the civil war in Liberia": refugees are coded
     * with the country they fled */
    for (size_t ci = c0; parsed && ci < w->nc; ci++) {
        cand *c = &w->c[ci];
        if (strncmp(c->code, "---REF", 6) != 0 || c->need != NEED_NONE) continue;
        uint32_t hk = c->head - s->tok;
        const cand *fled = NULL;
        for (uint32_t v = 0; v < s->ntok && !fled; v++) {
            const dyad_token *vt = &doc->tokens[s->tok + v];
            if (par(s, vt) != (int32_t)hk || !rel_is(vt, "acl") ||
                !(lc_eq(vt->lemma, "flee") || lc_eq(vt->lemma, "escape")))
                continue;
            /* a country in what they fled: its object or oblique, or a
             * place hanging on that ("the war in Liberia") */
            for (size_t pi = c0; pi < w->nc && !fled; pi++) {
                const cand *o = &w->c[pi];
                if (o == c || !o->has_country || strlen(o->code) != 3) continue;
                int32_t at = (int32_t)(o->head - s->tok);
                for (int up = 0; at >= 0 && up < 3; up++) {
                    int32_t pa = par(s, &doc->tokens[s->tok + (uint32_t)at]);
                    if (pa == (int32_t)v) { fled = o; break; }
                    at = pa;
                }
            }
        }
        if (!fled) continue;
        memcpy(c->code, fled->code, 3);
        c->has_country = 1;
        c->how = dyad_sprintf(doc->arena, "%s+fled:%.3s", c->how ? c->how : "", fled->code);
    }
    /* "President Askar Akayev ... returning to Kyrgyzstan": a named state
     * official the dictionaries do not know serves the country the
     * sentence names — a place or nationality first, the nearest one;
     * else another group of that country ("Fijian rebels ... Prime
     * Minister X"); never a country that came with a known person or a
     * title ("Kerry met President X"). Else the article's country. */
    for (size_t ci = c0; ci < w->nc; ci++) {
        cand *c = &w->c[ci];
        if (strncmp(c->code, "---", 3) != 0 || c->kind != DYAD_ACTOR_PERSON ||
            !c->agent[0] || !state_agent(c->agent) || c->need != NEED_NONE)
            continue;
        const cand *best = NULL;
        long best_score = 0;
        for (size_t pi = c0; pi < w->nc; pi++) {
            const cand *o = &w->c[pi];
            if (o == c || !o->has_country || o->need != NEED_NONE) continue;
            if (o->how && (strncmp(o->how, "role:", 5) == 0 || strncmp(o->how, "title:", 6) == 0))
                continue;
            if (o->kind == DYAD_ACTOR_PERSON) continue;
            int place = strlen(o->code) == 3 && (o->kind == DYAD_ACTOR_COUNTRY ||
                        o->kind == DYAD_ACTOR_CAPITAL || o->kind == DYAD_ACTOR_NATIONALITY);
            long dist = o->head > c->head ? (long)(o->head - c->head) : (long)(c->head - o->head);
            long score = (place ? 1000 : 500) - dist;
            if (!best || score > best_score) { best = o; best_score = score; }
        }
        if (best) {
            memcpy(c->code, best->code, 3);
            c->has_country = 1;
            c->how = dyad_sprintf(doc->arena, "%s+sentence:%.3s", c->how ? c->how : "", best->code);
        } else
            c->need = NEED_COUNTRY;
    }
}

/* ---- step 3: coreference over the document's mentions so far ---- */

static const char *last_word(const char *s)
{
    const char *sp = strrchr(s, ' ');
    return sp ? sp + 1 : s;
}

/* Is the head of an agent mention a body ("the government", "the
 * army") rather than a person ("an official")? Only a body is "it". */
static int body_noun(const dyad_doc *doc, const dyad_actor *a)
{
    static const char *const body[] = { "government", "administration", "cabinet",
        "ministry", "regime", "authority", "leadership", "junta", "military", "army",
        "navy", "police", "court", "parliament", "congress", "senate", "assembly",
        "department", "office", "embassy", "agency", "council", "committee", "force",
        "service", "palace", "state", "legislature", "judiciary", "tribunal",
        "commission", "party", "coalition", "movement", "group", "front", "union",
        "organisation", "organization", "company", "firm", "bank", "media",
        "newspaper", "television", "radio", "consulate", "mission", "alliance",
        "guard", "gendarmerie", "intelligence", "directorate", "bureau", NULL };
    return lc_in(lemma_or_form(&doc->tokens[a->head]), body);
}

/* How well mention a fits a pronoun: 0 not at all, 2 a plural group for
 * "they", else 1. */
static int pron_fit(const dyad_doc *doc, int need, const dyad_actor *a, int plural)
{
    switch (need) {
    case NEED_HE:
        return a->kind == DYAD_ACTOR_PERSON;
    case NEED_IT:
        /* a country, an organisation, or a body such as "the government" */
        return (a->kind == DYAD_ACTOR_COUNTRY || a->kind == DYAD_ACTOR_CAPITAL ||
                a->kind == DYAD_ACTOR_ORG ||
                (a->kind == DYAD_ACTOR_AGENT && strlen(a->code) >= 6 &&
                 state_agent(a->code + 3) && body_noun(doc, a))) && !plural;
    case NEED_THEY:
        if ((a->kind == DYAD_ACTOR_NATIONALITY || a->kind == DYAD_ACTOR_AGENT) && plural) return 2;
        return a->kind == DYAD_ACTOR_COUNTRY || a->kind == DYAD_ACTOR_ORG ||
               a->kind == DYAD_ACTOR_NATIONALITY || a->kind == DYAD_ACTOR_AGENT ||
               (a->kind == DYAD_ACTOR_PRONOUN && plural);
    }
    return 0;
}

static int is_subject(const dyad_doc *doc, const dyad_actor *a)
{
    const dyad_token *t = &doc->tokens[a->head];
    if (t->deprel) return rel_is(t, "nsubj") || rel_is(t, "nsubjpass");
    /* no parse: anything not after a preposition ("a request by the US")
     * may be a subject */
    static const char *const preps[] = { "by", "to", "of", "from", "with", "in", "on",
        "at", "for", "against", "about", "between", "into", "over", NULL };
    uint32_t k = a->tok;
    const dyad_sentence *s = &doc->sentences[a->sent];
    if (k > s->tok && (lc_eq(doc->tokens[k - 1].form, "the") || lc_eq(doc->tokens[k - 1].form, "a")))
        k--;
    if (k == s->tok) return 1;
    return !lc_in(doc->tokens[k - 1].form, preps);
}

static int resolve(dyad_doc *doc, dyad_actor *out, const uint8_t *plural,
                   size_t nout, cand *c, uint32_t sent)
{
    const dyad_token *h = &doc->tokens[c->head];
    int32_t pick = -1;
    if (c->need == NEED_HE || c->need == NEED_IT || c->need == NEED_THEY) {
        /* salience: the kind that fits best, then the nearest sentence, then
         * a subject over other roles, then the latest */
        long best = -1;
        uint32_t reach = c->need == NEED_HE ? 3 : 2;
        /* "de Klerk, who is trying to end his country's isolation": in a
         * clause whose subject is "who"/"which", the pronoun is the noun
         * just before that word (parsers often hang the clause on the
         * verb, not the noun; "the envoy whom he met" is not such a one) */
        const dyad_sentence *s = &doc->sentences[sent];
        const dyad_token *u = h;
        for (int up = 0; up < 8 && u->deprel && u->head > 0 && (uint32_t)u->head <= s->ntok; up++) {
            int32_t verb = (int32_t)(u - &doc->tokens[s->tok]) + 1;
            int32_t who = -1;
            for (uint32_t q = 0; q < s->ntok && who < 0; q++) {
                const dyad_token *r = &doc->tokens[s->tok + q];
                if (r->head == verb && rel_is(r, "nsubj") && r != h &&
                    (lc_eq(r->form, "who") || lc_eq(r->form, "which")))
                    who = (int32_t)q;
            }
            if (who >= 0) {
                uint32_t at = s->tok + (uint32_t)who;
                for (size_t k = nout; k-- > 0 && out[k].sent == sent;) {
                    if (out[k].tok + out[k].ntok > at) continue;
                    /* only a comma may stand between the noun and "who" */
                    int gap = 0;
                    for (uint32_t q = out[k].tok + out[k].ntok; q < at; q++)
                        gap |= doc->tokens[q].upos != DYAD_PUNCT;
                    if (!gap && out[k].code && out[k].code[0] &&
                        pron_fit(doc, c->need, &out[k], plural[k])) {
                        pick = (int32_t)k;
                        best = 1L << 30;
                    }
                    break;
                }
                break;
            }
            if (rel_is(u, "nsubj") || u->head <= 0) break;
            u = &doc->tokens[s->tok + (uint32_t)u->head - 1];
        }
        for (size_t k = nout; k-- > 0;) {
            const dyad_actor *a = &out[k];
            if (sent - a->sent > reach) break;
            if (!a->code || !a->code[0]) continue;
            int fit = pron_fit(doc, c->need, a, plural[k]);
            if (!fit || best == 1L << 30) continue;
            long score = fit * 1000L - (long)(sent - a->sent) * 100L +
                         (is_subject(doc, a) ? 50 : 0);
            if (score > best) { best = score; pick = (int32_t)k; }
        }
    } else {
        /* "the officers" after "five Chinese military officers": the same
         * noun with a country said earlier in the article */
        if (c->need == NEED_COUNTRY && c->agent[0])
            for (size_t k = nout; k-- > 0 && pick < 0;) {
                const dyad_actor *a = &out[k];
                if (sent - a->sent > 10) break;
                if (a->code && has_country_prefix(a->code) && a->kind != DYAD_ACTOR_PRONOUN &&
                    strlen(a->code) > 3 && same_noun(&doc->tokens[a->head], h))
                    pick = (int32_t)k;
            }
        if (pick >= 0) {
            snprintf(c->code, sizeof c->code, "%s", out[pick].code);
            c->how = dyad_sprintf(doc->arena, "coref:%s", out[pick].text);
            c->antecedent = pick;
            c->need = NEED_NONE;
            return 1;
        }
        long best = 0;
        for (size_t k = nout; k-- > 0;) {
            const dyad_actor *a = &out[k];
            if (!a->code || !a->code[0]) continue;
            uint32_t dist = sent - a->sent;
            if (c->need == NEED_COUNTRY && dist > 3) break;
            if (c->need == NEED_SURNAME) {
                if (a->kind == DYAD_ACTOR_PERSON && lc_eq(last_word(a->text), h->form)) {
                    pick = (int32_t)k;
                    break;
                }
            } else if (c->need == NEED_COUNTRY && dist <= 3 && has_country_prefix(a->code) &&
                     a->kind != DYAD_ACTOR_PRONOUN &&
                     /* "the country" is a country; "the government" may be the
                      * government of a nationality just said */
                     (a->kind == DYAD_ACTOR_COUNTRY || a->kind == DYAD_ACTOR_CAPITAL ||
                      (c->agent[0] && a->kind != DYAD_ACTOR_PERSON))) {
                /* the nearest sentence; in it, the subject before a place
                 * said in passing ("Sri Lanka opened an embassy in
                 * Tehran, the foreign ministry said") */
                /* a named official with no country of his own
                 * ("Foreign Minister X said") belongs to what the
                 * earlier sentence is about, its subject, not to the
                 * last place it named ("... attributed the attack to
                 * Beijing") */
                int subj_counts = dist == 0 || c->kind == DYAD_ACTOR_PERSON;
                long score = 10000 - (long)dist * 100 + (subj_counts && is_subject(doc, a) ? 50 : 0);
                if (pick < 0 || score > best) { pick = (int32_t)k; best = score; }
            }
        }
    }
    if (pick < 0) return 0;
    const dyad_actor *a = &out[pick];
    if (c->need == NEED_COUNTRY) {
        snprintf(c->code, sizeof c->code, "%.3s", a->code);
        if (c->agent[0]) add_agent(c->code, sizeof c->code, c->agent, 0);
        c->how = c->agent[0] ? dyad_sprintf(doc->arena, "coref:%s+%s", a->text, c->agent)
                             : dyad_sprintf(doc->arena, "coref:%s", a->text);
    } else {
        snprintf(c->code, sizeof c->code, "%s", a->code);
        c->how = dyad_sprintf(doc->arena, "coref:%s", a->text);
    }
    c->antecedent = pick;
    c->need = NEED_NONE;
    return 1;
}

/* "the two sides": the latest two mentions of different countries. */
static void find_sides(const dyad_actor *out, size_t nout, uint32_t sent,
                       int32_t *a, int32_t *b)
{
    *a = *b = -1;
    for (size_t k = nout; k-- > 0;) {
        if (!out[k].code || !out[k].code[0] || sent - out[k].sent > 4) continue;
        if (out[k].kind == DYAD_ACTOR_PRONOUN || !has_country_prefix(out[k].code)) continue;
        if (*a < 0) { *a = (int32_t)k; continue; }
        if (strncmp(out[k].code, out[*a].code, 3) != 0) { *b = (int32_t)k; break; }
    }
}

int dyad_actor_sides(const dyad_doc *doc, int32_t i, int32_t sides[2])
{
    if (i < 0 || (size_t)i >= doc->nactors) return 0;
    const dyad_actor *m = &doc->actors[i];
    if (!m->how || strncmp(m->how, "coref:two sides=", 16) != 0) return 0;
    int32_t a, b;
    find_sides(doc->actors, (size_t)i, m->sent, &a, &b);
    if (a < 0 || b < 0) return 0;
    sides[0] = b;
    sides[1] = a;
    return 1;
}

static int resolve_sides(dyad_doc *doc, dyad_actor *out, size_t nout, cand *c,
                         uint32_t sent)
{
    int32_t a, b;
    find_sides(out, nout, sent, &a, &b);
    if (b < 0) return 0;
    c->code[0] = 0;
    c->antecedent = b;
    c->how = dyad_sprintf(doc->arena, "coref:two sides=%s+%s", out[b].code, out[a].code);
    c->need = NEED_NONE;
    return 1;
}

/* The dateline ("GAZA CITY, Palestinian Territories (AP) --"): where it
 * ends in doc->text (0 if the text does not start with it) and the
 * country of its first place the dictionaries know. */
static void dateline(const dyad_actor_dict *d, const dyad_doc *doc,
                     uint32_t *end, char country[4])
{
    *end = 0;
    country[0] = 0;
    const char *dl = doc->dateline;
    if (!dl || !*dl || !doc->text) return;
    size_t n = strlen(dl);
    const char *at = strstr(doc->text, dl);
    if (at && at - doc->text < 400) *end = (uint32_t)(at - doc->text + (ptrdiff_t)n);
    for (const char *p = dl; *p && !country[0];) {
        size_t k = strcspn(p, ",(-");
        char key[256];
        size_t kn = actor_key(p, k, key, sizeof key);
        const phrase_slot *sl = actor_dict_find(d, key, kn);
        for (int32_t e = sl ? sl->entry : -1; e >= 0; e = d->e[e].next) {
            const actor_entry *x = &d->e[e];
            if ((x->type == AE_COUNTRY || x->type == AE_CAPITAL || x->type == AE_NATIONALITY) &&
                has_country_prefix(x->code)) {
                memcpy(country, x->code, 3);
                country[3] = 0;
                break;
            }
        }
        p += k;
        while (*p && strchr(",(-", *p)) p++;
    }
}

/* Is a military mention with no country a force of an international
 * body ("a regional peacekeeping force", "multinational troops")? Not
 * plain "peacekeepers": a country deploys its own ("Pakistan refused to
 * deploy peacekeepers"). */
static int intl_force(const dyad_doc *doc, const cand *c)
{
    static const char *const w[] = { "multinational", "international", "regional",
        "multi-national", "intervention", NULL };
    for (uint32_t k = c->first; k <= c->last; k++)
        if (lc_in(doc->tokens[k].form, w) || lc_in(doc->tokens[k].lemma, w)) return 1;
    return 0;
}

/* States born after the field's dictionaries were written, with the
 * state their territory belonged to before. */
static const struct { const char *code, *before; uint32_t from; } successor[] = {
    { "SSD", "SDN", 20110709 },   /* South Sudan's independence */
    { NULL, NULL, 0 }
};

static int cand_cmp(const void *x, const void *y)
{
    const cand *a = x, *b = y;
    if (a->first != b->first) return a->first < b->first ? -1 : 1;
    return a->head < b->head ? -1 : a->head > b->head;
}

dyad_status dyad_actors_find(const dyad_actor_dict *d, dyad_doc *doc,
                             dyad_error *err)
{
    (void)err;
    doc->actors = NULL;
    doc->nactors = 0;
    if (!d || !doc->tokens || !doc->text) return DYAD_OK;
    uint32_t date = actor_date(doc->date && *doc->date ? doc->date : doc->given_date);
    uint32_t dl_end = 0;
    char dl_country[4] = "";
    dateline(d, doc, &dl_end, dl_country);
    scratch w = {0};
    size_t cap = 0;
    dyad_actor *out = NULL;
    uint8_t *plural = NULL;     /* per mention: a plural group, for "they" */
    size_t nout = 0;
    for (size_t si = 0; si < doc->nsentences; si++) {
        const dyad_sentence *s = &doc->sentences[si];
        if (s->tok + s->ntok > doc->ntokens) break;
        if (s->ntok > w.cap) {
            w.cap = s->ntok * 2;
            w.match = xrealloc(w.match, w.cap * sizeof *w.match);
            w.uf = xrealloc(w.uf, w.cap * sizeof *w.uf);
            w.rep = xrealloc(w.rep, w.cap * sizeof *w.rep);
            w.mem = xrealloc(w.mem, w.cap * sizeof *w.mem);
            w.mstart = xrealloc(w.mstart, (w.cap + 1) * sizeof *w.mstart);
        }
        w.nc = 0;
        find_names(d, doc, s, &w);
        build_phrases(d, doc, s, &w, date);
        if (w.nc > 1) qsort(w.c, w.nc, sizeof *w.c, cand_cmp);
        for (size_t ci = 0; ci < w.nc; ci++) {
            cand *c = &w.c[ci];
            if (c->need == NEED_SIDES) { if (!resolve_sides(doc, out, nout, c, (uint32_t)si)) continue; }
            else if (c->need == NEED_SURNAME) {
                /* an earlier full name decides; else keep the dictionary's reading */
                int had = c->code[0] != 0;
                if (!resolve(doc, out, plural, nout, c, (uint32_t)si) && !had) continue;
                c->need = NEED_NONE;
            } else if (c->need == NEED_COUNTRY) {
                int had = c->code[0] != 0;
                if (!resolve(doc, out, plural, nout, c, (uint32_t)si)) {
                    /* nothing said before: "the government" of the place
                     * the same sentence names later ("Insurgents attacked
                     * the government's positions in Syria") */
                    const cand *later = NULL;
                    for (size_t k = ci + 1; k < w.nc && !later; k++)
                        if (w.c[k].has_country && w.c[k].need == NEED_NONE && strlen(w.c[k].code) == 3 &&
                            (w.c[k].kind == DYAD_ACTOR_COUNTRY || w.c[k].kind == DYAD_ACTOR_CAPITAL ||
                             w.c[k].kind == DYAD_ACTOR_NATIONALITY) &&
                            /* not another party's: "The government thanked
                             * China's ..." is not China's government */
                            !rel_is(&doc->tokens[w.c[k].head], "nmod:poss"))
                            later = &w.c[k];
                    if (later && c->agent[0] && state_agent(c->agent)) {
                        snprintf(c->code, sizeof c->code, "%.3s", later->code);
                        add_agent(c->code, sizeof c->code, c->agent, 0);
                        c->how = dyad_sprintf(doc->arena, "%s+sentence:%.3s", c->how ? c->how : "", later->code);
                        c->need = NEED_NONE;
                    } else if (!had) continue;
                }
            } else if (c->need && !resolve(doc, out, plural, nout, c, (uint32_t)si)) continue;
            /* "its troops", "NATO peacekeeping troops" split by the parse:
             * a role with no country right after a mention of a country,
             * organisation or a possessive pronoun belongs to it (not
             * after a subject or object: "gave Russia troops") */
            if (nout > 0 && strncmp(c->code, "---", 3) == 0 && c->agent[0] && c->code[3]) {
                const dyad_actor *pv = &out[nout - 1];
                const dyad_token *ph = &doc->tokens[pv->head];
                int pron = pv->kind == DYAD_ACTOR_PRONOUN && rel_is(ph, "nmod:poss"), org_poss = 0;
                /* "Montenegro Municipality Association (AKK) officials":
                 * an acronym in brackets between them */
                uint32_t nx = pv->tok + pv->ntok;
                if (nx < c->first && lc_eq(doc->tokens[nx].form, "(")) {
                    uint32_t q = nx + 1;
                    while (q < c->first && q < nx + 5 && !lc_eq(doc->tokens[q].form, ")")) q++;
                    if (q + 1 == c->first && lc_eq(doc->tokens[q].form, ")")) nx = c->first;
                }
                /* "Algeria's leading human rights activist" parsed apart:
                 * the possessive says whose, whatever the parse */
                if (nx < c->first && (lc_eq(doc->tokens[nx].form, "'s") ||
                                      lc_eq(doc->tokens[nx].form, "\u2019s"))) {
                    uint32_t q = nx + 1;
                    while (q < c->first && q < nx + 4 &&
                           (doc->tokens[q].upos == DYAD_ADJ || doc->tokens[q].upos == DYAD_ADV ||
                            doc->tokens[q].upos == DYAD_NUM ||
                            (doc->tokens[q].upos == DYAD_VERB && doc->tokens[q].xpos &&
                             (strcmp(doc->tokens[q].xpos, "VBG") == 0 ||
                              strcmp(doc->tokens[q].xpos, "VBN") == 0))))
                        q++;
                    if (q == c->first && !c->relational && (pv->kind == DYAD_ACTOR_COUNTRY ||
                                          pv->kind == DYAD_ACTOR_CAPITAL ||
                                          pv->kind == DYAD_ACTOR_NATIONALITY))
                        nx = c->first, pron = 1;
                    /* "the European Union's foreign policy chief": the
                     * organisation's own, with its whole code */
                    else if (q == c->first && !c->relational && pv->kind == DYAD_ACTOR_ORG)
                        nx = c->first, org_poss = 1;
                }
                if (pv->sent == si && nx == c->first && pv->code &&
                    pv->code[0] && strncmp(pv->code, "---", 3) != 0 &&
                    (pron || org_poss ||
                     ((pv->kind == DYAD_ACTOR_COUNTRY || pv->kind == DYAD_ACTOR_NATIONALITY ||
                               pv->kind == DYAD_ACTOR_ORG) &&
                              !rel_is(ph, "nsubj") && !rel_is(ph, "obj") && !rel_is(ph, "iobj") &&
                              !rel_is(ph, "obl")))) {
                    char code[40];
                    snprintf(code, sizeof code, "%s", pron || pv->kind != DYAD_ACTOR_ORG
                             ? (const char[4]){ pv->code[0], pv->code[1], pv->code[2], 0 } : pv->code);
                    add_agent(code, sizeof code, c->agent, 0);
                    memcpy(c->code, code, sizeof c->code);
                    c->how = dyad_sprintf(doc->arena, "%s+next to:%s", c->how ? c->how : "", pv->text);
                }
            }
            /* the dateline places the story, it is not an actor */
            if (doc->tokens[c->first].start < dl_end) continue;
            /* "police", "four children" with no country anywhere: the
             * country of the dateline */
            if (dl_country[0] && strncmp(c->code, "---", 3) == 0 && c->code[3] &&
                local_agent(c->code + 3)) {
                memcpy(c->code, dl_country, 3);
                c->how = dyad_sprintf(doc->arena, "%s+dateline:%s", c->how ? c->how : "", dl_country);
            }
            /* "a human rights group", "an aid agency" with no country:
             * CAMEO puts them under NGO (an activist is a person, not an
             * organisation) */
            if (strncmp(c->code, "---", 3) == 0 && !lc_eq(doc->tokens[c->head].lemma, "activist") &&
                (strncmp(c->code + 3, "HRI", 3) == 0 || strncmp(c->code + 3, "NGO", 3) == 0)) {
                char code[40];
                snprintf(code, sizeof code, "NGO%s", strncmp(c->code + 3, "NGO", 3) == 0
                         ? c->code + 6 : c->code + 3);
                memcpy(c->code, code, sizeof c->code);
            }
            /* "a regional / multinational force" with no country serves
             * an international body: IGOMIL */
            if (strncmp(c->code, "---MIL", 6) == 0 && c->code[6] == 0 && intl_force(doc, c))
                memcpy(c->code, "IGOMIL", 7);
            /* a state that did not exist yet on the article's date: its
             * places belonged to the state it left ("Juba" in 2000 → SDN) */
            for (int k = 0; date && successor[k].code; k++)
                if (date < successor[k].from && strncmp(c->code, successor[k].code, 3) == 0) {
                    memcpy(c->code, successor[k].before, 3);
                    c->how = dyad_sprintf(doc->arena, "%s+before %u:%s", c->how ? c->how : "",
                                          successor[k].from, successor[k].before);
                }
            if (nout == cap) {
                cap = cap ? cap * 2 : 16;
                out = dyad_grow(doc->arena, out, nout, cap, sizeof *out);
                plural = xrealloc(plural, cap);
            }
            dyad_actor *a = &out[nout++];
            a->sent = (uint32_t)si;
            a->tok = c->first;
            a->ntok = c->last - c->first + 1;
            a->head = c->head;
            a->code = dyad_strdup(doc->arena, c->code);
            a->text = dyad_strndup(doc->arena, doc->text + doc->tokens[c->first].start,
                                   doc->tokens[c->last].end - doc->tokens[c->first].start);
            a->how = c->how ? c->how : "";
            plural[nout - 1] = c->plural;
            a->kind = c->kind;
            a->antecedent = c->antecedent;
        }
    }
    doc->actors = out;
    doc->nactors = nout;
    free(w.match);
    free(w.uf);
    free(w.rep);
    free(w.mem);
    free(w.mstart);
    free(w.ms);
    free(w.c);
    free(plural);
    return DYAD_OK;
}

int32_t dyad_actor_at(const dyad_doc *doc, uint32_t tok)
{
    for (size_t i = 0; i < doc->nactors; i++)
        if (doc->actors[i].head == tok) return (int32_t)i;
    return -1;
}

/* Every mention dyad_actors_find keeps is a dictionary name (or contains
 * one), or a word resolved to a mention made before it; so a document in
 * which find_names matches nothing has no actors, whatever its parse.
 * find_names reads words, tags and lemmas only. Keep it in step with
 * dyad_actors_find's sources of mentions. */
int dyad_actors_possible(const dyad_actor_dict *d, const dyad_doc *doc)
{
    if (!d || !doc->tokens || !doc->text) return 0;
    scratch w = {0};
    int found = 0;
    for (size_t si = 0; si < doc->nsentences && !found; si++) {
        const dyad_sentence *s = &doc->sentences[si];
        if (s->tok + s->ntok > doc->ntokens) break;
        if (s->ntok > w.cap) {
            w.cap = s->ntok * 2;
            w.match = xrealloc(w.match, w.cap * sizeof *w.match);
        }
        find_names(d, doc, s, &w);
        found = w.nms > 0;
    }
    free(w.match);
    free(w.ms);
    return found;
}
