"""Feedback, needs and service models in a real browser, each page checked with axe.

A carer scans the ward's QR code and gives feedback without signing in (a mistake first, then the
form names it); Sue, the ward's service user, raises a need and follows it; Tess scores it on the
register; Colin's service model shows its diagram, pathway and specification, and Sue comments.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from playwright.sync_api import Page, expect

from openqms.planning.models import Feedback, Need
from openqms.planning.services import feedback as feedback_services
from openqms.planning.services import service_models as model_services
from tests.control import pages_helpers as control
from tests.personas import Trust
from tests.planning import needs_helpers as h

from .helpers import axe_check, signed_in_as, watch_of


def test_a_carer_gives_feedback_through_the_qr_code_without_signing_in(
    new_page: Callable[..., Page], base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    cache.clear()
    point = feedback_services.open_feedback_point(actor=trust.people["tess_team_leader"], unit=trust.ward_a)
    page = new_page()
    watch_of(page).expect_status(400)  # the form with a mistake in it
    page.goto(f"{base_url}/planning/feedback/give/{point.token}/")
    expect(page.get_by_role("heading", name="Tell us about your care")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Send the feedback").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Tell us what you want to say")).to_be_visible()
    axe_check(page)
    page.get_by_label("A compliment").check()
    page.get_by_label("Your feedback").fill("The night staff were so kind to my mother.")
    page.get_by_label("I am a carer, relative or friend").check()
    page.get_by_label("You may quote my words, without my name").check()
    screenshot(page, "planning-feedback-public")
    page.get_by_role("button", name="Send the feedback").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    axe_check(page)
    f = Feedback.objects.get()
    assert (f.channel, f.may_quote, f.submitted_by) == ("qr", True, None)

    # The ward's team reads it and prints the poster.
    signed_in_as(page, base_url, trust.people["mo_member"])
    page.goto(f"{base_url}/planning/units/{trust.ward_a.pk}/feedback/")
    expect(page.get_by_role("link", name="The night staff were so kind to my mother.")).to_be_visible()
    axe_check(page)
    screenshot(page, "planning-feedback")
    page.get_by_role("link", name="Print the QR-code poster").click()
    expect(page.locator("svg.openqms-qr")).to_be_visible()
    axe_check(page)
    screenshot(page, "planning-feedback-poster")


def test_a_service_user_raises_a_need_that_the_team_scores_and_she_follows(
    new_page: Callable[..., Page], base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    page = new_page()
    watch_of(page).expect_status(400)  # the form with a mistake in it
    signed_in_as(page, base_url, trust.people["sue_service_user"])
    page.goto(f"{base_url}/planning/units/{trust.ward_a.pk}/needs/new/")
    axe_check(page)
    page.get_by_role("button", name="Raise the need").click()
    expect(page.get_by_role("link", name="Tell us what is needed")).to_be_visible()
    axe_check(page)
    page.get_by_label("What is needed").fill("A quiet room to talk with the doctors")
    page.get_by_label("Who is affected").fill("Families of people at the end of their life")
    page.get_by_role("button", name="Raise the need").click()
    expect(page.get_by_role("heading", name="A quiet room to talk with the doctors")).to_be_visible()
    axe_check(page)
    need = Need.objects.get()
    h.need(trust, title="Hourly checks at night")

    signed_in_as(page, base_url, trust.people["tess_team_leader"])
    page.goto(f"{base_url}/planning/needs/{need.pk}/")
    page.get_by_label("Impact", exact=True).select_option("3")
    page.get_by_label("Reach", exact=True).select_option("2")
    page.get_by_label("Status", exact=True).select_option("planned")
    page.get_by_role("button", name="Save the score and status").click()
    expect(page.get_by_text("Score and status saved.")).to_be_visible()
    axe_check(page)
    screenshot(page, "planning-need")
    page.goto(f"{base_url}/planning/needs/")
    expect(page.get_by_role("cell", name="6 (low)")).to_be_visible()
    axe_check(page)
    screenshot(page, "planning-needs-register")

    signed_in_as(page, base_url, trust.people["sue_service_user"])
    page.goto(f"{base_url}/planning/needs/")
    expect(page.get_by_text("Work to meet it is planned.")).to_be_visible()
    expect(page.get_by_text("Hourly checks at night")).to_have_count(0)
    axe_check(page)


def test_a_service_model_page_shows_its_diagram_pathway_and_specification(
    new_page: Callable[..., Page], base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    model = h.service_model(trust)
    definition = control.definition(trust.ward_a, name="Falls per 1,000 bed days")
    colin = trust.people["colin_clinician"]
    for title in (
        "Falls risk assessment within 6 hours",
        "Care plan for everyone at risk",
        "Hourly checks at night",
    ):
        model_services.add_step(actor=colin, model=model, title=title, measures=[definition])
    model_services.add_team_role(
        actor=colin, model=model, title="Falls link nurse", seed_role="team_member", how_many=2
    )
    model_services.add_requirement(
        actor=colin, model=model, measure=definition, comparison="at_most", threshold=6
    )
    page = new_page()
    signed_in_as(page, base_url, trust.people["sue_service_user"])
    page.goto(f"{base_url}/planning/service-models/{model.pk}/")
    expect(
        page.get_by_role("img", name="Diagram of the service model Falls prevention and response")
    ).to_be_visible()
    expect(page.get_by_text("Falls per 1,000 bed days: at most 6")).to_be_visible()
    axe_check(page)
    page.get_by_label("Your comment").fill("Please tell patients about the night checks.")
    page.get_by_role("button", name="Send the comment").click()
    expect(page.get_by_text("Please tell patients about the night checks.")).to_be_visible()
    axe_check(page)

    signed_in_as(page, base_url, trust.people["tess_team_leader"])
    page.goto(f"{base_url}/planning/service-models/{model.pk}/")
    page.get_by_label("A new service").check()
    page.get_by_label("Rationale").fill("The falls audit showed most falls happen at night.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("The planning decision is recorded.")).to_be_visible()
    expect(page.get_by_text("In use", exact=True)).to_be_visible()
    axe_check(page)
    screenshot(page, "planning-service-model")


def test_a_leader_publishes_you_said_we_did_for_the_public(
    new_page: Callable[..., Page], base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    import datetime as dt

    f = h.feedback(
        trust,
        kind="idea",
        text="A board with visiting times",
        received_on=dt.date(2026, 2, 3),
        may_quote=True,
    )
    feedback_services.answer_feedback(
        actor=trust.people["tess_team_leader"], feedback=f, response="The board is up"
    )
    page = new_page()
    signed_in_as(page, base_url, trust.people["tess_team_leader"])
    page.goto(
        f"{base_url}/planning/units/{trust.ward_a.pk}/you-said-we-did/?starts_on=2026-01-01&ends_on=2026-03-31"
    )
    expect(page.get_by_text("We answered: The board is up")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Publish for 1 Jan 2026 to 31 Mar 2026").click()
    expect(page.get_by_role("heading", name="You said, we did")).to_be_visible()
    address = page.url
    page.context.clear_cookies()
    page.goto(address)
    expect(page.get_by_text("“A board with visiting times”")).to_be_visible()
    axe_check(page)
    screenshot(page, "planning-you-said-we-did")
