/* article.h — what the article stage's two files (article.c for plain text,
 * html.c for HTML pages) share: the date parser and the line-level chrome
 * patterns, so a page is judged by the same rules whatever its shape. */
#ifndef DYAD_ARTICLE_H
#define DYAD_ARTICLE_H

#include "dyad.h"

/* A date found in text; fields < 0 are not given. */
typedef struct {
    int y, m, d, hh, mm, ss;
    int tz;          /* offset east of UTC in minutes */
    int has_tz;
    size_t start, end; /* bytes of the date (and time) in the searched span */
} dyad_date;

/* The first date in s[0,n) (month names, ISO 8601, numeric), with the time
 * and zone that follow or precede it. Returns 1 if found. */
int dyad_date_find(const char *s, size_t n, dyad_date *out);

/* ISO 8601, as precise as the date is: "2014", "2014-06", "2014-06-27",
 * "2014-06-27T12:08+05:30". buf must hold 32 bytes. */
void dyad_date_iso(const dyad_date *dt, char *buf);

/* Why a line (or HTML block) is page chrome by its look alone, or NULL:
 * "photo credit", "advertisement", "social buttons", "related link",
 * "copyright", "navigation", "weather widget", "tag list", ... */
const char *dyad_chrome_line(const char *s, size_t n);

/* HTML → article (html.c): title, date, byline, source, tags, text. */
dyad_status dyad_html_article(dyad_doc *doc, dyad_error *err);

/* Body-level text of an HTML page with every block on its own line and
 * blank lines between blocks (no scoring): what a scraper that drops the
 * markup would save. malloc'd; for the plain-text benchmark. */
char *dyad_html_flatten(const char *html, size_t n, size_t *len);

#endif
