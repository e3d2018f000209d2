"""Forms for the measure library and a measure's page: a definition, who reports it, its target,
its annotations and one period's data. Each message says exactly what is wrong and how to put it right.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from openqms.control.models import (
    CHART_CHOICES,
    AnnotationKind,
    DataShape,
    Frequency,
    ImprovementDirection,
    MeasureDefinition,
    MeasureType,
    Rollup,
)
from openqms.nhsuk.fields import DatePartsField, UnitChoiceField, choice_field, number_field, text_field
from openqms.nhsuk.forms import NHSForm
from openqms.organisations.models import Unit
from openqms.spc import ChartType

RATIO_CHARTS = {ChartType.P.value, ChartType.PP.value, ChartType.U.value, ChartType.UP.value}
PROPORTION_CHARTS = {ChartType.P.value, ChartType.PP.value}


class DefinitionForm(NHSForm):
    code = text_field("Code", 40, missing="Enter a short code for the measure, for example FALLS")
    owner_unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        label="Owned by",
        error_messages={
            "required": "Choose the unit that owns the measure",
            "invalid_choice": "Choose a unit you lead",
        },
    )
    name = text_field("Name", 200, missing="Enter the name of the measure")
    definition = text_field("Definition", 4000, missing="Say exactly what is counted, and what is left out")
    unit_of_measurement = text_field(
        "Unit of measurement",
        100,
        missing="Enter the unit of measurement, for example falls per 1,000 bed days",
    )
    measure_type = choice_field("Type", MeasureType.choices, "Choose the type of measure")
    # The organisation's own domains, set by the view (organisations.selectors.domain_choices).
    quality_domain = choice_field("Quality domain", [], "Choose the quality domain")
    direction = choice_field(
        "Improvement direction", ImprovementDirection.choices, "Choose whether higher or lower is better"
    )
    frequency = choice_field("Frequency", Frequency.choices, "Choose how often the data are collected")
    chart_type = choice_field("Chart", CHART_CHOICES, "Choose the chart")
    data_shape = choice_field(
        "Data", DataShape.choices, "Choose whether each period has one value or a numerator and a denominator"
    )
    multiplier = number_field("Multiplier", required=False)
    rollup = choice_field("Roll-up", Rollup.choices, "Choose how the measure adds up across units")
    default_target = number_field("Default target", required=False)
    data_source = text_field("Data source", 200, required=False)
    shared_with_service_users = forms.BooleanField(required=False)

    def __init__(
        self,
        *args: Any,
        domains: list[tuple[str, str]],
        owner_units: QuerySet[Unit] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quality_domain"].choices = domains  # type: ignore[attr-defined]
        if owner_units is None:  # editing: the code and the owner stay as they are
            del self.fields["code"]
            del self.fields["owner_unit"]
        else:
            self.fields["owner_unit"].queryset = owner_units  # type: ignore[attr-defined]

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip().upper()
        if not re.fullmatch(r"[A-Z0-9][A-Z0-9_.-]*", code):
            raise ValidationError("Code must use only letters, numbers, full stops, hyphens and underscores")
        return code

    def clean_multiplier(self) -> float:
        value = self.cleaned_data.get("multiplier")
        if value is None:
            return 1.0
        if not math.isfinite(value) or value <= 0:
            raise ValidationError("Multiplier must be more than 0, for example 100 for a percentage")
        return float(value)

    def clean_default_target(self) -> float | None:
        value = self.cleaned_data.get("default_target")
        if value is not None and not math.isfinite(value):
            raise ValidationError("Default target must be a number, like 12 or 3.5")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        shape, chart, rollup = data.get("data_shape"), data.get("chart_type"), data.get("rollup")
        if chart in RATIO_CHARTS and shape == DataShape.VALUE:
            self.add_error("data_shape", "A p or u chart needs a numerator and a denominator for each period")
        if rollup == Rollup.RATIO and shape == DataShape.VALUE:
            self.add_error("rollup", "Only a measure with numerators and denominators can add up as a ratio")
        if rollup == Rollup.SUM and shape == DataShape.RATIO:
            self.add_error(
                "rollup", "Rates do not add up: choose the sum of numerators over the sum of denominators"
            )
        if shape == DataShape.VALUE and data.get("multiplier", 1.0) != 1.0:
            self.add_error(
                "multiplier", "A multiplier applies only to a numerator and a denominator; leave it empty"
            )
        return data


class ReportForm(NHSForm):
    unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        label="Unit that will report the measure",
        error_messages={
            "required": "Choose the unit that will report the measure",
            "invalid_choice": "Choose a unit you lead that does not report this measure yet",
        },
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class TargetForm(NHSForm):
    effective_from = DatePartsField(label="Date the target starts")
    target = number_field("Target", required=False)
    reason = text_field("Reason", 300, missing="Say why the target changes")

    def clean_target(self) -> float | None:
        value = self.cleaned_data.get("target")
        if value is not None and not math.isfinite(value):
            raise ValidationError("Target must be a number, like 12 or 3.5")
        return value


class AnnotationForm(NHSForm):
    on = DatePartsField(label="Date")
    kind = choice_field("Kind", AnnotationKind.choices, "Choose the kind of note")
    label = text_field("Label", 80, missing="Enter a short label to show on the chart")
    reason = text_field("Reason", 2000, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == AnnotationKind.RECALCULATION and not str(data.get("reason", "")).strip():
            self.add_error("reason", "Say why the limits should be recalculated from this date")
        return data


class ObservationForm(NHSForm):
    """One period's data, shaped by the definition: a value, or a numerator and a denominator."""

    period_start = DatePartsField(label="Start of the period")
    value = number_field("Value", required=False)
    numerator = number_field("Numerator", required=False)
    denominator = number_field("Denominator", required=False)

    def __init__(
        self, *args: Any, definition: MeasureDefinition, today: dt.date | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.today = today or dt.date.today()
        if definition.data_shape == DataShape.RATIO:
            del self.fields["value"]
            self.fields["numerator"].required = True
            self.fields["denominator"].required = True
            self.fields["numerator"].error_messages["required"] = "Enter the numerator"
            self.fields["denominator"].error_messages["required"] = "Enter the denominator"
        else:
            del self.fields["numerator"]
            del self.fields["denominator"]
            self.fields["value"].required = True
            self.fields["value"].error_messages["required"] = "Enter the value"

    def clean_period_start(self) -> dt.date:
        day: dt.date = self.cleaned_data["period_start"]
        frequency = self.definition.frequency
        if frequency == Frequency.WEEKLY and day.weekday() != 0:
            monday = day - dt.timedelta(days=day.weekday())
            raise ValidationError(
                f"Weekly data start on a Monday: enter {monday:%-d %-m %Y} "
                f"for the week that includes {day:%-d %B}"
            )
        if frequency == Frequency.MONTHLY and day.day != 1:
            raise ValidationError(f"Monthly data start on the 1st: enter 1 {day:%-m %Y} for {day:%B %Y}")
        if day > self.today:
            raise ValidationError("Start of the period must be today or in the past")
        return day

    def _finite(self, name: str) -> float | None:
        value = self.cleaned_data.get(name)
        if value is not None and not math.isfinite(value):
            raise ValidationError(f"{name.capitalize()} must be a number, like 12 or 3.5")
        return value

    def clean_value(self) -> float | None:
        return self._finite("value")

    def clean_numerator(self) -> float | None:
        value = self._finite("numerator")
        if value is not None and value < 0:
            raise ValidationError("Numerator must be 0 or more")
        return value

    def clean_denominator(self) -> float | None:
        value = self._finite("denominator")
        if value is not None and value <= 0:
            raise ValidationError("Denominator must be more than 0")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        numerator, denominator = data.get("numerator"), data.get("denominator")
        if (
            self.definition.chart_type in PROPORTION_CHARTS
            and numerator is not None
            and denominator is not None
            and numerator > denominator
        ):
            self.add_error("numerator", "Numerator must not be more than the denominator on a p chart")
        return data


class LibraryFilter(forms.Form):
    domain = forms.ChoiceField(choices=[], required=False)
    type = forms.ChoiceField(choices=[("", "All types"), *MeasureType.choices], required=False)
    q = forms.CharField(max_length=100, required=False)

    def __init__(self, *args: Any, domains: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [("", "All domains"), *domains]  # type: ignore[attr-defined]
