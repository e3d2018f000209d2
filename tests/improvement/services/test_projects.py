"""Charter rules, progress history, measures and closing (hold the gains)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from openqms.audit.selectors import history_of
from openqms.control.models import AnnotationKind
from openqms.improvement.models import IdeaStatus, Stage
from openqms.improvement.services import tasks as services_actions
from openqms.improvement.services.cycles import update_cycle
from openqms.improvement.services.projects import close_project, record_progress, update_project
from openqms.improvement.services.team import add_member
from tests.improvement import helpers as h

pytestmark = pytest.mark.django_db


def test_a_project_starts_with_its_aim_measure_its_first_score_and_an_audit_entry(trust):
    p = h.project(trust)
    assert list(p.project_measures.values_list("measure_id", "role")) == [(p.aim_measure_id, "outcome")]
    assert [(r.stage, r.score) for r in p.progress_records.all()] == [(Stage.IDEA, Decimal("0.5"))]
    assert history_of(p).filter(action="create").count() == 1


def test_the_sponsor_must_be_a_senior_leader_for_the_unit(trust):
    with pytest.raises(ValidationError) as exc:
        h.project(trust, sponsor=trust.people["tess_team_leader"])
    assert "not a senior leader for Ward A" in exc.value.message_dict["sponsor"][0]


def test_the_lead_must_work_in_the_unit(trust):
    with pytest.raises(ValidationError) as exc:
        h.project(trust, lead=trust.people["ada_admin"])
    assert "has no staff role in Ward A" in exc.value.message_dict["lead"][0]


def test_the_aim_date_cannot_come_before_the_start(trust):
    with pytest.raises(ValidationError) as exc:
        h.project(trust, aim_by=dt.date(2022, 1, 1))
    assert exc.value.message_dict["aim_by"] == ["The aim's date must be on or after the project's start date"]


def test_the_charter_changes_only_in_the_fields_given_and_never_changes_its_unit(trust):
    p = h.project(trust, scope="Night shifts")
    update_project(actor=None, project=p, title="Fewer falls at night")
    p.refresh_from_db()
    assert (p.title, p.scope) == ("Fewer falls at night", "Night shifts")
    assert history_of(p).first().changes == {"title": ["Fewer falls", "Fewer falls at night"]}
    with pytest.raises(TypeError, match="unit"):
        update_project(actor=None, project=p, unit=trust.ward_b)
    with pytest.raises(TypeError, match="titel"):
        update_cycle(actor=None, cycle=h.cycle(h.idea(p)), titel="Cycle 1")


def test_progress_keeps_its_history_and_refuses_scores_off_the_scale(trust):
    p = h.project(trust)
    record_progress(
        actor=None, project=p, stage="testing", score=Decimal("2.5"), on=dt.date(2024, 3, 1)
    )
    with pytest.raises(ValidationError):
        record_progress(
            actor=None, project=p, stage="testing", score=Decimal("2.7"), on=dt.date(2024, 3, 1)
        )
    with pytest.raises(ValidationError):
        record_progress(
            actor=None, project=p, stage="closed", score=Decimal("3"), on=dt.date(2024, 3, 1)
        )
    assert [str(r.score) for r in p.progress_records.all()] == ["2.5", "0.5"]
    p.refresh_from_db()
    assert (p.stage, p.progress_score, p.progress_words) == (
        "testing",
        Decimal("2.5"),
        "Changes tested, but no improvement",
    )


def test_team_members_must_hold_a_role_in_the_unit(trust):
    p = h.project(trust)
    add_member(
        actor=None, project=p, person=trust.people["sue_service_user"], role="Service user partner"
    )
    with pytest.raises(ValidationError):
        add_member(actor=None, project=p, person=trust.people["sue_service_user"], role="Again")
    with pytest.raises(ValidationError) as exc:
        add_member(actor=None, project=p, person=trust.people["nora_no_role"], role="Helper")
    assert "has no role in Ward A" in exc.value.message_dict["person"][0]


def test_pdsa_cycles_chain_into_a_ramp_and_settle_the_idea(trust):
    p = h.project(trust)
    node = h.idea(p)
    first = h.cycle(node)
    node.refresh_from_db()
    assert node.status == IdeaStatus.TESTING
    with pytest.raises(ValidationError) as exc:
        h.cycle(node, title="Cycle 2", previous=first)
    assert "before planning the next cycle" in exc.value.message_dict["previous"][0]
    update_cycle(actor=None, cycle=first, study="4 of 5 as predicted", decision="adapt")
    second = h.cycle(
        node, title="Cycle 2", previous=first, starts_on=dt.date(2023, 7, 1), ends_on=dt.date(2023, 7, 14)
    )
    with pytest.raises(ValidationError):
        h.cycle(
            node,
            title="Cycle 2b",
            previous=first,
            starts_on=dt.date(2023, 7, 1),
            ends_on=dt.date(2023, 7, 14),
        )
    update_cycle(actor=None, cycle=second, study="Every handover", decision="adopt")
    node.refresh_from_db()
    assert node.status == IdeaStatus.ADOPTED
    from openqms.improvement.selectors.diagram import chains

    assert chains(node) == [[first, second]]


def test_a_decision_needs_a_study_first(trust):
    node = h.idea(h.project(trust))
    with pytest.raises(ValidationError) as exc:
        h.cycle(node, decision="adopt")
    assert "Study the results" in exc.value.message_dict["study"][0]


def test_closing_hands_measures_back_with_a_new_baseline(trust):
    p = h.project(trust)
    pm = p.project_measures.get()
    close_project(
        actor=None,
        project=p,
        lessons="Huddles work at night.",
        score=Decimal("4"),
        baselines={pm.pk: dt.date(2023, 9, 1)},
    )
    p.refresh_from_db()
    assert (p.stage, p.lessons) == (Stage.CLOSED, "Huddles work at night.")
    assert p.closed_at is not None
    annotation = p.aim_measure.annotations.get()
    assert (annotation.kind, annotation.on) == (AnnotationKind.RECALCULATION, dt.date(2023, 9, 1))
    assert annotation.label == "New baseline: Fewer falls"
    pm.refresh_from_db()
    assert pm.handed_over_on == dt.date(2023, 9, 1)
    with pytest.raises(ValidationError):
        close_project(actor=None, project=p, lessons="Again", score=Decimal("4"), baselines={})


def test_closing_needs_lessons(trust):
    p = h.project(trust)
    with pytest.raises(ValidationError):
        close_project(actor=None, project=p, lessons="  ", score=Decimal("4"), baselines={})


def test_flagging_a_change_for_the_standards_owner(trust):
    node = h.idea(h.project(trust))
    services_actions.flag_for_standard(
        actor=None, idea=node, note="Add the handover huddle to the falls standard."
    )
    node.refresh_from_db()
    assert node.flagged_for_standard
    assert "handover huddle" in node.standard_note
