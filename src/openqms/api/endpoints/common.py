"""What the endpoints share: a page's or a service's refusal, by field, as the API's error items."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError

from openqms.api.errors import ProblemsError

# The largest id a database holds (a signed 64-bit integer). A filter on a foreign key's column
# (`owner_id=`) passes a larger number to the database driver, which cannot send it (SQLite raises
# OverflowError); lookups by primary key are checked by Django itself.
MAX_ID = 2**63 - 1

# A page's name for a field of the n-th row of a list, as "issues-3-owner": `index` 3, "issues.owner".
ROW_NAME = re.compile(r"^(\w+?)-(\d+)-(\w+)$")


def problems(errors: dict[str, str]) -> ProblemsError:
    """Messages keyed by a form's field ids ("id_held_on", "id_issues-0-owner") or a service's field
    names as the API's error items: the field named as the body names it, a row's place as `index`."""
    items: list[dict[str, Any]] = []
    for key, message in errors.items():
        name = key.removeprefix("id_")
        row = ROW_NAME.match(name)
        if row:
            items.append({"index": int(row[2]), "field": f"{row[1]}.{row[3]}", "message": message})
        else:
            items.append({"index": None, "field": None if name == "__all__" else name, "message": message})
    return ProblemsError(items)


def by_field(exc: ValidationError, otherwise: str) -> dict[str, str]:
    """A service's refusal by field; one that names no field is put on the field the request is about."""
    if hasattr(exc, "error_dict"):
        return {k: "; ".join(v) for k, v in exc.message_dict.items()}
    return {otherwise: "; ".join(exc.messages)}
