/* out_gdelt.c — STUB (events owner replaces). */
#include "dyad.h"
void dyad_out_events_gdelt(dyad_buf *b, const dyad_doc *d) { (void)b; (void)d; }
void dyad_out_events_plover(dyad_buf *b, const dyad_doc *d) { (void)b; (void)d; }
