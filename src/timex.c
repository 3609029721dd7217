/* timex.c — time expressions: finds them in doc->text and normalises them to
 * TIMEX3 values against the document creation time (DCT).
 *
 * The text is cut into its own small words here (digits, letters,
 * punctuation) rather than taken from the text stage, so that "p.m.",
 * "2014-06-27" or "12:08" are seen whole whatever the tokenizer does, and so
 * that this stage needs nothing but the cleaned text. Matching is keyword
 * triggered: a word starts a match only when it is a number or is in the
 * small lexicon below; each grammar rule is a hand-written function that
 * reads words forward from there (no regular expressions), so the cost is a
 * few comparisons per word.
 *
 * Conventions follow TimeML/TIMEX3 as used by TempEval-3: spans leave out
 * prepositions ("in May" → "May") but keep determiners and modifiers ("the
 * past two years", "early this year"); relative dates take the granularity
 * of their unit ("last month" → 2014-05, "a year ago" → 2013); a date
 * without a year takes the year that puts it nearest the DCT on the side
 * the sentence's tense points to. */
#include "dyad.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- calendar arithmetic (proleptic Gregorian, days since 1970-01-01) ---- */

static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 0 = Monday … 6 = Sunday */
static int weekday(long z) { return (int)(((z % 7) + 7 + 3) % 7); }

static int days_in_month(int y, int m)
{
    static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return n[(m - 1) % 12];
}

static void iso_week(long z, int *wy, int *wn)
{
    long thu = z - weekday(z) + 3;
    int y, m, d;
    civil_from_days(thu, &y, &m, &d);
    *wy = y;
    *wn = (int)((thu - days_from_civil(y, 1, 1)) / 7 + 1);
}

/* ---- words ---- */

enum {
    K_NONE = 0, K_MONTH, K_WDAY, K_NUM, K_ORD, K_SEASON, K_POD, K_REL,
    K_DAYREF, K_REF, K_MOD, K_APPROX, K_SETADJ, K_EVERY, K_AGO, K_FEW,
    K_TZ, K_DECADE, K_THE, K_ART, K_NOON, K_FISCAL, K_HALF, K_CENTURY,
    K_QUARTER, K_HOLIDAY
};

/* K_REL values */
enum { R_THIS = 1, R_LAST, R_NEXT, R_PAST, R_COMING, R_RECENT };
/* K_AGO values: the sign of the shift and whether the anchor is the DCT */
enum { A_AGO = 1, A_LATER, A_EARLIER, A_HENCE };
/* K_POD values index pod_code */
static const char *const pod_code[] = {"", "MO", "AF", "EV", "NI", "MI", "DT"};
/* K_SEASON values index season_code; months where each starts */
static const char *const season_code[] = {"", "SP", "SU", "FA", "WI"};
static const int season_start[] = {0, 3, 6, 9, 12};

typedef struct {
    const char *w;
    unsigned char kind;
    short val;
} lexent;

static lexent lexicon[] = {
    {"a", K_ART, 1}, {"about", K_APPROX, 0}, {"after", K_AGO, A_LATER},
    {"afternoon", K_POD, 2}, {"ago", K_AGO, A_AGO}, {"almost", K_APPROX, 0},
    {"an", K_ART, 1}, {"annual", K_SETADJ, 'Y'}, {"annually", K_SETADJ, 'Y'},
    {"approximately", K_APPROX, 0}, {"apr", K_MONTH, 4}, {"april", K_MONTH, 4},
    {"around", K_APPROX, 0}, {"aug", K_MONTH, 8}, {"august", K_MONTH, 8},
    {"autumn", K_SEASON, 3}, {"before", K_AGO, A_EARLIER},
    {"beginning", K_MOD, 0}, {"bst", K_TZ, 0}, {"cdt", K_TZ, 0},
    {"centuries", K_CENTURY, 2}, {"century", K_CENTURY, 1},
    {"cest", K_TZ, 0}, {"cet", K_TZ, 0}, {"christmas", K_HOLIDAY, 1225},
    {"coming", K_REL, R_COMING}, {"couple", K_FEW, 2}, {"cst", K_TZ, 0},
    {"currently", K_REF, 'N'}, {"daily", K_SETADJ, 'D'},
    {"dawn", K_POD, 1}, {"dec", K_MONTH, 12}, {"december", K_MONTH, 12},
    {"early", K_MOD, 0}, {"earlier", K_AGO, A_EARLIER},
    {"edt", K_TZ, 0}, {"eight", K_NUM, 8}, {"eighteen", K_NUM, 18},
    {"eighties", K_DECADE, 8}, {"eighty", K_NUM, 80}, {"eleven", K_NUM, 11},
    {"end", K_MOD, 0}, {"est", K_TZ, 0}, {"evening", K_POD, 3},
    {"every", K_EVERY, 0}, {"each", K_EVERY, 0}, {"fall", K_SEASON, 3},
    {"feb", K_MONTH, 2}, {"february", K_MONTH, 2}, {"few", K_FEW, -1},
    {"fifteen", K_NUM, 15}, {"fifth", K_ORD, 5}, {"fifty", K_NUM, 50},
    {"first", K_ORD, 1}, {"fiscal", K_FISCAL, 0}, {"five", K_NUM, 5},
    {"following", K_REL, R_COMING}, {"forty", K_NUM, 40},
    {"four", K_NUM, 4}, {"fourteen", K_NUM, 14}, {"fourth", K_ORD, 4},
    {"fri", K_WDAY, 5}, {"friday", K_WDAY, 5}, {"gmt", K_TZ, 0},
    {"half", K_HALF, 0}, {"hence", K_AGO, A_HENCE}, {"hourly", K_SETADJ, 'H'},
    {"hundred", K_NUM, 100}, {"ist", K_TZ, 0}, {"jan", K_MONTH, 1},
    {"january", K_MONTH, 1}, {"jul", K_MONTH, 7}, {"july", K_MONTH, 7},
    {"jun", K_MONTH, 6}, {"june", K_MONTH, 6}, {"last", K_REL, R_LAST},
    {"late", K_MOD, 0}, {"lately", K_REF, 'P'}, {"later", K_AGO, A_LATER},
    {"latest", K_REL, R_LAST}, {"many", K_FEW, -1}, {"mar", K_MONTH, 3},
    {"march", K_MONTH, 3}, {"may", K_MONTH, 5}, {"mid", K_MOD, 0},
    {"middle", K_MOD, 0}, {"midnight", K_NOON, 24}, {"mon", K_WDAY, 1},
    {"monday", K_WDAY, 1}, {"monthly", K_SETADJ, 'M'},
    {"morning", K_POD, 1}, {"nearly", K_APPROX, 0}, {"next", K_REL, R_NEXT},
    {"night", K_POD, 4}, {"nightly", K_SETADJ, 'D'}, {"nine", K_NUM, 9},
    {"nineteen", K_NUM, 19}, {"nineties", K_DECADE, 9},
    {"ninety", K_NUM, 90}, {"noon", K_NOON, 12}, {"nov", K_MONTH, 11},
    {"november", K_MONTH, 11}, {"now", K_REF, 'N'}, {"nowadays", K_REF, 'N'},
    {"oct", K_MONTH, 10}, {"october", K_MONTH, 10}, {"one", K_NUM, 1},
    {"over", K_APPROX, 0}, {"overnight", K_POD, 4}, {"past", K_REL, R_PAST},
    {"pdt", K_TZ, 0}, {"presently", K_REF, 'N'}, {"previous", K_REL, R_LAST},
    {"pst", K_TZ, 0}, {"quarter", K_QUARTER, 1},
    {"recent", K_REL, R_RECENT},
    {"recently", K_REF, 'P'}, {"roughly", K_APPROX, 0},
    {"sat", K_WDAY, 6}, {"saturday", K_WDAY, 6}, {"second", K_ORD, 2},
    {"sep", K_MONTH, 9}, {"sept", K_MONTH, 9}, {"september", K_MONTH, 9},
    {"seven", K_NUM, 7}, {"seventeen", K_NUM, 17}, {"seventies", K_DECADE, 7},
    {"seventy", K_NUM, 70}, {"several", K_FEW, -1}, {"six", K_NUM, 6},
    {"sixteen", K_NUM, 16}, {"sixties", K_DECADE, 6}, {"sixty", K_NUM, 60},
    {"spring", K_SEASON, 1}, {"start", K_MOD, 0},
    {"summer", K_SEASON, 2}, {"sun", K_WDAY, 7}, {"sunday", K_WDAY, 7},
    {"ten", K_NUM, 10}, {"the", K_THE, 0}, {"third", K_ORD, 3},
    {"thirteen", K_NUM, 13}, {"thirty", K_NUM, 30}, {"this", K_REL, R_THIS},
    {"three", K_NUM, 3}, {"thu", K_WDAY, 4}, {"thur", K_WDAY, 4},
    {"thurs", K_WDAY, 4}, {"thursday", K_WDAY, 4}, {"today", K_DAYREF, 0},
    {"tomorrow", K_DAYREF, 1}, {"tonight", K_DAYREF, 2},
    {"tue", K_WDAY, 2}, {"tues", K_WDAY, 2}, {"tuesday", K_WDAY, 2},
    {"twelve", K_NUM, 12}, {"twenty", K_NUM, 20}, {"two", K_NUM, 2},
    {"utc", K_TZ, 0}, {"wed", K_WDAY, 3}, {"wednesday", K_WDAY, 3},
    {"weekly", K_SETADJ, 'W'}, {"winter", K_SEASON, 4},
    {"yearly", K_SETADJ, 'Y'}, {"yesterday", K_DAYREF, -1},
    {"dozen", K_NUM, 12}, {"fortieth", K_ORD, 40}, {"sixth", K_ORD, 6},
    {"seventh", K_ORD, 7}, {"eighth", K_ORD, 8}, {"ninth", K_ORD, 9},
    {"tenth", K_ORD, 10}, {"eleventh", K_ORD, 11}, {"twelfth", K_ORD, 12},
    {"twentieth", K_ORD, 20}, {"nineteenth", K_ORD, 19},
    {"eighteenth", K_ORD, 18}, {"seventeenth", K_ORD, 17},
    {"sixteenth", K_ORD, 16}, {"fifteenth", K_ORD, 15},
    {"thirtieth", K_ORD, 30}, {"midday", K_NOON, 12},
};

