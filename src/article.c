/* article.c — the article stage: a document as read (scraped plain text,
 * a JSON Lines record, or HTML via html.c) → title, subtitle, date,
 * dateline, source, byline, tags, the body text, and every span of page
 * chrome dropped with the reason.
 *
 * Plain text is judged line by line, by what chrome looks like rather than
 * by any site's strings: short lines without sentence punctuation, date,
 * credit, tag and update patterns, blocks of widget lines, their position
 * (before the title, in the header, after the last sentence) and
 * repetition. Every non-blank byte of raw ends up in exactly one of title,
 * subtitle, text or removed, so nothing disappears silently. */
#include "article.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <xxhash.h>

/* ------------------------------------------------------------------ */
/* Looks of a line                                                    */
/* ------------------------------------------------------------------ */

static int is_alpha(unsigned char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_sp(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

/* Length of a Unicode space (NBSP, thin spaces, zero-width, BOM,
 * ideographic) at s, or 0. */
static size_t uspace(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0) return 2;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && ((u[2] >= 0x80 && u[2] <= 0x8B) || u[2] == 0xAF))
        return 3;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F) return 3;
    if (n >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) return 3;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) return 3;
    return 0;
}

/* A bullet at the start of a line ("•", "*", "-", "·", "▪", "►", "»"). */
static size_t bullet(const char *s, size_t n)
{
    static const char *const b[] = {"\xE2\x80\xA2", "\xC2\xB7", "\xE2\x96\xAA", "\xE2\x96\xBA",
                                    "\xC2\xBB", "\xE2\x80\xBA", "\xE2\x97\x8F", "\xE2\x96\xA0"};
    if (n >= 2 && (s[0] == '*' || s[0] == '-' || s[0] == '>') && s[1] == ' ') return 2;
    for (size_t k = 0; k < sizeof b / sizeof *b; k++) {
        size_t l = strlen(b[k]);
        if (n >= l && memcmp(s, b[k], l) == 0) {
            while (l < n && is_sp((unsigned char)s[l])) l++;
            return l;
        }
    }
    return 0;
}

/* Ends like a sentence: . ! ? … or : (before closing quotes/brackets). */
static int ends_sentence(const char *s, size_t n)
{
    while (n) {
        unsigned char c = (unsigned char)s[n - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']') { n--; continue; }
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
            (c == 0x9D || c == 0x99)) { n -= 3; continue; }
        if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && c == 0xBB) { n -= 2; continue; }
        break;
    }
    if (!n) return 0;
    char c = s[n - 1];
    if (c == '.' || c == '!' || c == '?' || c == ':') return 1;
    return n >= 3 && memcmp(s + n - 3, "\xE2\x80\xA6", 3) == 0;
}

/* Words (runs of non-space), counted up to WORDS_MAX: every rule here
 * only asks whether a line is short, and long paragraphs are common. */
#define WORDS_MAX 64
static size_t count_words(const char *s, size_t n)
{
    size_t w = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v';
        if (!sp && !in && ++w > WORDS_MAX) break;
        in = !sp;
    }
    return w;
}

/* Case-insensitive: does s[0,n) start with word-phrase p (ending at a
 * non-letter)? */
static int starts_phrase(const char *s, size_t n, const char *p)
{
    size_t l = strlen(p);
    return n >= l && strncasecmp(s, p, l) == 0 && (n == l || !is_alpha((unsigned char)s[l]));
}

static int contains_ci(const char *s, size_t n, const char *p)
{
    size_t l = strlen(p);
    if (l > n) return 0;
    /* p is lower case: jump between places where its first letter is */
    char lo = p[0], up = (char)(lo >= 'a' && lo <= 'z' ? lo - 32 : lo);
    for (size_t i = 0; i + l <= n; i++) {
        if (s[i] != lo && s[i] != up) continue;
        if (strncasecmp(s + i, p, l) == 0 &&
            (i == 0 || !is_alpha((unsigned char)s[i - 1])) &&
            (i + l == n || !(is_alpha((unsigned char)s[i + l]) || is_digit((unsigned char)s[i + l]) ||
                             s[i + l] == '_')))
            return 1;
    }
    return 0;
}

static int contains(const char *s, size_t n, const char *p)
{
    size_t l = strlen(p);
    for (size_t i = 0; i + l <= n; i++)
        if (memcmp(s + i, p, l) == 0) return 1;
    return 0;
}

/* Strip a bullet and trailing ":", "»", "›", ">" for matching. */
static void core(const char **s, size_t *n)
{
    size_t b = bullet(*s, *n);
    *s += b; *n -= b;
    while (*n && (strchr(":>|", (*s)[*n - 1]) || is_sp((unsigned char)(*s)[*n - 1]))) (*n)--;
    if (*n >= 2 && (unsigned char)(*s)[*n - 2] == 0xC2 && (unsigned char)(*s)[*n - 1] == 0xBB) *n -= 2;
    if (*n >= 3 && memcmp(*s + *n - 3, "\xE2\x80\xBA", 3) == 0) *n -= 3;
    while (*n && is_sp((unsigned char)(*s)[*n - 1])) (*n)--;
}

/* Words that page furniture is made of. A short line that is one of these
 * (or starts with one and a colon) is a button, a menu or a banner. */
