# dyad code with a verb file that does not exist
$DYAD code --verbs tests/data/events/no-such-file.txt </dev/null
