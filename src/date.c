/* date.c — finds publication dates in the article stage's text: "Jun 27,
 * 2014 12:08 IST", "27 June 2014", "2014-06-27T12:08:00+05:30", with the
 * time and zone around them, and writes them as ISO 8601 as precise as
 * given. Shared by the plain-text and HTML article readers (article.h). */
#include "article.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static int is_alpha(unsigned char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static const char *const month_names[12] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december"};

/* A month name at s[i] ("June", "Jun", "Jun.", "Sept."): 1..12, else 0. */
static int month_at(const char *s, size_t n, size_t i, size_t *end)
{
    if (i > 0 && is_alpha((unsigned char)s[i - 1])) return 0;
    size_t j = i;
    while (j < n && is_alpha((unsigned char)s[j])) j++;
    size_t len = j - i;
    if (len < 3) return 0;
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(month_names[m]);
        int ok = (len == full || len == 3 || (m == 8 && len == 4)) &&
                 len <= full && strncasecmp(s + i, month_names[m], len) == 0;
        if (!ok) continue;
        if (j < n && s[j] == '.' && len < full) j++;
        *end = j;
        return m + 1;
    }
    return 0;
}

static const char *const weekdays[7] = {"monday", "tuesday", "wednesday",
                                        "thursday", "friday", "saturday",
                                        "sunday"};

/* A weekday name (or its 3-letter form) of length len at s. */
int dyad_is_weekday(const char *s, size_t len);
int dyad_is_weekday(const char *s, size_t len)
{
    while (len && (s[len - 1] == '.' || s[len - 1] == ',')) len--;
    for (int k = 0; k < 7; k++) {
        size_t full = strlen(weekdays[k]);
        if ((len == full || len == 3 || (len == 4 && k == 1) || (len == 5 && k == 3)) &&
            strncasecmp(s, weekdays[k], len) == 0)
            return 1;
    }
    return 0;
}

/* Read 1..maxd digits at s[*i]; returns the value or -1. */
static int digits(const char *s, size_t n, size_t *i, int mind, int maxd)
{
    size_t j = *i;
    int v = 0;
    while (j < n && is_digit((unsigned char)s[j]) && (int)(j - *i) < maxd)
        v = v * 10 + (s[j++] - '0');
    if ((int)(j - *i) < mind || (j < n && is_digit((unsigned char)s[j]))) return -1;
    *i = j;
    return v;
}

static int valid_ymd(int y, int m, int d)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return 0;
    return !(m == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0)));
}

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    return i;
}

