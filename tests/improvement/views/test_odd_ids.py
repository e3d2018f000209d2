"""Odd ids and JSON answer 400 or 404 or are ignored, never 500 (issue 17, finding 8)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from openqms.improvement.services.tools import save_tool
from tests.improvement import helpers as h

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["escalation", "measure", "unit"])
def test_the_new_project_page_ignores_a_unicode_digit_id(trust, signed_in, name):
    response = signed_in("mo_member").get(reverse("improvement:project-new") + f"?{name}=²")
    assert response.status_code in (200, 404)


def test_posting_a_unicode_digit_source_measure_is_not_a_server_error(trust, signed_in):
    response = signed_in("mo_member").post(reverse("improvement:project-new"), {"source_measure": "²"})
    assert response.status_code in (200, 404)


def test_a_new_cycle_ignores_a_unicode_digit_after(trust, signed_in):
    project = h.project(trust)
    idea = h.idea(project)
    url = reverse("improvement:cycle-new", args=[project.pk, idea.pk]) + "?after=²"
    assert signed_in("mo_member").get(url).status_code == 200


def test_a_process_map_nested_5000_deep_is_refused_with_a_message(trust, signed_in):
    tool = save_tool(
        actor=None, project=h.project(trust), kind="process_map", title="Referral", source="Start: A"
    )
    url = reverse("improvement:process-map-save", args=[tool.project_id, tool.pk])
    body = '{"shapes": ' + "[" * 5000 + "]" * 5000 + "}"
    response = signed_in("mo_member").post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert "nests more than" in json.loads(response.content)["errors"][0]
