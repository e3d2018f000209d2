"""XmR series in, public `Result`s out, through one run of the numpy engine (`openqms.spc.xmr`).

`xmr_results` packs any number of series into the engine's flat arrays, runs `xmr_arrays` once
and makes each series' `Result` from the batch's arrays: its points are a `PointColumns` and its
phases a `PhaseColumns` over them (nothing is copied or built per point or per phase), the phases'
Anhøj figures computed for every phase of the batch at once. `compute` sends one series this way
and `compute_batch` many, so a chart computed alone and the same chart computed in a batch are
identical to the bit.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from openqms.spc.anhoej import runs_figures
from openqms.spc.types import (
    ChartType,
    Direction,
    OnDemand,
    Options,
    PhaseColumns,
    PhaseTable,
    PointColumns,
    PointTable,
    Result,
    Series,
)
from openqms.spc.xmr import MIN_FIX_AFTER, SHORT_GROUP_WARNING, xmr_arrays
from openqms.spc.xmr_codes import (
    ASSURANCE_ICONS,
    VARIATION_ICONS,
    BoolArray,
    CodeArray,
    FloatArray,
    IntArray,
    XmrArrays,
    direction_code,
)

_DIRECTION_CODES = {Direction.INCREASE: 1, Direction.DECREASE: -1, Direction.NEITHER: 0}

__all__ = ["XmrInputs", "compute_xmr", "validate_xmr_options", "xmr_inputs", "xmr_results"]


def validate_xmr_options(options: Options, n_points: int) -> None:
    if options.fix_after is not None and options.fix_after < MIN_FIX_AFTER:
        raise ValueError(
            f"fix_after must be at least {MIN_FIX_AFTER} points (NHSRplotthedots' minimum), "
            f"got {options.fix_after}"
        )
    for i in options.rebase_at:
        if not 0 <= i < n_points:
            raise ValueError(f"rebase_at index {i} is outside the series (0..{n_points - 1})")
    if options.exclude:
        raise ValueError("exclude is a qicharts2 option; the xmr chart has no excluded points")
    if options.targets is not None and len(options.targets) != n_points:
        raise ValueError(f"targets needs one entry per point ({n_points}), got {len(options.targets)}")


class XmrInputs(NamedTuple):
    """Series and their options as the arguments of `xmr_arrays`."""

    values: FloatArray  # every series back to back, NaN for a missing value
    offsets: IntArray
    phase_start: BoolArray | None  # None when no series is rebased
    direction: CodeArray
    point_target: FloatArray  # NaN where there is no target
    fix_after: IntArray
    screen_outliers: BoolArray

    def run(self) -> XmrArrays:
        """The engine's arrays for these series."""
        return xmr_arrays(
            self.values,
            self.offsets,
            phase_start=self.phase_start,
            direction=self.direction,
            point_target=self.point_target,
            fix_after=self.fix_after,
            screen_outliers=self.screen_outliers,
        )


