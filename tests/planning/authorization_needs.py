"""What the feedback, needs, service model and "you said, we did" pages answer to each persona.

Ward A's staff (Sam, Dana, Tess, Colin, Mo) read and answer its feedback and needs; its leaders
(Sam, Dana, Tess) score needs, decide service models and publish "you said, we did"; consultants
and senior leaders (Sam, Dana, Colin) propose service models; Sue, Ward A's service user, gives
feedback, raises needs, follows her own, and reads and comments on service models. Ada administers
the tree and sees none of it. The public QR-code form and published pages need no sign-in.
"""

from __future__ import annotations

from typing import Any

from openqms.planning.services import feedback as feedback_services
from openqms.planning.services import service_models as model_services
from openqms.planning.services import you_said as you_said_services
from tests.authorization import EVERYONE, SIGNED_IN, Case, only
from tests.improvement import helpers as improvement
from tests.planning import needs_helpers as h

STAFF = ["sam_senior", "dana_division", "tess_team_leader", "colin_clinician", "mo_member"]
LEADERS = ["sam_senior", "dana_division", "tess_team_leader"]
PROPOSERS = ["sam_senior", "dana_division", "colin_clinician"]
WITH_SUE = [*STAFF, "sue_service_user"]
NOT_ALLOWED = only(SIGNED_IN, 405)
DUE = {"due_on_day": "1", "due_on_month": "6", "due_on_year": "2030"}


def _unit(t: Any) -> dict[str, int]:
    return {"unit": t.ward_a.pk}


def _feedback(t: Any) -> dict[str, int]:
    return {"pk": h.feedback(t).pk}


def _need(t: Any) -> dict[str, int]:
    return {"pk": h.need(t).pk}


def _sues_need(t: Any) -> dict[str, int]:
    return {"pk": h.need(t, by="sue_service_user").pk}


def _evidence(t: Any) -> dict[str, int]:
    from openqms.planning.services.needs import add_evidence

    need = h.need(t)
    item = add_evidence(
        actor=None, need=need, source="survey", on=need.created_at.date(), summary="Survey",
        link="https://intranet.example/survey",
    )  # fmt: skip
    return {"pk": item.pk}


def _model(t: Any) -> dict[str, int]:
    return {"pk": h.service_model(t).pk}


def _current_model(t: Any) -> dict[str, int]:
    model = h.service_model(t)
    model_services.decide(actor=None, model=model, change_kind="new", rationale="The falls audit")
    return {"pk": model.pk}


def _token(t: Any) -> dict[str, str]:
    return {
        "token": feedback_services.open_feedback_point(
            actor=t.people["tess_team_leader"], unit=t.ward_a
        ).token
    }


def _withdrawn_token(t: Any) -> dict[str, str]:
    old = _token(t)
    feedback_services.open_feedback_point(actor=t.people["tess_team_leader"], unit=t.ward_a)
    return old


def _project_data(t: Any) -> dict[str, Any]:
    return {"project": improvement.project(t, "ward_a").pk}


def _published(t: Any) -> dict[str, int]:
    import datetime as dt

    page = you_said_services.publish(
        actor=None, unit=t.ward_a, starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 3, 31)
    )
    return {"pk": page.pk}


GIVEN = {"kind": "idea", "text": "Quieter nights, please", "given_by": "service_user"}
CARD = GIVEN | {
    "channel": "card",
    "received_on_day": "2",
    "received_on_month": "1",
    "received_on_year": "2026",
}

