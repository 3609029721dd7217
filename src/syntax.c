/* syntax.c — STUB (syntax owner replaces). */
#include "dyad.h"
#include <stdlib.h>
struct dyad_syntax { int unused; };
dyad_status dyad_syntax_load(dyad_syntax **s, const char *dir, dyad_error *err)
{ (void)dir; (void)err; *s = calloc(1, sizeof **s); return DYAD_OK; }
void dyad_syntax_free(dyad_syntax *s) { free(s); }
dyad_status dyad_syntax_run(const dyad_syntax *s, dyad_doc *doc, dyad_error *err)
{ (void)s; (void)doc; (void)err; return DYAD_OK; }
