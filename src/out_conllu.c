/* out_conllu.c — writes a document as CoNLL-U (Universal Dependencies'
 * format): "# newdoc id", then per sentence "# sent_id = DOC-N" and
 * "# text" ("# newpar" where a paragraph starts), one line per syntactic word with its ten columns, multiword
 * token ranges ("1-2 don't") before their words, "_" for what no stage
 * has filled yet, and SpaceAfter=No where no whitespace follows. */
#include "dyad.h"

#include <string.h>

/* A field on one line: tabs and newlines would break the format. */
static void put_field(dyad_buf *b, const char *s, size_t n)
{
    if (!s || !n) { dyad_buf_putc(b, '_'); return; }
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != '\t' && s[j] != '\n' && s[j] != '\r') j++;
        dyad_buf_put(b, s + i, j - i);
        if (j < n) { dyad_buf_putc(b, ' '); j++; }
        i = j;
    }
}

static void put_str(dyad_buf *b, const char *s)
{
    put_field(b, s, s ? strlen(s) : 0);
}

/* "# text": the sentence's own text, else its words with their spaces. */
static void put_text(dyad_buf *b, const dyad_doc *d, const dyad_sentence *s)
{
    dyad_buf_puts(b, "# text = ");
    if (d->text && s->end <= d->text_len && s->start <= s->end) {
        const char *t = d->text + s->start;
        size_t n = s->end - s->start;
        int sp = 0;
        for (size_t i = 0; i < n; i++) {    /* whitespace runs → one space */
            char c = t[i];
            if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
                if (!sp) dyad_buf_putc(b, ' ');
                sp = 1;
            } else {
                dyad_buf_putc(b, c);
                sp = 0;
            }
        }
    } else {
        for (uint32_t k = 0; k < s->ntok; k++) {
            const dyad_token *w = &d->tokens[s->tok + k];
            uint32_t last = k + (w->mwt_len ? w->mwt_len - 1u : 0);
            if (last >= s->ntok) last = s->ntok - 1;
            for (uint32_t j = k; j <= last; j++)
                put_str(b, d->tokens[s->tok + j].form);
            if (last + 1 < s->ntok && d->tokens[s->tok + last].space_after)
                dyad_buf_putc(b, ' ');
            k = last;
        }
    }
    dyad_buf_putc(b, '\n');
}

/* The end of the text counts as whitespace, as in UD treebanks. */
static void put_misc(dyad_buf *b, int space_after)
{
    dyad_buf_puts(b, space_after ? "_\n" : "SpaceAfter=No\n");
}

/* One word's line; in_mwt: its MISC is the range line's business;
 * last: the document's last word. */
static void put_word(dyad_buf *b, uint32_t id, const dyad_token *x, int in_mwt, int last)
{
    dyad_buf_printf(b, "%u\t", id);
    put_str(b, x->form);
    dyad_buf_putc(b, '\t');
    put_str(b, x->lemma);
    dyad_buf_putc(b, '\t');
    dyad_buf_puts(b, dyad_upos_name((dyad_upos)x->upos));
    dyad_buf_putc(b, '\t');
    put_str(b, x->xpos);
    dyad_buf_putc(b, '\t');
    put_str(b, x->feats);
    if (x->head >= 0) dyad_buf_printf(b, "\t%d\t", x->head);
    else dyad_buf_puts(b, "\t_\t");
    put_str(b, x->deprel);
    dyad_buf_puts(b, "\t_\t");
    if (in_mwt) dyad_buf_puts(b, "_\n");
    else put_misc(b, x->space_after || last);
}

void dyad_out_conllu(dyad_buf *b, const dyad_doc *d)
{
    if (d->id) {
        dyad_buf_puts(b, "# newdoc id = ");
        put_str(b, d->id);
        dyad_buf_putc(b, '\n');
    }
    for (size_t si = 0; si < d->nsentences; si++) {
        const dyad_sentence *s = &d->sentences[si];
        if (s->tok + (size_t)s->ntok > d->ntokens) continue;
        if (si == 0 || s->paragraph != d->sentences[si - 1].paragraph)
            dyad_buf_puts(b, "# newpar\n");
        dyad_buf_puts(b, "# sent_id = ");
        if (d->id) {
            put_str(b, d->id);
            dyad_buf_putc(b, '-');
        }
        dyad_buf_printf(b, "%zu\n", si + 1);
        put_text(b, d, s);
        for (uint32_t k = 0; k < s->ntok; k++) {
            const dyad_token *w = &d->tokens[s->tok + k];
            if (w->mwt_len > 1 && k + w->mwt_len <= s->ntok) {
                const dyad_token *lastw = &d->tokens[s->tok + k + w->mwt_len - 1];
                dyad_buf_printf(b, "%u-%u\t", k + 1, k + w->mwt_len);
                if (d->text && w->mwt_end <= d->text_len && w->mwt_start < w->mwt_end)
                    put_field(b, d->text + w->mwt_start, w->mwt_end - w->mwt_start);
                else
                    for (uint32_t j = 0; j < w->mwt_len; j++)
                        put_str(b, d->tokens[s->tok + k + j].form);
                dyad_buf_puts(b, "\t_\t_\t_\t_\t_\t_\t_\t");
                put_misc(b, lastw->space_after || lastw == &d->tokens[d->ntokens - 1]);
                for (uint32_t j = 0; j < w->mwt_len; j++)
                    put_word(b, k + j + 1, &d->tokens[s->tok + k + j], 1, 0);
                k += w->mwt_len - 1;
                continue;
            }
            put_word(b, k + 1, w, 0, w == &d->tokens[d->ntokens - 1]);
        }
        dyad_buf_putc(b, '\n');
    }
}
