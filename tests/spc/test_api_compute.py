"""The public API: one entry point for every chart type, and the package's exports."""

from __future__ import annotations

import subprocess
import sys

import openqms.spc as spc
from openqms.spc import ChartType, Options, Result, Series, compute

SERIES = Series(x=tuple(range(1, 21)), values=tuple(float(10 + (i * 7) % 5) for i in range(20)))


def test_compute_draws_an_xmr_chart_by_default() -> None:
    result = compute(SERIES)
    assert isinstance(result, Result)
    assert result.chart is ChartType.XMR
    assert result.options == Options()


def test_compute_hands_every_other_chart_to_the_qicharts2_engine() -> None:
    for chart in (ChartType.RUN, ChartType.I, ChartType.MR, ChartType.C):
        result = compute(SERIES, Options(chart=chart))
        assert result.chart is chart


def test_the_package_exports_its_public_names() -> None:
    for name in spc.__all__:
        assert hasattr(spc, name), name
    assert {"compute", "compute_batch", "xmr_arrays", "Series", "Options", "Result"} <= set(spc.__all__)


def test_the_engine_imports_no_django() -> None:
    code = "import sys, openqms.spc, openqms.spc.cli; print(any(m.startswith('django') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
