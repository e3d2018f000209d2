"""What every signed-in page, My QMS and a unit page cost in queries stays the same however many
rows they show (measured with N rows and 2N, issue 17), and the shortcuts taken for it give what
the longer way gave."""

from __future__ import annotations

import datetime as dt

from django.template import engines
from django.urls import reverse
from django.utils import timezone

from openqms.access import services as access
from openqms.actions.services import tracker as actions
from openqms.control.models import Observation, SpcSnapshot
from openqms.control.selectors.notifications import needs_attention
from openqms.evaluation.selectors import balance
from openqms.improvement.models import DriverNode
from openqms.organisations import services as organisations
from openqms.people import services as people
from openqms.shell import selectors
from tests.assurance import helpers as assurance
from tests.control import factories
from tests.control import huddle_helpers as hh
from tests.improvement import helpers as improvement
from tests.page_queries import queries_of_page


def _yesterday() -> dt.date:
    return timezone.localdate() - dt.timedelta(days=1)


def test_my_qms_queries_do_not_grow_with_what_its_panels_list(signed_in, trust):
    """Dana leads Medicine and sponsors its projects: every list of every panel has rows, each
    read with only the columns it shows (a column left out would cost a query a row)."""
    dana = trust.people["dana_division"]
    client = signed_in("dana_division")
    template = assurance.template(trust)
    counts = []
    made = 0
    for n in (2, 4):  # fewer than the five an assurance list shows, so neither side counts apart
        while made < n:
            project = improvement.project(trust, title=f"Project {made}")
            idea = improvement.idea(project, text=f"Idea {made}")
            DriverNode.objects.filter(pk=idea.pk).update(flagged_for_standard=True, standard_note="Adopt it")
            improvement.cycle(idea, title=f"Cycle {made}", ends_on=_yesterday() - dt.timedelta(days=made))
            hh.escalation(trust, title=f"Escalation {made}")
            proposal = hh.proposal(trust, "medicine")
            SpcSnapshot.objects.filter(measure=proposal.measure).update(
                concern_since=timezone.localdate() - dt.timedelta(days=3)
            )
            assurance.run(trust, template, assignees=[dana])
            actions.raise_action(
                actor=None, unit=trust.medicine, title=f"Mine {made}", due_on=_yesterday(), owner=dana
            )
            made += 1
        counts.append(queries_of_page(client, reverse("my-qms")))
        page = client.get(reverse("my-qms")).content.decode()
        for shown in (
            f"Escalations awaiting you ({n})",
            f"Proposed escalations for your teams ({n})",
            f"New concerns on measures ({n})",
            f"Audits assigned to you ({n})",
            f"Your actions ({n})",
            f"Overdue actions in the units you lead ({n})",  # her own, overdue on Medicine
        ):
            assert shown in page
        for i in range(n):
            assert f"Project {i}" in page
            assert f"Cycle {i}" in page
            assert f"Idea {i}" in page
    assert counts[0] == counts[1]


def test_my_qms_asks_nothing_of_the_panels_a_person_without_roles_has_no_part_in(signed_in, trust):
    # The session, the person, their roles, the audits assigned to them (anyone may be asked to
    # answer one) and their roles' table: nothing of what only a role opens.
    assert queries_of_page(signed_in("nora_no_role"), reverse("my-qms")) == 5


def test_my_qms_leaves_out_the_huddle_actions_it_lists_with_the_others(trust):
    huddle = hh.huddle(trust, description="Order new slings")
    from openqms.actions.models import Action

    Action.objects.filter(huddle_issue__huddle=huddle).update(due_on=_yesterday())
    mo = trust.people["mo_member"]
    assert [i.description for i in needs_attention(mo).overdue_issues.items] == ["Order new slings"]
    assert not needs_attention(mo, overdue_issues=False).overdue_issues


