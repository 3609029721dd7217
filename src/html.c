/* html.c — the article stage for HTML pages: parse with gumbo, read the
 * page's own metadata (og:title, article:published_time, JSON-LD
 * datePublished, <time datetime>, author, tags), then find the article body
 * the way readability does: drop what is never content (scripts, menus,
 * footers, forms, boxes whose class says "sidebar" or "share"), score each
 * paragraph by its length and commas, give the score to its parent and
 * grandparent, weigh containers by link density, and keep the paragraphs of
 * the best container and of its siblings that score near it. Text blocks
 * outside it are listed in doc->removed with their byte spans in raw. */
#include "article.h"

#include <gumbo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
    const GumboNode *g;
    int parent;           /* mirror index, -1 for the root */
    double score;
    int scored;
    uint32_t chars, links; /* text in the subtree, of it inside links */
    uint32_t paras;        /* scored paragraphs directly inside */
} hnode;

typedef struct {
    int owner;            /* the block element (mirror index) */
    uint32_t ts, tl;      /* collected text in the text buffer */
    uint32_t chars, links, commas;
    uint32_t rs, re;      /* bytes in raw */
    uint8_t heading;      /* 1..6 for h1..h6 */
    uint8_t li;
    uint8_t pre;
} hblock;

typedef struct {
    hnode *n; size_t nn, cn;
    hblock *b; size_t nb, cb;
    dyad_buf text;        /* every block's text, back to back */
    /* the block being collected */
    int cur_owner;
    size_t cur_start;
    uint32_t cur_links, cur_commas, rs, re;
    int have_rs;
    int space;            /* last char put was a space */
    int in_link, in_pre;
    int all;              /* keep every visible block (flatten) */
    int loose;            /* keep boxes whose class says furniture */
    struct { const GumboNode *g; const char *why; } *sk; /* boxes dropped */
    size_t nsk, csk;
} hctx;

/* ------------------------------------------------------------------ */

static int block_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_DD:
    case GUMBO_TAG_DT: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_TD:
    case GUMBO_TAG_TH: case GUMBO_TAG_TR: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_BR: case GUMBO_TAG_HR:
    case GUMBO_TAG_BODY: case GUMBO_TAG_HTML: case GUMBO_TAG_CENTER: case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_HGROUP: case GUMBO_TAG_UNKNOWN:
        return 1;
    default:
        return 0;
    }
}

/* Never article text, whatever the page. */
static int skip_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS: case GUMBO_TAG_INPUT: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_MENU:
    case GUMBO_TAG_LABEL: case GUMBO_TAG_OPTION: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_TITLE:
        return 1;
    default:
        return 0;
    }
}

static const char *attr(const GumboNode *g, const char *name)
{
    if (g->type != GUMBO_NODE_ELEMENT) return NULL;
    GumboAttribute *a = gumbo_get_attribute(&g->v.element.attributes, name);
    return a ? a->value : NULL;
}

static int has_word(const char *s, const char *const *words, size_t nw)
{
    for (size_t k = 0; k < nw; k++)
        if (strcasestr(s, words[k])) return 1;
    return 0;
}

/* Class and id words that mark boxes around the article, not in it. */
static const char *const unlikely[] = {
    "-ad-", "ad-break", "agegate", "banner", "breadcrumb", "combx", "comment", "community",
    "cover-wrap", "disqus", "extra", "footer", "gdpr", "header", "legends", "menu",
    "related", "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social",
    "sponsor", "supplemental", "pagination", "pager", "popup", "yom-remote", "share",
    "newsletter", "promo", "cookie", "subscribe", "masthead", "outbrain", "taboola",
    "recirc", "most-popular", "mostpopular", "trending", "signup", "sign-up", "paywall",
    "modal", "toolbar", "byline", "caption", "credit", "timestamp", "dateline", "author-info",
    "tags", "keywords", "print-only", "visually-hidden", "sr-only", "screen-reader"};
static const char *const maybe[] = {"and", "article", "body", "column", "content", "main",
                                    "shadow", "story", "entry", "post-", "text"};
static const char *const positive[] = {"article", "body", "content", "entry", "hentry",
                                       "h-entry", "main", "page", "post", "text", "blog",
                                       "story"};
static const char *const negative[] = {"-ad-", "hidden", "banner", "combx", "comment",
                                       "com-", "contact", "foot", "footer", "footnote",
                                       "gdpr", "masthead", "media", "meta", "outbrain",
                                       "promo", "related", "scroll", "share", "shoutbox",
                                       "sidebar", "skyscraper", "sponsor", "shopping",
                                       "tags", "tool", "widget"};
