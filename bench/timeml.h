/* timeml.h — reads gold time expressions for the scorers and the accuracy
 * floors: TimeML (.tml, TempEval-3: the text is <TEXT> with tags removed
 * and entities unescaped, the DCT is the CREATION_TIME TIMEX3) and MEANTIME
 * CAT XML (the text is its tokens joined by spaces, one sentence a line,
 * up to the sixth sentence: the part MEANTIME annotates).
 * Header-only so that bench/ and tests/ share one reading of the data. */
#ifndef DYAD_TIMEML_H
#define DYAD_TIMEML_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t start, end;
    char type[16];
    char value[48];
} tml_timex;

typedef struct {
    char *text;
    size_t len;
    char dct[48];
    tml_timex *tx;
    size_t ntx;
    /* MEANTIME place mentions (ENTITY_MENTION of LOC entities) */
    tml_timex *loc;   /* value = the entity's name (dbpedia page name) */
    size_t nloc;
} tml_doc;

static void tml_free(tml_doc *d)
{
    free(d->text);
    free(d->tx);
    free(d->loc);
    memset(d, 0, sizeof *d);
}

/* attribute NAME="…" inside [tag, tag_end) into out */
static int tml_attr(const char *tag, const char *tag_end, const char *name,
                    char *out, size_t cap)
{
    size_t nl = strlen(name);
    for (const char *p = tag; p + nl + 2 < tag_end; p++) {
        if ((p == tag || p[-1] == ' ' || p[-1] == '\n') && strncmp(p, name, nl) == 0 &&
            p[nl] == '=' && p[nl + 1] == '"') {
            const char *v = p + nl + 2, *e = v;
            while (e < tag_end && *e != '"') e++;
            size_t n = (size_t)(e - v) < cap - 1 ? (size_t)(e - v) : cap - 1;
            memcpy(out, v, n);
            out[n] = 0;
            return 1;
        }
    }
    if (cap) out[0] = 0;
    return 0;
}

static void tml_push(tml_timex **a, size_t *n, tml_timex x)
{
    if ((*n & (*n - 1)) == 0) *a = realloc(*a, (*n ? *n * 2 : 8) * sizeof **a);
    (*a)[(*n)++] = x;
}

static char *tml_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0, k;
    char *s = malloc(cap + 1);
    while ((k = fread(s + n, 1, cap - n, f)) > 0)
        if ((n += k) == cap) s = realloc(s, (cap *= 2) + 1);
    fclose(f);
    s[n] = 0;
    *len = n;
    return s;
}

