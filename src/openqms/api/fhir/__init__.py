"""FHIR R4 at /api/fhir/: measure definitions as `Measure`, a measure's data as `MeasureReport`.

Its own NinjaAPI (`api.py`) with the JSON API's authentication, its own errors (OperationOutcome,
`outcomes.py`) and its own documentation (docs/fhir.md, ADR 33). Reads go through control's
selectors (`selectors.py`), resources are built in `presenters.py`, and MeasureReports coming in are
turned into rows of a data file and handed to control's `submit_rows` (`imports.py`).
"""
