# Invalid UTF-8 is repaired (U+FFFD) with a warning; the article is read.
$DYAD read tests/data/latin1.txt | sed 's/"sentences":\[[^]]*\],//'
