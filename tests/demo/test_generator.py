"""The demo plan, before anything is written: reproducible, trust-shaped, and consistent."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator

from openqms.access.models import Role
from openqms.demo.generator import FULL, SMALL, plan_demo
from openqms.demo.logins import DEMO_LOGINS, DEMO_SERVICE, DEMO_WARD

TODAY = dt.date(2026, 5, 1)


def test_the_same_seed_and_day_give_the_same_plan():
    assert plan_demo(seed=7, today=TODAY) == plan_demo(seed=7, today=TODAY)


def test_another_seed_gives_other_people_and_other_ward_names():
    one, other = plan_demo(seed=1, today=TODAY), plan_demo(seed=2, today=TODAY)
    assert [p.full_name for p in one.people] != [p.full_name for p in other.people]
    assert [u.name for u in one.units] != [u.name for u in other.units]
    # The shape of the trust stays the same, so a demo always looks like the same hospital.
    assert [u.code for u in one.units] == [u.code for u in other.units]


def test_the_full_plan_is_the_size_of_a_trust():
    plan = plan_demo(size=FULL, today=TODAY)
    kinds = Counter(unit.kind for unit in plan.units)
    assert kinds["division"] == 4
    assert 18 <= kinds["service"] <= 25
    assert 90 <= kinds["team"] + kinds["ward"] <= 110
    assert kinds["ward"] >= 20
    assert kinds["directorate"] >= 1
    assert 280 <= len(plan.people) <= 320
    assert {role.role for role in plan.roles} == set(Role.values)


def test_unit_codes_are_unique_and_every_parent_comes_before_its_children():
    plan = plan_demo(today=TODAY)
    seen = {"BOARD"}
    for unit in plan.units:
        assert unit.parent_code in seen
        assert unit.code not in seen
        assert len(unit.code) <= 30
        seen.add(unit.code)


def test_ward_names_read_like_a_hospital_with_an_en_dash_after_a_number():
    names = [unit.name for unit in plan_demo(today=TODAY).units]
    assert any(name.startswith("Ward ") and " \N{EN DASH} " in name for name in names)
    assert not any("{" in name or " - " in name for name in names)


def test_usernames_and_full_names_are_unique_and_valid():
    plan = plan_demo(today=TODAY)
    usernames = [person.username for person in plan.people]
    assert len(set(usernames)) == len(usernames)
    assert len({person.full_name for person in plan.people}) == len(plan.people)
    validator = UnicodeUsernameValidator()
    for username in usernames:
        validator(username)
    assert all(person.job_title for person in plan.people)


def test_only_the_demo_logins_have_passwords():
    plan = plan_demo(today=TODAY)
    with_passwords = {person.username for person in plan.people if person.password}
    assert with_passwords == {login.username for login in DEMO_LOGINS}


def test_some_people_hold_several_roles_on_several_units():
    plan = plan_demo(today=TODAY)
    units_per_person = Counter(role.username for role in plan.roles)
    assert sum(1 for count in units_per_person.values() if count > 1) >= 20


def test_some_roles_have_ended_and_some_have_not_yet_begun():
    plan = plan_demo(today=TODAY)
    ended = [r for r in plan.roles if r.ends_on is not None and r.ends_on < TODAY]
    future = [r for r in plan.roles if r.starts_on > TODAY]
    assert len(ended) >= 3
    assert len(future) >= 3
    assert all(r.ends_on is None or r.ends_on >= r.starts_on for r in plan.roles)


def test_nobody_holds_the_same_role_on_the_same_unit_twice_at_once():
    plan = plan_demo(today=TODAY)
    held: dict[tuple[str, str, str], list[tuple[dt.date, dt.date]]] = {}
    for r in plan.roles:
        span = (r.starts_on, r.ends_on or dt.date.max)
        for start, end in held.get((r.username, r.unit_code, r.role), []):
            assert span[1] < start or end < span[0]
        held.setdefault((r.username, r.unit_code, r.role), []).append(span)


def test_every_team_and_ward_has_a_leader_and_a_member():
    plan = plan_demo(today=TODAY)
    teams = {u.code for u in plan.units if u.kind in ("team", "ward")}
    assert teams <= {r.unit_code for r in plan.roles if r.role == "team_leader"}
    assert teams <= {r.unit_code for r in plan.roles if r.role == "team_member"}


def test_the_demo_logins_are_one_per_role_around_one_ward():
    assert [login.role for login in DEMO_LOGINS] == list(Role.values)
    where = {login.role: login.unit_code for login in DEMO_LOGINS}
    assert where["team_leader"] == where["team_member"] == where["service_user"] == DEMO_WARD
    assert where["clinician"] == DEMO_SERVICE
    plan = plan_demo(size=SMALL, today=TODAY)
    parents = {u.code: u.parent_code for u in plan.units}
    assert parents[DEMO_WARD] == DEMO_SERVICE
    assert parents[DEMO_SERVICE] == where["senior_leader"]
    assert where["administrator"] == "BOARD"
    in_force = [r for r in plan.roles if r.starts_on <= TODAY and r.ends_on is None]
    current = {(r.username, r.unit_code, r.role) for r in in_force}
    assert all((login.username, login.unit_code, login.role) in current for login in DEMO_LOGINS)


def test_the_demo_passwords_pass_the_projects_password_rules():
    User = get_user_model()
    for login in DEMO_LOGINS:
        person = User(username=login.username, full_name=login.full_name, email=f"{login.username}@x.example")
        validate_password(login.password, person)
