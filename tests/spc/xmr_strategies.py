"""Hypothesis strategies for XmR series and options, shared by the property and batch tests."""

from __future__ import annotations

from hypothesis import strategies as st

from openqms.spc import Direction, Options, Series

# Values on a grid of quarters keep ties, points on the mean and exact limits common, which is
# where an off-by-one in a rule shows.
grid_value = st.integers(min_value=-400, max_value=400).map(lambda k: k / 4)
value_or_missing = st.one_of(grid_value, grid_value, grid_value, grid_value, st.none())


@st.composite
def series_and_options(draw: st.DrawFn, max_points: int = 60) -> tuple[Series, Options]:
    values = draw(st.lists(value_or_missing, min_size=0, max_size=max_points))
    n = len(values)
    rebase = draw(st.lists(st.integers(min_value=1, max_value=max(n - 1, 1)), max_size=3)) if n > 1 else []
    fix_after = draw(st.one_of(st.none(), st.integers(min_value=12, max_value=30)))
    target = draw(st.one_of(st.none(), grid_value))
    options = Options(
        direction=draw(st.sampled_from(list(Direction))),
        target=target,
        rebase_at=tuple(sorted(set(rebase))),
        fix_after=fix_after,
        screen_outliers=draw(st.booleans()),
    )
    return Series(x=tuple(range(n)), values=tuple(values)), options
