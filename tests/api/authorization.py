"""What each API route answers to each persona (signed in, as a browser session), in and out of scope.

The API answers as the pages do: 404 for anything out of scope, 401 (not a redirect) for anonymous
callers. Tokens are narrowed further; tests/api/test_tokens.py covers that. Writes are sent as JSON.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from openqms.assurance.models import AuditRun
from openqms.control.services.measures import add_annotation
from openqms.improvement.models import DriverNode
from openqms.organisations import services as organisation_services
from tests.actions.authorization import raised_action
from tests.assurance import helpers as ah
from tests.authorization import EVERYONE, NORTHSHIRE_UNIT_VIEWERS, SIGNED_IN, Case, only
from tests.control import huddle_helpers as hh
from tests.control import pages_helpers as h
from tests.improvement import helpers as ih
from tests.planning import needs_helpers as nh
from tests.planning.helpers import drafted
from tests.reporting import helpers as rh

WARD_A_STAFF = ["sam_senior", "dana_division", "tess_team_leader", "colin_clinician", "mo_member"]
WARD_A_LEADERS = ["sam_senior", "dana_division", "tess_team_leader"]
WARD_B_STAFF = ["sam_senior", "dana_division", "colin_clinician"]
# An escalation from Ward A waits at Elderly Care, which has no leader of its own: Dana, who leads
# Medicine, answers for that tier (tests/control/authorization_huddles.py).
ELDERLY_CARE_TIER = ["dana_division"]
WITH_SUE = [*WARD_A_STAFF, "sue_service_user"]
JSON = "application/json"
ANONYMOUS = {"anonymous": 401}


def api(personas: list[str], status: int = 200) -> dict[str, int]:
    return only(personas, status, **ANONYMOUS)


def listed(label: str = "a list: everyone signed in, with what they may see") -> list[Case]:
    return [Case(label, allowed=api(SIGNED_IN))]


def _measure(t: Any, unit: str = "ward_a") -> Any:
    m = h.measure(getattr(t, unit))
    h.monthly_values(m, h.RISING)
    return m


def _m(unit: str = "ward_a") -> Any:
    return lambda t: {"measure_id": _measure(t, unit).pk}


def _definition(t: Any) -> dict[str, int]:
    return {"definition_id": _measure(t).definition_id}


def _bulk(t: Any) -> dict[str, Any]:
    m = _measure(t)
    return {"items": [{"measure": m.definition.code, "unit": "WA", "period": "2024-01-01", "value": 3}]}


def _annotated(t: Any) -> dict[str, int]:
    m = _measure(t)
    add_annotation(actor=None, measure=m, on=dt.date(2023, 3, 1), kind="event", label="New rota")
    return {"measure_id": m.pk}


def _action(unit: str = "ward_a") -> Any:
    return lambda t: {"action_id": raised_action(unit)(t)["pk"]}


def _project(unit: str = "ward_a") -> Any:
    return lambda t: {"project_id": ih.project(t, unit).pk}


def _cycled(t: Any) -> dict[str, int]:
    p = ih.project(t)
    ih.cycle(ih.idea(p))
    return {"project_id": p.pk}


def _audit(unit: str = "ward_a") -> Any:
    return lambda t: {"audit_id": ah.run(t, ah.template(t), unit).pk}


def _escalation(unit: str = "ward_a") -> Any:
    return lambda t: {"escalation_id": hh.escalation(t, unit).pk}


def _acting(what: str, data: dict[str, str]) -> list[Case]:
    """Acting on an escalation: the leaders nearest its current tier; 404 for the rest, as the page."""
    return [
        Case(f"Ward A, {what}", _escalation(), "post", lambda t: data, allowed=api(ELDERLY_CARE_TIER),
             content_type=JSON),
        Case(f"Ward B, {what}", _escalation("ward_b"), "post", lambda t: data, allowed=api(ELDERLY_CARE_TIER),
             content_type=JSON),
    ]  # fmt: skip


def _first_question(t: Any) -> dict[str, Any]:
    run = AuditRun.objects.latest("pk")
    return {"record_number": 1, "answers": [{"question": run.template.versions.get().questions.first().pk,
                                             "value": "yes"}]}  # fmt: skip


def _change_idea(t: Any) -> dict[str, Any]:
    return {
        "change_idea": DriverNode.objects.filter(kind="change").latest("pk").pk, "title": "Cycle 1",
        "question": "Does a handover huddle cut falls?", "prediction": "Fewer falls at night",
        "who": "Night staff", "what": "A two-minute huddle", "where": "Bay 2",
        "starts_on": "2030-01-06", "ends_on": "2030-01-13", "data_to_collect": "Falls each night",
    }  # fmt: skip


def _idea_of(unit: str = "ward_a", with_sue: bool = False) -> Any:
    def kwargs(t: Any) -> dict[str, int]:
        p = ih.project(t, unit)
        if with_sue:
            from openqms.improvement.services.team import add_member

            add_member(
                actor=None, project=p, person=t.people["sue_service_user"], role="Service user partner"
            )
        ih.idea(p)
        return {"project_id": p.pk}

    return kwargs


def _priority(organisation: str = "org") -> Any:
    def kwargs(t: Any) -> dict[str, int]:
        p = organisation_services.add_priority(
            actor=None, organisation=getattr(t, organisation), title="No avoidable harm"
        )
        return {"priority_id": p.pk}

    return kwargs


def _unit(name: str, key: str = "unit_id") -> Any:
    return lambda t: {key: getattr(t, name).pk}


def _token(kind: str) -> Any:
    def kwargs(t: Any) -> dict[str, int]:
        from openqms.api.services.tokens import create_token

        mo = t.people["mo_member"]
        return {"pk": create_token(actor=None, person=mo, unit=t.ward_a, name="x", kind=kind).token.pk}

    return kwargs


EXPECTATIONS: dict[str, list[Case]] = {
    # The token pages
    "api:tokens": [Case("everyone signed in: their own tokens", allowed=only(SIGNED_IN))],
    "api:token-new": [Case("everyone signed in may create their own", allowed=only(SIGNED_IN))],
    "api:token-revoke": [
        Case("GET is not allowed", _token("personal"), allowed=only(SIGNED_IN, 405)),
        Case(
            "a personal token: its person only", _token("personal"), "post", allowed=only(["mo_member"], 302)
        ),
        Case(
            "a service token: administrators of its unit",
            _token("service"),
            "post",
            allowed=only(["ada_admin"], 302),
        ),
    ],
    # The schema is public, as docs/openapi.json is; the root has no operation.
    "api:v1:openapi-json": [Case("public", allowed=only(EVERYONE))],
    "api:v1:api-root": [Case("no operation at the root", allowed={"anonymous": 404})],
    # Organisations and units
    "api:v1:list_organisations": listed(),
    "api:v1:get_organisation": [
        Case("own", lambda t: {"organisation_id": t.org.pk}, allowed=api(NORTHSHIRE_UNIT_VIEWERS)),
        Case("another", lambda t: {"organisation_id": t.other_org.pk}, allowed=api(["otto_other_admin"])),
    ],
    "api:v1:list_units": listed(),
    "api:v1:get_unit": [
        Case("Ward A", _unit("ward_a"), allowed=api(NORTHSHIRE_UNIT_VIEWERS)),
        Case("Ward B", _unit("ward_b"), allowed=api([*WARD_B_STAFF, "ada_admin"])),
        Case("another organisation", _unit("other_team"), allowed=api(["otto_other_admin"])),
    ],
    # People and roles: administrators
    "api:v1:list_roles": listed("administrators see roles; others an empty list"),
    "api:v1:list_people": listed("administrators see people; others an empty list"),
    "api:v1:get_person": [
        Case("Mo, on Ward A", lambda t: {"person_id": t.people["mo_member"].pk}, allowed=api(["ada_admin"])),
    ],
    # Measures
    "api:v1:list_measure_definitions": listed(),
    "api:v1:get_measure_definition": [Case("reported on Ward A", _definition, allowed=api(WARD_A_STAFF))],
    "api:v1:list_measures": listed(),
    "api:v1:get_measure": [
        Case("Ward A", _m(), allowed=api(WARD_A_STAFF)),
        Case("Ward B", _m("ward_b"), allowed=api(WARD_B_STAFF)),
    ],
    "api:v1:list_observations": [Case("Ward A", _m(), allowed=api(WARD_A_STAFF))],
    "api:v1:add_observation": [
        Case(
            "Ward A",
            _m(),
            "post",
            lambda t: {"period": "2024-02-01", "value": 4},
            allowed=api(WARD_A_STAFF),
            content_type=JSON,
        ),
    ],
    "api:v1:get_spc": [Case("Ward A", _m(), allowed=api(WARD_A_STAFF))],
    "api:v1:list_annotations": [Case("Ward A", _annotated, allowed=api(WARD_A_STAFF))],
    "api:v1:create_annotation": [
        Case(
            "Ward A",
            _m(),
            "post",
            lambda t: {"on": "2023-02-01", "kind": "event", "label": "Agency staff"},
            allowed=api(WARD_A_STAFF, 201),
            content_type=JSON,
        ),
    ],
    "api:v1:submit_observations": [
        Case(
            "Ward A's data: others are told the unit is unknown to them",
            method="post",
            data=_bulk,
            allowed=api(WARD_A_STAFF),
            otherwise=422,
            content_type=JSON,
        ),
    ],
    # Boards, huddles, escalations
    "api:v1:get_board": [
        Case("Ward A", _unit("ward_a"), allowed=api(WARD_A_STAFF)),
        Case("Ward B", _unit("ward_b"), allowed=api(WARD_B_STAFF)),
    ],
    "api:v1:list_huddles": listed(),
    "api:v1:get_huddle": [
        Case("Ward A", lambda t: {"huddle_id": hh.huddle(t, "ward_a").pk}, allowed=api(WARD_A_STAFF))
    ],
    "api:v1:list_escalations": listed(),
    "api:v1:get_escalation": [
        Case(
            "from Ward A",
            lambda t: {"escalation_id": hh.escalation(t, "ward_a").pk},
            allowed=api(WARD_A_STAFF),
        )
    ],
    # Actions
    "api:v1:list_actions": listed(),
    "api:v1:create_action": [
        Case(
            "on Ward A",
            method="post",
            data=lambda t: {"unit": t.ward_a.pk, "title": "Order a hoist", "due_on": "2030-01-01"},
            allowed=api(WARD_A_STAFF, 201),
            content_type=JSON,
        ),
    ],
    "api:v1:get_action": [
        Case("Ward A", _action(), allowed=api(WARD_A_STAFF)),
        Case("Ward B", _action("ward_b"), allowed=api(WARD_B_STAFF)),
    ],
    "api:v1:update_action": [
        Case(
            "Ward A",
            _action(),
            "patch",
            lambda t: {"priority": "high"},
            allowed=api(WARD_A_LEADERS),
            content_type=JSON,
        ),
    ],
    "api:v1:close_action": [
        Case(
            "Ward A: the first leader closes it, the next are told it is closed",
            _action(),
            "post",
            lambda t: {"evidence": "Done", "effectiveness_check": "Re-audit", "effective": True},
            allowed=api(["sam_senior"]) | {"dana_division": 422, "tess_team_leader": 422},
            content_type=JSON,
        ),
    ],
    "api:v1:add_note": [
        Case(
            "Ward A",
            _action(),
            "post",
            lambda t: {"text": "Chased"},
            allowed=api(WARD_A_STAFF, 201),
            content_type=JSON,
        ),
    ],
    # Assurance
    "api:v1:list_frameworks": listed(),
    "api:v1:get_framework": [
        Case(
            "the trust's: staff and administrators, as its page",
            lambda t: {"framework_id": ah.framework(t).pk},
            allowed=api([*WARD_A_STAFF, "ada_admin"]),
        )
    ],
    "api:v1:list_standards": listed(),
    "api:v1:get_standard": [
        Case(
            "set at the board",
            lambda t: {"standard_id": ah.standard(t, unit="board").pk},
            allowed=api(WARD_A_STAFF),
        )
    ],
    "api:v1:list_audits": listed(),
    "api:v1:get_audit": [
        Case("Ward A", _audit(), allowed=api(WARD_A_STAFF)),
        Case("Ward B", _audit("ward_b"), allowed=api(WARD_B_STAFF)),
    ],
    "api:v1:list_answers": [Case("Ward A", _audit(), allowed=api(WARD_A_STAFF))],
    "api:v1:get_compliance": [Case("Ward A", _unit("ward_a"), allowed=api(WARD_A_STAFF))],
    # Improvement
    "api:v1:list_projects": listed(),
    "api:v1:get_project": [
        Case("Ward A", _project(), allowed=api(WARD_A_STAFF)),
        Case("Ward B", _project("ward_b"), allowed=api(WARD_B_STAFF)),
    ],
    "api:v1:get_driver_diagram": [Case("Ward A", _project(), allowed=api(WARD_A_STAFF))],
    "api:v1:list_pdsa_cycles": [Case("Ward A", _cycled, allowed=api(WARD_A_STAFF))],
    "api:v1:create_pdsa_cycle": [
        Case("Ward A", _idea_of(), "post", _change_idea, allowed=api(WARD_A_STAFF, 201), content_type=JSON),
        Case(
            "Ward A, Sue on the team: she still may not plan one",
            _idea_of(with_sue=True),
            "post",
            _change_idea,
            allowed=api(WARD_A_STAFF, 201),
            content_type=JSON,
        ),
        Case(
            "Ward B",
            _idea_of("ward_b"),
            "post",
            _change_idea,
            allowed=api(WARD_B_STAFF, 201),
            content_type=JSON,
        ),
    ],
    "api:v1:update_pdsa_cycle": [
        Case(
            "Ward A: what happened",
            lambda t: (lambda p: {"project_id": p.pk, "cycle_id": ih.cycle(ih.idea(p)).pk})(ih.project(t)),
            "patch",
            lambda t: {"what_happened": "Ran for a week on bay 2"},
            allowed=api(WARD_A_STAFF),
            content_type=JSON,
        ),
    ],
    # Writes: huddles and escalations
    "api:v1:record_huddle": [
        Case(
            "Ward A",
            _unit("ward_a"),
            "post",
            lambda t: {"held_on": timezone.localdate().isoformat(), "other_attendees": "Agency nurse"},
            allowed=api(WARD_A_STAFF, 201),
            content_type=JSON,
        ),
        Case(
            "Ward B",
            _unit("ward_b"),
            "post",
            lambda t: {"held_on": timezone.localdate().isoformat(), "other_attendees": "Agency nurse"},
            allowed=api(WARD_B_STAFF, 201),
            content_type=JSON,
        ),
    ],
    "api:v1:acknowledge_escalation": _acting("taken on", {}),
    "api:v1:respond_to_escalation": _acting("a note", {"note": "Asked estates for a loan hoist."}),
    "api:v1:escalate_further": _acting("passed up", {"note": "Needs capital money."}),
    "api:v1:resolve_escalation": _acting("resolved", {"resolution": "Loan hoist delivered."}),
    # Writes: answering audits
    "api:v1:submit_answers": [
        Case("Ward A", _audit(), "post", _first_question, allowed=api(WARD_A_STAFF), content_type=JSON),
        Case(
            "Ward B", _audit("ward_b"), "post", _first_question, allowed=api(WARD_B_STAFF), content_type=JSON
        ),
    ],
    "api:v1:complete_audit": [
        Case(
            "Ward A, nothing answered: refused, and nothing changes",
            _audit(),
            "post",
            allowed=api(WARD_A_STAFF, 422),
            content_type=JSON,
        ),
    ],
    # Planning
    "api:v1:list_priorities": listed(),
    "api:v1:get_priority": [
        Case("Northshire's: everyone with a role there", _priority(), allowed=api(NORTHSHIRE_UNIT_VIEWERS)),
        Case("Riverside's", _priority("other_org"), allowed=api(["otto_other_admin"])),
    ],
    "api:v1:list_needs": listed("a list: staff the register they reach; everyone the needs they raised"),
    "api:v1:get_need": [
        Case("staff's", lambda t: {"need_id": nh.need(t).pk}, allowed=api(WARD_A_STAFF)),
        Case("Sue's own", lambda t: {"need_id": nh.need(t, by="sue_service_user").pk}, allowed=api(WITH_SUE)),
    ],
    "api:v1:create_need": [
        Case(
            "on Ward A: its staff and its service users",
            method="post",
            data=lambda t: {"unit": t.ward_a.pk, "title": "Ramps", "who_affected": "Wheelchair users"},
            allowed=api(WITH_SUE, 201),
            content_type=JSON,
        ),
    ],
    "api:v1:list_plans": listed(),
    "api:v1:get_plan": [
        Case("Ward A's draft", lambda t: {"plan_id": drafted(t).plan.pk}, allowed=api(WARD_A_STAFF)),
    ],
    # Reporting
    "api:v1:list_reports": listed(),
    "api:v1:get_report": [
        Case("Ward A's draft", lambda t: {"report_id": rh.report(t).pk}, allowed=api(WARD_A_STAFF)),
        Case(
            "Ward B's published",
            lambda t: {"report_id": rh.report(t, "ward_b", published=True).pk},
            allowed=api(WARD_B_STAFF),
        ),
    ],
    "api:v1:list_feedback": listed(
        "a list: staff the feedback of the units they reach; others an empty list"
    ),
    "api:v1:get_feedback": [
        Case("Ward A's", lambda t: {"feedback_id": nh.feedback(t).pk}, allowed=api(WARD_A_STAFF)),
        Case(
            "Ward B's",
            lambda t: {"feedback_id": nh.feedback(t, "ward_b", actor=t.people["colin_clinician"]).pk},
            allowed=api(WARD_B_STAFF),
        ),
    ],
    "api:v1:list_you_said_we_did": listed("a list: the published boards of the units each may see"),
}

from tests.api.authorization_fhir import EXPECTATIONS as _FHIR  # noqa: E402 (FHIR's routes, kept apart)

EXPECTATIONS.update(_FHIR)
