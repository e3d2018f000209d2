"""R's mean, sum and median, reproduced closely enough that equal-to-the-centre tests agree.

qicharts2 drops points that lie exactly on the centre line from the runs analysis, so a centre that
differs from R's in the last bit can change the Anhøj figures. R accumulates sums in long double,
one element after another, and refines a mean with a second pass over the residuals; numpy's
pairwise float64 sums can land one unit in the last place away. numpy's longdouble is the same
80-bit type as R's on x86-64 Linux.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

__all__ = ["r_mean", "r_median", "r_sum"]


def _present(x: npt.ArrayLike) -> npt.NDArray[np.float64]:
    a = np.asarray(x, dtype=np.float64).ravel()
    return a[~np.isnan(a)]


def r_sum(x: npt.ArrayLike) -> float:
    """``sum(x, na.rm = TRUE)``: 0 for no values."""
    a = _present(x)
    if a.size == 0:
        return 0.0
    return float(np.cumsum(a.astype(np.longdouble))[-1])


def r_mean(x: npt.ArrayLike) -> float:
    """``mean(x, na.rm = TRUE)``: NaN for no values."""
    a = _present(x)
    if a.size == 0:
        return math.nan
    wide = a.astype(np.longdouble)
    n = np.longdouble(a.size)
    s = np.cumsum(wide)[-1] / n
    if np.isfinite(s):
        s = s + np.cumsum(wide - s)[-1] / n
    return float(s)


def r_median(x: npt.ArrayLike) -> float:
    """``median(x, na.rm = TRUE)``: NaN for no values; the mean of the middle two for an even count."""
    a = np.sort(_present(x))
    if a.size == 0:
        return math.nan
    half = a.size // 2
    if a.size % 2:
        return float(a[half])
    return r_mean(a[half - 1 : half + 1])
