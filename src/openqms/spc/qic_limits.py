"""qicharts2 0.8.1's centre lines and limits: one function per chart, each on one part of a series
(`qic.compute_qic` aggregates the subgroups, splits the parts and reads the signals)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from openqms.spc.constants import D2, D4, LANEY_SCREEN, T_POWER, a3, b3, b4
from openqms.spc.rstats import r_mean, r_median, r_sum
from openqms.spc.types import ChartType, XLabel

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Subgroups:
    """qicharts2's aggregated columns, one entry per subgroup (y.sum, n, y.length, y.mean, y.sd, y)."""

    x: tuple[XLabel, ...]
    y: FloatArray
    y_sum: FloatArray
    n: FloatArray
    length: FloatArray
    mean: FloatArray
    sd: FloatArray

    def sliced(self, lo: int, hi: int) -> Subgroups:
        return Subgroups(
            self.x[lo:hi],
            self.y[lo:hi],
            self.y_sum[lo:hi],
            self.n[lo:hi],
            self.length[lo:hi],
            self.mean[lo:hi],
            self.sd[lo:hi],
        )


@dataclass(frozen=True)
class Part:
    """One part's subgroups with its baseline (freeze) and include (exclude) masks."""

    sub: Subgroups
    base: BoolArray
    include: BoolArray
    screened: bool


@dataclass(frozen=True)
class Lines:
    y: FloatArray
    cl: FloatArray
    lcl: FloatArray
    ucl: FloatArray
    lcl95: FloatArray
    ucl95: FloatArray


def full(size: int, value: float) -> FloatArray:
    return np.full(size, value, dtype=np.float64)


def _band(cl: float | FloatArray, sigma: float | FloatArray, size: int) -> Lines:
    """Centre plus and minus 3 and 2 sigma, broadcast to the part."""
    centre = np.broadcast_to(np.asarray(cl, dtype=np.float64), (size,)).copy()
    width = np.broadcast_to(np.asarray(sigma, dtype=np.float64), (size,))
    return Lines(
        y=np.empty(0),
        cl=centre,
        lcl=centre - 3 * width,
        ucl=centre + 3 * width,
        lcl95=centre - 2 * width,
        ucl95=centre + 2 * width,
    )


def _with_y(lines: Lines, y: FloatArray) -> Lines:
    return Lines(y, lines.cl, lines.lcl, lines.ucl, lines.lcl95, lines.ucl95)


def _clip_finite(a: FloatArray, *, low: float | None = None, high: float | None = None) -> FloatArray:
    """Clip only finite limits: an infinite limit (a zero denominator) becomes missing later."""
    out = a.copy()
    finite = np.isfinite(out)
    if low is not None:
        out[finite & (out < low)] = low
    if high is not None:
        out[finite & (out > high)] = high
    return out


def _screened_mean_mr(mr: FloatArray, screened: bool, factor: float = D4) -> float:
    """Mean moving range; when screened, ranges at or above `factor` times the mean are dropped once."""
    amr = r_mean(mr)
    if screened:
        with np.errstate(invalid="ignore"):
            amr = r_mean(mr[mr < factor * amr])
    return amr


def _run(part: Part) -> Lines:
    y = part.sub.y
    nan = full(y.size, math.nan)
    cl = full(y.size, r_median(y[part.base]))
    return Lines(y, cl, nan, nan.copy(), nan.copy(), nan.copy())


def _i_lines(y: FloatArray, base: BoolArray, screened: bool) -> Lines:
    cl = r_mean(y[base])
    # qicharts2 subtracts the centre before differencing; the rounding follows it.
    mr = np.abs(np.diff(y[base] - cl))
    sigma = _screened_mean_mr(mr, screened) / D2
    return _with_y(_band(cl, sigma, y.size), y)


def _i(part: Part) -> Lines:
    return _i_lines(part.sub.y, part.base, part.screened)


def _mr(part: Part) -> Lines:
    # Moving ranges of every point of the part: the baseline only decides the centre.
    y = np.concatenate(([math.nan], np.abs(np.diff(part.sub.y))))
    cl = r_mean(y[part.base])
    size = y.size
    return Lines(
        y=y,
        cl=full(size, cl),
        lcl=full(size, 0.0),
        ucl=full(size, D4 * cl),
        lcl95=full(size, 0.0),
        ucl95=full(size, (D4 / 3) * 2 * cl),
    )


def _divide(a: float, b: float) -> float:
    """a / b with IEEE results (NaN, infinities, signed zero) where Python would raise."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.float64(a) / np.float64(b))


def _ratio_centre(part: Part) -> float:
    base = part.base
    return _divide(r_sum(part.sub.y_sum[base]), r_sum(part.sub.n[base]))


def _laney_sigma_z(part: Part, cl: float, sigma: FloatArray) -> float:
    """Laney's between-subgroup factor: the I-chart sigma of the z-scores of the baseline."""
    base = part.base
    z = (part.sub.y[base] - cl) / sigma[base]
    return _screened_mean_mr(np.abs(np.diff(z)), part.screened, LANEY_SCREEN) / D2


