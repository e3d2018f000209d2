"""A project's pages: its charter (new and edited), its page and history, progress and close.

Thin views: check the policy (`get_or_404`), call a selector, a service or a presenter, render. Forms
post to their own URLs and redirect back (POST-redirect-GET), so nothing depends on JavaScript.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from openqms.access import policy
from openqms.access.models import Role
from openqms.access.policy import Permission
from openqms.control.selectors import measures as control_selectors
from openqms.improvement.forms.methods import NewProjectForm
from openqms.improvement.forms.projects import (
    CloseForm,
    ProgressForm,
    ProjectForm,
)
from openqms.improvement.models import PROGRESS_SCALE, Project, Stage
from openqms.improvement.presenters import methods as method_presenters
from openqms.improvement.presenters import projects as presenters
from openqms.improvement.selectors.diagram import ideas
from openqms.improvement.selectors.methods import methods_offered
from openqms.improvement.selectors.projects import (
    escalations_for,
    history,
    measures_for,
    people_near,
    people_of,
    priorities_of,
    project_page_queryset,
    sponsors_of,
)
from openqms.improvement.services.projects import (
    PROJECT_FIELDS,
    STAFF_ROLES,
    close_project,
    create_project,
    record_progress,
    update_project,
)
from openqms.improvement.views.common import project_for
from openqms.nhsuk.fields import DatePartsField, DatePartsWidget
from openqms.nhsuk.ids import parse_id
from openqms.nhsuk.versions import version_of
from openqms.nhsuk.views import Saved, save_form
from openqms.organisations.selectors import domain_choices
from openqms.people.requests import AuthenticatedHttpRequest

# --- the charter ---------------------------------------------------------------------------------


def _charter_form(
    request: AuthenticatedHttpRequest, project: Project | None, data: Any = None, **kwargs: Any
) -> ProjectForm:
    organisation = project.unit.organisation if project else None
    units = None
    if project is None:
        units = (
            policy.units_where(request.user, Permission.CONTRIBUTE)
            .filter(archived_at__isnull=True)
            .order_by("path")
        )
        current = request.current_unit  # type: ignore[attr-defined]
        first = units.first()
        if current and units.filter(organisation_id=current.organisation_id).exists():
            organisation = current.organisation
        else:
            organisation = first.organisation if first else None
        if organisation is None:
            raise Http404("Not found")
        units = units.filter(organisation=organisation)
    assert organisation is not None
    kept = (project.lead_id, project.sponsor_id) if project else (request.user.pk,)
    if project is None:
        kwargs["methods"] = methods_offered(organisation)
    return (ProjectForm if project else NewProjectForm)(
        data,
        units=units,
        measures=measures_for(request.user, organisation),
        # Pickers offer the people near the person, and keep the charter's own lead and sponsor.
        people=people_near(request.user, organisation, STAFF_ROLES, keep=kept).filter(
            pk__in=people_of(organisation, STAFF_ROLES).values("pk")
        ),
        sponsors=people_near(request.user, organisation, {Role.SENIOR_LEADER}, keep=kept).filter(
            pk__in=sponsors_of(organisation).values("pk")
        ),
        escalations=escalations_for(request.user, organisation),
        priorities=priorities_of(organisation, keep=project.strategic_priority_id if project else None),
        domains=domain_choices(organisation, keep=project.quality_domain.key if project else None),
        **kwargs,
    )


def _initial_from(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    """A project started from an escalation or from a measure's concern carries it into the charter."""
    initial: dict[str, Any] = {"starts_on": timezone.localdate(), "lead": request.user.pk}
    current = request.current_unit  # type: ignore[attr-defined]
    if current:
        initial["unit"] = current.pk
    escalation_pk = parse_id(request.GET.get("escalation"))
    if escalation_pk is not None:
        escalation = control_selectors_escalation(request, escalation_pk)
        initial |= {
            "escalation": escalation.pk,
            "title": escalation.title,
            "problem": escalation.description,
            "unit": escalation.origin_unit_id,
        }
        if escalation.source_measure_id:
            initial["aim_measure"] = escalation.source_measure_id
    measure_pk = parse_id(request.GET.get("measure"))
    if measure_pk is not None:
        measure = policy.get_or_404(
            request.user, Permission.VIEW, control_selectors.measure_queryset(), pk=measure_pk
        )
        initial |= {
            "aim_measure": measure.pk,
            "title": initial.get("title")
            or f"Improving {measure.definition.name.lower()} on {measure.unit.name}",
            "quality_domain": measure.definition.quality_domain.key,
            "unit": measure.unit_id,
        }
        initial["source_measure"] = measure.pk
    # Other pages (assurance's repeated gaps) suggest words and a unit; the form checks them all.
    for name, longest in (("title", 200), ("problem", 2000)):
        suggested = request.GET.get(name, "").strip()
        if suggested and name not in initial:
            initial[name] = suggested[:longest]
    unit_pk = parse_id(request.GET.get("unit"))
    if unit_pk is not None and "escalation" not in initial and "source_measure" not in initial:
        unit = policy.units_where(request.user, Permission.CONTRIBUTE).filter(pk=unit_pk).first()
        if unit is not None:
            initial["unit"] = unit.pk
    return initial


