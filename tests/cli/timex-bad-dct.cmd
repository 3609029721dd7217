# dyad timex: a --dct that is not a date is a usage error
echo x | $DYAD timex --dct 2014-13-01
