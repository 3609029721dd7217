# A scraped page: menu, byline, date line, dateline, share row, related
# link and copyright taken apart (sentences left out: the text stage's part).
$DYAD read tests/data/article/p01-geneva.txt | sed 's/"sentences":\[[^]]*\],//'
