"""Publishing freezes a report: what it showed stays, whatever arrives later; twice changes nothing."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from openqms.audit.models import AuditEntry
from openqms.control.imports.checks import DataPoint
from openqms.control.services.data import save_data
from openqms.reporting import contents
from openqms.reporting.services.commentary import approve_commentary, request_commentary, write_commentary
from openqms.reporting.services.reports import pdf_of, publish, publish_problems, start_report, update_cover
from tests.control.factories import month
from tests.reporting import helpers as h


def test_starting_a_report_twice_gives_the_same_draft(trust):
    first = h.report(trust)
    again = start_report(actor=trust.people["tess_team_leader"], unit=trust.ward_a, period=h.this_month())
    assert again.pk == first.pk
    assert AuditEntry.objects.filter(object_type="reporting.report", action="create").count() == 1


def test_a_frozen_report_stays_the_same_after_new_data_arrive(trust):
    falls = h.falls(trust)
    report = h.report(trust, published=True)
    html, data = report.frozen_html, report.frozen_data
    assert "Falls" in html
    save_data(
        actor=None, points=[DataPoint(falls.pk, month(falls.observations.last().period_start, 1), value=2.0)]
    )
    report.refresh_from_db()
    assert (report.frozen_html, report.frozen_data) == (html, data)
    live = contents.build(trust.people["tess_team_leader"], report)
    assert live["measures"][0]["latest"] != contents.stored(report)["measures"][0]["latest"]


def test_publishing_twice_changes_nothing(trust):
    report = h.report(trust, published=True)
    entries = AuditEntry.objects.count()
    again = publish(actor=trust.people["sam_senior"], report=report)
    assert (again.published_at, again.published_by_id) == (report.published_at, report.published_by_id)
    assert AuditEntry.objects.count() == entries


def test_a_publish_with_commentary_missing_says_what_is_missing(trust):
    commentary = h.commentary(trust)
    report = commentary.report
    update_cover(actor=trust.people["tess_team_leader"], report=report, assurance_level="limited")
    with pytest.raises(ValidationError) as refused:
        publish(actor=trust.people["tess_team_leader"], report=report)
    assert "Commentary on Summary has been asked of Mo Member but not written." in refused.value.messages
    write_commentary(
        actor=trust.people["mo_member"], commentary=commentary, text="Falls rose with agency staffing."
    )
    report.refresh_from_db()
    assert publish_problems(report) == ["Commentary on Summary is written but not approved."]
    approve_commentary(actor=trust.people["tess_team_leader"], commentary=commentary)
    published = publish(actor=trust.people["tess_team_leader"], report=report)
    assert "Falls rose with agency staffing." in published.frozen_html


def test_a_publish_without_an_assurance_level_is_refused(trust):
    with pytest.raises(ValidationError, match="overall assurance level"):
        publish(actor=trust.people["tess_team_leader"], report=h.report(trust))


def test_a_published_report_takes_no_more_commentary(trust):
    report = h.report(trust, published=True)
    with pytest.raises(ValidationError, match="frozen"):
        request_commentary(
            actor=trust.people["tess_team_leader"], report=report, requested_of=trust.people["mo_member"],
            section="assurance",
        )  # fmt: skip


def test_each_change_to_the_cover_makes_a_new_version_and_is_audited(trust):
    report = h.report(trust)
    changed = update_cover(actor=trust.people["tess_team_leader"], report=report, ask="Note the report.")
    assert changed.version == 2
    entry = AuditEntry.objects.filter(object_type="reporting.report", action="update").get()
    assert "ask" in entry.changes


def test_a_report_published_before_rows_named_their_definition_is_shown_as_it_was_frozen(trust):
    """Reports frozen by an earlier OpenQMS keep their HTML byte for byte: nothing re-renders them."""
    h.falls(trust)
    report = h.report(trust, published=True)
    older = contents.stored(report)
    for row in older["measures"]:
        del row["definition_id"]
    report.frozen_data = json.dumps(older, separators=(",", ":"))
    report.frozen_html = report.frozen_html.replace("Falls", "Falls as drawn then")
    report.save()
    client = Client()
    client.force_login(trust.people["tess_team_leader"])
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert report.frozen_html in page
    pdf = pdf_of(actor=trust.people["tess_team_leader"], report=report)
    assert pdf.startswith(b"%PDF")
