"""The tracker's reads: overdue actions, seen from every tier above the unit."""

from __future__ import annotations

import datetime as dt

from openqms.actions.selectors import tracker as selectors
from openqms.actions.services import tracker as services

LATE = dt.date.today() - dt.timedelta(days=5)


def test_overdue_actions_are_visible_at_every_tier_above_and_nowhere_else(trust):
    services.raise_action(actor=None, unit=trust.ward_a, title="Late on Ward A", due_on=LATE)
    services.raise_action(
        actor=None, unit=trust.ward_a, title="Not yet due", due_on=dt.date.today() + dt.timedelta(days=3)
    )
    p = trust.people
    for persona, unit in (
        ("mo_member", trust.ward_a), ("colin_clinician", trust.elderly_care),
        ("dana_division", trust.medicine), ("sam_senior", trust.board),
    ):  # fmt: skip
        assert [a.title for a in selectors.overdue_in_subtree(p[persona], unit)] == ["Late on Ward A"]
    assert not selectors.overdue_in_subtree(p["sam_senior"], trust.surgery).exists()
    assert not selectors.overdue_in_subtree(p["sue_service_user"], trust.ward_a).exists()
    assert not selectors.overdue_in_subtree(p["ada_admin"], trust.board).exists()
    assert [a.title for a in selectors.overdue_below_me(p["dana_division"])] == ["Late on Ward A"]
    assert not selectors.overdue_below_me(p["mo_member"]).exists()