#define NW(a) (sizeof a / sizeof *a)

static int hidden(const GumboNode *g)
{
    const char *st = attr(g, "style");
    if (st && (strcasestr(st, "display:none") || strcasestr(st, "display: none") ||
               strcasestr(st, "visibility:hidden") || strcasestr(st, "visibility: hidden")))
        return 1;
    if (attr(g, "hidden")) return 1;
    const char *ah = attr(g, "aria-hidden");
    return ah && strcmp(ah, "true") == 0;
}

static int unlikely_box(const GumboNode *g)
{
    GumboTag t = g->v.element.tag;
    if (t == GUMBO_TAG_BODY || t == GUMBO_TAG_HTML || t == GUMBO_TAG_ARTICLE ||
        t == GUMBO_TAG_MAIN || t == GUMBO_TAG_A || t == GUMBO_TAG_P)
        return 0;
    const char *c = attr(g, "class"), *id = attr(g, "id"), *role = attr(g, "role");
    if (role && (!strcmp(role, "navigation") || !strcmp(role, "complementary") ||
                 !strcmp(role, "contentinfo") || !strcmp(role, "banner") ||
                 !strcmp(role, "dialog") || !strcmp(role, "menu")))
        return 1;
    char buf[512];
    snprintf(buf, sizeof buf, "%s %s", c ? c : "", id ? id : "");
    if (strlen(buf) < 2) return 0;
    return has_word(buf, unlikely, NW(unlikely)) && !has_word(buf, maybe, NW(maybe));
}

static double class_weight(const GumboNode *g)
{
    double w = 0;
    const char *v[2] = {attr(g, "class"), attr(g, "id")};
    for (int k = 0; k < 2; k++) {
        if (!v[k] || !*v[k]) continue;
        if (has_word(v[k], negative, NW(negative))) w -= 25;
        if (has_word(v[k], positive, NW(positive))) w += 25;
    }
    return w;
}

static double tag_base(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_MAIN:
        return 5;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: return 3;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM: return -3;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TH: return -5;
    default: return 0;
    }
}

/* ------------------------------------------------------------------ */
/* Collecting blocks                                                   */
/* ------------------------------------------------------------------ */

static int add_node(hctx *c, const GumboNode *g, int parent)
{
    if (c->nn == c->cn) {
        c->cn = c->cn ? c->cn * 2 : 256;
        c->n = realloc(c->n, c->cn * sizeof *c->n);
        if (!c->n) abort();
    }
    hnode *h = &c->n[c->nn];
    memset(h, 0, sizeof *h);
    h->g = g;
    h->parent = parent;
    return (int)c->nn++;
}

static void flush(hctx *c)
{
    size_t s = c->cur_start, e = c->text.len;
    while (s < e && c->text.s[s] == ' ') s++;
    while (e > s && c->text.s[e - 1] == ' ') e--;
    if (e > s) {
        if (c->nb == c->cb) {
            c->cb = c->cb ? c->cb * 2 : 256;
            c->b = realloc(c->b, c->cb * sizeof *c->b);
            if (!c->b) abort();
        }
        hblock *b = &c->b[c->nb++];
        memset(b, 0, sizeof *b);
        b->owner = c->cur_owner;
        b->ts = (uint32_t)s;
        b->tl = (uint32_t)(e - s);
        uint32_t chars = 0;
        for (size_t i = s; i < e; i++) chars += ((unsigned char)c->text.s[i] & 0xC0) != 0x80;
        b->chars = chars;
        b->links = c->cur_links > chars ? chars : c->cur_links;
        b->commas = c->cur_commas;
        b->rs = c->rs;
        b->re = c->re;
        b->pre = (uint8_t)c->in_pre;
        GumboTag t = c->n[b->owner].g->v.element.tag;
        if (t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6) b->heading = (uint8_t)(t - GUMBO_TAG_H1 + 1);
        b->li = t == GUMBO_TAG_LI || t == GUMBO_TAG_DT || t == GUMBO_TAG_DD;
        c->text.len = e;
        c->text.s[e] = 0;
    } else {
        c->text.len = c->cur_start;
        if (c->text.s) c->text.s[c->text.len] = 0;
    }
    c->cur_start = c->text.len;
    c->cur_links = c->cur_commas = 0;
    c->have_rs = 0;
    c->space = 1;
}

