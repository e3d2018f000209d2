"""The improvement pages: the charter form's messages, the project page's charts, the portfolio, the
diagram editor with and without HTMX, PDSA cycles, lessons learned, closing and My QMS."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from openqms.control.models import AnnotationKind
from openqms.improvement.models import DriverNode, PdsaCycle, Project
from openqms.improvement.services.cycles import update_cycle
from openqms.improvement.services.projects import record_progress
from openqms.improvement.services.team import add_member, add_project_measure
from tests.control import huddle_helpers as hh
from tests.control import pages_helpers as control
from tests.improvement import helpers as h

pytestmark = pytest.mark.django_db


def _date(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def _charter(trust, measure, **extra):
    data = {
        "title": "Fewer falls at night",
        "unit": trust.ward_a.pk,
        "problem": "Falls happen at night in the bays.",
        "aim": "Reduce falls from 10 to 5 a month by December 2024",
        "aim_measure": measure.pk,
        "aim_target": "5",
        "quality_domain": "safe",
        "sponsor": trust.people["dana_division"].pk,
        "lead": trust.people["mo_member"].pk,
        **_date("aim_by", dt.date(2024, 12, 31)),
        **_date("starts_on", dt.date(2023, 1, 1)),
        **_date("ends_on", dt.date(2024, 12, 31)),
    }
    return data | extra


def test_a_team_member_starts_a_project_for_their_ward(client, signed_in, trust):
    measure = control.measure(trust.ward_a)
    client = signed_in("mo_member")
    assert client.get(reverse("improvement:project-new")).status_code == 200
    response = client.post(reverse("improvement:project-new"), _charter(trust, measure))
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("improvement:project", args=[project.pk])
    assert (project.unit, project.lead, project.aim_measure) == (
        trust.ward_a,
        trust.people["mo_member"],
        measure,
    )


def test_the_aim_must_name_a_measure_a_target_and_a_date(client, signed_in, trust):
    measure = control.measure(trust.ward_a)
    data = _charter(
        trust, measure, aim_measure="", aim_target="", aim_by_day="", aim_by_month="", aim_by_year=""
    )
    response = signed_in("mo_member").post(reverse("improvement:project-new"), data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Choose the measure that will show the aim is met" in text
    assert "Enter the target the aim sets for the measure, as a number" in text
    assert "Enter the date by which the aim will be met" in text
    assert not Project.objects.exists()


def test_the_charter_form_says_exactly_what_is_wrong(client, signed_in, trust):
    measure = control.measure(trust.ward_a)
    data = _charter(
        trust,
        measure,
        aim_target="five",
        sponsor=trust.people["tess_team_leader"].pk,
        **_date("ends_on", dt.date(2022, 1, 1)),
    )
    text = signed_in("mo_member").post(reverse("improvement:project-new"), data).content.decode()
    assert "Target must be a number, like 12 or 3.5" in text
    assert "The planned end date must be on or after the start date" in text
    assert "Choose a sponsor from the list" in text  # Tess is no senior leader anywhere
    surgeon = control.person_on(trust.surgery, "senior_leader")
    data = _charter(trust, measure, sponsor=surgeon.pk)
    text = signed_in("mo_member").post(reverse("improvement:project-new"), data).content.decode()
    # Surgery's senior leader is not offered to Ward A's people, so not accepted either (ADR 31).
    assert "Choose a sponsor from the list" in text


def test_a_project_started_from_an_escalation_carries_it(client, signed_in, trust):
    escalation = hh.escalation(trust)
    client = signed_in("tess_team_leader")
    text = client.get(reverse("improvement:project-new") + f"?escalation={escalation.pk}").content.decode()
    assert "No hoist on the ward" in text
    measure = control.measure(trust.ward_a)
    client.post(reverse("improvement:project-new"), _charter(trust, measure, escalation=escalation.pk))
    project = Project.objects.get()
    assert project.escalation == escalation
    assert (
        "Answers the escalation"
        in client.get(reverse("improvement:project", args=[project.pk])).content.decode()
    )


def _chosen_unit(html: str) -> str | None:
    select = re.search(r'<select[^>]*name="unit"[^>]*>.*?</select>', html, re.S)
    assert select is not None
    chosen = re.search(r'<option value="(\d+)"[^>]*selected', select.group(0))
    return chosen.group(1) if chosen else None


def test_a_project_suggested_by_another_page_takes_its_words_and_a_unit_the_person_may_use(signed_in, trust):
    client = signed_in("mo_member")
    new = reverse("improvement:project-new")
    words = {"title": "Meeting HH1 on Ward A", "problem": "HH1 failed in 3 audits."}
    text = client.get(f"{new}?{urlencode(words | {'unit': trust.ward_a.pk})}").content.decode()
    assert "Meeting HH1 on Ward A" in text
    assert "HH1 failed in 3 audits." in text
    assert _chosen_unit(text) == str(trust.ward_a.pk)
    # A unit out of the person's reach is not chosen for them (and the form would refuse it anyway).
    text = client.get(f"{new}?{urlencode({'unit': trust.ward_b.pk})}").content.decode()
    assert _chosen_unit(text) != str(trust.ward_b.pk)


def test_a_project_started_from_a_measure_concern_remembers_the_measure(client, signed_in, trust):
    measure = control.measure(trust.ward_a)
    control.monthly_values(measure, control.RISING)
    client = signed_in("tess_team_leader")
    text = client.get(reverse("improvement:project-new") + f"?measure={measure.pk}").content.decode()
    assert "Improving falls on Ward A" in text
    data = _charter(trust, measure, source_measure=str(measure.pk))
    client.post(reverse("improvement:project-new"), data)
    assert Project.objects.get().source_measure == measure


def test_the_project_page_shows_the_measure_with_the_pdsa_cycles_on_its_time_axis(client, signed_in, trust):
    p = h.project(trust)
    h.cycle(h.idea(p), title="Night huddle test")
    text = signed_in("mo_member").get(reverse("improvement:project", args=[p.pk])).content.decode()
    assert "<svg" in text
    assert "PDSA: Night huddle test" in text
    assert "Reliable risk assessment" in text  # the driver diagram


def test_the_portfolio_filters_by_stage_domain_and_sponsor(client, signed_in, trust):
    falls = h.project(trust)
    h.project(trust, title="Faster discharge", quality_domain="timely")
    record_progress(
        actor=None, project=falls, stage="testing", score=Decimal("2"), on=dt.date(2024, 1, 1)
    )
    h.cycle(h.idea(falls), ends_on=dt.date(2023, 6, 30))  # overdue: no decision, ended long ago
    client = signed_in("dana_division")
    text = client.get(reverse("improvement:home")).content.decode()
    assert "Fewer falls" in text
    assert "Faster discharge" in text
    assert "1 overdue" in text
    text = client.get(reverse("improvement:home"), {"stage": "testing"}).content.decode()
    assert "Fewer falls" in text
    assert "Faster discharge" not in text
    text = client.get(reverse("improvement:home"), {"domain": "timely"}).content.decode()
    assert "Faster discharge" in text
    assert "Fewer falls" not in text
    assert "Faster discharge" in client.get(reverse("improvement:home"), {"sponsor": "me"}).content.decode()
    assert (
        "Faster discharge"
        not in signed_in("sam_senior").get(reverse("improvement:home"), {"sponsor": "me"}).content.decode()
    )


def test_a_service_user_sees_only_the_projects_whose_team_names_them(client, signed_in, trust):
    mine = h.project(trust, title="Visiting hours")
    h.project(trust, title="Night staffing")
    add_member(
        actor=None, project=mine, person=trust.people["sue_service_user"], role="Service user partner"
    )
    text = signed_in("sue_service_user").get(reverse("improvement:home")).content.decode()
    assert "Visiting hours" in text
    assert "Night staffing" not in text
    page = client.get(reverse("improvement:project", args=[mine.pk])).content.decode()
    assert "This measure is not shared with you." in page
    assert "Change the charter" not in page


def test_the_diagram_editor_works_with_plain_forms_and_with_htmx(client, signed_in, trust):
    p = h.project(trust)
    client = signed_in("mo_member")
    url = reverse("improvement:node-add", args=[p.pk])
    response = client.post(url, {"kind": "primary", "text": "Staff know the risks"})
    assert response.status_code == 302
    primary = DriverNode.objects.get()
    response = client.post(
        url, {"kind": "change", "text": "Falls huddle", "parent": primary.pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 302  # htmx follows it and swaps the editor's main region
    page = client.get(reverse("improvement:diagram", args=[p.pk])).content.decode()
    assert "Falls huddle" in page
    assert "Undo: Added change idea “Falls huddle”" in page
    response = client.post(url, {"kind": "secondary", "text": " ", "parent": primary.pk})
    assert "Enter the words for the diagram" in response.content.decode()
    idea = DriverNode.objects.get(text="Falls huddle")
    response = client.post(reverse("improvement:node-move", args=[p.pk, idea.pk]), {"parent": "aim"})
    assert "Choose a place from the list" in response.content.decode()
    client.post(reverse("improvement:node-delete", args=[p.pk, primary.pk]))
    assert DriverNode.objects.filter(deleted_at__isnull=True).count() == 0
    client.post(reverse("improvement:diagram-undo", args=[p.pk]))
    assert DriverNode.objects.filter(deleted_at__isnull=True).count() == 2
    svg = client.get(reverse("improvement:diagram-svg", args=[p.pk]))
    assert svg["Content-Type"] == "image/svg+xml"
    assert b"Falls huddle" in svg.content
    assert "/download/" in reverse("improvement:diagram-svg", args=[p.pk])
    assert svg["Content-Disposition"].startswith("attachment; filename=")
    assert svg["Content-Disposition"].endswith('-driver-diagram.svg"')
    assert "default-src 'none'" in svg["Content-Security-Policy"]
    assert client.get(reverse("improvement:diagram-png", args=[p.pk])).content[:4] == b"\x89PNG"


def test_two_linked_pdsa_cycles_from_the_pages(client, signed_in, trust):
    p = h.project(trust)
    idea = h.idea(p)
    client = signed_in("mo_member")
    url = reverse("improvement:cycle-new", args=[p.pk, idea.pk])
    plan = {
        "title": "Cycle 1", "question": "Will it happen?", "prediction": "4 of 5", "who": "Night nurses",
        "what": "A huddle", "where": "Bay 1", "data_to_collect": "Huddles held",
        **_date("starts_on", dt.date(2023, 6, 1)), **_date("ends_on", dt.date(2023, 6, 14)),
    }  # fmt: skip
    assert client.post(url, plan).status_code == 302
    first = PdsaCycle.objects.get()
    response = client.post(url, plan | {"title": "Cycle 2", "previous": first.pk})
    assert "Choose a cycle of this change idea" in response.content.decode()  # no decision yet: not offered
    edit = reverse("improvement:cycle-edit", args=[p.pk, first.pk])
    response = client.post(edit, plan | {"decision": "adapt"})
    assert "Study the results" in response.content.decode()
    assert client.post(edit, plan | {"decision": "adapt", "study": "3 of 5"}).status_code == 302
    assert client.post(url, plan | {"title": "Cycle 2", "previous": first.pk}).status_code == 302
    second = PdsaCycle.objects.get(title="Cycle 2")
    assert second.previous == first
    page = client.get(reverse("improvement:cycle", args=[p.pk, second.pk])).content.decode()
    assert "The ramp" in page
    assert "Start: Cycle 2" in page  # the measure's chart over the cycle
    idea_page = client.get(reverse("improvement:idea", args=[p.pk, idea.pk])).content.decode()
    assert "Ramp 1" in idea_page


def test_closing_from_the_page_hands_the_measures_back(client, signed_in, trust):
    p = h.project(trust)
    pm = p.project_measures.get()
    client = signed_in("tess_team_leader")
    url = reverse("improvement:project-close", args=[p.pk])
    response = client.post(url, {"score": "4.0", "lessons": "", f"baseline_{pm.pk}_day": "40"})
    text = response.content.decode()
    assert "Write what the team learned, so that others can find it" in text
    assert "New baseline for Falls must include a month and a year" in text
    data = {
        "score": "4.0",
        "lessons": "Night huddles stick.",
        **_date(f"baseline_{pm.pk}", dt.date(2023, 9, 1)),
    }
    assert client.post(url, data).status_code == 302
    annotation = p.aim_measure.annotations.get()
    assert annotation.kind == AnnotationKind.RECALCULATION
    results = (
        signed_in("colin_clinician").get(reverse("improvement:lessons"), {"q": "huddles"}).content.decode()
    )
    assert "Night huddles stick." in results


def test_my_qms_lists_my_projects_and_overdue_cycles(client, signed_in, trust):
    p = h.project(trust)
    h.cycle(h.idea(p), title="Overdue cycle", ends_on=dt.date(2023, 6, 30))
    text = signed_in("tess_team_leader").get(reverse("my-qms")).content.decode()
    assert "My improvement projects" in text
    assert "Overdue cycle" in text
    assert "My improvement projects" not in signed_in("sam_senior").get(reverse("my-qms")).content.decode()


def test_progress_and_team_pages(client, signed_in, trust):
    p = h.project(trust)
    client = signed_in("mo_member")
    url = reverse("improvement:project-progress", args=[p.pk])
    text = client.post(url, {"stage": "testing", "score": "7"}).content.decode()
    assert "Choose a progress score from the list" in text or "Choose a progress score" in text
    data = {"stage": "testing", "score": "2.5", **_date("on", dt.date(2024, 1, 1))}
    assert client.post(url, data).status_code == 302
    team = reverse("improvement:project-team", args=[p.pk])
    response = client.post(team, {"person": trust.people["sue_service_user"].pk, "role": ""})
    assert "Say what part they play" in response.content.decode()
    assert (
        client.post(team, {"person": trust.people["sue_service_user"].pk, "role": "Partner"}).status_code
        == 302
    )
    history = client.get(reverse("improvement:project-history", args=[p.pk])).content.decode()
    assert "Sue Service-User (Partner)" in history


def test_an_escalation_and_a_measure_concern_offer_to_start_a_project(client, signed_in, trust):
    escalation = hh.escalation(trust)
    measure = control.measure(trust.ward_a)
    control.monthly_values(measure, control.RISING)
    client = signed_in("mo_member")
    page = client.get(reverse("control:escalation", args=[escalation.pk])).content.decode()
    assert f"/improvement/projects/new/?escalation={escalation.pk}" in page
    page = client.get(reverse("control:measure", args=[measure.pk])).content.decode()
    assert f"/improvement/projects/new/?measure={measure.pk}" in page
    page = signed_in("sue_service_user").get(reverse("control:escalation", args=[escalation.pk]))
    assert b"Start an improvement project" not in page.content


def test_recalculating_a_measure_from_the_cycle_whose_change_made_a_difference(client, signed_in, trust):
    p = h.project(trust)
    cycle = h.cycle(h.idea(p))
    pm = p.project_measures.get()
    client = signed_in("mo_member")
    url = reverse("improvement:cycle-recalculate", args=[p.pk, cycle.pk])
    page = client.post(url, {"measure": pm.pk}, follow=True).content.decode()
    assert "Decide to adopt or adapt the change (Act) before recalculating from it" in page
    update_cycle(actor=None, cycle=cycle, study="Better than predicted", decision="adopt")
    page = client.post(url, {"measure": pm.pk}, follow=True).content.decode()
    assert "are recalculated from 01 June 2023" in page
    annotation = p.aim_measure.annotations.get()
    assert (annotation.kind, annotation.on) == (AnnotationKind.RECALCULATION, cycle.starts_on)


def test_closing_sets_a_new_baseline_only_on_measures_the_leader_may_change(client, signed_in, trust):
    p = h.project(trust)
    ward_b = control.measure(trust.ward_b)
    other = add_project_measure(actor=None, project=p, measure=ward_b, role="balancing")
    client = signed_in("tess_team_leader")
    url = reverse("improvement:project-close", args=[p.pk])
    assert "only the people of Ward B may set its new baseline" in client.get(url).content.decode()
    data = {
        "score": "4.0",
        "lessons": "Night huddles stick.",
        **_date(f"baseline_{other.pk}", dt.date(2023, 9, 1)),
    }
    assert client.post(url, data).status_code == 302
    assert not ward_b.annotations.exists()


def test_a_sponsor_sees_the_projects_they_sponsor_from_any_unit(client, signed_in, trust):
    h.project(trust, title="Fewer falls on Ward A")
    client = signed_in("dana_division")
    session = client.session
    session["openqms_current_unit"] = trust.ward_b.pk
    session.save()
    text = client.get(reverse("improvement:home"), {"sponsor": "me"}).content.decode()
    assert "Fewer falls on Ward A" in text


def test_the_progress_score_is_drawn_over_time(client, signed_in, trust):
    p = h.project(trust)
    page = signed_in("mo_member").get(reverse("improvement:project", args=[p.pk])).content.decode()
    assert "Progress score of Fewer falls over time" not in page  # one score is no history yet
    record_progress(
        actor=None, project=p, stage="testing", score=Decimal("2.5"), on=dt.date(2024, 1, 1)
    )
    page = client.get(reverse("improvement:project", args=[p.pk])).content.decode()
    assert "Progress score of Fewer falls over time" in page


def test_a_service_user_on_the_team_gives_feedback_on_a_cycle(client, signed_in, trust):
    p = h.project(trust)
    cycle = h.cycle(h.idea(p))
    add_member(
        actor=None, project=p, person=trust.people["sue_service_user"], role="Patient partner"
    )
    client = signed_in("sue_service_user")
    url = reverse("improvement:cycle-feedback", args=[p.pk, cycle.pk])
    response = client.post(url, {"text": "  "})
    assert "Write what you think of this change" in response.content.decode()
    response = client.post(url, {"text": "My mother felt safer at night."}, follow=True)
    page = response.content.decode()
    assert "Thank you: your feedback is on the cycle." in page
    assert "My mother felt safer at night." in page
    assert "Sue Service-User" in page
    assert "Record the do, study and act" not in page  # she still changes nothing else
