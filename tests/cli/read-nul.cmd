printf 'Protesters gathered.\nA second\000line.\n' | $DYAD read --input text