static void put_text(hctx *c, const GumboNode *g)
{
    const char *s = g->v.text.text;
    size_t n = strlen(s);
    uint32_t added = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (!c->in_pre && (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f')) {
            if (!c->space) { dyad_buf_putc(&c->text, ' '); c->space = 1; }
            continue;
        }
        if (c->in_pre && ch == '\r') continue;
        dyad_buf_putc(&c->text, (char)ch);
        c->space = ch == ' ' || ch == '\n';
        if ((ch & 0xC0) != 0x80) added++;
        if (ch == ',') c->cur_commas++;
    }
    if (c->in_link) c->cur_links += added;
    size_t off = g->v.text.start_pos.offset, len = g->v.text.original_text.length;
    if (g->type == GUMBO_NODE_WHITESPACE) return;
    if (!c->have_rs) { c->rs = (uint32_t)off; c->have_rs = 1; }
    c->re = (uint32_t)(off + len);
}

typedef struct { const GumboNode *g; unsigned i; int idx; int owner; uint8_t link, pre; } frame;

static void collect(hctx *c, const GumboNode *root)
{
    size_t cap = 64, sp = 0;
    frame *st = malloc(cap * sizeof *st);
    if (!st) abort();
    int ri = add_node(c, root, -1);
    c->cur_owner = ri;
    c->space = 1;
    st[sp++] = (frame){root, 0, ri, ri, 0, 0};
    while (sp) {
        frame *f = &st[sp - 1];
        const GumboVector *ch = &f->g->v.element.children;
        if (f->i >= ch->length) {
            /* leaving an element */
            if (block_tag(f->g->v.element.tag) || f->g->type == GUMBO_NODE_DOCUMENT) flush(c);
            sp--;
            if (sp) {
                c->cur_owner = st[sp - 1].owner;
                c->in_link = st[sp - 1].link;
                c->in_pre = st[sp - 1].pre;
            }
            continue;
        }
        const GumboNode *g = ch->data[f->i++];
        if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE ||
            g->type == GUMBO_NODE_CDATA) {
            put_text(c, g);
            continue;
        }
        if (g->type != GUMBO_NODE_ELEMENT) continue;
        GumboTag t = g->v.element.tag;
        int skip = c->all ? (t == GUMBO_TAG_HEAD || t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE ||
                             t == GUMBO_TAG_NOSCRIPT || t == GUMBO_TAG_TEMPLATE ||
                             t == GUMBO_TAG_SVG || t == GUMBO_TAG_TITLE)
                          : skip_tag(t) || (!c->loose && (hidden(g) || unlikely_box(g)));
        if (skip) {
            /* boxes of page furniture are reported as removed */
            const char *why = NULL;
            if (!c->all) {
                if (t == GUMBO_TAG_NAV || t == GUMBO_TAG_MENU) why = "navigation";
                else if (t == GUMBO_TAG_ASIDE) why = "sidebar";
                else if (t == GUMBO_TAG_FOOTER) why = "footer";
                else if (t == GUMBO_TAG_FIGCAPTION) why = "photo caption";
                else if (t == GUMBO_TAG_FORM || t == GUMBO_TAG_BUTTON || t == GUMBO_TAG_SELECT ||
                         t == GUMBO_TAG_LABEL)
                    why = "form";
                else if (!skip_tag(t)) why = hidden(g) ? "hidden" : "page furniture";
            }
            if (why) {
                if (c->nsk == c->csk) {
                    c->csk = c->csk ? c->csk * 2 : 32;
                    c->sk = realloc(c->sk, c->csk * sizeof *c->sk);
                    if (!c->sk) abort();
                }
                c->sk[c->nsk].g = g;
                c->sk[c->nsk++].why = why;
            }
            if (block_tag(t)) flush(c);
            continue;
        }
        if (t == GUMBO_TAG_BR || t == GUMBO_TAG_HR) { flush(c); continue; }
        int idx = add_node(c, g, f->idx);
        int owner = f->owner;
        if (block_tag(t)) { flush(c); owner = idx; }
        if (sp == cap) {
            cap *= 2;
            st = realloc(st, cap * sizeof *st);
            if (!st) abort();
            f = &st[sp - 1];
        }
        uint8_t link = f->link || t == GUMBO_TAG_A;
        uint8_t pre = f->pre || t == GUMBO_TAG_PRE;
        st[sp++] = (frame){g, 0, idx, owner, link, pre};
        c->cur_owner = owner;
        c->in_link = link;
        c->in_pre = pre;
    }
    flush(c);
    free(st);
}

