"""The assurance panel on My QMS: audits assigned, actions owned, overdue actions below a leader."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from openqms.actions.services import tracker as actions
from tests.assurance import helpers as h


def test_my_qms_lists_what_needs_each_person_in_assurance(trust, signed_in):
    late = dt.date.today() - dt.timedelta(days=2)
    h.run(trust, h.template(trust), assignees=[trust.people["mo_member"]], due=late)
    actions.raise_action(
        actor=None, unit=trust.ward_a, title="Replace the gel", due_on=late, owner=trust.people["mo_member"]
    )
    pages = {
        p: signed_in(p).get(reverse("my-qms")).content.decode()
        for p in ("mo_member", "dana_division", "ada_admin")
    }
    assert "Audits assigned to you (1)" in pages["mo_member"]
    assert "Your actions (1)" in pages["mo_member"]
    assert "Overdue actions in the units you lead" not in pages["mo_member"]
    assert "Overdue actions in the units you lead (1)" in pages["dana_division"]
    assert "Replace the gel" in pages["dana_division"]
    assert "Audits and actions" not in pages["ada_admin"]


def test_each_duty_is_listed_once_on_my_qms(trust, signed_in):
    """An escalation tier's action shows as an escalation awaiting its owner, not again among their
    actions; a huddle's action shows once among the person's actions, with the huddle it came from."""
    from openqms.actions.models import Action as ActionItem
    from tests.control import huddle_helpers as hh

    escalation = hh.escalation(trust)
    colin = trust.people["colin_clinician"]
    ActionItem.objects.filter(escalation_tier__escalation=escalation, escalation_tier__level=1).update(
        owner=colin
    )
    page = signed_in("colin_clinician").get(reverse("my-qms")).content.decode()
    assert "Escalations awaiting you (1)" in page
    assert page.count(f'href="{reverse("control:escalation", args=[escalation.pk])}"') == 1
    assert "Your actions" not in page
