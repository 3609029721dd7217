/* dict.c — loads the actor dictionaries: dyad's own plain-text files
 * (the .txt files of data/actors/, formats in data/actors/README.md) and the
 * PETRARCH/Phoenix actor and agent files users name, into one phrase index
 * (actordict.h) that actors.c searches. Lines of a user file that cannot
 * be used are reported, one "FILE:LINE: why" each, and skipped. */
#include "actordict.h"
#include "internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- keys and the phrase index ---- */

size_t actor_key(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '_' || isspace(c)) { space = k > 0; continue; }
        if (c == '-' ) space = 0;           /* "Al - Qaeda" = "al-qaeda" */
        if (space && k > 0 && out[k - 1] != '-') {
            if (k + 1 >= cap) return 0;
            out[k++] = ' ';
        }
        space = 0;
        if (k + 1 >= cap) return 0;
        out[k++] = (char)tolower(c);
    }
    out[k] = 0;
    return k;
}

static uint32_t hash_key(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 16777619u; }
    return h;
}

static phrase_slot *slot_of(const dyad_actor_dict *d, const char *key,
                            size_t n, uint32_t h)
{
    size_t mask = d->nslots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        phrase_slot *s = &d->slots[i];
        if (s->len == 0) return s;
        if (s->hash == h && s->len == n && memcmp(d->keys + s->off, key, n) == 0)
            return s;
    }
}

const phrase_slot *actor_dict_find(const dyad_actor_dict *d, const char *key,
                                   size_t n)
{
    if (n == 0 || d->nslots == 0) return NULL;
    const phrase_slot *s = slot_of(d, key, n, hash_key(key, n));
    return s->len ? s : NULL;
}

static void rehash(dyad_actor_dict *d)
{
    phrase_slot *old = d->slots;
    size_t nold = d->nslots;
    d->nslots = nold ? nold * 2 : 4096;
    d->slots = calloc(d->nslots, sizeof *d->slots);
    if (!d->slots) abort();
    for (size_t i = 0; i < nold; i++)
        if (old[i].len) *slot_of(d, d->keys + old[i].off, old[i].len, old[i].hash) = old[i];
    free(old);
}

static phrase_slot *slot_put(dyad_actor_dict *d, const char *key, size_t n)
{
    if ((d->used + 1) * 2 > d->nslots) rehash(d);
    uint32_t h = hash_key(key, n);
    phrase_slot *s = slot_of(d, key, n, h);
    if (s->len) return s;
    if (d->nkeys + n > d->capkeys) {
        d->capkeys = (d->capkeys + n) * 2;
        d->keys = realloc(d->keys, d->capkeys);
        if (!d->keys) abort();
    }
    memcpy(d->keys + d->nkeys, key, n);
    s->off = (uint32_t)d->nkeys;
    s->len = (uint32_t)n;
    s->hash = h;
    s->entry = -1;
    d->nkeys += n;
    d->used++;
    return s;
}

/* Add one name for an entry; every prefix ending before a space or a
 * hyphen becomes a stepping stone for the token-by-token search. */
static void add_name(dyad_actor_dict *d, const char *name, size_t n,
                     const actor_entry *proto)
{
    char key[512];
    size_t k = actor_key(name, n, key, sizeof key);
    if (k == 0) return;
    for (size_t i = 1; i < k; i++)
        if (key[i] == ' ' || key[i] == '-' || key[i] == '\'') {
            slot_put(d, key, i)->prefix = 1;
            /* "al" "-" "qaeda": the hyphen may be a token of its own */
            if (key[i] != ' ') slot_put(d, key, i + 1)->prefix = 1;
        }
    if (d->ne == d->cape) {
        d->cape = d->cape ? d->cape * 2 : 1024;
        d->e = realloc(d->e, d->cape * sizeof *d->e);
        if (!d->e) abort();
    }
    phrase_slot *s = slot_put(d, key, k);
    actor_entry *e = &d->e[d->ne];
    *e = *proto;
    e->name = dyad_strndup(d->arena, name, n);
    /* Keep insertion order: the first file's reading of a name comes first. */
    e->next = -1;
    if (s->entry < 0) s->entry = (int32_t)d->ne;
    else {
        int32_t j = s->entry;
        while (d->e[j].next >= 0) j = d->e[j].next;
        d->e[j].next = (int32_t)d->ne;
    }
    d->ne++;
}

