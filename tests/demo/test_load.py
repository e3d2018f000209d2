"""Loading the demo trust into the database, through the services and into the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from openqms.access.models import RoleAssignment
from openqms.audit.models import AuditEntry
from openqms.audit.services import verify_chain
from openqms.demo import services
from openqms.demo.generator import SMALL, plan_demo
from openqms.demo.logins import DEMO_LOGINS
from openqms.organisations.models import PATH_SEGMENT, Organisation, Unit

TODAY = dt.date(2026, 5, 1)


class _RolledBack(Exception):
    pass


def _contents() -> dict[str, Any]:
    """What a loaded demo holds, without database ids, so two loads can be compared."""
    units = Unit.objects.select_related("parent")
    return {
        "organisations": sorted(Organisation.objects.values_list("name", "code")),
        "units": sorted((u.code, u.name, u.kind, u.depth, u.parent.code if u.parent else "") for u in units),
        "people": sorted(
            (p.username, p.full_name, p.job_title, p.email, p.has_usable_password())
            for p in get_user_model().objects.all()
        ),
        "roles": sorted(
            RoleAssignment.objects.values_list(
                "person__username", "unit__code", "role", "starts_on", "ends_on"
            )
        ),
    }


def _load_and_undo(seed: int) -> dict[str, Any]:
    contents: dict[str, Any] = {}
    with pytest.raises(_RolledBack), transaction.atomic():
        services.load_demo(plan=plan_demo(seed=seed, size=SMALL, today=TODAY))
        contents.update(_contents())
        raise _RolledBack
    return contents


def test_two_loads_with_the_same_seed_give_the_same_organisation(db):
    first, second = _load_and_undo(seed=11), _load_and_undo(seed=11)
    assert first == second
    assert all(first[part] for part in ("units", "people", "roles"))
    assert _load_and_undo(seed=12)["people"] != first["people"]


def test_the_loaded_demo_is_what_was_planned(db):
    plan = plan_demo(size=SMALL, today=TODAY)
    services.load_demo(plan=plan)
    units = {u.code: u for u in Unit.objects.select_related("parent")}
    for planned in plan.units:
        unit = units[planned.code]
        assert (unit.name, unit.kind, unit.parent.code) == (planned.name, planned.kind, planned.parent_code)
        # The same path and depth create_unit would have given it.
        assert unit.path == unit.parent.path + PATH_SEGMENT.format(unit.pk)
        assert unit.depth == unit.parent.depth + 1
    assert get_user_model().objects.count() == len(plan.people)
    assert RoleAssignment.objects.count() == len(plan.roles)


def test_every_created_unit_person_and_role_has_its_creation_in_the_audit_trail(db):
    services.load_demo(plan=plan_demo(size=SMALL, today=TODAY))
    created = set(
        AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, actor__isnull=True).values_list(
            "object_type", "object_id"
        )
    )
    expected = {
        (model._meta.label_lower, str(pk))
        for model in (Organisation, Unit, get_user_model(), RoleAssignment)
        for pk in model.objects.values_list("pk", flat=True)
    }
    assert expected <= created
    assert set(AuditEntry.objects.values_list("actor_name", flat=True)) == {"system"}
    report = verify_chain()
    assert report.intact, report.reason
    assert report.checked == AuditEntry.objects.count()


def test_loading_the_demo_again_is_refused_and_changes_nothing(db):
    services.load_demo(plan=plan_demo(size=SMALL, today=TODAY))
    entries = AuditEntry.objects.count()
    with pytest.raises(services.DemoAlreadyLoaded):
        services.load_demo(plan=plan_demo(size=SMALL, today=TODAY))
    assert AuditEntry.objects.count() == entries


def test_each_demo_login_signs_in_through_the_sign_in_form(db, client):
    services.load_demo(plan=plan_demo(size=SMALL, today=TODAY))
    for login in DEMO_LOGINS:
        response = client.post(reverse("login"), {"username": login.username, "password": login.password})
        assert response.status_code == 302, login.username
        client.logout()


def test_other_demo_people_cannot_sign_in(db, client):
    plan = plan_demo(size=SMALL, today=TODAY)
    services.load_demo(plan=plan)
    someone = next(person for person in plan.people if person.password is None)
    response = client.post(reverse("login"), {"username": someone.username, "password": "Anything-At-All-26"})
    assert response.status_code == 200
