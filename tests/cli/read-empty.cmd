$DYAD read tests/data/empty.txt
