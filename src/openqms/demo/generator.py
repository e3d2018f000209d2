"""The demo trust as a plan: every unit, person and role, decided from a seed before anything is written.

Planning is pure (no database), so the same seed and day always give the same plan, and a test
can compare two plans without loading either. `services.load_demo` then writes the plan through
the ordinary services, so the demo reaches the audit trail like any other change.

Role dates are relative to the day of loading, not fixed, so that "ended" stays in the past and
"starts next month" stays in the future however long after its release the demo is loaded.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field
from typing import TypeVar

from openqms.demo import catalogue as c
from openqms.demo.logins import BOARD, DEMO_LOGINS, DEMO_WARD
from openqms.demo.names import NAME_GROUPS, WARD_NAMES

DEFAULT_SEED = 2026
T = TypeVar("T")
# Successors appointed to teams whose leader is leaving, on top of the people budget.
HANDOVERS = 2


@dataclass(frozen=True)
class Size:
    """How much of the catalogue to use; None takes all of it. Small sizes keep tests quick."""

    divisions: int | None = None
    services_per_division: int | None = None
    teams_per_service: int | None = None
    people: int = 300


FULL = Size()
SMALL = Size(divisions=2, services_per_division=2, teams_per_service=2, people=60)


@dataclass(frozen=True)
class PlannedUnit:
    code: str
    parent_code: str
    name: str
    kind: str


@dataclass(frozen=True)
class PlannedPerson:
    username: str
    full_name: str
    job_title: str
    email: str
    password: str | None = None


@dataclass(frozen=True)
class PlannedRole:
    username: str
    unit_code: str
    role: str
    starts_on: dt.date
    ends_on: dt.date | None = None


@dataclass(frozen=True)
class DemoPlan:
    organisation_name: str
    organisation_code: str
    board_name: str
    units: tuple[PlannedUnit, ...]
    people: tuple[PlannedPerson, ...]
    roles: tuple[PlannedRole, ...]


@dataclass
class _Team:
    code: str
    kind: str
    profile: str
    service_code: str
    division_code: str


@dataclass
class _Draft:
    """The plan while it is being made, with the random source every choice is drawn from."""

    rng: random.Random
    today: dt.date
    units: list[PlannedUnit] = field(default_factory=list)
    people: list[PlannedPerson] = field(default_factory=list)
    roles: list[PlannedRole] = field(default_factory=list)
    teams: list[_Team] = field(default_factory=list)
    used_names: set[str] = field(default_factory=set)
    used_usernames: set[str] = field(default_factory=set)

    def person(self, job_title: str) -> str:
        """A new person with a name nobody in the trust has yet; returns their username."""
        while True:
            first, last = self._name()
            if f"{first} {last}" not in self.used_names:
                break
        self.used_names.add(f"{first} {last}")
        base = f"{_slug(first)}.{_slug(last)}"
        username, n = base, 1
        while username in self.used_usernames:
            n += 1
            username = f"{base}{n}"
        self.used_usernames.add(username)
        email = f"{username}@{c.EMAIL_DOMAIN}"
        self.people.append(PlannedPerson(username, f"{first} {last}", job_title, email))
        return username

    def _name(self) -> tuple[str, str]:
        group = self.rng.choices(NAME_GROUPS, weights=[g.weight for g in NAME_GROUPS])[0]
        # Mostly within one heritage, but families and marriages mix names, so sometimes not.
        surnames = group.surnames if self.rng.random() < 0.85 else self.rng.choice(NAME_GROUPS).surnames
        return self.rng.choice(group.first_names), self.rng.choice(surnames)

    def role(self, username: str, unit_code: str, role: str, *, since: dt.date | None = None) -> None:
        # Current roles began between a month and eight years ago: a trust's staff come and go.
        starts_on = since or self.today - dt.timedelta(days=self.rng.randint(30, 2900))
        self.roles.append(PlannedRole(username, unit_code, role, starts_on))


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9-]", "", name.lower())


def _take(items: tuple[T, ...], limit: int | None) -> tuple[T, ...]:
    return items if limit is None else items[:limit]


def plan_demo(*, seed: int = DEFAULT_SEED, size: Size = FULL, today: dt.date) -> DemoPlan:
    draft = _Draft(rng=random.Random(seed), today=today)
    draft.used_names.update(login.full_name for login in DEMO_LOGINS)
    draft.used_usernames.update(login.username for login in DEMO_LOGINS)
    _plan_units(draft, size)
    _plan_leaders(draft)
    _plan_demo_logins(draft)
    _plan_team_staff(draft, size)
    _plan_changes_over_time(draft)
    return DemoPlan(
        organisation_name=c.ORGANISATION_NAME,
        organisation_code=c.ORGANISATION_CODE,
        board_name=c.BOARD_NAME,
        units=tuple(draft.units),
        people=tuple(draft.people),
        roles=tuple(draft.roles),
    )


def _plan_units(draft: _Draft, size: Size) -> None:
    ward_names = list(WARD_NAMES)
    draft.rng.shuffle(ward_names)
    ward_numbers = draft.rng.sample(range(1, 40), k=39)

    def team_name(template: str) -> str:
        name = template
        if "{ward}" in name:
            name = name.replace("{ward}", ward_names.pop())
        if "{n}" in name:
            name = name.replace("{n}", str(ward_numbers.pop()))
        return name.replace(" - ", " \N{EN DASH} ")

    def add_service(service: c.ServiceSpec, parent: str, division: str) -> None:
        draft.units.append(PlannedUnit(service.code, parent, service.name, "service"))
        for team in _take(service.teams, size.teams_per_service):
            draft.units.append(PlannedUnit(team.code, service.code, team_name(team.name), team.kind))
            # A specialist team within a ward-based service is not run like a ward.
            profile = "specialist" if service.profile == "ward" and team.kind == "team" else service.profile
            draft.teams.append(_Team(team.code, team.kind, profile, service.code, division))

    for division in _take(c.DIVISIONS, size.divisions):
        draft.units.append(PlannedUnit(division.code, BOARD, division.name, "division"))
        for service in _take(division.services, size.services_per_division):
            add_service(service, division.code, division.code)
        for directorate in division.directorates:
            draft.units.append(PlannedUnit(directorate.code, division.code, directorate.name, "directorate"))
            for service in _take(directorate.services, size.services_per_division):
                add_service(service, directorate.code, division.code)


def _services_in_plan(draft: _Draft) -> list[c.ServiceSpec]:
    planned = {unit.code for unit in draft.units}
    every = [
        service
        for division in c.DIVISIONS
        for service in (*division.services, *(s for d in division.directorates for s in d.services))
    ]
    return [service for service in every if service.code in planned]


def _plan_leaders(draft: _Draft) -> None:
    """The board, divisional and directorate teams, and each service's matron and consultants."""
    for title, role in c.BOARD_POSTS:
        draft.role(draft.person(title), BOARD, role)
    for unit in draft.units:
        posts = {"division": c.DIVISION_POSTS, "directorate": c.DIRECTORATE_POSTS}.get(unit.kind, ())
        for title, role in posts:
            draft.role(draft.person(title), unit.code, role)
    for service in _services_in_plan(draft):
        if service.has_matron:
            draft.role(draft.person("Matron"), service.code, "team_leader")
        lead = draft.person(f"Clinical Lead and {service.senior_clinician}")
        draft.role(lead, service.code, "clinician")
        if draft.rng.random() < 0.4:
            draft.role(draft.person(service.senior_clinician), service.code, "clinician")


