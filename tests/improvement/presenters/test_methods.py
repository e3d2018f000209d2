"""What the DMAIC and A3 pages show, worked out before the template: phase statuses and tools, who
may review a gate, the A3's columns and who may change it, and the method line of a project."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openqms.improvement.presenters.a3 import a3_page
from openqms.improvement.presenters.dmaic import dmaic_page
from openqms.improvement.presenters.methods import method_line
from openqms.improvement.services.a3 import save_section
from openqms.improvement.services.dmaic import review_gate
from openqms.improvement.services.projects import close_project
from openqms.improvement.services.tools import save_tool
from tests.improvement import helpers as h

pytestmark = pytest.mark.django_db


def test_each_phase_says_where_it_is_and_links_its_tools(trust):
    p = h.method_project(trust, "dmaic")
    review_gate(
        actor=trust.people["dana_division"], project=p, phase="define", outcome="passed", note="Agreed"
    )
    tool = save_tool(actor=None, project=p, kind="pareto", title="Reasons", source="No bed, 4")
    page = dmaic_page(trust.people["mo_member"], p)
    assert [(ph.name, ph.status) for ph in page.phases] == [
        ("Define", "Passed"), ("Measure", "Open now"), ("Analyse", "Not started"),
        ("Improve", "Not started"), ("Control", "Not started"),
    ]  # fmt: skip
    assert page.open_phase == "measure"
    assert page.phases[1].is_open
    assert page.phases[0].reviews[0].passed
    assert page.phases[0].reviews[0].words.endswith("Dana Division: Agreed")
    analyse = {t.text: t for t in page.phases[2].tools}
    pareto = analyse["Pareto chart of the causes"]
    assert (pareto.href, pareto.detail) == (
        reverse("improvement:tool", args=[p.pk, tool.pk]),
        "Drawn: Reasons",
    )
    fishbone = analyse["Cause-and-effect (fishbone) diagram"]
    assert fishbone.href == reverse("improvement:tool-new", args=[p.pk]) + "?kind=fishbone"
    assert not page.may_review  # Mo is on the ward's staff, but neither sponsor, lead nor leader


@pytest.mark.parametrize(
    ("username", "may_review"),
    [("dana_division", True), ("tess_team_leader", True), ("sam_senior", True), ("colin_clinician", False),
     ("mo_member", False)],
)  # fmt: skip
def test_who_is_offered_the_gate_form(trust, username, may_review):
    p = h.method_project(trust, "dmaic")
    assert dmaic_page(trust.people[username], p).may_review is may_review


def test_a_closed_or_finished_dmaic_project_offers_no_gate(trust):
    p = h.method_project(trust, "dmaic")
    for phase in ("define", "measure", "analyse", "improve", "control"):
        review_gate(actor=trust.people["dana_division"], project=p, phase=phase, outcome="passed")
    page = dmaic_page(trust.people["dana_division"], p)
    assert (page.open_phase, page.may_review, page.may_close) == ("", False, True)
    assert method_line(p).phase == "All five gates passed"
    close_project(actor=None, project=p, lessons="Held", score="4.0", baselines={})
    assert not dmaic_page(trust.people["dana_division"], p).may_close


def test_the_a3_in_its_two_columns_with_the_section_being_edited(trust):
    p = h.method_project(trust, "a3")
    save_section(actor=trust.people["mo_member"], project=p, section="plan", text="Huddles")
    page = a3_page(trust.people["mo_member"], p, editing="plan")
    assert [s.name for s in page.left] == ["Background", "Current state", "Target state", "Root cause"]
    assert [s.name for s in page.right] == ["Countermeasures", "Plan", "Follow-up"]
    plan = page.right[1]
    assert (plan.text, plan.version, plan.editing) == ("Huddles", 1, True)
    assert plan.changed.startswith("Version 1, changed on ")
    assert plan.changed.endswith("by Mo Member")
    assert page.left[0].changed == ""
    assert page.left[0].edit_href.endswith("?edit=background#background")
    # Nothing is open for editing for someone who may not change it, nor for a section that is not one.
    assert a3_page(trust.people["mo_member"], p, editing="summary").editing == ""
    closed = close_project(actor=None, project=p, lessons="Done", score="3.0", baselines={})
    page = a3_page(trust.people["mo_member"], closed, editing="plan")
    assert (page.may_edit, page.editing, page.right[1].edit_href) == (False, "", "")


def test_the_method_line_of_each_method(trust):
    assert method_line(h.project(trust)) == method_line(h.project(trust))
    line = method_line(h.project(trust))
    assert (line.method, line.phase, line.link) == ("Model for Improvement", "", None)
    a3 = h.method_project(trust, "a3")
    assert method_line(a3).link.href == reverse("improvement:a3", args=[a3.pk])
    dmaic = h.method_project(trust, "dmaic")
    assert method_line(dmaic).phase == "Define phase"
    assert method_line(dmaic, passed=2).phase == "Analyse phase"
