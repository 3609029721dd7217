/* testutil.h — what the cmocka tests share: finding ../shared (tests that
 * need it skip without it), reading files, running a whole document through
 * the first stages. */
#ifndef DYAD_TESTUTIL_H
#define DYAD_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "dyad.h"

/* ../shared, or $DYAD_SHARED; NULL when absent. */
static inline const char *shared_dir(void)
{
    const char *s = getenv("DYAD_SHARED");
    if (!s || !*s) s = "../shared";
    struct stat st;
    return stat(s, &st) == 0 && S_ISDIR(st.st_mode) ? s : NULL;
}

/* Skip the current test when ../shared is not there. */
#define REQUIRE_SHARED()                                  \
    do {                                                  \
        if (!shared_dir()) {                              \
            print_message("skipped: no ../shared\n");     \
            skip();                                       \
        }                                                 \
    } while (0)

/* A path under ../shared in a static buffer. */
static inline const char *shared_path(const char *rel)
{
    static char buf[4][1024];
    static int k;
    char *b = buf[k++ & 3];
    snprintf(b, 1024, "%s/%s", shared_dir() ? shared_dir() : "../shared", rel);
    return b;
}

/* Whole file, NUL-terminated, malloc'd; NULL if unreadable. */
static inline char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0, k;
    char *s = malloc(cap + 1);
    while ((k = fread(s + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) s = realloc(s, (cap *= 2) + 1);
    }
    fclose(f);
    s[n] = 0;
    if (len) *len = n;
    return s;
}

/* A document from a string, as the reader would make it from a file. */
static inline dyad_doc *doc_from_string(const char *id, const char *text,
                                        const char *date)
{
    dyad_doc *d = dyad_doc_new();
    d->id = dyad_strdup(d->arena, id);
    d->path = d->id;
    d->raw = dyad_strdup(d->arena, text);
    d->raw_len = strlen(text);
    d->given_date = dyad_strdup(d->arena, date);
    return d;
}

/* A document from a file via the real reader (first record). */
static inline dyad_doc *doc_from_file(const char *path)
{
    dyad_reader *r;
    dyad_error err, warn;
    if (dyad_reader_open(&r, path, DYAD_INPUT_AUTO, NULL, &err)) return NULL;
    dyad_doc *d = NULL;
    if (dyad_reader_next(r, &d, &warn, &err)) d = NULL;
    dyad_reader_close(r);
    return d;
}

#endif
