"""An escalation's page: its summary rows and the work a person may start from it, links built
here with format_html so the template only places them."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from openqms.control.models import (
    Escalation,
    EscalationStatus,
)
from openqms.control.responses import Offer
from openqms.nhsuk.dates import date_text


# Rows and columns of the summary icon table, in the order Making Data Count reports use.
def offer_links(offers: Sequence[Offer]) -> list[SafeString]:
    """The work a person may start from the page (control.responses), each offer a link."""
    return [format_html('<a href="{}">{}</a>', offer.url, offer.text) for offer in offers]


# A row of an NHS.UK summary list: {"key": {"text": …}, "value": {"text" or "html": …}}.
SummaryListRow = dict[str, dict[str, str]]


def escalation_rows(escalation: Escalation) -> list[SummaryListRow]:
    """The escalation's summary list: what it is, who raised it, the huddle or measure it came from,
    and how it was resolved. Links are built here, escaped, so the template only places the rows."""
    raised = f"{escalation.raised_by}, {escalation.origin_unit.name}, {date_text(escalation.raised_at)}"
    rows: list[SummaryListRow] = [
        {"key": {"text": "What"}, "value": {"text": escalation.description or escalation.title}},
        {"key": {"text": "Raised"}, "value": {"text": raised}},
    ]
    if escalation.source_issue is not None:
        huddle = escalation.source_issue.huddle
        url = reverse("control:huddle", args=[huddle.pk])
        link = format_html('<a href="{}">The huddle of {}</a>', url, date_text(huddle.held_on))
        rows.append({"key": {"text": "From"}, "value": {"html": link}})
    measure = escalation.source_measure
    if measure is not None:
        url = reverse("control:measure", args=[measure.pk])
        link = format_html('<a href="{}">{}</a>', url, measure.definition.name)
        rows.append({"key": {"text": "Measure"}, "value": {"html": link}})
    if escalation.status == EscalationStatus.RESOLVED:
        resolution = f"{escalation.resolution} ({date_text(escalation.resolved_at)})"
        rows.append({"key": {"text": "Resolution"}, "value": {"text": resolution}})
    return rows
