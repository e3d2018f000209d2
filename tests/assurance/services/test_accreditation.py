"""Accreditations and external inspections per unit: scheme, status, dates, findings and actions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from openqms.actions.services import tracker as actions
from openqms.assurance.models import Accreditation, Finding
from openqms.assurance.services import accreditation as accreditations
from openqms.audit.models import AuditEntry
from openqms.links.registry import Source
from tests.assurance import helpers as h


def _date(day: dt.date, name: str) -> dict[str, str]:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def test_a_leader_records_an_accreditation_with_findings_and_raises_an_action(trust, signed_in):
    framework = h.framework(trust)
    client = signed_in("tess_team_leader")
    response = client.post(
        reverse("assurance:accreditation-new", args=[trust.ward_a.pk]),
        {
            "kind": "accreditation",
            "scheme": "Infection Prevention Accreditation",
            "framework": framework.pk,
            "status": "conditions",
            **_date(dt.date(2026, 3, 1), "awarded_on"),
            **_date(dt.date(2029, 3, 1), "expires_on"),
        },
    )
    item = Accreditation.objects.get()
    assert response.status_code == 302
    client.post(
        reverse("assurance:finding-add", args=[item.pk]),
        {"severity": "major", "text": "Sharps bins overfilled"},
    )
    finding = Finding.objects.get()
    page = client.get(reverse("assurance:accreditation", args=[item.pk])).content.decode()
    assert "Sharps bins overfilled" in page
    assert "Raise an action" in page
    actions.raise_action(
        actor=None, unit=trust.ward_a, title="Empty sharps bins at two-thirds", due_on=dt.date.today(),
        source_label="Finding", source=Source("assurance.finding", finding.pk),
    )  # fmt: skip
    assert (
        "Empty sharps bins at two-thirds"
        in client.get(reverse("assurance:accreditation", args=[item.pk])).content.decode()
    )
    assert (
        AuditEntry.objects.filter(object_type__in=["assurance.accreditation", "assurance.finding"]).count()
        == 2
    )


def test_the_form_says_what_is_wrong(trust, signed_in):
    page = (
        signed_in("tess_team_leader")
        .post(
            reverse("assurance:accreditation-new", args=[trust.ward_a.pk]),
            {
                "kind": "accreditation",
                "scheme": "",
                "status": "awarded",
                "assessed_on_day": "30",
                "assessed_on_month": "2",
                "assessed_on_year": "2026",
            },
        )
        .content.decode()
    )
    assert "Enter the scheme or the inspecting body" in page
    assert "Date assessed must be a real date" in page
    assert not Accreditation.objects.exists()


def test_dates_must_make_sense(trust):
    with pytest.raises(ValidationError, match="Enter the date it was awarded"):
        accreditations.create_accreditation(
            actor=None, unit=trust.ward_a, kind="inspection", scheme="X", status="awarded"
        )
    with pytest.raises(ValidationError, match="expiry date must be after"):
        accreditations.create_accreditation(
            actor=None, unit=trust.ward_a, kind="accreditation", scheme="X", status="awarded",
            awarded_on=dt.date(2026, 3, 1), expires_on=dt.date(2026, 1, 1),
        )  # fmt: skip
    assert not Accreditation.objects.exists()
