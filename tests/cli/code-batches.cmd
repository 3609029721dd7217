# dyad code reads records in batches of 64: what it writes and says is what one record at a time gives — every record's events in order, a repaired file's warning before its events, and at a bad record everything before it, then the error, and nothing after
f="${TMPDIR:-/tmp}/dyad-code-batches.$$.jsonl"
{ i=0; while [ $i -lt 66 ]; do printf '{"id":"r%d","date":"2015-03-02","text":"Germany accused Russia of breaking the ceasefire."}\n' $i; i=$((i+1)); done
  printf '{"id":"r66","date":"2015-03-02","text":"China and Japan agreed to resume talks."}\n'
  printf '{"id":"broken","text": "The mayor\n'
  printf '{"id":"after","date":"2015-03-02","text":"Rebels attacked a police station."}\n'; } > "$f"
$DYAD code tests/data/latin1.txt "$f" tests/data/latin1.txt > "$f.out" 2> "$f.err"
echo "status $?"
sed 's|^dyad: .*/dyad-code-batches.*jsonl|dyad: FILE|' "$f.err"
cut -c1-60 "$f.out"
rm -f "$f" "$f.out" "$f.err"
