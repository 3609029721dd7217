$DYAD read tests/data
