"""People: the list, adding a person with their first role, changing details and resetting a password."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from openqms.administration import presenters
from openqms.administration.forms.people import PasswordForm, PersonCreateForm, PersonEditForm
from openqms.administration.selectors.people import (
    managed_person_or_404,
    may_manage_person,
    people_in_scope,
    person_history,
    person_or_404,
    roles_elsewhere_count,
    roles_of,
)
from openqms.administration.selectors.units import administered_units, require_administrator
from openqms.administration.services.people import create_person_with_role, reset_password
from openqms.administration.views.common import crumbs, page
from openqms.people import services as people
from openqms.people.requests import AuthenticatedHttpRequest

PAGE_SIZE = 25


def _people_crumbs(request: AuthenticatedHttpRequest) -> list[dict[str, str]]:
    return [*crumbs(request.user), {"href": reverse("administration:people"), "text": "People"}]


def people_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_administrator(request.user)
    search = request.GET.get("q", "").strip()[:150]
    found = Paginator(people_in_scope(request.user, search), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return page(request, "people.jinja", {"people": found, "search": search, "crumbs": crumbs(request.user)})


def person_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_administrator(request.user)
    form = PersonCreateForm(
        request.POST if request.method == "POST" else None,
        units=administered_units(request.user),
        initial={"starts_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person, _ = create_person_with_role(
                actor=request.user,
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                job_title=data["job_title"],
                password=data["password"],
                unit=data["unit"],
                role=data["role"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"{person.full_name} has been added, with their first role.")
            return redirect("administration:person", person.pk)
    return page(request, "person_new.jinja", {"form": form, "crumbs": _people_crumbs(request)})


def person(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = person_or_404(request.user, pk)
    history = Paginator(person_history(request.user, person), 10).get_page(request.GET.get("page"))
    return page(
        request,
        "person.jinja",
        {
            "person": person,
            "roles": roles_of(request.user, person),
            "roles_elsewhere": roles_elsewhere_count(request.user, person),
            "may_manage": may_manage_person(request.user, person),
            "today": timezone.localdate(),
            "entries": history,
            "described": presenters.describe(history.object_list),
            "crumbs": _people_crumbs(request),
        },
    )


def person_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = managed_person_or_404(request.user, pk)
    form = PersonEditForm(
        request.POST if request.method == "POST" else None,
        person=person,
        actor=request.user,
        initial={
            "full_name": person.full_name,
            "email": person.email,
            "job_title": person.job_title,
            "is_active": person.is_active,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            people.update_person(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
            person.refresh_from_db()
        else:
            messages.success(request, f"The details of {person.full_name} have been saved.")
            return redirect("administration:person", person.pk)
    return page(
        request, "person_edit.jinja", {"form": form, "person": person, "crumbs": _people_crumbs(request)}
    )


def person_password(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = managed_person_or_404(request.user, pk)
    form = PasswordForm(request.POST if request.method == "POST" else None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            reset_password(actor=request.user, person=person, password=form.cleaned_data["password"])
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                f"{person.full_name}'s password has been reset. Give it to them in person or by phone.",
            )
            return redirect("administration:person", person.pk)
    return page(
        request, "person_password.jinja", {"form": form, "person": person, "crumbs": _people_crumbs(request)}
    )
