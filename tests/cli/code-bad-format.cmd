# dyad code with an unknown --format
$DYAD code --format xml </dev/null
