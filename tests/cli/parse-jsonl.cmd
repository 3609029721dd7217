$DYAD parse tests/data/text/parse.jsonl
