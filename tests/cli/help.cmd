# every verb answers --help with its usage on stdout and exit 0
$DYAD --help | head -1
for v in read parse code timex ingest articles events stories search series export; do
  $DYAD $v --help > /tmp/dyad-help.$$ || { echo "$v --help failed"; continue; }
  head -1 /tmp/dyad-help.$$ | grep -q "^usage: dyad $v" || echo "$v: no usage line"
done
rm -f /tmp/dyad-help.$$
$DYAD --version | sed 's/[0-9.]*$/VERSION/'
