/* events.h — the event patterns (data/events/, plus user files) and
 * the pattern matcher, shared by coder.c (which owns dyad_coder) and
 * events.c (which codes a parsed document). The format is described in
 * data/events/README.md. */
#ifndef DYAD_EVENTS_H
#define DYAD_EVENTS_H

#include "dyad.h"

typedef struct dyad_event_dict dyad_event_dict;

/* dyad's own patterns (unless opt->replace) plus opt->verb_files; lines
 * that cannot be used are reported to opt->warnings. */
dyad_status dyad_event_dict_load(dyad_event_dict **d,
                                 const dyad_coder_options *opt,
                                 dyad_error *err);
/* Add the patterns in text (name for messages); bad lines are reported to
 * warn (if not NULL) and counted in *bad. */
dyad_status dyad_event_dict_add(dyad_event_dict *d, const char *name,
                                const char *text, FILE *warn, int *bad,
                                dyad_error *err);
void dyad_event_dict_free(dyad_event_dict *d);
size_t dyad_event_dict_size(const dyad_event_dict *d);
/* 1 if some pattern codes exactly this CAMEO code. */
int dyad_event_dict_has_code(const dyad_event_dict *d, const char *code);
/* Lines of dyad's own files that could not be used (0 in a good build). */
int dyad_event_dict_own_errors(const dyad_event_dict *d);

/* Fill doc->events from the parse and doc->actors. */
dyad_status dyad_events_find(const dyad_event_dict *d, dyad_doc *doc,
                             dyad_error *err);
/* 0 if dyad_events_find can find no event in doc whatever its parse
 * (no word has patterns); needs tags and lemmas only. */
int dyad_events_possible(const dyad_event_dict *d, const dyad_doc *doc);

#endif
