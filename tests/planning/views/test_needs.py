"""The needs pages: a service user raises a need and follows it; the team scores it, links what
answers it, adds evidence (a file downloaded only by staff) and raises an action."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from openqms.organisations import services as organisations
from openqms.planning.models import Need
from tests.planning import needs_helpers as h

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def test_a_service_user_raises_a_need_and_sees_what_happened_to_it(signed_in, trust):
    client = signed_in("sue_service_user")
    url = reverse("planning:need-new", args=[trust.ward_a.pk])
    response = client.post(url, {"title": "", "who_affected": ""})
    assert response.status_code == 400
    page = unescape(response.content.decode())
    assert "Tell us what is needed" in page
    assert "Tell us who is affected" in page
    client.post(url, {"title": "A quiet room", "who_affected": "Families"})
    need = Need.objects.get()
    assert need.raised_by_service_user

    page = client.get(reverse("planning:needs")).content.decode()
    assert "Needs you raised" in page
    assert "The team has not looked at it yet." in page
    assert "The register" not in page

    tess = signed_in("tess_team_leader")
    triage = reverse("planning:need-triage", args=[need.pk])
    response = tess.post(triage, {"impact": "2", "reach": "1", "status": "declined"})
    assert response.status_code == 400
    assert "Say why the need is declined" in response.content.decode()
    tess.post(
        triage,
        {"impact": "2", "reach": "1", "status": "declined", "decline_reason": "A new wing opens in May"},
    )
    client = signed_in("sue_service_user")
    page = client.get(reverse("planning:needs")).content.decode()
    assert "The team decided not to take it on: A new wing opens in May" in page
    need_page = client.get(reverse("planning:need", args=[need.pk])).content.decode()
    assert "Score and status" not in need_page
    assert "Add evidence" not in need_page


def test_staff_score_link_and_evidence_a_need_and_see_it_on_the_register(
    signed_in, trust, tmp_path, settings
):
    settings.OPENQMS_EVIDENCE_DIR = tmp_path
    need = h.need(trust)
    priority = organisations.add_priority(actor=None, organisation=trust.org, title="No avoidable harm")
    client = signed_in("tess_team_leader")
    client.post(
        reverse("planning:need-triage", args=[need.pk]), {"impact": "5", "reach": "4", "status": "planned"}
    )
    client.post(
        reverse("planning:need-links", args=[need.pk]),
        {"priorities": [priority.pk], "services": [trust.ward_a.pk]},
    )
    response = client.post(reverse("planning:need-links", args=[need.pk]), {"priorities": ["999999"]})
    assert response.status_code == 400
    assert "Choose strategic priorities from the list" in unescape(response.content.decode())
    on = {"on_day": "5", "on_month": "1", "on_year": "2026"}
    response = client.post(
        reverse("planning:need-evidence", args=[need.pk]),
        {"source": "survey", "summary": "Families' survey"} | on,
    )
    assert response.status_code == 400
    assert "Attach a file or give a link (one of them)" in response.content.decode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("survey.png", PNG, content_type="image/png")
    client.post(
        reverse("planning:need-evidence", args=[need.pk]),
        {"source": "survey", "summary": "Families' survey", "file": upload} | on,
    )
    evidence = need.evidence.get()
    download = client.get(reverse("planning:need-evidence-file", args=[evidence.pk]))
    assert b"".join(download.streaming_content) == PNG
    assert download["Content-Disposition"].startswith("attachment")
    assert (
        signed_in("sue_service_user")
        .get(reverse("planning:need-evidence-file", args=[evidence.pk]))
        .status_code
        == 404
    )

    client = signed_in("tess_team_leader")
    page = client.get(reverse("planning:need", args=[need.pk])).content.decode()
    for text in ("Strategic priority: No avoidable harm", "impact 5 × reach 4", "Families&#39; survey"):
        assert text in page
    register = client.get(reverse("planning:needs")).content.decode()
    assert "20 (high)" in register
    due = {"due_on_day": "1", "due_on_month": "6", "due_on_year": "2030"}
    client.post(reverse("planning:need-action", args=[need.pk]), {"title": "Ask estates for a room"} | due)
    page = client.get(reverse("planning:need", args=[need.pk])).content.decode()
    assert "Action: <a" in page
    assert "Ask estates for a room" in page


def test_a_team_member_may_not_score_a_need(signed_in, trust):
    need = h.need(trust)
    response = signed_in("mo_member").post(reverse("planning:need-triage", args=[need.pk]), {"status": "met"})
    assert response.status_code == 404
    need.refresh_from_db()
    assert need.status == "new"
