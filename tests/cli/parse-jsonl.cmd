$DYAD parse tests/data/text/parse.jsonl | cut -f1,2,10
