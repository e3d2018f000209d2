"""openqms report: a unit's report as a PDF or HTML file; a clear error and a non-zero exit on an
unknown unit or period."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from openqms.cli import main
from tests.reporting import helpers as h


def test_it_writes_the_html_of_a_draft_drawn_now(trust, tmp_path):
    h.falls(trust)
    target = tmp_path / "ward-a.html"
    call_command("report", "WA", period=h.this_month().code, html=str(target))
    text = target.read_text()
    assert "Integrated quality report: Ward A" in text
    assert "Falls" in text


def test_a_published_report_is_written_as_it_was_frozen(trust, tmp_path):
    report = h.report(trust, published=True)
    target = tmp_path / "ward-a.html"
    call_command("report", "wa", organisation="NHT", period=h.this_month().code, html=str(target))
    assert report.frozen_html in target.read_text()


def test_it_writes_a_pdf(trust, tmp_path):
    target = tmp_path / "ward-a.pdf"
    call_command("report", "WA", period=h.this_month().code, pdf=str(target))
    assert target.read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize(
    ("code", "options", "said"),
    [
        ("NOPE", {"period": "2026-11"}, "No unit has the code 'NOPE'."),
        (
            "WA",
            {"period": "2026-11", "organisation": "RCT"},
            "No unit has the code 'WA' in organisation RCT.",
        ),
        ("WA", {"period": "2026-13"}, "“2026-13” is not a month: write it as YYYY-MM, for example 2026-11."),
        ("WA", {"period": "2999-01"}, "January 2999 has not started yet, so there is nothing to report."),
    ],
)
def test_an_unknown_unit_or_period_is_a_clear_error(trust, tmp_path, code, options, said):
    with pytest.raises(CommandError) as refused:
        call_command("report", code, html=str(tmp_path / "x.html"), **options)
    assert str(refused.value) == said
    assert not (tmp_path / "x.html").exists()


def test_the_command_exits_non_zero(trust, tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["openqms", "report", "NOPE", "--period", "2026-11", "--html", str(tmp_path / "x.html")])
    assert exited.value.code == 1
    assert "No unit has the code 'NOPE'." in capsys.readouterr().err
