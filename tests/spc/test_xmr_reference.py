"""The XmR chart reproduces NHSRplotthedots 0.2.2 on every reference series and configuration."""

from __future__ import annotations

import math

import pytest

from openqms.spc import Rule, compute
from openqms.spc.jsonio import RULE_ORDER
from tests.spc.xmr_reference import RULE_OF_TYPE, Case, cases, number

RTOL = 1e-9


def same(mine: float | None, theirs: float | None) -> bool:
    if mine is None or theirs is None:
        return mine is None and theirs is None
    return abs(mine - theirs) <= RTOL * max(1.0, abs(mine), abs(theirs))


@pytest.mark.parametrize("case", cases(), ids=str)
def test_it_matches_nhsrplotthedots_point_by_point(case: Case) -> None:
    result = compute(case.series, case.options)
    assert len(result.points) == len(case.points)
    for p, e in zip(result.points, case.points, strict=True):
        where = f"point {e['idx']}"
        assert same(p.centre, number(e["mean_col"])), where
        assert same(p.lower, number(e["lpl"])), where
        assert same(p.upper, number(e["upl"])), where
        assert p.phase == int(e["rebase_group"]) - int(case.points[0]["rebase_group"]), where
        assert p.point_type.value == e["point_type"], where
        assert (Rule.OUTSIDE_LIMITS in p.rules) == (e["outside_limits"] == "TRUE"), where
        leading = next((r.value for r in RULE_ORDER if r in p.rules), None)
        assert leading == RULE_OF_TYPE.get(e["special_cause_type"]), where


@pytest.mark.parametrize("case", cases(), ids=str)
def test_it_gives_the_icons_and_warning_nhsrplotthedots_gives(case: Case) -> None:
    result = compute(case.series, case.options)
    last = case.summary[-1]
    assert result.variation_icon is not None
    assert result.variation_icon.value == last["variation_icon"]
    want = None if last["assurance_type"] in ("", "NA") else last["assurance_type"]
    assert (result.assurance_icon.value if result.assurance_icon else None) == want
    assert bool(result.warnings) == bool(last["warnings"])


@pytest.mark.parametrize("case", [c for c in cases() if c.options.rebase_at], ids=str)
def test_it_splits_rebased_series_into_the_same_phases(case: Case) -> None:
    result = compute(case.series, case.options)
    assert [ph.n for ph in result.phases] == [int(r["n"]) for r in case.summary]
    for ph, r in zip(result.phases, case.summary, strict=True):
        assert same(ph.centre, number(r["mean_col"]))
        assert not math.isnan(ph.centre or 0.0)
