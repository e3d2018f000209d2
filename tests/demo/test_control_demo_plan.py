"""The demo's control data as planned, before anything is written: reproducible, current and
shaped like a trust's measures."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from openqms.demo import control_catalogue as cc
from openqms.demo.control_data import plan_control_demo
from openqms.demo.control_huddles import HUDDLE_DAYS, huddle_wards
from openqms.demo.control_plan import MONTHS, WEEKS
from openqms.demo.generator import FULL, SMALL, plan_demo
from openqms.demo.logins import DEMO_WARD

# Any day will do: the plan is relative to the day it is given, so tests never depend on the date.
TODAY = dt.date.today()


def _demo(seed: int = 2026, today: dt.date = TODAY, size=FULL):
    return plan_control_demo(plan=plan_demo(seed=seed, size=size, today=today), seed=seed, today=today)


def test_the_same_seed_on_the_same_day_gives_the_same_data_and_huddles():
    one, two = _demo(), _demo()
    assert one.control == two.control
    assert one.huddles == two.huddles
    other = _demo(seed=7)
    assert [s.numerators for s in other.control.series] != [s.numerators for s in one.control.series]


def test_every_team_and_ward_reports_measures_and_each_definition_has_an_owner():
    demo = _demo()
    teams = {u.code for u in demo.plan.units if u.kind in ("team", "ward")}
    reporting = Counter(s.unit_code for s in demo.control.series)
    assert teams <= set(reporting)
    wards = [u.code for u in demo.plan.units if u.kind == "ward"]
    assert all(reporting[w] >= 8 for w in wards)
    assert reporting["BOARD"] >= 3  # trust-wide infections and never events
    assert len(demo.control.definitions) >= 25
    assert all(owner for _code, owner in demo.control.definitions)
    ed = {s.unit_code for s in demo.control.series if s.definition == "ED-4H"}
    assert ed
    assert all(code.startswith("ED-") for code in ed)


def test_about_three_years_of_data_end_at_the_last_complete_period_before_today():
    for today in (TODAY, dt.date(2027, 3, 1), dt.date(2025, 1, 6)):
        demo = _demo(today=today, size=SMALL)
        this_week = today - dt.timedelta(days=today.weekday())
        for s in demo.control.series:
            spec = next(m for m in cc.MEASURES if m.code == s.definition)
            if spec.frequency == "weekly":
                assert len(s.periods) == WEEKS
                assert s.periods[-1] == this_week - dt.timedelta(weeks=1)
            elif spec.frequency == "monthly":
                assert len(s.periods) == MONTHS
                assert s.periods[-1] < today.replace(day=1) <= s.periods[-1] + dt.timedelta(days=31)
            else:
                assert s.periods
                assert s.periods[-1] < today
            assert list(s.periods) == sorted(set(s.periods))


def test_ratios_have_numerators_and_denominators_and_bed_days_look_like_a_ward():
    demo = _demo()
    specs = {m.code: m for m in cc.MEASURES}
    for s in demo.control.series:
        if specs[s.definition].data_shape == "ratio":
            assert None not in s.numerators
            assert None not in s.denominators
            assert all(d is not None and d > 0 for d in s.denominators)
            if specs[s.definition].chart_type in ("p", "pp"):
                assert all(n <= d for n, d in zip(s.numerators, s.denominators, strict=True))
        else:
            assert None not in s.values
    falls = [s for s in demo.control.series if s.definition == "FALLS"]
    # A month of a 28-bed ward at 90-98% occupancy is about 800 bed days.
    assert all(200 <= d <= 1000 for s in falls for d in s.denominators)


def test_planted_signals_have_their_annotations_and_targets_change_once_at_least():
    demo = _demo()
    signals = Counter(s.signal for s in demo.control.series)
    assert signals["step"] >= 3
    assert signals["trend"] >= 3
    assert signals["shift"] >= 5
    demo_ward = {s.definition: s.signal for s in demo.control.series if s.unit_code == DEMO_WARD}
    assert demo_ward["FALLS"] == "step"
    assert demo_ward["RN-FILL-NIGHT"] == "shift"
    recalcs = [a for a in demo.control.annotations if a.kind == "recalculation"]
    assert recalcs
    assert all(a.reason for a in recalcs)
    assert {a.kind for a in demo.control.annotations} == {"event", "recalculation"}
    assert {t.definition for t in demo.control.targets} >= {"ED-4H", "SICKNESS"}
    bands = Counter(s.band for s in demo.control.series)
    assert bands["pass"]
    assert bands["fail"]
    assert bands["around"]


def test_huddles_are_in_the_last_four_weeks_on_a_few_wards_including_the_demo_ward():
    demo = _demo()
    wards = huddle_wards(demo.plan, TODAY)
    assert wards[0] == DEMO_WARD
    assert len(wards) == 5
    assert {h.unit_code for h in demo.huddles} == set(wards)
    assert all(TODAY - dt.timedelta(days=HUDDLE_DAYS) <= h.held_on < TODAY for h in demo.huddles)
    outcomes = Counter(i.outcome for h in demo.huddles for i in h.issues)
    assert outcomes["solved"]
    assert outcomes["open"]
    assert outcomes["escalated"] == 5
    open_issues = [i for h in demo.huddles for i in h.issues if i.outcome == "open"]
    assert all(i.owner and i.due_on for i in open_issues)
    assert any(i.due_on < TODAY for i in open_issues if i.due_on)  # some are overdue
    assert all(h.recorded_by in h.attendees for h in demo.huddles)
