"""Importing units or people from a CSV file into one organisation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect

from openqms.administration import imports
from openqms.administration.forms.imports import ImportForm
from openqms.administration.selectors.units import organisation_in_scope_or_404
from openqms.administration.views.common import crumbs, page
from openqms.people.requests import AuthenticatedHttpRequest

RESULT_KEY = "administration_import_result"
# What the page lists after an import; the counts are always whole.
LISTED = 500


def import_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_in_scope_or_404(request.user, pk)
    form = ImportForm(request.POST if request.method == "POST" else None, request.FILES or None)
    report, filename = None, ""
    if request.method == "POST" and form.is_valid():
        filename = form.cleaned_data["file"].name
        what = form.cleaned_data["what"]
        run = imports.import_units if what == "units" else imports.import_people
        report = run(actor=request.user, organisation=organisation, data=form.cleaned_data["file"].read())
        if report.ok:
            request.session[RESULT_KEY] = _result(organisation.pk, what, report)
            counts = f"{len(report.created)} created, {len(report.unchanged)} unchanged"
            messages.success(request, f"The file has been imported: {counts}.")
            return redirect("administration:import", organisation.pk)
    result = request.session.pop(RESULT_KEY, None) if request.method == "GET" else None
    if result and result.get("organisation") != organisation.pk:
        result = None
    return page(
        request,
        "import.jinja",
        {
            "organisation": organisation,
            "form": form,
            "report": report,
            "filename": filename,
            "result": result,
            "unit_columns": imports.UNIT_COLUMNS,
            "people_columns": imports.PEOPLE_COLUMNS,
            "max_rows": imports.MAX_ROWS,
            "max_mb": imports.MAX_BYTES // (1024 * 1024),
            "crumbs": crumbs(request.user),
        },
    )


def _result(organisation_pk: int, what: str, report: imports.ImportReport) -> dict[str, Any]:
    return {
        "organisation": organisation_pk,
        "what": what,
        "created": report.created[:LISTED],
        "created_count": len(report.created),
        "unchanged": report.unchanged[:LISTED],
        "unchanged_count": len(report.unchanged),
    }