def xmr_inputs(series: Sequence[Series], options: Sequence[Options]) -> XmrInputs:
    """Check each series with its options (ValueError) and pack them all for the engine."""
    n_series = len(series)
    # One pass over the series gathers every per-series input: a batch has ten thousand of them,
    # and each further pass over them in Python costs as much as a numpy pass over all the points.
    lengths = [0] * n_series
    directions = [0] * n_series
    targets = [math.nan] * n_series
    fix_after = [0] * n_series
    screen_outliers = [True] * n_series
    per_point_targets = []
    rebase_points: list[int] = []  # the flat index of each phase's first point, after the first
    n = 0
    for k, (s, o) in enumerate(zip(series, options, strict=True)):
        n_points = len(s.values)
        # The identity test first: an Enum call (which also accepts the chart's name) costs more.
        if o.chart is not ChartType.XMR and ChartType(o.chart) is not ChartType.XMR:
            raise ValueError(f"the XmR engine computes xmr charts only, not {o.chart}")
        if len(s.x) != n_points:
            raise ValueError(f"series has {len(s.x)} x labels but {n_points} values")
        if o.fix_after is not None or o.rebase_at or o.exclude or o.targets is not None:
            validate_xmr_options(o, n_points)
            fix_after[k] = o.fix_after or 0
            rebase_points.extend(n + i for i in o.rebase_at)
            if o.targets is not None:
                per_point_targets.append(k)
        lengths[k] = n_points
        n += n_points
        code = _DIRECTION_CODES.get(o.direction)  # a member, or its value: a StrEnum hashes as its str
        directions[k] = direction_code(o.direction) if code is None else code
        if o.target is not None:
            targets[k] = o.target
        if not o.screen_outliers:
            screen_outliers[k] = False
    offsets = np.zeros(n_series + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    # None becomes NaN when numpy converts to float. fromiter reads the values straight from the
    # series (a list of them first, for np.array, cost half as much again).
    values = np.fromiter(itertools.chain.from_iterable(s.values for s in series), dtype=np.float64, count=n)
    point_target = np.array(targets, dtype=np.float64).repeat(lengths)
    for k in per_point_targets:
        given = options[k].targets or ()
        point_target[offsets[k] : offsets[k + 1]] = [math.nan if t is None else t for t in given]
    phase_start = None
    if rebase_points:
        phase_start = np.zeros(n, dtype=np.bool_)
        phase_start[rebase_points] = True
    return XmrInputs(
        values=values,
        offsets=offsets,
        phase_start=phase_start,
        direction=np.array(directions, dtype=np.int8),
        point_target=point_target,
        fix_after=np.array(fix_after, dtype=np.int64),
        screen_outliers=np.array(screen_outliers, dtype=np.bool_),
    )


def _phase_table(values: FloatArray, arrays: XmrArrays) -> PhaseTable:
    """The batch's phases back to back, with Anhøj's runs figures, all computed at once."""
    runs = runs_figures(values, arrays.centre, arrays.segment_start)
    return PhaseTable(
        phase=arrays.segment_phase,
        start=arrays.segment_start - arrays.offsets[arrays.segment_series],
        n=arrays.segment_length,
        centre=arrays.segment_centre,
        useful=runs.n_useful,
        longest_run=runs.longest_run,
        longest_run_max=runs.longest_run_max,
        crossings=runs.crossings,
        crossings_min=runs.crossings_min,
        runs_signal=runs.runs_signal,
    )


def _point_table(inputs: XmrInputs, arrays: XmrArrays) -> PointTable:
    return PointTable(
        value=inputs.values,
        centre=arrays.centre,
        lower=arrays.lower,
        upper=arrays.upper,
        lower_2sigma=arrays.lower_2sigma,
        upper_2sigma=arrays.upper_2sigma,
        phase=arrays.phase,
        rule_bits=arrays.rule_bits,
        point_type=arrays.point_type,
        target=inputs.point_target,
    )


def xmr_results(series: Sequence[Series], options: Sequence[Options]) -> list[Result]:
    """The XmR chart of each series under its options (NHSRplotthedots' rules), all computed in
    one pass. The results' points and phases are views of two tables of the whole batch, each made
    when a result first reads it (`OnDemand`): every result's icons are there at once."""
    inputs = xmr_inputs(series, options)
    arrays = inputs.run()
    points = OnDemand(lambda: _point_table(inputs, arrays))
    phases = OnDemand(lambda: _phase_table(inputs.values, arrays))
    # A series' phases follow one another; an empty series has none.
    bounds = arrays.segment_series.searchsorted(np.arange(len(series) + 1)).tolist()
    # Positional arguments: a batch makes ten thousand results, and keywords cost a third more.
    return [
        Result(
            ChartType.XMR,
            o,
            PointColumns(s.x, points, start),
            PhaseColumns(s.x, phases, first, stop),
            VARIATION_ICONS[variation] if variation >= 0 else None,
            ASSURANCE_ICONS[assurance] if assurance >= 0 else None,
            (SHORT_GROUP_WARNING,) if short else (),
        )
        for s, o, start, first, stop, variation, assurance, short in zip(
            series,
            options,
            inputs.offsets[:-1].tolist(),
            bounds[:-1],
            bounds[1:],
            arrays.variation_icon.tolist(),
            arrays.assurance_icon.tolist(),
            arrays.short_group.tolist(),
            strict=True,
        )
    ]


def compute_xmr(series: Series, options: Options) -> Result:
    """The Making Data Count XmR chart of one series: a batch of one."""
    (result,) = xmr_results([series], [options])
    return result