static int lexcmp(const void *a, const void *b)
{
    return strcmp(((const lexent *)a)->w, ((const lexent *)b)->w);
}

static pthread_once_t lex_once = PTHREAD_ONCE_INIT;
static void lex_sort(void)
{
    qsort(lexicon, sizeof lexicon / sizeof *lexicon, sizeof *lexicon, lexcmp);
}

static const lexent *lex_find(const char *w)
{
    lexent key = {w, 0, 0};
    return bsearch(&key, lexicon, sizeof lexicon / sizeof *lexicon,
                   sizeof *lexicon, lexcmp);
}

/* Units of time, in the order of their size. */
enum { U_NONE = 0, U_SEC, U_MIN, U_HOUR, U_DAY, U_WEEKEND, U_WEEK,
       U_FORTNIGHT, U_MONTH, U_QUARTER, U_YEAR, U_DECADE, U_CENTURY };

typedef struct {
    uint32_t s, e;        /* bytes in text */
    char w[24];           /* lower case, truncated */
    uint8_t kind;         /* K_* or 0 */
    uint8_t cap;          /* starts with an upper-case letter */
    uint8_t alpha, digit; /* all letters / starts with a digit */
    uint8_t unit, plural; /* U_* when a unit word */
    uint8_t ndig;         /* digits before any suffix or separator */
    uint8_t punct;        /* single punctuation character */
    short val;            /* lexicon value */
    long num;             /* value of a plain number, -1 otherwise */
} tword;

static int unit_of(const char *w, uint8_t *plural)
{
    static const struct { const char *w; int u, pl; } units[] = {
        {"second", U_SEC, 0}, {"seconds", U_SEC, 1}, {"minute", U_MIN, 0},
        {"minutes", U_MIN, 1}, {"mins", U_MIN, 1}, {"hour", U_HOUR, 0},
        {"hours", U_HOUR, 1}, {"hrs", U_HOUR, 1}, {"day", U_DAY, 0},
        {"days", U_DAY, 1}, {"week", U_WEEK, 0}, {"weeks", U_WEEK, 1},
        {"weekend", U_WEEKEND, 0}, {"weekends", U_WEEKEND, 1},
        {"fortnight", U_FORTNIGHT, 0}, {"month", U_MONTH, 0},
        {"months", U_MONTH, 1}, {"quarter", U_QUARTER, 0},
        {"quarters", U_QUARTER, 1}, {"year", U_YEAR, 0}, {"years", U_YEAR, 1},
        {"yrs", U_YEAR, 1}, {"decade", U_DECADE, 0}, {"decades", U_DECADE, 1},
        {"century", U_CENTURY, 0}, {"centuries", U_CENTURY, 1},
    };
    switch (w[0]) {
    case 's': case 'm': case 'h': case 'd': case 'w': case 'f': case 'q':
    case 'y': case 'c':
        break;
    default:
        return U_NONE;
    }
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (strcmp(units[i].w, w) == 0) {
            *plural = (uint8_t)units[i].pl;
            return units[i].u;
        }
    return U_NONE;
}

/* Cuts text into words. "p.m." and "a.m." become one word "pm"/"am";
 * digit runs keep inner ":/.-," followed by a digit and a letter suffix
 * ("1990s", "10th", "3pm"). */
static tword *lex_text(dyad_arena *a, const char *t, size_t len, size_t *nout)
{
    size_t cap = len / 4 + 16, n = 0;
    tword *w = dyad_alloc(a, cap * sizeof *w);
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)t[i];
        if (c <= ' ') { i++; continue; }
        if (n == cap) {
            w = dyad_grow(a, w, n, cap * 2, sizeof *w);
            cap *= 2;
        }
        tword *x = &w[n];
        memset(x, 0, sizeof *x);
        x->num = -1;
        size_t j = i;
        if (isalpha(c)) {
            /* a.m. / p.m. */
            if ((c == 'a' || c == 'p' || c == 'A' || c == 'P') && i + 2 < len &&
                t[i + 1] == '.' && (t[i + 2] == 'm' || t[i + 2] == 'M') &&
                (i + 3 >= len || !isalpha((unsigned char)t[i + 3]))) {
                j = i + 3;
                if (j < len && t[j] == '.') j++;
                x->w[0] = (char)tolower(c);
                x->w[1] = 'm';
                x->alpha = 1;
            } else {
                while (j < len && isalpha((unsigned char)t[j])) j++;
                size_t k = 0;
                for (size_t q = i; q < j && k < sizeof x->w - 1; q++)
                    x->w[k++] = (char)tolower((unsigned char)t[q]);
                x->alpha = 1;
                x->cap = isupper(c) != 0;
            }
        } else if (isdigit(c)) {
            while (j < len) {
                if (isdigit((unsigned char)t[j])) { j++; continue; }
                if ((t[j] == ':' || t[j] == '/' || t[j] == '.' || t[j] == ',' ||
                     t[j] == '-') && j + 1 < len && isdigit((unsigned char)t[j + 1])) {
                    j++;
                    continue;
                }
                break;
            }
            size_t dig = j;
            while (j < len && isalpha((unsigned char)t[j]) && j - dig < 4) j++;
            if (j < len && isalpha((unsigned char)t[j])) j = dig; /* "3D" in words */
            size_t k = 0;
            for (size_t q = i; q < j && k < sizeof x->w - 1; q++)
                x->w[k++] = (char)tolower((unsigned char)t[q]);
            x->digit = 1;
            size_t nd = 0;
            long v = 0;
            while (i + nd < dig && isdigit((unsigned char)t[i + nd])) {
                if (nd < 9) v = v * 10 + (t[i + nd] - '0');
                nd++;
            }
            x->ndig = (uint8_t)(nd > 255 ? 255 : nd);
            if (i + nd == dig && nd <= 9) x->num = v;
        } else if (c >= 0x80) {
            /* UTF-8: a curly apostrophe or dash is punctuation; any other
             * non-ASCII run is a word nothing here matches. */
            j = i + 1;
            while (j < len && ((unsigned char)t[j] & 0xC0) == 0x80) j++;
            x->punct = '~';
            if (j - i == 3 && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80) {
                unsigned char c3 = (unsigned char)t[i + 2];
                if (c3 == 0x99 || c3 == 0x98) x->punct = '\'';
                else if (c3 == 0x93 || c3 == 0x94) x->punct = '-';
            }
        } else {
            j = i + 1;
            x->punct = (uint8_t)c;
            x->w[0] = (char)c;
        }
        x->s = (uint32_t)i;
        x->e = (uint32_t)j;
        if (x->alpha) {
            const lexent *e = lex_find(x->w);
            if (e) { x->kind = e->kind; x->val = e->val; }
            x->unit = (uint8_t)unit_of(x->w, &x->plural);
        }
        n++;
        i = j;
    }
    *nout = n;
    return w;
}

/* ---- matching ---- */

typedef struct {
    const char *text;
    tword *w;
    size_t n;
    int has_dct;
    int dy, dm, dd;       /* DCT */
    long dz;              /* DCT as days */
    int dhour;            /* DCT hour or -1 */
    int last_y;           /* year of the last explicit year seen (or DCT) */
} tctx;

typedef struct {
    size_t end;           /* word index after the match */
    int type;             /* dyad_timex_type */
    char val[48];
} tres;

static int is(const tctx *c, size_t i, const char *w)
{
    return i < c->n && strcmp(c->w[i].w, w) == 0;
}
static int kind(const tctx *c, size_t i) { return i < c->n ? c->w[i].kind : 0; }
static int pu(const tctx *c, size_t i, int ch)
{
    return i < c->n && c->w[i].punct == ch;
}
/* Two words are adjacent with nothing but a hyphen or nothing between. */
static int glued(const tctx *c, size_t i)
{
    return i + 1 < c->n && c->w[i].e == c->w[i + 1].s;
}

