$DYAD parse tests/data/text/parse.txt
