"""The standards library: external frameworks and their requirements, and the organisation's own
standards mapped to them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from openqms.access import policy
from openqms.assurance import compliance
from openqms.assurance.forms.standards import CommentForm, FrameworkUploadForm, InviteForm, StandardForm
from openqms.assurance.framework_files import read_file
from openqms.assurance.models import Requirement, Standard
from openqms.assurance.selectors.standards import (
    framework_for,
    frameworks_visible,
    invitable_people,
    may_comment,
    organisations_to_load,
    requirement_coverage,
    standard_for,
    standards_by_domain,
    units_to_own,
)
from openqms.assurance.services.standards import (
    add_comment,
    create_standard,
    invite_to_comment,
    load_framework,
    update_standard,
)
from openqms.assurance.views import evidence
from openqms.assurance.views.common import Permission, organisation_id
from openqms.audit.selectors import history_of
from openqms.control.models import MeasureDefinition
from openqms.control.presenters.measures import assurance_words, variation_icon, variation_words
from openqms.control.selectors import measures as control_selectors
from openqms.nhsuk.views import Saved, require, save_form
from openqms.organisations.models import Unit
from openqms.people.requests import AuthenticatedHttpRequest

EDITABLE = ("title", "domain", "statement", "evidence_expected", "status", "shared_with_service_users")


def frameworks(request: AuthenticatedHttpRequest) -> HttpResponse:
    found = frameworks_visible(request.user).order_by("organisation__name", "name", "-loaded_at")
    return render(
        request,
        "assurance/frameworks.jinja",
        {
            "page": "assurance",
            "frameworks": found,
            "may_load": organisations_to_load(request.user).exists(),
        },
    )


def framework_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    framework = framework_for(request.user, pk)
    rows = requirement_coverage(request.user, framework)
    unit = getattr(request, "current_unit", None) or None
    if unit is not None and (
        unit.organisation_id != framework.organisation_id
        or not policy.can(request.user, Permission.VIEW, unit)
    ):
        unit = None
    return render(
        request,
        "assurance/framework.jinja",
        {
            "page": "assurance",
            "framework": framework,
            "rows": rows,
            "met": sum(1 for _, standards in rows if standards),
            "unit": unit,
            "compliance": compliance.requirement_compliance(unit, framework) if unit else {},
        },
    )


def upload_framework(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = organisations_to_load(request.user)
    require(organisations.exists())
    form = FrameworkUploadForm(request.POST or None, request.FILES or None, organisations=organisations)
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        parsed = read_file(upload.read(), upload.name)
        problems = parsed.problems
        if not problems:
            root = form.cleaned_data["organisation"]
            try:
                framework = load_framework(actor=request.user, organisation=root.organisation, parsed=parsed)
            except ValidationError as exc:
                form.add_error("file", exc.messages[0])
            else:
                messages.success(
                    request,
                    f"{framework.name} version {framework.version} loaded: "
                    f"{len(parsed.requirements)} requirements.",
                )
                return redirect("assurance:framework", pk=framework.pk)
        else:
            form.add_error(
                "file",
                f"The file has {len(problems)} {'problem' if len(problems) == 1 else 'problems'}: "
                "nothing was loaded. Put them right and upload it again.",
            )
    return render(
        request,
        "assurance/framework_upload.jinja",
        {"page": "assurance", "form": form, "problems": problems[:500], "more": max(len(problems) - 500, 0)},
    )


# --- standards -----------------------------------------------------------------------------------


def standards(request: AuthenticatedHttpRequest) -> HttpResponse:
    org = organisation_id(request)
    return render(
        request,
        "assurance/standards.jinja",
        {
            "page": "assurance",
            "domains": standards_by_domain(request.user, org),
            "may_create": units_to_own(request.user, org).exists(),
        },
    )


def _form(request: AuthenticatedHttpRequest, standard: Standard | None, org: int | None) -> StandardForm:
    if standard is not None:
        org = standard.organisation_id
    units = Unit.objects.filter(archived_at__isnull=True)
    requirements = Requirement.objects.select_related("framework").order_by("framework__name", "position")
    measures = MeasureDefinition.objects.filter(archived_at__isnull=True).order_by("name")
    if org is not None:
        units, requirements = (
            units.filter(organisation_id=org),
            requirements.filter(framework__organisation_id=org),
        )
        measures = measures.filter(organisation_id=org)
    owner_units = None if standard else units_to_own(request.user, org)
    # A standard applies only to units in the person's own scope (ADR 31); those it applied to
    # before stay offered, so that an edit by someone with a narrower scope keeps them.
    in_scope = policy.units_where(request.user, Permission.CONTRIBUTE).values("pk")
    applied = standard.applies_to.values("pk") if standard is not None else Unit.objects.none().values("pk")
    units = units.filter(Q(pk__in=in_scope) | Q(pk__in=applied))
    initial: dict[str, Any] = {}
    if standard is not None:
        initial = {name: getattr(standard, name) for name in EDITABLE}
        initial |= {
            "applies_to": list(standard.applies_to.values_list("pk", flat=True)),
            "requirements": list(standard.requirements.values_list("pk", flat=True)),
            "measures": list(standard.measures.values_list("pk", flat=True)),
        }
    return StandardForm(
        request.POST or None,
        initial=initial,
        owner_units=owner_units,
        units=units.order_by("path"),
        requirements=requirements,
        measures=measures,
    )


def new_standard(request: AuthenticatedHttpRequest) -> HttpResponse:
    org = organisation_id(request)
    require(units_to_own(request.user, org).exists())
    form = _form(request, None, org)

    def save(cleaned: dict[str, Any]) -> Saved:
        standard = create_standard(actor=request.user, owner_person=request.user, **cleaned)
        return Saved(
            f"Standard {standard.code} “{standard.title}” added.",
            reverse("assurance:standard", args=[standard.pk]),
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request, "assurance/standard_form.jinja", {"page": "assurance", "form": form, "standard": None}
    )


def edit_standard(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    standard = policy.get_or_404(
        request.user, Permission.LEAD, Standard.objects.select_related("owner_unit"), pk=pk
    )
    form = _form(request, standard, None)

    def save(cleaned: dict[str, Any]) -> Saved:
        update_standard(actor=request.user, standard=standard, **cleaned)
        return Saved(f"Standard {standard.code} saved.", reverse("assurance:standard", args=[standard.pk]))

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request, "assurance/standard_form.jinja", {"page": "assurance", "form": form, "standard": standard}
    )


def _standard_context(
    request: AuthenticatedHttpRequest,
    standard: Standard,
    *,
    comment_form: CommentForm | None = None,
    invite_form: InviteForm | None = None,
) -> dict[str, Any]:
    user = request.user
    may_lead = policy.can(user, Permission.LEAD, standard)
    commenting = may_comment(user, standard)
    staff = policy.can(user, Permission.VIEW, standard) or policy.units_where(user, Permission.VIEW).exists()
    measures = list(standard.measures.order_by("name")) if staff else []
    return {
        "page": "assurance",
        "standard": standard,
        "requirements": standard.requirements.select_related("framework").order_by(
            "framework__name", "position"
        ),
        "applies_to": standard.applies_to.order_by("path"),
        "measures": measures,
        "reported": _reported(request, measures) if measures else [],
        "variation_words": variation_words,
        "assurance_words": assurance_words,
        "variation_icon": variation_icon,
        "questions": standard.questions.select_related("version__template").filter(
            version__published_at__isnull=False
        )
        if staff
        else [],
        "comments": standard.comments.select_related("author") if (staff or commenting) else [],
        "invitations": standard.invitations.select_related("person") if may_lead else [],
        "may_lead": may_lead,
        "may_comment": commenting,
        "comment_form": comment_form or (CommentForm() if commenting else None),
        "invite_form": invite_form
        or (
            InviteForm(people=invitable_people(standard)) if may_lead and standard.status == "draft" else None
        ),
        "history": history_of(standard)[:10] if policy.can(user, Permission.VIEW, standard) else [],
        **evidence.context(request, "standard", standard),
    }


def _reported(request: AuthenticatedHttpRequest, definitions: list[MeasureDefinition]) -> list[Any]:
    """The standard's measures (`definitions`) as reported in the current unit's sub-tree, with their
    SPC status."""
    unit = getattr(request, "current_unit", None) or None
    if unit is None:
        return []
    return list(
        control_selectors.measures(request.user)
        .filter(definition__in=definitions, unit__path__startswith=unit.path)
        .select_related("definition", "unit", "snapshot")
        .defer(*control_selectors.BOARD_DEFERRED)
        .order_by("definition__name", "unit__path")[:20]
    )


def standard_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    standard = standard_for(request.user, pk)
    return render(request, "assurance/standard.jinja", _standard_context(request, standard))


@require_POST
def invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    standard = policy.get_or_404(request.user, Permission.LEAD, Standard.objects.all(), pk=pk)
    form = InviteForm(request.POST, people=invitable_people(standard))

    def save(cleaned: dict[str, Any]) -> Saved:
        invite_to_comment(actor=request.user, standard=standard, person=cleaned["person"])
        return Saved(
            f"{cleaned['person'].full_name} is invited to comment.",
            reverse("assurance:standard", args=[standard.pk]),
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(request, "assurance/standard.jinja", _standard_context(request, standard, invite_form=form))


@require_POST
def comment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    standard = standard_for(request.user, pk)
    require(may_comment(request.user, standard))
    form = CommentForm(request.POST)
    if form.is_valid():
        add_comment(actor=request.user, standard=standard, text=form.cleaned_data["text"])
        messages.success(request, "Thank you: your comment is saved.")
        return redirect("assurance:standard", pk=standard.pk)
    return render(
        request, "assurance/standard.jinja", _standard_context(request, standard, comment_form=form)
    )