/* ------------------------------------------------------------------ */
/* Metadata                                                            */
/* ------------------------------------------------------------------ */

typedef struct {
    const char *og_title, *tw_title, *title, *h1, *ld_headline, *dc_title, *meta_title;
    const char *pub, *ld_pub, *time_dt, *mod;
    const char *author, *site, *url, *desc;
    dyad_buf tags;       /* "\n"-separated */
} meta;

static char *node_text(const GumboNode *g, dyad_buf *b)
{
    dyad_buf_reset(b);
    size_t cap = 32, sp = 0;
    const GumboNode **st = malloc(cap * sizeof *st);
    if (!st) abort();
    st[sp++] = g;
    while (sp) {
        const GumboNode *x = st[--sp];
        if (x->type == GUMBO_NODE_TEXT || x->type == GUMBO_NODE_WHITESPACE ||
            x->type == GUMBO_NODE_CDATA) {
            dyad_buf_puts(b, x->v.text.text);
            continue;
        }
        if (x->type != GUMBO_NODE_ELEMENT) continue;
        if (x->v.element.tag == GUMBO_TAG_SCRIPT || x->v.element.tag == GUMBO_TAG_STYLE) continue;
        if (block_tag(x->v.element.tag)) dyad_buf_putc(b, ' ');
        const GumboVector *ch = &x->v.element.children;
        for (unsigned i = ch->length; i-- > 0;) {
            if (sp == cap) { cap *= 2; st = realloc(st, cap * sizeof *st); if (!st) abort(); }
            st[sp++] = ch->data[i];
        }
    }
    free(st);
    return b->s ? b->s : (char *)"";
}

/* Collapse whitespace into an arena copy. */
static const char *clean(dyad_arena *a, const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s);
    char *o = dyad_alloc(a, n + 1);
    size_t k = 0;
    int sp = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            if (!sp) o[k++] = ' ';
            sp = 1;
            continue;
        }
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            if (!sp) o[k++] = ' ';
            sp = 1; i++;
            continue;
        }
        o[k++] = (char)c;
        sp = 0;
    }
    while (k && o[k - 1] == ' ') k--;
    o[k] = 0;
    return k ? o : NULL;
}

/* A JSON string value after "key" in a JSON-LD script (no full parse:
 * these scripts are often not valid JSON). */
static const char *ld_value(dyad_arena *a, const char *s, const char *key)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\"", key);
    const char *p = strstr(s, pat);
    if (!p) return NULL;
    p += strlen(pat);
    while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') p++;
    if (*p != ':') return NULL;
    p++;
    while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') p++;
    if (*p != '"') return NULL;
    p++;
    dyad_buf b = {0};
    while (*p && *p != '"') {
        if (*p == '\\' && p[1]) {
            p++;
            if (*p == 'n' || *p == 't' || *p == 'r') dyad_buf_putc(&b, ' ');
            else if (*p == 'u' && strlen(p) >= 5) {
                unsigned v = (unsigned)strtoul((char[5]){p[1], p[2], p[3], p[4], 0}, NULL, 16);
                char u[4];
                size_t l;
                if (v < 0x80) { u[0] = (char)v; l = 1; }
                else if (v < 0x800) { u[0] = (char)(0xC0 | (v >> 6)); u[1] = (char)(0x80 | (v & 63)); l = 2; }
                else { u[0] = (char)(0xE0 | (v >> 12)); u[1] = (char)(0x80 | ((v >> 6) & 63)); u[2] = (char)(0x80 | (v & 63)); l = 3; }
                if (v >= 0xD800 && v < 0xE000) { u[0] = '?'; l = 1; }
                if (v) dyad_buf_put(&b, u, l);
                p += 4;
            } else dyad_buf_putc(&b, *p);
            p++;
            continue;
        }
        dyad_buf_putc(&b, *p++);
    }
    const char *r = b.len ? clean(a, b.s) : NULL;
    dyad_buf_free(&b);
    return r;
}

