"""The NHS.UK frontend's components, each drawn once per process for each set of parameters.

A component's macro is imported without the page's context (`{% from … import input %}`), so what
it draws depends only on its parameters and the environment's constant globals: the same
parameters give the same HTML. The components nest (a date field is a fieldset of a hint and three
inputs, each a label; every level indents the level below it), and drawing them was half of a
measure page's CPU, for forms that are the same on every page of a kind. So the field macros of
`nhsuk/_forms.jinja` and the page's header and footer call them through `drawn`, which keeps the
HTML by the parameters' exact value. Parameters holding anything but text, markup, numbers,
booleans, None, Jinja's undefined, lists and dicts of those (a lazy translation, a date) are drawn
every time. Pass only the NHS.UK components' macros: they are told apart by their names.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Undefined
from markupsafe import Markup

# Enough for every field, header and footer the pages draw; when full it starts again (a few MB).
LIMIT = 4096
_drawn: dict[tuple[Any, ...], Any] = {}


class _Unkeyable(Exception):
    pass


def _key(value: Any) -> Any:
    # Type first, so that 1, 1.0, True and "1" (which a template may print differently) never meet.
    if isinstance(value, Markup):
        return ("markup", str(value))
    if isinstance(value, str):
        return value
    if value is None or isinstance(value, bool | int | float):
        return (type(value).__name__, value)
    if isinstance(value, Undefined):
        return ("undefined",)
    if isinstance(value, dict):
        # In order: a component may draw a dict's items (its attributes) in the order given.
        return ("dict", tuple((_key(k), _key(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(_key(v) for v in value))
    raise _Unkeyable


def drawn(macro: Any, params: Any) -> Any:
    """`macro(params)` (markup, in the pages' autoescaping environment), from the HTML kept for
    these parameters when there is some."""
    try:
        key = (macro.name, _key(params))
    except _Unkeyable:
        return macro(params)
    html = _drawn.get(key)
    if html is None:
        html = macro(params)
        if len(_drawn) >= LIMIT:
            _drawn.clear()
        _drawn[key] = html
    return html


def forget() -> None:
    """Draw everything afresh (for tests that compare drawn HTML with the components' own)."""
    _drawn.clear()