EXPECTATIONS: dict[str, list[Case]] = {
    "planning:feedback": [Case("Ward A's", _unit, allowed=only(STAFF))],
    "planning:feedback-new": [
        Case("the form", _unit, allowed=only(WITH_SUE)),
        Case("giving it", _unit, method="post", data=lambda t: CARD, allowed=only(WITH_SUE, 302)),
    ],
    "planning:feedback-qr": [
        Case("the poster", _unit, allowed=only(STAFF)),
        Case("a new link", _unit, method="post", allowed=only(STAFF, 302)),
    ],
    "planning:feedback-item": [
        Case("one item", _feedback, allowed=only(STAFF)),
        Case(
            "answering",
            _feedback,
            method="post",
            data=lambda t: {"response": "Thank you"},
            allowed=only(STAFF, 302),
        ),
    ],
    "planning:feedback-need": [
        Case("GET is not allowed", _feedback, allowed=NOT_ALLOWED),
        Case(
            "a need from it",
            _feedback,
            method="post",
            data=lambda t: {"title": "Visiting times on the door", "who_affected": "Visitors"},
            allowed=only(STAFF, 302),
        ),
    ],
    "planning:feedback-action": [
        Case("GET is not allowed", _feedback, allowed=NOT_ALLOWED),
        Case(
            "an action from it",
            _feedback,
            method="post",
            data=lambda t: {"title": "Put up a sign"} | DUE,
            allowed=only(STAFF, 302),
        ),
    ],
    "planning:feedback-project": [
        Case("GET is not allowed", _feedback, allowed=NOT_ALLOWED),
        Case("linking a project", _feedback, method="post", data=_project_data, allowed=only(STAFF, 302)),
    ],
    "planning:feedback-give": [
        Case("the public form", _token, allowed=only(EVERYONE)),
        Case("giving it", _token, method="post", data=lambda t: GIVEN, allowed=only(EVERYONE, 302)),
        Case("a withdrawn link", _withdrawn_token, allowed={"anonymous": 404}),
    ],
    "planning:feedback-thanks": [
        Case("thank you", _token, allowed=only(EVERYONE)),
        Case("a withdrawn link", _withdrawn_token, allowed={"anonymous": 404}),
    ],
    "planning:needs": [Case("the register, or your own", allowed=only(SIGNED_IN))],
    "planning:need-new": [
        Case("the form", _unit, allowed=only(WITH_SUE)),
        Case(
            "raising one",
            _unit,
            method="post",
            data=lambda t: {"title": "Ramps", "who_affected": "Wheelchair users"},
            allowed=only(WITH_SUE, 302),
        ),
    ],
    "planning:need": [
        Case("staff's", _need, allowed=only(STAFF)),
        Case("Sue's own", _sues_need, allowed=only(WITH_SUE)),
    ],
    "planning:need-triage": [
        Case("GET is not allowed", _need, allowed=NOT_ALLOWED),
        Case(
            "scoring",
            _need,
            method="post",
            data=lambda t: {"impact": "3", "reach": "2", "status": "accepted"},
            allowed=only(LEADERS, 302),
        ),
        Case(
            "Sue's own",
            _sues_need,
            method="post",
            data=lambda t: {"status": "met"},
            allowed=only(LEADERS, 302),
        ),
    ],
    "planning:need-links": [
        Case("GET is not allowed", _need, allowed=NOT_ALLOWED),
        Case("linking", _need, method="post", allowed=only(STAFF, 302)),
    ],
    "planning:need-evidence": [
        Case("GET is not allowed", _need, allowed=NOT_ALLOWED),
        Case(
            "a link",
            _need,
            method="post",
            data=lambda t: {
                "source": "survey",
                "on_day": "1",
                "on_month": "1",
                "on_year": "2026",
                "summary": "Survey",
                "link": "https://intranet.example/s",
            },
            allowed=only(STAFF, 302),
        ),
    ],
    "planning:need-action": [
        Case("GET is not allowed", _need, allowed=NOT_ALLOWED),
        Case(
            "an action",
            _need,
            method="post",
            data=lambda t: {"title": "Ask estates"} | DUE,
            allowed=only(STAFF, 302),
        ),
    ],
    "planning:need-evidence-file": [Case("a link", _evidence, allowed=only(STAFF, 302))],
    "planning:service-models": [Case("Ward A's", _unit, allowed=only(WITH_SUE))],
    "planning:service-model-new": [Case("the form", _unit, allowed=only(PROPOSERS))],
    "planning:service-model": [Case("a proposal", _model, allowed=only(WITH_SUE))],
    "planning:service-model-edit": [Case("a proposal", _model, allowed=only(PROPOSERS))],
    "planning:service-model-add": [
        Case("GET is not allowed", lambda t: _model(t) | {"part": "step"}, allowed=NOT_ALLOWED),
        Case(
            "a step",
            lambda t: _model(t) | {"part": "step"},
            method="post",
            data=lambda t: {"title": "Assessment"},
            allowed=only(PROPOSERS, 302),
        ),
        Case("no such part", lambda t: _model(t) | {"part": "other"}, method="post", allowed={}),
    ],
    "planning:service-model-comment": [
        Case("GET is not allowed", _model, allowed=NOT_ALLOWED),
        Case(
            "a comment", _model, method="post", data=lambda t: {"text": "Good"}, allowed=only(WITH_SUE, 302)
        ),
    ],
    "planning:service-model-decide": [
        Case("GET is not allowed", _model, allowed=NOT_ALLOWED),
        # The first leader decides; deciding again is refused and changes nothing.
        Case(
            "a new service",
            _model,
            method="post",
            data=lambda t: {"change_kind": "new", "rationale": "Falls audit"},
            allowed={"sam_senior": 302, "dana_division": 400, "tess_team_leader": 400},
        ),
    ],
    "planning:service-model-version": [
        Case("GET is not allowed", _current_model, allowed=NOT_ALLOWED),
        Case("a new version", _current_model, method="post", allowed=only(PROPOSERS, 302)),
    ],
    "planning:you-said": [
        Case("Ward A's", _unit, allowed=only(STAFF)),
        Case(
            "publishing",
            _unit,
            method="post",
            data=lambda t: {"starts_on": "2026-01-01", "ends_on": "2026-03-31"},
            allowed=only(LEADERS, 302),
        ),
    ],
    "planning:you-said-published": [Case("published", _published, allowed=only(EVERYONE))],
}
