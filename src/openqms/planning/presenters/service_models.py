"""What a service model's page shows: the model in words and as a diagram, the pathway's steps with
their standards and measures, the team, the specification's requirements, the decision, and what
the person may do."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from markupsafe import Markup

from openqms.access import policy
from openqms.nhsuk.dates import date_text
from openqms.planning.models import ServiceModel, ServiceModelStatus
from openqms.planning.service_model_svg import diagram

P = policy.Permission
STATUS_TAGS = {
    ServiceModelStatus.DRAFT: "yellow", ServiceModelStatus.CURRENT: "green",
    ServiceModelStatus.SUPERSEDED: "grey", ServiceModelStatus.STOPPED: "red",
}  # fmt: skip


def tag(model: ServiceModel) -> str:
    return f"nhsuk-tag nhsuk-tag--{STATUS_TAGS[ServiceModelStatus(model.status)]}"


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    description: str
    standards: list[str]
    measures: list[str]


@dataclass
class ModelPage:
    model: ServiceModel
    tag: str
    status: str
    diagram: Markup
    steps: list[Step]
    roles: list[dict[str, str]]
    requirements: list[str]
    comments: list[dict[str, str]]
    decision: list[tuple[str, str]] = field(default_factory=list)
    needs: list[tuple[str, str]] = field(default_factory=list)
    proposed: str = ""
    is_draft: bool = False
    may_edit: bool = False
    may_decide: bool = False
    may_comment: bool = False
    may_version: bool = False
    versions_url: str = ""


def model_page(user: Any, model: ServiceModel) -> ModelPage:
    steps = list(model.steps.all())
    is_draft = model.status == ServiceModelStatus.DRAFT
    may_propose = policy.can(user, P.PROPOSE, model.unit)
    decision: list[tuple[str, str]] = []
    if model.decided_at:
        who = model.decided_by.get_full_name() if model.decided_by else "the system"
        decision = [
            ("Decision", str(model.get_change_kind_display())),
            ("Decided", f"{date_text(model.decided_at.date())} by {who}"),
            ("Rationale", model.rationale),
        ]
    proposer = model.proposed_by.get_full_name() if model.proposed_by else "the team"
    return ModelPage(
        model=model,
        tag=tag(model),
        status=str(model.get_status_display()),
        diagram=diagram(
            title=model.title,
            population=model.population,
            what=model.what,
            where=model.where,
            who=model.who,
            steps=[s.title for s in steps],
        ),
        steps=[
            Step(
                s.position,
                s.title,
                s.description,
                [f"{st.code} {st.title}" for st in s.standards.all()],
                [m.name for m in s.measures.all()],
            )
            for s in steps
        ],
        roles=[
            {
                "title": r.title,
                "part": str(r.get_seed_role_display()) if r.seed_role else "The trust's own role",
                "how_many": str(r.how_many),
                "responsibilities": r.responsibilities,
            }
            for r in model.team_roles.all()
        ],
        requirements=[
            f"{r.measure.name}: {r.get_comparison_display()} {r.threshold:g}"
            + (f" {r.measure.unit_of_measurement}" if r.measure.unit_of_measurement else "")
            + (f" ({r.note})" if r.note else "")
            for r in model.requirements.all()
        ],
        comments=[
            {"who": c.author.get_full_name(), "on": date_text(c.created_at), "text": c.text}
            for c in model.comments.all()
        ],
        decision=decision,
        needs=[
            (n.title, reverse("planning:need", args=[n.pk]))
            for n in model.needs.all()
            if policy.can(user, P.VIEW, n)
        ],
        proposed=f"Version {model.version}, proposed by {proposer} on {date_text(model.created_at.date())}",
        is_draft=is_draft,
        may_edit=is_draft and may_propose,
        may_decide=is_draft and policy.can(user, P.LEAD, model.unit),
        may_comment=policy.can(user, P.FEEDBACK, model) and model.status != ServiceModelStatus.SUPERSEDED,
        may_version=not is_draft and model.status != ServiceModelStatus.SUPERSEDED and may_propose,
        versions_url=reverse("planning:service-models", args=[model.unit_id]),
    )


def version_rows(models: list[ServiceModel]) -> list[dict[str, str]]:
    return [
        {
            "title": m.title,
            "url": reverse("planning:service-model", args=[m.pk]),
            "version": str(m.version),
            "status": str(m.get_status_display()),
            "tag": tag(m),
            "when": date_text((m.decided_at or m.created_at).date()),
        }
        for m in models
    ]
