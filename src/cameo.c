/* cameo.c — the CAMEO codebook facts dyad uses for every event: name,
 * QuadClass, Goldstein value and PLOVER type, looked up by code from
 * data/cameo/cameo.tsv (the project's own table; see data/cameo/README.md
 * for where its facts come from). Parsed once, on first use. */
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static dyad_cameo *table;
static size_t ntable;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int cmp_code(const void *a, const void *b)
{
    return strcmp(((const dyad_cameo *)a)->code, ((const dyad_cameo *)b)->code);
}

/* The table is small (about 300 rows) and lives for the whole process:
 * its strings point into one malloc'd copy of the embedded file. */
static void load(void)
{
    size_t len;
    const char *src = dyad_data("data/cameo/cameo.tsv", &len);
    if (!src) return;
    char *text = malloc(len + 1);
    size_t lines = 0;
    if (!text) return;
    memcpy(text, src, len + 1);
    for (size_t i = 0; i < len; i++) lines += text[i] == '\n';
    table = calloc(lines + 1, sizeof *table);
    if (!table) { free(text); return; }
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        if (*line == '#' || !*line) continue;
        char *f[5];
        int nf = 0;
        for (char *p = line; nf < 5; ) {
            f[nf++] = p;
            p = strchr(p, '\t');
            if (!p) break;
            *p++ = 0;
        }
        if (nf < 5) continue;
        dyad_cameo *c = &table[ntable++];
        c->code = f[0];
        c->quad_class = atoi(f[1]);
        c->goldstein = strtod(f[2], NULL);
        c->plover = f[3];
        c->name = f[4];
    }
    qsort(table, ntable, sizeof *table, cmp_code);
    /* text and table are intentionally kept until exit. */
}

const dyad_cameo *dyad_cameo_lookup(const char *code)
{
    if (!code) return NULL;
    pthread_once(&once, load);
    dyad_cameo key = {.code = code};
    return table ? bsearch(&key, table, ntable, sizeof *table, cmp_code) : NULL;
}
