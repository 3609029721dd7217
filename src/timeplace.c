/* timeplace.c — gives each event its date and place.
 *
 * Date: the time expression its own clause attaches to it — in the parse,
 * an expression whose head word depends on the event word ("charged … in
 * May": obl; "next month will urge": obl:tmod; "a year ago": advmod), or on
 * a noun that depends on it ("the talks in May"); else a date elsewhere in
 * its sentence, the nearest one not attached to another event; else the
 * publication date. Partial dates stay partial ("2014-05"); durations and
 * sets never date an event. date_text holds the words ("" = publication).
 *
 * Place: likewise a place attached by "in/at/near/…" to the event word or
 * to a noun that depends on it ("held a summit in California", "the talks
 * in Beijing"); without a parse, a place after such a word in the sentence;
 * else the dateline's place. */
#include "dyad.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* A TIMEX3 value that can date an event: a calendar value with a known
 * year ("2014", "2014-05", "2014-W28", "2014-06-27T12:08" → its day). */
static const char *event_value(dyad_arena *a, const char *v)
{
    if (!v || !isdigit((unsigned char)v[0]) || !isdigit((unsigned char)v[1]) ||
        !isdigit((unsigned char)v[2]) || !isdigit((unsigned char)v[3]))
        return NULL;
    const char *t = strchr(v, 'T');
    if (strchr(v, 'X')) return NULL;
    if (t && t - v == 10) return dyad_strndup(a, v, 10);
    return v;
}

/* The publication date, at most to the day. */
static const char *pub_date(const dyad_doc *d)
{
    const char *s = d->date ? d->date : d->given_date;
    if (!s || strlen(s) < 4) return NULL;
    if (strlen(s) > 10 && s[4] == '-' && s[7] == '-') return dyad_strndup(d->arena, s, 10);
    return s;
}

static int parsed(const dyad_doc *d, uint32_t sent)
{
    if (sent >= d->nsentences) return 0;
    const dyad_sentence *s = &d->sentences[sent];
    return s->ntok && d->tokens[s->tok].head >= 0 && d->tokens[s->tok].deprel;
}

/* Doc-level index of the head of token k (its sentence's), -1 for root or
 * none. */
static long head_of(const dyad_doc *d, const dyad_sentence *s, size_t k)
{
    int32_t h = d->tokens[k].head;
    if (h <= 0 || (uint32_t)h > s->ntok) return -1;
    return (long)s->tok + h - 1;
}

/* The head word of the byte span [b, e) in sentence s: the token in the
 * span whose head lies outside it. -1 if no token is inside. */
static long span_head(const dyad_doc *d, const dyad_sentence *s, uint32_t b, uint32_t e)
{
    long first = -1;
    for (size_t k = s->tok; k < s->tok + s->ntok; k++) {
        const dyad_token *t = &d->tokens[k];
        if (t->start < b || t->end > e) continue;
        if (first < 0) first = (long)k;
        long h = head_of(d, s, k);
        if (h < 0) return (long)k;
        const dyad_token *ht = &d->tokens[h];
        if (ht->start < b || ht->end > e) return (long)k;
    }
    return first;
}

static int rel_is(const dyad_token *t, const char *r)
{
    size_t L = strlen(r);
    return t->deprel && !strncmp(t->deprel, r, L) && (t->deprel[L] == 0 || t->deprel[L] == ':');
}

/* How closely the word h attaches to the event word v: 2 directly, 1
 * through one noun that depends on v (its object, subject or oblique),
 * 0 not at all. */
static int attaches(const dyad_doc *d, const dyad_sentence *s, long h, uint32_t v)
{
    if (h < 0) return 0;
    long g = head_of(d, s, (size_t)h);
    if (g == (long)v) return 2;
    if (g < 0) return 0;
    const dyad_token *gt = &d->tokens[g];
    if (head_of(d, s, (size_t)g) == (long)v &&
        (rel_is(gt, "obj") || rel_is(gt, "obl") || rel_is(gt, "nsubj") || rel_is(gt, "iobj")) &&
        gt->upos != DYAD_VERB)
        return 1;
    return 0;
}

/* The preposition ("case" dependent) of token h, or NULL. */
static const char *case_of(const dyad_doc *d, const dyad_sentence *s, long h)
{
    for (size_t k = s->tok; k < s->tok + s->ntok; k++)
        if (head_of(d, s, k) == h && rel_is(&d->tokens[k], "case")) return d->tokens[k].form;
    return NULL;
}

