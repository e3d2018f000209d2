"""Audit templates: their versions and questions; publishing; scheduling audits from them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from openqms.access import policy
from openqms.access.models import RoleAssignment
from openqms.assurance.forms.audits import QuestionForm, ScheduleForm, TemplateForm
from openqms.assurance.models import AuditTemplate, Question, Standard, TemplateVersion
from openqms.assurance.selectors.audits import runs_visible
from openqms.assurance.selectors.standards import template_for, templates_visible, units_to_own, version_of
from openqms.assurance.services import templates as templates_services
from openqms.assurance.services.audits import schedule_audit
from openqms.assurance.views.common import Permission, organisation_id
from openqms.nhsuk.ids import parse_id
from openqms.nhsuk.views import Saved, require, save_form
from openqms.organisations.models import Unit
from openqms.people.requests import AuthenticatedHttpRequest


def _unit_to_audit(request: AuthenticatedHttpRequest, units: QuerySet[Unit]) -> Unit | None:
    """The unit another page asks to audit (an escalation's), among those the person may audit."""
    pk = parse_id(request.GET.get("unit"))
    return units.filter(pk=pk).first() if pk is not None else None


def templates(request: AuthenticatedHttpRequest) -> HttpResponse:
    found = templates_visible(request.user)
    org = organisation_id(request)
    if org is not None:
        found = found.filter(organisation_id=org)
    return render(
        request,
        "assurance/templates.jinja",
        {
            "page": "assurance",
            "templates": found.prefetch_related("versions"),
            "may_create": units_to_own(request.user, org).exists(),
            # Come from an escalation to check a unit: each published template offers to audit it.
            "unit_to_audit": _unit_to_audit(request, units_to_own(request.user, org)),
        },
    )


def new_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    owner_units = units_to_own(request.user, organisation_id(request))
    require(owner_units.exists())
    form = TemplateForm(
        request.POST or None, owner_units=owner_units, initial={"sample_size": 10, "pass_threshold": 85}
    )

    def save(cleaned: dict[str, Any]) -> Saved:
        template = templates_services.create_template(actor=request.user, **cleaned)
        return Saved(
            f"Template “{template.name}” added. Add its questions, then publish it.",
            reverse("assurance:template-version", kwargs={"pk": template.pk, "number": 1}),
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request, "assurance/template_form.jinja", {"page": "assurance", "form": form, "version": None}
    )


def template_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    template = template_for(request.user, pk)
    latest = template.versions.order_by("-number").first()
    return redirect("assurance:template-version", pk=template.pk, number=latest.number if latest else 1)


def _standards(template: AuditTemplate) -> Any:
    return Standard.objects.filter(organisation_id=template.organisation_id).exclude(status="retired")


def _version_context(
    request: AuthenticatedHttpRequest,
    template: AuditTemplate,
    version: TemplateVersion,
    question_form: QuestionForm | None = None,
) -> dict[str, Any]:
    may_lead = policy.can(request.user, Permission.LEAD, template)
    editable = may_lead and not version.is_published
    return {
        "page": "assurance",
        "template": template,
        "version": version,
        "versions": template.versions.order_by("-number"),
        "questions": version.questions.select_related("standard"),
        "may_lead": may_lead,
        "editable": editable,
        "published": templates_services.published_version(template),
        "may_schedule": units_to_own(request.user, template.organisation_id).exists(),
        "question_form": question_form
        or (QuestionForm(standards=_standards(template), initial={"weight": 1}) if editable else None),
        "runs": runs_visible(request.user).filter(template=template)[:20],
    }


def version_page(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    template = template_for(request.user, pk)
    version = version_of(template, number)
    return render(request, "assurance/template.jinja", _version_context(request, template, version))


def _lead_template(request: AuthenticatedHttpRequest, pk: int) -> AuditTemplate:
    return policy.get_or_404(
        request.user, Permission.LEAD, AuditTemplate.objects.select_related("owner_unit"), pk=pk
    )


def edit_version(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    template = _lead_template(request, pk)
    version = version_of(template, number)
    require(not version.is_published)
    form = TemplateForm(
        request.POST or None,
        initial={
            "purpose": version.purpose,
            "sample_size": version.sample_size,
            "pass_threshold": version.pass_threshold,
        },
    )

    def save(cleaned: dict[str, Any]) -> Saved:
        templates_services.update_version(actor=request.user, version=version, **cleaned)
        return Saved(
            f"Version {version.number} saved.",
            reverse("assurance:template-version", kwargs={"pk": template.pk, "number": version.number}),
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request,
        "assurance/template_form.jinja",
        {"page": "assurance", "form": form, "version": version, "template": template},
    )


@require_POST
def add_question(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    template = _lead_template(request, pk)
    version = version_of(template, number)
    require(not version.is_published)
    form = QuestionForm(request.POST, standards=_standards(template))

    def save(cleaned: dict[str, Any]) -> Saved:
        templates_services.add_question(actor=request.user, version=version, **cleaned)
        return Saved(
            "Question added.",
            reverse("assurance:template-version", kwargs={"pk": template.pk, "number": version.number}),
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(request, "assurance/template.jinja", _version_context(request, template, version, form))


@require_POST
def remove_question(
    request: AuthenticatedHttpRequest, pk: int, number: int, question_pk: int
) -> HttpResponse:
    template = _lead_template(request, pk)
    version = version_of(template, number)
    require(not version.is_published)
    question = Question.objects.filter(version=version, pk=question_pk).first()
    # A second click (or a resubmitted form) finds it removed already: the outcome is the same.
    if question is not None:
        templates_services.remove_question(actor=request.user, question=question)
        messages.success(request, f"Question “{question.text}” removed.")
    else:
        messages.success(request, "The question is removed.")
    return redirect("assurance:template-version", pk=template.pk, number=version.number)


@require_POST
def publish(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    template = _lead_template(request, pk)
    version = version_of(template, number)
    try:
        templates_services.publish_version(actor=request.user, version=version)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"Version {version.number} published: audits started from now use it.")
    return redirect("assurance:template-version", pk=template.pk, number=version.number)


@require_POST
def new_version(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    template = _lead_template(request, pk)
    version = templates_services.new_version(actor=request.user, template=template)
    messages.success(request, f"Version {version.number} is a draft: change it, then publish it.")
    return redirect("assurance:template-version", pk=template.pk, number=version.number)


def schedule(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    template = template_for(request.user, pk)
    units = units_to_own(request.user, template.organisation_id)
    require(units.exists())
    people = (
        get_user_model()
        .objects.filter(pk__in=RoleAssignment.objects.current().filter(unit__in=units).values("person_id"))
        .order_by("full_name")
    )
    initial: dict[str, Any] = {"recurrence": "once"}
    asked = _unit_to_audit(request, units)
    if asked is not None:
        initial["unit"] = asked.pk
    form = ScheduleForm(request.POST or None, units=units, people=people, initial=initial)

    def save(cleaned: dict[str, Any]) -> Saved:
        run = schedule_audit(actor=request.user, template=template, **cleaned)
        return Saved(
            f"Audit of {run.unit.name} scheduled for {run.due_on:%-d %B %Y}.",
            reverse("assurance:audit", args=[run.pk]),
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request, "assurance/schedule.jinja", {"page": "assurance", "form": form, "template": template}
    )
