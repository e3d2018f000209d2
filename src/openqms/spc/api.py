"""The public single-series entry point: `compute(series, options) -> Result`."""

from __future__ import annotations

from openqms.spc.types import ChartType, Options, Result, Series
from openqms.spc.xmr_series import compute_xmr

__all__ = ["compute"]

_DEFAULT = Options()


def compute(series: Series, options: Options = _DEFAULT) -> Result:
    """Compute one chart. `xmr` follows NHSRplotthedots (Making Data Count); every other chart
    type follows qicharts2. Raises ValueError on options the chart cannot take."""
    # The identity test first: an Enum call (which also accepts the chart's name) costs more.
    if options.chart is ChartType.XMR or ChartType(options.chart) is ChartType.XMR:
        return compute_xmr(series, options)
    from openqms.spc.qic import compute_qic

    result: Result = compute_qic(series, options)
    return result
