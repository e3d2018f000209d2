"""The organisation's quality language on the administration pages (ADR 24): the administrators of
the whole organisation set its quality domains and its four questions; nothing else changes when
a form is wrong, and control and improvement offer the new list at once."""

from __future__ import annotations

from html import unescape

from django.urls import reverse

from openqms.audit.models import AuditEntry
from openqms.organisations.selectors import domain_choices, domain_for, question_for


def _domains_url(trust) -> str:
    return reverse("administration:domains", args=[trust.org.pk])


def test_an_administrator_adds_a_preset_and_a_domain_of_the_organisations_own(ada, trust):
    assert (
        "Quality domains of Northshire Hospitals" in ada.get(reverse("administration:home")).content.decode()
    )
    response = ada.post(_domains_url(trust), {"form": "preset", "preset": "cqc"})
    assert response.status_code == 302
    assert ("well_led", "Well-led") in domain_choices(trust.org)
    ada.post(
        _domains_url(trust), {"form": "domain", "label": "Kind", "kind": "domain", "description": "Kindness"}
    )
    assert domain_for(trust.org, "kind").description == "Kindness"
    page = unescape(ada.get(_domains_url(trust)).content.decode())
    assert "Well-led" in page
    assert "Kindness" in page


def test_the_forms_name_what_is_wrong_and_save_nothing(ada, trust):
    before = AuditEntry.objects.count()
    response = ada.post(_domains_url(trust), {"form": "domain", "label": "", "kind": "domain"})
    assert response.status_code == 400
    assert "Enter the domain" in unescape(response.content.decode())
    response = ada.post(_domains_url(trust), {"form": "domain", "label": "safe", "kind": "domain"})
    assert "already has a domain called “safe”" in unescape(response.content.decode())
    response = ada.post(_domains_url(trust), {"form": "preset", "preset": "nhs"})
    assert "Choose a preset from the list" in response.content.decode()
    assert AuditEntry.objects.count() == before


def test_renaming_and_retiring_a_domain_keeps_its_key(ada, trust):
    safe = domain_for(trust.org, "safe")
    url = reverse("administration:domain", args=[trust.org.pk, safe.pk])
    response = ada.post(url, {"label": "Free from harm", "kind": "domain", "position": "1"})
    assert response.status_code == 302
    ada.post(reverse("administration:domain-retire", args=[trust.org.pk, safe.pk]), {"retire": "yes"})
    safe.refresh_from_db()
    assert (safe.key, safe.label, safe.is_retired) == ("safe", "Free from harm", True)
    assert "safe" not in dict(domain_choices(trust.org))
    theirs = domain_for(trust.other_org, "safe")
    assert ada.get(reverse("administration:domain", args=[trust.org.pk, theirs.pk])).status_code == 404


def test_an_administrator_sets_the_four_questions_and_each_home_page_shows_its_own(ada, signed_in, trust):
    response = ada.post(
        reverse("administration:questions", args=[trust.org.pk]),
        {"plan_question": "What matters to our patients?", "control_question": "x" * 301},
    )
    assert response.status_code == 400
    assert question_for(trust.org, "plan") != "What matters to our patients?"
    response = ada.post(
        reverse("administration:questions", args=[trust.org.pk]),
        {"plan_question": "What matters to our patients?"},
    )
    assert response.status_code == 302
    trust.org.refresh_from_db()
    assert question_for(trust.org, "plan") == "What matters to our patients?"
    client = signed_in("sam_senior")
    client.post(reverse("switch-unit"), {"unit": trust.board.pk})
    assert "What matters to our patients?" in client.get(reverse("planning:home")).content.decode()


def test_a_part_administrator_may_not_set_the_organisations_language(client, trust, medicine_admin):
    client.force_login(medicine_admin)
    assert client.get(_domains_url(trust)).status_code == 404
    assert client.get(reverse("administration:questions", args=[trust.org.pk])).status_code == 404


def test_another_organisations_administrator_changes_nothing(client, trust):
    client.force_login(trust.people["otto_other_admin"])
    before = AuditEntry.objects.count()
    safe = domain_for(trust.org, "safe")
    posts = [
        (_domains_url(trust), {"form": "domain", "label": "Kind", "kind": "domain"}),
        (_domains_url(trust), {"form": "preset", "preset": "cqc"}),
        (reverse("administration:domain", args=[trust.org.pk, safe.pk]), {"label": "X", "kind": "domain"}),
        (reverse("administration:domain-retire", args=[trust.org.pk, safe.pk]), {"retire": "yes"}),
        (reverse("administration:questions", args=[trust.org.pk]), {"plan_question": "Mine"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404
    assert AuditEntry.objects.count() == before