/* ---- small parsing helpers ---- */

static const char *trim(char *s, size_t *n)
{
    while (*n && isspace((unsigned char)*s)) { s++; (*n)--; }
    while (*n && isspace((unsigned char)s[*n - 1])) (*n)--;
    return s;
}

uint32_t actor_date(const char *s)
{
    if (!s) return 0;
    int y = 0, m = 0, day = 0, nd = 0;
    const char *p = s;
    while (isdigit((unsigned char)*p) && nd < 4) { y = y * 10 + (*p++ - '0'); nd++; }
    if (nd != 4) return 0;
    if (*p == '-') p++;
    if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1])) {
        m = (p[0] - '0') * 10 + (p[1] - '0');
        p += 2;
        if (*p == '-') p++;
        if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]))
            day = (p[0] - '0') * 10 + (p[1] - '0');
    }
    if (m > 12 || day > 31) return 0;
    return (uint32_t)(y * 10000 + m * 100 + day);
}

static void warn(const dyad_coder_options *opt, const char *file, long line,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void warn(const dyad_coder_options *opt, const char *file, long line,
                 const char *fmt, ...)
{
    if (!opt || !opt->warnings) return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(opt->warnings, "dyad: %s:%ld: ", file, line);
    vfprintf(opt->warnings, fmt, ap);
    fputc('\n', opt->warnings);
    va_end(ap);
}

static int valid_code(const char *s, size_t n)
{
    if (n < 3 || n > 24) return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '-') return 0;
    return 1;
}

static const char *upper_dup(dyad_arena *a, const char *s, size_t n)
{
    char *p = dyad_strndup(a, s, n);
    for (char *q = p; *q; q++) *q = (char)toupper((unsigned char)*q);
    return p;
}

/* Short names written in capitals ("US", "UN", "WHO") are acronyms that
 * must not match the ordinary words "us", "un", "who". */
static int acronym(const char *s, size_t n)
{
    size_t letters = 0;
    for (size_t i = 0; i < n; i++) {
        if (islower((unsigned char)s[i])) return 0;
        if (isupper((unsigned char)s[i])) letters++;
        if (s[i] == ' ') return 0;
    }
    return letters >= 2 && letters <= 6;
}

/* ---- dyad's own formats ---- */

/* Countries whose names put the family name first ("Xi Jinping"). */
static int family_first(const char *code)
{
    static const char *const cc[] = { "CHN", "PRK", "KOR", "TWN", "VNM", "HKG", NULL };
    for (int i = 0; cc[i]; i++)
        if (strncmp(code, cc[i], 3) == 0) return 1;
    return 0;
}

/* "CODE | name | name ..." (agents: "*CODE" for a weak agent);
 * people: "Name; Alias | CODE | from | to". */
