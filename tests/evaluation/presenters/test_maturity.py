"""The maturity comparisons and the report's section."""

from __future__ import annotations

from django.template.loader import render_to_string

from openqms.evaluation import framework as frameworks
from openqms.evaluation.presenters.maturity import maturity_section, theme_means
from tests.evaluation import helpers


def test_a_themes_mean_is_over_its_rated_statements_only():
    f = frameworks.current()
    means = theme_means(f, {"CO1": 2, "CO2": 4, "PL1": 3})
    assert means["control"] == 3.0
    assert means["planning"] == 3.0
    assert means["assurance"] is None


def test_the_report_section_shows_the_years_with_a_chart_and_its_table(trust):
    helpers.assessment(trust, year=2024, rate=True)
    helpers.assessment(trust, year=2025)
    section = maturity_section(trust.people["dana_division"], trust.ward_a, frameworks.current())
    assert section.latest is not None
    assert (section.latest.year, section.latest.status) == (2025, "In progress")
    assert section.over_time is not None
    assert [r.label for r in section.over_time.rows] == ["2024"]
    html = render_to_string("evaluation/_maturity_section.jinja", {"maturity_section": section})
    assert "Mean level of each theme by year, Ward A" in html
    assert "style=" not in html


def test_the_report_section_of_a_unit_without_assessments_says_so(trust):
    section = maturity_section(trust.people["dana_division"], trust.ward_b, frameworks.current())
    html = render_to_string("evaluation/_maturity_section.jinja", {"maturity_section": section})
    assert "Ward B has no self-assessment yet." in html
