/* actors_conllu.h — builds a dyad_doc from CoNLL-U rows (gold parses), so
 * the actors stage can be tested and measured before dyad's own parser
 * runs: the text is the forms joined by spaces (none where the MISC column
 * says SpaceAfter=No). Used by tests/test_actors.c and bench/eval-actors.c.
 * Accepts ten tab-separated columns per word; skips comments, multiword
 * ranges and empty nodes; a blank line ends a sentence. */
#ifndef DYAD_ACTORS_CONLLU_H
#define DYAD_ACTORS_CONLLU_H

#include <stdlib.h>
#include <string.h>

#include "dyad.h"

static inline const char *conllu_field(dyad_arena *a, const char *s, size_t n)
{
    if (n == 1 && s[0] == '_') return NULL;
    return dyad_strndup(a, s, n);
}

/* Append the CoNLL-U text (len bytes) as sentences of doc. Returns the
 * number of words added. */
static inline size_t conllu_append(dyad_doc *doc, const char *s, size_t len)
{
    dyad_buf text = {0};
    if (doc->text) dyad_buf_put(&text, doc->text, doc->text_len);
    size_t capt = doc->ntokens + 64, caps = doc->nsentences + 8, added = 0;
    dyad_token *toks = dyad_grow(doc->arena, doc->tokens, doc->ntokens, capt, sizeof *toks);
    dyad_sentence *sents = dyad_grow(doc->arena, doc->sentences, doc->nsentences, caps, sizeof *sents);
    size_t nt = doc->ntokens, ns = doc->nsentences;
    int open = 0, space_pending = text.len > 0;
    const char *end = s + len;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *le = nl ? nl : end;
        size_t n = (size_t)(le - s);
        if (n && s[n - 1] == '\r') n--;
        const char *line = s;
        s = nl ? nl + 1 : end;
        if (n == 0) {
            if (open) { sents[ns - 1].end = (uint32_t)text.len; open = 0; }
            continue;
        }
        if (line[0] == '#') continue;
        const char *f[10];
        size_t fl[10], k = 0;
        const char *p = line;
        while (k < 10) {
            const char *t = memchr(p, '\t', (size_t)(line + n - p));
            f[k] = p;
            fl[k] = t ? (size_t)(t - p) : (size_t)(line + n - p);
            k++;
            if (!t) break;
            p = t + 1;
        }
        if (k < 8) continue;
        if (memchr(f[0], '-', fl[0]) || memchr(f[0], '.', fl[0])) continue;
        if (!open) {
            if (ns == caps) {
                caps *= 2;
                sents = dyad_grow(doc->arena, sents, ns, caps, sizeof *sents);
            }
            if (text.len) space_pending = 1;
            sents[ns] = (dyad_sentence){ .start = (uint32_t)text.len + (uint32_t)space_pending,
                                         .tok = (uint32_t)nt };
            ns++;
            open = 1;
        }
        if (nt == capt) {
            capt *= 2;
            toks = dyad_grow(doc->arena, toks, nt, capt, sizeof *toks);
        }
        if (space_pending) dyad_buf_putc(&text, ' ');
        dyad_token *t = &toks[nt++];
        memset(t, 0, sizeof *t);
        t->start = (uint32_t)text.len;
        dyad_buf_put(&text, f[1], fl[1]);
        t->end = (uint32_t)text.len;
        t->form = dyad_strndup(doc->arena, f[1], fl[1]);
        t->lemma = conllu_field(doc->arena, f[2], fl[2]);
        char up[16];
        snprintf(up, sizeof up, "%.*s", (int)(fl[3] < 15 ? fl[3] : 15), f[3]);
        t->upos = (uint8_t)dyad_upos_from_name(up);
        if (!t->upos && strcmp(up, "CONJ") == 0) t->upos = DYAD_CCONJ; /* UD v1 */
        t->xpos = conllu_field(doc->arena, f[4], fl[4]);
        t->feats = conllu_field(doc->arena, f[5], fl[5]);
        t->head = (int32_t)strtol(f[6], NULL, 10);
        t->deprel = conllu_field(doc->arena, f[7], fl[7]);
        space_pending = !(k >= 10 && fl[9] >= 13 && memmem(f[9], fl[9], "SpaceAfter=No", 13));
        t->space_after = (uint8_t)space_pending;
        sents[ns - 1].ntok++;
        added++;
    }
    if (open) sents[ns - 1].end = (uint32_t)text.len;
    doc->text = dyad_strndup(doc->arena, text.s ? text.s : "", text.len);
    doc->text_len = text.len;
    /* the copy moved the text: forms stay valid, offsets too */
    doc->tokens = toks;
    doc->ntokens = nt;
    doc->sentences = sents;
    doc->nsentences = ns;
    dyad_buf_free(&text);
    return added;
}

#endif
