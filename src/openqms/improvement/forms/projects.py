"""Forms for a project's charter, progress, team, measures, tools, tasks and close; each message says
exactly what is wrong and how to put it right.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from openqms.actions.forms.tracker import ActionForm
from openqms.improvement import tools
from openqms.improvement.models import (
    PROGRESS_SCALE,
    MeasureRole,
    Stage,
    ToolKind,
)
from openqms.nhsuk.fields import (
    DatePartsField,
    IdChoiceField,
    UnitChoiceField,
    choice_field,
    number_field,
    text_field,
)
from openqms.nhsuk.forms import NHSForm
from openqms.nhsuk.versions import VersionedForm


class PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name())


class MeasureChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.definition.name} – {obj.unit.name}"


SCORE_CHOICES = [(str(score), f"{score} – {words}") for score, words in PROGRESS_SCALE]
OPEN_STAGES = [(v, label) for v, label in Stage.choices if v != Stage.CLOSED]


def _person(label: str, missing: str) -> PersonChoice:
    return PersonChoice(
        queryset=None,
        label=label,
        error_messages={"required": missing, "invalid_choice": f"Choose a {label.lower()} from the list"},
    )


class ProjectForm(VersionedForm):
    unit = UnitChoiceField(
        queryset=None,
        label="Unit",
        error_messages={
            "required": "Choose the unit whose project this is",
            "invalid_choice": "Choose a unit where you work",
        },
    )
    title = text_field("Title", 200, missing="Enter a short title for the project")
    problem = text_field("Problem", 4000, missing="Describe the problem: what happens, to whom, how often")
    aim = text_field("Aim", 2000, missing="Write the aim: what will improve, by how much, by when")
    aim_measure = MeasureChoice(
        queryset=None,
        label="Measure",
        error_messages={
            "required": "Choose the measure that will show the aim is met",
            "invalid_choice": "Choose a measure from the list",
        },
    )
    aim_target = number_field("Target", missing="Enter the target the aim sets for the measure, as a number")
    aim_by = DatePartsField(
        label="Date the aim will be met",
        error_messages={"required": "Enter the date by which the aim will be met"},
    )
    # The organisation's own domains, set by the view (organisations.selectors.domain_choices).
    quality_domain = choice_field("Quality domain", [], "Choose the quality domain the project improves")
    scope = text_field("Scope", 4000, required=False)
    sponsor = _person("Sponsor", "Choose the project's sponsor, a senior leader")
    lead = _person("Lead", "Choose the person who leads the project")
    stakeholders = text_field("Stakeholders", 4000, required=False)
    escalation: forms.ModelChoiceField = IdChoiceField(  # type: ignore[type-arg]
        queryset=None,
        required=False,
        label="Escalation it answers",
        error_messages={"invalid_choice": "Choose an escalation from the list"},
    )
    strategic_priority: forms.ModelChoiceField = IdChoiceField(  # type: ignore[type-arg]
        queryset=None,
        required=False,
        label="Strategic priority it serves",
        error_messages={"invalid_choice": "Choose one of the organisation’s strategic priorities"},
    )
    starts_on = DatePartsField(label="Start date")
    ends_on = DatePartsField(label="Planned end date")

    def __init__(
        self,
        *args: Any,
        units: QuerySet[Any] | None,
        measures: QuerySet[Any],
        people: QuerySet[Any],
        sponsors: QuerySet[Any],
        escalations: QuerySet[Any],
        priorities: QuerySet[Any],
        domains: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quality_domain"].choices = domains  # type: ignore[attr-defined]
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["aim_measure"].queryset = measures  # type: ignore[attr-defined]
        self.fields["lead"].queryset = people  # type: ignore[attr-defined]
        self.fields["sponsor"].queryset = sponsors  # type: ignore[attr-defined]
        self.fields["escalation"].queryset = escalations  # type: ignore[attr-defined]
        self.fields["strategic_priority"].queryset = priorities  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends, aim_by = data.get("starts_on"), data.get("ends_on"), data.get("aim_by")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The planned end date must be on or after the start date")
        if starts and aim_by and aim_by < starts:
            self.add_error("aim_by", "The date the aim will be met must be on or after the start date")
        return data


class ProgressForm(NHSForm):
    stage = choice_field("Stage", OPEN_STAGES, "Choose the project's stage")
    score = choice_field("Progress score", SCORE_CHOICES, "Choose a progress score from 0.5 to 5")
    on = DatePartsField(label="Date")
    note = text_field("Note", 2000, required=False)

    def clean_score(self) -> Decimal:
        return Decimal(self.cleaned_data["score"])

    def clean_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["on"]
        if day > dt.date.today():
            raise ValidationError("The date cannot be in the future")
        return day


class MemberForm(NHSForm):
    person = _person("Person", "Choose the person to add to the team")
    role = text_field(
        "Part in the team", 100, missing="Say what part they play, for example: service user partner"
    )

    find = text_field("Or their exact full name or e-mail address", 254, required=False)

    def __init__(
        self, *args: Any, people: QuerySet[Any], directory: QuerySet[Any] | None = None, **kwargs: Any
    ) -> None:
        """`people` are those offered (near the person adding); `directory` everyone who may be
        added, found only by exact full name or e-mail address (ADR 31)."""
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["person"].required = False
        self.directory = directory if directory is not None else people

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        typed = (cleaned.get("find") or "").strip()
        if cleaned.get("person") is None and "person" not in self.errors:
            if not typed:
                self.add_error("person", "Choose the person to add to the team")
                return cleaned
            found = list(self.directory.filter(Q(full_name__iexact=typed) | Q(email__iexact=typed))[:2])
            if not found:
                self.add_error("find", "No one who may join the team has exactly that name or e-mail address")
            elif len(found) > 1:
                self.add_error("find", "More than one person has that name: type their e-mail address")
            else:
                cleaned["person"] = found[0]
        return cleaned


class ProjectMeasureForm(NHSForm):
    measure = MeasureChoice(
        queryset=None,
        label="Measure",
        error_messages={
            "required": "Choose a measure from the library",
            "invalid_choice": "Choose a measure from the list",
        },
    )
    role = choice_field(
        "Kind of measure",
        MeasureRole.choices,
        "Choose whether it is an outcome, process or balancing measure",
    )

    def __init__(self, *args: Any, measures: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = measures  # type: ignore[attr-defined]


class CloseForm(NHSForm):
    score = choice_field(
        "Final progress score", SCORE_CHOICES, "Choose the final progress score from 0.5 to 5"
    )
    lessons = text_field(
        "Lessons learned", 8000, missing="Write what the team learned, so that others can find it"
    )

    def clean_score(self) -> Decimal:
        return Decimal(self.cleaned_data["score"])


TOOL_HINTS = {
    "fishbone": "One category per line: the category, a colon, then its causes separated by semicolons. "
    "For example: Staff: new to the ward; agency nurses at night",
    "pareto": "One category per line: the category, a comma, then how many times it happened. "
    "For example: Wrong dose, 12",
    "process_map": "One step per line, in order; each goes on to the next line. Start: and End: mark the "
    "start and the end. A decision starts with a question mark and lists its answers after a |: "
    "? Urgent? | yes -> 4 | no -> 6. Add -> and a step number to jump instead of going on to the next "
    "line. Typing lays the map out again, but steps whose words are unchanged keep their place.",
}


class ToolForm(NHSForm):
    kind = choice_field("Tool", ToolKind.choices, "Choose a fishbone, a Pareto chart or a process map")
    title = text_field(
        "Title", 200, missing="Enter a title: for a fishbone, the effect (the problem) it explains"
    )
    source = text_field("The data", 20000, required=False)
    upload = forms.FileField(
        label="Or upload a CSV file",
        required=False,
        error_messages={"invalid": "The file could not be read: upload a CSV file"},
    )

    def __init__(self, *args: Any, kind: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind is not None:
            del self.fields["kind"]
        self.tool_kind = kind

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = self.tool_kind or data.get("kind")
        upload = data.get("upload")
        if upload is not None:
            if kind != ToolKind.PARETO:
                self.add_error("upload", "Only a Pareto chart is made from a CSV file")
            elif upload.size > 1_000_000:
                self.add_error("upload", "The CSV file must be smaller than 1 MB")
            else:
                try:
                    data["source"] = tools.pareto_from_csv(upload.read())
                except tools.ToolError as exc:
                    self.add_error("upload", str(exc))
        elif not str(data.get("source", "")).strip() and "source" not in self.errors:
            self.add_error("source", "Enter the data, one item per line")
        return data


class TaskForm(ActionForm):
    """A task of the project team: an action whose source is the project itself."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("source_label", "source_kind", "source_id"):
            del self.fields[name]