def _plan_demo_logins(draft: _Draft) -> None:
    since = draft.today - dt.timedelta(days=400)
    for login in DEMO_LOGINS:
        email = f"{login.username}@{c.EMAIL_DOMAIN}"
        draft.people.append(
            PlannedPerson(login.username, login.full_name, login.job_title, email, login.password)
        )
        draft.roles.append(PlannedRole(login.username, login.unit_code, login.role, since))


def _plan_team_staff(draft: _Draft, size: Size) -> None:
    """A leader for every team and ward, service users on a few, and members for the rest of the budget."""
    rng = draft.rng
    previous_leader: dict[str, str] = {}
    for team in draft.teams:
        if team.code == DEMO_WARD:
            continue  # demo.teamleader leads it
        shared = previous_leader.get(team.service_code)
        # Some leaders run two neighbouring teams, as many band 7s do.
        if shared and rng.random() < 0.3:
            draft.role(shared, team.code, "team_leader")
            previous_leader.pop(team.service_code)
            continue
        titles = c.PROFILES[team.profile].leader_titles
        if team.profile == "specialist" or (team.kind == "team" and team.profile != "ward"):
            titles = ("Team Leader", *titles)
        leader = draft.person(rng.choice(titles))
        draft.role(leader, team.code, "team_leader")
        previous_leader[team.service_code] = leader

    with_service_users = [t for t in draft.teams if t.code != DEMO_WARD and rng.random() < 0.1]
    for team in with_service_users:
        title = c.MATERNITY_SERVICE_USER if team.profile == "maternity" else rng.choice(c.SERVICE_USER_TITLES)
        draft.role(draft.person(title), team.code, "service_user")

    budget = max(size.people - len(draft.people) - HANDOVERS, len(draft.teams))
    members: list[tuple[str, _Team]] = []
    for i in range(budget):
        # Every team first, then the rest where rotas are biggest: wards and busy departments.
        team = draft.teams[i] if i < len(draft.teams) else _busy_team(draft)
        username = draft.person(rng.choice(c.PROFILES[team.profile].member_titles))
        draft.role(username, team.code, "team_member")
        members.append((username, team))

    # Rotational and bank staff work across teams of one service; some consultants join a ward's team.
    for username, team in members:
        if rng.random() < 0.45:
            siblings = [t for t in draft.teams if t.service_code == team.service_code and t.code != team.code]
            if siblings:
                draft.role(username, rng.choice(siblings).code, "team_member")
    demo_usernames = {login.username for login in DEMO_LOGINS}
    clinicians = [r for r in draft.roles if r.role == "clinician" and r.username not in demo_usernames]
    for clinician in clinicians:
        wards = [t for t in draft.teams if t.service_code == clinician.unit_code and t.kind == "ward"]
        if wards and rng.random() < 0.4:
            draft.role(clinician.username, rng.choice(wards).code, "team_member")


