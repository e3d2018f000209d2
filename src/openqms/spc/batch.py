"""Many charts at once: every XmR series in one vectorised pass, whatever their lengths and phases.

`compute_batch` returns the same `Result` objects `compute` does, one per series; `batch_arrays`
stops before building per-point objects and returns the flat arrays (for storing the results of a
whole trust). Charts other than xmr go through qicharts2's rules one series at a time.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np

from openqms.spc.types import ChartType, Options, Result, Series
from openqms.spc.xmr import XmrArrays, direction_code, xmr_arrays
from openqms.spc.xmr_series import point_targets, result_from_arrays, validate_xmr_options

__all__ = ["batch_arrays", "compute_batch"]


def _options_list(series: Sequence[Series], options: Options | Sequence[Options]) -> list[Options]:
    if isinstance(options, Options):
        return [options] * len(series)
    opts = list(options)
    if len(opts) != len(series):
        raise ValueError(f"{len(series)} series but {len(opts)} options")
    return opts


def batch_arrays(series: Sequence[Series], options: Options | Sequence[Options]) -> XmrArrays:
    """The XmR arrays (see `xmr_arrays`) of every series, in order; all must be xmr charts."""
    opts = _options_list(series, options)
    lengths = np.fromiter((len(s.values) for s in series), dtype=np.int64, count=len(series))
    for s, o in zip(series, opts, strict=True):
        if ChartType(o.chart) is not ChartType.XMR:
            raise ValueError(f"batch_arrays computes xmr charts only, not {o.chart}")
        if len(s.x) != len(s.values):
            raise ValueError(f"series has {len(s.x)} x labels but {len(s.values)} values")
        validate_xmr_options(o, len(s.values))
    offsets = np.zeros(len(series) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    n = int(offsets[-1])
    # None becomes NaN when numpy converts a list to float.
    values = np.array(list(itertools.chain.from_iterable(s.values for s in series)), dtype=np.float64)
    values = values.reshape(n)
    phase_start = np.zeros(n, dtype=np.bool_)
    for k, o in enumerate(opts):
        if o.rebase_at:
            phase_start[offsets[k] + np.asarray(o.rebase_at, dtype=np.int64)] = True
    targets = np.array(
        [
            math.nan if t is None else t
            for s, o in zip(series, opts, strict=True)
            for t in point_targets(o, len(s.values))
        ],
        dtype=np.float64,
    ).reshape(n)
    return xmr_arrays(
        values,
        offsets,
        phase_start=phase_start,
        direction=np.array([direction_code(o.direction) for o in opts], dtype=np.int8),
        point_target=targets,
        fix_after=np.array([o.fix_after or 0 for o in opts], dtype=np.int64),
        screen_outliers=np.array([o.screen_outliers for o in opts], dtype=np.bool_),
    )


def compute_batch(series: Sequence[Series], options: Options | Sequence[Options]) -> list[Result]:
    """One `Result` per series, equal to `compute(series[k], options[k])` for each k.

    `options` is one `Options` for every series or one per series. The xmr series are computed
    together in one vectorised pass.
    """
    opts = _options_list(series, options)
    xmr = [k for k, o in enumerate(opts) if ChartType(o.chart) is ChartType.XMR]
    results: list[Result | None] = [None] * len(series)
    if xmr:
        arrays = batch_arrays([series[k] for k in xmr], [opts[k] for k in xmr])
        for j, k in enumerate(xmr):
            results[k] = result_from_arrays(arrays, j, series[k], opts[k])
    others = [k for k, o in enumerate(opts) if ChartType(o.chart) is not ChartType.XMR]
    if others:
        from openqms.spc.api import compute

        for k in others:
            results[k] = compute(series[k], opts[k])
    return [r for r in results if r is not None]
