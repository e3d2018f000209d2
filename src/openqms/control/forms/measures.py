"""Forms for the control pages; each message says exactly what is wrong and how to put it right.

Forms check what was typed; the services still guard their invariants, and a view turns a refusal
of theirs into form errors.
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
    QualityDomain,
    Rollup,
)
from openqms.organisations.models import Unit
from openqms.spc import ChartType

RATIO_CHARTS = {ChartType.P.value, ChartType.PP.value, ChartType.U.value, ChartType.UP.value}
PROPORTION_CHARTS = {ChartType.P.value, ChartType.PP.value}


class DateParts(forms.Widget):
    """The NHS.UK date input posts three boxes: name_day, name_month and name_year."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> tuple[str, ...]:
        return tuple(str(data.get(f"{name}_{part}", "")).strip() for part in ("day", "month", "year"))

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return all(f"{name}_{part}" not in data for part in ("day", "month", "year"))


class DateField(forms.Field):
    widget = DateParts

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {"required": f"Enter the {label.lower()}"})
        super().__init__(label=label, **kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if value is None or isinstance(value, dt.date):
            return value
        day, month, year = value
        if not (day or month or year):
            return None
        label = str(self.label)
        missing = [name for name, text in (("day", day), ("month", month), ("year", year)) if not text]
        if missing:
            raise ValidationError(f"{label} must include a {' and a '.join(missing)}")
        if not all(re.fullmatch(r"\d{1,4}", text) for text in value):
            raise ValidationError(f"{label} must be a real date, in numbers")
        if len(year) != 4:
            raise ValidationError(f"Year in the {label.lower()} must include 4 numbers")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValidationError(f"{label} must be a real date") from exc


def _number(label: str, *, required: bool = True, missing: str | None = None) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        required=required,
        error_messages={
            "required": missing or f"Enter the {label.lower()}",
            "invalid": f"{label} must be a number, like 12 or 3.5",
        },
    )


def _text(
    label: str, max_length: int, *, required: bool = True, missing: str | None = None
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={
            "required": missing or f"Enter the {label.lower()}",
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
    )


def _choice(label: str, choices: Any, missing: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        error_messages={"required": missing, "invalid_choice": f"Choose a {label.lower()} from the list"},
    )


class NHSForm(forms.Form):
    """What the templates need to draw a form with the NHS.UK macros and its error summary."""

    def field_id(self, name: str) -> str:
        if isinstance(self.fields[name], DateField):
            value = self[name].value()
            parts = value if isinstance(value, tuple) else ("", "", "")
            bad = next(
                (p for p, t in zip(("day", "month", "year"), parts, strict=True) if not t.isdigit()), "day"
            )
            return f"id_{name}_{bad}"
        return f"id_{name}"

    def add_service_errors(self, exc: ValidationError) -> None:
        """A service's refusal, on the fields it names that the form has, else above the form."""
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, exc)

    def error_for(self, name: str) -> dict[str, str] | None:
        errors = self.errors.get(name)
        return {"text": str(errors[0])} if errors else None

    def summary_errors(self) -> list[dict[str, str]]:
        first = next(iter(self.fields))
        items = [{"text": str(e), "href": f"#{self.field_id(first)}"} for e in self.errors.get("__all__", [])]
        for name in self.fields:
            errors = self.errors.get(name)
            if errors:
                # errors[0], not a slice: only indexing turns an error added with add_error into its
                # text; a slice keeps the ValidationError, shown as a list's repr (['...']).
                items.append({"text": str(errors[0]), "href": f"#{self.field_id(name)}"})
        return items

    def text_of(self, name: str) -> str:
        value = self[name].value()
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return "" if value is None else str(value)

    def date_parts(self, name: str) -> dict[str, str]:
        value = self[name].value()
        if isinstance(value, dt.date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        if isinstance(value, tuple):
            return dict(zip(("day", "month", "year"), value, strict=True))
        return {"day": "", "month": "", "year": ""}

    def items(self, name: str, empty: str | None = None) -> list[dict[str, Any]]:
        current = self.text_of(name)
        field: Any = self.fields[name]
        found: list[dict[str, Any]] = [{"value": "", "text": empty}] if empty is not None else []
        for value, label in field.choices:
            if str(value) != "":
                found.append({"value": str(value), "text": str(label), "selected": str(value) == current})
        return found

    def radio_items(self, name: str) -> list[dict[str, Any]]:
        return [{**i, "checked": i.pop("selected")} for i in self.items(name)]


class UnitChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Unit) -> str:
        return f"{chr(0x2003) * obj.depth}{obj.name}"


class DefinitionForm(NHSForm):
    code = _text("Code", 40, missing="Enter a short code for the measure, for example FALLS")
    owner_unit = UnitChoice(
        queryset=Unit.objects.none(),
        label="Owned by",
        error_messages={
            "required": "Choose the unit that owns the measure",
            "invalid_choice": "Choose a unit you lead",
        },
    )
    name = _text("Name", 200, missing="Enter the name of the measure")
    definition = _text("Definition", 4000, missing="Say exactly what is counted, and what is left out")
    unit_of_measurement = _text(
        "Unit of measurement",
        100,
        missing="Enter the unit of measurement, for example falls per 1,000 bed days",
    )
    measure_type = _choice("Type", MeasureType.choices, "Choose the type of measure")
    quality_domain = _choice("Quality domain", QualityDomain.choices, "Choose the quality domain")
    direction = _choice(
        "Improvement direction", ImprovementDirection.choices, "Choose whether higher or lower is better"
    )
    frequency = _choice("Frequency", Frequency.choices, "Choose how often the data are collected")
    chart_type = _choice("Chart", CHART_CHOICES, "Choose the chart")
    data_shape = _choice(
        "Data", DataShape.choices, "Choose whether each period has one value or a numerator and a denominator"
    )
    multiplier = _number("Multiplier", required=False)
    rollup = _choice("Roll-up", Rollup.choices, "Choose how the measure adds up across units")
    default_target = _number("Default target", required=False)
    data_source = _text("Data source", 200, required=False)
    shared_with_service_users = forms.BooleanField(required=False)

    def __init__(self, *args: Any, owner_units: QuerySet[Unit] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
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
    unit = UnitChoice(
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
    effective_from = DateField(label="Date the target starts")
    target = _number("Target", required=False)
    reason = _text("Reason", 300, missing="Say why the target changes")

    def clean_target(self) -> float | None:
        value = self.cleaned_data.get("target")
        if value is not None and not math.isfinite(value):
            raise ValidationError("Target must be a number, like 12 or 3.5")
        return value


class AnnotationForm(NHSForm):
    on = DateField(label="Date")
    kind = _choice("Kind", AnnotationKind.choices, "Choose the kind of note")
    label = _text("Label", 80, missing="Enter a short label to show on the chart")
    reason = _text("Reason", 2000, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == AnnotationKind.RECALCULATION and not str(data.get("reason", "")).strip():
            self.add_error("reason", "Say why the limits should be recalculated from this date")
        return data


class ObservationForm(NHSForm):
    """One period's data, shaped by the definition: a value, or a numerator and a denominator."""

    period_start = DateField(label="Start of the period")
    value = _number("Value", required=False)
    numerator = _number("Numerator", required=False)
    denominator = _number("Denominator", required=False)

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
    domain = forms.ChoiceField(choices=[("", "All domains"), *QualityDomain.choices], required=False)
    type = forms.ChoiceField(choices=[("", "All types"), *MeasureType.choices], required=False)
    q = forms.CharField(max_length=100, required=False)