static void load_own(dyad_actor_dict *d, const char *path, const char *text,
                     uint8_t type, const char *src)
{
    long lineno = 0;
    const char *p = text;
    char line[8192];
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        lineno++;
        if (n >= sizeof line) n = sizeof line - 1;
        memcpy(line, p, n);
        line[n] = 0;
        p = nl ? nl + 1 : p + n;
        char *hash = strchr(line, '#');
        if (hash) *hash = 0;
        char *f[512];
        size_t nf = 0;
        for (char *s = line; nf < 512;) {
            f[nf++] = s;
            char *bar = strchr(s, '|');
            if (!bar) break;
            *bar = 0;
            s = bar + 1;
        }
        size_t n0 = strlen(f[0]);
        const char *f0 = trim(f[0], &n0);
        if (nf == 1 && n0 == 0) continue;
        (void)path;
        actor_entry proto = { .type = type, .src = src, .next = -1 };
        if (type == AE_PERSON) {
            if (nf < 2) continue;
            size_t nc = strlen(f[1]);
            const char *c = trim(f[1], &nc);
            if (!valid_code(c, nc)) continue;
            proto.code = upper_dup(d->arena, c, nc);
            if (nf > 2) proto.from = actor_date(trim(f[2], &(size_t){strlen(f[2])}));
            if (nf > 3) {
                size_t nt = strlen(f[3]);
                const char *t = trim(f[3], &nt);
                proto.to = nt ? actor_date(t) : 0;
            }
            /* names separated by ';', the first one gives the surname */
            char *names = (char *)f0;
            names[n0] = 0;
            int first = 1;
            for (char *s = names; s && *s;) {
                char *semi = strchr(s, ';');
                if (semi) *semi = 0;
                size_t nn = strlen(s);
                const char *nm = trim(s, &nn);
                int no_surname = nn && nm[0] == '=';
                if (no_surname) { nm++; nn--; }
                if (nn) {
                    proto.flags = 0;
                    add_name(d, nm, nn, &proto);
                    const char *sp = memrchr(nm, ' ', nn);
                    if (first && sp && !no_surname) {
                        proto.flags = AF_SURNAME | AF_CASE;
                        if (family_first(proto.code))
                            add_name(d, nm, (size_t)((const char *)memchr(nm, ' ', nn) - nm), &proto);
                        else
                            add_name(d, sp + 1, nn - (size_t)(sp + 1 - nm), &proto);
                        /* explain with the whole name, not the surname */
                        d->e[d->ne - 1].name = dyad_strndup(d->arena, nm, nn);
                    }
                    first = 0;
                }
                s = semi ? semi + 1 : NULL;
            }
            continue;
        }
        uint8_t flags = 0;
        if (n0 && f0[0] == '*') { flags |= AF_WEAK; f0++; n0--; }
        if (!valid_code(f0, n0) && !(type == AE_AGENT && n0 == 3)) continue;
        proto.code = upper_dup(d->arena, f0, n0);
        for (size_t i = 1; i < nf; i++) {
            size_t nn = strlen(f[i]);
            const char *nm = trim(f[i], &nn);
            if (!nn) continue;
            uint8_t cap = 0;
            if (nm[0] == '^') { cap = AF_CAPITAL; nm++; nn--; }
            proto.flags = flags | cap | (acronym(nm, nn) ? AF_CASE : 0);
            add_name(d, nm, nn, &proto);
        }
    }
}

/* ---- PETRARCH / Phoenix formats ---- */

/* "[CODE]", "[CODE 090120-170120]", "[CODE >110709]", "[~GOV]", "[NGO~]" */
typedef struct {
    char code[32];
    uint32_t from, to;
    int prefix;        /* agent "[NGO~]" */
} petr_code;

static uint32_t petr_date(const char *s, size_t n)
{
    char buf[16];
    size_t k = 0;
    for (size_t i = 0; i < n && k < 15; i++)
        if (isdigit((unsigned char)s[i])) buf[k++] = s[i];
        else return 0;
    buf[k] = 0;
    if (k == 6) {        /* YYMMDD: TABARI's two-digit years */
        int yy = (buf[0] - '0') * 10 + (buf[1] - '0');
        char full[24];
        snprintf(full, sizeof full, "%s%s", yy < 50 ? "20" : "19", buf);
        return actor_date(full);
    }
    return k == 8 ? actor_date(buf) : 0;
}

/* Parse the inside of one bracket; "" on success, else why not. */
static const char *petr_parse_code(const char *s, size_t n, int agent,
                                   petr_code *pc)
{
    memset(pc, 0, sizeof *pc);
    size_t i = 0;
    while (i < n && isspace((unsigned char)s[i])) i++;
    size_t c0 = i;
    while (i < n && !isspace((unsigned char)s[i])) i++;
    const char *c = s + c0;
    size_t nc = i - c0;
    if (agent) {
        if (nc && c[0] == '~') { c++; nc--; }
        else if (nc && c[nc - 1] == '~') { nc--; pc->prefix = 1; }
        else if (nc == 0 && i < n) return "agent code must be [~CODE] or [CODE~]";
        if (nc == 0) {  /* "[ ~COP]": the code after the space */
            while (i < n && isspace((unsigned char)s[i])) i++;
            c = s + i;
            nc = n - i;
            if (nc && c[0] == '~') { c++; nc--; }
            i = n;
        }
    }
    if (nc == 0) return "empty code";
    if (!valid_code(c, nc) && !(agent && nc >= 2 && nc <= 24)) return "code is not a CAMEO code";
    for (size_t k = 0; k < nc; k++)
        if (!isalnum((unsigned char)c[k]) && c[k] != '-') return "code is not a CAMEO code";
    if (nc >= sizeof pc->code) return "code too long";
    for (size_t k = 0; k < nc; k++) pc->code[k] = (char)toupper((unsigned char)c[k]);
    /* the rest: a date restriction */
    char rest[64];
    size_t nr = 0;
    for (; i < n; i++)
        if (!isspace((unsigned char)s[i])) {
            if (nr + 1 >= sizeof rest) return "date restriction too long";
            rest[nr++] = s[i];
        }
    rest[nr] = 0;
    if (nr == 0) return "";
    if (agent) return "agents cannot have dates";
    if (rest[0] == '>') {
        if (!(pc->from = petr_date(rest + 1, nr - 1))) return "bad date after '>'";
    } else if (rest[0] == '<') {
        if (!(pc->to = petr_date(rest + 1, nr - 1))) return "bad date after '<'";
    } else {
        char *dash = strchr(rest, '-');
        if (!dash) return "bad date restriction";
        pc->from = petr_date(rest, (size_t)(dash - rest));
        pc->to = petr_date(dash + 1, strlen(dash + 1));
        if (!pc->from || !pc->to) return "bad date range";
    }
    return "";
}

