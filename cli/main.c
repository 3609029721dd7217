/* main.c — the dyad command: finds the verb and hands it the arguments. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const struct verb {
    const char *name, *desc;
    int (*run)(int, char **);
} verbs[] = {
#define ENTRY(n, d) {#n, d, cmd_##n},
    VERBS(ENTRY)
#undef ENTRY
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: dyad VERB [OPTIONS] [FILE...]\n"
            "\n"
            "dyad reads news articles and writes down what happened in them as\n"
            "data: who did what to whom, when and where, coded in CAMEO/PLOVER.\n"
            "\n"
            "Verbs:\n");
    for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
        fprintf(f, "  %-9s %s\n", verbs[i].name, verbs[i].desc);
    fprintf(f,
            "\n"
            "A FILE is plain text, HTML or JSON Lines (records with id, text and\n"
            "optionally date, title, url, source); no FILE or '-' reads standard\n"
            "input. 'dyad VERB --help' describes a verb; 'man dyad' has it all.\n"
            "Exit status: 0 success, 1 bad input or failure, 2 bad usage.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *v = argv[1];
    if (strcmp(v, "--help") == 0 || strcmp(v, "-h") == 0 || strcmp(v, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(v, "--version") == 0) {
        printf("dyad %s\n", DYAD_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
        if (strcmp(v, verbs[i].name) == 0) return verbs[i].run(argc - 1, argv + 1);
    fprintf(stderr, "dyad: '%s' is not a verb (try 'dyad --help')\n", v);
    return 2;
}
