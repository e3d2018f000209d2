"""The components' sections (QMS balance, the maturity self-assessment, "you said, we did") come
into the report in their named places, and are frozen with it."""

from __future__ import annotations

import pytest
from django.utils.html import format_html

from openqms.reporting import contents, sections
from tests.reporting import helpers as h


@pytest.fixture
def only_a_test_section():
    """The registry holding one section of the test's own, and then what it held before."""
    kept = dict(sections._SECTIONS)
    sections._SECTIONS.clear()
    sections.register("qms-balance", "QMS balance", lambda user, unit, period: format_html(
        "<p>{} in {}: plan once a year, control daily.</p>", unit.name, period.label))  # fmt: skip
    sections.register("elsewhere", "Elsewhere", lambda user, unit, period: "")
    yield
    sections._SECTIONS.clear()
    sections._SECTIONS.update(kept)


def test_a_registered_section_is_drawn_and_frozen_with_the_report(trust, only_a_test_section):
    report = h.report(trust, published=True)
    data = contents.stored(report)
    assert [s["key"] for s in data["extra_sections"]] == ["qms-balance"]
    assert "Ward A in " in report.frozen_html
    assert 'id="section-qms-balance"' in report.frozen_html
    sections.forget("qms-balance")
    report.refresh_from_db()
    assert "Ward A in " in report.frozen_html


def test_the_report_carries_the_qms_balance_and_you_said_we_did(trust):
    report = h.report(trust, published=True)
    keys = [s["key"] for s in contents.stored(report)["extra_sections"]]
    assert keys[:1] == ["qms-balance"]
    assert "you-said-we-did" in keys
    assert "QMS balance" in report.frozen_html
    assert "You said, we did" in report.frozen_html
