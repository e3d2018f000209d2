"""The service model pages: a consultant proposes a model and builds its pathway, team and
specification; a service user reads it as a diagram and comments; a leader decides."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from openqms.planning.models import ServiceModel
from tests.control import pages_helpers as control
from tests.planning import needs_helpers as h

pytestmark = pytest.mark.django_db
MODEL = {
    "title": "Falls prevention",
    "population": "Adults over 65 on Ward A",
    "what": "Risk assessment and a falls response",
    "where": "Ward A",
    "who": "Nurses and physiotherapists",
}


def test_a_consultant_proposes_and_builds_a_model_that_a_service_user_comments_on(signed_in, trust):
    definition = control.definition(trust.ward_a, name="Falls per 1,000 bed days")
    client = signed_in("colin_clinician")
    new = reverse("planning:service-model-new", args=[trust.ward_a.pk])
    response = client.post(new, {"title": "Falls prevention"})
    assert response.status_code == 400
    page = unescape(response.content.decode())
    assert "Enter the population the service serves" in page
    assert "Enter who delivers the service" in page
    client.post(new, MODEL)
    model = ServiceModel.objects.get()
    add = reverse("planning:service-model-add", args=[model.pk, "step"])
    client.post(add, {"title": "Assessment within 6 hours", "measures": [definition.pk]})
    client.post(add, {"title": "Falls response <b>now</b>"})
    client.post(
        reverse("planning:service-model-add", args=[model.pk, "role"]),
        {"title": "Falls specialist nurse", "seed_role": "clinician", "how_many": "2"},
    )
    response = client.post(
        reverse("planning:service-model-add", args=[model.pk, "requirement"]),
        {"measure": definition.pk, "comparison": "at_most", "threshold": "many"},
    )
    assert "Threshold value must be a number, like 12 or 3.5" in response.content.decode()
    client.post(
        reverse("planning:service-model-add", args=[model.pk, "requirement"]),
        {"measure": definition.pk, "comparison": "at_most", "threshold": "5"},
    )

    sue = signed_in("sue_service_user")
    page = sue.get(reverse("planning:service-model", args=[model.pk])).content.decode()
    assert '<svg class="openqms-service-model"' in page
    assert "Falls response &lt;b&gt;now&lt;/b&gt;" in page
    assert "<b>now</b>" not in page
    assert "Falls per 1,000 bed days: at most 5" in page
    assert "Falls specialist nurse" in page
    assert "Add a step" not in page
    assert "Record the decision" not in page
    sue.post(
        reverse("planning:service-model-comment", args=[model.pk]), {"text": "Please include the night shift"}
    )
    assert (
        "Please include the night shift"
        in sue.get(reverse("planning:service-model", args=[model.pk])).content.decode()
    )


def test_a_leader_decides_with_a_rationale_and_the_needs_behind_it(signed_in, trust):
    model = h.service_model(trust)
    need = h.need(trust, title="Fewer falls at night")
    client = signed_in("tess_team_leader")
    decide = reverse("planning:service-model-decide", args=[model.pk])
    response = client.post(decide, {"change_kind": "changed", "rationale": ""})
    page = unescape(response.content.decode())
    assert response.status_code == 400
    assert "Say why: the rationale is part of the planning decision" in page
    response = client.post(decide, {"change_kind": "changed", "rationale": "Audit"})
    assert "Ward A has no service model in use to change or stop" in unescape(response.content.decode())
    client.post(decide, {"change_kind": "new", "rationale": "The falls audit", "needs": [need.pk]})
    model.refresh_from_db()
    assert model.status == "current"
    page = client.get(reverse("planning:service-model", args=[model.pk])).content.decode()
    assert "The falls audit" in page
    assert "Fewer falls at night" in page
    # Colin proposes the change as a new version.
    response = signed_in("colin_clinician").post(reverse("planning:service-model-version", args=[model.pk]))
    draft = ServiceModel.objects.get(version=2)
    assert response["Location"] == reverse("planning:service-model", args=[draft.pk])
    listing = signed_in("colin_clinician").get(reverse("planning:service-models", args=[trust.ward_a.pk]))
    assert "In use" in listing.content.decode()
    assert "Proposed" in listing.content.decode()
