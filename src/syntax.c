/* syntax.c — the syntax stage: loads the tagger, parser and lexicon models
 * (linked into the binary, or from a directory for training runs) and runs
 * them over every sentence of a document. Models are read-only after load;
 * all scratch memory comes from the document's arena, so one dyad_syntax
 * serves any number of threads. */
#include "syntax.h"

#include <errno.h>
#include <math.h>
#include <ctype.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>
#include <xxhash.h>

uint64_t str_hash(const char *s, size_t n) { return XXH3_64bits(s, n); }

/* ---- averaged-perceptron models ---- */

int ap_model_open(ap_model *m, const char *buf, size_t len)
{
    memset(m, 0, sizeof *m);
    if (len < 36 || memcmp(buf, "DYADAP03", 8)) return -1;
    uint32_t h[5];
    float wmin, step;
    memcpy(h, buf + 8, sizeof h);
    memcpy(&wmin, buf + 28, sizeof wmin);
    memcpy(&step, buf + 32, sizeof step);
    uint32_t nrows = h[1], names_len = h[3], keys_len = h[4];
    m->nclasses = h[0], m->nweights = h[2];
    if (!m->nclasses || m->nclasses > AP_MAX_CLASSES || !names_len || !(step >= 0) ||
        !(step < 1) || !(wmin > 0))
        return -1;
    size_t need = 36 + (size_t)keys_len + nrows + (size_t)m->nweights * 2 + names_len;
    if (need != len || buf[len - 1]) return -1;
    const uint8_t *keys = (const uint8_t *)buf + 36, *kend = keys + keys_len;
    const uint8_t *cnt = kend, *cls = cnt + nrows;
    const int8_t *q = (const int8_t *)(cls + m->nweights);
    const char *names = (const char *)(q + m->nweights);
    m->nslots = 16;
    while (m->nslots < nrows + nrows / 2 + 1) m->nslots *= 2;
    m->slots = calloc(m->nslots, sizeof *m->slots);
    m->w = malloc(((size_t)m->nweights + 1) * sizeof *m->w);
    m->cls = malloc((size_t)m->nweights + 1);
    m->names = malloc(m->nclasses * sizeof *m->names);
    m->namebuf = malloc(names_len);
    if (!m->slots || !m->w || !m->cls || !m->names || !m->namebuf) return -1;
    memcpy(m->cls, cls, m->nweights);
    float level[128];
    for (int k = 0; k < 128; k++) level[k] = wmin * expf((float)(k - 1) * step);
    for (uint32_t i = 0; i < m->nweights; i++) {
        int v = q[i];
        if (v == 0 || v == -128 || m->cls[i] >= m->nclasses) return -1;
        m->w[i] = v > 0 ? level[v] : -level[-v];
    }
    uint64_t off = 0, key = 0;
    for (uint32_t r = 0; r < nrows; r++) {
        uint64_t delta = 0;
        for (int shift = 0;; shift += 7) {
            if (keys >= kend || shift > 28) return -1;
            uint8_t c = *keys++;
            delta |= (uint64_t)(c & 127) << shift;
            if (!(c & 128)) break;
        }
        key += delta;
        uint32_t n = cnt[r] + 1u;
        if (!key || key > UINT32_MAX || (r && !delta) || off + n > m->nweights) return -1;
        uint32_t i = (uint32_t)key & (m->nslots - 1);
        while (m->slots[i].key) i = (i + 1) & (m->nslots - 1);
        m->slots[i] = (ap_slot){(uint32_t)key, (uint32_t)off, n};
        off += n;
    }
    if (off != m->nweights || keys != kend) return -1;
    memcpy(m->namebuf, names, names_len);
    const char *p = m->namebuf;
    for (uint32_t c = 0; c < m->nclasses; c++) {
        if (p >= m->namebuf + names_len) return -1;
        m->names[c] = p;
        p += strlen(p) + 1;
    }
    return 0;
}

