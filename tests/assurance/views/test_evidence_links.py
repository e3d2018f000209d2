"""An evidence link is a page naming where it goes, never a redirect; only https is accepted (issue 17, 9)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from openqms.actions.services.tracker import raise_action
from openqms.assurance.models import Evidence
from openqms.assurance.services import evidence as evidence_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(trust):
    return raise_action(actor=None, unit=trust.ward_a, title="Policy update", due_on=dt.date.today())


def test_a_link_is_shown_on_a_page_naming_its_destination_not_redirected(trust, signed_in, action):
    evidence = evidence_services.add_evidence(
        actor=None, target=action, title="Datix record", link="https://attacker.example/login"
    )
    response = signed_in("mo_member").get(reverse("assurance:evidence", args=[evidence.pk]))
    assert response.status_code == 200
    assert "Location" not in response
    html = response.content.decode()
    assert "<strong>attacker.example</strong>" in html
    assert 'href="https://attacker.example/login" rel="noopener noreferrer"' in html


@pytest.mark.parametrize(
    "link", ["http://records.example/1", "HTTP://records.example/1", "javascript:alert(1)", "//x"]
)
def test_the_form_and_the_service_accept_https_only(trust, signed_in, action, link):
    page = signed_in("mo_member").post(
        reverse("assurance:evidence-add", args=["action", action.pk]), {"title": "Record", "link": link}
    )
    assert "Enter the full address of the record, starting https://" in page.content.decode()
    with pytest.raises(ValidationError):
        evidence_services.add_evidence(actor=None, target=action, title="Record", link=link)
    assert not Evidence.objects.exists()


def test_the_model_refuses_an_http_link(trust, action):
    evidence = Evidence(unit=trust.ward_a, action=action, title="Record", link="http://records.example/1")
    with pytest.raises(ValidationError, match="starting https"):
        evidence.full_clean(exclude=["unit", "action"])


def test_an_http_link_saved_before_is_shown_but_never_linked(trust, signed_in, action):
    evidence = evidence_services.add_evidence(
        actor=None, target=action, title="Old record", link="https://records.example/1"
    )
    Evidence.objects.filter(pk=evidence.pk).update(link="http://records.example/1")
    html = signed_in("mo_member").get(reverse("assurance:evidence", args=[evidence.pk])).content.decode()
    assert "This link is not secure" in html
    assert "http://records.example/1" in html
    assert 'href="http://records.example/1"' not in html
