/* pipeline.c — runs the stages in their one order, on a document or on a
 * batch of documents stage by stage. */
#include "dyad.h"

/* One stage over the documents still in the batch ([0, *lim)); a document
 * that fails ends the batch there and its error is the one kept, as
 * dyad_process on each in turn would stop at it. */
#define BATCH_STAGE(call)                                   \
    for (size_t i = 0; i < *lim; i++) {                     \
        dyad_doc *doc = docs[i];                            \
        dyad_error e;                                       \
        dyad_status s_ = (call);                            \
        if (s_) { *lim = i; st = s_; if (err) *err = e; }   \
    }

/* The stages of dyad_process, each over the whole batch before the next:
 * the stage's tables and models are still in the cache for the next
 * document, where one document at a time the parser's ~45 MB table pushes
 * them out between documents. */
dyad_status dyad_process_batch(const dyad_pipeline *p, dyad_doc **docs, size_t n,
                               size_t *ndone, dyad_error *err)
{
    dyad_status st = DYAD_OK;
    size_t *lim = ndone;
    *lim = n;
    BATCH_STAGE(dyad_article(doc, &e));
    BATCH_STAGE(dyad_text(doc, &e));
    if (p->syntax && p->coder && p->events_only) {
        BATCH_STAGE(dyad_syntax_tag(p->syntax, doc, &e));
        BATCH_STAGE(dyad_coder_may_code(p->coder, doc) ? dyad_syntax_parse(p->syntax, doc, &e)
                                                       : DYAD_OK);
    } else if (p->syntax) {
        BATCH_STAGE(dyad_syntax_run(p->syntax, doc, &e));
    }
    if (p->syntax && p->coder) {
        BATCH_STAGE(dyad_actors(p->coder, doc, &e));
        BATCH_STAGE(dyad_events(p->coder, doc, &e));
    }
    if (p->timex) BATCH_STAGE(dyad_timex_find(doc, NULL, &e));
    if (p->gazetteer) BATCH_STAGE(dyad_places(p->gazetteer, doc, &e));
    if (p->coder) BATCH_STAGE(dyad_timeplace(doc, &e));
    return st;
}

/* One document: a batch of one, so that the order of the stages is
 * written once. */
dyad_status dyad_process(const dyad_pipeline *p, dyad_doc *doc, dyad_error *err)
{
    size_t done;
    return dyad_process_batch(p, &doc, 1, &done, err);
}
