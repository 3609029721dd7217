/* reader.c — turns files and standard input into documents.
 *
 * A FILE is plain text, HTML (by extension or content) or JSON Lines
 * (".jsonl" or --input jsonl). Bad bytes are caught here, once, so later
 * stages may assume valid UTF-8 without NULs: invalid UTF-8 is repaired
 * (U+FFFD) with a warning; NUL bytes, UTF-16 and broken JSON are errors that
 * name the file and line. */
#include "dyad.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

struct dyad_reader {
    FILE *f;
    int own;                 /* close f at the end */
    const char *path;        /* as given; "-" for stdin */
    char *name;              /* path without directories */
    dyad_input_kind kind;
    char *default_date;
    long line;               /* lines consumed so far */
    int done;
    char *linebuf;
    size_t linecap;
    char *mem;               /* the buffer of a reader over memory */
};

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcasecmp(s + n - m, suf) == 0;
}

dyad_status dyad_reader_open(dyad_reader **out, const char *path,
                             dyad_input_kind kind, const char *default_date,
                             dyad_error *err)
{
    *out = NULL;
    dyad_reader *r = calloc(1, sizeof *r);
    if (!r) return dyad_fail(err, DYAD_ERR_NOMEM, path, 0, "out of memory");
    if (!path || strcmp(path, "-") == 0) {
        r->f = stdin;
        r->path = "-";
        r->name = strdup("stdin");
    } else {
        struct stat st;
        if (stat(path, &st) != 0) {
            int e = errno;
            free(r);
            return dyad_fail(err, DYAD_ERR_IO, path, 0, "%s", strerror(e));
        }
        if (S_ISDIR(st.st_mode)) {
            free(r);
            return dyad_fail(err, DYAD_ERR_IO, path, 0,
                             "is a directory (give the files in it)");
        }
        r->f = fopen(path, "rb");
        if (!r->f) {
            int e = errno;
            free(r);
            return dyad_fail(err, DYAD_ERR_IO, path, 0, "%s", strerror(e));
        }
        r->own = 1;
        r->path = path;
        r->name = strdup(base_name(path));
    }
    if (kind == DYAD_INPUT_AUTO && r->own) {
        if (has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson"))
            kind = DYAD_INPUT_JSONL;
        else if (has_suffix(path, ".html") || has_suffix(path, ".htm"))
            kind = DYAD_INPUT_HTML;
    }
    r->kind = kind;
    r->default_date = default_date ? strdup(default_date) : NULL;
    *out = r;
    return DYAD_OK;
}

dyad_status dyad_reader_open_mem(dyad_reader **out, const char *name,
                                 const char *data, size_t len,
                                 dyad_input_kind kind,
                                 const char *default_date, dyad_error *err)
{
    *out = NULL;
    dyad_reader *r = calloc(1, sizeof *r);
    if (!r) return dyad_fail(err, DYAD_ERR_NOMEM, name, 0, "out of memory");
    r->mem = malloc(len + 1);
    if (!r->mem) { free(r); return dyad_fail(err, DYAD_ERR_NOMEM, name, 0, "out of memory"); }
    if (len) memcpy(r->mem, data, len);
    r->mem[len] = 0;
    /* fmemopen cannot take an empty buffer */
    r->f = len ? fmemopen(r->mem, len, "rb") : fopen("/dev/null", "rb");
    if (!r->f) {
        free(r->mem);
        free(r);
        return dyad_fail(err, DYAD_ERR_IO, name, 0, "cannot read from memory");
    }
    r->own = 1;
    r->path = name;
    r->name = strdup(base_name(name));
    if (kind == DYAD_INPUT_AUTO) {
        if (has_suffix(name, ".jsonl") || has_suffix(name, ".ndjson")) kind = DYAD_INPUT_JSONL;
        else if (has_suffix(name, ".html") || has_suffix(name, ".htm")) kind = DYAD_INPUT_HTML;
    }
    r->kind = kind;
    r->default_date = default_date ? strdup(default_date) : NULL;
    *out = r;
    return DYAD_OK;
}

void dyad_reader_close(dyad_reader *r)
{
    if (!r) return;
    if (r->own && r->f) fclose(r->f);
    free(r->name);
    free(r->default_date);
    free(r->linebuf);
    free(r->mem);
    free(r);
}

/* Check bytes: NULs and UTF-16 are errors; invalid UTF-8 is replaced by
 * U+FFFD into a new arena string. Returns the (possibly repaired) text. */
static dyad_status check_bytes(dyad_doc *doc, const char *path, long line0,
                               const char *s, size_t n, const char **clean,
                               size_t *clean_len, dyad_error *warn,
                               dyad_error *err)
{
    if (n >= 2 && (((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE) ||
                   ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF)))
        return dyad_fail(err, DYAD_ERR_INPUT, path, line0,
                         "UTF-16 input; convert it to UTF-8 (iconv -f UTF-16)");
    const char *nul = memchr(s, 0, n);
    if (nul) {
        long line = line0;
        for (const char *p = s; p < nul; p++) line += *p == '\n';
        return dyad_fail(err, DYAD_ERR_INPUT, path, line,
                         "NUL byte in input (a binary file?)");
    }
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) { s += 3; n -= 3; }
    /* first pass: find the first invalid byte, if any */
    size_t i = 0;
    long bad_line = 0, line = line0;
    size_t nbad = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { line += c == '\n'; i++; continue; }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k > 0) { i += (size_t)k; continue; }
        nbad = 1;
        bad_line = line;
        break;
    }
    if (!nbad) { *clean = s; *clean_len = n; return DYAD_OK; }
    /* second pass: rebuild, replacing every bad byte */
    dyad_buf b = {0};
    nbad = 0;
    i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { dyad_buf_putc(&b, (char)c); i++; continue; }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k > 0) { dyad_buf_put(&b, s + i, (size_t)k); i += (size_t)k; continue; }
        dyad_buf_put(&b, "\xEF\xBF\xBD", 3);
        nbad++;
        i++;
    }
    *clean = dyad_strndup(doc->arena, b.s, b.len);
    *clean_len = b.len;
    dyad_buf_free(&b);
    if (warn)
        dyad_fail(warn, DYAD_OK, path, bad_line,
                  "invalid UTF-8 (%zu byte%s replaced by U+FFFD)", nbad,
                  nbad == 1 ? "" : "s");
    return DYAD_OK;
}

