/* out_gdelt.c — event writers for the field's exchange formats:
 *   GDELT 2.0 event rows (61 tab-separated columns in GDELT's order, empty
 *   where dyad cannot know the value: tone, actor geography, ethnic and
 *   religion codes), and PLOVER JSON (one object per event, PLOVER's field
 *   names; CAMEO statements, which PLOVER does not code, are left out). */
#include "internal.h"

#include <string.h>
#include <xxhash.h>

/* A CAMEO actor code as GDELT splits it: country, known group, types. */
typedef struct {
    char country[4], group[4], type[3][4];
} actor_parts;

static int is_country_chunk(const char *c)
{
    static const char *const notc[] = {"IGO", "NGO", "IMG", "MNC", "UIS", "---", NULL};
    for (int i = 0; notc[i]; i++)
        if (strncmp(c, notc[i], 3) == 0) return 0;
    return 1;
}

static void split_actor(const char *code, actor_parts *p)
{
    memset(p, 0, sizeof *p);
    size_t n = code ? strlen(code) : 0;
    size_t i = 0;
    int nt = 0;
    if (n >= 3) {
        if (is_country_chunk(code)) memcpy(p->country, code, 3);
        else if (strncmp(code, "---", 3) && n >= 6) {
            memcpy(p->group, code + 3, 3);
            i = 3;
        }
        i += 3;
    }
    for (; i + 3 <= n && nt < 3; i += 3) memcpy(p->type[nt++], code + i, 3);
}

