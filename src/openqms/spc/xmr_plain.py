"""The XmR chart of one short series in plain Python, for the single-series API.

On a series of a hundred points the batch engine (`openqms.spc.xmr`) spends its time in numpy's
per-call overhead, not in arithmetic: about a hundred calls on arrays of a hundred elements. This
module makes about thirty numpy calls, for the means and the signs of the steps and of the
distances from the mean (as bytes), finds the rules' runs with `bytes.find` and the points near
a 2-sigma line with one numpy comparison; Python loops only over the points a rule flags. It is
held to the batch engine to the bit (tests/spc/test_xmr_plain.py checks every field of every
point on random series with gaps, ties, phases, fixed limits and screening, with hypothesis).
Its cost is counted in instructions (valgrind's callgrind), which unlike the machine's timings
do not move from run to run: docs/performance.md.

The means must be numpy's: its summation order (pairwise, eight accumulators) is what the batch
engine's means round to, and a sum in another order can differ in the last bit. Series the
engine would treat specially are handed back (`None`) so that the engine computes them: an empty
series, a phase without a finite mean, and a phase with a point so close to its centre line that
R's long-double mean decides which side the point is on.
"""

from __future__ import annotations

import itertools
import math
import struct
from collections.abc import Sequence
from itertools import compress, count
from typing import NamedTuple

import numpy as np

from openqms.spc.xmr import (
    _ASSURANCE,
    _POINT_TYPE,
    _VARIATION,
    LIMIT,
    LIMIT_2SIGMA,
    SCREEN,
    SHORT_GROUP,
    TIE_TOLERANCE,
    BoolArray,
    FloatArray,
)

__all__ = ["PlainXmr", "plain_xmr"]

RUN = 7  # points on one side of the mean (rules.RUN_LENGTH); a trend is RUN - 1 equal steps
# Python lists index faster than numpy arrays, one element at a time.
_POINT_TYPE_LIST: list[int] = _POINT_TYPE.tolist()
_VARIATION_LIST: list[int] = _VARIATION.tolist()
_ASSURANCE_LIST: list[int] = _ASSURANCE.tolist()
_NAN = math.nan
_add_at = np.add.reduceat
_AT_START = np.zeros(1, dtype=np.intp)


class PlainXmr(NamedTuple):
    """One series' codes, the same as the batch engine's arrays hold for it, as lists or bytes."""

    rule_bits: Sequence[int]  # 1 outside, 2 trend, 4 two-in-three, 8 shift
    point_type: Sequence[int]  # index into xmr.POINT_TYPES
    bounds: list[int]  # first point of each phase, then the number of points
    # Per phase: centre, lower, upper, lower 2-sigma, upper 2-sigma (NaN where undefined).
    lines: list[tuple[float, float, float, float, float]]
    variation_icon: int  # index into xmr.VARIATION_ICONS
    assurance_icon: int  # index into xmr.ASSURANCE_ICONS, -1 for none
    short_group: bool
    # Per phase, each point's side of the centre as bytes (0 below, 1 on it or missing, 2 above),
    # for Anhøj's runs (anhoej.runs_analysis_of_sides); None when not at hand.
    sides: list[bytes] | None = None


def _mean(values: FloatArray, keep: BoolArray, count: int) -> float:
    """The batch engine's doubles mean (`_Segments.mean` with exact=False) of one phase: two
    passes of numpy sums over the values with the ones not kept set to 0. The sums are
    `add.reduceat`'s, as the engine's: `sum()` adds in another order and can differ in the last
    bit."""
    if count == 0:
        return _NAN
    work = np.where(keep, values, 0.0)
    first = float(_add_at(work, _AT_START)[0]) / count
    if not math.isfinite(first):
        return first
    np.subtract(work, first, out=work, where=keep)
    return first + float(_add_at(work, _AT_START)[0]) / count


def _means(both: FloatArray, keep: BoolArray, counts: list[int]) -> tuple[float, float]:
    """`_mean` of both rows (the values and the moving ranges) at once, as the engine computes
    them: one `add.reduceat` over the two rows per pass, not one per row."""
    work = np.where(keep, both, 0.0)
    first = _add_at(work, _AT_START, axis=1)
    (s0,), (s1,) = first.tolist()
    f0 = s0 / counts[0] if counts[0] else _NAN
    f1 = s1 / counts[1] if counts[1] else _NAN
    # The sums' own (2, 1) array takes the first means: building one from a tuple costs more.
    first[0, 0], first[1, 0] = f0, f1
    np.subtract(work, first, out=work, where=keep)
    (s0,), (s1,) = _add_at(work, _AT_START, axis=1).tolist()
    return (
        f0 + s0 / counts[0] if math.isfinite(f0) else f0,
        f1 + s1 / counts[1] if math.isfinite(f1) else f1,
    )


