"""Forms for measure data: the upload form, and one period's entry on a measure's page.

Both hand their cells to `data_entry.validate_rows`, so a typed value and an uploaded one are
judged by the same checks and described by the same messages.
"""

from __future__ import annotations

from typing import Any

from django import forms

from openqms.control.imports.checks import Validation, entry_row, validate_rows
from openqms.control.models import DataShape, Measure
from openqms.nhsuk.forms import NHSForm
from openqms.people.models import User
from openqms.tables import Problem

# A web request should finish in seconds; a whole trust's monthly extract is far smaller than this.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class UploadForm(NHSForm):
    file = forms.FileField(
        error_messages={
            "required": "Choose a CSV or Excel file to upload",
            "empty": "The chosen file is empty",
        }
    )
    dry_run = forms.BooleanField(required=False, label="Check the file without saving")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The file must be a CSV file (.csv) or an Excel workbook (.xlsx)")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB: split it, or ask an "
                "administrator to load it with the command line (openqms import-data)"
            )
        return upload


class EntryForm(NHSForm):
    """One period of one measure, as typed on the measure's page.

    The view saves `form.validation.points` with `control.services.save_data` when the form is
    valid; the checks (period start, numbers, denominator, proportion) are `validate_rows`'s own.
    """

    period = forms.CharField(
        label="First day of the period", error_messages={"required": "Enter the first day of the period"}
    )
    value = forms.CharField(required=False, label="Value")
    numerator = forms.CharField(required=False, label="Numerator")
    denominator = forms.CharField(required=False, label="Denominator")

    def __init__(self, *args: Any, actor: User | None, measure: Measure, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor, self.measure = actor, measure
        self.validation: Validation | None = None
        if measure.definition.data_shape == DataShape.RATIO:
            del self.fields["value"]
        else:
            del self.fields["numerator"], self.fields["denominator"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        row = entry_row(measure=self.measure, **{name: cleaned.get(name) for name in self.fields})
        self.validation = validate_rows(
            actor=self.actor,
            organisation=self.measure.unit.organisation,
            rows=[(1, row)],
            within=self.measure.unit,
        )
        if self.validation.empty:
            field = "value" if "value" in self.fields else "numerator"
            self.add_error(field, f"Enter the {field}")
        for problem in self.validation.problems:
            self._report(problem)
        return cleaned

    def _report(self, problem: Problem) -> None:
        field = problem.column if problem.column in self.fields else None
        self.add_error(field, problem.message)
