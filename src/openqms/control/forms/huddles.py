"""Forms for huddles, escalations and proposals; every message says what is wrong and where.

The huddle page holds one huddle and any number of issue rows (`issues-<n>-<field>`), so its
checks live in one class that reads the rows from the posted names, rather than a formset with a
count that an added row would have to keep in step. The services still guard their invariants.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from openqms.control.models import IssueOutcome
from openqms.control.services.huddles import IssueInput
from openqms.organisations.models import Unit

# Blank issue rows offered when the page opens, so the form works without JavaScript.
BLANK_ROWS = 3
# A huddle raises a handful of issues; the cap keeps a crafted post from building thousands of rows.
MAX_ROWS = 30
DESCRIPTION_MAX = 500
ROW_NAME = re.compile(r"^issues-(\d{1,4})-(description|owner|due_on|outcome)$")
OUTCOME_LABELS = {
    IssueOutcome.OPEN.value: "Open",
    IssueOutcome.SOLVED.value: "Solved at the huddle",
    IssueOutcome.ESCALATED.value: "Escalate",
}


def parse_date(text: str) -> dt.date | None:
    """A date from a browser's date field (YYYY-MM-DD); also day/month/year typed by hand."""
    text = text.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    uk = re.fullmatch(r"(\d{1,2})[/ .-](\d{1,2})[/ .-](\d{4})", text)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if uk:
            return dt.date(int(uk[3]), int(uk[2]), int(uk[1]))
    except ValueError:
        return None
    return None


@dataclass
class IssueRow:
    index: int  # the n in the posted names
    number: int  # its place on the page, from 1, as the person counts the rows
    description: str = ""
    owner: str = ""
    due_on: str = ""
    outcome: str = IssueOutcome.OPEN.value
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def is_blank(self) -> bool:
        return not (self.description.strip() or self.owner or self.due_on.strip())

    def name(self, part: str) -> str:
        return f"issues-{self.index}-{part}"


class HuddleForm:
    """What was typed on the huddle page, checked all at once so that every mistake is listed."""

    def __init__(
        self,
        *,
        unit: Unit,
        people: list[tuple[Any, str]],
        data: Mapping[str, Any] | None = None,
        blank_rows: int = BLANK_ROWS,
    ) -> None:
        self.unit = unit
        self.people = people
        self.by_pk = {str(person.pk): person for person, _ in people}
        self.data = data
        self.errors: dict[str, str] = {}  # field id → message, in page order
        self.cleaned: dict[str, Any] = {}
        self.issues: list[IssueInput] = []
        if data is None:
            self.held_on = timezone.localdate().isoformat()
            self.attendees: list[str] = []
            self.other_attendees = ""
            self.notes = ""
            self.rows = [IssueRow(index=i, number=i + 1) for i in range(blank_rows)]
        else:
            self.held_on = str(data.get("held_on", "")).strip()
            self.attendees = [str(v) for v in data.getlist("attendees")] if hasattr(data, "getlist") else []
            self.other_attendees = str(data.get("other_attendees", ""))
            self.notes = str(data.get("notes", ""))
            self.rows = self._rows_from(data)

    def _rows_from(self, data: Mapping[str, Any]) -> list[IssueRow]:
        indices = sorted({int(m[1]) for key in data if (m := ROW_NAME.match(key))})[:MAX_ROWS]
        rows = []
        for number, index in enumerate(indices, start=1):
            rows.append(
                IssueRow(
                    index=index,
                    number=number,
                    description=str(data.get(f"issues-{index}-description", "")),
                    owner=str(data.get(f"issues-{index}-owner", "")),
                    due_on=str(data.get(f"issues-{index}-due_on", "")),
                    outcome=str(data.get(f"issues-{index}-outcome", IssueOutcome.OPEN.value)),
                )
            )
        return rows

    @property
    def next_index(self) -> int:
        return max((row.index for row in self.rows), default=-1) + 1

    def add_row(self) -> None:
        self.rows.append(IssueRow(index=self.next_index, number=len(self.rows) + 1))

    def _error(self, field_id: str, message: str) -> None:
        self.errors.setdefault(field_id, message)

    def is_valid(self) -> bool:
        self.errors = {}
        held_on = self._clean_held_on()
        attendees = [self.by_pk[pk] for pk in self.attendees if pk in self.by_pk]
        if len(attendees) != len(set(self.attendees)):
            self._error("id_attendees", "Choose attendees from the list")
        elif not attendees and not self.other_attendees.strip():
            self._error("id_attendees", "Tick who attended, or name the others who came")
        if len(self.other_attendees) > 300:
            self._error("id_other_attendees", "Other attendees must be 300 characters or fewer")
        self.issues = [issue for row in self.rows if (issue := self._clean_row(row, held_on)) is not None]
        self.cleaned = {
            "held_on": held_on,
            "attendees": attendees,
            "other_attendees": self.other_attendees.strip(),
            "notes": self.notes.strip(),
        }
        return not self.errors

    def _clean_held_on(self) -> dt.date | None:
        if not self.held_on:
            self._error("id_held_on", "Enter the date of the huddle")
            return None
        held_on = parse_date(self.held_on)
        if held_on is None:
            self._error("id_held_on", "The date of the huddle must be a real date")
        elif held_on > timezone.localdate():
            self._error("id_held_on", "The date of the huddle must be today or in the past")
        return held_on

    def _clean_row(self, row: IssueRow, held_on: dt.date | None) -> IssueInput | None:
        if row.is_blank:
            return None

        def fail(part: str, message: str) -> None:
            row.errors.setdefault(part, message)
            self._error(f"id_{row.name(part)}", f"Issue {row.number}: {message}")

        description = row.description.strip()
        if not description:
            fail("description", "describe the issue")
        elif len(description) > DESCRIPTION_MAX:
            fail("description", f"the description must be {DESCRIPTION_MAX} characters or fewer")
        if row.outcome not in OUTCOME_LABELS:
            fail("outcome", "choose what happens to the issue")
        owner = self.by_pk.get(row.owner) if row.owner else None
        if row.owner and owner is None:
            fail("owner", "choose an owner from the list")
        elif owner is None and row.outcome == IssueOutcome.OPEN:
            fail("owner", "choose an owner")
        due_on = parse_date(row.due_on) if row.due_on.strip() else None
        if row.due_on.strip() and due_on is None:
            fail("due_on", "the due date must be a real date")
        elif due_on is None and row.outcome == IssueOutcome.OPEN:
            fail("due_on", "enter a due date")
        elif due_on and held_on and due_on < held_on:
            fail("due_on", "the due date must be on or after the date of the huddle")
        if row.outcome == IssueOutcome.ESCALATED and self.unit.parent_id is None:
            fail(
                "outcome",
                f"{self.unit.name} is the top of the organisation, so there is no tier to escalate to",
            )
        if row.errors:
            return None
        return IssueInput(description=description, owner=owner, due_on=due_on, outcome=row.outcome)

    def summary_errors(self) -> list[dict[str, str]]:
        return [{"text": message, "href": f"#{field_id}"} for field_id, message in self.errors.items()]

    def error_for(self, name: str) -> dict[str, str] | None:
        message = self.errors.get(f"id_{name}")
        return {"text": message} if message else None

    def person_items(self) -> list[dict[str, Any]]:
        return [
            {
                "value": str(p.pk),
                "text": str(p),
                "hint": {"text": where},
                "checked": str(p.pk) in self.attendees,
            }
            for p, where in self.people
        ]

    def owner_items(self, row: IssueRow) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = [{"value": "", "text": "Choose an owner"}]
        items += [
            {"value": str(p.pk), "text": str(p), "selected": str(p.pk) == row.owner} for p, _ in self.people
        ]
        return items


