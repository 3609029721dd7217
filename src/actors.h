/* actors.h — the interface between the coder (coder.c, which owns
 * dyad_coder) and the actors stage (actors.c, dict.c): the actor
 * dictionaries and the search for actor mentions in a parsed document. */
#ifndef DYAD_ACTORS_H
#define DYAD_ACTORS_H

#include "dyad.h"

typedef struct dyad_actor_dict dyad_actor_dict;

/* dyad's own dictionaries (data/actors/...) plus the PETRARCH/Phoenix
 * actor and agent files named in opt (opt may be NULL; unusable lines are
 * reported to opt->warnings as "dyad: FILE:LINE: why" and skipped; a file
 * that cannot be read is DYAD_ERR_IO). Read-only once loaded: one
 * dictionary serves any number of threads. */
dyad_status dyad_actor_dict_load(dyad_actor_dict **d,
                                 const dyad_coder_options *opt,
                                 dyad_error *err);
void dyad_actor_dict_free(dyad_actor_dict *d);

/* Fill doc->actors: every actor mention in the parsed document, with its
 * code, head word and coreference antecedent, in text order (a mention
 * may lie inside another: "Egypt" in "Egypt's Muslim Brotherhood").
 * code: CAMEO ("USAGOV"); "---ROLE" for a role with no country known;
 * "" only for "the two sides". how says why, for explain:
 * "dict:country:China", "dict:nationality:Chinese+military officer",
 * "role:John Kerry USAGOV", "title:secretary of state", "dict:org:UN",
 * "coref:Kerry", "coref:Ukraine+GOV", "...+of:GUY", "...+dateline:AFG".
 * Works on unparsed text too (adjacent names form the phrases). */
dyad_status dyad_actors_find(const dyad_actor_dict *d, dyad_doc *doc,
                             dyad_error *err);

/* 0 if dyad_actors_find can find no mention in doc (tagged and
 * lemmatised), whatever its parse: no dictionary name is in it. */
int dyad_actors_possible(const dyad_actor_dict *d, const dyad_doc *doc);

/* The actor mention whose head is token tok (doc-level), or -1. */
int32_t dyad_actor_at(const dyad_doc *doc, uint32_t tok);

/* "The two sides", "both countries": such a mention has kind PRONOUN, an
 * empty code and how "coref:two sides=A+B". For it, the two mentions it
 * stands for go to sides[0] (the earlier) and sides[1]; returns 1, or 0
 * for any other mention. */
int dyad_actor_sides(const dyad_doc *doc, int32_t i, int32_t sides[2]);

#endif
