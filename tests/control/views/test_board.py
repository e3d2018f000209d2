"""The team board and the sub-tree summary: order, counts, links, scope and a constant query count."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from openqms.audit.selectors import history_of
from openqms.control.imports.checks import DataPoint
from openqms.control.models import SpcSnapshot
from openqms.control.presenters.measures import board_rank
from openqms.control.services.data import save_data
from openqms.control.services.measures import add_measure
from tests.control import huddle_helpers as hh
from tests.control import pages_helpers as h

FALLING = [10.0, 11, 9, 10, 12, 10, 9, 11, 10, 10, 11, 9, 10, 10, 0.5]


def _names_in_order(html: str) -> list[str]:
    return re.findall(r'class="control-board__title">([^<]+)<', html)


def test_the_team_board_puts_concerns_first_then_neutral_then_failing_targets(signed_in, trust):
    steady = h.measure(trust.ward_a, name="A steady measure")
    h.monthly_values(steady, h.STEADY)
    failing = h.measure(trust.ward_a, name="B failing target", default_target=2)
    h.monthly_values(failing, h.STEADY)
    neutral = h.measure(trust.ward_a, name="C neutral", direction="neither")
    h.monthly_values(neutral, h.RISING)
    concern = h.measure(trust.ward_a, name="D concern")
    h.monthly_values(concern, h.RISING)
    assert SpcSnapshot.objects.get(measure=concern).variation_icon == "concern_high"
    assert SpcSnapshot.objects.get(measure=failing).assurance_icon == "consistent_fail"

    html = signed_in("mo_member").get(reverse("control:unit-board", args=[trust.ward_a.pk])).content.decode()

    assert _names_in_order(html) == ["D concern", "C neutral", "B failing target", "A steady measure"]
    assert "1 with a concern" in html


def test_the_control_home_opens_the_current_units_board(signed_in, trust):
    h.monthly_values(h.measure(trust.ward_a, name="Falls on the ward"), h.STEADY)
    response = signed_in("mo_member").get(reverse("control:home"))
    assert "Ward A board" in response.content.decode()
    assert "Falls on the ward" in response.content.decode()


def test_the_board_has_the_huddle_slots(signed_in, trust):
    html = signed_in("mo_member").get(reverse("control:unit-board", args=[trust.ward_a.pk])).content.decode()
    assert 'id="slot-escalations"' in html
    assert 'id="slot-huddle"' in html
    assert 'id="slot-proposals"' not in html  # shown only when a measure proposes something


def test_the_team_and_summary_boards_show_the_escalations_their_measures_propose(signed_in, trust):
    proposal = hh.proposal(trust)
    for unit in (trust.ward_a, trust.board):
        html = signed_in("tess_team_leader" if unit == trust.ward_a else "sam_senior").get(
            reverse("control:unit-board", args=[unit.pk])
        ).content.decode()
        assert 'id="slot-proposals"' in html
        assert proposal.detail in html
        assert reverse("control:proposal-list", args=[unit.pk]) in html


def test_those_who_add_data_find_the_upload_page_and_templates_from_the_board(signed_in, trust):
    upload = reverse("control:data-upload", args=[trust.ward_a.pk])
    board = reverse("control:unit-board", args=[trust.ward_a.pk])
    html = signed_in("mo_member").get(board).content.decode()
    assert upload in html
    assert reverse("control:data-unit-template", args=[trust.ward_a.pk, "xlsx"]) in html
    # A service user may look at the board but adds no data: no link to a page that answers 404.
    assert upload not in signed_in("sue_service_user").get(board).content.decode()


def test_a_ward_member_does_not_see_another_wards_measures_on_its_board(signed_in, trust):
    h.monthly_values(h.measure(trust.ward_b, name="Ward B only"), h.STEADY)
    html = signed_in("mo_member").get(reverse("control:unit-board", args=[trust.ward_a.pk])).content.decode()
    assert "Ward B only" not in html


def test_a_service_user_sees_only_shared_measures_on_the_board(signed_in, trust):
    h.monthly_values(h.measure(trust.ward_a, name="Shared one", shared_with_service_users=True), h.STEADY)
    h.monthly_values(h.measure(trust.ward_a, name="Private one"), h.STEADY)
    html = (
        signed_in("sue_service_user")
        .get(reverse("control:unit-board", args=[trust.ward_a.pk]))
        .content.decode()
    )
    assert "Shared one" in html
    assert "Private one" not in html


def test_an_administrator_sees_the_board_but_no_quality_data(signed_in, trust):
    h.monthly_values(h.measure(trust.ward_a, name="Falls on the ward"), h.STEADY)
    html = signed_in("ada_admin").get(reverse("control:unit-board", args=[trust.ward_a.pk])).content.decode()
    assert "Falls on the ward" not in html
    html = signed_in("ada_admin").get(reverse("control:unit-board", args=[trust.board.pk])).content.decode()
    assert "0 measures reported" in html


def _cell(html: str, variation: str, assurance: str) -> str | None:
    found = re.search(rf'href="([^"]*variation={variation}&amp;assurance={assurance})"[^>]*>(\d+)<', html)
    return found.group(2) if found else None


def test_the_summary_table_counts_the_sub_trees_measures_per_icon_pair_and_links_to_them(signed_in, trust):
    for unit in (trust.ward_a, trust.ward_b):
        h.monthly_values(h.measure(unit, name=f"Concern {unit.code}"), h.RISING)
    h.monthly_values(h.measure(trust.theatres, name="Theatre steady", default_target=20), h.STEADY)
    h.measure(trust.ward_a, name="Not started")
    client = signed_in("sam_senior")

    html = client.get(reverse("control:unit-board", args=[trust.board.pk])).content.decode()

    assert _cell(html, "concern_high", "none") == "2"
    assert _cell(html, "common_cause", "consistent_pass") == "1"
    assert "4 measures reported" in html
    assert "1 with no data yet" in html
    link = (
        re.search(r'href="([^"]*variation=concern_high&amp;assurance=none)"', html)
        .group(1)
        .replace("&amp;", "&")
    )
    listed = client.get(link).content.decode()
    assert _names_in_order(listed) == ["Concern WA", "Concern WB"]


def test_the_summary_of_a_service_counts_only_its_sub_tree(signed_in, trust):
    h.monthly_values(h.measure(trust.ward_a, name="Ward falls"), h.RISING)
    h.monthly_values(h.measure(trust.theatres, name="Theatre falls"), h.RISING)
    html = (
        signed_in("sam_senior")
        .get(reverse("control:unit-board", args=[trust.elderly_care.pk]))
        .content.decode()
    )
    assert _cell(html, "concern_high", "none") == "1"
    assert "Ward falls" in html
    assert "Theatre falls" not in html


def test_the_summary_lists_the_measures_with_concerns(signed_in, trust):
    h.monthly_values(h.measure(trust.ward_a, name="Worrying"), h.RISING)
    h.monthly_values(h.measure(trust.ward_a, name="Fine"), h.STEADY)
    html = (
        signed_in("dana_division")
        .get(reverse("control:unit-board", args=[trust.medicine.pk]))
        .content.decode()
    )
    concerns = html.split("<h2>Concerns</h2>")[1]
    assert "Worrying" in concerns
    assert "Fine" not in concerns


def test_the_summary_of_a_person_counts_only_what_they_may_see(signed_in, trust):
    h.monthly_values(h.measure(trust.ward_a, name="Ward falls"), h.RISING)
    h.monthly_values(h.measure(trust.ward_b, name="Other falls"), h.RISING)
    from openqms.control.selectors import measures as selectors

    assert selectors.icon_counts(trust.people["mo_member"], trust.elderly_care) == {("concern_high", ""): 1}
    assert selectors.icon_counts(trust.people["colin_clinician"], trust.elderly_care) == {
        ("concern_high", ""): 2
    }
    assert selectors.icon_counts(trust.people["ada_admin"], trust.elderly_care) == {}


def test_an_unknown_icon_in_the_cell_link_lists_everything_rather_than_failing(signed_in, trust):
    response = signed_in("sam_senior").get(
        reverse("control:unit-measures", args=[trust.board.pk]) + "?variation=bogus&assurance=<x>"
    )
    assert response.status_code == 200


def _many_measures(trust, n: int) -> None:
    units = [trust.ward_a, trust.ward_b, trust.theatres]
    definitions = [h.definition(trust.board, name=f"Measure {i}") for i in range(n // len(units) + 1)]
    pairs = [(d, u) for d in definitions for u in units][:n]
    made = [add_measure(actor=None, definition=d, unit=u) for d, u in pairs]
    points = [
        DataPoint(measure_id=m.pk, period_start=day, value=float(v))
        for i, m in enumerate(made)
        for day, v in zip(h.months(15), (h.RISING if i % 3 == 0 else h.STEADY) + [10.0], strict=False)
    ]
    save_data(actor=None, points=points)


@pytest.mark.parametrize("n", [20, 200])
def test_the_board_level_summary_takes_the_same_few_queries_for_20_or_200_measures(
    signed_in, trust, django_assert_max_num_queries, n
):
    _many_measures(trust, n)
    client = signed_in("sam_senior")
    url = reverse("control:unit-board", args=[trust.board.pk])
    client.get(url)  # the session and the person's roles are read once
    with django_assert_max_num_queries(14):  # whatever n is: the count is what matters
        response = client.get(url)
    html = response.content.decode()
    assert f"{n} measures reported" in html, re.search(r"nhsuk-body-l\">[^<]*", html)


@pytest.mark.parametrize("n", [5, 30])
def test_the_team_board_takes_the_same_few_queries_for_5_or_30_measures(
    signed_in, trust, django_assert_max_num_queries, n
):
    definitions = [h.definition(trust.ward_a, name=f"Measure {i}") for i in range(n)]
    made = [add_measure(actor=None, definition=d, unit=trust.ward_a) for d in definitions]
    save_data(
        actor=None,
        points=[
            DataPoint(measure_id=m.pk, period_start=day, value=v)
            for m in made
            for day, v in zip(h.months(14), h.STEADY, strict=True)
        ],
    )
    client = signed_in("mo_member")
    url = reverse("control:unit-board", args=[trust.ward_a.pk])
    client.get(url)
    with django_assert_max_num_queries(12):
        client.get(url)


def test_board_rank_orders_concern_neutral_fail_then_the_rest():
    def snap(variation: str, assurance: str = "") -> SpcSnapshot:
        return SpcSnapshot(variation_icon=variation, assurance_icon=assurance)

    assert board_rank(snap("concern_low")) == 0
    assert board_rank(snap("neutral_high", "consistent_fail")) == 1
    assert board_rank(snap("common_cause", "consistent_fail")) == 2
    assert board_rank(snap("improvement_high", "consistent_pass")) == 3
    assert board_rank(None) == 4


def test_the_team_board_lists_open_actions_and_marks_one_done_in_the_trail(signed_in, trust):
    huddle = hh.huddle(trust, due_on=hh.tomorrow())
    issue = huddle.issues.get()
    client = signed_in("mo_member")
    board = reverse("control:unit-board", args=[trust.ward_a.pk])
    html = client.get(board).content.decode()
    assert 'id="slot-actions"' in html
    assert issue.description in html
    close = reverse("control:huddle-issue-close", args=[issue.pk])
    assert close in html

    response = client.post(close, {"outcome": "solved", "next": board})
    assert response.status_code == 302
    assert response.url == board
    issue.refresh_from_db()
    assert issue.outcome == "solved"
    assert issue.closed_at is not None
    # The state is the action's: its trail says it closed, and the tracker shows it closed too.
    assert history_of(issue.action).order_by("sequence").last().changes["status"] == ["open", "closed"]
    assert issue.action.closure_evidence == "Marked done on the board of Ward A."
    actions = client.get(board).content.decode().split('id="slot-actions"')[1].split("</section>")[0]
    assert issue.description not in actions


def test_an_action_escalated_from_the_board_starts_an_escalation_at_the_next_tier(signed_in, trust):
    issue = hh.huddle(trust).issues.get()
    close = reverse("control:huddle-issue-close", args=[issue.pk])
    signed_in("mo_member").post(close, {"outcome": "escalated"})
    issue.refresh_from_db()
    assert issue.outcome == "escalated"
    assert issue.escalation.current_unit == trust.ward_a.parent


def test_closing_an_action_needs_a_known_outcome_and_an_open_action(signed_in, trust):
    issue = hh.huddle(trust).issues.get()
    client = signed_in("mo_member")
    url = reverse("control:huddle-issue-close", args=[issue.pk])
    page = client.post(url, {"outcome": "deleted"}, follow=True).content.decode()
    assert "is done or to be escalated" in page
    issue.refresh_from_db()
    assert issue.outcome == "open"
    client.post(url, {"outcome": "solved"})
    page = client.post(url, {"outcome": "escalated"}, follow=True).content.decode()
    assert "was already solved" in page
    issue.refresh_from_db()
    assert issue.outcome == "solved"  # the second click changed nothing


def test_closing_an_action_never_follows_a_next_address_off_the_site(signed_in, trust):
    issue = hh.huddle(trust).issues.get()
    response = signed_in("mo_member").post(
        reverse("control:huddle-issue-close", args=[issue.pk]),
        {"outcome": "solved", "next": "https://evil.example/"},
    )
    assert response.url == reverse("control:unit-board", args=[trust.ward_a.pk])
