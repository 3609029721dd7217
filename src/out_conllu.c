/* out_conllu.c — STUB (text owner replaces). */
#include "dyad.h"
void dyad_out_conllu(dyad_buf *b, const dyad_doc *d) { (void)b; (void)d; }