typedef struct { const char *p; const char *reason; } ui_word;
static const ui_word ui_words[] = {
    {"advertisement", "advertisement"}, {"advertising", "advertisement"},
    {"sponsored", "advertisement"}, {"sponsored content", "advertisement"},
    {"ad", "advertisement"}, {"story continues below advertisement", "advertisement"},
    {"share", "social buttons"}, {"share this", "social buttons"},
    {"share this article", "social buttons"}, {"share this story", "social buttons"},
    {"share on facebook", "social buttons"}, {"share on twitter", "social buttons"},
    {"tweet", "social buttons"}, {"email", "social buttons"}, {"print", "social buttons"},
    {"facebook", "social buttons"}, {"twitter", "social buttons"}, {"whatsapp", "social buttons"},
    {"linkedin", "social buttons"}, {"pinterest", "social buttons"}, {"reddit", "social buttons"},
    {"copy link", "social buttons"}, {"comments", "social buttons"}, {"comment", "social buttons"},
    {"leave a comment", "social buttons"}, {"show comments", "social buttons"},
    {"follow us", "social buttons"}, {"follow us on", "social buttons"},
    {"subscribe", "subscription banner"}, {"subscribe now", "subscription banner"},
    {"sign up", "subscription banner"}, {"sign in", "subscription banner"},
    {"log in", "subscription banner"}, {"login", "subscription banner"},
    {"register", "subscription banner"}, {"newsletter", "subscription banner"},
    {"get our newsletter", "subscription banner"},
    {"read more", "related link"}, {"read next", "related link"}, {"related", "related link"},
    {"related articles", "related link"}, {"related stories", "related link"},
    {"related news", "related link"}, {"related coverage", "related link"},
    {"more from", "related link"}, {"more on this story", "related link"},
    {"also read", "related link"}, {"see also", "related link"},
    {"recommended", "related link"}, {"you may also like", "related link"},
    {"most read", "related link"}, {"most popular", "related link"},
    {"trending", "related link"}, {"trending now", "related link"},
    {"top stories", "related link"}, {"latest news", "related link"},
    {"editor's picks", "related link"}, {"don't miss", "related link"},
    {"click here", "navigation"}, {"skip to content", "navigation"},
    {"skip to main content", "navigation"}, {"menu", "navigation"}, {"home", "navigation"},
    {"back to top", "navigation"}, {"next article", "navigation"},
    {"previous article", "navigation"}, {"search", "navigation"}, {"close", "navigation"},
    {"loading", "navigation"}, {"watch", "navigation"}, {"listen", "navigation"},
    {"video", "navigation"}, {"photos", "navigation"}, {"gallery", "navigation"},
    {"privacy policy", "navigation"}, {"terms of use", "navigation"},
    {"cookie policy", "navigation"}, {"accept cookies", "navigation"},
    {"all rights reserved", "copyright"}, {"copyright", "copyright"},
};

/* First words (≤ 3 words on the line) that name a weather widget's rows. */
static const char *const weather_words[] = {
    "humidity", "wind", "winds", "temperature", "forecast", "sunrise", "sunset",
    "precipitation", "feels like", "uv index", "air quality", "aqi", "pressure",
    "visibility", "dew point", "rain", "high", "low"};

static int is_weather(const char *s, size_t n, size_t words)
{
    if (contains(s, n, "\xC2\xB0") && words <= 6) return 1;   /* ° */
    if (words > 3) return 0;
    for (size_t k = 0; k < sizeof weather_words / sizeof *weather_words; k++)
        if (starts_phrase(s, n, weather_words[k])) {
            /* "High" and "Low" only with a number: "High 31" */
            if (k >= sizeof weather_words / sizeof *weather_words - 2) {
                for (size_t i = 0; i < n; i++) if (is_digit((unsigned char)s[i])) return 1;
                return 0;
            }
            return 1;
        }
    return 0;
}

static int is_photo_credit(const char *s, size_t n, size_t words)
{
    if (words > 9 || n > 90 || (ends_sentence(s, n) && s[n - 1] != ')')) return 0;
    static const char *const kw[] = {"photo", "photos", "photograph", "photographer", "image",
                                     "images", "picture", "pic", "credit", "credits",
                                     "getty", "istock", "istockphoto", "shutterstock",
                                     "alamy", "file photo", "ap photo", "courtesy"};
    for (size_t k = 0; k < sizeof kw / sizeof *kw; k++)
        if (contains_ci(s, n, kw[k])) return 1;
    /* "Agency / Outlet", "Reuters/Kim Kyung-Hoon": capitalised names
     * around a slash, no lowercase function words */
    const char *sl = memchr(s, '/', n);
    if (sl && words <= 6 && !contains(s, n, "://") && sl > s && sl + 1 < s + n) {
        for (size_t i = 0; i < n; i++)
            if (is_digit((unsigned char)s[i])) return 0;   /* a date, a fraction */
        size_t lower_words = 0;
        int in = 0;
        for (size_t i = 0; i < n; i++) {
            if (is_sp((unsigned char)s[i])) { in = 0; continue; }
            if (!in && is_lower((unsigned char)s[i])) lower_words++;
            in = 1;
        }
        return lower_words == 0 && is_upper((unsigned char)s[0]);
    }
    return 0;
}

/* Separator of a tag list at s[i]: its length, or 0. */
static size_t tag_sep(const char *s, size_t n, size_t i)
{
    if (s[i] == ',' || s[i] == '|' || s[i] == ';') return 1;
    if (i + 2 <= n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xB7) return 2;
    if (i + 3 <= n && memcmp(s + i, "\xE2\x80\xA2", 3) == 0) return 3;
    return 0;
}

static const char *const tag_labels[] = {"tags", "tagged", "topics", "keywords", "filed under",
                                         "related topics", "more on", "categories", "topic"};