static int looks_html(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) i++;
    if (i + 3 >= n || s[i] != '<') return 0;
    const char *p = s + i + 1;
    size_t m = n - i - 1;
    static const char *const starts[] = {"!doctype html", "html", "head", "body", "!--", "meta"};
    for (size_t k = 0; k < sizeof starts / sizeof *starts; k++) {
        size_t l = strlen(starts[k]);
        if (m >= l && strncasecmp(p, starts[k], l) == 0) return 1;
    }
    return 0;
}

static dyad_status read_all(dyad_reader *r, dyad_buf *b, dyad_error *err)
{
    char tmp[1 << 16];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, r->f)) > 0) dyad_buf_put(b, tmp, k);
    if (ferror(r->f))
        return dyad_fail(err, DYAD_ERR_IO, r->path, 0, "read error: %s",
                         strerror(errno));
    return DYAD_OK;
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\r\n", s[i])) return 0;
    return 1;
}

/* A whole file (or stdin) as one article. */
static dyad_status next_whole(dyad_reader *r, dyad_doc **out, dyad_error *warn,
                              dyad_error *err)
{
    r->done = 1;
    dyad_buf b = {0};
    dyad_status st = read_all(r, &b, err);
    if (st) { dyad_buf_free(&b); return st; }
    if (b.len == 0 || blank(b.s, b.len)) {
        size_t had = b.len;   /* before the free empties it */
        dyad_buf_free(&b);
        return dyad_fail(err, DYAD_ERR_INPUT, r->path, 1,
                         had ? "no text (only whitespace)" : "empty file");
    }
    /* "-" with auto detection: JSON Lines if it starts with '{' */
    if (r->kind == DYAD_INPUT_AUTO && !r->own) {
        size_t i = 0;
        while (i < b.len && strchr(" \t\r\n", b.s[i])) i++;
        if (b.s[i] == '{') {
            /* re-read as JSON Lines from the buffer */
            FILE *mf = fmemopen(NULL, b.len + 1, "w+");
            if (mf) {
                fwrite(b.s, 1, b.len, mf);
                rewind(mf);
                r->f = mf;
                r->own = 1;
                r->kind = DYAD_INPUT_JSONL;
                r->done = 0;
                dyad_buf_free(&b);
                return dyad_reader_next(r, out, warn, err);
            }
        }
    }
    dyad_doc *doc = dyad_doc_new();
    const char *clean;
    size_t clen;
    st = check_bytes(doc, r->path, 1, b.s, b.len, &clean, &clen, warn, err);
    if (st) { dyad_buf_free(&b); dyad_doc_free(doc); return st; }
    /* unrepaired text still points into b: copy it into the document */
    doc->raw = clean >= b.s && clean <= b.s + b.len
                   ? dyad_strndup(doc->arena, clean, clen) : clean;
    doc->raw_len = clen;
    dyad_buf_free(&b);
    doc->id = dyad_strdup(doc->arena, r->name);
    doc->path = dyad_strdup(doc->arena, r->path);
    doc->line = 1;
    doc->is_html = r->kind == DYAD_INPUT_HTML ||
                   (r->kind == DYAD_INPUT_AUTO && looks_html(doc->raw, doc->raw_len));
    doc->given_date = dyad_strdup(doc->arena, r->default_date);
    *out = doc;
    return DYAD_OK;
}