static void put_field(dyad_buf *b, const char *s)
{
    dyad_buf_putc(b, '\t');
    /* tabs and newlines would break the row */
    for (; s && *s; s++) dyad_buf_putc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

/* GDELT's ADM1Code is FIPS country + FIPS first-level code ("USCA"). Our
 * regions carry ISO 3166-2 codes; the two agree only for US states, so
 * elsewhere we write the bare FIPS country code, as GDELT itself does when
 * it knows no region. */
static void put_adm1(dyad_buf *b, const dyad_location *l)
{
    if (l->adm1 && l->fips && !strcmp(l->fips, "US") && !strncmp(l->adm1, "US-", 3)) {
        dyad_buf_printf(b, "\tUS%s", l->adm1 + 3);
        return;
    }
    put_field(b, l->fips ? l->fips : "");
}

static void put_actor(dyad_buf *b, const char *code, const char *text)
{
    actor_parts p;
    split_actor(code, &p);
    put_field(b, code);
    put_field(b, text);
    put_field(b, p.country);
    put_field(b, p.group);
    put_field(b, "");   /* ethnic */
    put_field(b, "");   /* religion 1 */
    put_field(b, "");   /* religion 2 */
    for (int i = 0; i < 3; i++) put_field(b, p.type[i]);
}

/* YYYY, MM, DD of an ISO date (as precise as given); 0 when absent. */
static int date_parts(const char *s, int *y, int *m, int *d)
{
    *y = *m = *d = 0;
    if (!s || strlen(s) < 4) return 0;
    for (int i = 0; i < 4; i++) if (s[i] < '0' || s[i] > '9') return 0;
    *y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (s[4] == '-' && s[5] >= '0' && s[5] <= '9' && s[6] >= '0' && s[6] <= '9') {
        *m = (s[5] - '0') * 10 + (s[6] - '0');
        if (s[7] == '-' && s[8] >= '0' && s[8] <= '9' && s[9] >= '0' && s[9] <= '9')
            *d = (s[8] - '0') * 10 + (s[9] - '0');
    }
    return 1;
}

static uint64_t event_id(const dyad_doc *d, const dyad_event *e, size_t i)
{
    if (e->global_id > 0) return (uint64_t)e->global_id;
    dyad_buf k = {0};
    dyad_buf_printf(&k, "%s\x1f%u\x1f%zu\x1f%s\x1f%s\x1f%s", d->id ? d->id : "", e->sent, i,
                    e->code, e->source_code ? e->source_code : "",
                    e->target_code ? e->target_code : "");
    uint64_t h = XXH64(k.s, k.len, 0);
    dyad_buf_free(&k);
    /* positive and exact in a double: the ids survive spreadsheets and JSON */
    return (h & ((1ull << 53) - 1)) | 1;
}

void dyad_out_events_gdelt(dyad_buf *b, const dyad_doc *d)
{
    for (size_t i = 0; i < d->nevents; i++) {
        const dyad_event *e = &d->events[i];
        int y, m, dd, py, pm, pd;
        const char *when = e->date && *e->date && e->date[0] != 'X' ? e->date : d->date;
        date_parts(when, &y, &m, &dd);
        /* a partial event date borrows nothing: unknown parts stay 00 */
        dyad_buf_printf(b, "%llu", (unsigned long long)event_id(d, e, i));
        if (y) {
            dyad_buf_printf(b, "\t%04d%02d%02d\t%04d%02d\t%04d\t%.4f", y, m, dd, y, m, y,
                            y + (m * 30 + dd) / 365.0);
        } else {
            dyad_buf_puts(b, "\t\t\t\t");
        }
        put_actor(b, e->source_code, e->source_text);
        put_actor(b, e->target_code, e->target_text);
        int para0 = e->sent < d->nsentences && d->sentences[e->sent].paragraph == 0;
        dyad_buf_printf(b, "\t%d", para0);
        char base[4] = {0};
        memcpy(base, e->code, 3);
        put_field(b, e->code);
        put_field(b, base);
        put_field(b, e->root);
        dyad_buf_printf(b, "\t%d\t%.1f", e->quad_class, e->goldstein);
        dyad_buf_printf(b, "\t%d\t%d\t%d", e->mentions > 0 ? e->mentions : 1,
                        e->sources > 0 ? e->sources : 1, e->articles > 0 ? e->articles : 1);
        put_field(b, "");                               /* AvgTone */
        for (int k = 0; k < 16; k++) put_field(b, "");  /* Actor1Geo_*, Actor2Geo_* */
        if (e->has_location) {
            const dyad_location *l = &e->location;
            dyad_buf_printf(b, "\t%d", l->feature);
            put_field(b, l->name);
            put_field(b, l->fips);
            put_adm1(b, l);
            put_field(b, "");
            dyad_buf_printf(b, "\t%.4f\t%.4f\t", l->lat, l->lon);
            if (l->geonameid) dyad_buf_printf(b, "%lld", (long long)l->geonameid);
        } else {
            for (int k = 0; k < 8; k++) put_field(b, "");
        }
        if (date_parts(d->date, &py, &pm, &pd) && pd)
            dyad_buf_printf(b, "\t%04d%02d%02d000000", py, pm, pd);
        else
            put_field(b, "");
        put_field(b, d->url ? d->url : d->given_url ? d->given_url : d->id);
        dyad_buf_putc(b, '\n');
    }
}

static void json_kv(dyad_buf *b, const char *k, const char *v, int comma)
{
    if (comma) dyad_buf_putc(b, ',');
    dyad_buf_json_str(b, k, strlen(k));
    dyad_buf_putc(b, ':');
    dyad_buf_json_str(b, v ? v : "", v ? strlen(v) : 0);
}

static void plover_actor(dyad_buf *b, const char *code, const char *text)
{
    dyad_buf_putc(b, '[');
    if (code && *code) {
        actor_parts p;
        split_actor(code, &p);
        dyad_buf_putc(b, '{');
        json_kv(b, "actorText", text, 0);
        json_kv(b, "code", p.country[0] ? p.country : code[0] == '-' ? "" : p.group, 1);
        json_kv(b, "sector", p.type[0], 1);
        json_kv(b, "cameo", code, 1);
        dyad_buf_putc(b, '}');
    }
    dyad_buf_putc(b, ']');
}

void dyad_out_events_plover(dyad_buf *b, const dyad_doc *d)
{
    for (size_t i = 0; i < d->nevents; i++) {
        const dyad_event *e = &d->events[i];
        if (!e->plover || !*e->plover) continue;
        char id[32];
        snprintf(id, sizeof id, "%llu", (unsigned long long)event_id(d, e, i));
        dyad_buf_putc(b, '{');
        json_kv(b, "id", id, 0);
        json_kv(b, "doc", d->id, 1);
        json_kv(b, "date", e->date && *e->date ? e->date : d->date, 1);
        json_kv(b, "event", e->plover, 1);
        json_kv(b, "mode", "", 1);
        json_kv(b, "context", "", 1);
        dyad_buf_puts(b, ",\"source\":");
        plover_actor(b, e->source_code, e->source_text);
        dyad_buf_puts(b, ",\"target\":");
        plover_actor(b, e->target_code, e->target_text);
        const char *verb = e->verb < d->ntokens ? d->tokens[e->verb].form : "";
        json_kv(b, "eventText", verb, 1);
        size_t n = 0;
        const char *st = "";
        if (e->sent < d->nsentences) {
            st = d->text + d->sentences[e->sent].start;
            n = d->sentences[e->sent].end - d->sentences[e->sent].start;
        }
        dyad_buf_puts(b, ",\"text\":");
        dyad_buf_json_str(b, st, n);
        json_kv(b, "cameo", e->code, 1);
        json_kv(b, "modality", dyad_modality_name((dyad_modality)e->modality), 1);
        json_kv(b, "language", "en", 1);
        json_kv(b, "coder", "dyad " DYAD_VERSION, 1);
        dyad_buf_puts(b, "}\n");
    }
}
