"""The NHS.UK components drawn once per set of parameters give what the components draw themselves."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import engines
from markupsafe import Markup

from openqms.nhsuk import drawn

COMPONENTS = """
{%- from "nhsuk/components/input/macro.jinja" import input -%}
{%- from "nhsuk/components/date-input/macro.jinja" import dateInput -%}
{%- from "nhsuk/components/header/macro.jinja" import header -%}
"""


def _render(source: str, **context: object) -> str:
    return engines["jinja2"].from_string(COMPONENTS + source).render(context)


@pytest.fixture(autouse=True)
def _afresh() -> None:
    drawn.forget()


PARAMS = [
    {"label": {"text": "Label"}, "id": "id_label", "name": "label", "value": "", "classes": ""},
    {"label": {"text": "Label"}, "id": "id_label", "name": "label", "value": "typed <b>"},
    {
        "label": {"text": "Label"},
        "id": "id_label",
        "name": "label",
        "errorMessage": {"text": "Enter a label"},
    },
    {"label": {"html": Markup("<em>Label</em>")}, "id": "x", "name": "x", "hint": {"text": "A hint"}},
]


@pytest.mark.parametrize("params", PARAMS)
def test_a_drawn_input_is_the_inputs_own_html_first_and_again(params: dict[str, object]) -> None:
    own = _render("{{ input(params) }}", params=params)
    assert _render("{{ drawn(input, params) }}", params=params) == own
    assert _render("{{ drawn(input, params) }}", params=params) == own  # from what was kept


def test_different_parameters_are_drawn_apart() -> None:
    pages = [_render("{{ drawn(input, params) }}", params=params) for params in PARAMS]
    assert len(set(pages)) == len(PARAMS)
    assert "typed &lt;b&gt;" in pages[1]
    assert "Enter a label" in pages[2]
    assert "Enter a label" not in pages[0]


def test_a_date_field_and_the_header_are_their_own_html() -> None:
    date = {
        "id": "id_on",
        "fieldset": {"legend": {"text": "Date", "size": "s"}},
        "items": [{"id": "id_on_day", "name": "on_day", "label": "Day", "value": "6", "width": 2}],
    }
    head = {
        "service": {"text": "OpenQMS", "href": "/"},
        "navigation": {"items": [{"href": "/", "text": "My QMS", "current": True}]},
    }
    for macro, params in (("dateInput", date), ("header", head)):
        own = _render(f"{{{{ {macro}(params) }}}}", params=params)
        assert _render(f"{{{{ drawn({macro}, params) }}}}", params=params) == own
        assert _render(f"{{{{ drawn({macro}, params) }}}}", params=params) == own


def test_values_a_template_prints_differently_are_kept_apart() -> None:
    keys = {drawn._key(v) for v in (1, 1.0, True, "1", Markup("1"), None, "", [1], (1,))}
    assert len(keys) == 9


def test_parameters_of_other_kinds_are_drawn_every_time() -> None:
    params = {"label": {"text": "When"}, "id": "when", "name": "when", "value": dt.date(2026, 1, 6)}
    assert _render("{{ drawn(input, params) }}", params=params) == _render(
        "{{ input(params) }}", params=params
    )
    assert not drawn._drawn


def test_the_kept_html_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(drawn, "LIMIT", 2)
    for n in range(5):
        _render("{{ drawn(input, params) }}", params={"id": f"f{n}", "name": f"f{n}"})
    assert 1 <= len(drawn._drawn) <= 2
