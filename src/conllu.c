/* conllu.c — CoNLL-U in: documents of gold sentences and words.
 *
 * Used by `dyad parse --tokenized` (gold-token evaluation), by training and
 * by the stages that want gold parses for their own tests. Each document's
 * text is rebuilt from the surface tokens and their SpaceAfter=No, so word
 * offsets point into doc->text as they would after the text stage;
 * sentences are separated by a space, paragraphs ("# newpar") by a blank
 * line. The gold columns (lemma, UPOS, XPOS, feats, head, deprel) are kept
 * in the tokens: a syntax run overwrites them, training and scoring read
 * them before that.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *path;
    long line;
    dyad_error *err;
    dyad_doc **docs;
    size_t ndocs, capdocs;
    dyad_doc *doc;        /* being filled */
    dyad_buf text;        /* its text so far */
    size_t captok, capsent;
    int newpar;           /* a "# newpar" came before the next sentence */
    uint32_t paragraph;
    /* the sentence being read */
    uint32_t sent_tok;    /* first token index */
    uint32_t sent_start;  /* first byte */
    int nextid;           /* id the next word line must have */
    int mwt_to;           /* last word id of the open multiword token */
    uint32_t mwt_first;   /* index of its first word */
    const char *mwt_form, *mwt_misc;
    int mwt_space;
} reader;

static dyad_status fail(reader *r, const char *what)
{
    return dyad_fail(r->err, DYAD_ERR_INPUT, r->path, r->line, "%s", what);
}

static void add_doc(reader *r, const char *id)
{
    if (r->ndocs == r->capdocs) {
        r->capdocs = r->capdocs ? 2 * r->capdocs : 16;
        r->docs = realloc(r->docs, r->capdocs * sizeof *r->docs);
        if (!r->docs) abort();
    }
    dyad_doc *d = dyad_doc_new();
    d->id = dyad_strdup(d->arena, id);
    d->path = dyad_strdup(d->arena, r->path);
    d->line = r->line;
    r->docs[r->ndocs++] = d;
    r->doc = d;
    dyad_buf_reset(&r->text);
    r->captok = r->capsent = 0;
    r->sent_tok = 0;
    r->paragraph = 0;
    r->newpar = 0;
}

/* The finished document gets its text (also as raw, so later stages that
 * look at raw see the same). */
static void end_doc(reader *r)
{
    dyad_doc *d = r->doc;
    if (!d) return;
    /* drop the separator after the last sentence */
    while (r->text.len && r->text.s[r->text.len - 1] == ' ') r->text.len--;
    d->text = dyad_strndup(d->arena, r->text.s ? r->text.s : "", r->text.len);
    d->text_len = r->text.len;
    d->raw = d->text;
    d->raw_len = d->text_len;
    r->doc = NULL;
}

static dyad_status end_sentence(reader *r)
{
    dyad_doc *d = r->doc;
    if (!d || d->ntokens == r->sent_tok) return DYAD_OK;
    if (r->mwt_to >= r->nextid) return fail(r, "multiword token range runs past the sentence");
    uint32_t n = (uint32_t)(d->ntokens - r->sent_tok);
    for (uint32_t i = 0; i < n; i++) {
        dyad_token *t = &d->tokens[r->sent_tok + i];
        if (t->head > (int32_t)n)
            return fail(r, "a HEAD points outside its sentence");
    }
    if (d->nsentences == r->capsent) {
        size_t cap = r->capsent ? 2 * r->capsent : 64;
        d->sentences = dyad_grow(d->arena, d->sentences, d->nsentences, cap,
                                 sizeof *d->sentences);
        r->capsent = cap;
    }
    dyad_sentence *s = &d->sentences[d->nsentences++];
    s->tok = r->sent_tok;
    s->ntok = n;
    s->start = r->sent_start;
    uint32_t end = r->sent_start;
    for (uint32_t i = 0; i < n; i++) {
        const dyad_token *t = &d->tokens[r->sent_tok + i];
        uint32_t e = t->mwt_len ? t->mwt_end : t->end;
        if (e > end) end = e;
    }
    s->end = end;
    s->paragraph = r->paragraph;
    if (r->text.len && r->text.s[r->text.len - 1] != ' ') dyad_buf_putc(&r->text, ' ');
    r->sent_tok = (uint32_t)d->ntokens;
    r->nextid = 1;
    r->mwt_to = 0;
    return DYAD_OK;
}

static int has_space_after(const char *misc)
{
    /* SpaceAfter=No among |-separated attributes */
    for (const char *p = misc; (p = strstr(p, "SpaceAfter=No")); p++)
        if ((p == misc || p[-1] == '|') && (p[13] == 0 || p[13] == '|')) return 0;
    return 1;
}

/* SpacesAfter=... (UD's escapes \s \t \n \r \\ \p \uXXXX) into buf;
 * 0 if the MISC column has none. */