void ap_model_close(ap_model *m)
{
    free(m->slots);
    free(m->w);
    free(m->cls);
    free(m->names);
    free(m->namebuf);
    memset(m, 0, sizeof *m);
}

/* Memory latency, not arithmetic, is the cost here (the tables are tens
 * of MB): find all slots first with prefetches in flight, then prefetch
 * the rows, then add. */
void ap_model_score(const ap_model *m, const uint64_t *f, int nf, float *scores)
{
    uint32_t mask = m->nslots - 1;
    uint32_t key[256];
    const ap_slot *hit[256];
    if (nf > 256) nf = 256;
    for (int k = 0; k < nf; k++) {
        key[k] = ap_key32(f[k]);
        __builtin_prefetch(&m->slots[key[k] & mask]);
    }
    int nh = 0;
    for (int k = 0; k < nf; k++) {
        for (uint32_t i = key[k] & mask;; i = (i + 1) & mask) {
            const ap_slot *s = &m->slots[i];
            if (s->key == key[k]) {
                __builtin_prefetch(m->w + s->off);
                __builtin_prefetch(m->cls + s->off);
                hit[nh++] = s;
                break;
            }
            if (!s->key) break;
        }
    }
    for (int k = 0; k < nh; k++) {
        const float *w = m->w + hit[k]->off;
        const uint8_t *c = m->cls + hit[k]->off;
        for (uint32_t j = 0; j < hit[k]->n; j++) scores[c[j]] += w[j];
    }
}

int ap_model_class(const ap_model *m, const char *name)
{
    for (uint32_t c = 0; c < m->nclasses; c++)
        if (strcmp(m->names[c], name) == 0) return (int)c;
    return -1;
}

/* ---- loading ---- */

/* A model file: embedded (dir NULL) as data/models/NAME.zst, else
 * DIR/NAME or DIR/NAME.zst. NULL if absent. */
static char *model_file(const char *dir, const char *name, size_t *len)
{
    char path[4096];
    if (!dir) {
        snprintf(path, sizeof path, "data/models/%s", name);
        return dyad_data_unzstd(path, len);
    }
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    int zst = 0;
    if (!f) {
        snprintf(path, sizeof path, "%s/%s.zst", dir, name);
        f = fopen(path, "rb");
        zst = 1;
    }
    if (!f) return NULL;
    size_t cap = 1 << 20, n = 0, k;
    char *s = malloc(cap + 1);
    while ((k = fread(s + n, 1, cap - n, f)) > 0)
        if ((n += k) == cap) s = realloc(s, (cap *= 2) + 1);
    fclose(f);
    s[n] = 0;
    if (!zst) {
        *len = n;
        return s;
    }
    char *d = dyad_unzstd(s, n, len);
    free(s);
    return d;
}

static dyad_status load_ap(ap_model *m, const char *dir, const char *name, int optional,
                           dyad_error *err)
{
    size_t len;
    char *buf = model_file(dir, name, &len);
    if (!buf) {
        if (optional) return DYAD_OK;
        return dyad_fail(err, DYAD_ERR_MODEL, dir ? dir : "data/models", 0,
                         "syntax model %s missing (run make models)", name);
    }
    int bad = ap_model_open(m, buf, len);
    free(buf);
    if (bad) {
        ap_model_close(m);
        return dyad_fail(err, DYAD_ERR_MODEL, dir ? dir : "data/models", 0,
                         "syntax model %s is corrupt", name);
    }
    return DYAD_OK;
}

