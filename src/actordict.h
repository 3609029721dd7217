/* actordict.h — what dict.c (loading actor dictionaries) and actors.c
 * (finding mentions) share: the entry table and the phrase index.
 *
 * Every name a dictionary knows ("United States", "secretary of state",
 * "riot police", "John Kerry") is stored under a normalised key; the index
 * also knows every word-boundary prefix of every key, so the search walks
 * token by token and stops as soon as no longer name can match (a trie
 * built from one hash table). */
#ifndef DYAD_ACTORDICT_H
#define DYAD_ACTORDICT_H

#include "actors.h"

/* What an entry names; decides how it combines inside a noun phrase. */
enum {
    AE_COUNTRY,      /* "China" → CHN */
    AE_NATIONALITY,  /* "Chinese", "the Americans" → CHN, USA */
    AE_CAPITAL,      /* "Beijing" → CHN; "White House" → USAGOV */
    AE_ORG,          /* "United Nations" → IGOUNO; "Justice Department" */
    AE_PERSON,       /* "John Kerry" → USAGOV (dated roles) */
    AE_AGENT,        /* "police" → COP, a role without a country */
    AE_TITLE         /* "secretary of state" → USAGOV unless a country is said */
};

enum {
    AF_CASE = 1,     /* matches only when written in capitals ("US", not "us") */
    AF_WEAK = 2,     /* agent yields to another agent in the phrase ("official") */
    AF_SURNAME = 4,  /* a person's last name alone */
    AF_PREFIX = 8,   /* PETRARCH "[NGO~]": the agent code goes before */
    AF_CAPITAL = 32, /* matches only capitalised: "Turkey", not "turkey" */
    AF_STEM = 64     /* TABARI stem: the last word may go on ("ARGENTIN") */
};

typedef struct {
    const char *code;     /* CAMEO code or agent code ("GOV") */
    const char *name;     /* the name as the dictionary wrote it */
    const char *src;      /* "countries", "people", "Phoenix.agents.txt" ... */
    uint32_t from, to;    /* YYYYMMDD validity of a dated role; 0 = open */
    uint8_t type, flags;
    int32_t next;         /* next entry with the same key, -1 */
} actor_entry;

typedef struct {
    uint32_t off, len, hash;
    int32_t entry;        /* first entry with this key, -1 if only a prefix */
    uint8_t prefix;       /* a longer key continues this one */
} phrase_slot;

struct dyad_actor_dict {
    dyad_arena *arena;    /* names, codes */
    actor_entry *e; size_t ne, cape;
    phrase_slot *slots; size_t nslots, used;   /* open addressing */
    char *keys; size_t nkeys, capkeys;         /* key bytes */
    size_t nstems;        /* entries with AF_STEM: the search tries stems */
    /* one-word country, capital and nationality names of five letters or
     * more, for misspellings in the text ("Ethopia", "Afganistan") */
    int32_t *fuzzy; size_t nfuzzy;
    uint32_t fuzzy_at[27];   /* fuzzy[] sorted by first letter: a's start */
};

/* Normalise a name or a span of text into out (cap bytes): ASCII lower
 * case, underscores and whitespace runs to one space, no spaces around
 * hyphens. Returns the length (0 if it does not fit). */
size_t actor_key(const char *s, size_t n, char *out, size_t cap);

/* The slot for a normalised key, or NULL. */
const phrase_slot *actor_dict_find(const dyad_actor_dict *d, const char *key,
                                   size_t n);

/* Date "2014-06-27", "20140627", "2014-06" ... as YYYYMMDD (0 if none). */
uint32_t actor_date(const char *s);

#endif
