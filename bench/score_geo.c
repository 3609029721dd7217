/* score_geo.c — how many place names dyad resolves to the right country.
 *
 *   score_geo --meantime FILE.xml...   MEANTIME LOC mentions (annotated
 *                                      part); the gold country is the one
 *                                      the gazetteer gives the mention's
 *                                      DBpedia page name
 *   score_geo --seeds LIST SEEDDIR     LIST: file <TAB> words <TAB> ISO3
 *                                      (or "-" for "not a place")
 *   score_geo --show FILE...           the places dyad finds, for reading
 *
 * Runs the gazetteer in-process on the text as given (no article clean-up
 * for MEANTIME; the seeds go through the article and text stages). */
#include "dyad.h"
#include "timeml.h"

#include <string.h>

static dyad_gazetteer *gaz;

static dyad_doc *doc_of(const char *id, const char *text, size_t len, int article)
{
    dyad_doc *d = dyad_doc_new();
    dyad_error err;
    d->id = dyad_strdup(d->arena, id);
    d->raw = dyad_strndup(d->arena, text, len);
    d->raw_len = len;
    if (article) {
        if (dyad_article(d, &err)) { fprintf(stderr, "%s: %s\n", id, err.msg); exit(1); }
    } else {
        d->text = (char *)d->raw;
        d->text_len = len;
    }
    if (dyad_text(d, &err) || dyad_places(gaz, d, &err)) {
        fprintf(stderr, "%s: %s\n", id, err.msg);
        exit(1);
    }
    return d;
}

/* The country the gazetteer gives a DBpedia page name ("Everett,_Washington"). */
static const char *gold_country(const char *page, char *out)
{
    char name[256];
    size_t o = 0;
    snprintf(name, sizeof name, "in ");
    o = 3;
    for (const char *p = page; *p && o + 1 < sizeof name; p++) {
        if (*p == '(') break;
        name[o++] = *p == '_' ? ' ' : *p;
    }
    while (o > 3 && name[o - 1] == ' ') o--;
    name[o] = 0;
    /* "%C3%A9" and the like are left as they are: those pages then fail */
    dyad_doc *d = doc_of("gold", name, o, 0);
    const char *c = NULL;
    if (d->nplaces) {
        /* the last place: "Everett, Washington" is Everett in Washington */
        snprintf(out, 4, "%s", d->places[0].loc.country);
        c = out;
    }
    dyad_doc_free(d);
    return c;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: score_geo --meantime FILE... | --seeds LIST DIR | --show FILE...\n");
        return 2;
    }
    dyad_error err;
    if (dyad_gazetteer_load(&gaz, getenv("DYAD_GAZETTEER"), &err)) {
        fprintf(stderr, "score_geo: %s\n", err.msg);
        return 1;
    }
    long total = 0, right = 0, found = 0, nogold = 0;
    if (!strcmp(argv[1], "--show")) {
        for (int i = 2; i < argc; i++) {
            size_t len;
            char *s = tml_slurp(argv[i], &len);
            if (!s) { fprintf(stderr, "score_geo: %s: cannot read\n", argv[i]); return 1; }
            dyad_doc *d = doc_of(argv[i], s, len, 1);
            for (size_t k = 0; k < d->nplaces; k++) {
                const dyad_place *p = &d->places[k];
                printf("%s\t%u\t%s\t%s\t%s\t%d\t%.4f\t%.4f\t%lld\n", argv[i], p->sent, p->loc.name,
                       p->loc.country, p->loc.adm1 ? p->loc.adm1 : "-", p->loc.feature,
                       p->loc.lat, p->loc.lon, (long long)p->loc.geonameid);
            }
            dyad_doc_free(d);
            free(s);
        }
    } else if (!strcmp(argv[1], "--meantime")) {
        int diff = getenv("DIFF") != NULL;
        for (int i = 2; i < argc; i++) {
            tml_doc g;
            if (meantime_read(argv[i], &g)) { fprintf(stderr, "score_geo: %s: cannot read\n", argv[i]); return 1; }
            dyad_doc *d = doc_of(argv[i], g.text, g.len, 0);
            for (size_t k = 0; k < g.nloc; k++) {
                const tml_timex *x = &g.loc[k];
                char gc[4];
                if (!x->value[0] || !gold_country(x->value, gc)) { nogold++; continue; }
                total++;
                const dyad_place *hit = NULL;
                for (size_t q = 0; q < d->nplaces; q++)
                    if (d->places[q].start < x->end && x->start < d->places[q].end) { hit = &d->places[q]; break; }
                if (hit) found++;
                if (hit && !strcmp(hit->loc.country, gc)) right++;
                else if (diff)
                    printf("MISS\t%.*s\tgold %s (%s)\tgot %s\n", (int)(x->end - x->start), g.text + x->start,
                           gc, x->value, hit ? hit->loc.country : "-");
            }
            dyad_doc_free(d);
            tml_free(&g);
        }
        printf("MEANTIME LOC mentions with a gazetteer country: %ld (%ld others unresolvable)\n", total, nogold);
    } else if (!strcmp(argv[1], "--seeds") && argc == 4) {
        size_t len;
        char *list = tml_slurp(argv[2], &len);
        if (!list) { fprintf(stderr, "score_geo: %s: cannot read\n", argv[2]); return 1; }
        char *save = NULL;
        for (char *line = strtok_r(list, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            if (line[0] == '#') continue;
            char *f1 = strchr(line, '\t'), *f2 = f1 ? strchr(f1 + 1, '\t') : NULL;
            if (!f2) continue;
            *f1++ = 0;
            *f2++ = 0;
            char path[2048];
            snprintf(path, sizeof path, "%s/%s", argv[3], line);
            char *s = tml_slurp(path, &len);
            if (!s) { fprintf(stderr, "score_geo: %s: cannot read\n", path); return 1; }
            dyad_doc *d = doc_of(line, s, len, 1);
            int ok = 1, any = 0;
            for (size_t k = 0; k < d->nplaces; k++)
                if (!strcmp(d->places[k].loc.name, f1)) {
                    any = 1;
                    if (strcmp(d->places[k].loc.country, f2)) ok = 0;
                }
            if (!strcmp(f2, "-")) ok = !any;
            else ok = ok && any;
            total++;
            right += ok;
            found += any;
            if (!ok) printf("WRONG\t%s\t%s\twant %s\n", line, f1, f2);
            dyad_doc_free(d);
            free(s);
        }
        free(list);
    }
    if (total)
        printf("names %ld, found %ld, right country %ld (%.1f%%)\n", total, found, right,
               100.0 * (double)right / (double)total);
    dyad_gazetteer_free(gaz);
    return 0;
}
