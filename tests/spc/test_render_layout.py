"""Placing annotation labels and legend rows."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from openqms.spc.render.layout import MAX_ANNOTATION_ROWS, flow_rows, place_annotation_labels

labels = st.lists(
    st.tuples(st.floats(min_value=60, max_value=780), st.text(min_size=1, max_size=40)), max_size=12
)


@given(labels)
def test_labels_in_one_row_never_overlap_and_no_more_than_three_rows_are_used(items):
    placed = place_annotation_labels(items, 794)
    assert len(placed) == len(items)
    assert all(0 <= label.row < MAX_ANNOTATION_ROWS for label in placed)
    for row in range(MAX_ANNOTATION_ROWS):
        in_row = sorted((p for p in placed if p.row == row and p.text != "\u2026"), key=lambda p: p.left)
        for earlier, later in itertools.pairwise(in_row):
            assert earlier.right <= later.left


def test_a_label_near_the_right_edge_hangs_to_the_left_of_its_marker():
    (label,) = place_annotation_labels([(780.0, "Go live of the new system")], 794)
    assert label.anchor == "end"
    assert label.right == 780.0


def test_long_labels_are_shortened_but_keep_their_full_text_for_the_tooltip():
    full = "A very long description of a change that was made to the process"
    (label,) = place_annotation_labels([(100.0, full)], 794)
    assert label.text.endswith("\u2026")
    assert label.full_text == full


def test_legend_items_wrap_onto_a_new_row_when_the_width_runs_out():
    assert flow_rows([100, 100, 100], 250, 10) == [[0, 1], [2]]
    assert flow_rows([], 250, 10) == []