/* Day-of-week of a date, 0 = Sunday (Sakamoto). */
static int dow(int y, int m, int d)
{
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (m < 3) y -= 1;
    return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

/* Whether US daylight time is in force on a date (second Sunday of March
 * to the first Sunday of November), for the zones written "ET", "PT". */
static int us_dst(int y, int m, int d)
{
    if (m < 3 || m > 11) return 0;
    if (m > 3 && m < 11) return 1;
    if (m == 3) {
        int first = (7 - dow(y, 3, 1)) % 7 + 1; /* first Sunday */
        return d >= first + 7;
    }
    int first = (7 - dow(y, 11, 1)) % 7 + 1;
    return d < first;
}

typedef struct { const char *name; int off; int us; } zone;
/* us: a US zone written without S/D, standard offset given. */
static const zone zones[] = {
    {"UTC", 0, 0}, {"GMT", 0, 0}, {"BST", 60, 0}, {"IST", 330, 0},
    {"CET", 60, 0}, {"CEST", 120, 0}, {"EET", 120, 0}, {"EEST", 180, 0},
    {"WET", 0, 0}, {"WEST", 60, 0}, {"MSK", 180, 0}, {"EST", -300, 0},
    {"EDT", -240, 0}, {"CST", -360, 0}, {"CDT", -300, 0}, {"MST", -420, 0},
    {"MDT", -360, 0}, {"PST", -480, 0}, {"PDT", -420, 0}, {"AKST", -540, 0},
    {"AKDT", -480, 0}, {"HST", -600, 0}, {"JST", 540, 0}, {"KST", 540, 0},
    {"HKT", 480, 0}, {"SGT", 480, 0}, {"PHT", 480, 0}, {"AEST", 600, 0},
    {"AEDT", 660, 0}, {"ACST", 570, 0}, {"AWST", 480, 0}, {"NZST", 720, 0},
    {"NZDT", 780, 0}, {"PKT", 300, 0}, {"WIB", 420, 0}, {"ICT", 420, 0},
    {"SAST", 120, 0}, {"EAT", 180, 0}, {"WAT", 60, 0}, {"CAT", 120, 0},
    {"ET", -300, 1}, {"CT", -360, 1}, {"MT", -420, 1}, {"PT", -480, 1},
    {"Z", 0, 0},
};

/* A numeric offset "+05:30", "+0530", "+8" at s[*i]: minutes, or INT_MIN. */
static int offset_at(const char *s, size_t n, size_t *i, int *off)
{
    size_t j = *i;
    if (j >= n || (s[j] != '+' && s[j] != '-' && strncmp(s + j, "\xE2\x88\x92", 3) != 0))
        return 0;
    int sign = s[j] == '+' ? 1 : -1;
    j += s[j] == '+' || s[j] == '-' ? 1 : 3;
    size_t k = j;
    while (k < n && is_digit((unsigned char)s[k])) k++;
    int h, m = 0;
    if (k - j == 4) {
        h = (s[j] - '0') * 10 + s[j + 1] - '0';
        m = (s[j + 2] - '0') * 10 + s[j + 3] - '0';
    } else if (k - j == 1 || k - j == 2) {
        h = digits(s, n, &j, 1, 2);
        if (k < n && s[k] == ':' && k + 2 < n + 0 && is_digit((unsigned char)s[k + 1]) &&
            k + 2 < n && is_digit((unsigned char)s[k + 2])) {
            m = (s[k + 1] - '0') * 10 + s[k + 2] - '0';
            k += 3;
        }
    } else {
        return 0;
    }
    if (h > 14 || m > 59) return 0;
    *off = sign * (h * 60 + m);
    *i = k;
    return 1;
}

/* A zone at s[*i] ("IST", "GMT+8", "+05:30"); fills dt->tz. */
static int zone_at(const char *s, size_t n, size_t *i, dyad_date *dt)
{
    size_t j = *i;
    int off;
    if (offset_at(s, n, &j, &off)) {
        dt->tz = off; dt->has_tz = 1; *i = j;
        return 1;
    }
    size_t k = j;
    while (k < n && s[k] >= 'A' && s[k] <= 'Z') k++;
    if (k == j || (k < n && is_alpha((unsigned char)s[k]))) return 0;
    for (size_t z = 0; z < sizeof zones / sizeof *zones; z++) {
        if (strlen(zones[z].name) != k - j || strncmp(s + j, zones[z].name, k - j)) continue;
        if (zones[z].name[0] == 'Z' && k - j == 1 && j > 0 && s[j - 1] == ' ') return 0;
        dt->tz = zones[z].off;
        if (zones[z].us && dt->y > 0 && us_dst(dt->y, dt->m, dt->d > 0 ? dt->d : 15))
            dt->tz += 60;
        dt->has_tz = 1;
        /* "GMT+8", "UTC+05:30" */
        if ((zones[z].off == 0) && offset_at(s, n, &k, &off)) dt->tz = off;
        *i = k;
        return 1;
    }
    return 0;
}

/* A time "12:08", "12:08:33", "3:15 p.m.", "3pm" at s[*i]. */
static int time_at(const char *s, size_t n, size_t *i, dyad_date *dt)
{
    size_t j = *i;
    if (j > 0 && (is_digit((unsigned char)s[j - 1]) || s[j - 1] == ':' || s[j - 1] == '.'))
        return 0;
    int h = digits(s, n, &j, 1, 2), m = -1, sec = -1;
    if (h < 0 || h > 23) return 0;
    if (j + 2 < n && (s[j] == ':' || s[j] == '.') && is_digit((unsigned char)s[j + 1])) {
        j++;
        m = digits(s, n, &j, 2, 2);
        if (m < 0 || m > 59) return 0;
        if (j + 2 < n && s[j] == ':' && is_digit((unsigned char)s[j + 1])) {
            j++;
            sec = digits(s, n, &j, 2, 2);
            if (sec < 0 || sec > 60) return 0;
            if (j < n && s[j] == '.') { j++; while (j < n && is_digit((unsigned char)s[j])) j++; }
        }
    }
    size_t k = skip_spaces(s, n, j);
    int ampm = 0;
    if (k + 1 < n && (s[k] == 'a' || s[k] == 'A' || s[k] == 'p' || s[k] == 'P')) {
        size_t e = k + 1;
        if (e < n && s[e] == '.') e++;
        if (e < n && (s[e] == 'm' || s[e] == 'M')) {
            e++;
            if (e < n && s[e] == '.') e++;
            if (e >= n || !is_alpha((unsigned char)s[e])) {
                ampm = (s[k] | 32) == 'a' ? 1 : 2;
                j = e;
            }
        }
    }
    if (m < 0 && !ampm) return 0;
    if (ampm) {
        if (h < 1 || h > 12) return 0;
        if (ampm == 1 && h == 12) h = 0;
        if (ampm == 2 && h != 12) h += 12;
    }
    dt->hh = h; dt->mm = m < 0 ? 0 : m; dt->ss = sec;
    size_t z = skip_spaces(s, n, j);
    if (z < n && s[z] == '(') z++;
    if (zone_at(s, n, &z, dt)) { if (z < n && s[z] == ')') z++; j = z; }
    *i = j;
    return 1;
}

/* A date starting at s[i]; fills y/m/d and the span. */
static int date_at(const char *s, size_t n, size_t i, dyad_date *dt)
{
    size_t j = i, e;
    unsigned char c = (unsigned char)s[i];
    if (i > 0 && (is_alpha((unsigned char)s[i - 1]) || is_digit((unsigned char)s[i - 1])))
        return 0;
    if (is_digit(c)) {
        int a = digits(s, n, &j, 1, 4);
        if (a < 0) return 0;
        if (j - i == 4 && j + 5 < n + 0 && (s[j] == '-' || s[j] == '/')) {
            char sep = s[j];
            size_t k = j + 1;
            int m = digits(s, n, &k, 1, 2);
            if (m < 0 || k >= n || s[k] != sep) {
                return 0;
            }
            k++;
            int d = digits(s, n, &k, 1, 2);
            if (d < 0 || !valid_ymd(a, m, d)) return 0;
            dt->y = a; dt->m = m; dt->d = d; dt->end = k;
            /* ISO time: T12:08:00+05:30 */
            if (k + 5 < n + 1 && (s[k] == 'T' || s[k] == ' ') && k + 1 < n &&
                is_digit((unsigned char)s[k + 1])) {
                size_t t = k + 1;
                dyad_date tmp = *dt;
                if (time_at(s, n, &t, &tmp)) {
                    if (!tmp.has_tz) zone_at(s, n, &t, &tmp);
                    *dt = tmp;
                    dt->end = t;
                }
            }
            return 1;
        }
        if (j - i > 2) return 0;
        size_t k = j;
        /* 27th June 2014, 27 June, 2014, 27-Jun-2014 */
        if (k + 1 < n && strchr("snrt", s[k] | 32) && is_alpha((unsigned char)s[k + 1]) &&
            (k + 2 >= n || !is_alpha((unsigned char)s[k + 2])))
            k += 2;
        size_t k2 = k;
        while (k2 < n && (s[k2] == ' ' || s[k2] == '-' || s[k2] == '.')) k2++;
        if (k2 + 3 < n && strncasecmp(s + k2, "of ", 3) == 0) k2 += 3;
        int m = month_at(s, n, k2, &e);
        if (m) {
            size_t y0 = e;
            while (y0 < n && (s[y0] == ' ' || s[y0] == ',' || s[y0] == '-')) y0++;
            size_t y1 = y0;
            int y = digits(s, n, &y1, 4, 4);
            if (y < 0 || !valid_ymd(y, m, a)) return 0;
            dt->y = y; dt->m = m; dt->d = a; dt->end = y1;
            return 1;
        }
        /* numeric: 27.06.2014 (day first), 06/27/2014 (month first unless
         * the first number cannot be a month) */
        if (k < n && (s[k] == '.' || s[k] == '/') ) {
            char sep = s[k];
            size_t t = k + 1;
            int b = digits(s, n, &t, 1, 2);
            if (b < 0 || t >= n || s[t] != sep) return 0;
            t++;
            int y = digits(s, n, &t, 4, 4);
            if (y < 0) return 0;
            int d = a, mo = b;
            if (sep == '/' && a <= 12 && b > 12) { d = b; mo = a; }
            else if (sep == '/' && a <= 12 && b <= 12) { d = b; mo = a; }
            if (!valid_ymd(y, mo, d)) return 0;
            dt->y = y; dt->m = mo; dt->d = d; dt->end = t;
            return 1;
        }
        return 0;
    }
    int m = month_at(s, n, i, &e);
    if (!m) return 0;
    size_t k = skip_spaces(s, n, e);
    if (k < n && s[k] == ',') k = skip_spaces(s, n, k + 1);
    size_t k0 = k;
    int d = digits(s, n, &k, 1, 2);
    if (d >= 1 && d <= 31) {
        if (k + 1 < n && strchr("snrt", s[k] | 32) && is_alpha((unsigned char)s[k + 1]) &&
            (k + 2 >= n || !is_alpha((unsigned char)s[k + 2])))
            k += 2;
        size_t y0 = k;
        while (y0 < n && (s[y0] == ' ' || s[y0] == ',')) y0++;
        size_t y1 = y0;
        int y = digits(s, n, &y1, 4, 4);
        if (y < 0 || !valid_ymd(y, m, d)) return 0;
        dt->y = y; dt->m = m; dt->d = d; dt->end = y1;
        return 1;
    }
    k = k0;
    int y = digits(s, n, &k, 4, 4);
    if (y < 1900 || y > 2099) return 0;
    dt->y = y; dt->m = m; dt->d = -1; dt->end = k;
    return 1;
}

int dyad_date_find(const char *s, size_t n, dyad_date *out)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!is_digit(c) && !is_alpha(c)) continue;
        dyad_date dt = {.y = -1, .m = -1, .d = -1, .hh = -1, .mm = -1, .ss = -1};
        if (!date_at(s, n, i, &dt)) {
            /* skip the rest of this word */
            while (i + 1 < n && (is_alpha((unsigned char)s[i + 1]) || is_digit((unsigned char)s[i + 1]))) i++;
            continue;
        }
        dt.start = i;
        if (dt.hh < 0 && dt.d > 0) {
            /* a time after the date: "Jun 27, 2014 12:08 IST",
             * "June 27, 2014 at 3:15 p.m. ET", "Oct 21, 2018-Sunday" */
            size_t k = dt.end;
            for (int words = 0; k < n && words < 3; words++) {
                while (k < n && strchr(" ,|-@/\t", s[k])) k++;
                if (k + 2 < n && (strncmp(s + k, "\xE2\x80\x93", 3) == 0 ||
                                  strncmp(s + k, "\xE2\x80\x94", 3) == 0 ||
                                  strncmp(s + k, "\xC2\xB7", 2) == 0)) {
                    k += s[k] == '\xC2' ? 2 : 3;
                    continue;
                }
                if (k < n && is_digit((unsigned char)s[k])) {
                    size_t t = k;
                    if (time_at(s, n, &t, &dt)) dt.end = t;
                    break;
                }
                size_t w = k;
                while (w < n && is_alpha((unsigned char)s[w])) w++;
                if (w == k) break;
                if (!(w - k == 2 && strncasecmp(s + k, "at", 2) == 0) &&
                    !dyad_is_weekday(s + k, w - k))
                    break;
                k = w;
            }
            /* or before it: "12:08 GMT, 27 June 2014" */
            if (dt.hh < 0) {
                size_t from = dt.start > 24 ? dt.start - 24 : 0;
                for (size_t t = from; t < dt.start; t++) {
                    if (!is_digit((unsigned char)s[t])) continue;
                    dyad_date tmp = dt;
                    size_t u = t;
                    if (time_at(s, n, &u, &tmp) && u <= dt.start) {
                        /* only separators and a weekday between */
                        int only_sep = 1;
                        for (size_t v = u; v < dt.start; v++) {
                            if (is_alpha((unsigned char)s[v])) {
                                size_t w = v;
                                while (w < dt.start && is_alpha((unsigned char)s[w])) w++;
                                if (!dyad_is_weekday(s + v, w - v)) only_sep = 0;
                                v = w - 1;
                            } else if (is_digit((unsigned char)s[v])) {
                                only_sep = 0;
                            }
                        }
                        if (only_sep) {
                            int y = dt.y, mo = dt.m, d = dt.d;
                            dt = tmp;
                            dt.y = y; dt.m = mo; dt.d = d;
                            dt.start = t;
                            /* a US zone's DST depends on the date, known now */
                            break;
                        }
                    }
                }
            }
        }
        *out = dt;
        return 1;
    }
    return 0;
}

void dyad_date_iso(const dyad_date *dt, char *buf)
{
    int n = snprintf(buf, 32, "%04d", dt->y);
    if (dt->m > 0) n += snprintf(buf + n, 32 - (size_t)n, "-%02d", dt->m);
    if (dt->m > 0 && dt->d > 0) n += snprintf(buf + n, 32 - (size_t)n, "-%02d", dt->d);
    if (dt->d > 0 && dt->hh >= 0) {
        n += snprintf(buf + n, 32 - (size_t)n, "T%02d:%02d", dt->hh, dt->mm);
        if (dt->ss >= 0) n += snprintf(buf + n, 32 - (size_t)n, ":%02d", dt->ss);
        if (dt->has_tz) {
            if (dt->tz == 0) {
                snprintf(buf + n, 32 - (size_t)n, "Z");
            } else {
                int a = dt->tz < 0 ? -dt->tz : dt->tz;
                snprintf(buf + n, 32 - (size_t)n, "%c%02d:%02d", dt->tz < 0 ? '-' : '+',
                         a / 60, a % 60);
            }
        }
    }
}