static const char *json_field(dyad_doc *doc, json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    if (json_is_string(v))
        return dyad_strndup(doc->arena, json_string_value(v), json_string_length(v));
    if (json_is_integer(v))
        return dyad_sprintf(doc->arena, "%lld", (long long)json_integer_value(v));
    return NULL;
}

/* One JSON Lines record. */
static dyad_status next_jsonl(dyad_reader *r, dyad_doc **out, dyad_error *warn,
                              dyad_error *err)
{
    for (;;) {
        errno = 0;
        ssize_t n = getline(&r->linebuf, &r->linecap, r->f);
        if (n < 0) {
            if (ferror(r->f))
                return dyad_fail(err, DYAD_ERR_IO, r->path, r->line + 1,
                                 "read error: %s", strerror(errno));
            r->done = 1;
            if (r->line == 0)
                return dyad_fail(err, DYAD_ERR_INPUT, r->path, 1, "empty file");
            return DYAD_EOF;
        }
        r->line++;
        const char *s = r->linebuf;
        size_t len = (size_t)n;
        if (blank(s, len)) continue;
        if (memchr(s, 0, len))
            return dyad_fail(err, DYAD_ERR_INPUT, r->path, r->line,
                             "NUL byte in input (a binary file?)");
        if (r->line == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3; len -= 3;
        }
        int truncated = s[len - 1] != '\n' && feof(r->f);
        json_error_t je;
        json_t *o = json_loadb(s, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
        if (!o)
            return dyad_fail(err, DYAD_ERR_INPUT, r->path, r->line,
                             "%s JSON: %s (column %d)",
                             truncated ? "truncated" : "invalid", je.text,
                             je.column);
        if (!json_is_object(o)) {
            json_decref(o);
            return dyad_fail(err, DYAD_ERR_INPUT, r->path, r->line,
                             "a record must be a JSON object");
        }
        json_t *t = json_object_get(o, "text");
        if (!json_is_string(t)) {
            json_decref(o);
            return dyad_fail(err, DYAD_ERR_INPUT, r->path, r->line,
                             "record has no \"text\" string");
        }
        dyad_doc *doc = dyad_doc_new();
        const char *clean;
        size_t clen;
        dyad_status st = check_bytes(doc, r->path, r->line, json_string_value(t),
                                     json_string_length(t), &clean, &clen, warn, err);
        const char *tv = json_string_value(t);
        if (st == DYAD_OK && clean >= tv && clean <= tv + json_string_length(t))
            clean = dyad_strndup(doc->arena, clean, clen);
        if (st) {
            /* the NUL check reports the line inside the text; name the record */
            dyad_fail(err, st, r->path, r->line, "%s",
                      strstr(err->msg, ": ") ? strstr(err->msg, ": ") + 2 : err->msg);
            json_decref(o);
            dyad_doc_free(doc);
            return st;
        }
        doc->raw = clean;
        doc->raw_len = clen;
        doc->path = dyad_strdup(doc->arena, r->path);
        doc->line = r->line;
        doc->is_record = 1;
        doc->id = json_field(doc, o, "id");
        if (!doc->id) doc->id = dyad_sprintf(doc->arena, "%s:%ld", r->name, r->line);
        doc->given_date = json_field(doc, o, "date");
        if (!doc->given_date) doc->given_date = dyad_strdup(doc->arena, r->default_date);
        doc->given_title = json_field(doc, o, "title");
        doc->given_url = json_field(doc, o, "url");
        doc->given_source = json_field(doc, o, "source");
        const char *fmt = json_field(doc, o, "format");
        doc->is_html = (fmt && strcmp(fmt, "html") == 0) ||
                       looks_html(doc->raw, doc->raw_len);
        json_decref(o);
        *out = doc;
        return DYAD_OK;
    }
}

dyad_status dyad_reader_next(dyad_reader *r, dyad_doc **out, dyad_error *warn,
                             dyad_error *err)
{
    *out = NULL;
    if (warn) warn->msg[0] = 0;
    if (r->kind == DYAD_INPUT_JSONL) {
        if (r->done) return DYAD_EOF;
        return next_jsonl(r, out, warn, err);
    }
    if (r->done) return DYAD_EOF;
    dyad_status st = next_whole(r, out, warn, err);
    if (st == DYAD_OK && r->kind == DYAD_INPUT_HTML) (*out)->is_html = 1;
    return st;
}
