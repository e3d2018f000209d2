"""Many charts at once: every XmR series in one vectorised pass, whatever their lengths and phases.

`compute_batch` returns the same `Result`s `compute` does, one per series; the points of the xmr
ones are views over the batch's arrays (`PointColumns`), so no `Point` is built until a caller asks
for one. `batch_arrays` stops at the engine's flat arrays. Charts other than xmr go through
qicharts2's rules one series at a time.
"""

from __future__ import annotations

from collections.abc import Sequence

from openqms.spc.types import ChartType, Options, Result, Series
from openqms.spc.xmr_codes import XmrArrays
from openqms.spc.xmr_series import xmr_inputs, xmr_results

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
    return xmr_inputs(series, _options_list(series, options)).run()


def compute_batch(series: Sequence[Series], options: Options | Sequence[Options]) -> list[Result]:
    """One `Result` per series, equal to `compute(series[k], options[k])` for each k.

    `options` is one `Options` for every series or one per series. The xmr series are computed
    together in one vectorised pass.
    """
    opts = _options_list(series, options)
    # The identity test first: an Enum call (which also accepts the chart's name) costs more.
    xmr = [k for k, o in enumerate(opts) if o.chart is ChartType.XMR or ChartType(o.chart) is ChartType.XMR]
    if len(xmr) == len(series):
        return xmr_results(series, opts)
    results: list[Result | None] = [None] * len(series)
    for k, result in zip(xmr, xmr_results([series[k] for k in xmr], [opts[k] for k in xmr]), strict=True):
        results[k] = result
    from openqms.spc.api import compute

    return [compute(series[k], opts[k]) if r is None else r for k, r in enumerate(results)]
