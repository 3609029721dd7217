$DYAD read tests/data/truncated.jsonl >/dev/null
