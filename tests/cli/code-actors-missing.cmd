# a PETRARCH actor file that cannot be read is an error
echo '{"id":"a","text":"Hello there."}' | $DYAD code --actors tests/data/actors/no-such-file.txt --input jsonl
