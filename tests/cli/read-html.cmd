# An HTML page: metadata from the head, the article's paragraphs, the boxes
# around it listed as removed (sentences left out: the text stage's part).
$DYAD read tests/data/article/p10-page.html | sed 's/"sentences":\[[^]]*\],//'