class TierForm:
    """A leader's update of the current tier: owner, due date and a note, or a reason to pass it on."""

    def __init__(self, *, people: list[tuple[Any, str]], data: Mapping[str, Any] | None = None) -> None:
        self.by_pk = {str(person.pk): person for person, _ in people}
        self.people = people
        self.data = data or {}
        self.errors: dict[str, str] = {}
        self.cleaned: dict[str, Any] = {}

    def value(self, name: str) -> str:
        return str(self.data.get(name, ""))

    def _error(self, field_id: str, message: str) -> None:
        self.errors.setdefault(field_id, message)

    def clean_update(self) -> bool:
        owner_pk = self.value("owner")
        owner = self.by_pk.get(owner_pk) if owner_pk else None
        if owner_pk and owner is None:
            self._error("id_owner", "Choose an owner from the list")
        due_on = self._due_on()
        note = self.value("note").strip()
        if not (owner or due_on or note) and not self.errors:
            self._error("id_owner", "Choose an owner, set a due date or add a note")
        self.cleaned = {"owner": owner, "due_on": due_on, "note": note}
        return not self.errors

    def _due_on(self) -> dt.date | None:
        text = self.value("due_on").strip()
        if not text:
            return None
        due_on = parse_date(text)
        if due_on is None:
            self._error("id_due_on", "The due date must be a real date")
        elif due_on < timezone.localdate():
            self._error("id_due_on", "The due date must be today or later")
        return due_on

    def clean_escalate(self) -> bool:
        note = self.value("escalate_note").strip()
        if not note:
            self._error("id_escalate_note", "Say what this tier did and why it goes further up")
        self.cleaned = {"note": note}
        return not self.errors

    def clean_resolve(self) -> bool:
        resolution = self.value("resolution").strip()
        if not resolution:
            self._error("id_resolution", "Say how the escalation was resolved")
        self.cleaned = {"resolution": resolution}
        return not self.errors

    def summary_errors(self) -> list[dict[str, str]]:
        return [{"text": message, "href": f"#{field_id}"} for field_id, message in self.errors.items()]

    def error_for(self, name: str) -> dict[str, str] | None:
        message = self.errors.get(f"id_{name}")
        return {"text": message} if message else None

    def owner_items(self, current: Any) -> list[dict[str, Any]]:
        chosen = self.value("owner") or (str(current.pk) if current else "")
        items: list[dict[str, Any]] = [
            {"value": "", "text": "Keep as it is" if current else "Choose an owner"}
        ]
        items += [
            {"value": str(p.pk), "text": f"{p} ({where})", "selected": str(p.pk) == chosen}
            for p, where in self.people
        ]
        return items
