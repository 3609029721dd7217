# dyad read: a document of one line without a full stop is a sentence (to code), not a headline over nothing
printf 'Rebel leaders agreed to a truce with the army on Friday\n' | $DYAD read