dyad_status dyad_syntax_load(dyad_syntax **out, const char *dir, dyad_error *err)
{
    *out = NULL;
    dyad_syntax *s = calloc(1, sizeof *s);
    dyad_status st;
    if ((st = load_ap(&s->tag1, dir, "tagger.bin", 0, err)) ||
        (st = load_ap(&s->tag2, dir, "tagger2.bin", 1, err)) ||
        (st = load_ap(&s->parse, dir, "parser.bin", 0, err))) {
        dyad_syntax_free(s);
        return st;
    }
    size_t len;
    char *lx = model_file(dir, "lexicon.tsv", &len);
    if (!lx || !(s->lex = lexicon_load(lx, len))) {
        if (!s->lex) free(lx);
        dyad_syntax_free(s);
        return dyad_fail(err, DYAD_ERR_MODEL, dir ? dir : "data/models", 0,
                         "syntax lexicon.tsv missing or corrupt");
    }
    uint32_t nt = s->tag1.nclasses;
    if (s->tag2.slots && s->tag2.nclasses != nt) {
        dyad_syntax_free(s);
        return dyad_fail(err, DYAD_ERR_MODEL, "data/models", 0, "tagger models disagree");
    }
    s->tag_upos = calloc(nt, sizeof *s->tag_upos);
    s->tag_xpos = calloc(nt, sizeof *s->tag_xpos);
    s->tag_uname = calloc(nt, sizeof *s->tag_uname);
    for (uint32_t c = 0; c < nt; c++) {
        const char *name = s->tag1.names[c], *sp = strchr(name, ' ');
        s->tag_xpos[c] = sp ? sp + 1 : name;
        char u[16] = {0};
        size_t un = sp ? (size_t)(sp - name) : 0;
        memcpy(u, name, un < 15 ? un : 15);
        s->tag_upos[c] = (uint16_t)dyad_upos_from_name(u);
        s->tag_uname[c] = dyad_upos_name(s->tag_upos[c]);
    }
    s->vbd_tag = -1;
    for (uint32_t c = 0; c < nt; c++)
        if (!strcmp(s->tag1.names[c], "VERB VBD")) s->vbd_tag = (int)c;
    uint32_t np = s->parse.nclasses;
    s->nlabels = (int)(np - 1) / 2;
    s->labels = calloc((size_t)s->nlabels + 1, sizeof *s->labels);
    s->rootlab = -1;
    for (int l = 0; l < s->nlabels; l++) {
        const char *name = s->parse.names[1 + 2 * l];
        s->labels[l] = name[0] && name[1] ? name + 2 : name;
        if (strcmp(s->labels[l], "root") == 0) s->rootlab = l;
    }
    if (s->rootlab < 0 || np != 1 + 2 * (uint32_t)s->nlabels || s->nlabels > 64) {
        dyad_syntax_free(s);
        return dyad_fail(err, DYAD_ERR_MODEL, "data/models", 0, "parser model has no root label");
    }
    *out = s;
    return DYAD_OK;
}

void dyad_syntax_free(dyad_syntax *s)
{
    if (!s) return;
    ap_model_close(&s->tag1);
    ap_model_close(&s->tag2);
    ap_model_close(&s->parse);
    lexicon_free(s->lex);
    free(s->tag_upos);
    free(s->tag_xpos);
    free(s->tag_uname);
    free(s->labels);
    free(s);
}

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (!strcasecmp(w, *list)) return 1;
    return 0;
}

/* ---- running ---- */

static int is_xpos(const char *x, const char *const *set)
{
    for (; *set; set++)
        if (!strcmp(x, *set)) return 1;
    return 0;
}

/* A news sentence has a finite verb; the tagger, trained on web text full
 * of fragments, sometimes leaves none ("A top official praised the
 * plan": VBN, read as a reduced relative on "official"), and the sentence
 * loses its predicate and its events. When no word is finite, the first
 * VBN after a possible subject, not after an auxiliary and followed by the
 * start of a noun phrase (its object), is taken as the finite verb. */
