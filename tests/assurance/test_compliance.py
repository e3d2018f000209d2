"""Compliance and gaps for a unit's sub-tree: the heat map, charts, overdue audits and gaps."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from openqms.assurance import compliance
from openqms.assurance.services.audits import complete_audit
from tests.assurance import helpers as h


def _completed(trust, template, unit, answers, when=None):
    run = h.run(trust, template, unit, started=True)
    h.answer_all(run, answers)
    return complete_audit(actor=None, run=run, completed_at=when)


def test_heat_map_rows_are_the_units_below_and_cells_say_their_band(trust):
    hand = h.standard(trust, code="HH-1")
    template = h.template(trust, hand)
    _completed(trust, template, "ward_a", [["yes", "yes"], ["yes", "no"]])  # 5 of 6 weighted: 83 %
    _completed(trust, template, "ward_b", [["no", "yes"], ["no", "no"]])  # 1 of 6: 17 %
    heat = compliance.heat_map(trust.people["sam_senior"], trust.elderly_care)
    assert [s.code for s in heat.standards] == ["HH-1"]
    rows = {unit.name: cells[0] for unit, cells in heat.rows}
    assert round(rows["Ward A"].score) == 83
    assert rows["Ward A"].band.words == "Meets"
    assert rows["Ward B"].band.words == "Does not meet"
    # At the division, Elderly Care's row is the mean of its wards' latest scores.
    division = compliance.heat_map(trust.people["sam_senior"], trust.medicine)
    assert [(u.name, round(c[0].score)) for u, c in division.rows] == [("Elderly Care", 50)]
    # The latest audit of a unit replaces its earlier one.
    _completed(trust, template, "ward_b", [["yes", "yes"], ["yes", "yes"]])
    rows = {u.name: c[0] for u, c in compliance.heat_map(trust.people["sam_senior"], trust.elderly_care).rows}
    assert rows["Ward B"].score == 100


def test_partly_meets_is_within_ten_points_of_the_threshold():
    assert compliance.band_of(79, 80).words == "Partly meets"
    assert compliance.band_of(70, 80).words == "Partly meets"
    assert compliance.band_of(69.9, 80).words == "Does not meet"
    assert compliance.band_of(None, 80).words == "No audit"


def test_gaps_are_requirements_with_no_standard_no_evidence_or_failing_evidence(trust):
    framework = h.framework(trust)
    s1, s2 = (framework.requirements.get(code=c) for c in ("S1", "S2"))
    hand = h.standard(trust, code="HH-1", requirements=[s2])
    h.standard(trust, code="LEARN-1", requirements=[s1])
    template = h.template(trust, hand)
    _completed(trust, template, "ward_a", [["no", "no"], ["no", "yes"]])
    gaps = {g.requirement.code: g for g in compliance.gaps(trust.people["mo_member"], trust.ward_a)}
    assert gaps["S1"].words == "No audit evidence"
    assert gaps["S2"].words == "Failing evidence"
    assert [s.code for s in gaps["S2"].standards] == ["HH-1"]
    assert gaps["S3"].words == "No standard meets it here"
    _completed(trust, template, "ward_a", [["yes", "yes"], ["yes", "yes"]])
    assert "S2" not in {g.requirement.code for g in compliance.gaps(trust.people["mo_member"], trust.ward_a)}


def test_overdue_and_missed_audits(trust):
    template = h.template(trust)
    today = dt.date.today()
    h.run(trust, template, due=today - dt.timedelta(days=3))
    h.run(trust, template, due=today - dt.timedelta(days=40))
    h.run(trust, template, due=today + dt.timedelta(days=3))
    found = compliance.overdue_audits(trust.people["mo_member"], trust.ward_a)
    assert [missed for _, missed in found] == [True, False]
    assert compliance.overdue_audits(trust.people["mo_member"], trust.ward_b) == []


def test_the_home_page_draws_an_accessible_heat_map_and_a_chart(trust, signed_in):
    hand = h.standard(trust, code="HH-1")
    template = h.template(trust, hand)
    _completed(trust, template, "ward_a", [["yes", "yes"], ["yes", "no"]])
    page = (
        signed_in("dana_division")
        .get(reverse("assurance:unit", args=[trust.elderly_care.pk]))
        .content.decode()
    )
    assert '<th scope="row"><a href="/assurance/units/' in page
    assert '83%</span><span class="assurance-heat__words">Meets</span>' in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert "Compliance with HH-1 Hand hygiene by month" in page
    # The placeholder is gone: /assurance/ is the current unit's assurance home.
    page = signed_in("mo_member").get(reverse("assurance:home")).content.decode()
    assert "Compliance by unit and standard" in page
    assert "Nothing has been recorded" not in page


def test_service_users_and_administrators_see_no_audit_results_on_the_home_page(trust, signed_in):
    _completed(trust, h.template(trust, h.standard(trust)), "ward_a", [["yes", "yes"], ["yes", "yes"]])
    for persona in ("sue_service_user", "ada_admin"):
        page = signed_in(persona).get(reverse("assurance:home")).content.decode()
        assert "Compliance by unit and standard" not in page
        assert "shared with staff only" in page


def test_a_service_user_sees_the_audits_shared_with_them_or_assigned_to_them(trust, signed_in):
    template = h.template(trust)
    h.run(trust, template, shared=True)
    h.run(
        trust,
        template,
        assignees=[trust.people["sue_service_user"]],
        due=dt.date.today() + dt.timedelta(days=20),
    )
    hidden = h.run(trust, template, due=dt.date.today() + dt.timedelta(days=30))
    page = signed_in("sue_service_user").get(reverse("assurance:home")).content.decode()
    assert "Audits shared with you" in page
    assert page.count("Hand hygiene audit, Ward A") == 2
    assert f"/assurance/audits/{hidden.pk}/" not in page


def test_a_gap_that_repeats_across_audits_is_proposed_for_an_improvement_project(trust, signed_in):
    hand = h.standard(trust, code="HH-1")
    template = h.template(trust, hand)
    _completed(trust, template, "ward_b", [["no", "no"], ["no", "yes"]])
    assert compliance.repeated_gaps(trust.people["sam_senior"], trust.board) == []
    _completed(trust, template, "ward_b", [["no", "yes"], ["yes", "no"]])
    _completed(trust, template, "ward_a", [["no", "no"], ["no", "no"]])
    repeated = compliance.repeated_gaps(trust.people["sam_senior"], trust.board)
    assert [(g.unit.name, g.standard.code, g.failures) for g in repeated] == [("Ward B", "HH-1", 2)]
    page = (
        signed_in("colin_clinician")
        .get(reverse("assurance:unit", args=[trust.elderly_care.pk]))
        .content.decode()
    )
    assert "failed in the last 2 audits" in page
    assert "Start an improvement project" in page
    # A pass ends the streak.
    _completed(trust, template, "ward_b", [["yes", "yes"], ["yes", "yes"]])
    assert compliance.repeated_gaps(trust.people["sam_senior"], trust.board) == []
    # Mo on Ward A sees none of Ward B's.
    assert compliance.repeated_gaps(trust.people["mo_member"], trust.elderly_care) == []


def test_the_framework_page_shows_each_requirement_s_compliance_in_the_current_unit(trust, signed_in):
    framework = h.framework(trust)
    hand = h.standard(trust, code="HH-1", requirements=[framework.requirements.get(code="S2")])
    _completed(trust, h.template(trust, hand), "ward_a", [["yes", "yes"], ["yes", "no"]])
    cells = compliance.requirement_compliance(trust.ward_a, framework)
    by_code = {r.code: cells[r.pk] for r in framework.requirements.all()}
    assert round(by_code["S2"].score) == 83
    assert by_code["S2"].band.words == "Meets"
    assert by_code["S1"].band.words == "No audit"
    page = signed_in("mo_member").get(reverse("assurance:framework", args=[framework.pk])).content.decode()
    assert "Compliance in Ward A" in page
    assert "<strong>83%</strong> Meets" in page


def _gap_queries(trust, requirements: int) -> int:
    from django.db import connection

    row = h._ROW.replace(",2026,", f",{requirements}-2026,", 1)  # a new version each time: the latest counts
    rows = "".join(f"{row}R{i},Requirement {i},Text {i}\n" for i in range(requirements))
    framework = h.framework(trust, h.CSV.split("\n", 1)[0] + "\n" + rows)
    for i, requirement in enumerate(framework.requirements.order_by("position")):
        h.standard(trust, code=f"N{requirements}-{i}", requirements=[requirement])
    seen: list[str] = []
    with connection.execute_wrapper(lambda execute, sql, *args: seen.append(sql) or execute(sql, *args)):
        found = compliance.gaps(trust.people["mo_member"], trust.ward_a)
    assert len(found) == requirements  # each has a standard and no audit evidence
    return len(seen)


def test_the_gaps_are_found_in_as_many_queries_whatever_the_number_of_requirements(trust):
    assert _gap_queries(trust, 4) == _gap_queries(trust, 8)


def test_the_gaps_are_found_in_as_many_queries_whatever_the_number_of_frameworks(trust):
    from django.db import connection

    def queries() -> int:
        seen: list[str] = []
        with connection.execute_wrapper(lambda execute, sql, *args: seen.append(sql) or execute(sql, *args)):
            compliance.gaps(trust.people["mo_member"], trust.ward_a)
        return len(seen)

    h.framework(trust)
    one = queries()
    for code in ("OTHER", "THIRD"):
        h.framework(trust, h.CSV.replace("SQS,Safe Quality Statements", f"{code},{code} statements"))
    assert len(compliance.gaps(trust.people["mo_member"], trust.ward_a)) == 9  # three of each
    assert queries() == one


def _failing_twice(trust, code: str) -> None:
    """A standard failed twice in a row on Ward A and passed on Ward B."""
    standard = h.standard(trust, code=code)
    template = h.template(trust, standard, code=code)
    for _ in range(2):
        _completed(trust, template, "ward_a", [["no", "no"], ["no", "yes"]])
    _completed(trust, template, "ward_b", [["yes", "yes"], ["yes", "yes"]])


def test_the_overview_reads_the_scores_once_and_draws_what_each_part_draws_alone(trust):
    framework = h.framework(trust)
    _failing_twice(trust, "HH-1")
    _failing_twice(trust, "HH-2")
    h.standard(trust, code="S2-MET", requirements=[framework.requirements.get(code="S2")])
    sam = trust.people["sam_senior"]
    found = compliance.overview(sam, trust.board)
    alone = compliance.heat_map(sam, trust.board)
    assert [s.code for s in found["heat"].standards] == [s.code for s in alone.standards] == ["HH-1", "HH-2"]
    assert found["heat"].rows == alone.rows
    gap = [(g.requirement.pk, g.kind, g.words, [s.pk for s in g.standards]) for g in found["gaps"]]
    assert gap == [
        (g.requirement.pk, g.kind, g.words, [s.pk for s in g.standards])
        for g in compliance.gaps(sam, trust.board)
    ]
    assert {g.kind for g in found["gaps"]} == {"no standard", "no evidence"}
    repeated = [(g.unit.name, g.standard.code, g.failures) for g in found["repeated"]]
    assert repeated == [
        (g.unit.name, g.standard.code, g.failures) for g in compliance.repeated_gaps(sam, trust.board)
    ]
    assert repeated == [("Ward A", "HH-1", 2), ("Ward A", "HH-2", 2)]
    charts = {s.standard.code: len(s.points) for s, _, _ in found["charts"]}
    assert charts == {"HH-1": 1, "HH-2": 1}  # this month's three audits of each standard


def test_the_overview_reads_the_completed_scores_in_one_query(trust):
    from django.db import connection

    _failing_twice(trust, "HH-1")
    seen: list[str] = []
    with connection.execute_wrapper(lambda execute, sql, *args: seen.append(sql) or execute(sql, *args)):
        compliance.overview(trust.people["sam_senior"], trust.board)
    assert sum(1 for sql in seen if 'FROM "assurance_standardscore"' in sql) == 1


def _home_queries(trust, client) -> int:
    from django.db import connection

    path = reverse("assurance:unit", args=[trust.board.pk])
    assert client.get(path).status_code == 200
    seen: list[str] = []
    with connection.execute_wrapper(lambda execute, sql, *args: seen.append(sql) or execute(sql, *args)):
        page = client.get(path).content.decode()
    assert "failed in the last 2 audits" in page
    return len(seen)


def test_the_assurance_home_is_read_in_as_many_queries_whatever_the_number_of_audits(trust, signed_in):
    h.framework(trust)
    client = signed_in("sam_senior")
    _failing_twice(trust, "HH-1")
    one = _home_queries(trust, client)
    for code in ("HH-2", "HH-3"):
        _failing_twice(trust, code)
    assert _home_queries(trust, client) == one
