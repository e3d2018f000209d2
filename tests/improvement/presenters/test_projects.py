"""The project page's presenter: what each person may do from it, and the words and links of its rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from openqms.improvement.presenters.projects import project_page
from openqms.improvement.services.projects import close_project
from openqms.improvement.services.tasks import add_task
from openqms.improvement.services.team import add_member, add_project_measure
from openqms.improvement.services.tools import save_tool
from openqms.organisations import services as organisations
from tests.control import huddle_helpers as hh
from tests.control import pages_helpers as control
from tests.improvement import helpers as h

pytestmark = pytest.mark.django_db

TODAY = dt.date(2023, 6, 20)


def _page(trust, username, project, today=TODAY):
    return project_page(trust.people[username], project, today=today)


def _texts(links):
    return [link.text for link in links]


def _charter(page):
    return {row["key"]["text"]: row["value"] for row in page.charter}


def test_what_each_person_may_do_from_the_project_page(trust):
    project = h.project(trust)
    add_member(
        actor=None, project=project, person=trust.people["sue_service_user"], role="service user partner"
    )

    lead = _page(trust, "tess_team_leader", project)
    member = _page(trust, "mo_member", project)
    partner = _page(trust, "sue_service_user", project)

    assert (lead.may_contribute, lead.may_lead) == (True, True)
    assert _texts(lead.progress_links) == ["Record progress", "Close the project"]
    assert lead.progress_links[1].href == reverse("improvement:project-close", args=[project.pk])
    assert (member.may_contribute, member.may_lead) == (True, False)
    assert _texts(member.progress_links) == ["Record progress"]
    assert _texts(member.charter_links) == ["Change the charter", "Change the team"]
    assert _texts(member.measure_links) == ["Add a measure from the library"]
    assert _texts(member.task_links) == ["Add a task"]
    assert member.diagram_link.text == "Edit the driver diagram"
    # A service user on the team reads the project and changes nothing.
    assert (partner.may_contribute, partner.may_lead) == (False, False)
    assert partner.progress_links == partner.charter_links == partner.measure_links == []
    assert partner.task_links == partner.tool_links == []
    assert partner.diagram_link.text == "The driver diagram as a list"
    assert partner.diagram_link.href == reverse("improvement:diagram", args=[project.pk])


def test_a_closed_project_offers_no_more_progress_measures_or_tasks_but_its_charter_still_changes(trust):
    project = h.project(trust)
    sedation = control.measure(trust.ward_a, name="Sedation")
    pm = add_project_measure(actor=None, project=project, measure=sedation, role="balancing")
    close_project(
        actor=None, project=project, lessons="Huddles work.", score=Decimal("4"),
        baselines={pm.pk: dt.date(2024, 7, 1)},
    )  # fmt: skip

    page = _page(trust, "tess_team_leader", project)

    assert page.progress_links == page.measure_links == page.task_links == []
    assert _texts(page.charter_links) == ["Change the charter", "Change the team"]
    assert _texts(page.tool_links) == ["Add a fishbone, Pareto chart or process map"]
    assert not any(panel.may_remove for panel in page.panels)
    assert page.panels[0].role == "(balancing measure; handed back with a new baseline from 1 Jul 2024)"
    assert _charter(page)["Lessons learned"] == {"text": "Huddles work."}


def test_the_charter_says_the_aim_the_team_and_the_dates_in_words(trust):
    project = h.project(trust)
    empty = _charter(_page(trust, "mo_member", project))
    assert empty["Team"] == {"text": "No team members yet"}
    assert empty["Scope"] == {"text": "Not given"}
    assert empty["Dates"] == {"text": "1 Jan 2023 to 31 Dec 2024"}
    assert empty["Sponsor"] == {"text": "Dana Division"}
    assert "Started from a concern on" not in empty

    add_member(actor=None, project=project, person=trust.people["mo_member"], role="nurse")
    charter = _charter(_page(trust, "mo_member", project))

    assert charter["Team"] == {"text": "Mo Member (nurse)"}
    assert charter["Aim"]["html"] == (
        "Reduce falls from 10 to 5 a month by the end of 2024<br>"
        '<span class="nhsuk-body-s">Measure: Falls – Ward A; target 5 by 31 Dec 2024</span>'
    )


def test_the_charter_escapes_what_people_typed(trust):
    project = h.project(trust, aim="Fewer <b>falls</b> & trips")
    aim = _charter(_page(trust, "mo_member", project))["Aim"]["html"]
    assert aim.startswith("Fewer &lt;b&gt;falls&lt;/b&gt; &amp; trips<br>")


def test_the_escalation_a_project_answers_is_a_link_only_for_those_who_may_see_it(trust):
    escalation = hh.escalation(trust)
    project = h.project(trust, escalation=escalation)
    add_member(actor=None, project=project, person=trust.people["sue_service_user"], role="partner")

    staff = _page(trust, "mo_member", project)
    partner = _page(trust, "sue_service_user", project)

    assert staff.may_see_escalation
    assert _charter(staff)["Answers the escalation"] == {
        "html": f'<a href="{reverse("control:escalation", args=[escalation.pk])}">No hoist on the ward</a>'
    }
    assert not partner.may_see_escalation
    assert _charter(partner)["Answers the escalation"] == {"text": "An escalation not shared with you"}


def test_the_strategic_priority_links_to_the_plan_and_says_when_it_is_retired(trust):
    priority = organisations.add_priority(actor=None, organisation=trust.org, title="No avoidable harm")
    project = h.project(trust, strategic_priority=priority)
    organisations.retire_priority(actor=None, priority=priority)
    project.refresh_from_db()

    row = _charter(_page(trust, "mo_member", project))["Strategic priority"]

    assert row == {
        "html": f'<a href="{reverse("planning:home")}#priority-{priority.pk}">No avoidable harm</a> (retired)'
    }


def test_the_measure_panels_chart_what_the_person_may_see_and_keep_the_aims_measure(trust):
    project = h.project(trust)
    balancing = control.measure(trust.ward_a, name="Sedation")
    add_project_measure(actor=None, project=project, measure=balancing, role="balancing")
    add_member(actor=None, project=project, person=trust.people["sue_service_user"], role="partner")

    balancing_panel, aim_panel = _page(trust, "mo_member", project).panels  # in the order of their roles

    assert aim_panel.title == "Falls, Ward A"
    assert aim_panel.role == "(outcome measure)"
    assert aim_panel.chart is not None
    assert aim_panel.caption.startswith("Common cause variation")
    assert aim_panel.href == reverse("control:measure", args=[project.aim_measure_id])
    assert not aim_panel.may_remove  # the aim is judged by it
    assert balancing_panel.chart is None
    assert balancing_panel.absent == "There are no data for this measure yet."
    assert balancing_panel.may_remove
    assert balancing_panel.remove_href.startswith(reverse("improvement:project", args=[project.pk]))
    partner_panel = _page(trust, "sue_service_user", project).panels[1]
    assert partner_panel.chart is None
    assert partner_panel.absent == "This measure is not shared with you."
    assert not partner_panel.may_remove


def test_the_cycle_rows_say_where_each_cycle_is_and_flag_it_overdue_after_its_end(trust):
    project = h.project(trust)
    c = h.cycle(h.idea(project))

    row = _page(trust, "mo_member", project, today=dt.date(2023, 6, 15)).cycles[0]

    assert (row.title, row.idea, row.where, row.overdue) == (
        "Cycle 1",
        "Falls huddle at handover",
        "Planned",
        True,
    )
    assert row.href == reverse("improvement:cycle", args=[project.pk, c.pk])
    assert row.idea_href == reverse("improvement:idea", args=[project.pk, c.change_idea_id])
    assert not _page(trust, "mo_member", project, today=dt.date(2023, 6, 14)).cycles[0].overdue


def test_the_task_rows_are_the_actions_the_person_may_see(trust):
    project = h.project(trust)
    add_member(actor=None, project=project, person=trust.people["sue_service_user"], role="partner")
    task = add_task(
        actor=None, project=project, title="Audit the night checklist", due_on=dt.date(2000, 1, 3)
    )

    row = _page(trust, "mo_member", project).tasks[0]

    assert (row.title, row.owner, row.overdue) == ("Audit the night checklist", "No owner yet", True)
    assert row.href == reverse("actions:action", args=[task.action_id])
    assert _page(trust, "sue_service_user", project).tasks == []


def test_the_tool_rows_name_their_kind(trust):
    project = h.project(trust)
    tool = save_tool(actor=None, project=project, kind="pareto", title="Errors", source="Wrong dose, 12\n")

    row = _page(trust, "mo_member", project).tools[0]

    assert (row.title, row.kind) == ("Errors", "Pareto chart")
    assert row.href == reverse("improvement:tool", args=[project.pk, tool.pk])


def test_the_diagram_and_the_progress_chart_are_drawn_only_when_there_is_something_to_draw(trust):
    project = h.project(trust)
    bare = _page(trust, "mo_member", project)
    assert bare.diagram is None
    assert bare.progress_chart is None  # one step so far: nothing to join

    h.idea(project)
    assert "Reliable risk assessment" in str(_page(trust, "mo_member", project).diagram)