# The rule bits of a point, as bytes, with the trend's bit or the shift's set (bytes.translate).
_WITH_TREND = bytes(code | 2 for code in range(256))
_WITH_SHIFT = bytes(code | 8 for code in range(256))
_SIGN_CODES = bytes.maketrans(b"\xff\x00\x01", b"\x00\x01\x02")  # int8 sign -> side code


def _runs(codes: bytes, length: int) -> list[tuple[int, int]]:
    """The (start, end) of each run of at least `length` equal codes 0 or 2 in `codes` (side or
    step codes: 0 down, 1 none, 2 up). `bytes.find` looks for the run in C; a regex tried the
    pattern at every position, and a Python loop over the points cost more than the rest of a
    rule."""
    spans = []
    n = len(codes)
    for code in (b"\x00", b"\x02"):
        run = code * length
        i = codes.find(run)
        while i >= 0:
            rest = codes[i + length :]
            end = n - len(rest.lstrip(code))
            spans.append((i, end))
            i = codes.find(run, end)
    return spans


def _phase(
    x: list[float], fix_after: int, screen: bool, direction: int
) -> tuple[bytearray, bytearray, tuple[float, float, float, float, float], bytes] | None:
    n = len(x)
    # At a hundred points numpy costs its calls (each about as much as a 35-point comprehension),
    # not its arithmetic: as few as the engine's figures allow. Row 0: the values; row 1: the
    # moving ranges, as the engine lays them out.
    both = np.empty((2, n))
    # Packed by struct first: numpy converts a list of floats one element at a time, three
    # times slower.
    both[0] = np.frombuffer(struct.pack(f"{n}d", *x))
    # Row 0, later: each distance from the mean; row 1: each step (NaN before the first point).
    signed = np.empty((2, n))
    signed[1, 0] = _NAN
    np.subtract(both[0, 1:], both[0, :-1], out=signed[1, 1:])
    mr = np.abs(signed[1], out=both[1])
    present = both == both  # not missing (NaN is the only value not equal to itself)
    keep = present
    fixed = 0 < fix_after < n
    if fixed:
        keep = present.copy()
        keep[:, fix_after:] = False
    # A bool array's bytes are 0s and 1s: counting the 1s in C is cheaper than numpy's sum.
    kept = keep.tobytes()
    counts = [kept.count(1, 0, n), kept.count(1, n)]
    mean, amr = _means(both, keep, counts)
    if screen and counts[1]:
        # Screening drops the kept moving ranges at or above 3.267 times their mean (a missing
        # one, NaN, is never at or above it).
        over = mr >= SCREEN * amr
        if fixed:
            over &= keep[1]
        dropped = over.tobytes().count(1)
        if dropped:
            amr = _mean(mr, keep[1] ^ over, counts[1] - dropped)
    if not math.isfinite(mean):
        return None  # no kept value, or an infinite one: the engine's edge cases
    off_mean = np.subtract(both[0], mean, out=signed[0])
    # The engine's sign (rules.sign) of each distance and step, as bytes 0 negative, 1 zero or
    # missing (a point on the mean, or a missing one, is on neither side), 2 positive: numpy's
    # sign into int8 where present (0 elsewhere), then the bytes translated.
    sign = np.zeros((2, n), dtype=np.int8)
    np.sign(signed, out=sign, where=present, casting="unsafe")
    codes = sign.tobytes().translate(_SIGN_CODES)
    side, steps = codes[:n], codes[n:]
    dist = np.abs(off_mean, out=off_mean)
    # A point this close to the mean is left to the engine, which decides its side with R's
    # long-double mean. The engine's tolerance is 1e-12 of the largest |value|; twice |mean| plus
    # the largest distance is more than that (whatever the rounding), so every series the engine
    # treats so is handed back, and it takes one numpy call fewer than the |values|.
    if np.fmin.reduce(dist) <= 2 * TIE_TOLERANCE * (abs(mean) + np.fmax.reduce(dist)):  # skip NaN
        return None
    upper, lower = mean + LIMIT * amr, mean + -LIMIT * amr
    upper2, lower2 = mean + LIMIT_2SIGMA * amr, mean + -LIMIT_2SIGMA * amr

    bits = bytearray(n)  # 1 outside, 2 trend, 4 two-in-three, 8 shift
    # Beyond a 2-sigma line: usually a few points, looped over one by one. Rounding is monotonic,
    # so such a point is at least as far from the mean as the nearer 2-sigma line is, as computed:
    # numpy picks those out, and only they are compared with the lines.
    reach = min(upper2 - mean, mean - lower2)
    far = (dist >= reach).nonzero()[0].tolist()
    beyond = [i for i in far if x[i] > upper2 or x[i] < lower2]
    close = []  # between the 2- and 3-sigma lines
    for i in beyond:
        if x[i] > upper or x[i] < lower:
            bits[i] = 1
        else:
            close.append(i)
    # Two of three: a window of 3 holding 2 close points (so two close points at most 2 apart),
    # all 3 on one side of the mean.
    for p, q in itertools.pairwise(close):
        if q - p <= 2:
            for i in range(max(q - 2, 0), min(p, n - 3) + 1):
                if side[i] == side[i + 1] == side[i + 2] != 1:
                    for k in (p, q):
                        bits[k] |= 4
    trend_step = steps
    trend_runs = _runs(steps, RUN - 1)
    if trend_runs:
        # steps[i] links points i - 1 and i: a run of steps a..b - 1 is a trend of points a - 1..b - 1.
        # A point in a trend reads its direction from the step to its right when that one is in
        # it too, so the step codes move one to the left within each trend.
        in_trend = bytearray(n + 1)
        for a, b in trend_runs:
            in_trend[a - 1 : b] = b"\x01" * (b - a + 1)
        changed = bytearray(steps)
        for a, b in trend_runs:
            bits[a - 1 : b] = bits[a - 1 : b].translate(_WITH_TREND)
            changed[a - 1 : b - 1] = steps[a:b]
            if in_trend[b]:  # the next trend starts one step on
                changed[b - 1] = steps[b]
        trend_step = bytes(changed)
    d = direction + 1
    flagged = [*compress(count(), bits)]  # before the shifts: usually few
    types = bytearray(n)  # common cause (0) wherever no rule fired
    for a, b in _runs(side, RUN):
        bits[a:b] = bits[a:b].translate(_WITH_SHIFT)
        # A point flagged only as part of a shift points the way of its side.
        types[a:b] = bytes((_POINT_TYPE_LIST[((8 * 3 + side[a]) * 3 + 1) * 3 + d],)) * (b - a)
    for i in flagged:
        types[i] = _POINT_TYPE_LIST[((bits[i] * 3 + side[i]) * 3 + trend_step[i]) * 3 + d]
    return bits, types, (mean, lower, upper, lower2, upper2), side


