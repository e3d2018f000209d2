"""The tracker's pages are drawn in the section, and with the panels, that an app above gives."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from openqms.actions import pages
from openqms.actions.services import tracker as services


def test_assurance_frames_the_tracker_and_adds_the_evidence_of_an_action(trust, signed_in):
    item = services.raise_action(actor=None, unit=trust.ward_a, title="Fix the lock", due_on=dt.date.today())
    page = signed_in("mo_member").get(reverse("actions:action", args=[item.pk])).content.decode()
    assert pages.frame().page == "assurance"
    assert "assurance/assurance.css" in page
    assert 'id="evidence"' in page
    assert reverse("assurance:evidence-add", args=["action", item.pk]) in page
    listing = signed_in("mo_member").get(reverse("actions:actions", args=[trust.ward_a.pk])).content.decode()
    assert 'aria-label="Assurance"' in listing


def test_a_panel_added_again_is_drawn_once():
    before = pages.panels()
    for panel in before:
        pages.add_panel(panel)
    assert pages.panels() == before
