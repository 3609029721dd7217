$DYAD parse tests/data/text/parse.txt | cut -f1,2,10
