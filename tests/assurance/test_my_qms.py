"""The assurance panel on My QMS: audits assigned, actions owned, overdue actions below a leader."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from openqms.actions import services as actions
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