static void set(tres *r, size_t end, int type, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
#include <stdarg.h>
static void set(tres *r, size_t end, int type, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->val, sizeof r->val, fmt, ap);
    va_end(ap);
    r->end = end;
    r->type = type;
}

/* A short form that takes a period: "Jan.", "Sept.", "Fri." */
static int abbrev(const char *w)
{
    size_t L = strlen(w);
    return L <= 4 && strcmp(w, "may") && strcmp(w, "june") && strcmp(w, "july");
}

/* Month names need a capital; "May" also needs a context that makes it a
 * month rather than the verb. */
static int is_month(const tctx *c, size_t i)
{
    if (kind(c, i) != K_MONTH || !c->w[i].cap) return 0;
    if (c->w[i].val != 5 && c->w[i].val != 3) return 1;
    /* May, March */
    if (i + 1 < c->n && (c->w[i + 1].digit || pu(c, i + 1, ','))) return 1;
    if (i + 1 < c->n && c->w[i + 1].punct == '.' && c->w[i].val == 3) return 0;
    if (i == 0) return 0;
    static const char *const before[] = {"in", "of", "since", "until", "till",
        "by", "early", "late", "mid", "last", "next", "this", "from", "through",
        "to", "during", "before", "after", "-", "and", "or", "between", "end",
        "beginning", "on", "that", "for", "throughout", "each", "every", NULL};
    for (int k = 0; before[k]; k++)
        if (is(c, i - 1, before[k])) return 1;
    return 0;
}

/* A plain number from digits or words ("two", "twenty-five", "a"), with
 * its end. -1 when none. */
static long number_at(const tctx *c, size_t i, size_t *end)
{
    if (i >= c->n) return -1;
    const tword *x = &c->w[i];
    if (x->digit && x->num >= 0 && x->w[x->ndig] == 0) {
        *end = i + 1;
        return x->num;
    }
    if (x->kind == K_NUM) {
        long v = x->val;
        size_t j = i + 1;
        if (v >= 20 && v % 10 == 0 && v < 100 && pu(c, j, '-') && kind(c, j + 1) == K_NUM &&
            c->w[j + 1].val < 10) {
            v += c->w[j + 1].val;
            j += 2;
        }
        if (is(c, j, "hundred") && v < 100) { v *= 100; j++; }
        *end = j;
        return v;
    }
    return -1;
}

/* Sentence-level tense around word i: +1 future, -1 past, 0 unknown: the
 * nearest cue word before it in its sentence, else the nearest after. */
static int tense(const tctx *c, size_t i)
{
    static const char *const fut[] = {"will", "ll", "shall", "going",
        "expected", "expects", "plans", "plan", "planned", "scheduled",
        "upcoming", "due", "would", "next", "coming", "intends", "aims", "set",
        "hopes", "wants", NULL};
    static const char *const past[] = {"was", "were", "had", "did", "said",
        "ago", "last", "been", "told", "earlier", "came", "went", "met",
        "took", "began", "held", "made", "saw", "left", "announced", NULL};
    /* backward first: the verb a time expression modifies mostly comes
     * before it ("told AP on Thursday that … would"); forward only when the
     * clause starts with the expression ("On Thursday, he said") */
    int open[2] = {1, 1};
    for (int side = 0; side < 2; side++) {
        for (size_t d = 1; d < 12; d++) {
            size_t k;
            if (!open[side]) continue;
            if (side == 0) { if (i < d) continue; k = i - d; }
            else { k = i + d; if (k >= c->n) continue; }
            const tword *x = &c->w[k];
            if (x->punct == '?' || x->punct == '!' || x->punct == ';' ||
                (x->punct == '.' && !(k > 0 && c->w[k - 1].alpha && c->w[k - 1].w[1] == 0))) {
                open[side] = 0;
                continue;
            }
            if (!x->alpha) continue;
            for (int q = 0; fut[q]; q++) if (strcmp(x->w, fut[q]) == 0) return 1;
            for (int q = 0; past[q]; q++) if (strcmp(x->w, past[q]) == 0) return -1;
            size_t L = strlen(x->w);
            if (L > 4 && x->w[L - 2] == 'e' && x->w[L - 1] == 'd' && !x->cap &&
                strcmp(x->w, "indeed") && strcmp(x->w, "need") &&
                strcmp(x->w, "united") && strcmp(x->w, "based"))
                return -1;
        }
    }
    return 0;
}

/* Clamp search to the sentence: stop at sentence-ending punctuation. */
static int tense_in_sentence(const tctx *c, size_t i)
{
    /* The scan in tense() is bounded; sentence ends are rare enough inside
     * 14 words that the cue nearest the expression is almost always its own
     * clause's. */
    return tense(c, i);
}

/* Year for a month (and day) given without one. */
static int infer_year(const tctx *c, size_t i, int m, int d)
{
    if (!c->has_dct) return 0;
    int t = tense_in_sentence(c, i);
    /* the nearest of last year, this year and next year, where a date on
     * the side the tense does not point to counts three times as far */
    int best = c->dy;
    long bestd = -1;
    for (int y = c->dy - 1; y <= c->dy + 1; y++) {
        int dd = d ? d : (m == c->dm ? c->dd : 15);
        if (dd > days_in_month(y, m)) dd = days_in_month(y, m);
        long diff = days_from_civil(y, m, dd) - c->dz;
        long dist = diff < 0 ? -diff : diff;
        if ((t < 0 && diff > 0) || (t > 0 && diff < 0)) dist *= 3;
        if (bestd < 0 || dist < bestd) { bestd = dist; best = y; }
    }
    return best;
}

static void fmt_day(tres *r, size_t end, int type, long z, const char *suffix)
{
    int y, m, d;
    civil_from_days(z, &y, &m, &d);
    set(r, end, type, "%04d-%02d-%02d%s", y, m, d, suffix);
}

static void fmt_week(tres *r, size_t end, long z, const char *suffix)
{
    int wy, wn;
    iso_week(z, &wy, &wn);
    set(r, end, DYAD_TIMEX_DATE, "%04d-W%02d%s", wy, wn, suffix);
}

/* The date n units from the DCT, at the unit's granularity. */
static void shift(const tctx *c, tres *r, size_t end, int unit, long n)
{
    if (!c->has_dct) {
        static const char *const x[] = {"", "XXXX-XX-XX", "XXXX-XX-XX",
            "XXXX-XX-XX", "XXXX-XX-XX", "XXXX-WXX-WE", "XXXX-WXX", "XXXX-WXX",
            "XXXX-XX", "XXXX-QX", "XXXX", "XXX", "XX"};
        set(r, end, DYAD_TIMEX_DATE, "%s", x[unit]);
        return;
    }
    long mi;
    switch (unit) {
    case U_SEC: case U_MIN: case U_HOUR: case U_DAY:
        fmt_day(r, end, DYAD_TIMEX_DATE, c->dz + (unit == U_DAY ? n : 0), "");
        break;
    case U_WEEK: fmt_week(r, end, c->dz + 7 * n, ""); break;
    case U_FORTNIGHT: fmt_week(r, end, c->dz + 14 * n, ""); break;
    case U_WEEKEND: fmt_week(r, end, c->dz + 7 * n, "-WE"); break;
    case U_MONTH:
        mi = (long)c->dy * 12 + (c->dm - 1) + n;
        set(r, end, DYAD_TIMEX_DATE, "%04ld-%02ld", mi / 12, mi % 12 + 1);
        break;
    case U_QUARTER:
        mi = (long)c->dy * 4 + (c->dm - 1) / 3 + n;
        set(r, end, DYAD_TIMEX_DATE, "%04ld-Q%ld", mi / 4, mi % 4 + 1);
        break;
    case U_YEAR: set(r, end, DYAD_TIMEX_DATE, "%04ld", c->dy + n); break;
    case U_DECADE: set(r, end, DYAD_TIMEX_DATE, "%03ld", c->dy / 10 + n); break;
    default: set(r, end, DYAD_TIMEX_DATE, "%02ld", c->dy / 100 + n); break;
    }
}

/* A duration value: n < 0 is "X" (some number). */
static void duration(tres *r, size_t end, int unit, long n, int half)
{
    char num[24];
    if (n < 0) snprintf(num, sizeof num, "X");
    else if (half) snprintf(num, sizeof num, "%ld.5", n);
    else snprintf(num, sizeof num, "%ld", n);
    const char *u = "Y";
    int t = 0;
    switch (unit) {
    case U_SEC: u = "S"; t = 1; break;
    case U_MIN: u = "M"; t = 1; break;
    case U_HOUR: u = "H"; t = 1; break;
    case U_DAY: u = "D"; break;
    case U_WEEKEND: u = "WE"; break;
    case U_WEEK: u = "W"; break;
    case U_FORTNIGHT:
        if (n >= 0) snprintf(num, sizeof num, "%ld", 2 * n);
        u = "W";
        break;
    case U_MONTH: u = "M"; break;
    case U_QUARTER: u = "Q"; break;
    case U_YEAR: u = "Y"; break;
    case U_DECADE:
        if (n >= 0 && !half) { snprintf(num, sizeof num, "%ld", 10 * n); u = "Y"; }
        else u = "DE";
        break;
    case U_CENTURY:
        if (n >= 0 && !half) { snprintf(num, sizeof num, "%ld", 100 * n); u = "Y"; }
        else u = "C";
        break;
    }
    set(r, end, DYAD_TIMEX_DURATION, "P%s%s%s", t ? "T" : "", num, u);
}

