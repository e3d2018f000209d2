"""Reads for the methods: what an organisation offers, the open DMAIC phase, the A3's sections in
order, and the portfolio's gate counts."""

from __future__ import annotations

import pytest

from openqms.improvement.selectors.methods import a3_sections, current_phase, methods_offered
from openqms.improvement.selectors.projects import portfolio
from openqms.improvement.services.a3 import save_section
from openqms.improvement.services.dmaic import review_gate
from openqms.improvement.services.methods import choose_methods
from tests.improvement import helpers as h

pytestmark = pytest.mark.django_db


def test_methods_are_offered_in_their_order_whatever_the_order_chosen(trust):
    choose_methods(actor=None, organisation=trust.org, methods=["a3", "model_for_improvement"])
    assert methods_offered(trust.org) == ["model_for_improvement", "a3"]
    assert methods_offered(trust.other_team.organisation) == ["model_for_improvement"]


def test_the_a3s_sections_come_in_their_order_unwritten_ones_as_none(trust):
    p = h.method_project(trust, "a3")
    save_section(actor=None, project=p, section="follow_up", text="Audit in March")
    sections = a3_sections(p)
    assert list(sections) == [
        "background", "current_state", "target_state", "root_cause", "countermeasures", "plan", "follow_up",
    ]  # fmt: skip
    assert sections["background"] is None
    assert sections["follow_up"].text == "Audit in March"


def test_the_portfolio_counts_passed_gates_without_counting_overdue_cycles_twice(trust):
    p = h.method_project(trust, "dmaic")
    h.cycle(h.idea(p))  # ended in 2023 without a decision: overdue
    for phase in ("define", "measure"):
        review_gate(actor=trust.people["dana_division"], project=p, phase=phase, outcome="passed")
    review_gate(
        actor=trust.people["dana_division"], project=p, phase="analyse", outcome="not_yet", note="More"
    )
    (row,) = portfolio(trust.people["mo_member"], None, method="dmaic").rows
    assert (row.passed_gates, row.overdue_cycles) == (2, 1)
    assert current_phase(p) == "analyse"
    assert portfolio(trust.people["mo_member"], None, method="a3").rows == []
