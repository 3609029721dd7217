/* geo.c — STUB while the gazetteer is written. */
#include "dyad.h"
#include <stdlib.h>
struct dyad_gazetteer { int unused; };
dyad_status dyad_gazetteer_load(dyad_gazetteer **g, const char *p, dyad_error *e) { (void)p; (void)e; *g = calloc(1, sizeof **g); return DYAD_OK; }
void dyad_gazetteer_free(dyad_gazetteer *g) { free(g); }
dyad_status dyad_places(const dyad_gazetteer *g, dyad_doc *d, dyad_error *e) { (void)g; (void)d; (void)e; return DYAD_OK; }