static int year_word(const tctx *c, size_t i, int *y)
{
    if (i >= c->n) return 0;
    const tword *x = &c->w[i];
    if (!x->digit || x->ndig != 4 || x->w[4] != 0 || x->num < 1000 || x->num > 2099)
        return 0;
    *y = (int)x->num;
    return 1;
}

/* A weekday resolved against the DCT: rel -1 last, +1 next, 0 by tense. */
static long resolve_wday(const tctx *c, size_t i, int wd, int rel)
{
    int dw = weekday(c->dz) + 1;           /* 1..7 like wd */
    int back = (dw - wd + 7) % 7;          /* days back to the latest wd ≤ DCT */
    if (rel < 0) return c->dz - (back ? back : 7);
    if (rel > 0) { int fwd = (wd - dw + 7) % 7; return c->dz + (fwd ? fwd : 7); }
    int t = tense_in_sentence(c, i);
    if (t > 0) { int fwd = (wd - dw + 7) % 7; return c->dz + fwd; }
    return c->dz - back;
}

/* "Friday", "Friday morning", "Friday, June 27". */
static int m_month_date(tctx *c, size_t i, tres *r);
static int m_wday(tctx *c, size_t i, int rel, size_t start, tres *r)
{
    (void)start;
    int wd = c->w[i].val;
    if (!c->w[i].cap) return 0;
    size_t j = i + 1;
    if (j < c->n && c->w[j].punct == '.' && strlen(c->w[i].w) <= 5 && i + 1 == j) j++;
    /* a following full date wins */
    size_t k = j;
    if (pu(c, k, ',')) k++;
    if (rel == 0 && m_month_date(c, k, r)) {
        /* TimeML marks "Thursday" and "Jan. 6" apart; the date names the
         * weekday */
        r->end = j;
        if (strlen(r->val) != 10) r->val[7] = 0;
        return 1;
    }
    if (rel == 0 && c->w[i].w[3] == 0) return 0; /* "Sun" alone is not a day */
    long z = c->has_dct ? resolve_wday(c, i, wd, rel) : 0;
    if (kind(c, j) == K_POD) {
        if (c->has_dct) fmt_day(r, j + 1, DYAD_TIMEX_TIME, z, "");
        else set(r, j + 1, DYAD_TIMEX_TIME, "XXXX-WXX-%d", wd);
        size_t L = strlen(r->val);
        snprintf(r->val + L, sizeof r->val - L, "T%s", pod_code[c->w[j].val]);
        return 1;
    }
    if (c->has_dct) fmt_day(r, j, DYAD_TIMEX_DATE, z, "");
    else set(r, j, DYAD_TIMEX_DATE, "XXXX-WXX-%d", wd);
    return 1;
}

/* Day number 1..31 possibly with an ordinal suffix ("10th"). */
static int day_word(const tctx *c, size_t i, int *d)
{
    if (i >= c->n || !c->w[i].digit || c->w[i].ndig > 2) return 0;
    const char *w = c->w[i].w;
    const char *suf = w + c->w[i].ndig;
    if (*suf && strcmp(suf, "st") && strcmp(suf, "nd") && strcmp(suf, "rd") &&
        strcmp(suf, "th"))
        return 0;
    long v = 0;
    for (const char *p = w; p < suf; p++) {
        if (*p < '0' || *p > '9') return 0;
        v = v * 10 + (*p - '0');
    }
    if (v < 1 || v > 31) return 0;
    *d = (int)v;
    return 1;
}

/* MONTH [.] [DAY] [,] [YEAR]. */
static int m_month_date(tctx *c, size_t i, tres *r)
{
    if (!is_month(c, i)) return 0;
    int m = c->w[i].val, d = 0, y = 0;
    size_t j = i + 1;
    if (pu(c, j, '.') && abbrev(c->w[i].w)) j++;
    if (day_word(c, j, &d) && !pu(c, j + 1, '%') && !pu(c, j + 1, ':')) {
        j++;
        size_t k = j;
        if (pu(c, k, ',')) k++;
        if (year_word(c, k, &y)) j = k + 1;
        if (!y) y = infer_year(c, i, m, d);
        if (d > days_in_month(y ? y : 2000, m)) return 0;
        if (y) set(r, j, DYAD_TIMEX_DATE, "%04d-%02d-%02d", y, m, d);
        else set(r, j, DYAD_TIMEX_DATE, "XXXX-%02d-%02d", m, d);
        return 1;
    }
    size_t k = j;
    if (pu(c, k, ',') || is(c, k, "of")) k++;
    if (year_word(c, k, &y)) {
        set(r, k + 1, DYAD_TIMEX_DATE, "%04d-%02d", y, m);
        return 1;
    }
    y = infer_year(c, i, m, 0);
    if (y) set(r, j, DYAD_TIMEX_DATE, "%04d-%02d", y, m);
    else set(r, j, DYAD_TIMEX_DATE, "XXXX-%02d", m);
    return 1;
}

/* A season: rel as for weekdays, y given (>0) or inferred. */
static void season(const tctx *c, size_t i, size_t end, int s, int rel, int y, tres *r)
{
    if (!y && c->has_dct) {
        int cur = c->dy;
        int start = season_start[s], endm = start + 2; /* winter: 12..14 */
        int dm = c->dm < 3 && s == 4 ? c->dm + 12 : c->dm;
        if (s == 4 && c->dm < 3) cur = c->dy - 1;   /* Jan/Feb belong to last winter */
        if (rel == 0) {
            int t = tense_in_sentence(c, i);
            rel = t < 0 && dm < start ? -1 : t > 0 && dm > endm ? 1 : 2;
        }
        if (rel == -1) y = dm > endm ? cur : cur - 1;
        else if (rel == 1) y = dm < start ? cur : cur + 1;
        else y = cur;
    }
    if (y) set(r, end, DYAD_TIMEX_DATE, "%04d-%s", y, season_code[s]);
    else set(r, end, DYAD_TIMEX_DATE, "XXXX-%s", season_code[s]);
}

/* UNITs after a count: words after i are "UNIT" (plural unless n == 1),
 * optionally hyphen-joined ("three-month"). */
static int unit_after(const tctx *c, size_t j, size_t *end, int *adj)
{
    *adj = 0;
    if (pu(c, j, '-') && j + 1 < c->n && c->w[j + 1].unit && c->w[j].s == c->w[j - 1].e) {
        *adj = 1;
        *end = j + 2;
        return c->w[j + 1].unit;
    }
    if (j < c->n && c->w[j].unit) { *end = j + 1; return c->w[j].unit; }
    return U_NONE;
}

/* Words that make "N years" something other than a span of time. */
static int not_time_after(const tctx *c, size_t j)
{
    if (is(c, j, "old") || is(c, j, "older") || is(c, j, "younger")) return 1;
    if (pu(c, j, '-') && (is(c, j + 1, "old") || is(c, j + 1, "olds"))) return 1;
    return 0;
}

/* COUNT UNIT [ago|later|earlier|before|after]; count n (-1 = X). */
static int m_count_unit(tctx *c, size_t j, long n, int half, tres *r)
{
    size_t e;
    int adj;
    int u = unit_after(c, j, &e, &adj);
    if (!u) return 0;
    if (not_time_after(c, e)) return 0;
    /* "three quarters" is mostly a fraction */
    if (u == U_QUARTER && (adj || n < 2 || is(c, e, "of"))) return 0;
    /* "half an hour" / "a year and a half" */
    if (!half && is(c, e, "and") && (is(c, e + 1, "a") || is(c, e + 1, "one")) &&
        is(c, e + 2, "half")) {
        half = 1;
        e += 3;
    }
    if (!adj && kind(c, e) == K_AGO && c->w[e].val != A_HENCE && n >= 0 &&
        !is(c, e + 1, "than")) {
        int v = c->w[e].val;
        /* "after"/"before" followed by a noun phrase are prepositions */
        if ((v == A_LATER && is(c, e, "after")) || (v == A_EARLIER && is(c, e, "before"))) {
            if (e + 1 < c->n && c->w[e + 1].alpha && !pu(c, e + 1, ',')) {
                duration(r, e, u, n, half);
                return 1;
            }
        }
        long sh = v == A_LATER ? n : -n;
        if (u == U_DECADE) { u = U_YEAR; sh *= 10; }
        if (u == U_CENTURY) { u = U_YEAR; sh *= 100; }
        shift(c, r, e + 1, u, sh);
        return 1;
    }
    if (!adj && is(c, e, "from") && is(c, e + 1, "now")) {
        shift(c, r, e + 2, u, n);
        return 1;
    }
    if (adj && pu(c, e, '-') && (is(c, e + 1, "earlier") || is(c, e + 1, "ago")) && n == 1) {
        shift(c, r, e + 2, u, -1);
        return 1;
    }
    duration(r, e, u, n, half);
    return 1;
}

