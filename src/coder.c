/* coder.c — owns dyad_coder: the actor dictionaries (actors.c, dict.c)
 * and the event patterns (events.c), loaded once and shared read-only;
 * runs the actors and events stages for the pipeline. */
#include "actors.h"
#include "events.h"

#include <stdlib.h>

struct dyad_coder {
    dyad_actor_dict *actors;
    dyad_event_dict *events;
};

dyad_status dyad_coder_load(dyad_coder **c, const dyad_coder_options *o, dyad_error *err)
{
    dyad_coder_options none = {0};
    if (!o) o = &none;
    *c = calloc(1, sizeof **c);
    if (!*c) return dyad_fail(err, DYAD_ERR_NOMEM, "coder", 0, "out of memory");
    dyad_status st = dyad_actor_dict_load(&(*c)->actors, o, err);
    if (!st) st = dyad_event_dict_load(&(*c)->events, o, err);
    if (st) {
        dyad_coder_free(*c);
        *c = NULL;
    }
    return st;
}

void dyad_coder_free(dyad_coder *c)
{
    if (!c) return;
    dyad_actor_dict_free(c->actors);
    dyad_event_dict_free(c->events);
    free(c);
}

dyad_status dyad_actors(const dyad_coder *c, dyad_doc *d, dyad_error *e)
{
    return dyad_actors_find(c->actors, d, e);
}

dyad_status dyad_events(const dyad_coder *c, dyad_doc *d, dyad_error *e)
{
    return dyad_events_find(c->events, d, e);
}

int dyad_coder_may_code(const dyad_coder *c, const dyad_doc *d)
{
    return dyad_events_possible(c->events, d);
}
