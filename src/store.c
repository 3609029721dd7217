/* store.c — STUB (store owner replaces). */
#include "dyad.h"
dyad_status dyad_store_open(dyad_store **st, const char *path, dyad_error *err)
{ *st = 0; return dyad_fail(err, DYAD_ERR_DB, path, 0, "the store is not implemented yet"); }
void dyad_store_close(dyad_store *st) { (void)st; }
dyad_status dyad_store_add(dyad_store *st, dyad_doc *d, int *added, dyad_error *err)
{ (void)st; (void)d; *added = 0; return dyad_fail(err, DYAD_ERR_DB, NULL, 0, "not implemented"); }