/* Time of day: "3 p.m.", "10:30", "12:08 IST", "noon". Then optionally a
 * day it is on. */
static int m_clock(tctx *c, size_t i, tres *r)
{
    const tword *x = &c->w[i];
    int h = -1, mi = 0;
    size_t j = i + 1;
    if (x->kind == K_NOON) {
        h = x->val == 24 ? 0 : 12;
    } else if (x->digit) {
        const char *w = x->w;
        int hh = 0, mm = 0, k = 0;
        while (isdigit((unsigned char)w[k]) && k < 3) hh = hh * 10 + (w[k++] - '0');
        if (k == 0 || k > 2) return 0;
        int colon = 0;
        if (w[k] == ':' || (w[k] == '.' && isdigit((unsigned char)w[k + 1]) && isdigit((unsigned char)w[k + 2]) && !w[k + 3])) {
            if (!isdigit((unsigned char)w[k + 1]) || !isdigit((unsigned char)w[k + 2])) return 0;
            mm = (w[k + 1] - '0') * 10 + (w[k + 2] - '0');
            colon = 1;
            k += 3;
            if (w[k] == ':') return 0; /* "3:07:35" is a race time */
        }
        const char *suf = w + k;
        int ampm = 0;
        if (!strcmp(suf, "am") || !strcmp(suf, "pm")) ampm = suf[0];
        else if (*suf) return 0;
        if (!ampm && (is(c, j, "am") || is(c, j, "pm"))) { ampm = c->w[j].w[0]; j++; }
        if (!ampm && !colon) return 0;
        if (hh > 24 || mm > 59) return 0;
        if (ampm && (hh < 1 || hh > 12)) return 0;
        if (!ampm && !(kind(c, j) == K_TZ || is(c, j, "hours") || is(c, j, "hrs") ||
                       (i > 0 && (is(c, i - 1, "at") || is(c, i - 1, "by") || is(c, i - 1, "around")))))
            return 0;
        if (ampm == 'p' && hh < 12) hh += 12;
        if (ampm == 'a' && hh == 12) hh = 0;
        h = hh;
        mi = mm;
    } else {
        return 0;
    }
    int utc = 0;
    if (kind(c, j) == K_TZ && c->w[j].cap) {
        utc = is(c, j, "utc") || is(c, j, "gmt");
        j++;
    }
    if (pu(c, j, '(') && kind(c, j + 1) == K_TZ && pu(c, j + 2, ')')) j += 3;
    /* the day: "on Friday", "Friday", "yesterday", "today" */
    size_t k = j;
    if (pu(c, k, ',')) k++;
    if (is(c, k, "on")) k++;
    long z = c->dz;
    tres d;
    int have_day = 0;
    if (kind(c, k) == K_WDAY && c->w[k].cap && c->has_dct) {
        z = resolve_wday(c, k, c->w[k].val, 0);
        j = k + 1;
        have_day = 1;
    } else if (kind(c, k) == K_DAYREF && c->w[k].val != 2 && c->has_dct) {
        z = c->dz + c->w[k].val;
        j = k + 1;
        have_day = 1;
    } else if (m_month_date(c, k, &d) && strlen(d.val) == 10 && d.val[0] != 'X') {
        z = days_from_civil(atoi(d.val), atoi(d.val + 5), atoi(d.val + 8));
        j = d.end;
        have_day = 1;
    }
    (void)have_day;
    if (c->has_dct) {
        fmt_day(r, j, DYAD_TIMEX_TIME, z, "");
        size_t L = strlen(r->val);
        snprintf(r->val + L, sizeof r->val - L, "T%02d:%02d%s", h, mi, utc ? "Z" : "");
    } else {
        set(r, j, DYAD_TIMEX_TIME, "XXXX-XX-XXT%02d:%02d%s", h, mi, utc ? "Z" : "");
    }
    return 1;
}