/* The label of a tag list ("Tags:"): bytes to skip, or 0. */
static size_t tag_label(const char *s, size_t n)
{
    for (size_t k = 0; k < sizeof tag_labels / sizeof *tag_labels; k++) {
        size_t l = strlen(tag_labels[k]);
        if (n > l && strncasecmp(s, tag_labels[k], l) == 0 && (s[l] == ':' || (s[l] == ' ' && k == 1))) {
            l++;
            while (l < n && is_sp((unsigned char)s[l])) l++;
            return l;
        }
    }
    return 0;
}

/* A line of short items between separators: "Cyber security,hacking,US". */
static int is_tag_list(const char *s, size_t n)
{
    size_t lab = tag_label(s, n);
    if (lab) return 1;
    if (ends_sentence(s, n) || contains(s, n, "://") || s[0] == '[' || s[0] == '(') return 0;
    size_t items = 0, spaced = 0, tight = 0, i = 0, maxw = 0;
    while (i <= n) {
        size_t j = i, sl = 0;
        while (j < n && !(sl = tag_sep(s, n, j))) j++;
        size_t a = i, b = j;
        while (a < b && is_sp((unsigned char)s[a])) a++;
        while (b > a && is_sp((unsigned char)s[b - 1])) b--;
        if (a == b) return 0;
        size_t w = count_words(s + a, b - a);
        if (w > maxw) maxw = w;
        if (b - a > 40 || starts_phrase(s + a, b - a, "and") || starts_phrase(s + a, b - a, "or"))
            return 0;
        items++;
        if (j >= n) break;
        if (j + sl < n && is_sp((unsigned char)s[j + sl])) spaced++; else tight++;
        i = j + sl;
    }
    if (items < 3) return 0;
    /* "A, B, C" with spaces reads like a list in a sentence or a headline;
     * only very short items then */
    return tight ? maxw <= 4 : maxw <= 3 && items >= 4;
}

static const char *chrome_line(const char *s, size_t n, size_t words);

const char *dyad_chrome_line(const char *s, size_t n)
{
    while (n && is_sp((unsigned char)*s)) { s++; n--; }
    while (n && is_sp((unsigned char)s[n - 1])) n--;
    if (!n) return NULL;
    return chrome_line(s, n, count_words(s, n));
}

/* s trimmed, words counted. */
static const char *chrome_line(const char *s, size_t n, size_t words)
{
    if (words > 20) {
        /* a paragraph of prose: only a link line can be that long */
        if (starts_phrase(s, n, "read more") || starts_phrase(s, n, "also read") ||
            starts_phrase(s, n, "related:") || starts_phrase(s, n, "see also"))
            return s[n - 1] != '.' ? "related link" : NULL;
        return NULL;
    }
    const char *c = s;
    size_t cn = n;
    core(&c, &cn);
    if (cn == 0) return "navigation";
    size_t cw = cn == n ? words : count_words(c, cn);
    if (is_weather(c, cn, cw)) return "weather widget";
    if ((n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA9) ||
        (memmem(s, n, "eserved", 7) && contains_ci(s, n, "all rights reserved")) ||
        (starts_phrase(s, n, "copyright") && words <= 12))
        return "copyright";
    if (is_photo_credit(s, n, words)) return "photo credit";
    if (words <= 12 && is_tag_list(s, n)) {
        /* "Print | Email | Share": buttons in a row, not topics */
        const char *why = NULL;
        size_t i = 0;
        while (i < n) {
            size_t j = i, sl = 0;
            while (j < n && !(sl = tag_sep(s, n, j))) j++;
            size_t a = i, b = j;
            while (a < b && is_sp((unsigned char)s[a])) a++;
            while (b > a && is_sp((unsigned char)s[b - 1])) b--;
            const char *r = NULL;
            for (size_t k = 0; k < sizeof ui_words / sizeof *ui_words && !r; k++)
                if (b - a == strlen(ui_words[k].p) && strncasecmp(s + a, ui_words[k].p, b - a) == 0)
                    r = ui_words[k].reason;
            if (!r) { why = NULL; break; }
            if (!why) why = r;
            i = j + (sl ? sl : 1);
        }
        return why ? why : "tag list";
    }
    if (cw <= 6) {
        for (size_t k = 0; k < sizeof ui_words / sizeof *ui_words; k++) {
            size_t l = strlen(ui_words[k].p);
            if (cn == l && strncasecmp(c, ui_words[k].p, l) == 0) return ui_words[k].reason;
            /* "Read more: …", "Related: …", "Follow us on Twitter" */
            if (cn > l && strncasecmp(c, ui_words[k].p, l) == 0 &&
                ((c[l] == ':' && (!strcmp(ui_words[k].reason, "related link") ||
                                  !strcmp(ui_words[k].reason, "advertisement"))) ||
                 (cw <= 4 && c[l] == ' ' && !ends_sentence(c, cn) &&
                                 strcmp(ui_words[k].reason, "navigation") != 0 &&
                                 strcmp(ui_words[k].p, "ad") != 0 &&
                                 strcmp(ui_words[k].p, "register") != 0)))
                return ui_words[k].reason;
        }
    }
    if (cn < n && cw <= 12 && starts_phrase(c, cn, "read more")) return "related link";
    if (starts_phrase(s, n, "read more") || starts_phrase(s, n, "also read") ||
        starts_phrase(s, n, "related:") || starts_phrase(s, n, "see also"))
        if (s[n - 1] != '.' || words <= 14) return "related link";
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Date lines, bylines, datelines                                      */
/* ------------------------------------------------------------------ */

enum { D_NONE, D_PUB, D_UPD, D_BARE };

/* A line that is a date (with its label): "First Published: Jun 27, 2014
 * 12:08 IST", "world Updated: …", "Oct 21, 2018-Sunday". */
static int date_line(const char *s, size_t n, dyad_date *dt)
{
    if (n > 120 || !dyad_date_find(s, n, dt)) return D_NONE;
    int kind = D_BARE;
    size_t other = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && (is_sp((unsigned char)s[i]) || s[i] == '|' || s[i] == ',')) i++;
        if (i >= n) break;
        size_t j = i;
        while (j < n && !is_sp((unsigned char)s[j])) j++;
        if (j <= dt->start || i >= dt->end) {
            size_t a = i, b = j;
            while (a < b && !is_alpha((unsigned char)s[a])) a++;
            while (b > a && !is_alpha((unsigned char)s[b - 1])) b--;
            const char *w = s + a;
            size_t l = b - a;
            if (l == 0) { i = j; continue; }
            if (starts_phrase(w, l, "updated") || starts_phrase(w, l, "update") ||
                starts_phrase(w, l, "modified") || starts_phrase(w, l, "revised") ||
                starts_phrase(w, l, "edited")) {
                if (kind == D_BARE) kind = D_UPD;
            } else if (starts_phrase(w, l, "published") || starts_phrase(w, l, "posted") ||
                       starts_phrase(w, l, "released") || starts_phrase(w, l, "date") ||
                       starts_phrase(w, l, "dated") || starts_phrase(w, l, "issued")) {
                kind = D_PUB;
            } else if (!(dyad_is_weekday(w, l) || starts_phrase(w, l, "on") ||
                         starts_phrase(w, l, "at") || starts_phrase(w, l, "last") ||
                         starts_phrase(w, l, "first") || starts_phrase(w, l, "originally") ||
                         starts_phrase(w, l, "time") || starts_phrase(w, l, "am") ||
                         starts_phrase(w, l, "pm"))) {
                other++;
            }
        }
        i = j;
    }
    /* allow a section word ("world Updated: …") or a place, not a phrase */
    return other <= (kind == D_BARE ? 1u : 2u) ? kind : D_NONE;
}

