"""Reads of the standards library and audit templates, each scoped through the access policy.

Frameworks are reference material for a whole organisation: everyone with a staff role in it (and
administrators) reads them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from openqms.access import policy
from openqms.access.models import Role, RoleAssignment
from openqms.assurance.models import (
    AuditTemplate,
    Framework,
    Requirement,
    Standard,
    StandardInvitation,
    StandardStatus,
    TemplateVersion,
)
from openqms.organisations.models import Unit

Permission = policy.Permission


def _ancestor_ids(paths: Any) -> set[int]:
    return {int(p) for path in paths for p in path.split("/") if p}


def organisation_ids(user: Any, action: Permission = Permission.VIEW) -> set[int]:
    return set(policy.units_where(user, action).values_list("organisation_id", flat=True))


# --- frameworks ----------------------------------------------------------------------------------


def frameworks_visible(user: Any) -> QuerySet[Framework]:
    orgs = organisation_ids(user) | organisation_ids(user, Permission.ADMINISTER)
    return Framework.objects.filter(organisation_id__in=orgs).select_related("organisation")


def framework_for(user: Any, pk: int) -> Framework:
    framework = frameworks_visible(user).filter(pk=pk).first()
    if framework is None:
        raise Http404("Not found")
    return framework


def organisations_to_load(user: Any) -> QuerySet[Unit]:
    """Top units of the organisations this person administers (where frameworks are loaded)."""
    return (
        policy.units_where(user, Permission.ADMINISTER)
        .filter(parent__isnull=True)
        .select_related("organisation")
    )


def requirement_coverage(user: Any, framework: Framework) -> list[tuple[Requirement, list[Standard]]]:
    """Each requirement with the standards (that this person may see) that meet it."""
    visible = set(standards_visible(user).values_list("pk", flat=True))
    rows = []
    for requirement in framework.requirements.prefetch_related("standards").order_by("position"):
        met_by = [
            s for s in requirement.standards.all() if s.pk in visible and s.status != StandardStatus.RETIRED
        ]
        rows.append((requirement, met_by))
    return rows


# --- standards -----------------------------------------------------------------------------------


def standards_visible(user: Any) -> QuerySet[Standard]:
    units = policy.units_where(user, Permission.VIEW)
    paths = list(units.values_list("path", flat=True))
    above = _ancestor_ids(paths)
    staff = Q(
        pk__in=policy.visible(user, Permission.VIEW, Standard.objects.all(), unit_field="owner_unit").values(
            "pk"
        )
    )
    staff |= Q(owner_unit_id__in=above) | Q(applies_to__in=units)
    # Service users: standards shared with them, set for or above the units they belong to.
    reached = policy.units_where(user, Permission.VIEW_UNIT)
    own = [g for g in policy.grants_of(user) if g.role == Role.SERVICE_USER]
    shared = Q(pk__in=[])
    if own:
        their_paths = [g.path for g in own]
        shared = Q(shared_with_service_users=True) & (
            Q(owner_unit_id__in=_ancestor_ids(their_paths)) | Q(applies_to__in=reached)
        )
        shared |= Q(pk__in=StandardInvitation.objects.filter(person=user).values("standard_id"))
    return Standard.objects.filter(staff | shared).distinct().select_related("owner_unit", "owner_person")


def standard_for(user: Any, pk: int) -> Standard:
    standard = standards_visible(user).filter(pk=pk).first()
    if standard is None:
        raise Http404("Not found")
    return standard


def is_invited(user: Any, standard: Standard) -> bool:
    return StandardInvitation.objects.filter(standard=standard, person_id=getattr(user, "pk", None)).exists()


def may_comment(user: Any, standard: Standard) -> bool:
    if standard.status != StandardStatus.DRAFT:
        return False
    return policy.can(user, Permission.CONTRIBUTE, standard) or is_invited(user, standard)


def invitable_people(standard: Standard) -> QuerySet[Any]:
    """Service users with a current role in the standard's organisation who are not invited yet."""
    from django.contrib.auth import get_user_model

    people = (
        RoleAssignment.objects.current()
        .filter(role=Role.SERVICE_USER, unit__organisation_id=standard.organisation_id)
        .values("person_id")
    )
    return (
        get_user_model()
        .objects.filter(pk__in=people)
        .exclude(pk__in=standard.invitations.values("person_id"))
        .order_by("full_name")
    )


def standards_by_domain(user: Any, organisation_id: int | None = None) -> dict[str, list[Standard]]:
    queryset = standards_visible(user).prefetch_related("requirements__framework")
    if organisation_id is not None:
        queryset = queryset.filter(organisation_id=organisation_id)
    grouped: dict[str, list[Standard]] = {}
    for standard in queryset.order_by("domain", "code"):
        grouped.setdefault(standard.domain, []).append(standard)
    return grouped


def units_to_own(user: Any, organisation_id: int | None = None) -> QuerySet[Unit]:
    units = policy.units_where(user, Permission.LEAD).filter(archived_at__isnull=True)
    if organisation_id is not None:
        units = units.filter(organisation_id=organisation_id)
    return units.order_by("path")


# --- templates -----------------------------------------------------------------------------------


def templates_visible(user: Any) -> QuerySet[AuditTemplate]:
    units = policy.units_where(user, Permission.VIEW)
    above = _ancestor_ids(units.values_list("path", flat=True))
    scoped = policy.visible(user, Permission.VIEW, AuditTemplate.objects.all(), unit_field="owner_unit")
    return (
        AuditTemplate.objects.filter(Q(pk__in=scoped.values("pk")) | Q(owner_unit_id__in=above))
        .select_related("owner_unit")
        .order_by("name")
    )


def template_for(user: Any, pk: int) -> AuditTemplate:
    template = templates_visible(user).filter(pk=pk).first()
    if template is None:
        raise Http404("Not found")
    return template


def version_of(template: AuditTemplate, number: int) -> TemplateVersion:
    version = template.versions.filter(number=number).first()
    if version is None:
        raise Http404("Not found")
    return version