/* Numeric dates: 2014-06-27, 2014/06/27, 06/27/2014, 27/06/2014, 6/27. */
static int m_numeric_date(tctx *c, size_t i, tres *r)
{
    const char *w = c->w[i].w;
    int a[3], na = 0;
    char sep = 0;
    const char *p = w;
    int lens[3];
    while (*p && na < 3) {
        if (!isdigit((unsigned char)*p)) return 0;
        int v = 0, L = 0;
        while (isdigit((unsigned char)*p)) { if (L < 5) v = v * 10 + (*p - '0'); p++; L++; }
        lens[na] = L;
        a[na++] = v;
        if (!*p) break;
        if (*p != '-' && *p != '/' && *p != '.') return 0;
        if (sep && *p != sep) return 0;
        sep = *p++;
    }
    if (*p || na < 2 || !sep) return 0;
    int y = 0, m = 0, d = 0;
    if (na == 3 && lens[0] == 4) { y = a[0]; m = a[1]; d = a[2]; }
    else if (na == 3 && (lens[2] == 4 || lens[2] == 2) && sep != '.') {
        y = lens[2] == 2 ? (a[2] < 50 ? 2000 + a[2] : 1900 + a[2]) : a[2];
        if (a[0] > 12) { d = a[0]; m = a[1]; } else { m = a[0]; d = a[1]; }
    } else if (na == 2 && lens[0] == 4 && sep == '-' && lens[1] == 2) {
        if (a[1] < 1 || a[1] > 12 || a[0] < 1900 || a[0] > 2099) return 0;
        set(r, i + 1, DYAD_TIMEX_DATE, "%04d-%02d", a[0], a[1]);
        return 1;
    } else {
        return 0;
    }
    if (y < 1000 || y > 2099 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return 0;
    set(r, i + 1, DYAD_TIMEX_DATE, "%04d-%02d-%02d", y, m, d);
    return 1;
}

static int allowed_after_year(const char *w)
{
    static const char *const ok[] = {"was", "is", "has", "as", "this", "its",
        "his", "us", "plus", "always", "yes", "less", "unless", "thus", "versus",
        "whereas", "across", "towards", "its", NULL};
    for (int k = 0; ok[k]; k++) if (strcmp(w, ok[k]) == 0) return 1;
    return 0;
}

/* A bare year "2010", a decade "1990s", a century "20th century". */
static int m_year(tctx *c, size_t i, tres *r)
{
    const tword *x = &c->w[i];
    if (!x->digit) return 0;
    /* decades: 1990s, 90s after an apostrophe */
    if (x->ndig == 4 && !strcmp(x->w + 4, "s") && x->num >= 1000 && x->num <= 2090 && x->num % 10 == 0) {
        set(r, i + 1, DYAD_TIMEX_DATE, "%03ld", x->num / 10);
        return 1;
    }
    if (x->ndig == 2 && !strcmp(x->w + 2, "s") && x->num % 10 == 0 && i > 0 && pu(c, i - 1, '\'')) {
        set(r, i + 1, DYAD_TIMEX_DATE, "%03ld", (x->num < 30 ? 200 : 190) + x->num / 10);
        return 1;
    }
    int y;
    if (!year_word(c, i, &y)) return 0;
    if (y < 1900 && !(i > 0 && (is(c, i - 1, "in") || is(c, i - 1, "since") ||
                                is(c, i - 1, "of") || is(c, i - 1, "until"))))
        return 0;
    if (i > 0) {
        const tword *p = &c->w[i - 1];
        if (p->punct == '$' || p->punct == '#' || p->punct == '~' || p->digit) return 0;
        static const char *const no[] = {"about", "around", "nearly", "some",
            "than", "least", "approximately", "almost", "only", "just", "no",
            "number", "route", "no", "flight", "page", "model", "boeing",
            "airbus", "a", "an", "top", "over", "under", NULL};
        for (int k = 0; no[k]; k++) if (strcmp(p->w, no[k]) == 0) return 0;
    }
    if (i + 1 < c->n) {
        const tword *q = &c->w[i + 1];
        if (q->punct == '%' || q->digit) return 0;
        if (q->alpha && !q->cap && !q->kind) {
            size_t L = strlen(q->w);
            if ((L > 2 && q->w[L - 1] == 's' && !allowed_after_year(q->w)) ||
                !strcmp(q->w, "percent") || !strcmp(q->w, "million") ||
                !strcmp(q->w, "billion") || !strcmp(q->w, "people"))
                return 0;
        }
    }
    c->last_y = y;
    set(r, i + 1, DYAD_TIMEX_DATE, "%04d", y);
    return 1;
}

/* ORD quarter/half [of YEAR | of the year | of this/last year] or ORD-quarter. */
static int m_quarter(tctx *c, size_t i, size_t start, tres *r)
{
    (void)start;
    int q = c->w[i].val;
    size_t j = i + 1;
    if (pu(c, j, '-') && glued(c, i)) j++;
    int half = is(c, j, "half");
    if (!is(c, j, "quarter") && !half) return 0;
    if (half ? q > 2 : q > 4) return 0;
    j++;
    int y = 0;
    if (is(c, j, "of") || pu(c, j, ',')) {
        if (year_word(c, j + 1, &y)) j += 2;
        else if (is(c, j + 1, "the") && is(c, j + 2, "year")) { y = c->dy; j += 3; }
        else if (kind(c, j + 1) == K_REL && is(c, j + 2, "year")) {
            int rv = c->w[j + 1].val;
            y = c->dy + (rv == R_LAST ? -1 : rv == R_NEXT ? 1 : 0);
            j += 3;
        }
    } else if (year_word(c, j, &y)) {
        j++;
    }
    if (!y && c->has_dct) {
        int cur = half ? (c->dm - 1) / 6 + 1 : (c->dm - 1) / 3 + 1;
        int t = tense_in_sentence(c, i);
        y = c->dy;
        if (q > cur && t <= 0) y--;
        else if (q >= cur && t < 0) y--;
    }
    if (y) set(r, j, DYAD_TIMEX_DATE, "%04d-%s%d", y, half ? "H" : "Q", q);
    else set(r, j, DYAD_TIMEX_DATE, "XXXX-%s%d", half ? "H" : "Q", q);
    return 1;
}

/* REL (this/last/next/past/coming/recent) + what follows. */
static int m_rel(tctx *c, size_t i, int with_the, tres *r)
{
    int rel = c->w[i].val;
    int sign = rel == R_THIS ? 0 : (rel == R_LAST || rel == R_PAST || rel == R_RECENT) ? -1 : 1;
    size_t j = i + 1;
    if (kind(c, j) == K_FISCAL) j++;
    size_t e;
    long n;
    /* counted: "the past two years", "next three months" */
    if ((n = number_at(c, j, &e)) > 0 && c->w[j].kind != K_ART) {
        int adj;
        size_t e2;
        int u = unit_after(c, e, &e2, &adj);
        if (u && !adj) { duration(r, e2, u, n, 0); return 1; }
        return 0;
    }
    if (kind(c, j) == K_FEW || (is(c, j, "a") && kind(c, j + 1) == K_FEW)) {
        size_t k = is(c, j, "a") ? j + 2 : j + 1;
        if (is(c, k, "of")) k++;
        if (k < c->n && c->w[k].unit && c->w[k].plural) {
            duration(r, k + 1, c->w[k].unit, -1, 0);
            return 1;
        }
        return 0;
    }
    if (j < c->n && c->w[j].unit) {
        int u = c->w[j].unit;
        if (c->w[j].plural) {
            if (rel == R_THIS) return 0;
            duration(r, j + 1, u, -1, 0);
            return 1;
        }
        if (rel == R_RECENT) return 0;
        if (with_the && (rel == R_COMING)) { duration(r, j + 1, u, 1, 0); return 1; }
        if (with_the && rel == R_NEXT && u >= U_YEAR) { duration(r, j + 1, u, 1, 0); return 1; }
        if (u <= U_HOUR) return 0;
        if (u == U_DAY) {
            if (rel == R_THIS) return 0;
            fmt_day(r, j + 1, DYAD_TIMEX_DATE, c->dz + sign, "");
            if (!c->has_dct) set(r, j + 1, DYAD_TIMEX_DATE, "XXXX-XX-XX");
            return 1;
        }
        shift(c, r, j + 1, u, sign);
        return 1;
    }
    if (with_the) return 0;
    if (is_month(c, j) || (kind(c, j) == K_MONTH && c->w[j].cap)) {
        int m = c->w[j].val;
        if (!c->has_dct) { set(r, j + 1, DYAD_TIMEX_DATE, "XXXX-%02d", m); return 1; }
        int y = c->dy;
        if (rel == R_LAST || rel == R_PAST) y = m < c->dm ? c->dy : c->dy - 1;
        else if (rel == R_NEXT || rel == R_COMING) y = m > c->dm ? c->dy : c->dy + 1;
        set(r, j + 1, DYAD_TIMEX_DATE, "%04d-%02d", y, m);
        return 1;
    }
    if (kind(c, j) == K_WDAY && c->w[j].cap) {
        if (!c->has_dct) { set(r, j + 1, DYAD_TIMEX_DATE, "XXXX-WXX-%d", c->w[j].val); return 1; }
        int wd = c->w[j].val;
        long z;
        if (rel == R_THIS) z = c->dz - weekday(c->dz) + (wd - 1);
        else z = resolve_wday(c, j, wd, sign < 0 ? -1 : 1);
        fmt_day(r, j + 1, DYAD_TIMEX_DATE, z, "");
        if (kind(c, j + 1) == K_POD) {
            r->type = DYAD_TIMEX_TIME;
            size_t L = strlen(r->val);
            snprintf(r->val + L, sizeof r->val - L, "T%s", pod_code[c->w[j + 1].val]);
            r->end = j + 2;
        }
        return 1;
    }
    if (kind(c, j) == K_SEASON) {
        season(c, j, j + 1, c->w[j].val, rel == R_THIS ? 2 : sign, 0, r);
        return 1;
    }
    if (kind(c, j) == K_POD && (rel == R_THIS || rel == R_LAST)) {
        int pod = c->w[j].val;
        long z = c->dz;
        if (rel == R_LAST) {
            if (pod != 4) return 0; /* "last night" only */
            z--;
        }
        if (c->has_dct) fmt_day(r, j + 1, DYAD_TIMEX_TIME, z, "");
        else set(r, j + 1, DYAD_TIMEX_TIME, "XXXX-XX-XX");
        size_t L = strlen(r->val);
        snprintf(r->val + L, sizeof r->val - L, "T%s", pod_code[pod]);
        return 1;
    }
    if (kind(c, j) == K_ORD && m_quarter(c, j, i, r)) {
        if (rel != R_THIS && c->has_dct) {
            /* "last year's third quarter" is handled by the year; "last
             * third quarter" is rare: leave the year inferred. */
        }
        return 1;
    }
    return 0;
}

/* Expressions that start with "the". */
static int m_the(tctx *c, size_t i, tres *r)
{
    size_t j = i + 1;
    if (j >= c->n) return 0;
    int k = c->w[j].kind;
    if (k == K_REL) return m_rel(c, j, 1, r);
    if (k == K_FISCAL && is(c, j + 1, "year")) {
        int y;
        if (year_word(c, j + 2, &y)) { set(r, j + 3, DYAD_TIMEX_DATE, "%04d", y); return 1; }
        duration(r, j + 2, U_YEAR, 1, 0);
        return 1;
    }
    if (is(c, j, "past") || is(c, j, "future") || is(c, j, "present")) {
        if (is(c, j + 1, "of") || (j + 1 < c->n && c->w[j + 1].alpha && !c->w[j + 1].kind &&
                                   !is(c, j + 1, "and") && !is(c, j + 1, "or") &&
                                   !is(c, j + 1, "is") && !is(c, j + 1, "was")))
            return 0;
        set(r, j + 1, DYAD_TIMEX_DATE, "%s", c->w[j].w[0] == 'p' ?
            (c->w[j].w[1] == 'a' ? "PAST_REF" : "PRESENT_REF") : "FUTURE_REF");
        return 1;
    }
    if (k == K_ORD) {
        /* the second week of July [2014] */
        if (is(c, j + 1, "week") && is(c, j + 2, "of") && is_month(c, j + 3)) {
            int m = c->w[j + 3].val, y = 0;
            size_t e = j + 4;
            if (year_word(c, e, &y)) e++;
            else y = infer_year(c, j + 3, m, 0);
            if (!y) { set(r, e, DYAD_TIMEX_DATE, "XXXX-%02d-WXX", m); return 1; }
            long z = days_from_civil(y, m, 1) + 7 * (c->w[j].val - 1);
            fmt_week(r, e, z, "");
            return 1;
        }
        if (m_quarter(c, j, i, r)) return 1;
        if (kind(c, j + 1) == K_CENTURY && c->w[j + 1].val == 1) {
            set(r, j + 2, DYAD_TIMEX_DATE, "%02d", c->w[j].val - 1);
            return 1;
        }
        /* the first nine months */
        size_t e;
        long n = number_at(c, j + 1, &e);
        if (n > 1 && e < c->n && c->w[e].unit && c->w[e].plural) {
            duration(r, e + 1, c->w[e].unit, n, 0);
            return 1;
        }
        return 0;
    }
    if (k == K_DECADE) {
        set(r, j + 1, DYAD_TIMEX_DATE, "19%d", c->w[j].val);
        return 1;
    }
    if (c->w[j].digit) {
        int d;
        /* the 1990s, the '90s, the 20th century */
        if (m_year(c, j, r) && strlen(r->val) == 3) return 1;
        if (pu(c, j, '\'') && m_year(c, j + 1, r) && strlen(r->val) == 3) return 1;
        if (day_word(c, j, &d) && kind(c, j + 1) == K_CENTURY && c->w[j + 1].val == 1) {
            set(r, j + 2, DYAD_TIMEX_DATE, "%02d", d - 1);
            return 1;
        }
        long n = c->w[j].num;
        if (n > 1 && c->w[j].w[c->w[j].ndig] == 0 && j + 1 < c->n && c->w[j + 1].unit &&
            c->w[j + 1].plural && !not_time_after(c, j + 2)) {
            duration(r, j + 2, c->w[j + 1].unit, n, 0);
            return 1;
        }
        return 0;
    }
    if (pu(c, j, '\'') && j + 1 < c->n && m_year(c, j + 1, r) && strlen(r->val) == 3) return 1;
    if (k == K_NUM) {
        size_t e;
        long n = number_at(c, j, &e);
        if (n > 1 && e < c->n && c->w[e].unit && c->w[e].plural && !not_time_after(c, e + 1)) {
            duration(r, e + 1, c->w[e].unit, n, 0);
            return 1;
        }
        return 0;
    }
    if (is(c, j, "year") && !pu(c, j + 1, '-') && !is(c, j + 1, "before") &&
        !is(c, j + 1, "after") && !is(c, j + 1, "earlier") && !is(c, j + 1, "ago")) {
        shift(c, r, j + 1, U_YEAR, 0);
        return 1;
    }
    if (is(c, j, "quarter") && !pu(c, j + 1, '-')) {
        /* in results news "the quarter" is the one just reported */
        shift(c, r, j + 1, U_QUARTER, -1);
        return 1;
    }
    if (is(c, j, "weekend")) {
        int t = tense_in_sentence(c, j);
        shift(c, r, j + 1, U_WEEKEND, t < 0 && weekday(c->dz) < 5 ? -1 : 0);
        return 1;
    }
    if (k == K_SEASON && (is(c, j + 1, "of") && year_word(c, j + 2, &(int){0}))) {
        int y;
        year_word(c, j + 2, &y);
        season(c, j, j + 3, c->w[j].val, 0, y, r);
        return 1;
    }
    if (is_month(c, j)) return 0;
    return 0;
}

/* Try every rule at word i. */
static int match_core(tctx *c, size_t i, tres *r)
{
    tword *x = &c->w[i];
    switch (x->kind) {
    case K_THE: return m_the(c, i, r);
    case K_REL: return m_rel(c, i, 0, r);
    case K_MONTH: return m_month_date(c, i, r);
    case K_WDAY: return m_wday(c, i, 0, i, r);
    case K_DAYREF: {
        int v = x->val;
        size_t j = i + 1;
        if (v == 2) { /* tonight */
            shift(c, r, j, U_DAY, 0);
            r->type = DYAD_TIMEX_TIME;
            strncat(r->val, "TNI", sizeof r->val - strlen(r->val) - 1);
            return 1;
        }
        if (i + 1 < c->n && c->w[i + 1].punct == '\'' && is(c, i + 2, "s") &&
            !c->has_dct) return 0;
        shift(c, r, j, U_DAY, v);
        if (kind(c, j) == K_POD) {
            r->type = DYAD_TIMEX_TIME;
            size_t L = strlen(r->val);
            snprintf(r->val + L, sizeof r->val - L, "T%s", pod_code[c->w[j].val]);
            r->end = j + 1;
        }
        return 1;
    }
    case K_REF: {
        if (is(c, i, "now") && (is(c, i + 1, "that") || (i > 0 && is(c, i - 1, "from")) ||
                                is(c, i + 1, "-")))
            return 0;
        const char *v = x->val == 'N' ? "PRESENT_REF" : x->val == 'P' ? "PAST_REF" : "FUTURE_REF";
        set(r, i + 1, DYAD_TIMEX_DATE, "%s", v);
        return 1;
    }
    case K_SETADJ: {
        if (x->cap && i > 0 && c->w[i - 1].cap) return 0; /* "China Daily" */
        const char *v = x->val == 'Y' ? "P1Y" : x->val == 'M' ? "P1M" :
                        x->val == 'W' ? "P1W" : x->val == 'D' ? "P1D" :
                        x->val == 'Q' ? "P3M" : "PT1H";
        set(r, i + 1, DYAD_TIMEX_SET, "%s", v);
        return 1;
    }
    case K_EVERY: {
        size_t j = i + 1;
        long n = 1;
        if (is(c, j, "other")) { n = 2; j++; }
        size_t e;
        long k = number_at(c, j, &e);
        if (k > 1 && e < c->n && c->w[e].unit) { n = k; j = e; }
        if (j < c->n && c->w[j].unit) {
            duration(r, j + 1, c->w[j].unit, n, 0);
            r->type = DYAD_TIMEX_SET;
            return 1;
        }
        if (kind(c, j) == K_WDAY && c->w[j].cap) {
            set(r, j + 1, DYAD_TIMEX_SET, "XXXX-WXX-%d", c->w[j].val);
            return 1;
        }
        if (kind(c, j) == K_POD) {
            set(r, j + 1, DYAD_TIMEX_SET, "XXXX-XX-XXT%s", pod_code[c->w[j].val]);
            return 1;
        }
        if (is_month(c, j)) {
            set(r, j + 1, DYAD_TIMEX_SET, "XXXX-%02d", c->w[j].val);
            return 1;
        }
        return 0;
    }
    case K_NOON:
        return m_clock(c, i, r);
    case K_ART: {
        size_t j = i + 1;
        if (kind(c, j) == K_FEW || is(c, j, "couple")) {
            long n = is(c, j, "couple") ? 2 : -1;
            size_t k = j + 1;
            if (is(c, k, "of")) k++;
            if (k < c->n && c->w[k].unit && c->w[k].plural && !not_time_after(c, k + 1)) {
                if (kind(c, k + 1) == K_AGO && c->has_dct && n < 0) {
                    set(r, k + 2, DYAD_TIMEX_DATE, "PAST_REF");
                    if (c->w[k + 1].val != A_AGO) return 0;
                    return 1;
                }
                return m_count_unit(c, k, n, 0, r);
            }
            return 0;
        }
        if (is(c, j, "half")) return 0;
        if (j < c->n && c->w[j].unit && !c->w[j].plural && c->w[j].unit != U_QUARTER) {
            /* "a year earlier", "a year ago", "a month" — but not "twice a
             * year" or "$5 a day" (rates) */
            if (i > 0 && (is(c, i - 1, "times") || is(c, i - 1, "twice") ||
                          is(c, i - 1, "once") || c->w[i - 1].digit)) return 0;
            if (pu(c, j + 1, '-') && !is(c, j + 2, "earlier") && !is(c, j + 2, "ago") &&
                !is(c, j + 2, "long"))
                return 0; /* "a year-end bonus" */
            return m_count_unit(c, j, 1, 0, r);
        }
        return 0;
    }
    case K_HALF:
        if ((is(c, i + 1, "an") || is(c, i + 1, "a")) && is(c, i + 2, "hour")) {
            set(r, i + 3, DYAD_TIMEX_DURATION, "PT30M");
            return 1;
        }
        if ((is(c, i + 1, "a") || is(c, i + 1, "an")) && i + 2 < c->n && c->w[i + 2].unit) {
            duration(r, i + 3, c->w[i + 2].unit, 0, 1);
            return 1;
        }
        return 0;
    case K_FEW: {
        size_t k = i + 1;
        if (is(c, k, "of")) return 0;
        if (k < c->n && c->w[k].unit && c->w[k].plural && !not_time_after(c, k + 1))
            return m_count_unit(c, k, -1, 0, r);
        return 0;
    }
    case K_SEASON: {
        int y;
        size_t j = i + 1;
        if (year_word(c, j, &y) || ((is(c, j, "of") || pu(c, j, ',')) && year_word(c, j + 1, &y))) {
            season(c, i, is(c, j, "of") || pu(c, j, ',') ? j + 2 : j + 1, x->val, 0, y, r);
            return 1;
        }
        if (i > 0 && (is(c, i - 1, "in") || is(c, i - 1, "this") || is(c, i - 1, "during") ||
                      is(c, i - 1, "until") || is(c, i - 1, "by") || is(c, i - 1, "since") ||
                      is(c, i - 1, "early") || is(c, i - 1, "late")) &&
            !(j < c->n && c->w[j].alpha && !c->w[j].kind && !is(c, j, "and") && !is(c, j, "when"))) {
            season(c, i, j, x->val, 0, 0, r);
            return 1;
        }
        return 0;
    }
    case K_HOLIDAY: {
        if (!x->cap) return 0;
        int m = x->val / 100, d = x->val % 100;
        size_t j = i + 1;
        if (is(c, j, "day") || is(c, j, "eve")) {
            if (is(c, j, "eve")) d--;
            j++;
        }
        int y;
        if (year_word(c, j, &y)) j++;
        else y = infer_year(c, i, m, d);
        if (y) set(r, j, DYAD_TIMEX_DATE, "%04d-%02d-%02d", y, m, d);
        else set(r, j, DYAD_TIMEX_DATE, "XXXX-%02d-%02d", m, d);
        return 1;
    }
    case K_FISCAL: {
        int y;
        size_t j = i + 1;
        if (is(c, j, "year")) j++;
        if (year_word(c, j, &y)) { set(r, j + 1, DYAD_TIMEX_DATE, "%04d", y); return 1; }
        return 0;
    }
    case K_ORD:
        if (glued(c, i) && pu(c, i + 1, '-')) return m_quarter(c, i, i, r);
        return 0;
    case K_NUM: {
        size_t e;
        long n = number_at(c, i, &e);
        if (n <= 0) return 0;
        if (e < c->n && c->w[e].unit) return m_count_unit(c, e, n, 0, r);
        if (pu(c, e, '-') && e + 1 < c->n && c->w[e + 1].unit) return m_count_unit(c, e, n, 0, r);
        return 0;
    }
    default:
        break;
    }
    if (x->unit == U_YEAR && !x->plural && pu(c, i + 1, '-') && glued(c, i) &&
        (is(c, i + 2, "earlier") || is(c, i + 2, "ago"))) {
        shift(c, r, i + 3, U_YEAR, -1);
        return 1;
    }
    if (x->unit && x->plural && i > 0 && x->unit != U_QUARTER &&
        (is(c, i - 1, "for") || is(c, i - 1, "within") || is(c, i - 1, "over") ||
         (is(c, i - 1, "in") && !(i + 1 < c->n && c->w[i + 1].alpha && !c->w[i + 1].kind)))) {
        duration(r, i + 1, x->unit, -1, 0);
        return 1;
    }
    if (x->digit) {
        if (m_numeric_date(c, i, r)) return 1;
        if (m_clock(c, i, r)) return 1;
        int d;
        /* 27 June 2014, 10th of July */
        if (day_word(c, i, &d)) {
            size_t j = i + 1;
            if (is(c, j, "of")) j++;
            if (is_month(c, j)) {
                int m = c->w[j].val, y = 0;
                size_t e = j + 1;
                if (pu(c, e, '.') && abbrev(c->w[j].w)) e++;
                size_t k = e;
                if (pu(c, k, ',')) k++;
                if (year_word(c, k, &y)) e = k + 1;
                else y = infer_year(c, i, m, d);
                if (y && d > days_in_month(y, m)) return 0;
                if (y) set(r, e, DYAD_TIMEX_DATE, "%04d-%02d-%02d", y, m, d);
                else set(r, e, DYAD_TIMEX_DATE, "XXXX-%02d-%02d", m, d);
                return 1;
            }
            if (kind(c, j) == K_CENTURY && c->w[j].val == 1 && strlen(x->w) > x->ndig) {
                set(r, j + 1, DYAD_TIMEX_DATE, "%02d", d - 1);
                return 1;
            }
        }
        if (m_year(c, i, r)) return 1;
        if (x->num > 0 && x->w[x->ndig] == 0) {
            size_t e = i + 1;
            if (e < c->n && (c->w[e].unit || (pu(c, e, '-') && e + 1 < c->n && c->w[e + 1].unit)))
                return m_count_unit(c, e, x->num, 0, r);
        }
    }
    return 0;
}

/* Prefixes that belong to the expression: approximators before a
 * duration ("almost seven years"), modifiers before a date ("early this
 * year", "the end of 2013", "mid-June"). */
static int match_at(tctx *c, size_t i, tres *r)
{
    tword *x = &c->w[i];
    if (x->kind == K_APPROX || is(c, i, "more") || is(c, i, "less") ||
        (is(c, i, "at") && is(c, i + 1, "least")) || (is(c, i, "up") && is(c, i + 1, "to")) ||
        (is(c, i, "a") && is(c, i + 1, "mere"))) {
        size_t j = i + 1;
        if (is(c, i, "more") || is(c, i, "less")) {
            if (!is(c, j, "than")) return 0;
            j++;
        } else if (is(c, i, "over") || is(c, i, "under")) {
            if (!(j < c->n && (c->w[j].digit || c->w[j].kind == K_NUM || c->w[j].kind == K_ART)))
                return 0;
        } else if (is(c, i, "at") || is(c, i, "up") || is(c, i, "a")) {
            j++;
        }
        if (j < c->n && match_core(c, j, r) && r->type == DYAD_TIMEX_DURATION) return 1;
        return 0;
    }
    if (x->kind == K_MOD || is(c, i, "the") || is(c, i, "end")) {
        size_t j = i;
        if (is(c, j, "the") && kind(c, j + 1) == K_MOD) j++;
        if (kind(c, j) == K_MOD) {
            const char *w = c->w[j].w;
            int ofword = !strcmp(w, "end") || !strcmp(w, "beginning") ||
                         !strcmp(w, "start") || !strcmp(w, "middle");
            j++;
            if (ofword) {
                if (!is(c, j, "of")) return 0;
                j++;
                /* "the end of year" */
                if (j < c->n && c->w[j].unit && !c->w[j].plural && c->w[j].unit >= U_WEEK) {
                    shift(c, r, j + 1, c->w[j].unit, 0);
                    return 1;
                }
            } else if (pu(c, j, '-')) {
                j++;
            }
            if (j < c->n && match_core(c, j, r) &&
                (r->type == DYAD_TIMEX_DATE || r->type == DYAD_TIMEX_TIME))
                return 1;
            if (j != i + 1 && is(c, i, "the")) return 0;
            return 0;
        }
    }
    if (x->kind == K_AGO && x->val == A_EARLIER && is(c, i, "earlier") && kind(c, i + 1) == K_REL &&
        c->w[i + 1].val == R_THIS) {
        if (match_core(c, i + 1, r) && r->type == DYAD_TIMEX_DATE) return 1;
        return 0;
    }
    if (x->kind == K_AGO && x->val == A_LATER && is(c, i, "later") && kind(c, i + 1) == K_REL &&
        c->w[i + 1].val == R_THIS) {
        if (match_core(c, i + 1, r) && r->type == DYAD_TIMEX_DATE) return 1;
        return 0;
    }
    return match_core(c, i, r);
}

static int parse_dct(const char *s, tctx *c)
{
    c->has_dct = 0;
    c->dhour = -1;
    if (!s) return 0;
    while (*s == ' ') s++;
    int y = 0, m = 1, d = 1, k = 0;
    while (k < 4 && isdigit((unsigned char)s[k])) y = y * 10 + (s[k++] - '0');
    if (k != 4) return 0;
    const char *p = s + 4;
    if (*p == '-') p++;
    if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1])) {
        m = (p[0] - '0') * 10 + (p[1] - '0');
        p += 2;
        if (*p == '-') p++;
        if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1])) {
            d = (p[0] - '0') * 10 + (p[1] - '0');
            p += 2;
        }
    }
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return 0;
    if (*p == 'T' && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]))
        c->dhour = (p[1] - '0') * 10 + (p[2] - '0');
    c->has_dct = 1;
    c->dy = y;
    c->dm = m;
    c->dd = d;
    c->dz = days_from_civil(y, m, d);
    c->last_y = y;
    return 1;
}

