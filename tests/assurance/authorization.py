"""What each assurance page answers to each persona, in and out of scope, for the authorization matrix.

Frameworks are read by the staff and administrators of their organisation and loaded by its
administrators; standards and templates owned at the board are read by the staff below it and
changed by leaders of the owning unit; audits are unit data (Ward A's staff), seen by service users
only when shared with them or assigned to them; administrators see no quality data.
"""

from __future__ import annotations

from typing import Any

from openqms.assurance.models import AuditRun
from tests.actions.authorization import raised_action
from tests.assurance import helpers as h
from tests.authorization import SIGNED_IN, Case, only

WARD_A_STAFF = ["sam_senior", "dana_division", "tess_team_leader", "colin_clinician", "mo_member"]
WARD_A_LEADERS = ["sam_senior", "dana_division", "tess_team_leader"]
WARD_B_STAFF = ["sam_senior", "dana_division", "colin_clinician"]
NHT_STAFF = WARD_A_STAFF


def _framework(t: Any) -> dict[str, int]:
    return {"pk": h.framework(t).pk}


def _standard(unit: str = "board", shared: bool = False, status: str = "approved") -> Any:
    return lambda t: {"pk": h.standard(t, unit=unit, shared=shared, status=status).pk}


def _invited(t: Any) -> dict[str, int]:
    from openqms.assurance.services.standards import invite_to_comment

    s = h.standard(t, unit="ward_a", status="draft")
    invite_to_comment(actor=None, standard=s, person=t.people["sue_service_user"])
    return {"pk": s.pk}


def _template(unit: str = "board", publish: bool = True) -> Any:
    return lambda t: {"pk": h.template(t, unit=unit, publish=publish).pk}


def _version(unit: str = "board", publish: bool = True) -> Any:
    return lambda t: {"pk": h.template(t, unit=unit, publish=publish).pk, "number": 1}


def _question(t: Any) -> dict[str, int]:
    template = h.template(t, unit="ward_a", publish=False)
    return {"pk": template.pk, "number": 1, "question_pk": template.versions.get().questions.first().pk}


def _run(unit: str = "ward_a", *, started: bool = False, shared: bool = False, assign: str = "") -> Any:
    def kwargs(t: Any) -> dict[str, int]:
        assignees = [t.people[assign]] if assign else []
        r = h.run(t, h.template(t), unit, started=started, shared=shared, assignees=assignees)
        return {"pk": r.pk}

    return kwargs


def _record(t: Any) -> dict[str, int]:
    return {"pk": h.run(t, h.template(t), started=True).pk, "number": 1}


def _record_b(t: Any) -> dict[str, int]:
    return {"pk": h.run(t, h.template(t), "ward_b", started=True).pk, "number": 1}


def _answer_data(t: Any) -> dict[str, str]:
    r = AuditRun.objects.latest("pk")
    q = r.version.questions.first()
    return {"question": str(q.pk), f"q{q.pk}": "yes"}


def _evidence_target(kind: str) -> Any:
    def kwargs(t: Any) -> dict[str, Any]:
        if kind == "audit":
            return {"kind": kind, "pk": h.run(t, h.template(t)).pk}
        if kind == "standard":
            return {"kind": kind, "pk": h.standard(t).pk}
        return {"kind": kind, "pk": raised_action()(t)["pk"]}

    return kwargs


def _evidence(kind: str) -> Any:
    def kwargs(t: Any) -> dict[str, int]:
        from openqms.assurance.services import evidence as services_evidence

        if kind == "audit":
            target: Any = h.run(t, h.template(t))
        else:
            target = h.standard(t, shared=True)
        return {
            "pk": services_evidence.add_evidence(
                actor=None, target=target, title="Record", link="https://x.example/"
            ).pk
        }

    return kwargs


