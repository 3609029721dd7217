/* udscore.c — scores a system CoNLL-U file against gold the CoNLL 2018
 * shared-task way (see udscore.h): words and sentences F1 for
 * segmentation, UPOS/XPOS/Lemmas/UAS/LAS over aligned words.
 *
 *   build/bench/udscore GOLD.conllu SYSTEM.conllu     a table
 *   build/bench/udscore --json GOLD SYSTEM            one JSON object */
#include "udscore.h"

static char *slurp_file(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) return NULL;
    size_t cap = 1 << 20, n = 0, k;
    char *s = malloc(cap + 1);
    if (!s) abort();
    while ((k = fread(s + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap && !(s = realloc(s, (cap *= 2) + 1))) abort();
    }
    if (f != stdin) fclose(f);
    s[n] = 0;
    *len = n;
    return s;
}

int main(int argc, char **argv)
{
    int json = argc > 1 && !strcmp(argv[1], "--json");
    if (argc - json != 3) {
        fprintf(stderr, "usage: udscore [--json] GOLD.conllu SYSTEM.conllu\n");
        return 2;
    }
    size_t gn, sn;
    char *g = slurp_file(argv[1 + json], &gn);
    if (!g) { fprintf(stderr, "dyad: %s: cannot read\n", argv[1 + json]); return 1; }
    char *s = slurp_file(argv[2 + json], &sn);
    if (!s) { fprintf(stderr, "dyad: %s: cannot read\n", argv[2 + json]); free(g); return 1; }
    ud_metric m[UD_NMETRICS];
    char err[512];
    int rc = ud_evaluate(g, gn, s, sn, m, err, sizeof err);
    if (rc) fprintf(stderr, "dyad: %s\n", err);
    else if (json) {
        printf("{");
        for (int k = 0; k < UD_NMETRICS; k++)
            printf("%s\"%s\": {\"precision\": %.2f, \"recall\": %.2f, \"f1\": %.2f, "
                   "\"aligned_accuracy\": %.2f}", k ? ", " : "", ud_metric_names[k],
                   m[k].precision, m[k].recall, m[k].f1, m[k].aligned_acc);
        printf("}\n");
    } else {
        printf("Metric     | Precision |    Recall |  F1 Score | AligndAcc\n");
        printf("-----------+-----------+-----------+-----------+-----------\n");
        for (int k = 0; k < UD_NMETRICS; k++) {
            printf("%-11s|%10.2f |%10.2f |%10.2f |", ud_metric_names[k],
                   m[k].precision, m[k].recall, m[k].f1);
            if (k >= UD_UPOS) printf("%10.2f\n", m[k].aligned_acc);
            else printf("\n");
        }
    }
    free(g);
    free(s);
    return rc ? 1 : 0;
}
