/* internal.h — what the library's files share and users do not see. */
#ifndef DYAD_INTERNAL_H
#define DYAD_INTERNAL_H

#include "dyad.h"

/* A file of data/ linked into the binary, by its path ("data/x/y.txt");
 * NUL-terminated (the terminator not counted in *len). NULL if absent. */
const char *dyad_data(const char *path, size_t *len);

/* The same, zstd-compressed in data/ as PATH.zst: decompressed into a
 * malloc'd buffer the caller frees. NULL if absent or corrupt. */
char *dyad_data_unzstd(const char *path, size_t *len);

/* Decompress a zstd frame into a malloc'd buffer (NUL-terminated). */
char *dyad_unzstd(const void *src, size_t n, size_t *len);

#endif
