# dyad code reports the unusable lines of PETRARCH actor and agent files and goes on
echo '{"id":"a","text":"Hello there."}' | $DYAD code --actors tests/data/actors/petr.actors.txt --agents tests/data/actors/petr.agents.txt --input jsonl