static void finite_verb_repair(const dyad_syntax *s, const char **form, uint16_t *tags, int n)
{
    static const char *const finite[] = {"VBD", "VBZ", "VBP", "MD", NULL};
    static const char *const nominal[] = {"NN", "NNS", "NNP", "NNPS", "PRP", NULL};
    static const char *const np_start[] = {"DT", "PRP$", "PRP", "NNP", "NNPS", "CD", "JJ", NULL};
    static const char *const aux[] = {"is", "are", "was", "were", "be", "been", "being", "'s",
                                      "'re", "has", "have", "had", "having", "get", "gets",
                                      "got", "getting", NULL};
    if (s->vbd_tag < 0) return;
    for (int i = 0; i < n; i++)
        if (is_xpos(s->tag_xpos[tags[i]], finite)) return;
    int subject = 0;
    for (int i = 0; i + 1 < n; i++) {
        const char *x = s->tag_xpos[tags[i]];
        if (is_xpos(x, nominal)) subject = 1;
        if (strcmp(x, "VBN") || !subject || !is_xpos(s->tag_xpos[tags[i + 1]], np_start))
            continue;
        int j = i - 1;
        while (j >= 0 && !strncmp(s->tag_xpos[tags[j]], "RB", 2)) j--;
        if (j >= 0 && in_list(form[j], aux)) continue;
        tags[i] = (uint16_t)s->vbd_tag;
        return;
    }
}

static void run_sentence(const dyad_syntax *s, dyad_doc *doc, dyad_token *tok, int n)
{
    dyad_arena *a = doc->arena;
    const char **form = dyad_alloc(a, (size_t)n * sizeof *form);
    for (int i = 0; i < n; i++) form[i] = tok[i].form ? tok[i].form : "";
    tag_words w;
    tag_words_init(&w, a, form, n);
    uint16_t *tags = dyad_alloc(a, (size_t)n * sizeof *tags);
    uint16_t *scratch = dyad_alloc(a, (size_t)n * sizeof *scratch);
    uint16_t *upos = dyad_alloc(a, (size_t)n * sizeof *upos);
    tag_sentence(&s->tag1, s->tag2.slots ? &s->tag2 : NULL, &w, tags, scratch);
    finite_verb_repair(s, form, tags, n);
    for (int i = 0; i < n; i++) {
        dyad_token *t = &tok[i];
        upos[i] = s->tag_upos[tags[i]];
        t->upos = (uint8_t)upos[i];
        t->xpos = s->tag_xpos[tags[i]];
        const char *un = s->tag_uname[tags[i]];
        t->lemma = lexicon_lemma(s->lex, a, form[i], un, t->xpos);
        const char *fe = lexicon_feats(s->lex, form[i], un, t->xpos);
        t->feats = fe ? dyad_strdup(a, fe) : NULL;
        t->xpos = dyad_strdup(a, t->xpos);
    }
    parse_state p;
    parse_init(&p, a, n, w.wlower, tags, upos);
    float scores[AP_MAX_CLASSES];
    parse_sentence(&s->parse, s->rootlab, &p, scores);
    for (int i = 0; i < n; i++) {
        int h = p.head[i + 1];
        tok[i].head = h == n + 1 ? 0 : h;
        tok[i].deprel = s->labels[p.label[i + 1]];
    }
}

/* ---- the time between subject and verb ---- */

static const char *const weekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                       "Saturday", "Sunday", NULL};

/* Words of a time phrase starting at tok[i] ("today", "on Saturday",
 * "last week"), 0 if none. */
static int time_phrase(const dyad_token *tok, int n, int i)
{
    static const char *const days[] = {"today", "yesterday", "tonight", NULL};
    static const char *const spans[] = {"week", "month", "year", "weekend", NULL};
    static const char *const which[] = {"this", "last", "next", NULL};
    const char *f = tok[i].form;
    if (in_list(f, days) || (isupper((unsigned char)f[0]) && in_list(f, weekdays))) return 1;
    if (i + 1 < n && !strcasecmp(f, "on") && in_list(tok[i + 1].form, weekdays)) return 2;
    if (i + 1 < n && in_list(f, which) && in_list(tok[i + 1].form, spans)) return 2;
    return 0;
}

/* Parses tok[0..n) again without the words marked in skip, which keep
 * their tags from the whole-sentence run; the caller hangs them back. */