def test_every_pages_queries_do_not_grow_with_the_units_to_switch_to(signed_in, trust):
    """The header's switcher lists every unit in reach, from one query of five columns."""
    client = signed_in("sam_senior")
    url = reverse("unit", args=[999999])  # a page with nothing of its own: the fixed cost alone
    counts = []
    made = 0
    for n in (3, 6):
        while made < n:
            organisations.create_unit(
                actor=None, organisation=trust.org, parent=trust.ward_b, name=f"Bay {made}", kind="team",
                code=f"B{made}",
            )  # fmt: skip
            made += 1
        counts.append(queries_of_page(client, url, status=404))
    assert counts[0] == counts[1]
    html = client.get(reverse("my-qms")).content.decode()
    assert f'<option value="{trust.board.pk}" selected>Northshire Hospitals Board</option>' in html
    assert "\u2003" * 4 + "Bay 5</option>" in html


def test_the_switcher_names_the_organisation_only_when_there_are_several(trust):
    person = people.create_person(
        actor=None, username="two_orgs", full_name="Two Orgs", password="x-Quality-26"
    )
    for unit in (trust.board, trust.other_board):
        access.grant_role(
            actor=None, person=person, unit=unit, role="team_member", starts_on=dt.date(2024, 1, 1)
        )
    units = selectors.switchable_units(person)
    assert [(u.name, u.organisation_code) for u in units][:2] == [
        ("Northshire Hospitals Board", "NHT"),
        ("Medicine", "NHT"),
    ]
    assert {u.organisation_code for u in units} == {"NHT", "RCT"}


def test_a_unit_pages_queries_do_not_grow_with_its_people_and_archived_sub_units(signed_in, trust):
    client = signed_in("sam_senior")
    counts = []
    made = 0
    for n in (2, 4):
        while made < n:
            person = people.create_person(
                actor=None, username=f"nurse{made}", full_name=f"Nurse {made}", password="x-Quality-26"
            )
            access.grant_role(
                actor=None, person=person, unit=trust.elderly_care, role="team_member",
                starts_on=dt.date(2024, 1, 1),
            )  # fmt: skip
            old = organisations.create_unit(
                actor=None, organisation=trust.org, parent=trust.elderly_care, name=f"Old ward {made}",
                kind="ward", code=f"OW{made}",
            )  # fmt: skip
            organisations.archive_unit(actor=None, unit=old)
            made += 1
        counts.append(queries_of_page(client, reverse("unit", args=[trust.elderly_care.pk])))
    page = client.get(reverse("unit", args=[trust.elderly_care.pk])).content.decode()
    assert "Archived sub-units (4)" in page
    assert "Nurse 3" in page
    assert counts[0] == counts[1]


def test_the_balance_counts_a_row_a_month_for_a_unit_however_many_units_below_report(trust):
    start = dt.date(2024, 1, 1)
    for unit in (trust.ward_a, trust.ward_b, trust.elderly_care):
        factories.measure(unit, [10.0, 11.0, 12.0], start=start)
    found = Observation.objects.filter(measure__unit__path__startswith=trust.medicine.path)
    rows = balance._counts(found, "measure__unit__path", "period_start", depth=len(trust.medicine.path))
    assert sorted(rows) == [(trust.medicine.path, dt.date(2024, month, 1), 3) for month in (1, 2, 3)]
    # Down to the wards' depth, Elderly Care's own measure and each ward's are told apart.
    deeper = balance._counts(found, "measure__unit__path", "period_start", depth=len(trust.ward_a.path))
    assert {path for path, _month, _n in deeper} == {
        trust.ward_a.path,
        trust.ward_b.path,
        trust.elderly_care.path,
    }


def test_url_gives_what_reverse_gives_and_reverses_a_model_by_its_current_text(trust):
    render = engines["jinja2"].from_string
    assert render("{{ url('unit', 5) }}|{{ url('unit', 5) }}").render({}) == (
        f"{reverse('unit', args=[5])}|{reverse('unit', args=[5])}"
    )
    assert render("{{ url('control:home') }}").render({}) == reverse("control:home")
    assert render("{{ url('unit', pk=7) }}").render({}) == reverse("unit", kwargs={"pk": 7})
    unit = trust.ward_a
    assert render("{{ url('unit', u.pk) }}").render({"u": unit}) == reverse("unit", args=[unit.pk])
