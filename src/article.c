/* article.c — STUB (article stage owner replaces): body = raw text. */
#include "dyad.h"
#include <string.h>
dyad_status dyad_article(dyad_doc *doc, dyad_error *err)
{
    (void)err;
    doc->text = dyad_strndup(doc->arena, doc->raw, doc->raw_len);
    doc->text_len = doc->raw_len;
    doc->title = doc->given_title;
    doc->date = doc->given_date;
    doc->source = doc->given_source;
    doc->url = doc->given_url;
    return DYAD_OK;
}
