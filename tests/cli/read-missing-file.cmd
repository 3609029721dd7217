$DYAD read tests/data/no-such-file.txt