/* TimeML: 0 on success. */
static int tml_read(const char *path, tml_doc *d)
{
    memset(d, 0, sizeof *d);
    size_t n;
    char *s = tml_slurp(path, &n);
    if (!s) return -1;
    const char *ct = strstr(s, "CREATION_TIME");
    if (ct) {
        const char *b = ct;
        while (b > s && *b != '<') b--;
        const char *e = strchr(ct, '>');
        tml_attr(b, e, "value", d->dct, sizeof d->dct);
    }
    const char *t = strstr(s, "<TEXT>");
    const char *te = t ? strstr(t, "</TEXT>") : NULL;
    if (!t || !te) { free(s); return -1; }
    t += 6;
    d->text = malloc((size_t)(te - t) + 1);
    size_t o = 0;
    tml_timex cur;
    int in = 0;
    for (const char *p = t; p < te;) {
        if (*p == '<') {
            const char *e = strchr(p, '>');
            if (!e) break;
            if (strncmp(p, "<TIMEX3", 7) == 0) {
                memset(&cur, 0, sizeof cur);
                cur.start = o;
                tml_attr(p, e, "type", cur.type, sizeof cur.type);
                tml_attr(p, e, "value", cur.value, sizeof cur.value);
                in = 1;
            } else if (strncmp(p, "</TIMEX3", 8) == 0 && in) {
                cur.end = o;
                tml_push(&d->tx, &d->ntx, cur);
                in = 0;
            }
            p = e + 1;
        } else if (*p == '&') {
            static const struct { const char *e; char c; } ent[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
            int done = 0;
            for (size_t k = 0; k < 5 && !done; k++)
                if (strncmp(p, ent[k].e, strlen(ent[k].e)) == 0) {
                    d->text[o++] = ent[k].c;
                    p += strlen(ent[k].e);
                    done = 1;
                }
            if (!done) d->text[o++] = *p++;
        } else {
            d->text[o++] = *p++;
        }
    }
    d->text[o] = 0;
    d->len = o;
    free(s);
    return 0;
}

/* MEANTIME CAT XML: 0 on success. */
static int meantime_read(const char *path, tml_doc *d)
{
    memset(d, 0, sizeof *d);
    size_t n;
    char *s = tml_slurp(path, &n);
    if (!s) return -1;
    /* tokens: t_id → [start, end) */
    size_t ntok = 0, cap = 1024;
    size_t *ts = malloc(cap * sizeof *ts), *tend = malloc(cap * sizeof *tend);
    d->text = malloc(n + 1);
    size_t o = 0;
    char sent[16] = "", prev[16] = "";
    for (const char *p = strstr(s, "<token "); p; p = strstr(p + 1, "<token ")) {
        const char *e = strchr(p, '>');
        char id[16];
        tml_attr(p, e, "t_id", id, sizeof id);
        tml_attr(p, e, "sentence", sent, sizeof sent);
        /* only the title, the date line and the first four sentences are
         * annotated: the rest would count as false positives */
        if (atoi(sent) > 5) break;
        size_t k = (size_t)atol(id);
        if (k >= cap) {
            size_t nc = k * 2;
            ts = realloc(ts, nc * sizeof *ts);
            tend = realloc(tend, nc * sizeof *tend);
            memset(ts + cap, 0, (nc - cap) * sizeof *ts);
            memset(tend + cap, 0, (nc - cap) * sizeof *tend);
            cap = nc;
        }
        if (o) d->text[o++] = strcmp(sent, prev) ? '\n' : ' ';
        strcpy(prev, sent);
        ts[k] = o;
        const char *v = e + 1, *ve = strstr(v, "</token>");
        while (v < ve) {
            if (*v == '&') {
                if (!strncmp(v, "&amp;", 5)) { d->text[o++] = '&'; v += 5; continue; }
                if (!strncmp(v, "&quot;", 6)) { d->text[o++] = '"'; v += 6; continue; }
                if (!strncmp(v, "&apos;", 6)) { d->text[o++] = '\''; v += 6; continue; }
                if (!strncmp(v, "&lt;", 4)) { d->text[o++] = '<'; v += 4; continue; }
                if (!strncmp(v, "&gt;", 4)) { d->text[o++] = '>'; v += 4; continue; }
            }
            d->text[o++] = *v++;
        }
        tend[k] = o;
        if (k + 1 > ntok) ntok = k + 1;
    }
    d->text[o] = 0;
    d->len = o;
    /* markables: TIMEX3 and ENTITY_MENTION with their token anchors */
    const char *m = strstr(s, "<Markables>");
    for (const char *p = m; p; ) {
        const char *tx = strstr(p, "<TIMEX3 ");
        const char *em = strstr(p, "<ENTITY_MENTION ");
        const char *q = tx && (!em || tx < em) ? tx : em;
        if (!q) break;
        int is_tx = q == tx;
        const char *e = strchr(q, '>');
        tml_timex x;
        memset(&x, 0, sizeof x);
        char fn[32], mid[16];
        tml_attr(q, e, "m_id", mid, sizeof mid);
        if (is_tx) {
            tml_attr(q, e, "type", x.type, sizeof x.type);
            tml_attr(q, e, "value", x.value, sizeof x.value);
            tml_attr(q, e, "functionInDocument", fn, sizeof fn);
            if (!strcmp(fn, "CREATION_TIME")) snprintf(d->dct, sizeof d->dct, "%s", x.value);
        } else {
            snprintf(x.type, sizeof x.type, "%s", mid); /* resolved below */
        }
        p = e;
        if (e[-1] == '/') continue;
        const char *close = strstr(e, is_tx ? "</TIMEX3>" : "</ENTITY_MENTION>");
        size_t lo = (size_t)-1, hi = 0;
        for (const char *a = strstr(e, "<token_anchor"); a && a < close; a = strstr(a + 1, "<token_anchor")) {
            char id[16];
            tml_attr(a, strchr(a, '>'), "t_id", id, sizeof id);
            size_t k = (size_t)atol(id);
            if (k < cap && tend[k]) {
                if (ts[k] < lo) lo = ts[k];
                if (tend[k] > hi) hi = tend[k];
            }
        }
        if (hi) {
            x.start = lo;
            x.end = hi;
            if (is_tx) tml_push(&d->tx, &d->ntx, x);
            else tml_push(&d->loc, &d->nloc, x);
        }
        p = close ? close : e;
    }
    /* keep the mentions that refer to a LOC entity; value = its name */
    size_t keep = 0;
    for (size_t i = 0; i < d->nloc; i++) {
        char want[40];
        snprintf(want, sizeof want, "<source m_id=\"%s\"/>", d->loc[i].type);
        const char *r = strstr(s, want);
        const char *ent = NULL;
        while (r) {
            const char *tg = strstr(r, "<target m_id=\"");
            const char *end = strstr(r, "</REFERS_TO>");
            if (tg && end && tg < end) {
                char tid[16];
                tml_attr(tg + 1, strchr(tg, '>'), "m_id", tid, sizeof tid);
                char key[48];
                snprintf(key, sizeof key, "m_id=\"%s\"", tid);
                for (const char *en = strstr(s, "<ENTITY "); en; en = strstr(en + 1, "<ENTITY ")) {
                    const char *ee = strchr(en, '>');
                    char got[16];
                    tml_attr(en, ee, "m_id", got, sizeof got);
                    if (!strcmp(got, tid)) { ent = en; break; }
                }
            }
            break;
        }
        if (!ent) continue;
        const char *ee = strchr(ent, '>');
        char ty[16], ref[200];
        tml_attr(ent, ee, "ent_type", ty, sizeof ty);
        if (strcmp(ty, "LOC")) continue;
        tml_attr(ent, ee, "external_ref", ref, sizeof ref);
        const char *slash = strrchr(ref, '/');
        snprintf(d->loc[keep].value, sizeof d->loc[keep].value, "%s", slash ? slash + 1 : "");
        d->loc[keep].start = d->loc[i].start;
        d->loc[keep].end = d->loc[i].end;
        snprintf(d->loc[keep].type, sizeof d->loc[keep].type, "LOC");
        keep++;
    }
    d->nloc = keep;
    free(ts);
    free(tend);
    free(s);
    return 0;
}

/* Scores: counts over documents. */
typedef struct {
    long gold, sys, strict, relaxed, value, type;
} tml_score;

/* Adds one document's comparison: each gold expression matched at most
 * once, to the first overlapping system expression. */
static void tml_compare(tml_score *sc, const tml_doc *g, const size_t *ss,
                        const size_t *se, const char *const *stype,
                        const char *const *sval, size_t ns, FILE *diff)
{
    char *used = calloc(g->ntx + 1, 1);
    sc->gold += (long)g->ntx;
    sc->sys += (long)ns;
    for (size_t i = 0; i < ns; i++) {
        size_t best = (size_t)-1;
        for (size_t k = 0; k < g->ntx; k++)
            if (!used[k] && ss[i] < g->tx[k].end && g->tx[k].start < se[i]) { best = k; break; }
        if (best == (size_t)-1) {
            if (diff) fprintf(diff, "FP\t%.*s\t%s\n", (int)(se[i] - ss[i]), g->text + ss[i], sval[i]);
            continue;
        }
        const tml_timex *x = &g->tx[best];
        used[best] = 1;
        sc->relaxed++;
        if (ss[i] == x->start && se[i] == x->end) sc->strict++;
        if (!strcmp(x->value, sval[i])) sc->value++;
        else if (diff) fprintf(diff, "VAL\t%.*s\t%s\tgold %s\t%.*s\n", (int)(se[i] - ss[i]),
                               g->text + ss[i], sval[i], x->value, (int)(x->end - x->start), g->text + x->start);
        if (!strcmp(x->type, stype[i])) sc->type++;
    }
    if (diff)
        for (size_t k = 0; k < g->ntx; k++)
            if (!used[k])
                fprintf(diff, "FN\t%.*s\t%s\n", (int)(g->tx[k].end - g->tx[k].start),
                        g->text + g->tx[k].start, g->tx[k].value);
    free(used);
}

static double tml_f1(long tp, long gold, long sys)
{
    return gold + sys ? 200.0 * (double)tp / (double)(gold + sys) : 0;
}

#endif
