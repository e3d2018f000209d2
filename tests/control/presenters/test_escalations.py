"""The escalation page's summary rows and the offers' links, built with escaped HTML in Python so the
templates only place them."""

from __future__ import annotations

from django.urls import reverse

from openqms.control.presenters.escalations import escalation_rows, offer_links
from openqms.control.responses import Offer
from openqms.control.services.escalations import raise_escalation, resolve_escalation
from tests.control import huddle_helpers as hh
from tests.control import pages_helpers as control


def _values(rows):
    return {row["key"]["text"]: row["value"] for row in rows}


def test_an_escalation_from_a_huddle_links_its_huddle_and_its_measure_escaping_their_words(trust):
    huddle = hh.huddle(trust)
    issue = huddle.issues.get()
    measure = control.measure(trust.ward_a, name="Falls <b>& harm</b>")
    escalation = raise_escalation(
        actor=trust.people["tess_team_leader"], origin_unit=trust.ward_a, title="No hoist",
        description="", source_issue=issue, source_measure=measure,
    )  # fmt: skip
    values = _values(escalation_rows(escalation))
    assert list(values) == ["What", "Raised", "From", "Measure"]
    assert values["What"] == {"text": "No hoist"}
    assert values["Raised"]["text"].startswith("Tess Team-Leader, Ward A, ")
    day = huddle.held_on
    assert values["From"]["html"] == (
        f'<a href="{reverse("control:huddle", args=[huddle.pk])}">The huddle of {day.day} {day:%b %Y}</a>'
    )
    assert values["Measure"]["html"] == (
        f'<a href="{reverse("control:measure", args=[measure.pk])}">Falls &lt;b&gt;&amp; harm&lt;/b&gt;</a>'
    )


def test_a_resolved_escalation_says_how_and_when(trust):
    escalation = hh.escalation(trust)
    resolve_escalation(actor=trust.people["dana_division"], escalation=escalation, resolution="Hoist fixed")
    escalation.refresh_from_db()
    values = _values(escalation_rows(escalation))
    assert list(values) == ["What", "Raised", "Resolution"]
    assert values["Resolution"]["text"].startswith("Hoist fixed (")


def test_each_offer_is_a_link_with_its_words_and_address_escaped():
    links = offer_links([Offer("Start <work>", "/start/?a=1&b=2"), Offer("Audit", "/audit/")])
    assert links == ['<a href="/start/?a=1&amp;b=2">Start &lt;work&gt;</a>', '<a href="/audit/">Audit</a>']


def test_the_escalation_page_shows_the_measure_as_a_link_not_as_markup(trust, signed_in):
    measure = control.measure(trust.ward_a, name="Falls")
    escalation = raise_escalation(
        actor=trust.people["tess_team_leader"], origin_unit=trust.ward_a, title="No hoist",
        description="Needs a hoist", source_measure=measure,
    )  # fmt: skip
    page = signed_in("mo_member").get(reverse("control:escalation", args=[escalation.pk])).content.decode()
    assert f'<a href="{reverse("control:measure", args=[measure.pk])}">Falls</a>' in page
    assert "&lt;a href" not in page
