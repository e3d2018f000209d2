"""The maturity framework file: the one OpenQMS ships loads, and every problem in another names its
line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openqms.evaluation import framework as frameworks
from openqms.evaluation.evidence_catalogue import EVIDENCE
from openqms.evaluation.framework import FrameworkError, parse


def _good() -> dict:
    return json.loads(frameworks.DEFAULT_FILE.read_text(encoding="utf-8"))


def _problems(data: dict | str) -> list[str]:
    text = data if isinstance(data, str) else json.dumps(data, indent=2)
    with pytest.raises(FrameworkError) as exc:
        parse(text)
    return exc.value.problems


def test_the_shipped_framework_covers_every_part_of_a_qms_with_a_five_level_scale():
    f = frameworks.load(frameworks.DEFAULT_FILE)
    assert [t.code for t in f.themes] == [
        "planning", "control", "assurance", "improvement",
        "connection", "leadership", "data", "service_users",
    ]  # fmt: skip
    assert [lv.label for lv in f.scale] == ["Not yet", "Ad hoc", "Developing", "Established", "Embedded"]
    assert all(t.statements for t in f.themes)
    assert {k for s in f.statements for k in s.evidence} == set(EVIDENCE)


def test_it_says_where_the_json_is_broken():
    assert _problems('{\n  "format": "openqms-maturity/1",\n  "code": \n}') == [
        "line 4, column 1: this is not valid JSON (Expecting value)"
    ]


def test_it_names_the_line_and_field_of_each_problem_and_reports_them_all():
    data = _good()
    data["themes"][1]["statements"][0]["evidence"] = ["huddles_held", "coffee_drunk"]
    data["themes"][2]["title"] = ""
    data["themes"][3]["statements"][1]["code"] = data["themes"][3]["statements"][0]["code"]
    text = json.dumps(data, indent=2)
    problems = _problems(text)
    assert len(problems) == 3
    evidence, title, duplicate = problems
    assert evidence.endswith(
        'themes[1].statements[0].evidence[1]: "coffee_drunk" is not evidence OpenQMS holds; use one of '
        + ", ".join(sorted(EVIDENCE))
    )
    assert "themes[2].title: is missing; write it as text" in title
    assert "themes[3].statements[1].code: “IM1” is used by another statement" in duplicate


def test_the_line_given_is_the_line_the_object_starts_on():
    data = _good()
    data["themes"][0]["statements"][1]["text"] = 42
    text = json.dumps(data, indent=2)
    (problem,) = _problems(text)
    line = int(problem.split(",")[0].removeprefix("line "))
    assert text.splitlines()[line - 1].strip() == "{"
    assert '"code": "PL2"' in text.splitlines()[line]
    assert problem.endswith("themes[0].statements[1].text: must be text in quotes, not 42")


def test_the_scale_must_run_from_one_without_gaps():
    data = _good()
    data["scale"][2]["level"] = 7
    (problem,) = _problems(data)
    assert (
        problem == "line 1, scale: levels must run 1, 2, 3… in order without gaps; they are [1, 2, 7, 4, 5]"
    )


def test_it_checks_the_format_and_the_parts_every_framework_needs():
    problems = _problems({"format": "v2", "themes": "many"})
    assert problems == [
        'line 1, format: must be "openqms-maturity/1", not "v2"',
        "line 1, code: is missing; write it as text",
        "line 1, version: is missing; write it as text",
        "line 1, title: is missing; write it as text",
        "line 1, scale: must be a list with at least one entry, in [ ]",
        "line 1, themes: must be a list with at least one entry, in [ ]",
    ]
    assert _problems("[1, 2]") == ["line 1: the file must hold one JSON object, in { }"]


def test_the_setting_names_the_organisations_own_file(settings, tmp_path: Path):
    data = _good()
    data["title"], data["version"] = "Our own framework", "1"
    own = tmp_path / "ours.json"
    own.write_text(json.dumps(data), encoding="utf-8")
    settings.OPENQMS_MATURITY_FRAMEWORK = str(own)
    assert frameworks.current().title == "Our own framework"


def test_the_check_command_lists_the_problems_and_exits_non_zero(tmp_path: Path):
    from django.core.management import CommandError, call_command

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "openqms-maturity/1"}', encoding="utf-8")
    with pytest.raises(CommandError, match="line 1, code: is missing"):
        call_command("check_maturity_framework", str(bad))
