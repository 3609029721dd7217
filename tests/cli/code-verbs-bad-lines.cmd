# dyad code reports the unusable lines of a user pattern file and goes on
echo '{"id":"a","text":"Hello there."}' | $DYAD code --verbs tests/data/events/bad-verbs.txt --input jsonl
