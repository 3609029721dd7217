# UTF-16 is named, with the way to convert it.
$DYAD read tests/data/article/utf16.txt
