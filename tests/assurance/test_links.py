"""Assurance's sources: an audit, a unit's gaps and an accreditation's finding. Each "Raise an action"
link raises an action that links back to the same page, and the link is given to exactly the people
who may open that page."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from openqms.actions.models import Action
from openqms.assurance.models import Accreditation, Finding
from openqms.assurance.services.audits import complete_audit
from openqms.links.registry import Source, resolve
from tests.assurance import helpers as h

PEOPLE = ["mo_member", "sam_senior", "sue_service_user", "ada_admin", "otto_other_admin", "nora_no_role"]


def _completed_audit(trust):
    framework = h.framework(trust)
    hand = h.standard(trust, code="HH-1", requirements=[framework.requirements.get(code="S2")])
    run = h.run(trust, h.template(trust, hand), started=True)
    h.answer_all(run, [["no", "no", ""], ["no", "yes", ""]])
    return complete_audit(actor=None, run=run)


def _accreditation(trust, shared=False):
    item = Accreditation.objects.create(
        unit=trust.ward_a, kind="accreditation", scheme="Infection Prevention Accreditation",
        status="conditions", shared_with_service_users=shared,
    )  # fmt: skip
    return item, Finding.objects.create(accreditation=item, severity="major", text="Sharps bins overfilled")


def _raise_from(client, page: str) -> Action:
    """Follow the page's first "Raise an action" link and raise the action its form offers."""
    found = re.search(r'href="([^"]*/actions/new/\?[^"]*)"', client.get(page).content.decode())
    assert found, page
    link = unescape(found.group(1))
    form = client.get(link).content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="(source_\w+)" value="([^"]*)">', form))
    today = dt.date.today()
    response = client.post(
        urlsplit(link).path,
        {"title": "Act on it", "priority": "high", "due_on_day": today.day, "due_on_month": today.month,
         "due_on_year": today.year, **{k: unescape(v) for k, v in hidden.items()}},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()
    assert dict(parse_qsl(urlsplit(link).query))["source_label"] == Action.objects.get().source_label
    return Action.objects.get()


@pytest.mark.parametrize("where", ["audit", "gaps", "finding"])
def test_an_action_raised_from_a_page_links_back_to_that_page(trust, signed_in, where):
    run = _completed_audit(trust)
    _item, finding = _accreditation(trust)
    page, source, back = {
        "audit": (reverse("assurance:audit", args=[run.pk]), Source("assurance.audit", run.pk), None),
        "gaps": (reverse("assurance:unit", args=[trust.ward_a.pk]), Source("assurance.gaps", trust.ward_a.pk),
                 "#gaps"),
        "finding": (reverse("assurance:accreditation", args=[finding.accreditation_id]),
                    Source("assurance.finding", finding.pk), f"#finding-{finding.pk}"),
    }[where]  # fmt: skip
    client = signed_in("mo_member")
    action = _raise_from(client, page)
    assert action.source == source
    shown = client.get(reverse("actions:action", args=[action.pk])).content.decode()
    assert f'<a href="{page}{back or ""}">{action.source_label}</a>' in unescape(shown)


@pytest.mark.parametrize("person", PEOPLE)
def test_the_link_is_given_to_whoever_may_open_the_page_and_hidden_from_everyone_else(trust, client, person):
    sue = trust.people["sue_service_user"]
    assigned = h.run(trust, h.template(trust), assignees=[sue])  # a walk-round Sue carries out (ADR 10)
    other = h.run(trust, h.template(trust, code="RK"))
    shared, shared_finding = _accreditation(trust, shared=True)
    private, private_finding = _accreditation(trust)
    pages = {
        Source("assurance.audit", assigned.pk): reverse("assurance:audit", args=[assigned.pk]),
        Source("assurance.audit", other.pk): reverse("assurance:audit", args=[other.pk]),
        Source("assurance.gaps", trust.ward_a.pk): reverse("assurance:unit", args=[trust.ward_a.pk]),
        Source("assurance.finding", shared_finding.pk): reverse("assurance:accreditation", args=[shared.pk]),
        Source("assurance.finding", private_finding.pk): reverse(
            "assurance:accreditation", args=[private.pk]
        ),
    }
    client.force_login(trust.people[person])
    for source, page in pages.items():
        link = resolve(trust.people[person], source)
        opens = client.get(page).status_code == 200
        assert (link.url.split("#")[0] if link else None) == (page if opens else None), (person, source)
    if person == "sue_service_user":
        assert [bool(resolve(sue, s)) for s in pages] == [True, False, False, True, False]
    if person == "mo_member":
        assert all(resolve(trust.people[person], s) for s in pages)