/* Read a whole file into the dictionary arena (NUL-terminated). */
static char *read_file(dyad_actor_dict *d, const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    dyad_buf b = {0};
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) dyad_buf_put(&b, tmp, k);
    int bad = ferror(f);
    fclose(f);
    if (bad) { dyad_buf_free(&b); return NULL; }
    char *s = dyad_strndup(d->arena, b.s ? b.s : "", b.len);
    *len = b.len;
    dyad_buf_free(&b);
    return s;
}

typedef struct {
    const char *name; size_t n; long line;
} petr_name;

#define PETR_MAXNAMES 512
#define PETR_MAXCODES 64

/* TABARI/PETRARCH: a name whose last word does not end in "_" is a stem
 * that matches any word it begins ("ARGENTIN" → "Argentina",
 * "Argentine"). Short stems would match too much: four letters at least. */
static int petr_stem(const char *s, size_t n)
{
    if (n == 0 || s[n - 1] == '_' || !isalpha((unsigned char)s[n - 1])) return 0;
    size_t k = 0;
    while (k < n && isalpha((unsigned char)s[n - 1 - k])) k++;
    return k >= 4;
}

/* One headword with its synonyms and codes becomes entries. */
static void petr_flush(dyad_actor_dict *d, const dyad_coder_options *opt,
                       const char *path, const char *src, petr_name *names,
                       size_t nn, petr_code *codes, size_t nc)
{
    if (nn == 0) return;
    if (nc == 0) {
        warn(opt, path, names[0].line, "no [CODE] for %.*s", (int)names[0].n,
             names[0].name);
        return;
    }
    int dated = 0;
    for (size_t i = 0; i < nc; i++) dated |= codes[i].from || codes[i].to;
    for (size_t i = 0; i < nn; i++)
        for (size_t j = 0; j < nc; j++) {
            actor_entry proto = { .src = src, .next = -1 };
            size_t len = strlen(codes[j].code);
            proto.code = dyad_strdup(d->arena, codes[j].code);
            proto.type = dated ? AE_PERSON
                       : len == 3 && strcmp(codes[j].code, "---") ? AE_COUNTRY
                       : AE_ORG;
            proto.from = codes[j].from;
            proto.to = codes[j].to;
            /* Every file writes in capitals; short ones are acronyms. */
            size_t letters = 0;
            int one_word = 1;
            for (size_t k = 0; k < names[i].n; k++) {
                if (isalpha((unsigned char)names[i].name[k])) letters++;
                if (names[i].name[k] == '_' && k + 1 < names[i].n) one_word = 0;
            }
            if (one_word && letters <= 3) proto.flags |= AF_CASE;
            if (petr_stem(names[i].name, names[i].n)) { proto.flags |= AF_STEM; d->nstems++; }
            add_name(d, names[i].name, names[i].n, &proto);
        }
}

/* Cut a line at '#', or skip it whole when it is an XML-style comment. */
static size_t petr_content(const char *line, size_t n)
{
    size_t i = 0;
    while (i < n && isspace((unsigned char)line[i])) i++;
    if (i + 1 < n && line[i] == '<' && line[i + 1] == '!') return 0;
    const char *h = memchr(line, '#', n);
    if (h) n = (size_t)(h - line);
    while (n && isspace((unsigned char)line[n - 1])) n--;
    return n;
}

/* Parse the brackets of a line: codes appended to codes[]; returns the
 * length of the name part before the first '['. */
