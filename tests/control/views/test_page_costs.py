"""The pages the load journeys open cost the same number of queries however many rows they show
(measured with N rows and 2N), and the measure page's kept chart is drawn again when what it is
drawn from changes (issue 17, ADR 36)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from openqms.access import services as access
from openqms.control.services.huddles import IssueInput, record_huddle
from openqms.control.services.measures import add_annotation, archive_annotation
from openqms.organisations import services as organisations
from openqms.people import services as people
from tests.control import factories
from tests.control import huddle_helpers as hh
from tests.control import pages_helpers as h
from tests.page_queries import queries_of_page


def _values(n: int) -> list[float]:
    # Common-cause variation only, at any length: no signal to offer responses to on one of them.
    return [10.0 + (i % 2) for i in range(n)]


def test_a_measure_pages_queries_do_not_grow_with_its_annotations_and_data(signed_in, trust):
    client = signed_in("tess_team_leader")
    m = factories.measure(trust.ward_a, name="Falls")
    url = reverse("control:measure", args=[m.pk])
    counts = []
    for n in (30, 60):  # more than a page of data (24 periods) both times
        h.monthly_values(m, _values(n))
        # Ten annotations a round, after the data: the page's history (its latest ten entries) then
        # names the same kinds of thing both times.
        for i in range(len(counts) * 10, n // 3):
            add_annotation(
                actor=None, measure=m, on=factories.month(dt.date(2023, 1, 1), i), kind="event", label=f"N{i}"
            )
        counts.append(queries_of_page(client, url))
    assert m.observations.count() == 60
    assert m.annotations.count() == 20
    assert counts[0] == counts[1]


def test_a_team_boards_queries_do_not_grow_with_its_measures(signed_in, trust):
    client = signed_in("tess_team_leader")
    url = reverse("control:unit-board", args=[trust.ward_a.pk])
    counts = []
    for n in (4, 8):
        while trust.ward_a.measures.count() < n:
            factories.measure(trust.ward_a, _values(14), name=f"Measure {trust.ward_a.measures.count()}")
        counts.append(queries_of_page(client, url))
    assert counts[0] == counts[1]


def test_a_team_boards_queries_do_not_grow_with_its_proposals_actions_and_attendees(signed_in, trust):
    client = signed_in("tess_team_leader")
    url = reverse("control:unit-board", args=[trust.ward_a.pk])
    team = [trust.people["mo_member"], trust.people["tess_team_leader"]]
    counts = []
    made = 0
    # More proposals than the board lists (5) both times; fewer open actions than it lists (8), then more.
    for n in (6, 12):
        while made < n:
            factories.measure(trust.ward_a, hh.CONCERN, name=f"Concern {made}")
            made += 1
        record_huddle(
            actor=team[0],
            unit=trust.ward_a,
            held_on=timezone.localdate(),
            attendees=team[: n // 6],
            issues=[
                IssueInput(description=f"Issue {i}", owner=team[0], due_on=hh.tomorrow()) for i in range(6)
            ],
        )
        counts.append(queries_of_page(client, url))
    html = client.get(url).content.decode()
    assert counts[0] == counts[1]
    assert "12 signals on the measures may need escalating" in html
    assert "2 people attended" in html
    assert "4 more open actions" in html


def test_the_measure_pages_links_to_remove_a_period_are_the_routes_own(signed_in, trust):
    # The data table writes them from the data URL (one reverse for the page, not one a row).
    client = signed_in("tess_team_leader")
    m = factories.measure(trust.ward_a, _values(3), name="Falls")
    html = client.get(reverse("control:measure", args=[m.pk])).content.decode()
    for observation in m.observations.all():
        assert f'href="{reverse("control:measure-data-remove", args=[m.pk, observation.pk])}"' in html


def test_my_qms_queries_do_not_grow_with_the_roles_and_measures_it_lists(signed_in, trust):
    client = signed_in("tess_team_leader")
    counts = []
    made = 0
    for n in (3, 6):
        while made < n:
            newcomer = people.create_person(
                actor=None,
                username=f"newcomer{made}",
                full_name=f"Newcomer {made}",
                password="x-Quality-2026",
            )
            access.grant_role(
                actor=None,
                person=newcomer,
                unit=trust.ward_a,
                role="team_member",
                starts_on=dt.date(2024, 1, 1),
            )
            factories.measure(trust.ward_a, [10.0] * 12 + [30.0] * 8, name=f"Rising {made}")
            made += 1
        counts.append(queries_of_page(client, reverse("my-qms")))
    assert counts[0] == counts[1]


def test_a_unit_pages_queries_do_not_grow_with_its_sub_units(signed_in, trust):
    client = signed_in("colin_clinician")
    counts = []
    made = 0
    for n in (3, 6):
        while made < n:
            organisations.create_unit(
                actor=None, organisation=trust.org, parent=trust.elderly_care, name=f"Ward {made}",
                kind="ward", code=f"W{made}",
            )  # fmt: skip
            made += 1
        counts.append(queries_of_page(client, reverse("unit", args=[trust.elderly_care.pk])))
    assert counts[0] == counts[1]


@pytest.fixture
def falls(trust):
    m = h.measure(trust.ward_a, name="Falls", default_target=12)
    h.monthly_values(m, h.RISING)
    return m


def _chart(client: Any, m: Any) -> str:
    html = client.get(reverse("control:measure", args=[m.pk])).content.decode()
    return html[html.index('<figure class="control-chart">') : html.index("</figure>")]


def test_the_kept_chart_is_drawn_again_for_a_new_or_archived_annotation(signed_in, falls):
    client = signed_in("mo_member")
    assert "Bed rails changed" not in _chart(client, falls)
    note = add_annotation(
        actor=None, measure=falls, on=dt.date(2023, 6, 1), kind="event", label="Bed rails changed"
    )
    assert "Bed rails changed" in _chart(client, falls)
    archive_annotation(actor=None, annotation=note)
    assert "Bed rails changed" not in _chart(client, falls)


def test_the_kept_chart_is_drawn_again_when_new_data_recompute_the_snapshot(signed_in, falls):
    client = signed_in("mo_member")
    before = _chart(client, falls)
    h.monthly_values(falls, [55.5], start=dt.date(2024, 4, 1))
    after = _chart(client, falls)
    assert after != before
    assert "55.5" in after


def test_the_kept_chart_follows_a_renamed_measure(signed_in, falls):
    client = signed_in("mo_member")
    assert "Falls, Ward A" in _chart(client, falls)
    falls.definition.name = "Inpatient falls"
    falls.definition.save()
    assert "Inpatient falls, Ward A" in _chart(client, falls)
