/* pipeline.c — runs the stages in their one order on a document. */
#include "dyad.h"

dyad_status dyad_process(const dyad_pipeline *p, dyad_doc *doc, dyad_error *err)
{
    dyad_status st;
    if ((st = dyad_article(doc, err))) return st;
    if ((st = dyad_text(doc, err))) return st;
    if (p->syntax && p->coder && p->events_only) {
        /* the parse is most of the time, and most news sentences code nothing */
        if ((st = dyad_syntax_tag(p->syntax, doc, err))) return st;
        if (dyad_coder_may_code(p->coder, doc) && (st = dyad_syntax_parse(p->syntax, doc, err)))
            return st;
    } else if (p->syntax && (st = dyad_syntax_run(p->syntax, doc, err))) return st;
    if (p->syntax && p->coder) {
        if ((st = dyad_actors(p->coder, doc, err))) return st;
        if ((st = dyad_events(p->coder, doc, err))) return st;
    }
    if (p->timex && (st = dyad_timex_find(doc, NULL, err))) return st;
    if (p->gazetteer && (st = dyad_places(p->gazetteer, doc, err))) return st;
    if (p->coder && (st = dyad_timeplace(doc, err))) return st;
    return DYAD_OK;
}
