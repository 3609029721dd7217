/* out_json.c — JSON Lines writers: one object per article (dyad read), per
 * event (dyad code) or per time expression (dyad timex). Field names and
 * order are the interface in PRODUCT.md. */
#include "dyad.h"

#include <string.h>

static void key(dyad_buf *b, const char *k, int first)
{
    if (!first) dyad_buf_putc(b, ',');
    dyad_buf_json_str(b, k, strlen(k));
    dyad_buf_putc(b, ':');
}

static void str(dyad_buf *b, const char *k, const char *v)
{
    key(b, k, 0);
    if (v) dyad_buf_json_str(b, v, strlen(v));
    else dyad_buf_puts(b, "null");
}

void dyad_out_article_json(dyad_buf *b, const dyad_doc *d)
{
    dyad_buf_putc(b, '{');
    key(b, "id", 1);
    dyad_buf_json_str(b, d->id, strlen(d->id));
    str(b, "path", d->path);
    str(b, "title", d->title);
    str(b, "subtitle", d->subtitle);
    str(b, "date", d->date);
    str(b, "dateline", d->dateline);
    str(b, "source", d->source);
    str(b, "byline", d->byline);
    str(b, "url", d->url);
    key(b, "tags", 0);
    dyad_buf_putc(b, '[');
    for (size_t i = 0; i < d->ntags; i++) {
        if (i) dyad_buf_putc(b, ',');
        dyad_buf_json_str(b, d->tags[i], strlen(d->tags[i]));
    }
    dyad_buf_putc(b, ']');
    key(b, "text", 0);
    dyad_buf_json_str(b, d->text ? d->text : "", d->text ? d->text_len : 0);
    key(b, "sentences", 0);
    dyad_buf_putc(b, '[');
    for (size_t i = 0; i < d->nsentences; i++) {
        const dyad_sentence *s = &d->sentences[i];
        if (i) dyad_buf_putc(b, ',');
        dyad_buf_printf(b, "{\"start\":%u,\"end\":%u,\"text\":", s->start, s->end);
        dyad_buf_json_str(b, d->text + s->start, s->end - s->start);
        dyad_buf_putc(b, '}');
    }
    dyad_buf_putc(b, ']');
    key(b, "removed", 0);
    dyad_buf_putc(b, '[');
    for (size_t i = 0; i < d->nremoved; i++) {
        const dyad_removed *r = &d->removed[i];
        if (i) dyad_buf_putc(b, ',');
        dyad_buf_printf(b, "{\"start\":%u,\"end\":%u,\"text\":", r->start, r->end);
        dyad_buf_json_str(b, r->text, strlen(r->text));
        dyad_buf_puts(b, ",\"reason\":");
        dyad_buf_json_str(b, r->reason, strlen(r->reason));
        dyad_buf_putc(b, '}');
    }
    dyad_buf_puts(b, "]}\n");
}

static const char *sentence_text(const dyad_doc *d, uint32_t i, size_t *n)
{
    if (i >= d->nsentences) { *n = 0; return ""; }
    *n = d->sentences[i].end - d->sentences[i].start;
    return d->text + d->sentences[i].start;
}

void dyad_out_events_json(dyad_buf *b, const dyad_doc *d)
{
    for (size_t i = 0; i < d->nevents; i++) {
        const dyad_event *e = &d->events[i];
        size_t n;
        const char *st = sentence_text(d, e->sent, &n);
        dyad_buf_putc(b, '{');
        key(b, "doc", 1);
        dyad_buf_json_str(b, d->id, strlen(d->id));
        key(b, "sentence", 0);
        dyad_buf_json_str(b, st, n);
        dyad_buf_printf(b, ",\"sentence_index\":%u", e->sent);
        str(b, "source", e->source_code);
        str(b, "source_text", e->source_text);
        str(b, "target", e->target_code);
        str(b, "target_text", e->target_text);
        str(b, "code", e->code);
        str(b, "root", e->root);
        dyad_buf_printf(b, ",\"quad_class\":%d,\"goldstein\":%.1f", e->quad_class,
                        e->goldstein);
        str(b, "plover", e->plover);
        str(b, "date", e->date ? e->date : d->date);
        str(b, "date_text", e->date_text ? e->date_text : "");
        str(b, "modality", dyad_modality_name((dyad_modality)e->modality));
        key(b, "location", 0);
        if (e->has_location) {
            const dyad_location *l = &e->location;
            dyad_buf_putc(b, '{');
            key(b, "name", 1);
            dyad_buf_json_str(b, l->name ? l->name : "", l->name ? strlen(l->name) : 0);
            str(b, "country", l->country);
            str(b, "adm1", l->adm1);
            dyad_buf_printf(b, ",\"lat\":%.4f,\"lon\":%.4f,\"geonameid\":%lld,\"feature\":%d}",
                            l->lat, l->lon, (long long)l->geonameid, l->feature);
        } else {
            dyad_buf_puts(b, "null");
        }
        str(b, "explain", e->explain);
        dyad_buf_puts(b, "}\n");
    }
}

void dyad_out_timex_json(dyad_buf *b, const dyad_doc *d)
{
    for (size_t i = 0; i < d->ntimexes; i++) {
        const dyad_timex *t = &d->timexes[i];
        dyad_buf_putc(b, '{');
        key(b, "doc", 1);
        dyad_buf_json_str(b, d->id, strlen(d->id));
        dyad_buf_printf(b, ",\"start\":%u,\"end\":%u", t->start, t->end);
        str(b, "text", t->text);
        str(b, "type", dyad_timex_type_name((dyad_timex_type)t->type));
        str(b, "value", t->value);
        dyad_buf_printf(b, ",\"sentence_index\":%u}\n", t->sent);
    }
}
