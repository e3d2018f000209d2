"""A standard applies only to units in the person's scope (issue 17, finding 4)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openqms.assurance.models import Standard

pytestmark = pytest.mark.django_db


def _post(client, unit):
    return client.post(
        reverse("assurance:standard-new"),
        {"code": "ms-02", "owner_unit": unit.pk, "title": "Medicines storage", "domain": "Safe care",
         "statement": "Medicines are stored securely.", "status": "draft", "applies_to": [unit.pk]},
    )  # fmt: skip


def test_a_team_leader_cannot_make_a_standard_apply_to_another_divisions_ward(trust, signed_in):
    client = signed_in("tess_team_leader")
    page = client.get(reverse("assurance:standard-new")).content.decode()
    assert "Ward A" in page
    assert "Theatres" not in page
    response = _post(client, trust.theatres)
    assert response.status_code == 200
    assert not Standard.objects.exists()
    assert _post(client, trust.ward_a).status_code == 302
    assert list(Standard.objects.get().applies_to.all()) == [trust.ward_a]