def _p_family(part: Part, laney: bool) -> Lines:
    y = part.sub.y
    cl = _ratio_centre(part)
    sigma = np.sqrt(cl * (1 - cl) / part.sub.n)
    if laney:
        sigma = sigma * _laney_sigma_z(part, cl, sigma)
    lines = _band(cl, sigma, y.size)
    return Lines(
        y,
        lines.cl,
        _clip_finite(lines.lcl, low=0.0),
        _clip_finite(lines.ucl, high=1.0),
        _clip_finite(lines.lcl95, low=0.0),
        _clip_finite(lines.ucl95, high=1.0),
    )


def _u_family(part: Part, laney: bool) -> Lines:
    y = part.sub.y
    cl = _ratio_centre(part)
    sigma = np.sqrt(cl / part.sub.n)
    if laney:
        sigma = sigma * _laney_sigma_z(part, cl, sigma)
    lines = _band(cl, sigma, y.size)
    return Lines(
        y,
        lines.cl,
        _clip_finite(lines.lcl, low=0.0),
        lines.ucl,
        _clip_finite(lines.lcl95, low=0.0),
        lines.ucl95,
    )


def _p(part: Part) -> Lines:
    return _p_family(part, laney=False)


def _pp(part: Part) -> Lines:
    return _p_family(part, laney=True)


def _u(part: Part) -> Lines:
    return _u_family(part, laney=False)


def _up(part: Part) -> Lines:
    return _u_family(part, laney=True)


def _c(part: Part) -> Lines:
    y = part.sub.y_sum
    cl = r_mean(y[part.base])
    lines = _band(cl, math.sqrt(cl) if cl >= 0 else math.nan, y.size)
    return Lines(
        y,
        lines.cl,
        _clip_finite(lines.lcl, low=0.0),
        lines.ucl,
        _clip_finite(lines.lcl95, low=0.0),
        lines.ucl95,
    )


def _g(part: Part) -> Lines:
    y = part.sub.y
    mean = r_mean(y[part.base])
    # Geometric sigma on the mean, but the line drawn (and used by the runs analysis) is the median.
    sigma = math.sqrt(mean * (mean + 1)) if mean * (mean + 1) >= 0 else math.nan
    lines = _band(mean, sigma, y.size)
    with np.errstate(invalid="ignore"):
        lcl = np.where(lines.lcl < 0, 0.0, lines.lcl)
        lcl95 = np.where(lines.lcl95 < 0, 0.0, lines.lcl95)
    return Lines(y, full(y.size, r_median(y[part.base])), lcl, lines.ucl, lcl95, lines.ucl95)


def _t(part: Part) -> Lines:
    y = part.sub.y
    present = y[~np.isnan(y)]
    if present.size and present.min() <= 0:
        raise ValueError("t chart: times between events must be greater than zero")
    with np.errstate(invalid="ignore"):
        inner = _i_lines(y ** (1 / T_POWER), part.base, part.screened)
        lcl = inner.lcl**T_POWER
        # A negative lower limit has no real power: qicharts2 draws it at zero (but not lcl.95).
        lcl[np.isnan(lcl) | (lcl < 0)] = 0.0
        return Lines(
            inner.y**T_POWER,
            inner.cl**T_POWER,
            lcl,
            inner.ucl**T_POWER,
            inner.lcl95**T_POWER,
            inner.ucl95**T_POWER,
        )


def _pooled_sd(part: Part) -> float:
    """Montgomery 6.31 for varying sizes (qicharts2 looks at all sizes in the part), else mean SD."""
    sub, base = part.sub, part.base
    if np.unique(sub.length).size > 1:
        # An empty subgroup weighs -1 here, as in qicharts2.
        weights = sub.length[base] - 1
        with np.errstate(invalid="ignore"):
            return float(np.sqrt(_divide(r_sum(weights * sub.sd[base] ** 2), r_sum(weights))))
    return r_mean(sub.sd[base])


def _xbar(part: Part) -> Lines:
    sub, base = part.sub, part.base
    cl = _divide(r_sum(sub.length[base] * sub.mean[base]), r_sum(sub.length[base]))
    sd = _pooled_sd(part)
    centre = full(sub.y.size, cl)
    return Lines(
        sub.mean,
        centre,
        centre - a3(sub.length) * sd,
        centre + a3(sub.length) * sd,
        centre - a3(sub.length, 2.0) * sd,
        centre + a3(sub.length, 2.0) * sd,
    )


def _s(part: Part) -> Lines:
    sub = part.sub
    cl = _pooled_sd(part)
    return Lines(
        sub.sd,
        full(sub.y.size, cl),
        b3(sub.length) * cl,
        b4(sub.length) * cl,
        b3(sub.length, 2.0) * cl,
        b4(sub.length, 2.0) * cl,
    )


CHART_FUNCTIONS: dict[ChartType, Callable[[Part], Lines]] = {
    ChartType.RUN: _run,
    ChartType.I: _i,
    ChartType.MR: _mr,
    ChartType.P: _p,
    ChartType.PP: _pp,
    ChartType.U: _u,
    ChartType.UP: _up,
    ChartType.C: _c,
    ChartType.G: _g,
    ChartType.T: _t,
    ChartType.XBAR: _xbar,
    ChartType.S: _s,
}
