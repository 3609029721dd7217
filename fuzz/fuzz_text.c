/* fuzz_text.c — libFuzzer target for the article and text stages: any
 * bytes as a document's raw text, through dyad_article and dyad_text to
 * CoNLL-U, checking what the text stage promises (every form is its exact
 * byte span, sentences cover their words in order). Built by fuzz/build. */
#include "dyad.h"

#include <stdlib.h>
#include <string.h>

static void check(int ok)
{
    if (!ok) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dyad_doc *d = dyad_doc_new();
    d->id = "fuzz";
    d->path = "fuzz";
    d->line = 1;
    d->raw = dyad_strndup(d->arena, (const char *)data, size);
    d->raw_len = size;
    dyad_error err;
    if (dyad_article(d, &err) == DYAD_OK && dyad_text(d, &err) == DYAD_OK) {
        size_t next = 0;
        for (size_t i = 0; i < d->nsentences; i++) {
            const dyad_sentence *s = &d->sentences[i];
            check(s->tok == next && s->ntok > 0 && s->tok + s->ntok <= d->ntokens);
            check(s->start == d->tokens[s->tok].start);
            check(s->end == d->tokens[s->tok + s->ntok - 1].end);
            next = s->tok + s->ntok;
        }
        check(next == d->ntokens);
        uint32_t prev = 0;
        for (size_t i = 0; i < d->ntokens; i++) {
            const dyad_token *t = &d->tokens[i];
            check(t->start >= prev && t->start < t->end && t->end <= d->text_len);
            check(strlen(t->form) == t->end - t->start);
            check(memcmp(t->form, d->text + t->start, t->end - t->start) == 0);
            prev = t->end;
        }
        dyad_buf b = {0};
        dyad_out_conllu(&b, d);
        dyad_buf_free(&b);
    }
    dyad_doc_free(d);
    return 0;
}
