"""Managing one unit: its details, sub-units, place in the tree, archiving, and the roles held on it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from openqms.access import policy
from openqms.access import services as access
from openqms.access.models import Role
from openqms.administration import presenters
from openqms.administration.forms.units import EndRoleForm, GrantRoleForm, MoveUnitForm, UnitDetailsForm
from openqms.administration.selectors.people import people_in_scope
from openqms.administration.selectors.units import (
    ADMINISTER,
    assignment_or_404,
    assignments_on,
    current_roles_within,
    move_targets,
    sub_units,
    unit_history,
    unit_or_404,
)
from openqms.administration.views.common import crumbs, page
from openqms.nhsuk.views import Saved, save_form
from openqms.organisations import services as organisations
from openqms.people.requests import AuthenticatedHttpRequest

HISTORY_PAGE = 10


def _post_data(request: AuthenticatedHttpRequest) -> object:
    return request.POST if request.method == "POST" else None


def unit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = unit_or_404(request.user, pk)
    parent = unit.parent
    today = timezone.localdate()
    history = Paginator(unit_history(unit).select_related("actor"), 20).get_page(request.GET.get("page"))
    return page(
        request,
        "unit.jinja",
        {
            "unit": unit,
            "crumbs": crumbs(request.user, unit),
            "sub_units": sub_units(unit),
            "assignments": assignments_on(unit),
            "today": today,
            "entries": history,
            "described": presenters.describe(history.object_list),
            "may_move": parent is not None and not unit.is_archived,
            # Archiving needs the right one level up, so nobody archives away their own access.
            "may_archive": parent is not None and policy.can(request.user, ADMINISTER, parent),
            "parent_archived": parent is not None and parent.is_archived,
            "may_edit_organisation": parent is None
            and policy.can(request.user, ADMINISTER, unit.organisation),
        },
    )


def unit_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = unit_or_404(request.user, pk)
    form = UnitDetailsForm(
        _post_data(request),
        organisation=unit.organisation,
        unit=unit,
        initial={"name": unit.name, "kind": unit.kind, "code": unit.code},
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisations.update_unit(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"The details of {unit.name} have been saved.")
            return redirect("administration:unit", unit.pk)
        unit.refresh_from_db()
    return page(
        request,
        "unit_form.jinja",
        {
            "form": form,
            "unit": unit,
            "adding": False,
            "crumbs": crumbs(request.user, unit, include_unit=True),
        },
    )


def unit_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    parent = unit_or_404(request.user, pk)
    form = UnitDetailsForm(_post_data(request), organisation=parent.organisation)

    def save(cleaned: dict[str, Any]) -> Saved:
        child = organisations.create_unit(
            actor=request.user, organisation=parent.organisation, parent=parent, **cleaned
        )
        return Saved(
            f"{child.name} has been added under {parent.name}.",
            reverse("administration:unit", args=[parent.pk]),
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return page(
        request,
        "unit_form.jinja",
        {
            "form": form,
            "unit": parent,
            "adding": True,
            "crumbs": crumbs(request.user, parent, include_unit=True),
        },
    )


def unit_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = unit_or_404(request.user, pk)
    form = MoveUnitForm(_post_data(request), targets=move_targets(request.user, unit))

    def save(cleaned: dict[str, Any]) -> Saved:
        organisations.move_unit(actor=request.user, unit=unit, new_parent=cleaned["parent"])
        return Saved(
            f"{unit.name} has been moved under {cleaned['parent'].name}.",
            reverse("administration:unit", args=[unit.pk]),
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return page(
        request,
        "unit_move.jinja",
        {"form": form, "unit": unit, "crumbs": crumbs(request.user, unit, include_unit=True)},
    )


def unit_archive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = unit_or_404(request.user, pk)
    allowed = unit.parent is not None and policy.can(request.user, ADMINISTER, unit.parent)
    if request.method == "POST" and allowed and not unit.is_archived:
        organisations.archive_unit(actor=request.user, unit=unit)
        messages.success(request, f"{unit.name} and every unit below it have been archived.")
        return redirect("administration:unit", unit.pk)
    subtree = list(unit.subtree().active())
    return page(
        request,
        "unit_archive.jinja",
        {
            "unit": unit,
            "allowed": allowed,
            "subtree": subtree,
            "roles_affected": current_roles_within(unit).count(),
            "crumbs": crumbs(request.user, unit, include_unit=True),
        },
    )


def unit_restore(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = unit_or_404(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        organisations.restore_unit(actor=request.user, unit=unit)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"{unit.name} has been restored. Units below it stay archived until you restore them."
        )
    return redirect("administration:unit", unit.pk)


def unit_grant(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = unit_or_404(request.user, pk)
    form = GrantRoleForm(
        _post_data(request),
        people=people_in_scope(request.user).exclude(pk=request.user.pk),
        initial={"starts_on": timezone.localdate(), "person": request.GET.get("person")},
    )

    def save(cleaned: dict[str, Any]) -> Saved:
        access.grant_role(
            actor=request.user,
            person=cleaned["person"],
            unit=unit,
            role=cleaned["role"],
            starts_on=cleaned["starts_on"],
            ends_on=cleaned["ends_on"],
        )
        policy.forget_grants(request.user)
        return Saved(
            f"{cleaned['person']} now has the role {Role(cleaned['role']).label} on {unit.name}.",
            reverse("administration:unit", args=[unit.pk]),
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return page(
        request,
        "unit_grant.jinja",
        {"form": form, "unit": unit, "crumbs": crumbs(request.user, unit, include_unit=True)},
    )


def role_end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = assignment_or_404(request.user, pk)
    # Where to return afterwards: the person's page when the administrator came from there.
    back = request.POST.get("back", request.GET.get("from", ""))
    form = EndRoleForm(
        _post_data(request),
        starts_on=assignment.starts_on,
        initial={"ends_on": max(timezone.localdate(), assignment.starts_on)},
    )

    def save(cleaned: dict[str, Any]) -> Saved:
        access.end_role(actor=request.user, assignment=assignment, ends_on=cleaned["ends_on"])
        policy.forget_grants(request.user)
        if back == "person":
            after = reverse("administration:person", args=[assignment.person_id])
        else:
            after = reverse("administration:unit", args=[assignment.unit_id])
        return Saved(
            f"{assignment.person}'s role {assignment.get_role_display()} on {assignment.unit.name} "
            f"ends on {assignment.ends_on:%-d %B %Y}.",
            after,
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return page(
        request,
        "role_end.jinja",
        {
            "form": form,
            "assignment": assignment,
            "unit": assignment.unit,
            "back": back,
            "crumbs": crumbs(request.user, assignment.unit, include_unit=True),
        },
    )
