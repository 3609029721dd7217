/* fuzz_article.c — libFuzzer target for the reader, article and text
 * stages: the input is read as plain text, HTML and JSON Lines in turn, and
 * every document must come out with sentences and tokens inside its text. */
#include "dyad.h"

#include <assert.h>
#include <string.h>

static void run(const uint8_t *data, size_t size, const char *name)
{
    dyad_reader *r;
    dyad_error err, warn;
    if (dyad_reader_open_mem(&r, name, (const char *)data, size, DYAD_INPUT_AUTO,
                             NULL, &err))
        return;
    dyad_doc *doc;
    int n = 0;
    while (n++ < 64 && dyad_reader_next(r, &doc, &warn, &err) == DYAD_OK) {
        if (dyad_article(doc, &err) == DYAD_OK && dyad_text(doc, &err) == DYAD_OK) {
            for (size_t i = 0; i < doc->nsentences; i++) {
                const dyad_sentence *s = &doc->sentences[i];
                assert(s->start <= s->end && s->end <= doc->text_len);
                assert(s->tok + s->ntok <= doc->ntokens);
            }
            for (size_t i = 0; i < doc->ntokens; i++) {
                const dyad_token *t = &doc->tokens[i];
                assert(t->start <= t->end && t->end <= doc->text_len);
            }
            dyad_buf b = {0};
            dyad_out_article_json(&b, doc);
            dyad_buf_free(&b);
        }
        dyad_doc_free(doc);
    }
    dyad_reader_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    run(data, size, "fuzz.txt");
    run(data, size, "fuzz.html");
    run(data, size, "fuzz.jsonl");
    return 0;
}
