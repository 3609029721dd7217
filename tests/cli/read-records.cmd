# JSON Lines records: title, date, source and url given; text kept as is
# unless it clearly carries chrome.
$DYAD read tests/data/article/records.jsonl | sed 's/"sentences":\[[^]]*\],//'
