/* actors.h — the interface between the coder (coder.c, which owns
 * dyad_coder) and the actors stage (actors.c, dict.c): the actor
 * dictionaries and the search for actor mentions in a parsed document. */
#ifndef DYAD_ACTORS_H
#define DYAD_ACTORS_H

#include "dyad.h"

typedef struct dyad_actor_dict dyad_actor_dict;

/* dyad's own dictionaries (data/actors/...) plus the PETRARCH/Phoenix
 * actor and agent files named in opt (unusable lines reported to
 * opt->warnings). */
dyad_status dyad_actor_dict_load(dyad_actor_dict **d,
                                 const dyad_coder_options *opt,
                                 dyad_error *err);
void dyad_actor_dict_free(dyad_actor_dict *d);

/* Fill doc->actors: every actor mention in the parsed document, with its
 * code, head word and coreference antecedent. */
dyad_status dyad_actors_find(const dyad_actor_dict *d, dyad_doc *doc,
                             dyad_error *err);

/* The actor mention whose head is token tok (doc-level), or -1. */
int32_t dyad_actor_at(const dyad_doc *doc, uint32_t tok);

/* "The two sides", "both countries": such a mention has kind PRONOUN, an
 * empty code and how "coref:two sides=A+B". For it, the two mentions it
 * stands for go to sides[0] (the earlier) and sides[1]; returns 1, or 0
 * for any other mention. */
int dyad_actor_sides(const dyad_doc *doc, int32_t i, int32_t sides[2]);

#endif
