"""The methods' pages: the new-project page offers only the organisation's methods; a DMAIC
project's phases and gate form; an A3's sections edited in place; the portfolio and project page
show the method and phase; the administration page that chooses the methods."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openqms.improvement.models import A3Section, GateReview, OrganisationMethods, Project
from openqms.improvement.services.a3 import save_section
from openqms.improvement.services.dmaic import review_gate
from tests.control import pages_helpers as control
from tests.improvement import helpers as h
from tests.improvement.views.test_projects import _charter

pytestmark = pytest.mark.django_db


def test_the_new_project_page_offers_only_the_organisations_methods(signed_in, trust):
    client = signed_in("mo_member")
    text = client.get(reverse("improvement:project-new")).content.decode()
    assert "Improvement method: <strong>Model for Improvement</strong>" in text
    assert 'name="method" value="model_for_improvement"' in text
    h.offer_methods(trust.org, "model_for_improvement", "a3")
    text = client.get(reverse("improvement:project-new")).content.decode()
    assert 'type="radio"' in text
    assert 'value="a3"' in text
    assert 'value="dmaic"' not in text
    # A method the organisation does not offer, posted anyway, is refused on its field.
    response = client.post(
        reverse("improvement:project-new"), _charter(trust, control.measure(trust.ward_a), method="dmaic")
    )
    assert "Select a valid choice" not in response.content.decode()
    assert "Choose one of the improvement methods your organisation offers" in response.content.decode()
    assert not Project.objects.exists()
    response = client.post(
        reverse("improvement:project-new"), _charter(trust, control.measure(trust.ward_a), method="a3")
    )
    project = Project.objects.get()
    assert project.method == "a3"
    assert response["Location"] == reverse("improvement:project", args=[project.pk])


def test_a_dmaic_project_shows_its_phase_and_its_reviewers_record_gates(signed_in, trust):
    p = h.method_project(trust, "dmaic")
    text = signed_in("mo_member").get(reverse("improvement:project", args=[p.pk])).content.decode()
    assert "Method: <strong>DMAIC</strong>, define phase." in text
    client = signed_in("dana_division")
    page = client.get(reverse("improvement:dmaic", args=[p.pk])).content.decode()
    assert "The define phase is open." in page
    assert "Record the gate review" in page
    gate = reverse("improvement:dmaic-gate", args=[p.pk])
    response = client.post(gate, {"phase": "define", "outcome": "not_yet"})
    assert "Say what the phase still needs before its gate can pass" in response.content.decode()
    response = client.post(gate, {"phase": "define", "outcome": "passed", "note": "Charter agreed"})
    assert response.status_code == 302
    assert GateReview.objects.get().outcome == "passed"
    page = client.get(reverse("improvement:dmaic", args=[p.pk])).content.decode()
    assert "The define gate is passed." in page
    assert "The measure phase is open." in page
    # A form from before the pass, posted again, is told the phase cannot be skipped or reopened.
    response = client.post(gate, {"phase": "improve", "outcome": "passed"})
    page = response.content.decode()
    assert "phases cannot be skipped" in page
    assert 'href="#id_outcome"' in page  # above the form, leading to the radios


def test_staff_who_may_not_review_see_who_does(signed_in, trust):
    p = h.method_project(trust, "dmaic")
    page = signed_in("colin_clinician").get(reverse("improvement:dmaic", args=[p.pk])).content.decode()
    assert "Record the gate review" not in page
    assert "The project's sponsor, its lead or a leader of its unit reviews this gate." in page


def test_an_a3_section_is_edited_in_its_place(signed_in, trust):
    p = h.method_project(trust, "a3")
    client = signed_in("mo_member")
    url = reverse("improvement:a3", args=[p.pk])
    page = client.get(url).content.decode()
    assert page.count("Not written yet.") == 7
    assert f'href="{url}?edit=root_cause#root_cause"' in page
    page = client.get(url, {"edit": "root_cause"}).content.decode()
    assert page.count("<textarea") == 1
    assert "Save root cause" in page
    save = reverse("improvement:a3-section", args=[p.pk, "root_cause"])
    response = client.post(save, {"text": "Risk assessed late", "version": "0"})
    assert response["Location"] == f"{url}#root_cause"
    page = client.get(url).content.decode()
    assert "Risk assessed late" in page
    assert "Version 1, changed on" in page
    # Someone else saved in between: the writer keeps their words and sees the section as it is.
    save_section(
        actor=trust.people["tess_team_leader"],
        project=p,
        section="root_cause",
        text="Night staffing",
        seen_version=1,
    )
    response = client.post(save, {"text": "My words", "version": "1"})
    page = response.content.decode()
    assert "changed this section while you were writing" in page
    assert "My words" in page
    assert "Night staffing" in page
    assert 'name="version" value="2"' in page
    assert A3Section.objects.get().text == "Night staffing"


def test_a_service_user_on_the_team_reads_the_a3_and_changes_nothing(signed_in, trust):
    from openqms.improvement.services.team import add_member

    p = h.method_project(trust, "a3")
    add_member(actor=None, project=p, person=trust.people["sue_service_user"], role="Patient partner")
    page = (
        signed_in("sue_service_user")
        .get(reverse("improvement:a3", args=[p.pk]), {"edit": "plan"})
        .content.decode()
    )
    assert 'name="text"' not in page
    assert "Change<span" not in page
    assert "Not written yet." in page


def test_the_portfolio_shows_and_filters_by_method_and_phase(signed_in, trust):
    h.offer_methods(trust.org)
    h.project(trust, title="Falls by PDSA")
    dmaic = h.project(trust, title="Cancellations by DMAIC", method="dmaic")
    review_gate(actor=trust.people["dana_division"], project=dmaic, phase="define", outcome="passed")
    review_gate(
        actor=trust.people["dana_division"],
        project=dmaic,
        phase="measure",
        outcome="not_yet",
        note="More data",
    )
    client = signed_in("mo_member")
    page = client.get(reverse("improvement:home")).content.decode()
    assert "DMAIC: measure phase" in page
    assert "Model for Improvement" in page
    page = client.get(reverse("improvement:home"), {"method": "dmaic"}).content.decode()
    assert "Cancellations by DMAIC" in page
    assert "Falls by PDSA" not in page


def test_an_administrator_chooses_the_methods(signed_in, trust):
    client = signed_in("ada_admin")
    url = reverse("administration:improvement-methods", args=[trust.org.pk])
    page = client.get(url).content.decode()
    assert "staff are offered the Model for Improvement only" in page
    response = client.post(url, {})
    assert "Choose at least one improvement method for staff to use" in response.content.decode()
    assert not OrganisationMethods.objects.exists()
    response = client.post(url, {"methods": ["dmaic", "a3"]})
    assert response.status_code == 302
    assert OrganisationMethods.objects.get().offered == ["dmaic", "a3"]
    assert "Choose the improvement methods" in client.get(reverse("administration:home")).content.decode()
