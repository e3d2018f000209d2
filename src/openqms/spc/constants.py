"""Control chart constants as qicharts2 0.8.1 computes them.

qicharts2 derives the xbar and s chart factors from c4 (the bias of the sample standard deviation)
instead of reading the usual printed tables, so they stay exact for any subgroup size. The other
numbers are the rounded textbook constants qicharts2 writes in its source; using the same rounded
values is what makes the limits agree to the last digit.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

__all__ = [
    "D2",
    "D4",
    "LANEY_SCREEN",
    "T_POWER",
    "a3",
    "b3",
    "b4",
    "c4",
]

FloatArray = npt.NDArray[np.float64]

#: d2 for moving ranges of two: sigma = mean moving range / D2.
D2 = 1.128
#: D4 for moving ranges of two: the upper limit of a moving range chart, and the screening limit.
D4 = 3.267
#: The same screening limit for Laney's p' and u' charts (qicharts2's `ip` chart uses 3.2665).
LANEY_SCREEN = 3.267
#: The t chart transforms times between events by y ** (1 / T_POWER) (Nelson's Weibull transform).
T_POWER = 3.6


def _sizes(n: npt.ArrayLike) -> FloatArray:
    """Subgroup sizes as floats, with sizes of one or less made NaN (no within-subgroup spread)."""
    sizes = np.array(n, dtype=np.float64, ndmin=1)
    sizes[~(sizes > 1)] = np.nan
    return sizes


def c4(n: npt.ArrayLike) -> FloatArray:
    """c4(n) = sqrt(2 / (n - 1)) * Gamma(n / 2) / Gamma((n - 1) / 2), through log-gamma."""
    sizes = _sizes(n)
    unique, inverse = np.unique(sizes, return_inverse=True)
    # Few distinct sizes, so math.lgamma on each is cheap; numpy has no log-gamma of its own.
    log_ratio = np.array(
        [math.lgamma(m / 2) - math.lgamma((m - 1) / 2) if math.isfinite(m) else math.nan for m in unique],
        dtype=np.float64,
    )
    with np.errstate(invalid="ignore"):
        return np.asarray(np.sqrt(2 / (sizes - 1)) * np.exp(log_ratio[inverse.ravel()]), dtype=np.float64)


def _c5(sizes: FloatArray) -> FloatArray:
    return np.asarray(np.sqrt(1 - c4(sizes) ** 2), dtype=np.float64)


def a3(n: npt.ArrayLike, sigmas: float = 3.0) -> FloatArray:
    """A3: the xbar chart's limits are the centre plus or minus A3 times the pooled SD."""
    sizes = _sizes(n)
    return np.asarray(sigmas / (c4(sizes) * np.sqrt(sizes)), dtype=np.float64)


def b3(n: npt.ArrayLike, sigmas: float = 3.0) -> FloatArray:
    """B3: the s chart's lower limit factor, never below zero (NaN stays NaN, as R's pmax keeps NA)."""
    sizes = _sizes(n)
    return np.asarray(np.maximum(0.0, 1 - sigmas * _c5(sizes) / c4(sizes)), dtype=np.float64)


def b4(n: npt.ArrayLike, sigmas: float = 3.0) -> FloatArray:
    """B4: the s chart's upper limit factor."""
    sizes = _sizes(n)
    return np.asarray(1 + sigmas * _c5(sizes) / c4(sizes), dtype=np.float64)