def _accreditation(unit: str = "ward_a") -> Any:
    def kwargs(t: Any) -> dict[str, int]:
        from openqms.assurance.services import accreditation as services_accreditation

        item = services_accreditation.create_accreditation(
            actor=None, unit=getattr(t, unit), kind="inspection", scheme="Regulator", status="planned"
        )
        return {"pk": item.pk}

    return kwargs


def _unit(name: str) -> Any:
    return lambda t: {"pk": getattr(t, name).pk}


_AUDIT = [
    Case("Ward A", _run(), allowed=only(WARD_A_STAFF)),
    Case("Ward B", _run("ward_b"), allowed=only(WARD_B_STAFF)),
    Case("shared with service users", _run(shared=True), allowed=only([*WARD_A_STAFF, "sue_service_user"])),
    Case(
        "assigned to the service user",
        _run(assign="sue_service_user"),
        allowed=only([*WARD_A_STAFF, "sue_service_user"]),
    ),
]

EXPECTATIONS: dict[str, list[Case]] = {
    "assurance:unit": [
        Case("Ward A", _unit("ward_a"), allowed=only(WARD_A_STAFF)),
        Case("Ward B", _unit("ward_b"), allowed=only(WARD_B_STAFF)),
        Case("another organisation", _unit("other_team"), allowed={}),
    ],
    "assurance:accreditations": [
        Case("Ward A", _unit("ward_a"), allowed=only(WARD_A_STAFF)),
        Case("another organisation", _unit("other_team"), allowed={}),
    ],
    "assurance:accreditation-new": [Case("Ward A", _unit("ward_a"), allowed=only(WARD_A_LEADERS))],
    "assurance:accreditation": [
        Case("Ward A", _accreditation(), allowed=only(WARD_A_STAFF)),
        Case("Ward B", _accreditation("ward_b"), allowed=only(WARD_B_STAFF)),
    ],
    "assurance:accreditation-edit": [Case("Ward A", _accreditation(), allowed=only(WARD_A_LEADERS))],
    "assurance:finding-add": [
        Case("GET is not allowed", _accreditation(), allowed=only(SIGNED_IN, 405)),
        Case(
            "Ward A: an empty finding comes back with its errors",
            _accreditation(),
            method="post",
            allowed=only(WARD_A_LEADERS),
        ),
    ],
    "assurance:evidence-add": [
        Case("GET is not allowed", _evidence_target("audit"), allowed=only(SIGNED_IN, 405)),
        Case("Ward A's audit", _evidence_target("audit"), method="post", allowed=only(WARD_A_STAFF)),
        Case(
            "the board's standard", _evidence_target("standard"), method="post", allowed=only(["sam_senior"])
        ),
        Case("Ward A's action", _evidence_target("action"), method="post", allowed=only(WARD_A_STAFF)),
        Case("not a kind of thing", lambda t: {"kind": "unit", "pk": t.ward_a.pk}, method="post", allowed={}),
    ],
    "assurance:evidence": [
        Case("Ward A's audit", _evidence("audit"), allowed=only(WARD_A_STAFF)),
        Case("a shared standard", _evidence("standard"), allowed=only([*NHT_STAFF, "sue_service_user"])),
    ],
    "assurance:frameworks": [Case("everyone signed in; the list is scoped", allowed=only(SIGNED_IN))],
    "assurance:framework-upload": [Case("administrators", allowed=only(["ada_admin", "otto_other_admin"]))],
    "assurance:framework": [Case("Northshire's", _framework, allowed=only([*NHT_STAFF, "ada_admin"]))],
    "assurance:standards": [Case("everyone signed in; the list is scoped", allowed=only(SIGNED_IN))],
    "assurance:standard-new": [Case("leaders", allowed=only(WARD_A_LEADERS))],
    "assurance:standard": [
        Case("the board's", _standard(), allowed=only(NHT_STAFF)),
        Case("the board's, shared", _standard(shared=True), allowed=only([*NHT_STAFF, "sue_service_user"])),
        Case("Ward B's", _standard("ward_b"), allowed=only(WARD_B_STAFF)),
        Case(
            "a draft the service user is invited to", _invited, allowed=only([*NHT_STAFF, "sue_service_user"])
        ),
    ],
    "assurance:standard-edit": [
        Case("the board's", _standard(), allowed=only(["sam_senior"])),
        Case("Ward A's", _standard("ward_a"), allowed=only(WARD_A_LEADERS)),
    ],
    "assurance:standard-invite": [
        Case("GET is not allowed", _standard("ward_a", status="draft"), allowed=only(SIGNED_IN, 405)),
        Case(
            "Ward A's draft", _standard("ward_a", status="draft"), method="post", allowed=only(WARD_A_LEADERS)
        ),
    ],
    "assurance:standard-comment": [
        Case(
            "Ward A's draft", _standard("ward_a", status="draft"), method="post", allowed=only(WARD_A_STAFF)
        ),
        Case("invited", _invited, method="post", allowed=only([*WARD_A_STAFF, "sue_service_user"])),
        Case("approved: no more comments", _standard("ward_a"), method="post", allowed={}),
    ],
    "assurance:templates": [Case("everyone signed in; the list is scoped", allowed=only(SIGNED_IN))],
    "assurance:template-new": [Case("leaders", allowed=only(WARD_A_LEADERS))],
    "assurance:template": [Case("the board's", _template(), allowed=only(NHT_STAFF, 302))],
    "assurance:template-version": [
        Case("the board's", _version(), allowed=only(NHT_STAFF)),
        Case("Ward B's", _version("ward_b"), allowed=only(WARD_B_STAFF)),
    ],
    "assurance:version-edit": [
        Case("Ward A's draft", _version("ward_a", publish=False), allowed=only(WARD_A_LEADERS)),
        Case("published versions never change", _version("ward_a"), allowed={}),
    ],
    "assurance:question-add": [
        Case(
            "Ward A's draft", _version("ward_a", publish=False), method="post", allowed=only(WARD_A_LEADERS)
        ),
    ],
    "assurance:question-remove": [
        Case("Ward A's draft", _question, method="post", allowed=only(WARD_A_LEADERS, 302)),
    ],
    "assurance:version-publish": [
        Case(
            "Ward A's draft",
            _version("ward_a", publish=False),
            method="post",
            allowed=only(WARD_A_LEADERS, 302),
        ),
    ],
    "assurance:version-new": [
        Case("the board's", _template(), method="post", allowed=only(["sam_senior"], 302)),
    ],
    "assurance:audit-schedule": [Case("the board's template", _template(), allowed=only(WARD_A_LEADERS))],
    "assurance:audit": _AUDIT,
    "assurance:audit-start": [
        Case("Ward A", _run(), method="post", allowed=only(WARD_A_STAFF, 302)),
        Case(
            "assigned",
            _run(assign="sue_service_user"),
            method="post",
            allowed=only([*WARD_A_STAFF, "sue_service_user"], 302),
        ),
    ],
    "assurance:audit-record": [
        Case("Ward A, in progress", _record, allowed=only(WARD_A_STAFF)),
        Case(
            "Ward B, in progress",
            lambda t: {"pk": h.run(t, h.template(t), "ward_b", started=True).pk, "number": 1},
            allowed=only(WARD_B_STAFF),
        ),
    ],
    "assurance:audit-answer": [
        Case("Ward A, in progress", _record, method="post", data=_answer_data, allowed=only(WARD_A_STAFF)),
    ],
    "assurance:audit-cancel": [
        Case("GET is not allowed", _run(), allowed=only(SIGNED_IN, 405)),
        Case("Ward A", _run(), method="post", allowed=only(WARD_A_LEADERS, 302)),
    ],
    "assurance:audit-complete": [
        Case("Ward A", _run(started=True), method="post", allowed=only(WARD_A_STAFF, 302)),
    ],
}