def plain_xmr(
    x: list[float],
    phase_starts: list[int],
    direction: int,
    fix_after: int,
    screen: bool,
    last_target: float,
) -> PlainXmr | None:
    """The XmR codes of one series (`x` with NaN for missing values; `phase_starts` the first
    point of each phase, starting with 0), or None when the batch engine must compute it."""
    n = len(x)
    if n == 0:
        return None
    bounds = [*phase_starts, n]
    bits = bytearray()
    types = bytearray()
    lines = []
    sides: list[bytes] = []
    for a, b in itertools.pairwise(bounds):
        phase = _phase(x[a:b], fix_after, screen, direction)
        if phase is None:
            return None
        bits += phase[0]
        types += phase[1]
        lines.append(phase[2])
        sides.append(phase[3])
    d = direction + 1
    _, lower, upper, _, _ = lines[-1]
    if last_target != last_target:
        assurance = -1
    else:
        assurance = _ASSURANCE_LIST[d * 4 + (last_target > upper) * 2 + (last_target < lower)]
    return PlainXmr(
        rule_bits=bits,
        point_type=types,
        bounds=bounds,
        lines=lines,
        variation_icon=_VARIATION_LIST[types[-1] * 3 + d],
        assurance_icon=assurance,
        short_group=any(b - a < SHORT_GROUP for a, b in itertools.pairwise(bounds)),
        sides=sides,
    )
