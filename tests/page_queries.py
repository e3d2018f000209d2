"""How many queries a page takes: the one counter the page-cost tests share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection


def queries_of_page(client: Any, url: str, status: int = 200) -> int:
    """Queries one request makes (Django's own log is reset by each request, so they are counted)."""
    seen: list[str] = []

    def count(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        seen.append(sql)
        return execute(sql, *args)

    client.get(url)  # the first request of a session may differ (the session's first write)
    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == status
    return len(seen)
