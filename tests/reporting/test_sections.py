"""Other apps' sections (QMS balance, the maturity self-assessment, "you said, we did") come into
the report through the registry, in their named places, and are frozen with it."""

from __future__ import annotations

import pytest
from django.utils.html import format_html

from openqms.reporting import contents, sections
from tests.reporting import helpers as h


@pytest.fixture
def balance():
    sections.register("qms-balance", "QMS balance", lambda user, unit, period: format_html(
        "<p>{} in {}: plan once a year, control daily.</p>", unit.name, period.label))  # fmt: skip
    sections.register("elsewhere", "Elsewhere", lambda user, unit, period: "")
    yield
    sections.forget("qms-balance")
    sections.forget("elsewhere")


def test_a_registered_section_is_drawn_and_frozen_with_the_report(trust, balance):
    report = h.report(trust, published=True)
    data = contents.stored(report)
    assert [s["key"] for s in data["extra_sections"]] == ["qms-balance"]
    assert "Ward A in " in report.frozen_html
    assert 'id="section-qms-balance"' in report.frozen_html
    sections.forget("qms-balance")
    report.refresh_from_db()
    assert "Ward A in " in report.frozen_html
