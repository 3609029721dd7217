/* data.c — finds the dictionaries and models that the build links into the
 * binary (scripts/embed writes the table), so a dyad binary needs no files
 * beside it. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <zstd.h>

struct embedded {
    const char *path;
    const char *start;
    uintptr_t size;        /* bytes, including the NUL the table adds */
};
extern const struct embedded dyad_embedded[];

const char *dyad_data(const char *path, size_t *len)
{
    for (const struct embedded *e = dyad_embedded; e->path; e++)
        if (strcmp(e->path, path) == 0) {
            if (len) *len = (size_t)e->size - 1;
            return e->start;
        }
    return NULL;
}

char *dyad_unzstd(const void *src, size_t n, size_t *len)
{
    unsigned long long size = ZSTD_getFrameContentSize(src, n);
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
        size > (1ull << 32))
        return NULL;
    char *out = malloc((size_t)size + 1);
    if (!out) return NULL;
    size_t got = ZSTD_decompress(out, (size_t)size, src, n);
    if (ZSTD_isError(got) || got != size) { free(out); return NULL; }
    out[got] = 0;
    if (len) *len = got;
    return out;
}

char *dyad_data_unzstd(const char *path, size_t *len)
{
    char name[512];
    snprintf(name, sizeof name, "%s.zst", path);
    size_t n;
    const char *z = dyad_data(name, &n);
    return z ? dyad_unzstd(z, n, len) : NULL;
}