def _busy_team(draft: _Draft) -> _Team:
    wards = [t for t in draft.teams if t.kind == "ward"]
    return draft.rng.choice(wards if wards and draft.rng.random() < 0.6 else draft.teams)


def _plan_changes_over_time(draft: _Draft) -> None:
    """A few roles that have ended and a few that have not begun, so the demo shows dates matter."""
    rng, today = draft.rng, draft.today
    demo_usernames = {login.username for login in DEMO_LOGINS}
    members = [r for r in draft.roles if r.role == "team_member" and r.username not in demo_usernames]
    first_roles: dict[str, PlannedRole] = {}
    for r in members:
        first_roles.setdefault(r.username, r)
    candidates = sorted(first_roles.values(), key=lambda r: r.username)
    rng.shuffle(candidates)
    movers, starters = candidates[:6], candidates[6:10]

    for current in movers:
        # Their earlier post, on another team, ended before the current one began.
        theirs = {r.unit_code for r in draft.roles if r.username == current.username}
        others = [t for t in draft.teams if t.code not in theirs]
        if not others:
            continue
        earlier = rng.choice(others)
        ends_on = min(current.starts_on, today) - dt.timedelta(days=rng.randint(1, 60))
        starts_on = ends_on - dt.timedelta(days=rng.randint(180, 1500))
        role = "team_leader" if rng.random() < 0.3 else "team_member"
        draft.roles.append(PlannedRole(current.username, earlier.code, role, starts_on, ends_on))

    for planned in starters:
        # New starters: every role of theirs begins in the coming weeks.
        starts_on = today + dt.timedelta(days=rng.randint(7, 60))
        draft.roles[:] = [
            PlannedRole(r.username, r.unit_code, r.role, starts_on) if r.username == planned.username else r
            for r in draft.roles
        ]

    # Two handovers: the leader leaves at the end of next month and a successor starts the day after.
    leaders = [r for r in draft.roles if r.role == "team_leader" and r.username not in demo_usernames]
    for outgoing in rng.sample(leaders, k=min(HANDOVERS, len(leaders))):
        handover = today + dt.timedelta(days=rng.randint(20, 50))
        index = draft.roles.index(outgoing)
        draft.roles[index] = PlannedRole(
            outgoing.username, outgoing.unit_code, "team_leader", outgoing.starts_on, handover
        )
        title = next(p.job_title for p in draft.people if p.username == outgoing.username)
        successor = draft.person(title)
        draft.role(successor, outgoing.unit_code, "team_leader", since=handover + dt.timedelta(days=1))