dyad_status dyad_timex_find(dyad_doc *doc, const char *dct, dyad_error *err)
{
    (void)err;
    pthread_once(&lex_once, lex_sort);
    doc->timexes = NULL;
    doc->ntimexes = 0;
    if (!doc->text || !doc->text_len) return DYAD_OK;
    tctx c = {0};
    c.text = doc->text;
    if (!parse_dct(dct, &c) && !parse_dct(doc->date, &c)) parse_dct(doc->given_date, &c);
    c.w = lex_text(doc->arena, doc->text, doc->text_len, &c.n);
    size_t cap = 0, n = 0, sent = 0;
    dyad_timex *out = NULL;
    for (size_t i = 0; i < c.n;) {
        tword *x = &c.w[i];
        tres r;
        if (!(x->kind || x->digit || x->unit) || !match_at(&c, i, &r) || r.end <= i) {
            i++;
            continue;
        }
        /* a trailing period of an abbreviation ("Jan.") belongs to the
         * word only inside the match; a sentence period is left out */
        uint32_t s = x->s, e = c.w[r.end - 1].e;
        if (c.w[r.end - 1].punct == '.' || c.w[r.end - 1].punct == ',') {
            if (r.end - 1 > i && c.w[r.end - 1].punct == ',') e = c.w[r.end - 2].e;
        }
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            out = dyad_grow(doc->arena, out, n, nc, sizeof *out);
            cap = nc;
        }
        while (sent + 1 < doc->nsentences && doc->sentences[sent + 1].start <= s) sent++;
        dyad_timex *t = &out[n++];
        t->start = s;
        t->end = e;
        t->text = dyad_strndup(doc->arena, doc->text + s, e - s);
        t->type = (uint8_t)r.type;
        t->value = dyad_strdup(doc->arena, r.val);
        t->sent = (uint32_t)sent;
        i = r.end;
    }
    doc->timexes = out;
    doc->ntimexes = n;
    return DYAD_OK;
}