/* "By Jane Doe", "By JANE DOE and JOHN ROE, Reuters": the name part. */
static int byline_at(const char *s, size_t n, size_t *name)
{
    static const char *const pre[] = {"by ", "written by ", "words by ", "reporting by "};
    for (size_t k = 0; k < sizeof pre / sizeof *pre; k++) {
        size_t l = strlen(pre[k]);
        if (n > l + 1 && strncasecmp(s, pre[k], l) == 0 && is_upper((unsigned char)s[l])) {
            size_t words = count_words(s, n);
            if (words > 14) return 0;
            /* a sentence ending in a period is prose, unless an initial */
            if (s[n - 1] == '.' && !(n >= 3 && is_upper((unsigned char)s[n - 2]) && s[n - 3] == ' '))
                return 0;
            *name = l;
            return 1;
        }
    }
    return 0;
}

/* "BEIJING (Reuters) —", "KYIV, Ukraine (AP) -", "NEW DELHI:",
 * "Geneva, March 3 (Reuters) -" at the start of the first paragraph:
 * length of the dateline (through the dash), and the agency. */
size_t dyad_dateline(const char *s, size_t n, size_t *ag, size_t *agn)
{
    size_t i = 0, caps = 0, letters = 0;
    *ag = *agn = 0;
    while (i < n && i < 60 && (is_alpha((unsigned char)s[i]) || s[i] == ' ' || s[i] == '.' ||
                               s[i] == '\'' || s[i] == '-' )) {
        if (is_alpha((unsigned char)s[i])) { letters++; caps += is_upper((unsigned char)s[i]); }
        if (s[i] == '-' && i + 1 < n && s[i + 1] == ' ') break;
        i++;
    }
    if (letters < 3) return 0;
    int upper_city = caps == letters;
    /* ", Region" or ", Month Day" */
    if (i < n && s[i] == ',') {
        size_t j = i + 1;
        while (j < n && j < 90 && (is_alpha((unsigned char)s[j]) || s[j] == ' ' || s[j] == '.' ||
                                   is_digit((unsigned char)s[j])))
            j++;
        i = j;
    }
    if (!upper_city) {
        /* mixed case needs the agency: "Geneva, March 3 (Reuters) -" */
        if (i >= n || s[i] != '(') return 0;
    }
    size_t k = i;
    while (k < n && s[k] == ' ') k++;
    if (k < n && s[k] == '(') {
        size_t e = k + 1;
        while (e < n && e - k < 40 && s[e] != ')') e++;
        if (e >= n || s[e] != ')') return 0;
        *ag = k + 1; *agn = e - k - 1;
        k = e + 1;
        while (k < n && s[k] == ' ') k++;
    }
    size_t d = 0;
    if (k + 3 <= n && (memcmp(s + k, "\xE2\x80\x94", 3) == 0 || memcmp(s + k, "\xE2\x80\x93", 3) == 0)) d = 3;
    else if (k + 2 <= n && memcmp(s + k, "--", 2) == 0) d = 2;
    else if (k < n && (s[k] == '-' || s[k] == ':')) d = 1;
    if (!d || k + d >= n || s[k + d] != ' ') return 0;
    if (!upper_city && !*agn) return 0;
    return k + d;
}

