$DYAD frobnicate
