/* score_timex.c — scores dyad's time expressions against TimeML or MEANTIME
 * gold (EVALUATION.md: strict, relaxed, value and type F1), or writes the
 * gold files as JSON Lines records {"id", "date", "text"} for `dyad timex`.
 *
 *   score_timex [--meantime] [--diff] FILE...   figures (dyad run in-process)
 *   score_timex [--meantime] --jsonl FILE...    records for dyad timex
 *
 * In-process the text is given to the timex stage exactly as the gold has
 * it (no article clean-up), so offsets compare byte for byte. */
#include "dyad.h"
#include "timeml.h"

#include <string.h>

static const char *base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

int main(int argc, char **argv)
{
    int meantime = 0, jsonl = 0;
    FILE *diff = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        if (!strcmp(argv[i], "--meantime")) meantime = 1;
        else if (!strcmp(argv[i], "--jsonl")) jsonl = 1;
        else if (!strcmp(argv[i], "--diff")) diff = stderr;
        else { fprintf(stderr, "score_timex: unknown option %s\n", argv[i]); return 2; }
    }
    if (i == argc) {
        fprintf(stderr, "usage: score_timex [--meantime] [--diff|--jsonl] FILE...\n");
        return 2;
    }
    tml_score sc = {0};
    long ndocs = 0;
    dyad_buf b = {0};
    for (; i < argc; i++) {
        tml_doc g;
        if ((meantime ? meantime_read(argv[i], &g) : tml_read(argv[i], &g)) != 0) {
            fprintf(stderr, "score_timex: %s: cannot read\n", argv[i]);
            return 1;
        }
        ndocs++;
        if (jsonl) {
            dyad_buf_puts(&b, "{\"id\":");
            dyad_buf_json_str(&b, base(argv[i]), strlen(base(argv[i])));
            dyad_buf_puts(&b, ",\"date\":");
            dyad_buf_json_str(&b, g.dct, strlen(g.dct));
            dyad_buf_puts(&b, ",\"text\":");
            dyad_buf_json_str(&b, g.text, g.len);
            dyad_buf_puts(&b, "}\n");
            fwrite(b.s, 1, b.len, stdout);
            dyad_buf_reset(&b);
            tml_free(&g);
            continue;
        }
        dyad_doc *d = dyad_doc_new();
        dyad_error err;
        d->id = dyad_strdup(d->arena, base(argv[i]));
        d->text = dyad_strndup(d->arena, g.text, g.len);
        d->text_len = g.len;
        d->raw = d->text;
        d->raw_len = g.len;
        if (dyad_text(d, &err) || dyad_timex_find(d, g.dct, &err)) {
            fprintf(stderr, "score_timex: %s: %s\n", argv[i], err.msg);
            return 1;
        }
        size_t n = d->ntimexes;
        size_t *ss = malloc((n + 1) * sizeof *ss), *se = malloc((n + 1) * sizeof *se);
        const char **ty = malloc((n + 1) * sizeof *ty), **va = malloc((n + 1) * sizeof *va);
        for (size_t k = 0; k < n; k++) {
            ss[k] = d->timexes[k].start;
            se[k] = d->timexes[k].end;
            ty[k] = dyad_timex_type_name((dyad_timex_type)d->timexes[k].type);
            va[k] = d->timexes[k].value;
        }
        if (diff) fprintf(diff, "== %s (DCT %s)\n", base(argv[i]), g.dct);
        tml_compare(&sc, &g, ss, se, ty, va, n, diff);
        free(ss); free(se); free(ty); free(va);
        dyad_doc_free(d);
        tml_free(&g);
    }
    dyad_buf_free(&b);
    if (jsonl) return 0;
    printf("documents %ld, gold %ld, system %ld\n", ndocs, sc.gold, sc.sys);
    printf("strict   P %.2f R %.2f F1 %.2f\n", 100.0 * sc.strict / (sc.sys ? sc.sys : 1),
           100.0 * sc.strict / (sc.gold ? sc.gold : 1), tml_f1(sc.strict, sc.gold, sc.sys));
    printf("relaxed  P %.2f R %.2f F1 %.2f\n", 100.0 * sc.relaxed / (sc.sys ? sc.sys : 1),
           100.0 * sc.relaxed / (sc.gold ? sc.gold : 1), tml_f1(sc.relaxed, sc.gold, sc.sys));
    printf("value    F1 %.2f (accuracy on relaxed matches %.2f)\n", tml_f1(sc.value, sc.gold, sc.sys),
           100.0 * sc.value / (sc.relaxed ? sc.relaxed : 1));
    printf("type     F1 %.2f (accuracy on relaxed matches %.2f)\n", tml_f1(sc.type, sc.gold, sc.sys),
           100.0 * sc.type / (sc.relaxed ? sc.relaxed : 1));
    return 0;
}
