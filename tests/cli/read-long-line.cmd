# A 50 MB single line, as text and as one JSON Lines record: read whole,
# no crash, no hang (made here, never committed).
t=$(mktemp -d "${TMPDIR:-/tmp}/dyad-long.XXXXXX")
head -c 50000000 /dev/zero | tr '\0' 'x' > "$t/long.txt"
{ printf '{"id":"long","text":"'; head -c 50000000 /dev/zero | tr '\0' 'y'; printf '"}\n'; } > "$t/long.jsonl"
$DYAD read "$t/long.txt" > /dev/null && echo "text ok"
$DYAD read "$t/long.jsonl" > /dev/null && echo "jsonl ok"
rm -rf "$t"