static int locative_word(const char *w)
{
    static const char *const loc[] = {"in", "at", "near", "outside", "inside",
        "across", "throughout", "into", "around", NULL};
    if (!w) return 0;
    for (int k = 0; loc[k]; k++)
        if (!strcasecmp(w, loc[k])) return 1;
    return 0;
}

/* Without a parse: the word before byte b in the text. */
static int locative_before(const dyad_doc *d, uint32_t b)
{
    const char *t = d->text;
    long e = (long)b - 1;
    while (e >= 0 && isspace((unsigned char)t[e])) e--;
    long s = e;
    while (s >= 0 && isalpha((unsigned char)t[s])) s--;
    if (e - s <= 0 || e - s > 10) return 0;
    char w[12];
    memcpy(w, t + s + 1, (size_t)(e - s));
    w[e - s] = 0;
    return locative_word(w);
}

static void date_event(dyad_doc *d, dyad_event *ev)
{
    const dyad_sentence *s = ev->sent < d->nsentences ? &d->sentences[ev->sent] : NULL;
    int p = s && parsed(d, ev->sent) && ev->verb < d->ntokens;
    const dyad_timex *best = NULL;
    int bestk = 0;
    long bestdist = 0;
    uint32_t vpos = ev->verb < d->ntokens ? d->tokens[ev->verb].start : 0;
    for (size_t i = 0; i < d->ntimexes; i++) {
        const dyad_timex *t = &d->timexes[i];
        if (t->sent != ev->sent) continue;
        if (t->type != DYAD_TIMEX_DATE && t->type != DYAD_TIMEX_TIME) continue;
        int usable = event_value(d->arena, t->value) || !strcmp(t->value, "PRESENT_REF");
        if (!usable) continue;
        int k = 0;
        if (p) {
            long h = span_head(d, s, t->start, t->end);
            k = attaches(d, s, h, ev->verb);
            if (!k) {
                /* attached to another event's word: not ours */
                int other = 0;
                for (size_t j = 0; j < d->nevents && !other; j++)
                    if (d->events[j].sent == ev->sent && d->events[j].verb != ev->verb &&
                        attaches(d, s, h, d->events[j].verb) == 2)
                        other = 1;
                if (other) continue;
            }
        }
        long dist = (long)t->start - (long)vpos;
        if (dist < 0) dist = -dist;
        if (!best || k > bestk || (k == bestk && dist < bestdist)) {
            best = t;
            bestk = k;
            bestdist = dist;
        }
    }
    if (best) {
        const char *v = event_value(d->arena, best->value);
        ev->date = v ? v : pub_date(d);
        ev->date_text = best->text;
        return;
    }
    ev->date = pub_date(d);
    ev->date_text = "";
}

static void place_event(dyad_doc *d, dyad_event *ev)
{
    const dyad_sentence *s = ev->sent < d->nsentences ? &d->sentences[ev->sent] : NULL;
    int p = s && parsed(d, ev->sent) && ev->verb < d->ntokens;
    uint32_t vpos = ev->verb < d->ntokens ? d->tokens[ev->verb].start : 0;
    const dyad_place *best = NULL;
    int bestk = 0;
    long bestdist = 0;
    for (size_t i = 0; i < d->nplaces; i++) {
        const dyad_place *pl = &d->places[i];
        if (pl->sent != ev->sent) continue;
        int k;
        if (p) {
            long h = span_head(d, s, pl->start, pl->end);
            k = attaches(d, s, h, ev->verb);
            if (!k || !locative_word(case_of(d, s, h))) continue;
        } else {
            if (!locative_before(d, pl->start)) continue;
            k = pl->start > vpos ? 1 : 0;
        }
        long dist = (long)pl->start - (long)vpos;
        if (dist < 0) dist = -dist;
        if (!best || k > bestk || (k == bestk && dist < bestdist)) {
            best = pl;
            bestk = k;
            bestdist = dist;
        }
    }
    if (best) {
        ev->has_location = 1;
        ev->location = best->loc;
    } else if (d->has_dateline_place) {
        ev->has_location = 1;
        ev->location = d->dateline_place;
    } else {
        ev->has_location = 0;
    }
}

dyad_status dyad_timeplace(dyad_doc *doc, dyad_error *err)
{
    (void)err;
    for (size_t i = 0; i < doc->nevents; i++) {
        date_event(doc, &doc->events[i]);
        place_event(doc, &doc->events[i]);
    }
    return DYAD_OK;
}
