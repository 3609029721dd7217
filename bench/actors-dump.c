/* actors-dump.c — runs article, text, syntax and actors stages over input
 * files and prints every actor mention (one tab-separated line: doc,
 * sentence, head word, code, kind, text, how), or with -q only the totals
 * and the time the actors stage took — the speed figure of
 * bench/results/actors.md.
 *
 *   actors-dump [-q] [--date YYYY-MM-DD] [--actors F] [--agents F] FILE... */
#include "dyad.h"
#include "actors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static const char *const kinds[] = { "country", "capital", "nationality", "org",
                                     "person", "agent", "pronoun", "other" };

int main(int argc, char **argv)
{
    const char *actors[16] = {0}, *agents[16] = {0}, *date = NULL;
    const char *files[256];
    int na = 0, ng = 0, nf = 0, quiet = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-q")) quiet = 1;
        else if (!strcmp(argv[i], "--date") && i + 1 < argc) date = argv[++i];
        else if (!strcmp(argv[i], "--actors") && i + 1 < argc && na < 15) actors[na++] = argv[++i];
        else if (!strcmp(argv[i], "--agents") && i + 1 < argc && ng < 15) agents[ng++] = argv[++i];
        else if (nf < 256) files[nf++] = argv[i];
    }
    if (nf == 0) files[nf++] = "-";
    dyad_error err, warn;
    dyad_coder_options opt = { .actor_files = actors, .agent_files = agents, .warnings = stderr };
    dyad_actor_dict *dict;
    if (dyad_actor_dict_load(&dict, &opt, &err)) { fprintf(stderr, "dyad: %s\n", err.msg); return 1; }
    dyad_syntax *syn = NULL;
    if (dyad_syntax_load(&syn, NULL, &err)) syn = NULL;
    long docs = 0, sentences = 0, mentions = 0;
    double t_actors = 0;
    int rc = 0;
    for (int f = 0; f < nf; f++) {
        dyad_reader *r;
        if (dyad_reader_open(&r, files[f], DYAD_INPUT_AUTO, date, &err)) {
            fprintf(stderr, "dyad: %s\n", err.msg);
            rc = 1;
            continue;
        }
        dyad_doc *doc;
        dyad_status st;
        while ((st = dyad_reader_next(r, &doc, &warn, &err)) == DYAD_OK) {
            if (dyad_article(doc, &err) || dyad_text(doc, &err) ||
                (syn && dyad_syntax_run(syn, doc, &err))) {
                fprintf(stderr, "dyad: %s\n", err.msg);
                dyad_doc_free(doc);
                rc = 1;
                continue;
            }
            double t0 = now();
            dyad_actors_find(dict, doc, &err);
            t_actors += now() - t0;
            docs++;
            sentences += (long)doc->nsentences;
            mentions += (long)doc->nactors;
            for (size_t i = 0; !quiet && i < doc->nactors; i++) {
                const dyad_actor *a = &doc->actors[i];
                printf("%s\t%u\t%s\t%s\t%s\t%s\t%s\n", doc->id, a->sent,
                       doc->tokens[a->head].form, a->code[0] ? a->code : "-",
                       kinds[a->kind < 8 ? a->kind : 7], a->text, a->how);
            }
            dyad_doc_free(doc);
        }
        if (st != DYAD_EOF) { fprintf(stderr, "dyad: %s\n", err.msg); rc = 1; }
        dyad_reader_close(r);
    }
    fprintf(quiet ? stdout : stderr,
            "%ld documents, %ld sentences, %ld mentions; actors stage %.3f s, %.2f us/sentence\n",
            docs, sentences, mentions, t_actors,
            sentences ? t_actors * 1e6 / (double)sentences : 0.0);
    dyad_syntax_free(syn);
    dyad_actor_dict_free(dict);
    return rc;
}
