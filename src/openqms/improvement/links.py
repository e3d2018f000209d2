"""Improvement's kinds of source, for the actions it raises: a project (its team's tasks) and a
change idea (flagged for a standard's owner). Each is named in the words the action keeps as its
label, and resolved into its page only for a person who may see the project (ADR 0013, 0023)."""

from __future__ import annotations

from django.urls import reverse

from openqms.access import policy
from openqms.improvement.models import DriverNode, NodeKind, Project
from openqms.links import registry as links
from openqms.links.registry import Link, Source
from openqms.people.models import User

PROJECT = "improvement.project"
IDEA = "improvement.idea"


def project_title(project: Project) -> str:
    return f"Improvement project “{project.title}”"[:300]


def idea_title(project: Project) -> str:
    return f"Change idea in “{project.title}”"[:300]


def project_source(project: Project) -> Source:
    return Source(PROJECT, project.pk)


def idea_source(idea: DriverNode) -> Source:
    return Source(IDEA, idea.pk)


def project_link(user: User, pk: int) -> Link | None:
    project = Project.objects.select_related("unit").filter(pk=pk).first()
    if project is None or not policy.can(user, policy.Permission.VIEW, project):
        return None
    return Link(project_title(project), reverse("improvement:project", args=[pk]))


def idea_link(user: User, pk: int) -> Link | None:
    """A change idea's page, while the idea is on its project's diagram (not deleted)."""
    idea = (
        DriverNode.objects.select_related("project__unit")
        .filter(pk=pk, kind=NodeKind.CHANGE, deleted_at__isnull=True)
        .first()
    )
    if idea is None or not policy.can(user, policy.Permission.VIEW, idea.project):
        return None
    return Link(idea_title(idea.project), reverse("improvement:idea", args=[idea.project_id, pk]))


def register() -> None:
    links.register(PROJECT, project_link)
    links.register(IDEA, idea_link)
