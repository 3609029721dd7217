# dyad timex: a JSON Lines record's own date is the DCT
printf '{"id":"r1","date":"2013-03-22","text":"Last year was bad; this week is better."}\n' | $DYAD timex --input jsonl
