"""A plan's results at year end and the planning inputs beside a draft."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from openqms.assurance.models import AuditRun
from openqms.assurance.services.audits import complete_audit, start_audit
from openqms.improvement.models import Project
from openqms.planning.models.plans import year_label, year_of
from openqms.planning.selectors import plans as selectors
from openqms.planning.services import plans as services
from tests.assurance import helpers as assurance
from tests.control import pages_helpers as control
from tests.planning.helpers import drafted


def test_years_are_financial_years():
    assert year_of(dt.date(2026, 3, 31)) == 2025
    assert year_of(dt.date(2026, 4, 1)) == 2026
    assert year_label(2099) == "2099/00"


def test_results_count_what_was_done_against_what_was_planned(trust):
    d = drafted(trust)
    services.submit(actor=None, plan=d.plan)
    services.approve(actor=None, plan=d.plan)
    before = selectors.results(d.plan)
    assert (before.audits_planned, before.audits_done, before.projects_planned, before.projects_finished) == (
        1, 0, 1, 0,
    )  # fmt: skip
    run = start_audit(actor=None, run=AuditRun.objects.get(unit=trust.ward_a))
    assurance.answer_all(run, [["yes", "yes", ""], ["yes", "no", ""]])
    complete_audit(actor=None, run=run)
    Project.objects.update(stage="sustaining")
    after = selectors.results(d.plan)
    assert (after.audits_done, after.projects_finished) == (1, 1)
    assert after.targets[0].measure == d.measure


def test_inputs_show_concerns_missed_audits_and_last_year(trust):
    d = drafted(trust, with_items=False)
    concern = control.measure(trust.ward_a, name="Falls at night", direction="decrease")
    control.monthly_values(concern, [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 9, 9, 9, 9, 9, 9, 9, 9])
    old = assurance.run(
        trust, d.template, due=timezone.localdate().replace(year=timezone.localdate().year - 1)
    )
    last = services.create_plan(actor=None, unit=trust.ward_a, year=d.plan.year - 1)
    found = selectors.inputs(trust.people["tess_team_leader"], d.plan)
    assert concern in found.concerns
    assert old in found.missed_audits
    assert found.last_year == last
    assert found.open_needs == []
    # Out of scope: Ward B's concerns are not Ward A's inputs.
    assert all(m.unit_id == trust.ward_a.pk for m in found.concerns)
