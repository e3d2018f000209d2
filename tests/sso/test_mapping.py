"""The role mapping file: what it accepts, what it refuses, and which rules apply to which claims."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from openqms.sso import mapping
from openqms.sso.mapping import MappingError, parse

WARD = {"organisation": "NHT", "unit": "WA"}


def test_a_value_rule_applies_to_a_claim_that_is_that_text_or_a_list_holding_it() -> None:
    rules = parse({"rules": [{"claim": "groups", "value": "nurses", "role": "team_member", **WARD}]})

    assert rules.roles_for({"groups": ["doctors", "nurses"]}) == {
        ("NHT", "WA", "team_member"): "groups = nurses"
    }
    assert rules.roles_for({"groups": "nurses"}) == {("NHT", "WA", "team_member"): "groups = nurses"}
    assert rules.roles_for({"groups": ["Nurses"]}) == {}
    assert rules.roles_for({}) == {}


def test_a_match_rule_applies_to_an_object_in_the_claim_with_all_those_fields() -> None:
    # NHS CIS2 sends its role assignments as objects: the role code and the organisation must match.
    rule = {
        "claim": "nhsid_nrbac_roles",
        "match": {"org_code": "RXX", "role_code": "S8000:G8000:R8000"},
        "role": "clinician",
        **WARD,
    }
    rules = parse({"rules": [rule]})

    other_trust = {"org_code": "RYY", "role_code": "S8000:G8000:R8000"}
    assert rules.roles_for({"nhsid_nrbac_roles": [other_trust]}) == {}
    found = rules.roles_for({"nhsid_nrbac_roles": [other_trust, {**other_trust, "org_code": "RXX"}]})
    assert list(found.values()) == ["nhsid_nrbac_roles has org_code=RXX, role_code=S8000:G8000:R8000"]


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ([], "one key, 'rules'"),
        ({"rules": [], "extra": 1}, "one key, 'rules'"),
        ({"rules": ["groups"]}, "rule 1: a rule must be an object"),
        ({"rules": [{"claim": "groups", "value": "x", "role": "boss", **WARD}]}, "'boss' is not a role"),
        ({"rules": [{"claim": "groups", "role": "team_member", **WARD}]}, "either 'value' or 'match'"),
        (
            {"rules": [{"claim": "groups", "value": "x", "role": "team_member", "unit": "WA"}]},
            "'organisation'",
        ),
        (
            {"rules": [{"claim": "groups", "value": "x", "role": "team_member", "units": "WA", **WARD}]},
            "units",
        ),
        (
            {"rules": [{"claim": "groups", "match": {"a": 1}, "role": "team_member", **WARD}]},
            "object of texts",
        ),
    ],
)
def test_a_mistake_in_the_file_is_named(document: Any, problem: str) -> None:
    with pytest.raises(MappingError, match=problem):
        parse(document)


def test_one_group_cannot_make_its_members_both_administrators_and_clinicians() -> None:
    document = {
        "rules": [
            {"claim": "groups", "value": "qms-team", "role": "administrator", **WARD},
            {
                "claim": "groups",
                "value": "qms-team",
                "role": "team_member",
                "organisation": "NHT",
                "unit": "WB",
            },
        ]
    }

    with pytest.raises(MappingError, match="administrators have no clinical powers"):
        parse(document)


def test_administrators_and_clinicians_may_come_from_separate_groups() -> None:
    document = {
        "rules": [
            {"claim": "groups", "value": "qms-admins", "role": "administrator", **WARD},
            {"claim": "groups", "value": "ward-a", "role": "team_member", **WARD},
        ]
    }

    assert len(parse(document).rules) == 2


def test_no_file_named_gives_no_roles_and_a_broken_file_is_refused(settings: Any, tmp_path: Path) -> None:
    settings.OPENQMS_OIDC_ROLE_MAPPING = ""
    assert mapping.load().rules == ()
    broken = tmp_path / "mapping.json"
    broken.write_text('{"rules": [')
    settings.OPENQMS_OIDC_ROLE_MAPPING = str(broken)
    with pytest.raises(MappingError, match="is not JSON"):
        mapping.load()
    settings.OPENQMS_OIDC_ROLE_MAPPING = str(tmp_path / "missing.json")
    with pytest.raises(MappingError, match="cannot be read"):
        mapping.load()
    broken.write_text(json.dumps({"rules": []}))
    settings.OPENQMS_OIDC_ROLE_MAPPING = str(broken)
    assert mapping.load().rules == ()


def test_the_example_in_the_documentation_is_a_mapping_that_loads() -> None:
    import re

    text = (Path(__file__).resolve().parents[2] / "docs" / "sso.md").read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)```", text, re.DOTALL)
    assert example is not None

    rules = parse(json.loads(example.group(1)), "docs/sso.md").rules

    assert [rule.role for rule in rules] == ["team_member", "team_leader", "administrator", "clinician"]
