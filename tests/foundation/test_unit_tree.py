from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from openqms.audit.models import AuditEntry
from openqms.audit.selectors import history_of
from openqms.organisations import services
from openqms.organisations.models import Unit


def test_a_new_organisation_starts_with_its_board_at_the_root(trust):
    assert trust.board.parent is None
    assert trust.board.kind == "board"
    assert trust.board.depth == 0
    assert list(trust.org.units.filter(parent__isnull=True)) == [trust.board]


def test_a_subtree_is_one_query_however_deep_the_tree(trust, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = {u.name for u in trust.medicine.subtree()}
    assert names == {"Medicine", "Elderly Care", "Ward A", "Ward B"}


def test_ancestors_come_root_first_in_one_query(trust, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = [u.name for u in trust.ward_a.ancestors()]
    assert names == ["Northshire Hospitals Board", "Medicine", "Elderly Care"]


def test_moving_a_unit_carries_its_whole_subtree(trust):
    services.move_unit(actor=None, unit=trust.elderly_care, new_parent=trust.surgery)
    ward_a = Unit.objects.get(pk=trust.ward_a.pk)
    assert [u.name for u in ward_a.ancestors()] == ["Northshire Hospitals Board", "Surgery", "Elderly Care"]
    assert ward_a.depth == 3
    assert {u.name for u in Unit.objects.get(pk=trust.surgery.pk).subtree()} == {
        "Surgery",
        "Theatres",
        "Elderly Care",
        "Ward A",
        "Ward B",
    }
    assert {u.name for u in Unit.objects.get(pk=trust.medicine.pk).subtree()} == {"Medicine"}


def test_moving_a_unit_is_recorded_with_its_old_and_new_parent(trust):
    services.move_unit(actor=trust.people["ada_admin"], unit=trust.elderly_care, new_parent=trust.surgery)
    entry = history_of(trust.elderly_care).first()
    assert entry.action == "move"
    assert entry.actor_name == "Ada Admin"
    assert entry.changes == {"parent": [trust.medicine.pk, trust.surgery.pk]}


def test_a_unit_cannot_move_under_its_own_subtree(trust):
    with pytest.raises(ValidationError, match="under itself"):
        services.move_unit(actor=None, unit=trust.medicine, new_parent=trust.ward_a)


def test_a_unit_cannot_move_to_another_organisation(trust):
    with pytest.raises(ValidationError, match="own organisation"):
        services.move_unit(actor=None, unit=trust.ward_a, new_parent=trust.other_board)


def test_the_root_unit_cannot_move(trust):
    with pytest.raises(ValidationError, match="root unit"):
        services.move_unit(actor=None, unit=trust.board, new_parent=trust.medicine)


def test_renaming_a_unit_records_before_and_after(trust):
    services.update_unit(actor=None, unit=trust.ward_a, name="Ward A (Frailty)", kind="ward", code="WA")
    entry = history_of(trust.ward_a).first()
    assert entry.action == "update"
    assert entry.changes == {"name": ["Ward A", "Ward A (Frailty)"]}


def test_saving_a_unit_unchanged_records_nothing(trust):
    before = AuditEntry.objects.count()
    services.update_unit(actor=None, unit=trust.ward_a, name="Ward A", kind="ward", code="WA")
    assert AuditEntry.objects.count() == before


def test_archiving_a_unit_archives_its_subtree_and_deletes_nothing(trust):
    count = Unit.objects.count()
    services.archive_unit(actor=None, unit=trust.elderly_care)
    assert Unit.objects.count() == count
    archived = set(Unit.objects.filter(archived_at__isnull=False).values_list("name", flat=True))
    assert archived == {"Elderly Care", "Ward A", "Ward B"}
    assert AuditEntry.objects.filter(action="archive").count() == 3


def test_an_archived_unit_takes_no_new_sub_units(trust):
    services.archive_unit(actor=None, unit=trust.ward_b)
    ward_b = Unit.objects.get(pk=trust.ward_b.pk)
    with pytest.raises(ValidationError, match="archived"):
        services.create_unit(
            actor=None, organisation=trust.org, parent=ward_b, name="Bay 1", kind="team", code="B1"
        )


def test_restoring_needs_the_parent_active_first(trust):
    services.archive_unit(actor=None, unit=trust.elderly_care)
    ward_a = Unit.objects.get(pk=trust.ward_a.pk)
    with pytest.raises(ValidationError, match="parent unit first"):
        services.restore_unit(actor=None, unit=ward_a)
    services.restore_unit(actor=None, unit=Unit.objects.get(pk=trust.elderly_care.pk))
    services.restore_unit(actor=None, unit=Unit.objects.get(pk=trust.ward_a.pk))
    assert Unit.objects.get(pk=trust.ward_a.pk).archived_at is None


def test_unit_codes_are_unique_within_an_organisation_only(trust):
    with pytest.raises(ValidationError):
        services.create_unit(
            actor=None, organisation=trust.org, parent=trust.board, name="Dup", kind="team", code="wa"
        )
    other = services.create_unit(
        actor=None,
        organisation=trust.other_org,
        parent=trust.other_board,
        name="Ward A",
        kind="ward",
        code="WA",
    )
    assert other.code == "WA"


def test_a_second_root_is_refused(trust):
    with pytest.raises(ValidationError, match="root unit"):
        services.create_unit(
            actor=None, organisation=trust.org, parent=None, name="Shadow board", kind="board", code="SB"
        )


def test_a_deep_tree_keeps_paths_consistent(db):
    org = services.create_organisation(actor=None, name="Deep Trust", code="DT")
    parent = org.units.get()
    chain = [parent]
    for depth in range(1, 40):
        parent = services.create_unit(
            actor=None, organisation=org, parent=parent, name=f"Level {depth}", kind="team", code=f"L{depth}"
        )
        chain.append(parent)
    assert chain[-1].depth == 39
    assert chain[1].subtree().count() == 39
    services.move_unit(actor=None, unit=chain[20], new_parent=chain[2])
    leaf = Unit.objects.get(pk=chain[-1].pk)
    assert leaf.depth == 39 - 17
    for unit in Unit.objects.filter(organisation=org).select_related("parent"):
        expected = (unit.parent.path if unit.parent else "") + f"{unit.pk:010d}/"
        assert unit.path == expected
