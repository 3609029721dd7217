/* text.c — STUB (text stage owner replaces): one sentence, whitespace tokens. */
#include "dyad.h"
#include <string.h>
dyad_status dyad_text(dyad_doc *doc, dyad_error *err)
{
    (void)err;
    size_t cap = 16, n = 0;
    dyad_token *t = dyad_alloc(doc->arena, cap * sizeof *t);
    const char *s = doc->text;
    size_t i = 0, len = doc->text_len;
    while (i < len) {
        while (i < len && strchr(" \t\r\n", s[i])) i++;
        if (i >= len) break;
        size_t j = i;
        while (j < len && !strchr(" \t\r\n", s[j])) j++;
        if (n == cap) { t = dyad_grow(doc->arena, t, n, cap * 2, sizeof *t); cap *= 2; }
        t[n].start = (uint32_t)i; t[n].end = (uint32_t)j;
        t[n].form = dyad_strndup(doc->arena, s + i, j - i);
        t[n].head = -1;
        t[n].space_after = j < len;
        n++;
        i = j;
    }
    doc->tokens = t; doc->ntokens = n;
    if (n) {
        doc->sentences = dyad_alloc(doc->arena, sizeof *doc->sentences);
        doc->sentences[0].start = t[0].start; doc->sentences[0].end = t[n-1].end;
        doc->sentences[0].ntok = (uint32_t)n;
        doc->nsentences = 1;
    }
    return DYAD_OK;
}
