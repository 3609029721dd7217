# dyad timex: expressions normalised against --dct, one JSON object each
printf 'Officials will meet next month, a year after talks in May that ran for two hours on Thursday.\n' | $DYAD timex --dct 2014-06-27
