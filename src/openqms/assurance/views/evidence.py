"""Evidence attached to audits, standards and actions: added by those who may change the thing,
served only to those who may see it, from outside the web root."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from openqms.access import policy
from openqms.actions.models import Action
from openqms.assurance import evidence_files
from openqms.assurance.forms.evidence import EvidenceForm
from openqms.assurance.models import Evidence
from openqms.assurance.selectors.audits import may_answer, run_for
from openqms.assurance.selectors.standards import standard_for
from openqms.assurance.services import evidence as evidence_services
from openqms.assurance.views.common import Permission
from openqms.nhsuk.views import require
from openqms.people.requests import AuthenticatedHttpRequest

KINDS = ("audit", "standard", "action")


def target_for(request: AuthenticatedHttpRequest, kind: str, pk: int, *, adding: bool) -> Any:
    """The audit, standard or action, if the person may see it (and, adding, change it); else 404."""
    user = request.user
    if kind == "audit":
        run = run_for(user, pk)
        require(not adding or _may_add(user, kind, run))
        return run
    if kind == "standard":
        standard = standard_for(user, pk)
        require(not adding or _may_add(user, kind, standard))
        return standard
    if kind == "action":
        return policy.get_or_404(
            user,
            Permission.CONTRIBUTE if adding else Permission.VIEW,
            Action.objects.select_related("unit"),
            pk=pk,
        )
    raise Http404("Not found")


def _may_add(user: Any, kind: str, target: Any) -> bool:
    """May the person add evidence to this audit, standard or action, which they may see?"""
    if kind == "audit":
        return may_answer(user, target) or policy.can(user, Permission.CONTRIBUTE, target)
    return policy.can(user, Permission.CONTRIBUTE, target)


def page_of(kind: str, target: Any) -> HttpResponse:
    name = {"audit": "assurance:audit", "standard": "assurance:standard", "action": "actions:action"}[kind]
    return redirect(name, pk=target.pk)


def context(
    request: AuthenticatedHttpRequest, kind: str, target: Any, form: EvidenceForm | None = None
) -> dict[str, Any]:
    """What the evidence section of a page needs (assurance/_evidence.jinja). The page has fetched
    `target` for this person through `target_for` or its kind's selector, so they may see it."""
    may_add = _may_add(request.user, kind, target)
    field = {"audit": "run", "standard": "standard", "action": "action"}[kind]
    return {
        "evidence_kind": kind,
        "evidence_target": target,
        "evidence_list": Evidence.objects.filter(**{field: target}).select_related("uploaded_by"),
        "evidence_form": form or (EvidenceForm() if may_add else None),
    }


def action_context(request: AuthenticatedHttpRequest, action: Action) -> dict[str, Any]:
    """The evidence section of an action's page, which the tracker (openqms.actions) draws as a panel."""
    return context(request, "action", action)


@require_POST
def add(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    target = target_for(request, kind, pk, adding=True)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            evidence_services.add_evidence(
                actor=request.user,
                target=target,
                title=form.cleaned_data["title"],
                name=upload.name if upload else "",
                data=upload.read() if upload else None,
                link=form.cleaned_data.get("link", "").strip(),
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"Evidence “{form.cleaned_data['title']}” added.")
            return page_of(kind, target)
    return render(
        request,
        "assurance/evidence_add.jinja",
        {"page": "assurance", **context(request, kind, target, form)},
        status=200,
    )


def download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    evidence = Evidence.objects.filter(pk=pk).first()
    if evidence is None:
        raise Http404("Not found")
    kind, target_id = (
        ("audit", evidence.run_id) if evidence.run_id else
        ("standard", evidence.standard_id) if evidence.standard_id else ("action", evidence.action_id)
    )  # fmt: skip
    assert target_id is not None
    target_for(request, kind, target_id, adding=False)
    if evidence.link:
        # Never a redirect: this address would otherwise send anyone anywhere in this site's name.
        # The page names where the link goes and the person chooses to follow it (ADR 31).
        return render(
            request,
            "assurance/evidence_link.jinja",
            {
                "page": "assurance",
                "evidence": evidence,
                "host": urlsplit(evidence.link).hostname or "",
                "back": reverse(
                    {
                        "audit": "assurance:audit",
                        "standard": "assurance:standard",
                        "action": "actions:action",
                    }[kind],
                    args=[target_id],
                ),
            },
        )
    assert evidence.stored_name
    try:
        handle = open(evidence_files.path_of(evidence.stored_name), "rb")  # noqa: SIM115 (FileResponse closes it)
    except (OSError, ValueError) as exc:
        raise Http404("The file is missing") from exc
    response = FileResponse(
        handle, as_attachment=True, filename=evidence.original_name, content_type=evidence.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