static void read_meta(dyad_doc *doc, const GumboNode *root, meta *m)
{
    dyad_arena *a = doc->arena;
    dyad_buf tb = {0};
    size_t cap = 64, sp = 0;
    const GumboNode **st = malloc(cap * sizeof *st);
    if (!st) abort();
    st[sp++] = root;
    while (sp) {
        const GumboNode *g = st[--sp];
        if (g->type != GUMBO_NODE_ELEMENT && g->type != GUMBO_NODE_DOCUMENT) continue;
        if (g->type == GUMBO_NODE_ELEMENT) {
            GumboTag t = g->v.element.tag;
            if (t == GUMBO_TAG_TITLE && !m->title) {
                m->title = clean(a, node_text(g, &tb));
                continue;
            }
            if (t == GUMBO_TAG_H1 && !m->h1) m->h1 = clean(a, node_text(g, &tb));
            if (t == GUMBO_TAG_META) {
                const char *k = attr(g, "property");
                if (!k) k = attr(g, "name");
                if (!k) k = attr(g, "itemprop");
                const char *v = attr(g, "content");
                if (k && v) {
                    if (!strcasecmp(k, "og:title") && !m->og_title) m->og_title = clean(a, v);
                    else if ((!strcasecmp(k, "dc:title") || !strcasecmp(k, "dcterm:title") ||
                              !strcasecmp(k, "dcterms:title")) && !m->dc_title)
                        m->dc_title = clean(a, v);
                    else if ((!strcasecmp(k, "title") || !strcasecmp(k, "parsely-title") ||
                              !strcasecmp(k, "weibo:article:title")) && !m->meta_title)
                        m->meta_title = clean(a, v);
                    else if (!strcasecmp(k, "twitter:title") && !m->tw_title) m->tw_title = clean(a, v);
                    else if ((!strcasecmp(k, "article:published_time") ||
                              !strcasecmp(k, "og:published_time") ||
                              !strcasecmp(k, "datePublished") || !strcasecmp(k, "pubdate") ||
                              !strcasecmp(k, "publishdate") || !strcasecmp(k, "publish-date") ||
                              !strcasecmp(k, "date") || !strcasecmp(k, "dc.date.issued") ||
                              !strcasecmp(k, "dc.date") || !strcasecmp(k, "dcterms.created") ||
                              !strcasecmp(k, "sailthru.date") || !strcasecmp(k, "parsely-pub-date") ||
                              !strcasecmp(k, "article.published") || !strcasecmp(k, "dateCreated")) &&
                             !m->pub)
                        m->pub = clean(a, v);
                    else if ((!strcasecmp(k, "article:modified_time") ||
                              !strcasecmp(k, "dateModified") || !strcasecmp(k, "og:updated_time")) &&
                             !m->mod)
                        m->mod = clean(a, v);
                    else if ((!strcasecmp(k, "author") || !strcasecmp(k, "article:author") ||
                              !strcasecmp(k, "dc.creator") || !strcasecmp(k, "byl")) && !m->author &&
                             !strstr(v, "://"))
                        m->author = clean(a, v);
                    else if (!strcasecmp(k, "og:site_name") && !m->site) m->site = clean(a, v);
                    else if (!strcasecmp(k, "og:url") && !m->url) m->url = clean(a, v);
                    else if ((!strcasecmp(k, "og:description") || !strcasecmp(k, "description")) &&
                             !m->desc)
                        m->desc = clean(a, v);
                    else if (!strcasecmp(k, "article:tag") || !strcasecmp(k, "news_keywords")) {
                        dyad_buf_puts(&m->tags, v);
                        dyad_buf_putc(&m->tags, ',');
                    }
                }
            }
            if (t == GUMBO_TAG_LINK && !m->url) {
                const char *rel = attr(g, "rel"), *href = attr(g, "href");
                if (rel && href && !strcasecmp(rel, "canonical")) m->url = clean(a, href);
            }
            if (t == GUMBO_TAG_TIME && !m->time_dt) {
                const char *v = attr(g, "datetime");
                if (v) m->time_dt = clean(a, v);
            }
            if (t == GUMBO_TAG_SCRIPT) {
                const char *ty = attr(g, "type");
                if (ty && strcasestr(ty, "ld+json")) {
                    const char *s = node_text(g, &tb);
                    if (!m->ld_pub) m->ld_pub = ld_value(a, s, "datePublished");
                    if (!m->ld_headline) m->ld_headline = ld_value(a, s, "headline");
                }
                continue;
            }
        }
        const GumboVector *ch = g->type == GUMBO_NODE_DOCUMENT ? &g->v.document.children
                                                               : &g->v.element.children;
        for (unsigned i = ch->length; i-- > 0;) {
            if (sp == cap) { cap *= 2; st = realloc(st, cap * sizeof *st); if (!st) abort(); }
            st[sp++] = ch->data[i];
        }
    }
    free(st);
    dyad_buf_free(&tb);
}

