"""Indicators: areas, the indicator catalogue, observations (drafts, approval, history),
bulk writes (JSON batch and CSV/XLSX import), streamed exports and status.

Design notes for readers of the code:

* One row per (indicator, area, period). Its plain columns hold the current entry (a
  draft until approved); the ``pub_*`` columns hold the approved value that everyone who
  does not own the indicator sees. A correction therefore never hides or leaks: others
  keep the approved value until the correction is approved, and the replaced approved
  value goes to ``observation_revisions`` (the history).
* Visibility, drafts and withholding (n below the minimum) are SQL expressions in
  ``observations.observation_select``; JSON pages and every download format read the same
  select, so no format can forget a rule.
* Batch and import share one pipeline: ``validate_rows`` (every error, with row and
  column; permissions per row) then ``write_candidates`` (all or nothing; new rows by
  executemany / COPY on the session's own connection, changed rows by one executemany
  UPDATE; one audit event with the summary).
* Periods are normalised (``2024K1`` -> ``2024-Q1``, ``2024M03`` -> ``2024-03``) and carry
  ``period_start``, the sort key for from/to filters and "the previous period".
* ``status.py`` holds the status rules (documented there) and the official list criteria.
"""
