"""The weekly digest: the week's figures against last week and the eight before, movers, QA picks, scorer health."""
