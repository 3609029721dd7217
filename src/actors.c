/* actors.c — STUB (actors owner replaces). */
#include "actors.h"
#include <stdlib.h>
struct dyad_actor_dict { int unused; };
dyad_status dyad_actor_dict_load(dyad_actor_dict **d, const dyad_coder_options *opt, dyad_error *err)
{ (void)opt; (void)err; *d = calloc(1, sizeof **d); return DYAD_OK; }
void dyad_actor_dict_free(dyad_actor_dict *d) { free(d); }
dyad_status dyad_actors_find(const dyad_actor_dict *d, dyad_doc *doc, dyad_error *err)
{ (void)d; (void)doc; (void)err; return DYAD_OK; }
int32_t dyad_actor_at(const dyad_doc *doc, uint32_t tok)
{
    for (size_t i = 0; i < doc->nactors; i++)
        if (doc->actors[i].head == tok) return (int32_t)i;
    return -1;
}
