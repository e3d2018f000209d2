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
    lengths = np.fromiter((len(s.values) for s in series), dtype=np.int64, count=n_series)
    offsets = np.zeros(n_series + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    for s, o in zip(series, options, strict=True):
        # The identity test first: an Enum call (which also accepts the chart's name) costs more.
        if o.chart is not ChartType.XMR and ChartType(o.chart) is not ChartType.XMR:
            raise ValueError(f"the XmR engine computes xmr charts only, not {o.chart}")
        if len(s.x) != len(s.values):
            raise ValueError(f"series has {len(s.x)} x labels but {len(s.values)} values")
        validate_xmr_options(o, len(s.values))
    n = int(offsets[-1])
    # None becomes NaN when numpy converts to float. fromiter reads the values straight from the
    # series (a list of them first, for np.array, cost half as much again).
    values = np.fromiter(itertools.chain.from_iterable(s.values for s in series), dtype=np.float64, count=n)
    target = [math.nan if o.target is None else o.target for o in options]
    point_target = np.array(target, dtype=np.float64).repeat(lengths)
    for k, o in enumerate(options):
        if o.targets is not None:
            point_target[offsets[k] : offsets[k + 1]] = [math.nan if t is None else t for t in o.targets]
    rebased = [k for k, o in enumerate(options) if o.rebase_at]
    phase_start = None
    if rebased:
        phase_start = np.zeros(n, dtype=np.bool_)
        for k in rebased:
            phase_start[offsets[k] + np.array(options[k].rebase_at, dtype=np.int64)] = True
    return XmrInputs(
        values=values,
        offsets=offsets,
        phase_start=phase_start,
        direction=np.array([direction_code(o.direction) for o in options], dtype=np.int8),
        point_target=point_target,
        fix_after=np.array([o.fix_after or 0 for o in options], dtype=np.int64),
        screen_outliers=np.array([o.screen_outliers for o in options], dtype=np.bool_),
    )


def _phases(series: Sequence[Series], values: FloatArray, arrays: XmrArrays) -> list[PhaseColumns]:
    """Each series' phases, as rows of one table of the batch's phases with Anhøj's runs figures,
    all computed at once."""
    runs = runs_figures(values, arrays.centre, arrays.segment_start)
    table = PhaseTable(
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
    # A series' phases follow one another; an empty series has none.
    bounds = arrays.segment_series.searchsorted(np.arange(len(series) + 1)).tolist()
    rows = itertools.pairwise(bounds)
    return [PhaseColumns(s.x, table, first, stop) for s, (first, stop) in zip(series, rows, strict=True)]


def xmr_results(series: Sequence[Series], options: Sequence[Options]) -> list[Result]:
    """The XmR chart of each series under its options (NHSRplotthedots' rules), all computed in
    one pass. The results' points and phases are views of the batch's arrays."""
    inputs = xmr_inputs(series, options)
    arrays = inputs.run()
    table = PointTable(
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
    # Positional arguments: a batch makes ten thousand results, and keywords cost a third more.
    return [
        Result(
            ChartType.XMR,
            o,
            PointColumns(s.x, table, start),
            phases,
            VARIATION_ICONS[variation] if variation >= 0 else None,
            ASSURANCE_ICONS[assurance] if assurance >= 0 else None,
            (SHORT_GROUP_WARNING,) if short else (),
        )
        for s, o, start, phases, variation, assurance, short in zip(
            series,
            options,
            inputs.offsets[:-1].tolist(),
            _phases(series, inputs.values, arrays),
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