/* <title> without the site's name: "Talks fail | The Paper" → "Talks
 * fail", when a headline elsewhere on the page agrees or the rest is
 * long enough to stand alone. */
static const char *title_of(dyad_arena *a, const meta *m)
{
    /* the page's own metadata first, in the order readers trust it */
    if (m->ld_headline) return m->ld_headline;
    if (m->dc_title) return m->dc_title;
    if (m->og_title) return m->og_title;
    if (m->meta_title) return m->meta_title;
    if (m->tw_title) return m->tw_title;
    const char *t = m->title;
    if (!t) return m->h1;
    if (m->h1 && strstr(t, m->h1) && strlen(m->h1) * 2 >= strlen(t) / 2) return m->h1;
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                       " \xC2\xBB ", " :: ", " / "};
    const char *best = NULL;
    for (size_t k = 0; k < NW(seps); k++) {
        const char *p = NULL, *q = t;
        while ((q = strstr(q, seps[k]))) { p = q; q++; }
        if (p && (!best || p > best)) best = p;
    }
    if (best) {
        size_t words = 1;
        for (const char *q = t; q < best; q++) words += *q == ' ';
        if (words >= 3) return dyad_strndup(a, t, (size_t)(best - t));
    }
    return t;
}

static const char *date_of(dyad_doc *doc, const char *s)
{
    if (!s) return NULL;
    dyad_date dt;
    if (!dyad_date_find(s, strlen(s), &dt)) return NULL;
    char buf[32];
    dyad_date_iso(&dt, buf);
    return dyad_strdup(doc->arena, buf);
}

/* ------------------------------------------------------------------ */
/* Scoring                                                             */
/* ------------------------------------------------------------------ */

static void init_score(hctx *c, int i)
{
    hnode *h = &c->n[i];
    if (h->scored) return;
    h->scored = 1;
    if (h->g->type == GUMBO_NODE_ELEMENT)
        h->score = tag_base(h->g->v.element.tag) + class_weight(h->g);
}

static double link_density(const hnode *h)
{
    return h->chars ? (double)h->links / h->chars : 0;
}

static void add_removed_text(dyad_doc *doc, size_t *cap, const hblock *b, const char *txt,
                             const char *why)
{
    if (b->re <= b->rs || b->re > doc->raw_len) return;
    if (doc->nremoved == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        doc->removed = dyad_grow(doc->arena, doc->removed, doc->nremoved, nc, sizeof *doc->removed);
        *cap = nc;
    }
    dyad_removed *r = &doc->removed[doc->nremoved++];
    r->start = b->rs;
    r->end = b->re;
    r->text = txt;
    r->reason = why;
}

