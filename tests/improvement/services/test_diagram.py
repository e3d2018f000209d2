"""The driver diagram stays a valid tree through any sequence of edits, and Undo restores each step."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openqms.improvement import diagram
from openqms.improvement.models import DriverNode, Project
from openqms.improvement.selectors.diagram import tree
from openqms.improvement.services.diagram import (
    add_node,
    delete_node,
    last_edit,
    move_node,
    rename_node,
    shift_node,
    undo,
)
from tests.improvement import helpers as h

pytestmark = pytest.mark.django_db

KIND_PARENTS = {"primary": {None}, "secondary": {"primary"}, "change": {"primary", "secondary"}}


def state(project: Project) -> list[tuple[Any, ...]]:
    return sorted(
        DriverNode.objects.filter(project=project).values_list(
            "pk", "parent_id", "position", "text", "deleted_at"
        )
    )


def assert_consistent(project: Project) -> None:
    live = {n.pk: n for n in DriverNode.objects.filter(project=project, deleted_at__isnull=True)}
    groups: dict[int | None, list[int]] = {}
    for node in live.values():
        parent = live.get(node.parent_id) if node.parent_id else None
        assert node.parent_id is None or parent is not None, "a live node under a deleted or missing parent"
        assert (parent.kind if parent else None) in KIND_PARENTS[node.kind]
        groups.setdefault(node.parent_id, []).append(node.position)
    for positions in groups.values():
        assert sorted(positions) == list(range(len(positions))), positions


def test_add_rename_move_delete_and_undo(trust):
    p = h.project(trust)
    a = add_node(actor=None, project=p, kind="primary", text="Staff")
    b = add_node(actor=None, project=p, kind="primary", text="Patients")
    s = add_node(actor=None, project=p, kind="secondary", text="Training", parent=a)
    c = add_node(actor=None, project=p, kind="change", text="Falls huddle", parent=s)
    before = state(p)
    move_node(actor=None, node=s, parent=b, position=0)
    s.refresh_from_db()
    c.refresh_from_db()
    assert (s.parent_id, c.parent_id) == (b.pk, s.pk)  # the change idea moves with its driver
    undo(actor=None, project=p)
    assert state(p) == before
    delete_node(actor=None, node=a)
    assert [n.text for n in tree(p)] == ["Patients"]
    assert DriverNode.objects.get(pk=c.pk).deleted_at is not None
    undo(actor=None, project=p)
    assert state(p) == before
    shift_node(actor=None, node=b, by=-1)
    assert [n.text for n in tree(p)] == ["Patients", "Staff"]
    rename_node(actor=None, node=c, text="  Two-minute   falls huddle ")
    assert DriverNode.objects.get(pk=c.pk).text == "Two-minute falls huddle"
    assert_consistent(p)


def test_the_tree_refuses_a_driver_in_the_wrong_place(trust):
    p = h.project(trust)
    a = add_node(actor=None, project=p, kind="primary", text="Staff")
    c = add_node(actor=None, project=p, kind="change", text="Huddle", parent=a)
    with pytest.raises(ValidationError) as exc:
        add_node(actor=None, project=p, kind="secondary", text="Wrong", parent=c)
    assert exc.value.message_dict["parent"] == ["A secondary driver must sit under a primary driver"]
    with pytest.raises(ValidationError):
        move_node(actor=None, node=a, parent=a)
    with pytest.raises(ValidationError):
        add_node(actor=None, project=p, kind="primary", text="  ")
    with pytest.raises(ValidationError):
        shift_node(actor=None, node=a, by=-1)
    other = h.project(trust, title="Another")
    with pytest.raises(ValidationError):
        add_node(actor=None, project=other, kind="change", text="Cross", parent=a)
    undo(actor=None, project=p)
    undo(actor=None, project=p)
    with pytest.raises(ValidationError, match="nothing to undo"):
        undo(actor=None, project=p)


OPS = st.lists(
    st.tuples(
        st.sampled_from(["add", "rename", "move", "shift", "delete", "undo"]),
        st.integers(0, 30),
        st.integers(0, 30),
        st.sampled_from(["primary", "secondary", "change"]),
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_any_sequence_of_edits_keeps_the_tree_consistent_and_undo_steps_back(trust, ops):
    p = h.project(trust, measure=_measure(trust))
    history: list[list[tuple[Any, ...]]] = []
    for op, i, j, kind in ops:
        live = list(DriverNode.objects.filter(project=p, deleted_at__isnull=True).order_by("pk"))
        pick = live[i % len(live)] if live else None
        other = live[j % len(live)] if live else None
        before = state(p)
        try:
            if op == "add":
                add_node(
                    actor=None,
                    project=p,
                    kind=kind,
                    text=f"node {i}",
                    parent=None if kind == "primary" else other,
                )
            elif op == "rename" and pick:
                rename_node(actor=None, node=pick, text=f"renamed {j}")
            elif op == "move" and pick:
                move_node(
                    actor=None, node=pick, parent=None if pick.kind == "primary" else other, position=j % 4
                )
            elif op == "shift" and pick:
                shift_node(actor=None, node=pick, by=1 if j % 2 else -1)
            elif op == "delete" and pick:
                delete_node(actor=None, node=pick)
            elif op == "undo":
                undo(actor=None, project=p)
                restored = history.pop()
                # Undo brings back every live node's place and words (nodes it removes stay, deleted).
                assert _live_state(state(p)) == _live_state(restored)
                assert_consistent(p)
                continue
            else:
                continue
        except ValidationError:
            assert state(p) == before, "a refused edit changed the tree"
            continue
        if state(p) != before:
            history.append(before)
        assert_consistent(p)
    # Undo everything: back to the empty diagram.
    while last_edit(p):
        undo(actor=None, project=p)
    assert not DriverNode.objects.filter(project=p, deleted_at__isnull=True).exists()


def _live_state(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [r[:4] for r in rows if r[4] is None]


_shared: dict[int, Any] = {}


def _measure(trust: Any) -> Any:
    """One measure for every example of the property test (each example makes a new project)."""
    from tests.control import pages_helpers as control

    key = id(trust)
    if key not in _shared:
        _shared[key] = control.measure(trust.ward_a)
    return _shared[key]


def test_the_diagram_draws_every_node_and_escapes_its_words(trust):
    p = h.project(trust)
    node = h.idea(p, text="<script>alert(1)</script> huddle")
    svg = diagram.render(p.aim, tree(p), title="Driver diagram")
    assert svg.startswith("<svg")
    assert "Reliable risk assessment" in svg
    assert "Assess on admission" in svg
    assert "&lt;script&gt;" in svg
    assert "<script>" not in svg
    assert "[Untested]" in svg
    assert node.text


def test_a_move_that_changes_nothing_leaves_nothing_to_undo(trust):
    p = h.project(trust)
    a = add_node(actor=None, project=p, kind="primary", text="Staff")
    move_node(actor=None, node=a, parent=None, position=0)
    assert p.diagram_edits.count() == 1
