echo x | $DYAD read --date 2014-13-01