static int spaces_after(const char *misc, dyad_buf *buf)
{
    const char *p = misc;
    while ((p = strstr(p, "SpacesAfter=")) && p != misc && p[-1] != '|') p++;
    if (!p) return 0;
    for (p += 12; *p && *p != '|'; p++) {
        if (*p != '\\') { dyad_buf_putc(buf, *p); continue; }
        switch (*++p) {
        case 's': dyad_buf_putc(buf, ' '); break;
        case 't': dyad_buf_putc(buf, '\t'); break;
        case 'n': dyad_buf_putc(buf, '\n'); break;
        case 'r': dyad_buf_putc(buf, '\r'); break;
        case 'p': dyad_buf_putc(buf, '|'); break;
        case 'u': {
            unsigned v = 0;
            int k = 0;
            for (; k < 4 && p[1] && strchr("0123456789abcdefABCDEF", p[1]); k++, p++)
                v = v * 16 + (unsigned)(p[1] <= '9' ? p[1] - '0' : (p[1] | 32) - 'a' + 10);
            if (v < 0x80) dyad_buf_putc(buf, (char)(v ? v : ' '));
            else if (v < 0x800) {
                dyad_buf_putc(buf, (char)(0xC0 | v >> 6));
                dyad_buf_putc(buf, (char)(0x80 | (v & 63)));
            } else {
                dyad_buf_putc(buf, (char)(0xE0 | v >> 12));
                dyad_buf_putc(buf, (char)(0x80 | (v >> 6 & 63)));
                dyad_buf_putc(buf, (char)(0x80 | (v & 63)));
            }
            break;
        }
        case 0: p--; break;
        default: dyad_buf_putc(buf, *p);
        }
    }
    return 1;
}

/* Put a surface token into the text, returning its start byte. space is
 * 0 (SpaceAfter=No) or 1 (one space, or SpacesAfter= in misc). */
static uint32_t put_surface(reader *r, const char *form, int space, const char *misc)
{
    if (r->doc->ntokens == r->sent_tok) {
        /* first surface token of a sentence: start a paragraph if asked */
        if (r->newpar && r->doc->nsentences) {
            while (r->text.len && r->text.s[r->text.len - 1] == ' ') r->text.len--;
            dyad_buf_puts(&r->text, "\n\n");
            r->paragraph++;
        }
        r->newpar = 0;
        r->sent_start = (uint32_t)r->text.len;
    }
    uint32_t start = (uint32_t)r->text.len;
    dyad_buf_puts(&r->text, form);
    if (space && !spaces_after(misc, &r->text)) dyad_buf_putc(&r->text, ' ');
    return start;
}

static int parse_int(const char *s, long *v)
{
    char *e;
    errno = 0;
    *v = strtol(s, &e, 10);
    return !errno && e != s && *e == 0 && *s >= '0' && *s <= '9';
}

static const char *col(dyad_arena *a, const char *s)
{
    return strcmp(s, "_") == 0 ? NULL : dyad_strdup(a, s);
}

