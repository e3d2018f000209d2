"""The assurance home of a unit."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from openqms.actions.services import tracker as services

LATE = dt.date.today() - dt.timedelta(days=5)


def test_the_assurance_home_of_the_board_shows_a_ward_s_overdue_action(trust, signed_in):
    services.raise_action(actor=None, unit=trust.ward_a, title="Late on Ward A", due_on=LATE)
    page = signed_in("sam_senior").get(reverse("assurance:unit", args=[trust.board.pk])).content.decode()
    assert "Late on Ward A" in page