/* ------------------------------------------------------------------ */
/* Plain text                                                          */
/* ------------------------------------------------------------------ */

enum { R_BODY, R_TITLE, R_DEK, R_CHROME };

/* A dek (standfirst) is a sentence or two; longer is a lead paragraph. */
#define DEK_WORDS 28

/* Menu-like lines in a row that end the article's run of prose. */
#define REGION_GAP 20

typedef struct {
    uint32_t ls, le;      /* line in raw, without its newline */
    uint32_t s, e;        /* trimmed content */
    uint32_t block;       /* index of its run of non-blank lines */
    uint32_t words;
    uint32_t bsize;       /* lines in its block */
    uint8_t blank;        /* 1 empty/ASCII spaces, 2 Unicode spaces only */
    uint8_t role;
    uint8_t datek;        /* D_* */
    uint8_t prose;        /* reads as a sentence */
    const char *reason;
    dyad_date date;
} line_t;

/* Lines are compared as written (trimmed): a repeated lead is a copy. */
static uint64_t line_hash(const char *s, size_t n)
{
    return XXH3_64bits(s, n);
}

/* Reads like a headline and stands alone (a block of one or two lines). */
static int title_like(const char *raw, const line_t *l)
{
    const char *s = raw + l->s;
    size_t m = l->e - l->s;
    return l->bsize <= 2 && l->words >= 3 && l->words <= 30 && m <= 250 && s[m - 1] != '.' &&
           s[m - 1] != ',' && s[m - 1] != ';' &&
           (is_upper((unsigned char)s[0]) || is_digit((unsigned char)s[0]) ||
            (unsigned char)s[0] >= 0x80 || s[0] == '"' || s[0] == '\'');
}

static int is_record(const dyad_doc *doc)
{
    return doc->is_record;
}

static const char *date_string(dyad_doc *doc, const dyad_date *dt)
{
    char buf[32];
    dyad_date_iso(dt, buf);
    return dyad_strdup(doc->arena, buf);
}

/* Fill doc->tags from a tag-list line (each tag once, at most
 * MAX_TAGS: a page that repeats its tag row does not repeat its tags). */
#define MAX_TAGS 64
static void add_tags(dyad_doc *doc, size_t *cap, const char *s, size_t n)
{
    size_t lab = tag_label(s, n);
    s += lab; n -= lab;
    size_t i = 0;
    while (i < n) {
        size_t j = i, sl = 0;
        while (j < n && !(sl = tag_sep(s, n, j))) j++;
        size_t a = i, b = j;
        while (a < b && is_sp((unsigned char)s[a])) a++;
        while (b > a && (is_sp((unsigned char)s[b - 1]) || s[b - 1] == '.')) b--;
        int seen = 0;
        for (size_t k = 0; k < doc->ntags && !seen; k++)
            seen = strlen(doc->tags[k]) == b - a && !memcmp(doc->tags[k], s + a, b - a);
        if (b > a && !seen && doc->ntags < MAX_TAGS) {
            if (doc->ntags == *cap) {
                *cap = *cap ? *cap * 2 : 8;
                doc->tags = dyad_grow(doc->arena, doc->tags, doc->ntags, *cap, sizeof *doc->tags);
            }
            doc->tags[doc->ntags++] = dyad_strndup(doc->arena, s + a, b - a);
        }
        i = j + (sl ? sl : 1);
    }
}

static void add_removed(dyad_doc *doc, size_t *cap, uint32_t start, uint32_t end,
                        const char *reason)
{
    if (doc->nremoved == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        doc->removed = dyad_grow(doc->arena, doc->removed, doc->nremoved, nc, sizeof *doc->removed);
        *cap = nc;
    }
    dyad_removed *r = &doc->removed[doc->nremoved++];
    r->start = start;
    r->end = end;
    r->text = NULL;           /* copied once the span is final */
    r->reason = reason;
}

static void chrome(line_t *l, const char *reason)
{
    l->role = R_CHROME;
    if (!l->reason) l->reason = reason;
}

