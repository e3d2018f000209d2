"""`openqms demo` and `openqms demo-logins`, as `make demo` and the login checker use them."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

from openqms.access.models import Role, RoleAssignment
from openqms.audit.models import AuditEntry
from openqms.audit.services import verify_chain
from openqms.control.models import (
    Escalation,
    Huddle,
    Measure,
    MeasureDefinition,
    Observation,
    SpcSnapshot,
)
from openqms.demo import services
from openqms.demo.generator import SMALL, plan_demo
from openqms.demo.logins import DEMO_LOGINS
from openqms.organisations.models import Organisation, Unit


def _run(command: str, *args: str) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def _counts() -> tuple[int, ...]:
    return (
        Organisation.objects.count(),
        Unit.objects.count(),
        get_user_model().objects.count(),
        RoleAssignment.objects.count(),
        AuditEntry.objects.count(),
        Measure.objects.count(),
        Observation.objects.count(),
        SpcSnapshot.objects.count(),
        Huddle.objects.count(),
        Escalation.objects.count(),
    )


def test_openqms_demo_loads_a_trust_sized_organisation_once_and_a_second_run_changes_nothing(db):
    # One test for the full size, organisation and control data, because loading it is the slowest
    # thing in this suite (about 10 s of CPU on SQLite).
    assert "Loaded Northshire Hospitals NHS Foundation Trust" in _run("demo")
    kinds = Counter(Unit.objects.values_list("kind", flat=True))
    assert Organisation.objects.count() == 1
    assert kinds["board"] == 1
    assert kinds["division"] == 4
    assert 18 <= kinds["service"] <= 25
    assert 90 <= kinds["team"] + kinds["ward"] <= 110
    people = get_user_model().objects.all()
    assert 280 <= people.count() <= 320
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
    request = RequestFactory().post("/sign-in/")
    for login in DEMO_LOGINS:
        person = authenticate(request, username=login.username, password=login.password)
        assert person is not None, login.username
        assert person.role_assignments.current().filter(role=login.role).exists()
    demo_usernames = {login.username for login in DEMO_LOGINS}
    assert not any(p.has_usable_password() for p in people.exclude(username__in=demo_usernames))
    # The control side: every team and ward reports measures with about three years of data.
    assert not Unit.objects.filter(kind__in=("team", "ward")).exclude(measures__isnull=False).exists()
    assert MeasureDefinition.objects.count() >= 25
    assert Measure.objects.count() >= 400
    assert Observation.objects.count() >= 20_000
    assert SpcSnapshot.objects.count() == Measure.objects.count()
    assert SpcSnapshot.objects.filter(last_point_type="special_cause_concern").count() >= 5
    assurance = Counter(SpcSnapshot.objects.values_list("assurance_icon", flat=True))
    assert assurance["consistent_pass"] >= 20
    assert assurance["consistent_fail"] >= 20
    assert Huddle.objects.count() >= 80
    assert Escalation.objects.filter(current_unit__kind="division").exists()
    assert verify_chain().intact

    before = _counts()
    assert _run("demo").strip() == "The demo organisation is already loaded."
    assert _counts() == before


def test_openqms_demo_repairs_a_demo_login_whose_password_was_changed_or_that_was_deactivated(db):
    services.load_demo(plan=plan_demo(size=SMALL, today=dt.date(2026, 5, 1)))
    member = get_user_model().objects.get(username="demo.member")
    member.set_password("Someone-Changed-It-2026")
    member.is_active = False
    member.save()
    entries = AuditEntry.objects.count()
    _run("demo")
    member.refresh_from_db()
    login = next(login for login in DEMO_LOGINS if login.username == "demo.member")
    assert member.is_active
    assert member.check_password(login.password)
    repair = AuditEntry.objects.get(sequence=entries + 1)
    assert (repair.object_id, repair.action, repair.actor_name) == (str(member.pk), "update", "system")
    assert "Someone" not in repair.changes_json
    assert "md5" not in repair.changes_json
    # The repair is the one change besides what a demo loaded before them gains once: its strategy
    # (version, goals, priorities, the organisation's four questions) and its improvement methods.
    gained_once = [
        "organisations.strategyversion",
        "organisations.strategicgoal",
        "organisations.strategicpriority",
        "organisations.organisation",
        "improvement.organisationmethods",
    ]
    new = AuditEntry.objects.filter(sequence__gt=entries).exclude(object_type__in=gained_once)
    assert list(new) == [repair]


def test_openqms_demo_logins_prints_one_tab_separated_line_per_role_and_nothing_else():
    lines = _run("demo_logins").splitlines()
    assert len(lines) == 6
    rows = [line.split("\t") for line in lines]
    assert all(len(row) == 3 for row in rows)
    assert [row[0] for row in rows] == list(Role.values)
    assert [(row[1], row[2]) for row in rows] == [(login.username, login.password) for login in DEMO_LOGINS]


def test_the_command_line_spells_it_demo_logins_with_a_hyphen():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "openqms.settings.test"}
    command = [sys.executable, "-m", "openqms.cli", "demo-logins"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    expected = [f"{login.role}\t{login.username}\t{login.password}\n" for login in DEMO_LOGINS]
    assert result.stdout == "".join(expected)


def test_the_readme_lists_every_demo_login_with_its_password():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for login in DEMO_LOGINS:
        assert f"| `{login.username}` | `{login.password}` |" in readme