static size_t petr_brackets(const dyad_coder_options *opt, const char *path,
                            long lineno, const char *line, size_t n, int agent,
                            petr_code *codes, size_t *nc, int *bad)
{
    const char *b = memchr(line, '[', n);
    size_t name_n = b ? (size_t)(b - line) : n;
    while (b) {
        const char *e = memchr(b, ']', n - (size_t)(b - line));
        if (!e) { warn(opt, path, lineno, "'[' without ']'"); *bad = 1; break; }
        petr_code pc;
        const char *why = petr_parse_code(b + 1, (size_t)(e - b - 1), agent, &pc);
        if (*why) { warn(opt, path, lineno, "%s: [%.*s]", why, (int)(e - b - 1), b + 1); *bad = 1; }
        else if (*nc < PETR_MAXCODES) codes[(*nc)++] = pc;
        size_t left = n - (size_t)(e + 1 - line);
        b = memchr(e + 1, '[', left);
    }
    return name_n;
}

static void load_petr_actors(dyad_actor_dict *d, const dyad_coder_options *opt,
                             const char *path, const char *text, const char *src)
{
    petr_name names[PETR_MAXNAMES];
    petr_code codes[PETR_MAXCODES];
    size_t nn = 0, nc = 0;
    long lineno = 0;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        const char *line = p;
        p = nl ? nl + 1 : p + n;
        lineno++;
        n = petr_content(line, n);
        if (n == 0) continue;
        int bad = 0;
        if (isspace((unsigned char)line[0])) {
            size_t i = 0;
            while (i < n && isspace((unsigned char)line[i])) i++;
            if (line[i] != '[') { warn(opt, path, lineno, "indented line is not a [CODE]"); continue; }
            if (nn == 0) { warn(opt, path, lineno, "[CODE] without a name before it"); continue; }
            petr_brackets(opt, path, lineno, line + i, n - i, 0, codes, &nc, &bad);
            continue;
        }
        if (line[0] == '+') {
            if (nn == 0) { warn(opt, path, lineno, "synonym without a name before it"); continue; }
            size_t nm = petr_brackets(opt, path, lineno, line + 1, n - 1, 0, codes, &nc, &bad);
            size_t k = nm;
            const char *s = trim((char *)line + 1, &k);
            if (k == 0) { warn(opt, path, lineno, "empty synonym"); continue; }
            if (nn < PETR_MAXNAMES) names[nn++] = (petr_name){ s, k, lineno };
            continue;
        }
        if (line[0] == '[') {
            if (nn == 0) { warn(opt, path, lineno, "[CODE] without a name before it"); continue; }
            petr_brackets(opt, path, lineno, line, n, 0, codes, &nc, &bad);
            continue;
        }
        /* Names on lines of their own before any code share the codes
         * that follow ("IVO_JOSIPOVIC_", "PRESIDENT_JOSIPOVIC_", "[HRVGOV]") */
        if (nn > 0 && nc == 0 && !memchr(line, '[', n) && nn < PETR_MAXNAMES) {
            size_t k = n;
            const char *s = trim((char *)line, &k);
            if (k) names[nn++] = (petr_name){ s, k, lineno };
            continue;
        }
        petr_flush(d, opt, path, src, names, nn, codes, nc);
        nn = nc = 0;
        size_t nm = petr_brackets(opt, path, lineno, line, n, 0, codes, &nc, &bad);
        size_t k = nm;
        const char *s = trim((char *)line, &k);
        if (k == 0) { warn(opt, path, lineno, "no name"); continue; }
        names[nn++] = (petr_name){ s, k, lineno };
    }
    petr_flush(d, opt, path, src, names, nn, codes, nc);
}

typedef struct {
    char name[32];
    char alts[16][48];
    size_t nalts;
} petr_subst;

