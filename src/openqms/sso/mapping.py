"""The role mapping: which claims of the identity provider give which roles on which units.

A JSON file named by OPENQMS_OIDC_ROLE_MAPPING (format in docs/sso.md). It is read at every sign-in,
so a change to it applies from each person's next sign-in, and it is checked whole before use: a
file with a mistake refuses every sign-in with the mistake named, rather than quietly taking roles
away from everyone.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from openqms.access.models import Role

RULE_KEYS = {"claim", "value", "match", "organisation", "unit", "role"}
CLINICAL_ROLES = {Role.SENIOR_LEADER, Role.TEAM_LEADER, Role.CLINICIAN, Role.TEAM_MEMBER}


class MappingError(ValueError):
    """The mapping file cannot be used; the message names the file and the rule."""


@dataclass(frozen=True)
class Rule:
    claim: str
    value: str | None
    match: tuple[tuple[str, str], ...]
    organisation: str
    unit: str
    role: str

    @property
    def label(self) -> str:
        """How the trail and the security log name the rule."""
        if self.value is not None:
            return f"{self.claim} = {self.value}"
        return f"{self.claim} has " + ", ".join(f"{k}={v}" for k, v in self.match)

    def applies_to(self, claims: Mapping[str, Any]) -> bool:
        found = claims.get(self.claim)
        items = found if isinstance(found, list) else [found]
        if self.value is not None:
            return any(isinstance(item, str) and item == self.value for item in items)
        return any(
            isinstance(item, dict) and all(str(item.get(k, "")) == v for k, v in self.match) for item in items
        )


@dataclass(frozen=True)
class RoleMapping:
    rules: tuple[Rule, ...]

    @property
    def claims(self) -> set[str]:
        return {rule.claim for rule in self.rules}

    def roles_for(self, claims: Mapping[str, Any]) -> dict[tuple[str, str, str], str]:
        """(organisation code, unit code, role) → the label of the first rule that gives it."""
        given: dict[tuple[str, str, str], str] = {}
        for rule in self.rules:
            if rule.applies_to(claims):
                given.setdefault((rule.organisation, rule.unit, rule.role), rule.label)
        return given


def _text(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise MappingError(f"{where}: '{key}' must be a non-empty text")
    return value.strip()


def _rule(raw: Any, where: str) -> Rule:
    if not isinstance(raw, dict):
        raise MappingError(f"{where}: a rule must be an object")
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise MappingError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
    if ("value" in raw) == ("match" in raw):
        raise MappingError(f"{where}: give either 'value' or 'match'")
    match: tuple[tuple[str, str], ...] = ()
    if "match" in raw:
        found = raw["match"]
        if not isinstance(found, dict) or not found or not all(isinstance(v, str) for v in found.values()):
            raise MappingError(f"{where}: 'match' must be an object of texts")
        match = tuple(sorted((str(k), v) for k, v in found.items()))
    role = _text(raw, "role", where)
    if role not in Role.values:
        raise MappingError(f"{where}: '{role}' is not a role; choose one of {', '.join(Role.values)}")
    return Rule(
        claim=_text(raw, "claim", where),
        value=_text(raw, "value", where) if "value" in raw else None,
        match=match,
        organisation=_text(raw, "organisation", where),
        unit=_text(raw, "unit", where),
        role=role,
    )


def parse(document: Any, source: str = "the mapping") -> RoleMapping:
    if (
        not isinstance(document, dict)
        or set(document) != {"rules"}
        or not isinstance(document["rules"], list)
    ):
        raise MappingError(f"{source}: the file must be an object with one key, 'rules', a list")
    rules = tuple(_rule(raw, f"{source}, rule {n}") for n, raw in enumerate(document["rules"], start=1))
    # ADR 4: administrators have no clinical powers. One group (or claim value) that made its members
    # both would let whoever manages that group at the provider undo the separation in one step.
    by_condition: dict[tuple[str, str | None, tuple[tuple[str, str], ...]], set[str]] = {}
    for rule in rules:
        by_condition.setdefault((rule.claim, rule.value, rule.match), set()).add(rule.role)
    for (claim, value, match), roles in by_condition.items():
        if Role.ADMINISTRATOR in roles and roles & CLINICAL_ROLES:
            label = Rule(claim, value, match, "", "", "").label
            raise MappingError(
                f"{source}: '{label}' gives both the administrator role and a clinical role; "
                "administrators have no clinical powers (ADR 4), so give them from separate groups"
            )
    return RoleMapping(rules)


def load() -> RoleMapping:
    """The mapping named by OPENQMS_OIDC_ROLE_MAPPING; no file named: a mapping that gives no roles."""
    name = str(getattr(settings, "OPENQMS_OIDC_ROLE_MAPPING", "") or "")
    if not name:
        return RoleMapping(())
    path = Path(name)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise MappingError(f"the role mapping {path.name} cannot be read: {error.strerror}") from error
    except json.JSONDecodeError as error:
        raise MappingError(f"the role mapping {path.name} is not JSON (line {error.lineno})") from error
    return parse(document, path.name)
