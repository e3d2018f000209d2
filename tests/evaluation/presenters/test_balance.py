"""Words and pictures of the QMS balance."""

from __future__ import annotations

from openqms.evaluation.presenters.balance import balance_section, verdict
from tests.evaluation import helpers


def test_each_component_is_judged_against_its_own_rhythm():
    assert verdict("planning", 1, 12) == "Intentional, as the rhythm asks"
    assert verdict("planning", 6, 12) == "Spread over 6 months"
    assert verdict("control", 12, 12) == "Continuous, as the rhythm asks"
    assert verdict("control", 8, 12) == "Paused in 4 months"
    assert verdict("assurance", 4, 12) == "Occasional, as the rhythm asks"
    assert verdict("assurance", 12, 12) == "Every month: check that it adds value"
    assert verdict("improvement", 5, 12) == "In bursts, as the rhythm asks"
    assert verdict("improvement", 12, 12) == "Continuous: projects overlap rather than come in bursts"
    assert verdict("assurance", 0, 12) == "No assurance activity recorded"


def test_the_section_for_the_report_has_rows_pictures_and_a_text_alternative(trust):
    helpers.quality_year(trust)
    section = balance_section(trust.people["dana_division"], trust.ward_a, until=helpers.UNTIL)
    assert section.period == "January 2025 to December 2025"
    control = next(r for r in section.rows if r.component == "control")
    assert (control.months_active, control.totals) == (12, "12 data points, 10 huddles")
    assert [c.unit.name for c in section.compared] == ["Ward A", "Ward B"]
    assert section.summary.startswith(
        "Planning: active in 0 of 12 months (no planning activity recorded); Control:"
    )
    assert "<title" in section.picture
    assert "style=" not in section.picture
    assert "Ward B, Control: 0 of 12 months" in section.compared_picture


def test_the_report_can_include_the_section_partial(trust):
    from django.template.loader import render_to_string

    helpers.quality_year(trust)
    section = balance_section(trust.people["sam_senior"], trust.board, until=helpers.UNTIL)
    html = render_to_string("evaluation/_balance_section.jinja", {"balance": section})
    assert "QMS balance, January 2025 to December 2025" in html
    assert "Northshire Hospitals Board beside its sub-units" in html
    assert "Medicine" in html
    assert "Surgery" in html