static dyad_status text_article(dyad_doc *doc, dyad_error *err)
{
    const char *raw = doc->raw ? doc->raw : "";
    size_t n = doc->raw ? doc->raw_len : 0;
    if (n > UINT32_MAX)
        return dyad_fail(err, DYAD_ERR_INPUT, doc->path, doc->line,
                         "article too long (%zu bytes; at most 4 GB)", n);
    int record = is_record(doc);

    size_t nl = 1;
    for (const char *p = raw; (p = memchr(p, '\n', (size_t)(raw + n - p))); p++) nl++;
    line_t *L = calloc(nl, sizeof *L);
    if (!L) return dyad_fail(err, DYAD_ERR_NOMEM, doc->path, doc->line, "out of memory");

    /* lines, their looks and blocks */
    size_t k = 0, pos = 0;
    uint32_t block = 0;
    int prev_blank = 1;
    while (pos <= n && k < nl) {
        const char *e = memchr(raw + pos, '\n', n - pos);
        size_t end = e ? (size_t)(e - raw) : n;
        line_t *l = &L[k++];
        l->ls = (uint32_t)pos; l->le = (uint32_t)end;
        size_t a = pos, b = end;
        for (;;) {
            if (a < b && is_sp((unsigned char)raw[a])) { a++; continue; }
            size_t u = a < b ? uspace(raw + a, b - a) : 0;
            if (u) { a += u; continue; }
            break;
        }
        while (b > a && is_sp((unsigned char)raw[b - 1])) b--;
        if (a == b) {
            int uni = 0;
            for (size_t i = pos; i < end; i++) if ((unsigned char)raw[i] >= 0x80) uni = 1;
            l->blank = uni ? 2 : 1;
            l->role = R_CHROME;
            prev_blank = 1;
        } else {
            /* keep leading Unicode spaces out, trailing ones too */
            a = pos;
            while (a < b && is_sp((unsigned char)raw[a])) a++;
            l->s = (uint32_t)a; l->e = (uint32_t)b;
            if (prev_blank) block++;
            prev_blank = 0;
            l->block = block;
            const char *s = raw + a;
            size_t m = b - a;
            l->words = (uint32_t)count_words(s, m);
            l->prose = (ends_sentence(s, m) && l->words >= 4) || l->words >= 25;
            l->reason = m <= 400 ? chrome_line(s, m, l->words) : NULL;
            size_t name;
            if (m <= 200 && l->words <= 14 && strchr("BbWwRr", s[0]) && byline_at(s, m, &name)) {
                l->reason = "byline";
                if (date_line(s, m, &l->date) == D_NONE && dyad_date_find(s, m, &l->date))
                    l->datek = D_BARE;
            } else if (m <= 120 && l->words <= 12 && !l->reason) {
                l->datek = (uint8_t)date_line(s, m, &l->date);
            }
        }
        if (!e) break;
        pos = end + 1;
    }
    nl = k;

    /* block sizes; a weather widget is a block: its other short lines go
     * with it */
    for (size_t i = 0; i < nl;) {
        if (L[i].blank) { i++; continue; }
        size_t j = i;
        int weather = 0;
        while (j < nl && !L[j].blank) {
            weather |= L[j].reason && !strcmp(L[j].reason, "weather widget");
            j++;
        }
        for (size_t q = i; q < j; q++) {
            L[q].bsize = (uint32_t)(j - i);
            if (weather && !L[q].prose && !L[q].datek &&
                (!L[q].reason || !strcmp(L[q].reason, "navigation")))
                L[q].reason = "weather widget";
        }
        i = j;
    }
    size_t first_prose = nl, last_prose = nl;
    for (size_t i = 0; i < nl; i++)
        if (!L[i].blank && L[i].prose && !L[i].reason && !L[i].datek) {
            if (first_prose == nl) first_prose = i;
            last_prose = i;
        }

    /* the title: the first line standing alone (a block of one or two
     * lines) that reads like a headline, before any prose */
    size_t title = nl, dek = nl, site = nl;
    if (!record) {
        for (size_t i = 0, seen = 0; i < nl && seen < 40; i++) {
            line_t *l = &L[i];
            if (l->blank) continue;
            seen++;
            if (i == first_prose) break;
            if (l->reason || l->datek) continue;
            if (!title_like(raw, l)) continue;
            /* a short name standing alone right before a longer headline
             * is the site's masthead ("The Daily Example") */
            size_t nx = i + 1;
            while (nx < nl && L[nx].blank) nx++;
            if (site == nl && l->words <= 4 && nx < nl && nx != first_prose && !L[nx].reason &&
                !L[nx].datek && title_like(raw, &L[nx]) && L[nx].words > l->words + 1) {
                site = i;
                continue;
            }
            title = i;
            break;
        }
        /* a document of one line is a sentence to code, not a headline
         * over nothing ("X met Y yesterday" without a full stop) */
        if (title < nl) {
            size_t other = 0;
            for (size_t i = 0; i < nl; i++) other += !L[i].blank && i != title;
            if (!other) title = nl;
        }
    } else if (doc->given_title) {
        /* a record that repeats its title as the first line */
        for (size_t i = 0; i < nl; i++) {
            if (L[i].blank) continue;
            size_t m = L[i].e - L[i].s, t = strlen(doc->given_title);
            if (m == t && memcmp(raw + L[i].s, doc->given_title, m) == 0)
                chrome(&L[i], "duplicate title");
            break;
        }
    }
    if (title < nl) {
        L[title].role = R_TITLE;
        if (site < title) {
            chrome(&L[site], "site name");
            if (!doc->given_source)
                doc->source = dyad_strndup(doc->arena, raw + L[site].s, L[site].e - L[site].s);
        }
        for (size_t i = 0; i < title; i++) {
            if (L[i].blank) continue;
            chrome(&L[i], L[i].datek ? "page date" : "navigation");
            L[i].datek = D_NONE;   /* a page's date is not the article's */
        }
    } else if (!record) {
        /* no title: blocks of three or more short lines before the first
         * sentence are menus or widgets */
        for (size_t i = 0; i < first_prose && i < nl; i++) {
            if (L[i].blank || L[i].prose) continue;
            size_t bsize = L[i].bsize;
            if (bsize >= 3) {
                chrome(&L[i], L[i].datek ? "page date" : "navigation");
                if (L[i].datek) L[i].datek = D_NONE;
            }
        }
    }

    /* header: the dek is the line after the title when header furniture
     * (a date, byline, credit, tags) follows it before the body begins */
    size_t body_from = title < nl ? title + 1 : 0;
    if (title < nl) {
        size_t c = title + 1;
        while (c < nl && L[c].blank) c++;
        if (c < nl && !L[c].reason && !L[c].datek && L[c].words >= 5 && L[c].words <= 60) {
            size_t bsize = L[c].bsize;
            size_t x = c + 1;
            while (x < nl && (L[x].blank == 1)) x++;
            int furniture = x < nl && (L[x].blank == 2 || L[x].reason || L[x].datek);
            const char *s = raw + L[c].s;
            int standfirst = !L[c].prose && !ends_sentence(s, L[c].e - L[c].s) && L[c].words >= 6 &&
                             x < nl && L[x].prose;
            /* a long sentence there is the lead itself, unless the page
             * repeats it below (then this is its header copy) */
            int repeated = 0;
            size_t cl = L[c].e - L[c].s;
            for (size_t q = c + 1; q < nl && !repeated && L[c].words > DEK_WORDS; q++)
                repeated = !L[q].blank && L[q].e - L[q].s == cl && !memcmp(raw + L[q].s, s, cl);
            if (L[c].words > DEK_WORDS && !repeated) furniture = standfirst = 0;
            if (bsize == 1 && (furniture || standfirst)) {
                dek = c;
                L[c].role = R_DEK;
                body_from = c + 1;
            }
        }
    }

    /* dates and bylines anywhere after the title */
    int pub = -1, bare = -1, upd = -1;
    for (size_t i = body_from; i < nl; i++) {
        line_t *l = &L[i];
        if (l->blank || l->role == R_TITLE) continue;
        /* inside a record's prose every line is the author's */
        if (record && i > first_prose && i < last_prose) { l->datek = D_NONE; l->reason = NULL; continue; }
        if (l->datek) {
            if (l->datek == D_PUB && pub < 0) pub = (int)i;
            if (l->datek == D_BARE && bare < 0) bare = (int)i;
            if (l->datek == D_UPD && upd < 0) upd = (int)i;
            if (!l->reason)
                chrome(l, l->datek == D_PUB ? "publication line"
                          : l->datek == D_UPD ? "update line" : "date line");
        }
        if (l->reason && !strcmp(l->reason, "byline") && !doc->byline) {
            size_t name;
            const char *s = raw + l->s;
            size_t m = l->e - l->s;
            byline_at(s, m, &name);
            size_t e = name;
            /* the names, before a "|" or a date */
            while (e < m && s[e] != '|' && !(l->datek && e >= l->date.start)) e++;
            while (e > name && (is_sp((unsigned char)s[e - 1]) || s[e - 1] == ',' ||
                                s[e - 1] == '-' || s[e - 1] == '|'))
                e--;
            /* "By Jane Doe in Warsaw": the place is not a name */
            for (size_t q = name; q + 4 < e; q++)
                if (s[q] == ' ' && s[q + 1] == 'i' && s[q + 2] == 'n' && s[q + 3] == ' ' &&
                    is_upper((unsigned char)s[q + 4]) && count_words(s + q + 4, e - q - 4) <= 3) {
                    e = q;
                    break;
                }
            doc->byline = dyad_strndup(doc->arena, s + name, e - name);
        }
        if (l->reason && !record) l->role = R_CHROME;
    }

    /* a whole page saved as text: the article is the run of prose that
     * long stretches of menu-like lines do not break; prose beyond such a
     * stretch (cookie notices, teasers, comments) is another box */
    if (!record && first_prose < nl) {
        size_t best_a = 0, best_b = 0, best_bytes = 0;
        size_t a = nl, last = nl, bytes = 0, gap = 0;
        for (size_t i = first_prose; i <= nl; i++) {
            int end = i == nl;
            int prose = !end && !L[i].blank && L[i].role == R_BODY && L[i].prose && !L[i].reason &&
                        !L[i].datek;
            if (!end && !prose) {
                if (!L[i].blank) gap++;
                continue;
            }
            if (a < nl && (end || gap >= REGION_GAP)) {
                if (bytes > best_bytes) { best_bytes = bytes; best_a = a; best_b = last; }
                a = nl;
                bytes = 0;
            }
            if (end) break;
            if (a == nl) a = i;
            last = i;
            bytes += L[i].e - L[i].s;
            gap = 0;
        }
        if (best_bytes) {
            for (size_t i = first_prose; i < nl; i++)
                if ((i < best_a || i > best_b) && !L[i].blank && L[i].role == R_BODY && L[i].prose &&
                    !L[i].reason)
                    chrome(&L[i], "outside article");
            if (best_b < last_prose) last_prose = best_b;
            /* inside it, five or more short lines in a row are a menu or
             * a list of links (a few short lines may be key points) */
            for (size_t i = best_a; i <= best_b;) {
                size_t j = i, run = 0;
                while (j <= best_b && (L[j].blank || (L[j].role == R_BODY && !L[j].prose))) {
                    run += !L[j].blank;
                    j++;
                }
                if (run >= 5)
                    for (size_t q = i; q < j; q++)
                        if (!L[q].blank && L[q].role == R_BODY) chrome(&L[q], "navigation");
                i = j > i ? j : i + 1;
            }
        }
    }

    /* after the last sentence, what is not a sentence is page furniture */
    if (!record && last_prose < nl) {
        for (size_t i = last_prose + 1; i < nl; i++)
            if (!L[i].blank && L[i].role == R_BODY && !L[i].prose) chrome(&L[i], "navigation");
    }
    /* pattern chrome in the body; for a record only at its edges, where
     * clean text would not have it */
    for (size_t i = body_from; i < nl; i++) {
        line_t *l = &L[i];
        if (l->blank || l->role != R_BODY || !l->reason) continue;
        if (record && ((i > first_prose && i < last_prose) ||
                       (!strcmp(l->reason, "tag list") && !tag_label(raw + l->s, l->e - l->s)))) {
            l->reason = NULL;
            continue;
        }
        l->role = R_CHROME;
    }
    if (record)
        for (size_t i = 0; i < nl; i++)
            if (!L[i].blank && L[i].role == R_CHROME && L[i].reason &&
                i > first_prose && i < last_prose && strcmp(L[i].reason, "duplicate title")) {
                L[i].role = R_BODY;
                L[i].reason = NULL;
            }

    /* repeated paragraphs: a lead shown twice loses its header copy */
    {
        size_t cap = 64;
        while (cap < nl * 2) cap *= 2;
        uint64_t *hs = calloc(cap, sizeof *hs);
        uint32_t *at = calloc(cap, sizeof *at);
        if (!hs || !at) {
            free(hs); free(at); free(L);
            return dyad_fail(err, DYAD_ERR_NOMEM, doc->path, doc->line, "out of memory");
        }
        for (size_t i = 0; i < nl; i++) {
            line_t *l = &L[i];
            /* a record's text is its author's: a repeated line is meant */
            if (record || l->blank || (l->role != R_BODY && l->role != R_DEK) || l->words < 6)
                continue;
            uint64_t h = line_hash(raw + l->s, l->e - l->s) | 1;
            size_t slot = h & (cap - 1);
            while (hs[slot] && hs[slot] != h) slot = (slot + 1) & (cap - 1);
            if (!hs[slot]) { hs[slot] = h; at[slot] = (uint32_t)i; continue; }
            line_t *first = &L[at[slot]];
            if (first->role == R_DEK) {
                first->role = R_CHROME;
                first->reason = "duplicate lead";
                dek = nl;
                at[slot] = (uint32_t)i;
            } else {
                chrome(l, "duplicate paragraph");
            }
        }
        free(hs);
        free(at);
    }

    /* fields */
    if (title < nl) doc->title = dyad_strndup(doc->arena, raw + L[title].s, L[title].e - L[title].s);
    else doc->title = doc->given_title;
    if (dek < nl) doc->subtitle = dyad_strndup(doc->arena, raw + L[dek].s, L[dek].e - L[dek].s);
    /* the date: a labelled publication date, else a date in the header,
     * else the one given, else the last update */
    int bare_in_header = 0;
    if (bare >= 0) {
        size_t seen = 0;
        for (size_t i = body_from; i < (size_t)bare; i++) seen += !L[i].blank && L[i].role == R_BODY;
        bare_in_header = seen == 0;
    }
    if (pub >= 0) doc->date = date_string(doc, &L[pub].date);
    else if (bare >= 0 && bare_in_header) doc->date = date_string(doc, &L[bare].date);
    else if (doc->given_date) doc->date = doc->given_date;
    else if (upd >= 0) doc->date = date_string(doc, &L[upd].date);
    else if (bare >= 0) doc->date = date_string(doc, &L[bare].date);
    doc->url = doc->given_url;
    if (doc->given_source) doc->source = doc->given_source;

    /* body */
    char *t = dyad_alloc(doc->arena, n + 1);
    size_t tl = 0;
    int first_par = 1;
    size_t rcap = 0;
    for (size_t i = 0; i < nl; i++) {
        line_t *l = &L[i];
        if (l->blank == 1) continue;
        if (l->role == R_CHROME) {
            /* merge with the previous span when adjacent and alike */
            uint32_t st = l->blank ? l->ls : l->s, en = l->blank ? l->le : l->e;
            while (l->blank && en > st && is_sp((unsigned char)raw[en - 1])) en--;
            const char *why = l->blank ? "whitespace line" : l->reason ? l->reason : "navigation";
            dyad_removed *last = doc->nremoved ? &doc->removed[doc->nremoved - 1] : NULL;
            if (last && !l->blank && i > 0 && !L[i - 1].blank && L[i - 1].role == R_CHROME &&
                strcmp(last->reason, why) == 0 && last->end == L[i - 1].e) {
                last->end = en;
            } else {
                add_removed(doc, &rcap, st, en, why);
            }
            continue;
        }
        if (l->role != R_BODY) continue;
        if (first_par) {
            size_t ag, agn;
            const char *s = raw + l->s;
            size_t dl = dyad_dateline(s, l->e - l->s, &ag, &agn);
            if (dl) {
                doc->dateline = dyad_strndup(doc->arena, s, dl);
                if (agn && !doc->source) doc->source = dyad_strndup(doc->arena, s + ag, agn);
            }
        }
        /* a paragraph continues while lines follow with no blank between */
        int cont = i > 0 && !L[i - 1].blank && L[i - 1].role == R_BODY;
        if (!first_par) {
            if (cont) t[tl++] = '\n';
            else { t[tl++] = '\n'; t[tl++] = '\n'; }
        }
        memcpy(t + tl, raw + l->s, l->e - l->s);
        tl += l->e - l->s;
        first_par = 0;
    }
    for (size_t i = 0; i < doc->nremoved; i++) {
        dyad_removed *r = &doc->removed[i];
        r->text = dyad_strndup(doc->arena, raw + r->start, r->end - r->start);
    }
    size_t tagcap = 0;
    for (size_t i = 0; i < nl && doc->ntags < MAX_TAGS; i++)
        if (L[i].role == R_CHROME && L[i].reason && !strcmp(L[i].reason, "tag list"))
            add_tags(doc, &tagcap, raw + L[i].s, L[i].e - L[i].s);
    t[tl] = 0;
    doc->text = t;
    doc->text_len = tl;
    free(L);
    return DYAD_OK;
}

dyad_status dyad_article(dyad_doc *doc, dyad_error *err)
{
    if (doc->is_html) return dyad_html_article(doc, err);
    return text_article(doc, err);
}
