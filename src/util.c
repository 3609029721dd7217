/* util.c — the small pieces every stage uses: errors, a per-document arena,
 * a growable byte buffer with a JSON string writer, and name tables for the
 * enums of the public header. */
#include "dyad.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

dyad_status dyad_fail(dyad_error *err, dyad_status st, const char *file,
                      long line, const char *fmt, ...)
{
    if (!err) return st;
    size_t n = 0;
    if (file && line > 0)
        n = (size_t)snprintf(err->msg, sizeof err->msg, "%s:%ld: ", file, line);
    else if (file)
        n = (size_t)snprintf(err->msg, sizeof err->msg, "%s: ", file);
    if (n >= sizeof err->msg) n = sizeof err->msg - 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg + n, sizeof err->msg - n, fmt, ap);
    va_end(ap);
    for (char *p = err->msg; *p; p++)   /* one line, always */
        if (*p == '\n' || *p == '\r') *p = ' ';
    return st;
}

/* ---- arena: a list of blocks, bump allocation ---- */

typedef struct block {
    struct block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
} block;

struct dyad_arena {
    block *head;
};

dyad_arena *dyad_arena_new(void)
{
    dyad_arena *a = calloc(1, sizeof *a);
    if (!a) abort();
    return a;
}

void dyad_arena_free(dyad_arena *a)
{
    if (!a) return;
    for (block *b = a->head, *n; b; b = n) {
        n = b->next;
        free(b);
    }
    free(a);
}

void *dyad_alloc(dyad_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0) n = 16;
    block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = 64 * 1024;
        if (n > size / 4) size = n;          /* big objects get their own */
        block *nb = malloc(sizeof *nb + size);
        if (!nb) abort();                    /* out of memory: nothing sane */
        nb->size = size;
        nb->used = 0;
        if (b && size == n) {                /* keep the partly used block on top */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *dyad_strndup(dyad_arena *a, const char *s, size_t n)
{
    char *p = dyad_alloc(a, n + 1);
    if (n) memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *dyad_strdup(dyad_arena *a, const char *s)
{
    return s ? dyad_strndup(a, s, strlen(s)) : NULL;
}

char *dyad_sprintf(dyad_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = dyad_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void *dyad_grow(dyad_arena *a, void *old, size_t n, size_t cap, size_t sz)
{
    void *p = dyad_alloc(a, cap * sz);
    if (old && n) memcpy(p, old, n * sz);
    return p;
}

/* ---- growable buffer ---- */

static void buf_reserve(dyad_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) abort();
    b->s = s;
    b->cap = cap;
}

void dyad_buf_put(dyad_buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    if (n) memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

void dyad_buf_puts(dyad_buf *b, const char *s) { dyad_buf_put(b, s, strlen(s)); }

void dyad_buf_putc(dyad_buf *b, char c) { dyad_buf_put(b, &c, 1); }

void dyad_buf_printf(dyad_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void dyad_buf_json_str(dyad_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    if (!s) { dyad_buf_put(b, "null", 4); return; }
    buf_reserve(b, n + 2);
    b->s[b->len++] = '"';
    size_t run = 0;                 /* copy plain runs in one go */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') { run++; continue; }
        dyad_buf_put(b, s + i - run, run);
        run = 0;
        char esc[7] = {'\\', 0};
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
            esc[4] = hex[c >> 4]; esc[5] = hex[c & 15];
            dyad_buf_put(b, esc, 6);
            continue;
        }
        dyad_buf_put(b, esc, 2);
    }
    dyad_buf_put(b, s + n - run, run);
    dyad_buf_putc(b, '"');
}

void dyad_buf_reset(dyad_buf *b) { b->len = 0; if (b->s) b->s[0] = 0; }

void dyad_buf_free(dyad_buf *b) { free(b->s); b->s = NULL; b->len = b->cap = 0; }

/* ---- documents ---- */

dyad_doc *dyad_doc_new(void)
{
    dyad_arena *a = dyad_arena_new();
    dyad_doc *d = dyad_alloc(a, sizeof *d);
    d->arena = a;
    d->line = 1;
    return d;
}

void dyad_doc_free(dyad_doc *doc)
{
    if (doc) dyad_arena_free(doc->arena);
}

/* ---- names ---- */

static const char *const upos_names[DYAD_UPOS_COUNT] = {
    "_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};

const char *dyad_upos_name(dyad_upos u)
{
    return (unsigned)u < DYAD_UPOS_COUNT ? upos_names[u] : "_";
}

dyad_upos dyad_upos_from_name(const char *s)
{
    for (int i = 1; i < DYAD_UPOS_COUNT; i++)
        if (strcmp(s, upos_names[i]) == 0) return (dyad_upos)i;
    return DYAD_UPOS_NONE;
}

const char *dyad_modality_name(dyad_modality m)
{
    static const char *const n[] = {"asserted", "future", "negated",
                                    "conditional", "reported"};
    return (unsigned)m < 5 ? n[m] : "asserted";
}

const char *dyad_timex_type_name(dyad_timex_type t)
{
    static const char *const n[] = {"DATE", "TIME", "DURATION", "SET"};
    return (unsigned)t < 4 ? n[t] : "DATE";
}
