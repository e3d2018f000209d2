"""The NHS.UK interface that every app's pages share (ADR 22).

A foundation package: it may import access, organisations, people and audit (and the SPC engine's
renderer, which is pure), and no domain app, so that every app, `openqms.actions` included, can
build its pages on it.

- `forms`: `NHSForm`, the one form base, and what the NHS.UK macros ask of a form
- `fields`: fields whose messages say exactly what is wrong (text, number, choice, date, unit, person)
- `views`: a unit fetched through the policy, `require` (404 for what may not be done), and
  `save_form`, the usual form page (check, save through the service, say so, redirect)
- `downloads`: files answered as attachments (CSV, Excel, SVG, PNG)
- `htmx`: telling an HTMX request from a page load
- `jinja2/nhsuk/_forms.jinja`: the macros that draw a form's fields and its error summary
"""
