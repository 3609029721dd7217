/* html.c — placeholder */
#include "article.h"
dyad_status dyad_html_article(dyad_doc *doc, dyad_error *err) { (void)doc; (void)err; return DYAD_OK; }
char *dyad_html_flatten(const char *html, size_t n, size_t *len) { (void)html; (void)n; *len = 0; return 0; }
