"""Dates as every page writes them: "3 Mar 2027", and a moment with its local time."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

DAY = "%-d %b %Y"


def date_text(value: dt.date | dt.datetime | None, fmt: str = DAY) -> str:
    """A day in `fmt`; a moment (a datetime) in the local time zone, with its hour and minute."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime(fmt + " %H:%M")
    return value.strftime(fmt)