static dyad_status word_line(reader *r, char *line)
{
    char *f[10];
    int n = 0;
    for (char *p = line;;) {
        f[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab) break;
        *tab = 0;
        p = tab + 1;
        if (n == 10) return fail(r, "more than 10 columns");
    }
    if (n != 10) return fail(r, "a word line needs 10 tab-separated columns");
    if (!*f[1]) return fail(r, "empty FORM");
    if (strchr(f[0], '.')) return DYAD_OK; /* empty node of enhanced deps */
    if (!r->doc) add_doc(r, strrchr(r->path, '/') ? strrchr(r->path, '/') + 1 : r->path);
    dyad_doc *d = r->doc;
    char *dash = strchr(f[0], '-');
    if (dash) {
        *dash = 0;
        long a, b;
        if (!parse_int(f[0], &a) || !parse_int(dash + 1, &b) || a != r->nextid || b <= a ||
            b - a > 200)
            return fail(r, "bad multiword token range");
        if (r->mwt_to >= r->nextid) return fail(r, "overlapping multiword tokens");
        r->mwt_to = (int)b;
        r->mwt_first = (uint32_t)d->ntokens;
        r->mwt_form = dyad_strdup(d->arena, f[1]);
        r->mwt_space = has_space_after(f[9]);
        r->mwt_misc = dyad_strdup(d->arena, f[9]);
        return DYAD_OK;
    }
    long id, head = -1;
    if (!parse_int(f[0], &id) || id != r->nextid) return fail(r, "word ids must run 1, 2, 3, ...");
    if (id > 100000) return fail(r, "sentence too long");
    if (strcmp(f[6], "_") && (!parse_int(f[6], &head) || head > 100000))
        return fail(r, "bad HEAD");
    if (head == id) return fail(r, "a word is its own HEAD");

    if (d->ntokens == r->captok) {
        size_t cap = r->captok ? 2 * r->captok : 256;
        d->tokens = dyad_grow(d->arena, d->tokens, d->ntokens, cap, sizeof *d->tokens);
        r->captok = cap;
    }
    dyad_token *t = &d->tokens[d->ntokens];
    int in_mwt = r->mwt_to >= id;
    if (in_mwt) {
        if (d->ntokens == r->mwt_first) {
            uint32_t s = put_surface(r, r->mwt_form, r->mwt_space, r->mwt_misc);
            t->mwt_len = (uint8_t)(r->mwt_to - id + 1 > 255 ? 255 : r->mwt_to - id + 1);
            t->mwt_start = s;
            t->mwt_end = s + (uint32_t)strlen(r->mwt_form);
        }
        dyad_token *first = &d->tokens[r->mwt_first];
        /* words take their own piece of the surface token when they spell
         * it out in order ("do" + "n't"); otherwise ("won't" = "will" +
         * "n't") every word spans the whole token */
        uint32_t from = t == first ? first->mwt_start : t[-1].end;
        size_t len = strlen(f[1]);
        if (from + len <= first->mwt_end && memcmp(r->text.s + from, f[1], len) == 0) {
            t->start = from;
            t->end = from + (uint32_t)len;
        } else {
            t->start = first->mwt_start;
            t->end = first->mwt_end;
        }
        t->space_after = id == r->mwt_to ? (uint8_t)r->mwt_space : 0;
        if (id == r->mwt_to) {
            int pieces = t->end == first->mwt_end;
            for (dyad_token *w = first + 1; w <= t && pieces; w++)
                pieces = w->start == w[-1].end && w->end > w->start;
            if (!pieces || first->start != first->mwt_start)
                for (dyad_token *w = first; w <= t; w++) {
                    w->start = first->mwt_start;
                    w->end = first->mwt_end;
                }
        }
    } else {
        int space = has_space_after(f[9]);
        t->start = put_surface(r, f[1], space, f[9]);
        t->end = t->start + (uint32_t)strlen(f[1]);
        t->space_after = (uint8_t)space;
    }
    t->form = dyad_strdup(d->arena, f[1]);
    t->lemma = strcmp(f[2], "_") == 0 && strcmp(f[1], "_") ? NULL : dyad_strdup(d->arena, f[2]);
    t->upos = (uint8_t)dyad_upos_from_name(f[3]);
    t->xpos = col(d->arena, f[4]);
    t->feats = col(d->arena, f[5]);
    t->head = (int32_t)head;
    t->deprel = col(d->arena, f[7]);
    d->ntokens++;
    r->nextid++;
    return DYAD_OK;
}

static dyad_status comment_line(reader *r, const char *line)
{
    const char *p = line + 1;
    while (*p == ' ') p++;
    if (strncmp(p, "newdoc", 6) == 0 && (p[6] == 0 || p[6] == ' ' || p[6] == '=')) {
        if (r->nextid != 1) return fail(r, "# newdoc inside a sentence");
        end_doc(r);
        const char *id = strchr(p, '=');
        if (id) {
            id++;
            while (*id == ' ') id++;
        }
        char fallback[64];
        if (!id || !*id) {
            snprintf(fallback, sizeof fallback, "doc%zu", r->ndocs + 1);
            id = fallback;
        }
        add_doc(r, id);
        r->newpar = 0;
    } else if (strncmp(p, "newpar", 6) == 0 && (p[6] == 0 || p[6] == ' ' || p[6] == '=')) {
        r->newpar = 1;
    }
    return DYAD_OK;
}

dyad_status dyad_conllu_read(const char *path, dyad_doc ***docs, size_t *ndocs,
                             dyad_error *err)
{
    *docs = NULL;
    *ndocs = 0;
    FILE *fp = fopen(path, "rb");
    if (!fp) return dyad_fail(err, DYAD_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
    reader r = {.path = path, .err = err, .nextid = 1};
    dyad_status st = DYAD_OK;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, fp)) >= 0) {
        r.line++;
        if (memchr(line, 0, (size_t)n)) { st = fail(&r, "NUL byte"); break; }
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
        if (n == 0) st = end_sentence(&r);
        else if (line[0] == '#') st = r.nextid == 1 ? comment_line(&r, line) : DYAD_OK;
        else st = word_line(&r, line);
        if (st) break;
    }
    if (!st && ferror(fp)) st = dyad_fail(err, DYAD_ERR_IO, path, r.line, "read error");
    fclose(fp);
    free(line);
    if (!st) st = end_sentence(&r);
    end_doc(&r);
    dyad_buf_free(&r.text);
    /* a document that got no sentences (a "# newdoc" with nothing after) */
    size_t k = 0;
    for (size_t i = 0; i < r.ndocs; i++) {
        if (!st && r.docs[i]->nsentences) r.docs[k++] = r.docs[i];
        else dyad_doc_free(r.docs[i]);
    }
    if (!st && k == 0) st = dyad_fail(err, DYAD_ERR_INPUT, path, 0, "no sentences");
    if (st) {
        free(r.docs);
        return st;
    }
    *docs = r.docs;
    *ndocs = k;
    return DYAD_OK;
}
