"""What needs you: the My QMS panel and the e-mail digest, and that both stay cheap."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from openqms.access import services as access
from openqms.actions.models import Action
from openqms.control.models import SpcSnapshot
from openqms.control.selectors.notifications import needs_attention
from openqms.people.models import User
from tests.control import huddle_helpers as hh

pytestmark = pytest.mark.django_db


def _yesterday() -> dt.date:
    return timezone.localdate() - dt.timedelta(days=1)


def _overdue_issue(trust, description="Order new slings"):
    huddle = hh.huddle(trust, description=description)
    Action.objects.filter(huddle_issue__huddle=huddle).update(due_on=_yesterday())
    return huddle


def _new_concern(trust):
    proposal = hh.proposal(trust)
    SpcSnapshot.objects.filter(measure=proposal.measure).update(
        concern_since=timezone.localdate() - dt.timedelta(days=3)
    )
    return proposal


def test_the_owner_of_an_overdue_huddle_action_is_told_and_no_one_else(trust):
    _overdue_issue(trust)
    hh.huddle(trust, description="Not due yet")
    assert [i.description for i in needs_attention(trust.people["mo_member"]).overdue_issues.items] == [
        "Order new slings"
    ]
    assert not needs_attention(trust.people["tess_team_leader"]).overdue_issues


def test_an_unowned_escalation_awaits_the_leaders_nearest_its_tier(trust):
    escalation = hh.escalation(trust)
    dana = needs_attention(trust.people["dana_division"]).escalations
    assert [t.escalation for t in dana.items] == [escalation]
    assert not needs_attention(trust.people["sam_senior"]).escalations
    assert not needs_attention(trust.people["tess_team_leader"]).escalations
    eli = hh.elderly_care_leader(trust)
    assert [t.escalation for t in needs_attention(eli).escalations.items] == [escalation]
    # Dana read afresh (grants are cached per person object): Eli now answers for the tier first.
    assert not needs_attention(User.objects.get(pk=trust.people["dana_division"].pk)).escalations


def test_an_owned_escalation_awaits_its_owner_only(trust):
    escalation = hh.escalation(trust)
    Action.objects.filter(escalation_tier__escalation=escalation, escalation_tier__level=1).update(
        owner=trust.people["colin_clinician"]
    )
    assert [t.escalation for t in needs_attention(trust.people["colin_clinician"]).escalations.items] == [
        escalation
    ]
    assert not needs_attention(trust.people["dana_division"]).escalations


def test_new_concerns_reach_everyone_who_may_see_the_measure_and_proposals_reach_the_team(trust):
    proposal = _new_concern(trust)
    for name in ("mo_member", "tess_team_leader", "colin_clinician", "dana_division", "sam_senior"):
        assert [m.pk for m in needs_attention(trust.people[name]).concerns.items] == [proposal.measure_id]
    for name in ("mo_member", "tess_team_leader"):
        assert [p.pk for p in needs_attention(trust.people[name]).proposals.items] == [proposal.pk]
    for name in ("colin_clinician", "dana_division", "sam_senior"):
        assert not needs_attention(trust.people[name]).proposals


def test_an_old_concern_is_not_news(trust):
    proposal = hh.proposal(trust)
    SpcSnapshot.objects.filter(measure=proposal.measure).update(concern_since=dt.date(2024, 1, 1))
    assert not needs_attention(trust.people["mo_member"]).concerns


@pytest.mark.parametrize("persona", ["sue_service_user", "ada_admin", "otto_other_admin", "nora_no_role"])
def test_service_users_administrators_and_people_without_roles_have_nothing_from_huddles(trust, persona):
    _overdue_issue(trust)
    hh.escalation(trust)
    _new_concern(trust)
    assert not needs_attention(trust.people[persona])


def test_ward_b_sees_nothing_of_ward_a(trust):
    _overdue_issue(trust)
    hh.escalation(trust)
    _new_concern(trust)
    ward_b = User.objects.create(username="bea", full_name="Bea Ward-B")
    access.grant_role(
        actor=None, person=ward_b, unit=trust.ward_b, role="team_leader", starts_on=dt.date(2024, 1, 1)
    )
    assert not needs_attention(ward_b)


def test_the_number_of_queries_does_not_grow_with_the_number_of_items(trust):
    dana = trust.people["dana_division"]

    def count() -> int:
        fresh = User.objects.get(pk=dana.pk)
        with CaptureQueriesContext(connection) as queries:
            needs_attention(fresh)
        return len(queries)

    hh.escalation(trust)
    few = count()
    for n in range(6):
        hh.escalation(trust, "ward_b" if n % 2 else "ward_a", title=f"Escalation {n}")
        _overdue_issue(trust, f"Issue {n}")
    assert count() == few


def test_the_my_qms_panel_lists_what_needs_you_with_links(signed_in, trust):
    huddle = _overdue_issue(trust)
    proposal = _new_concern(trust)
    page = signed_in("mo_member").get(reverse("my-qms")).content.decode()
    assert "What needs you" in page
    # The huddle action is listed once, with every other action the person owns, linked to its huddle.
    assert "Your overdue huddle actions" not in page
    assert "Your actions (1)" in page
    assert page.count(reverse("control:huddle", args=[huddle.pk])) == 1
    assert "Proposed escalations for your teams (1)" in page
    assert reverse("control:proposal-list", args=[trust.ward_a.pk]) in page
    assert "New concerns on measures (1)" in page
    assert reverse("control:measure", args=[proposal.measure_id]) in page


def test_the_my_qms_panel_is_absent_when_nothing_needs_you(signed_in, trust):
    assert "What needs you" not in signed_in("mo_member").get(reverse("my-qms")).content.decode()


def _with_email(trust, *names):
    for name in names:
        User.objects.filter(pk=trust.people[name].pk).update(email=f"{name}@nhs.example")


def test_the_digest_goes_to_each_person_with_something_and_to_no_one_else(trust, settings):
    settings.OPENQMS_BASE_URL = "https://qms.example.nhs.uk/"
    _with_email(trust, *trust.people)
    huddle = _overdue_issue(trust)
    escalation = hh.escalation(trust, title="Hoist budget")
    call_command("send_digest", stdout=StringIO())
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["dana_division@nhs.example", "mo_member@nhs.example"]
    mo = next(m for m in mail.outbox if m.to == ["mo_member@nhs.example"])
    assert mo.subject == "OpenQMS: 1 thing needs you"
    assert "Order new slings" in mo.body
    assert f"https://qms.example.nhs.uk/control/huddles/{huddle.pk}/" in mo.body
    html, kind = mo.alternatives[0]
    assert kind == "text/html"
    assert f'href="https://qms.example.nhs.uk/control/huddles/{huddle.pk}/"' in html
    dana = next(m for m in mail.outbox if m.to == ["dana_division@nhs.example"])
    assert "Hoist budget" in dana.body
    assert f"https://qms.example.nhs.uk/control/escalations/{escalation.pk}/" in dana.body
    assert "no owner yet" in dana.body


def test_the_digest_dry_run_prints_and_sends_nothing(trust):
    _with_email(trust, "mo_member")
    _overdue_issue(trust)
    out = StringIO()
    call_command("send_digest", "--dry-run", stdout=out)
    assert not mail.outbox
    text = out.getvalue()
    assert "To: mo_member@nhs.example" in text
    assert "Order new slings" in text
    assert "1 person has something needing them." in text


def test_the_digest_for_one_person_only(trust):
    _with_email(trust, "mo_member", "dana_division")
    _overdue_issue(trust)
    hh.escalation(trust)
    call_command("send_digest", "--user", "dana_division", stdout=StringIO())
    assert [m.to for m in mail.outbox] == [["dana_division@nhs.example"]]
    with pytest.raises(CommandError, match="No active person"):
        call_command("send_digest", "--user", "nobody")


def test_a_person_with_nothing_needing_them_gets_no_email_even_when_asked_for(trust):
    _with_email(trust, "tess_team_leader")
    call_command("send_digest", "--user", "tess_team_leader", stdout=StringIO())
    assert not mail.outbox
