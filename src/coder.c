/* coder.c — STUB (events owner replaces): owns dyad_coder (actor and event
 * dictionaries), runs the actors and events stages. */
#include "actors.h"
#include <stdlib.h>
struct dyad_coder { dyad_actor_dict *actors; };
dyad_status dyad_coder_load(dyad_coder **c, const dyad_coder_options *o, dyad_error *err)
{
    *c = calloc(1, sizeof **c);
    dyad_status st = dyad_actor_dict_load(&(*c)->actors, o, err);
    if (st) { free(*c); *c = NULL; }
    return st;
}
void dyad_coder_free(dyad_coder *c) { if (c) dyad_actor_dict_free(c->actors); free(c); }
dyad_status dyad_actors(const dyad_coder *c, dyad_doc *d, dyad_error *e) { return dyad_actors_find(c->actors, d, e); }
dyad_status dyad_events(const dyad_coder *c, dyad_doc *d, dyad_error *e) { (void)c; (void)d; (void)e; return DYAD_OK; }
const dyad_cameo *dyad_cameo_lookup(const char *code) { (void)code; return NULL; }
