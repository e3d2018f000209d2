"""Forms for the action tracker: an action, a progress note, closing with evidence."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from openqms.actions.models import Priority as ActionPriority
from openqms.actions.models import Status as ActionStatus
from openqms.links import registry as links
from openqms.links.registry import Source
from openqms.nhsuk.fields import DatePartsField, IdChoiceField, choice_field, text_field
from openqms.nhsuk.forms import NHSForm
from openqms.nhsuk.ids import parse_id
from openqms.nhsuk.versions import VersionedForm
from openqms.organisations.models import Unit
from openqms.people.models import User

NOT_A_SOURCE = "The link to what raised the action must be a page of OpenQMS"

# Closing is a form of its own, with the evidence and a check that it worked (CloseForm).
OPEN_ACTION_STATUSES = [(s.value, s.label) for s in ActionStatus if s != ActionStatus.CLOSED]


class ActionForm(VersionedForm):
    title = text_field("What needs doing", 200, missing="Say what needs doing")
    description = text_field("Details", 4000, required=False)
    owner: Any = IdChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose the owner from the people on the unit"},
    )
    due_on = DatePartsField(label="Due date")
    priority = choice_field("Priority", ActionPriority.choices, "Choose the priority")
    # What raised it: its words, and its kind and id (openqms.links), from the page's "Raise an action".
    source_label = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    source_kind = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    source_id = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        people: QuerySet[Any],
        editing: bool = False,
        user: User | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people  # type: ignore[attr-defined]
        self.user = user
        if editing:
            for name in ("source_label", "source_kind", "source_id"):
                del self.fields[name]
            self.fields["status"] = choice_field("Status", OPEN_ACTION_STATUSES, "Choose the status")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "source_kind" in self.fields:
            kind, pk = str(data.pop("source_kind", "") or ""), str(data.pop("source_id", "") or "")
            data["source"] = self._source(kind, pk)
        return data

    def _source(self, kind: str, pk: str) -> Source | None:
        """What raised the action, which must be something the raiser may open."""
        if not kind and not pk:
            return None
        source_id = parse_id(pk)
        source = Source(kind, source_id) if kind and source_id is not None else None
        if source is None or self.user is None or links.resolve(self.user, source) is None:
            self.add_error("source_kind", NOT_A_SOURCE)
            return None
        return source


class NoteForm(NHSForm):
    text = text_field("Progress note", 4000, missing="Enter the progress note")


class CloseForm(NHSForm):
    evidence = text_field("What was done", 4000, missing="Say what was done, and where the evidence is")
    effectiveness_check = text_field(
        "How you checked it worked", 4000, missing="Say how you checked that the action worked"
    )
    effective = forms.TypedChoiceField(
        choices=[("yes", "Yes, it worked"), ("no", "No, it did not work")],
        coerce=lambda v: v == "yes",
        error_messages={
            "required": "Say whether the action worked",
            "invalid_choice": "Say whether the action worked",
        },
    )