/* Expand "!PERSON!" style substitution sets in a name, then add it. */
static void petr_agent_name(dyad_actor_dict *d, const dyad_coder_options *opt,
                            const char *path, long lineno, const char *name,
                            size_t n, const petr_subst *subs, size_t nsubs,
                            const actor_entry *proto, int depth)
{
    const char *b = memchr(name, '!', n);
    if (!b) { add_name(d, name, n, proto); return; }
    const char *e = memchr(b + 1, '!', n - (size_t)(b + 1 - name));
    if (!e || depth > 3) { warn(opt, path, lineno, "unclosed '!' substitution"); return; }
    size_t sn = (size_t)(e + 1 - b);
    for (size_t i = 0; i < nsubs; i++) {
        if (strlen(subs[i].name) != sn || memcmp(subs[i].name, b, sn) != 0) continue;
        for (size_t a = 0; a < subs[i].nalts; a++) {
            char buf[512];
            int k = snprintf(buf, sizeof buf, "%.*s%s%.*s", (int)(b - name), name,
                             subs[i].alts[a], (int)(n - (size_t)(e + 1 - name)), e + 1);
            if (k > 0 && (size_t)k < sizeof buf)
                petr_agent_name(d, opt, path, lineno, buf, (size_t)k, subs, nsubs,
                                proto, depth + 1);
        }
        return;
    }
    warn(opt, path, lineno, "unknown substitution set %.*s", (int)sn, b);
}

static void load_petr_agents(dyad_actor_dict *d, const dyad_coder_options *opt,
                             const char *path, const char *text, const char *src)
{
    petr_subst subs[16];
    size_t nsubs = 0;
    long lineno = 0;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        const char *line = p;
        p = nl ? nl + 1 : p + n;
        lineno++;
        n = petr_content(line, n);
        if (n == 0) continue;
        size_t i = 0;
        while (i < n && isspace((unsigned char)line[i])) i++;
        line += i; n -= i;
        if (line[0] == '!' && memchr(line, '=', n)) {   /* !SET! = A, B, C */
            const char *eq = memchr(line, '=', n);
            const char *e = memchr(line + 1, '!', n - 1);
            if (!eq || !e || e > eq || nsubs == 16 || (size_t)(e + 1 - line) >= 32) {
                warn(opt, path, lineno, "bad substitution set");
                continue;
            }
            petr_subst *s = &subs[nsubs++];
            memset(s, 0, sizeof *s);
            memcpy(s->name, line, (size_t)(e + 1 - line));
            const char *q = eq + 1, *end = line + n;
            while (q < end && s->nalts < 16) {
                const char *c = memchr(q, ',', (size_t)(end - q));
                if (!c) c = end;
                size_t k = (size_t)(c - q);
                const char *a = trim((char *)q, &k);
                if (k && k < 48) memcpy(s->alts[s->nalts++], a, k);
                q = c + 1;
            }
            continue;
        }
        petr_code codes[PETR_MAXCODES];
        size_t nc = 0;
        int bad = 0;
        size_t nm = petr_brackets(opt, path, lineno, line, n, 1, codes, &nc, &bad);
        if (nc == 0) {
            if (!bad) warn(opt, path, lineno, "no [~CODE]");
            continue;
        }
        /* name part: "WORD {PLURAL PLURAL}" */
        const char *brace = memchr(line, '{', nm);
        size_t base_n = brace ? (size_t)(brace - line) : nm;
        size_t k = base_n;
        const char *base = trim((char *)line, &k);
        if (k == 0) { warn(opt, path, lineno, "no agent name"); continue; }
        for (size_t c = 0; c < nc; c++) {
            actor_entry proto = { .type = AE_AGENT, .src = src, .next = -1,
                                  .code = dyad_strdup(d->arena, codes[c].code),
                                  .flags = codes[c].prefix ? AF_PREFIX : 0 };
            petr_agent_name(d, opt, path, lineno, base, k, subs, nsubs, &proto, 0);
            if (!brace) continue;
            const char *close = memchr(brace, '}', nm - (size_t)(brace - line));
            if (!close) { warn(opt, path, lineno, "'{' without '}'"); break; }
            for (const char *q = brace + 1; q < close;) {
                while (q < close && isspace((unsigned char)*q)) q++;
                const char *w = q;
                while (q < close && !isspace((unsigned char)*q)) q++;
                if (q > w)
                    petr_agent_name(d, opt, path, lineno, w, (size_t)(q - w), subs,
                                    nsubs, &proto, 0);
            }
        }
    }
}

/* ---- loading ---- */

