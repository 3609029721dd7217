# A bad file in the middle of a directory: one clear error, nothing of it
# stored, the other files stored, exit status 1.
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
# coded when the syntax models are there, stored only when not
MODE=; $DYAD parse tests/data/store/wire-b.txt >/dev/null 2>&1 || MODE=--no-code
mkdir "$d/in"
cp tests/data/store/wire-a.txt "$d/in/1-good.txt"
printf 'half an article\000 and a NUL byte\n' > "$d/in/2-bad.txt"
cp tests/data/store/wire-b.txt "$d/in/3-good.txt"
$DYAD ingest $MODE --db "$d/x.db" "$d/in" 2>"$d/err"; echo "exit $?"
echo "error lines: $(wc -l < "$d/err"), naming the file: $(grep -c '2-bad.txt' "$d/err")"
$DYAD articles --db "$d/x.db" | sed 's/^{"id":"\([^"]*\)".*/\1/'
