/* coder.c — STUB (events owner replaces): actors, events, CAMEO table. */
#include "dyad.h"
#include <stdlib.h>
struct dyad_coder { int unused; };
dyad_status dyad_coder_load(dyad_coder **c, const dyad_coder_options *o, dyad_error *err)
{ (void)o; (void)err; *c = calloc(1, sizeof **c); return DYAD_OK; }
void dyad_coder_free(dyad_coder *c) { free(c); }
dyad_status dyad_actors(const dyad_coder *c, dyad_doc *d, dyad_error *e) { (void)c; (void)d; (void)e; return DYAD_OK; }
dyad_status dyad_events(const dyad_coder *c, dyad_doc *d, dyad_error *e) { (void)c; (void)d; (void)e; return DYAD_OK; }
const dyad_cameo *dyad_cameo_lookup(const char *code) { (void)code; return NULL; }
