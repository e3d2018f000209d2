"""Cursor pagination: items in id order, and an opaque cursor for the page after.

A cursor is the last id seen, encoded; clients pass it back as `cursor` and must not build one.
Unlike page numbers, a cursor does not skip or repeat rows when rows are added while a client reads.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from ninja import Schema
from pydantic import Field, create_model

M = TypeVar("M", bound=models.Model)
MAX_LIMIT = 500
DEFAULT_LIMIT = 100


class PageQuery(Schema):
    cursor: str | None = Field(
        None, description="The `next_cursor` of the page before; omit for the first page"
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page")


def encode(pk: int) -> str:
    return base64.urlsafe_b64encode(f"v1:{pk}".encode()).decode().rstrip("=")


def decode(cursor: str | None) -> int | None:
    if not cursor:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        version, pk = text.split(":", 1)
        if version != "v1":
            raise ValueError(version)
        return int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise ValidationError(
            {"cursor": "Not a cursor this API gave: pass back a page's next_cursor"}
        ) from exc


def page(
    queryset: models.QuerySet[M], query: PageQuery, item: Callable[[M], Any] = lambda obj: obj
) -> dict[str, Any]:
    after = decode(query.cursor)
    found = queryset.order_by("pk")
    if after is not None:
        found = found.filter(pk__gt=after)
    rows = list(found[: query.limit + 1])
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    return {"items": [item(r) for r in rows], "next_cursor": encode(rows[-1].pk) if more and rows else None}


_pages: dict[type, type[Schema]] = {}


def page_of(schema: type[Schema]) -> type[Schema]:
    """The response schema of a list of `schema` (one class per item schema, named after it)."""
    if schema not in _pages:
        name = schema.__name__.removesuffix("Out") + "Page"
        items: Any = list[schema]  # type: ignore[valid-type]
        _pages[schema] = create_model(
            name, __base__=Schema, items=(items, ...), next_cursor=(str | None, None)
        )
    return _pages[schema]
