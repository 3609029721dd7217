# A file of only whitespace is an error, not an empty article.
$DYAD read tests/data/article/blank.txt
