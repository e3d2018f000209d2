"""Reads about the demo organisation."""

from __future__ import annotations

from openqms.demo.catalogue import ORGANISATION_CODE
from openqms.organisations.models import Organisation


def demo_organisation() -> Organisation | None:
    """The demo trust if this database holds it, found by its (fictional) organisation code."""
    return Organisation.objects.filter(code=ORGANISATION_CODE).first()
