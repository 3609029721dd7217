# dyad timex: without any date relative expressions keep X for what is unknown; --date supplies one
printf 'The deal was signed last month, on 4 July 1998.\n' | $DYAD timex
printf 'The deal was signed last month, on 4 July 1998.\n' | $DYAD timex --date 2014-06-27