static const struct {
    const char *path, *src;
    uint8_t type;
} own_files[] = {
    { "data/actors/countries.txt", "country", AE_COUNTRY },
    { "data/actors/nationalities.txt", "nationality", AE_NATIONALITY },
    { "data/actors/capitals.txt", "capital", AE_CAPITAL },
    { "data/actors/regions.txt", "region", AE_CAPITAL },
    { "data/actors/orgs.txt", "org", AE_ORG },
    { "data/actors/agents.txt", "agent", AE_AGENT },
    { "data/actors/titles.txt", "title", AE_TITLE },
    { "data/actors/people.txt", "role", AE_PERSON },
};

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

dyad_status dyad_actor_dict_load(dyad_actor_dict **out,
                                 const dyad_coder_options *opt,
                                 dyad_error *err)
{
    dyad_actor_dict *d = calloc(1, sizeof *d);
    if (!d) return dyad_fail(err, DYAD_ERR_NOMEM, "actors", 0, "out of memory");
    d->arena = dyad_arena_new();
    rehash(d);
    /* the files the caller names first: where they and dyad's own
     * dictionaries know the same name, theirs is the reading used */
    for (int agents = 0; opt && agents < 2; agents++) {
        const char *const *files = agents ? opt->agent_files : opt->actor_files;
        for (size_t i = 0; files && files[i]; i++) {
            size_t len;
            char *text = read_file(d, files[i], &len);
            if (!text) {
                dyad_actor_dict_free(d);
                return dyad_fail(err, DYAD_ERR_IO, files[i], 0, "cannot read dictionary");
            }
            if (memchr(text, 0, len)) {
                dyad_actor_dict_free(d);
                return dyad_fail(err, DYAD_ERR_INPUT, files[i], 0,
                                 "binary data in a dictionary");
            }
            const char *src = dyad_strdup(d->arena, base_name(files[i]));
            if (agents) load_petr_agents(d, opt, files[i], text, src);
            else load_petr_actors(d, opt, files[i], text, src);
        }
    }
    if (!opt || !opt->replace)
        for (size_t i = 0; i < sizeof own_files / sizeof *own_files; i++) {
            const char *text = dyad_data(own_files[i].path, NULL);
            if (!text) {
                dyad_actor_dict_free(d);
                return dyad_fail(err, DYAD_ERR_MODEL, own_files[i].path, 0,
                                 "dictionary missing from the build");
            }
            load_own(d, own_files[i].path, text, own_files[i].type, own_files[i].src);
        }
    /* the names a misspelling may stand for: countries, capitals and
     * nationalities of one word of letters, five or more of them (the
     * text's word needs six) */
    for (size_t i = 0; i < d->ne; i++) {
        const actor_entry *e = &d->e[i];
        if ((e->type != AE_COUNTRY && e->type != AE_CAPITAL && e->type != AE_NATIONALITY) ||
            (e->flags & (AF_CASE | AF_STEM)) || !e->name ||
            (e->src && strcmp(e->src, "region") == 0))
            continue;
        size_t n = strlen(e->name), k = 0;
        while (k < n && isalpha((unsigned char)e->name[k])) k++;
        if (k != n || n < 5) continue;
        int32_t *f = realloc(d->fuzzy, (d->nfuzzy + 1) * sizeof *f);
        if (!f) abort();
        d->fuzzy = f;
        d->fuzzy[d->nfuzzy++] = (int32_t)i;
    }
    /* by first letter (counting sort, stable), so a word is compared only
     * with the names that start as it does */
    {
        uint32_t cnt[27] = {0};
        int32_t *sorted = malloc((d->nfuzzy ? d->nfuzzy : 1) * sizeof *sorted);
        if (!sorted) abort();
        for (size_t k = 0; k < d->nfuzzy; k++)
            cnt[tolower((unsigned char)d->e[d->fuzzy[k]].name[0]) - 'a' + 1]++;
        for (int k = 0; k < 26; k++) cnt[k + 1] += cnt[k];
        memcpy(d->fuzzy_at, cnt, sizeof cnt);
        for (size_t k = 0; k < d->nfuzzy; k++)
            sorted[cnt[tolower((unsigned char)d->e[d->fuzzy[k]].name[0]) - 'a']++] = d->fuzzy[k];
        free(d->fuzzy);
        d->fuzzy = sorted;
    }
    *out = d;
    return DYAD_OK;
}

void dyad_actor_dict_free(dyad_actor_dict *d)
{
    if (!d) return;
    free(d->slots);
    free(d->fuzzy);
    free(d->keys);
    free(d->e);
    dyad_arena_free(d->arena);
    free(d);
}
