# --format gdelt: ActionGeo columns (type, name, FIPS country, ADM1 as GDELT writes it: "USCA", lat, lon)
echo '{"id":"g","date":"2020-01-01","text":"France and Germany met in Sacramento, California on Tuesday. Italy and Spain met in Lyon on Wednesday."}' | $DYAD code --format gdelt --input jsonl | cut -f 51-58 | sort -u
