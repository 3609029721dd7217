/* conllu.c — STUB (text/syntax owner replaces). */
#include "dyad.h"
dyad_status dyad_conllu_read(const char *path, dyad_doc ***docs, size_t *ndocs, dyad_error *err)
{ *docs = 0; *ndocs = 0; return dyad_fail(err, DYAD_ERR_USAGE, path, 0, "CoNLL-U input not implemented yet"); }
