"""UNCHANGED: the default of an update service's keyword arguments, meaning "leave this field as it is".

None cannot mean that: for a field that may be empty (an owner, a date, a target) None is a value
a caller sets. `update_definition(actor=..., measure_definition=d, name="Falls", default_target=None)`
changes those two fields and keeps the rest.
"""

from __future__ import annotations

import enum
from typing import Any, Final


class Unchanged(enum.Enum):
    # An enum of one member is the sentinel mypy understands: `value is not UNCHANGED` narrows
    # `str | Unchanged` to `str`.
    UNCHANGED = "unchanged"

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Final = Unchanged.UNCHANGED


def set_given(instance: Any, **values: Any) -> None:
    """Set on the instance each field the caller gave; those left UNCHANGED keep their value."""
    for name, value in values.items():
        if value is not UNCHANGED:
            setattr(instance, name, value)
