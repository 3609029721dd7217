# The question verbs: --db is required and must exist; bad filter values
# are usage errors (exit 2).
$DYAD events 2>&1; echo "exit $?"
$DYAD events --db /nonexistent/x.db 2>&1; echo "exit $?"
$DYAD events --db x.db --dyad USA 2>&1; echo "exit $?"
$DYAD series --db x.db --dyad USA,CHN --by fortnight 2>&1; echo "exit $?"
$DYAD events --db x.db --from 2014-6 2>&1; echo "exit $?"
$DYAD export --db x.db 2>&1; echo "exit $?"
$DYAD search --db x.db 2>&1; echo "exit $?"
$DYAD ingest a.txt 2>&1; echo "exit $?"
