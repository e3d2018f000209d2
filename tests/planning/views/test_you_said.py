""" "You said, we did": staff choose a period and see it; a leader publishes it; anyone reads the
published page, which names the unit and nothing else of the trust."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from openqms.planning.models import YouSaidWeDid
from tests.planning import needs_helpers as h

pytestmark = pytest.mark.django_db


def test_a_leader_publishes_a_period_that_anyone_can_read(signed_in, client, trust):
    h.feedback(
        trust, kind="compliment", text="Lovely garden", received_on=dt.date(2026, 2, 1), may_quote=True
    )
    staff = signed_in("mo_member")
    url = reverse("planning:you-said", args=[trust.ward_a.pk])
    page = staff.get(url, {"starts_on": "2026-01-01", "ends_on": "2026-03-31"}).content.decode()
    assert "“Lovely garden”" in page
    assert "Publish for" not in page
    response = staff.get(url, {"starts_on": "2026-04-01", "ends_on": "2026-01-01"})
    assert response.status_code == 400
    assert "The period must end on or after the day it starts" in response.content.decode()

    leader = signed_in("tess_team_leader")
    response = leader.post(url, {"starts_on": "2026-01-01", "ends_on": "2026-03-31"})
    published = YouSaidWeDid.objects.get()
    assert response["Location"] == reverse("planning:you-said-published", args=[published.pk])
    client.logout()
    page = client.get(response["Location"]).content.decode()
    assert "Lovely garden" in page
    assert "Ward A" in page
    assert "Elderly Care" not in page
    assert "Northshire" not in page
