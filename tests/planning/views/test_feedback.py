"""The feedback pages: the public QR-code form (no sign-in, limited, validated, telling nothing
about the unit but its name), the printable poster, a card typed in by staff, and an item's page."""

from __future__ import annotations

from html import unescape

import pytest
from django.core.cache import cache
from django.urls import reverse

from openqms.planning.models import Feedback
from openqms.planning.services import feedback as services
from tests.planning import needs_helpers as h

pytestmark = pytest.mark.django_db
GIVEN = {"kind": "compliment", "text": "The night staff were kind", "given_by": "carer"}


@pytest.fixture
def token(trust):
    cache.clear()
    return services.open_feedback_point(actor=trust.people["tess_team_leader"], unit=trust.ward_a).token


def test_anyone_gives_feedback_through_the_qr_link_and_sees_only_the_units_name(client, trust, token):
    url = reverse("planning:feedback-give", args=[token])
    page = client.get(url).content.decode()
    assert "Ward A" in page
    for private in ("Elderly Care", "Medicine", "Northshire", "Tess"):
        assert private not in page
    response = client.post(url, GIVEN | {"may_quote": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("planning:feedback-thanks", args=[token])
    f = Feedback.objects.get()
    assert (f.unit, f.channel, f.submitted_by, f.may_quote, f.given_by) == (
        trust.ward_a,
        "qr",
        None,
        True,
        "carer",
    )
    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you" in thanks
    assert "Elderly Care" not in thanks


def test_the_public_form_names_each_mistake_and_saves_nothing(client, token):
    url = reverse("planning:feedback-give", args=[token])
    page = unescape(client.post(url, {"text": ""}).content.decode())
    for message in (
        "Choose whether it is a compliment, a concern or an idea",
        "Tell us what you want to say",
        "Choose who is giving the feedback",
    ):
        assert message in page
    response = client.post(url, GIVEN | {"text": "x" * 2001})
    assert "Your feedback must be 2000 characters or fewer" in response.content.decode()
    # A robot fills in the box people cannot see.
    response = client.post(url, GIVEN | {"website": "http://spam.example"})
    assert response.status_code == 400
    assert "Leave this box empty" in response.content.decode()
    assert not Feedback.objects.exists()


def test_the_public_form_takes_a_few_an_hour_from_one_place(client, token):
    url = reverse("planning:feedback-give", args=[token])
    statuses = [client.post(url, GIVEN).status_code for _ in range(11)]
    assert statuses == [302] * 10 + [429]
    assert "please try again later" in client.post(url, GIVEN).content.decode()
    assert Feedback.objects.count() == 10


def test_a_withdrawn_or_unknown_link_answers_404(client, trust, token):
    services.open_feedback_point(actor=None, unit=trust.ward_a)
    assert client.get(reverse("planning:feedback-give", args=[token])).status_code == 404
    assert client.get(reverse("planning:feedback-give", args=["nonsense"])).status_code == 404
    assert client.post(reverse("planning:feedback-give", args=[token]), GIVEN).status_code == 404


def test_the_poster_draws_the_qr_code_of_the_link(signed_in, trust):
    client = signed_in("mo_member")
    url = reverse("planning:feedback-qr", args=[trust.ward_a.pk])
    assert "has no feedback link yet" in client.get(url).content.decode()
    client.post(url)
    page = client.get(url).content.decode()
    assert '<svg width="' in page
    assert 'class="openqms-qr"' in page
    assert "/planning/feedback/give/" in page
    assert "style=" not in page.split('class="openqms-qr"')[1].split("</svg>")[0]


def test_staff_type_in_a_card_with_its_date_and_the_form_names_mistakes(signed_in, trust):
    client = signed_in("mo_member")
    url = reverse("planning:feedback-new", args=[trust.ward_a.pk])
    response = client.post(
        url, {"kind": "idea", "text": "Radio", "given_by": "service_user", "channel": "card"}
    )
    assert response.status_code == 400
    assert "Enter the date it was given" in unescape(response.content.decode())
    card = {"received_on_day": "31", "received_on_month": "2", "received_on_year": "2026"}
    response = client.post(
        url, {"kind": "idea", "text": "Radio", "given_by": "service_user", "channel": "card"} | card
    )
    assert "Date it was given must be a real date" in response.content.decode()
    card["received_on_day"] = "3"
    response = client.post(
        url, {"kind": "idea", "text": "Radio", "given_by": "service_user", "channel": "card"} | card
    )
    f = Feedback.objects.get()
    assert response["Location"] == reverse("planning:feedback-item", args=[f.pk])
    assert (f.channel, f.received_on.isoformat(), f.submitted_by) == (
        "card",
        "2026-02-03",
        trust.people["mo_member"],
    )


def test_a_service_user_gives_feedback_signed_in(signed_in, trust):
    client = signed_in("sue_service_user")
    url = reverse("planning:feedback-new", args=[trust.ward_a.pk])
    page = client.get(url).content.decode()
    assert "How did it come?" not in page
    response = client.post(url, {"kind": "concern", "text": "Noisy at night", "given_by": "service_user"})
    assert response.status_code == 302
    f = Feedback.objects.get()
    assert (f.channel, f.submitted_by) == ("form", trust.people["sue_service_user"])
    # She cannot read the unit's feedback, her own included: the team answers it.
    assert client.get(reverse("planning:feedback-item", args=[f.pk])).status_code == 404


def test_the_team_answers_and_turns_feedback_into_a_need_an_action_and_a_project(signed_in, trust):
    from tests.improvement import helpers as improvement

    f = h.feedback(trust)
    project = improvement.project(trust, "ward_a", title="Visiting for all")
    client = signed_in("tess_team_leader")
    item = reverse("planning:feedback-item", args=[f.pk])
    assert client.post(item, {"response": ""}).status_code == 400
    client.post(item, {"response": "Visiting times are now on the door"})
    response = client.post(reverse("planning:feedback-need", args=[f.pk]), {"title": "", "who_affected": ""})
    assert response.status_code == 400
    assert "Enter what is needed" in response.content.decode()
    client.post(
        reverse("planning:feedback-need", args=[f.pk]),
        {"title": "Visiting times", "who_affected": "Visitors"},
    )
    due = {"due_on_day": "1", "due_on_month": "6", "due_on_year": "2030"}
    client.post(reverse("planning:feedback-action", args=[f.pk]), {"title": "Print a sign"} | due)
    client.post(reverse("planning:feedback-project", args=[f.pk]), {"project": project.pk})
    page = client.get(item).content.decode()
    for text in (
        "Visiting times are now on the door",
        "Need on the register",
        "Print a sign",
        "Visiting for all",
    ):
        assert text in page
    # The form to make a need is gone once there is one.
    assert reverse("planning:feedback-need", args=[f.pk]) not in page
    listing = client.get(reverse("planning:feedback", args=[trust.ward_a.pk])).content.decode()
    assert "Need: Visiting times" in listing
