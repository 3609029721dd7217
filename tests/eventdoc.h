/* eventdoc.h — builds a parsed dyad_doc from CoNLL-U lines, for the
 * events tests and scorers: they code gold or hand-made parses without the
 * text and syntax stages. A word's MISC column may carry "Actor=CODE" (an
 * actor mention headed by that word, for tests that do not depend on the
 * actors stage). Header-only so bench/ and tests/ share it. */
#ifndef DYAD_EVENTDOC_H
#define DYAD_EVENTDOC_H

#include <stdlib.h>
#include <string.h>

#include "dyad.h"

/* Append one sentence of CoNLL-U word lines (comments, ranges and empty
 * nodes skipped) to doc. Returns the number of words added. */
static inline size_t eventdoc_add_sentence(dyad_doc *d, const char *conllu)
{
    size_t cap = 0, n0 = d->ntokens;
    for (const char *p = conllu; *p; p++) cap += *p == '\n';
    cap += 1;
    dyad_token *tok = dyad_grow(d->arena, d->tokens, d->ntokens, d->ntokens + cap,
                                sizeof *tok);
    d->tokens = tok;
    /* the text grows too: forms joined by spaces */
    size_t tlen = d->text_len, tcap = tlen + strlen(conllu) + 4;
    char *text = dyad_alloc(d->arena, tcap);
    if (d->text) memcpy(text, d->text, tlen);
    if (tlen) text[tlen++] = ' ';
    uint32_t sstart = (uint32_t)tlen;
    size_t nact = d->nactors;
    dyad_actor *act = d->actors;
    for (const char *line = conllu; *line;) {
        const char *e = strchr(line, '\n');
        size_t len = e ? (size_t)(e - line) : strlen(line);
        char *l = dyad_strndup(d->arena, line, len);
        line += len + (e ? 1 : 0);
        if (!*l || *l == '#') continue;
        char *f[10];
        int nf = 0;
        for (char *q = l; nf < 10;) {
            f[nf++] = q;
            q = strchr(q, '\t');
            if (!q) break;
            *q++ = 0;
        }
        if (nf < 8 || strchr(f[0], '-') || strchr(f[0], '.')) continue;
        dyad_token *t = &tok[d->ntokens++];
        memset(t, 0, sizeof *t);
        size_t fl = strlen(f[1]);
        t->start = (uint32_t)tlen;
        memcpy(text + tlen, f[1], fl);
        tlen += fl;
        t->end = (uint32_t)tlen;
        t->form = f[1];
        t->lemma = f[2];
        t->upos = (uint8_t)dyad_upos_from_name(f[3]);
        t->xpos = f[4];
        t->feats = strcmp(f[5], "_") ? f[5] : NULL;
        t->head = atoi(f[6]);
        t->deprel = f[7];
        t->space_after = !(nf > 9 && strstr(f[9], "SpaceAfter=No"));
        if (t->space_after) text[tlen++] = ' ';
        const char *a = nf > 9 ? strstr(f[9], "Actor=") : NULL;
        if (a) {
            a += 6;
            size_t al = strcspn(a, "|");
            act = dyad_grow(d->arena, act, nact, nact + 1, sizeof *act);
            dyad_actor *m = &act[nact++];
            memset(m, 0, sizeof *m);
            m->tok = m->head = (uint32_t)(d->ntokens - 1);
            m->ntok = 1;
            m->code = dyad_strndup(d->arena, a, al);
            m->text = t->form;
            m->how = "test";
            m->kind = DYAD_ACTOR_OTHER;
            m->antecedent = -1;
        }
    }
    /* UD v1 parses (the PETRARCH gold files) in UD v2 relations */
    for (size_t i = n0; i < d->ntokens; i++) {
        dyad_token *t = &tok[i];
        static const char *const v1[][2] = {
            {"dobj", "obj"}, {"nsubjpass", "nsubj:pass"}, {"csubjpass", "csubj:pass"},
            {"auxpass", "aux:pass"}, {"name", "flat"}, {"neg", "advmod"},
            {"mwe", "fixed"}, {"nmod:agent", "obl:agent"}, {"nmod:tmod", "obl:tmod"},
            {"nmod:npmod", "obl:npmod"}};
        for (size_t k = 0; k < sizeof v1 / sizeof v1[0]; k++)
            if (strcmp(t->deprel, v1[k][0]) == 0) t->deprel = v1[k][1];
        /* v1 "nmod" of a verb or adjective is v2 "obl" */
        if (strcmp(t->deprel, "nmod") == 0 && t->head > 0 &&
            n0 + (size_t)t->head - 1 < d->ntokens) {
            uint8_t hu = tok[n0 + (size_t)t->head - 1].upos;
            if (hu == DYAD_VERB || hu == DYAD_ADJ || hu == DYAD_AUX) t->deprel = "obl";
        }
    }
    while (tlen > sstart && text[tlen - 1] == ' ') tlen--;
    text[tlen] = 0;
    d->text = text;
    d->text_len = tlen;
    d->actors = act;
    d->nactors = nact;
    size_t added = d->ntokens - n0;
    if (added) {
        dyad_sentence *s = dyad_grow(d->arena, d->sentences, d->nsentences,
                                     d->nsentences + 1, sizeof *s);
        d->sentences = s;
        dyad_sentence *S = &s[d->nsentences];
        S->start = sstart;
        S->end = (uint32_t)tlen;
        S->tok = (uint32_t)n0;
        S->ntok = (uint32_t)added;
        S->paragraph = 0;
        d->nsentences++;
    }
    return added;
}

#endif