def control_selectors_escalation(request: AuthenticatedHttpRequest, pk: int) -> Any:
    from openqms.control.selectors.huddles import escalation

    return escalation(request.user, pk)


def project_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policy.units_where(request.user, Permission.CONTRIBUTE).exists():
        raise Http404("Not found")
    initial = _initial_from(request) if request.method != "POST" else {}
    form = _charter_form(request, None, request.POST or None, initial=initial)
    source_measure = parse_id(request.POST.get("source_measure") or initial.get("source_measure"))

    def save(cleaned: dict[str, Any]) -> Saved:
        data = dict(cleaned)
        data.pop("version", None)
        unit = data.pop("unit")
        if not policy.can(request.user, Permission.CONTRIBUTE, unit):
            raise Http404("Not found")
        if source_measure is not None:
            data["source_measure"] = policy.get_or_404(
                request.user, Permission.VIEW, control_selectors.measure_queryset(), pk=source_measure
            )
        project = create_project(actor=request.user, unit=unit, **data)
        return Saved(f"Project “{project.title}” started.", reverse("improvement:project", args=[project.pk]))

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request,
        "improvement/project_form.jinja",
        {"page": "improvement", "form": form, "project": None, "source_measure": source_measure},
    )


def project_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_for(request, pk, Permission.CONTRIBUTE)
    initial = {name: getattr(project, name) for name in PROJECT_FIELDS if name != "unit"}
    linked = ("aim_measure", "sponsor", "lead", "escalation", "strategic_priority")
    initial |= {k: getattr(project, f"{k}_id") for k in linked}
    initial["version"] = version_of(project)
    initial["quality_domain"] = project.quality_domain.key
    form = _charter_form(request, project, request.POST or None, initial=initial)

    def save(cleaned: dict[str, Any]) -> Saved:
        update_project(actor=request.user, project=project, **cleaned)
        return Saved("Charter saved.", reverse("improvement:project", args=[project.pk]))

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request, "improvement/project_form.jinja", {"page": "improvement", "form": form, "project": project}
    )


def project_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_for(request, pk, queryset=project_page_queryset())
    return render(
        request,
        "improvement/project.jinja",
        {
            "page": "improvement",
            "project": project,
            "unit": project.unit,
            "project_page": presenters.project_page(request.user, project, today=timezone.localdate()),
            "method": method_presenters.method_line(project),
        },
    )


def project_history(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_for(request, pk)
    entries = Paginator(history(project), 50).get_page(request.GET.get("page"))
    return render(
        request, "improvement/history.jinja", {"page": "improvement", "project": project, "entries": entries}
    )


def project_progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_for(request, pk, Permission.CONTRIBUTE)
    if project.stage == Stage.CLOSED:
        raise Http404("Not found")
    form = ProgressForm(
        request.POST or None,
        initial={"stage": project.stage, "score": str(project.progress_score), "on": timezone.localdate()},
    )

    def save(cleaned: dict[str, Any]) -> Saved:
        record_progress(
            actor=request.user, project=project, stage=cleaned["stage"], score=cleaned["score"],
            on=cleaned["on"], note=cleaned["note"],
        )  # fmt: skip
        return Saved("Progress recorded.", reverse("improvement:project", args=[project.pk]) + "#progress")

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request,
        "improvement/progress.jinja",
        {"page": "improvement", "project": project, "form": form, "scale": PROGRESS_SCALE},
    )


# --- closing -------------------------------------------------------------------------------------


def project_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_for(request, pk, Permission.LEAD)
    if project.stage == Stage.CLOSED:
        raise Http404("Not found")
    pms = list(project.project_measures.select_related("measure__definition", "measure__unit"))
    # A new baseline changes the measure's limits: only for people who may change that measure.
    for pm in pms:
        pm.may_rebase = policy.can(request.user, Permission.CONTRIBUTE, pm.measure)  # type: ignore[attr-defined]
    form = CloseForm(
        request.POST or None, initial={"score": str(project.progress_score), "lessons": project.lessons}
    )
    baseline_errors: dict[int, str] = {}
    baselines: dict[int, Any] = {}
    if request.method == "POST":
        for pm in (pm for pm in pms if pm.may_rebase):  # type: ignore[attr-defined]
            field = DatePartsField(label=f"New baseline for {pm.measure.definition.name}", required=False)
            raw = DatePartsWidget().value_from_datadict(request.POST, None, f"baseline_{pm.pk}")
            try:
                baselines[pm.pk] = field.clean(raw)
            except ValidationError as exc:
                baseline_errors[pm.pk] = exc.messages[0]
        if form.is_valid() and not baseline_errors:
            try:
                close_project(
                    actor=request.user, project=project, lessons=form.cleaned_data["lessons"],
                    score=form.cleaned_data["score"], baselines=baselines,
                )  # fmt: skip
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                handed = sum(1 for d in baselines.values() if d)
                messages.success(
                    request,
                    f"Project closed. {handed} measure{'s' if handed != 1 else ''} "
                    "handed back with a new baseline.",
                )
                return redirect("improvement:project", pk=project.pk)
    return render(
        request,
        "improvement/close.jinja",
        {
            "page": "improvement",
            "project": project,
            "form": form,
            "pms": pms,
            "baseline_errors": baseline_errors,
            "posted": request.POST,
            "ideas": ideas(project).filter(status="adopted"),
        },
    )
