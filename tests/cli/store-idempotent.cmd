# Ingesting the same files twice stores each article once; the copy under
# another name is linked to its original as an exact duplicate.
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
# coded when the syntax models are there, stored only when not
MODE=; $DYAD parse tests/data/store/wire-b.txt >/dev/null 2>&1 || MODE=--no-code
cp tests/data/store/wire-a.txt "$d/a.txt"
cp tests/data/store/wire-a.txt "$d/copy-of-a.txt"
cp tests/data/store/wire-c.txt "$d/c.txt"
$DYAD ingest $MODE --db "$d/x.db" "$d/a.txt" "$d/c.txt" "$d/copy-of-a.txt" || echo fail
$DYAD ingest $MODE --db "$d/x.db" "$d" || echo fail
$DYAD articles --db "$d/x.db" | sed 's/^{"id":"\([^"]*\)".*"duplicate_of":\([^,]*\),"duplicate_kind":\([^,]*\),.*/\1 \2 \3/'
