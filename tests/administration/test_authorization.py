"""Every administration page, for every persona: 200 (or 405) for the administrator in scope, else 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openqms.administration.urls import urlpatterns
from tests.personas import PERSONAS

from .authorization import EXPECTATIONS


# One trust per page rather than per persona and page: building the trust is most of a test's time.
@pytest.mark.parametrize("url_name", sorted(EXPECTATIONS))
def test_each_persona_gets_the_expected_answer_on_each_page(client, trust, url_name):
    kwargs_of, expected = EXPECTATIONS[url_name]
    url = reverse(url_name, kwargs=kwargs_of(trust))
    answers = {}
    for username in PERSONAS:
        client.force_login(trust.people[username])
        answers[username] = client.get(url).status_code
    assert answers == expected


def test_every_administration_url_has_expectations():
    assert {f"administration:{p.name}" for p in urlpatterns} == set(EXPECTATIONS)


def test_every_persona_has_an_expectation_for_every_url():
    for _, expected in EXPECTATIONS.values():
        assert set(expected) == set(PERSONAS)


def test_someone_not_signed_in_is_sent_to_sign_in(client, trust):
    response = client.get(reverse("administration:unit", args=[trust.medicine.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
