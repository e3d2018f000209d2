"""DMAIC's gates: reviewed by the sponsor, the lead or a leader, in order, each passed once, every
review audited against the project; refusals say exactly why and change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from openqms.audit.selectors import history_of
from openqms.improvement.models import GateReview
from openqms.improvement.selectors.methods import current_phase
from openqms.improvement.services.dmaic import review_gate
from openqms.improvement.services.projects import close_project
from tests.improvement import helpers as h

pytestmark = pytest.mark.django_db


def _dmaic(trust):
    return h.method_project(trust, "dmaic")


def test_the_phases_open_one_after_another_as_their_gates_pass(trust):
    p = _dmaic(trust)
    dana = trust.people["dana_division"]  # the sponsor
    assert current_phase(p) == "define"
    review_gate(actor=dana, project=p, phase="define", outcome="passed", note="Charter agreed")
    assert current_phase(p) == "measure"
    review_gate(actor=dana, project=p, phase="measure", outcome="not_yet", note="Only six weeks of data")
    assert current_phase(p) == "measure"
    for phase in ("measure", "analyse", "improve", "control"):
        review_gate(actor=trust.people["tess_team_leader"], project=p, phase=phase, outcome="passed")
    assert current_phase(p) is None
    entry = history_of(p).filter(changes_json__contains="Measure gate").last()
    assert entry.actor == dana
    assert entry.changes == {
        "Measure gate": [None, f"Not yet by {dana} on {dt.date.today().isoformat()}: Only six weeks of data"]
    }
    assert GateReview.objects.filter(project=p).count() == 6


def test_passing_a_gate_twice_changes_nothing(trust):
    p = _dmaic(trust)
    dana = trust.people["dana_division"]
    first = review_gate(actor=dana, project=p, phase="define", outcome="passed")
    before = history_of(p).count()
    again = review_gate(actor=trust.people["sam_senior"], project=p, phase="define", outcome="passed")
    assert again == first
    assert history_of(p).count() == before
    assert current_phase(p) == "measure"


@pytest.mark.parametrize(
    ("phase", "outcome", "note", "errors"),
    [
        (
            "analyse", "passed", "",
            {"phase": [
                "The analyse phase has not opened: the measure gate must pass first, "
                "as phases cannot be skipped"
            ]},
        ),
        ("measure", "not_yet", " ", {"note": ["Say what the phase still needs before its gate can pass"]}),
        ("measure", "maybe", "", {"outcome": ["Choose whether the gate is passed or not yet"]}),
        ("review", "passed", "", {"phase": ["Choose one of the five DMAIC phases"]}),
    ],
)  # fmt: skip
def test_a_review_that_skips_a_phase_or_lacks_its_reason_changes_nothing(trust, phase, outcome, note, errors):
    p = _dmaic(trust)
    review_gate(actor=trust.people["dana_division"], project=p, phase="define", outcome="passed")
    before = history_of(p).count()
    with pytest.raises(ValidationError) as refused:
        review_gate(actor=trust.people["dana_division"], project=p, phase=phase, outcome=outcome, note=note)
    assert refused.value.message_dict == errors
    assert GateReview.objects.filter(project=p).count() == 1
    assert history_of(p).count() == before


def test_a_passed_gate_is_not_reopened(trust):
    p = _dmaic(trust)
    dana = trust.people["dana_division"]
    review_gate(actor=dana, project=p, phase="define", outcome="passed", on=dt.date(2023, 2, 1))
    with pytest.raises(ValidationError) as refused:
        review_gate(actor=dana, project=p, phase="define", outcome="not_yet", note="Scope too wide")
    assert refused.value.message_dict == {
        "outcome": [f"The define gate was passed on 1 Feb 2023 by {dana}; a passed gate is not reopened"]
    }


def test_only_the_sponsor_the_lead_or_a_leader_reviews_a_gate(trust):
    p = _dmaic(trust)
    for username in ("colin_clinician", "mo_member", "sue_service_user", "ada_admin"):
        with pytest.raises(ValidationError) as refused:
            review_gate(actor=trust.people[username], project=p, phase="define", outcome="passed")
        assert refused.value.messages == [
            "A gate is reviewed by the project's sponsor, its lead or a leader of its unit"
        ]
    # Mo leads this one: a team member may review the gates of the project they lead.
    led = h.method_project(trust, "dmaic", lead=trust.people["mo_member"])
    review_gate(actor=trust.people["mo_member"], project=led, phase="define", outcome="passed")
    assert current_phase(led) == "measure"


def test_only_an_open_dmaic_project_has_gates(trust):
    dana = trust.people["dana_division"]
    with pytest.raises(ValidationError) as refused:
        review_gate(actor=dana, project=h.project(trust), phase="define", outcome="passed")
    assert refused.value.messages == ["Only a DMAIC project has phase gates"]
    p = _dmaic(trust)
    close_project(actor=dana, project=p, lessons="Stopped: the service moved", score="1.0", baselines={})
    with pytest.raises(ValidationError) as refused:
        review_gate(actor=dana, project=p, phase="define", outcome="passed")
    assert refused.value.messages == ["The project is closed: its gates can no longer be reviewed"]


def test_a_review_cannot_be_dated_in_the_future(trust):
    p = _dmaic(trust)
    with pytest.raises(ValidationError) as refused:
        review_gate(
            actor=trust.people["dana_division"], project=p, phase="define", outcome="passed",
            on=dt.date.today() + dt.timedelta(days=1),
        )  # fmt: skip
    assert refused.value.message_dict == {"on": ["The date of the review cannot be in the future"]}