static int by_start(const void *a, const void *b)
{
    const dyad_removed *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static void add_removed(dyad_doc *doc, size_t *cap, const hctx *c, const hblock *b,
                        const char *why)
{
    if (b->re <= b->rs || b->re > doc->raw_len) return;
    if (doc->nremoved == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        doc->removed = dyad_grow(doc->arena, doc->removed, doc->nremoved, nc, sizeof *doc->removed);
        *cap = nc;
    }
    dyad_removed *r = &doc->removed[doc->nremoved++];
    r->start = b->rs;
    r->end = b->re;
    r->text = dyad_strndup(doc->arena, c->text.s + b->ts, b->tl);
    r->reason = why;
}

/* One try at the body into t; loose: keep boxes whose class looks like
 * page furniture (some sites wrap everything in one). */
static void body(dyad_doc *doc, const GumboNode *root, int loose, dyad_buf *t)
{
    hctx c = {.loose = loose};
    collect(&c, root);

    /* subtree text and link lengths */
    for (size_t k = 0; k < c.nb; k++) {
        c.n[c.b[k].owner].chars += c.b[k].chars;
        c.n[c.b[k].owner].links += c.b[k].links;
    }
    /* nodes are in document order, parents first: one pass up */
    for (size_t i = c.nn; i-- > 1;) {
        hnode *h = &c.n[i];
        if (h->parent >= 0) {
            c.n[h->parent].chars += h->chars;
            c.n[h->parent].links += h->links;
        }
    }

    /* paragraphs give their score to the containers above them */
    for (size_t k = 0; k < c.nb; k++) {
        hblock *b = &c.b[k];
        if (b->chars < 25 || b->heading) continue;
        double s = 1 + b->commas + fmin(floor(b->chars / 100.0), 3);
        int p = c.n[b->owner].parent;
        c.n[p >= 0 ? p : b->owner].paras++;
        for (int lvl = 0, i = p; i >= 0 && lvl < 5; lvl++, i = c.n[i].parent) {
            init_score(&c, i);
            c.n[i].score += lvl == 0 ? s : lvl == 1 ? s / 2 : s / (lvl * 3);
        }
    }
    int top = -1;
    double best = 0;
    for (size_t i = 0; i < c.nn; i++) {
        if (!c.n[i].scored) continue;
        c.n[i].score *= 1 - link_density(&c.n[i]);
        if (top < 0 || c.n[i].score > best) { best = c.n[i].score; top = (int)i; }
    }
    if (top < 0) top = 0;
    /* a body the page marks up as such (schema.org articleBody) wins */
    int marked = -1;
    for (size_t i = 0; i < c.nn; i++) {
        const char *ip = attr(c.n[i].g, "itemprop");
        if (ip && strcasestr(ip, "articleBody") && c.n[i].chars >= 250 &&
            link_density(&c.n[i]) < 0.3 && (marked < 0 || c.n[i].chars > c.n[marked].chars))
            marked = (int)i;
    }
    if (marked >= 0) {
        top = marked;
        if (c.n[top].score > best || !c.n[top].scored) best = fmax(best, c.n[top].score);
    }
    /* a container whose parent holds most of the same text is a fragment
     * of a bigger body: climb while the parent adds little that is links */
    for (;;) {
        int p = c.n[top].parent;
        if (p < 0 || c.n[p].g->type != GUMBO_NODE_ELEMENT) break;
        GumboTag pt = c.n[p].g->v.element.tag;
        if (pt == GUMBO_TAG_BODY || pt == GUMBO_TAG_HTML) break;
        if (c.n[p].scored && c.n[p].score >= best * 0.9 && c.n[top].chars * 10 >= c.n[p].chars * 6) {
            top = p;
            continue;
        }
        break;
    }

    /* the siblings that belong to the article too */
    char *keep = calloc(c.nn, 1);
    if (!keep) abort();
    keep[top] = 1;
    int parent = c.n[top].parent;
    if (parent >= 0) {
        double thr = fmax(10, best * 0.2);
        for (size_t i = 0; i < c.nn; i++) {
            if (c.n[i].parent != parent || (int)i == top) continue;
            hnode *h = &c.n[i];
            if (h->scored && h->score >= thr) { keep[i] = 1; continue; }
            if (h->g->type == GUMBO_NODE_ELEMENT && h->g->v.element.tag == GUMBO_TAG_P) {
                double ld = link_density(h);
                if ((h->chars > 80 && ld < 0.25) || (h->chars > 0 && h->chars <= 80 && ld == 0))
                    keep[i] = 1;
            }
        }
    }

    /* inside a kept box is kept: parents come first */
    for (size_t i = 1; i < c.nn; i++)
        if (c.n[i].parent >= 0 && keep[c.n[i].parent]) keep[i] = 1;

    /* the body: kept blocks in document order */
    size_t rcap = 0;
    doc->nremoved = 0;
    for (size_t k = 0; k < c.nb; k++) {
        hblock *b = &c.b[k];
        int in = keep[b->owner];
        const char *why = NULL;
        const char *s = c.text.s + b->ts;
        if (b->heading == 1 || (doc->title && b->heading && strcmp(s, doc->title) == 0))
            why = "title";
        else if (!in) why = "outside article";
        else if (b->chars && (double)b->links / b->chars > 0.5) why = "link list";
        else if (b->tl < 400 && (why = dyad_chrome_line(s, b->tl)) != NULL) {}
        else if (t->len == 0 && doc->title && strcmp(s, doc->title) == 0) why = "title";
        if (why) {
            if (strcmp(why, "title")) add_removed(doc, &rcap, &c, b, why);
            continue;
        }
        if (t->len) dyad_buf_put(t, "\n\n", 2);
        dyad_buf_put(t, s, b->tl);
    }
    dyad_buf tb = {0};
    for (size_t k = 0; k < c.nsk; k++) {
        const GumboNode *g = c.sk[k].g;
        const char *txt = clean(doc->arena, node_text(g, &tb));
        size_t st = g->v.element.start_pos.offset, en = g->v.element.end_pos.offset;
        if (!txt || en <= st || en > doc->raw_len) continue;
        /* the end tag's own bytes belong to the box too */
        const char *gt = memchr(doc->raw + en, '>', doc->raw_len - en);
        if (gt && g->v.element.original_end_tag.length) en = (size_t)(gt - doc->raw) + 1;
        hblock fake = {.rs = (uint32_t)st, .re = (uint32_t)en};
        add_removed_text(doc, &rcap, &fake, txt, c.sk[k].why);
    }
    dyad_buf_free(&tb);
    if (doc->nremoved > 1) qsort(doc->removed, doc->nremoved, sizeof *doc->removed, by_start);
    dyad_buf_free(&c.text);
    free(keep);
    free(c.n);
    free(c.b);
    free(c.sk);
}

dyad_status dyad_html_article(dyad_doc *doc, dyad_error *err)
{
    if (doc->raw_len > UINT32_MAX)
        return dyad_fail(err, DYAD_ERR_INPUT, doc->path, doc->line, "page too long");
    GumboOutput *out = gumbo_parse_with_options(&kGumboDefaultOptions, doc->raw, doc->raw_len);
    if (!out) return dyad_fail(err, DYAD_ERR_INPUT, doc->path, doc->line, "cannot parse HTML");

    meta m = {0};
    read_meta(doc, out->document, &m);
    doc->title = title_of(doc->arena, &m);
    if (!doc->title) doc->title = doc->given_title;
    doc->date = date_of(doc, m.ld_pub);
    if (!doc->date) doc->date = date_of(doc, m.pub);
    if (!doc->date) doc->date = date_of(doc, m.time_dt);
    if (!doc->date) doc->date = doc->given_date;
    if (!doc->date) doc->date = date_of(doc, m.mod);
    doc->byline = m.author;
    doc->source = m.site ? m.site : doc->given_source;
    doc->url = m.url ? m.url : doc->given_url;
    if (m.tags.len) {
        /* split "a,b,c" */
        const char *s = m.tags.s;
        size_t n = m.tags.len, i = 0;
        while (i < n) {
            size_t j = i;
            while (j < n && s[j] != ',') j++;
            const char *t = clean(doc->arena, dyad_strndup(doc->arena, s + i, j - i));
            if (t && doc->ntags < 64) {
                doc->tags = dyad_grow(doc->arena, doc->tags, doc->ntags, doc->ntags + 1, sizeof *doc->tags);
                doc->tags[doc->ntags++] = t;
            }
            i = j + 1;
        }
    }

    dyad_buf t = {0};
    body(doc, out->root, 0, &t);
    if (t.len < 500) {
        /* too little: the article may sit in a box that looked like
         * furniture; try again keeping those and take the longer */
        dyad_buf t2 = {0};
        size_t nr = doc->nremoved;
        dyad_removed *rm = doc->removed;
        body(doc, out->root, 1, &t2);
        if (t2.len > t.len) {
            dyad_buf tmp = t; t = t2; t2 = tmp;
        } else {
            doc->removed = rm;
            doc->nremoved = nr;
        }
        dyad_buf_free(&t2);
    }
    doc->text = dyad_strndup(doc->arena, t.s ? t.s : "", t.len);
    doc->text_len = t.len;
    dyad_buf_free(&t);
    dyad_buf_free(&m.tags);
    gumbo_destroy_output(&kGumboDefaultOptions, out);
    return DYAD_OK;
}

/* ------------------------------------------------------------------ */

char *dyad_html_flatten(const char *html, size_t n, size_t *len)
{
    GumboOutput *out = gumbo_parse_with_options(&kGumboDefaultOptions, html, n);
    dyad_buf b = {0};
    if (out) {
        /* flatten sees everything a scraper keeps: only scripts, styles
         * and the head go */
        hctx c = {.all = 1};
        collect(&c, out->root);
        for (size_t k = 0; k < c.nb; k++) {
            if (b.len) dyad_buf_put(&b, "\n\n", 2);
            dyad_buf_put(&b, c.text.s + c.b[k].ts, c.b[k].tl);
        }
        dyad_buf_free(&c.text);
        free(c.n);
        free(c.b);
        gumbo_destroy_output(&kGumboDefaultOptions, out);
    }
    if (!b.s) dyad_buf_putc(&b, 0), b.len = 0;
    *len = b.len;
    return b.s;
}
