"""Measure data pages: upload a file for a unit, see what it did or every problem in it, templates.

Views only translate HTTP: the unit or measure comes through the policy (404 when out of scope),
the checks and writes through `data_entry.submit_rows`. A result is kept as a small JSON file,
named by a random token that only the uploader's session knows, so that a long problem list can be
paged through and downloaded without uploading the file again.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify

from openqms.access import policy
from openqms.control.forms.data import MAX_UPLOAD_BYTES, UploadForm
from openqms.control.imports.files import (
    CSV_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    read_upload,
    write_csv,
    write_problems_csv,
    write_xlsx,
)
from openqms.control.models import Measure
from openqms.control.selectors import data as data_selectors
from openqms.control.services.data import submit_rows
from openqms.nhsuk import downloads
from openqms.nhsuk.views import unit_for
from openqms.organisations.models import Unit
from openqms.people.requests import AuthenticatedHttpRequest

RESULTS_KEY = "control_data_results"
RESULTS_DIR = "measure-data-results"
PROBLEMS_PER_PAGE = 200
KEPT_RESULTS = 20
# A result lists at most this many problems (the count says how many there were): a file of a
# million wrong cells must not leave a file of a million problems behind.
KEPT_PROBLEMS = 10_000
# Results of sessions that ended are removed by the next upload once they are this old.
RESULT_AGE = dt.timedelta(days=1)
FORMATS = {"csv": CSV_MEDIA_TYPE, "xlsx": XLSX_MEDIA_TYPE}


def upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = unit_for(request, pk, policy.Permission.CONTRIBUTE)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        data = read_upload(upload_file.read(), upload_file.name)
        dry_run = form.cleaned_data["dry_run"]
        submission = submit_rows(
            actor=request.user,
            organisation=unit.organisation,
            rows=data.rows(),
            source=upload_file.name,
            within=unit,
            dry_run=dry_run,
            file_problems=data.problems,
        )
        validation, summary = submission.validation, submission.summary
        token = _keep(
            request,
            {
                "unit": unit.pk,
                "file": upload_file.name,
                "dry_run": dry_run,
                "at": timezone.now().isoformat(),
                "rows": validation.rows,
                "points": len(validation.points),
                "empty": validation.empty,
                "problems": [
                    [p.line, p.column, p.value, p.message] for p in validation.problems[:KEPT_PROBLEMS]
                ],
                "problem_count": len(validation.problems),
                "summary": summary.__dict__ if summary else None,
            },
        )
        return redirect("control:data-result", pk=unit.pk, token=token)
    measures = list(data_selectors.measures_to_fill(request.user, unit))
    return render(
        request,
        "control/data/upload.jinja",
        {
            "unit": unit,
            "form": form,
            "measures": measures,
            "max_mb": MAX_UPLOAD_BYTES // 1024 // 1024,
            "page": "control",
        },
    )


def _keep(request: AuthenticatedHttpRequest, result: dict[str, Any]) -> str:
    token = secrets.token_urlsafe(16)
    default_storage.save(f"{RESULTS_DIR}/{token}.json", ContentFile(json.dumps(result).encode()))
    tokens = [*request.session.get(RESULTS_KEY, []), token]
    # A session keeps its last few results; older ones could no longer be opened, so they go.
    for old in tokens[:-KEPT_RESULTS]:
        default_storage.delete(f"{RESULTS_DIR}/{old}.json")
    request.session[RESULTS_KEY] = tokens[-KEPT_RESULTS:]
    _remove_stale_results()
    return token


def _remove_stale_results() -> None:
    before = timezone.now() - RESULT_AGE
    try:
        _, names = default_storage.listdir(RESULTS_DIR)
    except FileNotFoundError:
        return
    for name in names:
        path = f"{RESULTS_DIR}/{name}"
        try:
            if default_storage.get_modified_time(path) < before:
                default_storage.delete(path)
        except FileNotFoundError:
            continue  # another request removed it first


def _result(request: AuthenticatedHttpRequest, unit: Unit, token: str) -> dict[str, Any]:
    if token not in request.session.get(RESULTS_KEY, []):
        raise Http404("Not found")
    try:
        with default_storage.open(f"{RESULTS_DIR}/{token}.json") as handle:
            result: dict[str, Any] = json.load(handle)
    except (FileNotFoundError, OSError, ValueError) as exc:
        raise Http404("Not found") from exc
    if result.get("unit") != unit.pk:
        raise Http404("Not found")
    return result


def result(request: AuthenticatedHttpRequest, pk: int, token: str) -> HttpResponse:
    unit = unit_for(request, pk, policy.Permission.CONTRIBUTE)
    found = _result(request, unit, token)
    problems = Paginator(found["problems"], PROBLEMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "control/data/result.jinja",
        {
            "unit": unit,
            "result": found,
            "token": token,
            "problems": problems,
            "problem_count": found.get("problem_count", len(found["problems"])),
            "kept_count": len(found["problems"]),
            "page": "control",
        },
    )


def problems_csv(request: AuthenticatedHttpRequest, pk: int, token: str) -> HttpResponse:
    unit = unit_for(request, pk, policy.Permission.CONTRIBUTE)
    found = _result(request, unit, token)
    name = f"problems-{slugify(found['file'].rsplit('.', 1)[0]) or 'upload'}.csv"
    return downloads.attachment(write_problems_csv(found["problems"]), CSV_MEDIA_TYPE, name)


def unit_template(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    unit = unit_for(request, pk, policy.Permission.CONTRIBUTE)
    measures = list(data_selectors.measures_to_fill(request.user, unit))
    return _template(measures, fmt, f"{slugify(unit.code)}-measure-data", unit.name)


def measure_template(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    measure = policy.get_or_404(
        request.user,
        policy.Permission.CONTRIBUTE,
        Measure.objects.select_related("definition", "unit"),
        pk=pk,
    )
    return _template(
        [measure],
        fmt,
        f"{slugify(measure.definition.code)}-{slugify(measure.unit.code)}-data",
        measure.definition.code,
    )


def _template(measures: list[Measure], fmt: str, name: str, title: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("Not found")
    columns = data_selectors.template_columns(measures)
    rows = data_selectors.template_rows(measures, columns, timezone.localdate())
    content = write_csv(columns, rows) if fmt == "csv" else write_xlsx(columns, rows, title=title)
    return downloads.attachment(content, FORMATS[fmt], f"{name}.{fmt}")