static void reparse_without(const dyad_syntax *s, dyad_doc *doc, dyad_token *tok, int n,
                            const char *skip)
{
    int m = 0;
    for (int i = 0; i < n; i++) m += !skip[i];
    dyad_token *red = dyad_alloc(doc->arena, (size_t)m * sizeof *red);
    int *orig = dyad_alloc(doc->arena, (size_t)m * sizeof *orig);
    for (int i = 0, r = 0; i < n; i++)
        if (!skip[i]) {
            red[r] = tok[i];
            orig[r++] = i;
        }
    run_sentence(s, doc, red, m);
    for (int r = 0; r < m; r++) {
        dyad_token *t = &tok[orig[r]];
        t->upos = red[r].upos;
        t->xpos = red[r].xpos;
        t->lemma = red[r].lemma;
        t->feats = red[r].feats;
        t->deprel = red[r].deprel;
        t->head = red[r].head == 0 ? 0 : orig[red[r].head - 1] + 1;
    }
}

/* Two habits of wire copy that the web text the models learnt from hardly
 * has, and that cost a sentence its predicate (and so its events):
 *  - the time between subject and verb ("The government today welcomed
 *    the plan", "Yeltsin on Saturday hosted Hashimoto"): the verb comes out
 *    VBN and hangs on the subject as a reduced relative;
 *  - a nationality before a title at the start ("Russian President Boris
 *    Yeltsin hosted…"): the adjective becomes the root.
 * Such a sentence, once tagged whole (the set-aside words keep those tags),
 * is parsed again without the time phrase and the adjective, which are then
 * hung back as UD does: the time on the verb, the adjective on the title. */
static void run_sentence_news(const dyad_syntax *s, dyad_doc *doc, dyad_token *tok, int n)
{
    run_sentence(s, doc, tok, n);
    int adj = n > 3 && tok[0].head == 0 && tok[0].xpos && !strcmp(tok[0].xpos, "JJ") &&
              tok[1].xpos && !strcmp(tok[1].xpos, "NNP") &&
              isupper((unsigned char)tok[0].form[0]);
    int at = -1, len = 0;
    for (int i = 1; i + 1 < n && at < 0; i++) {
        int L = time_phrase(tok, n, i);
        if (!L || i + L >= n) continue;
        const char *before = tok[i - 1].xpos, *after = tok[i + L].xpos;
        if (before && after && (!strncmp(before, "NN", 2) || !strcmp(before, "PRP")) &&
            (!strncmp(after, "VB", 2) || !strcmp(after, "MD"))) {
            at = i;
            len = L;
        }
    }
    if (!adj && at < 0) return;
    char *skip = dyad_alloc(doc->arena, (size_t)n);
    memset(skip, 0, (size_t)n);
    skip[0] = (char)adj;
    if (at >= 0) memset(skip + at, 1, (size_t)len);
    reparse_without(s, doc, tok, n, skip);
    if (adj) {
        tok[0].head = 2;
        tok[0].deprel = "amod";
    }
    if (at >= 0) {
        int verb = at + len + 1, last = at + len - 1;
        tok[last].head = verb;
        tok[last].deprel = !strcasecmp(tok[at].form, "on") ? "obl" : "obl:unmarked";
        if (len == 2) {
            tok[at].head = last + 1;
            tok[at].deprel = !strcasecmp(tok[at].form, "on") ? "case"
                             : !strcasecmp(tok[at].form, "this") ? "det" : "amod";
        }
    }
}

dyad_status dyad_syntax_run(const dyad_syntax *s, dyad_doc *doc, dyad_error *err)
{
    (void)err;
    for (size_t k = 0; k < doc->nsentences; k++) {
        const dyad_sentence *se = &doc->sentences[k];
        if (!se->ntok || se->tok + se->ntok > doc->ntokens) continue;
        run_sentence_news(s, doc, doc->tokens + se->tok, (int)se->ntok);
    }
    return DYAD_OK;
}
