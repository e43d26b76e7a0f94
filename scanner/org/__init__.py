"""Org-wide periodic scans: many repositories in parallel (process pool or Dask), a SQLite
history of runs, and a report with risk ranking, NIST AI RMF coverage, trends and changes."""
