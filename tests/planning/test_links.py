"""A quality plan as a source: its page for those who may see the plan, nothing for anyone else."""

from __future__ import annotations

from openqms.links.registry import resolve
from openqms.planning.links import plan_source
from openqms.planning.services.plans import create_plan


def test_a_plan_resolves_for_its_readers_only(trust):
    plan = create_plan(actor=None, unit=trust.ward_a, year=2026)
    link = resolve(trust.people["mo_member"], plan_source(plan))
    assert link is not None
    assert link.title == "Ward A quality plan 2026/27"
    assert link.url == f"/planning/plans/{plan.pk}/"
    assert resolve(trust.people["ada_admin"], plan_source(plan)) is None
    assert resolve(trust.people["otto_other_admin"], plan_source(plan)) is None
