"""Control's sources: a huddle and an escalation link to their pages, for exactly the people who may
open those pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openqms.control import links
from openqms.control.models import Huddle
from openqms.links.registry import resolve
from tests.control import huddle_helpers as h

PEOPLE = ["mo_member", "tess_team_leader", "sam_senior", "sue_service_user", "ada_admin", "otto_other_admin",
          "nora_no_role"]  # fmt: skip
SEE_WARD_A = {"mo_member", "tess_team_leader", "sam_senior"}  # staff whose roles reach Ward A


@pytest.fixture
def sources(trust):
    huddle = h.huddle(trust)
    escalation = h.escalation(trust)
    return {
        links.huddle_source(huddle): reverse("control:huddle", args=[huddle.pk]),
        links.escalation_source(escalation): reverse("control:escalation", args=[escalation.pk]),
    }


@pytest.mark.parametrize("person", PEOPLE)
def test_the_link_is_given_to_whoever_may_open_the_page_and_hidden_from_everyone_else(
    trust, client, sources, person
):
    client.force_login(trust.people[person])
    for source, url in sources.items():
        link = resolve(trust.people[person], source)
        opens = client.get(url).status_code == 200
        assert opens == (person in SEE_WARD_A)
        assert (link.url if link else None) == (url if opens else None), (person, source)


def test_the_titles_are_the_words_the_actions_keep(trust, sources):
    titles = {s.kind: resolve(trust.people["sam_senior"], s).title for s in sources}
    huddle = Huddle.objects.get()
    assert titles == {
        "control.huddle": links.huddle_title(huddle.held_on),
        "control.escalation": "Escalation from Ward A",
    }
    assert huddle.issues.get().action.source_label == links.huddle_title(huddle.held_on)


def test_a_huddle_that_is_gone_gives_no_link(trust):
    assert resolve(trust.people["sam_senior"], links.huddle_source(Huddle(pk=999_999))) is None
