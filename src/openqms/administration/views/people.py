"""People: the list, adding a person with their first role, changing details and resetting a password."""

from __future__ import annotations

from typing import Any

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
from openqms.nhsuk.views import Saved, save_form
from openqms.people import services as people
from openqms.people.requests import AuthenticatedHttpRequest

PAGE_SIZE = 25


def _people_crumbs(request: AuthenticatedHttpRequest) -> list[dict[str, str]]:
    return [*crumbs(request.user), {"href": reverse("administration:people"), "text": "People"}]


def people_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_administrator(request.user)
    search = request.GET.get("q", "").strip()[:150]
    found = Paginator(people_in_scope(request.user, search), PAGE_SIZE).get_page(request.GET.get("page"))
    return page(request, "people.jinja", {"people": found, "search": search, "crumbs": crumbs(request.user)})


def person_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_administrator(request.user)
    form = PersonCreateForm(
        request.POST if request.method == "POST" else None,
        units=administered_units(request.user),
        initial={"starts_on": timezone.localdate()},
    )

    def save(cleaned: dict[str, Any]) -> Saved:
        person, _ = create_person_with_role(
            actor=request.user,
            username=cleaned["username"],
            full_name=cleaned["full_name"],
            email=cleaned["email"],
            job_title=cleaned["job_title"],
            password=cleaned["password"],
            unit=cleaned["unit"],
            role=cleaned["role"],
            starts_on=cleaned["starts_on"],
            ends_on=cleaned["ends_on"],
        )
        return Saved(
            f"{person.full_name} has been added, with their first role.",
            reverse("administration:person", args=[person.pk]),
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
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

    def save(cleaned: dict[str, Any]) -> Saved:
        reset_password(actor=request.user, person=person, password=cleaned["password"])
        return Saved(
            f"{person.full_name}'s password has been reset. Give it to them in person or by phone.",
            reverse("administration:person", args=[person.pk]),
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return page(
        request, "person_password.jinja", {"form": form, "person": person, "crumbs": _people_crumbs(request)}
    )
