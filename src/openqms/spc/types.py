"""The public types of the SPC engine: frozen dataclasses in, frozen dataclasses out.

A result's points may be held as columns (`PointColumns`: one array per field of `Point`), which is
how the XmR engine returns them; a `Point` is built from them only when one is asked for.

No Django and no other part of OpenQMS is imported here or anywhere in `openqms.spc`
(import-linter checks it), so a data analyst can use the engine on its own.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, NamedTuple, TypeVar, overload

import numpy as np
from numpy.typing import NDArray


class ChartType(StrEnum):
    """Chart names as qicharts2 spells them, with `xmr` for the Making Data Count individuals chart."""

    XMR = "xmr"  # Making Data Count XmR (NHSRplotthedots rules)
    RUN = "run"
    I = "i"  # noqa: E741 (qicharts2's name)
    MR = "mr"
    P = "p"
    PP = "pp"  # Laney p-prime
    U = "u"
    UP = "up"  # Laney u-prime
    C = "c"
    G = "g"
    T = "t"
    XBAR = "xbar"
    S = "s"


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    NEITHER = "neither"


class Rule(StrEnum):
    OUTSIDE_LIMITS = "outside_limits"
    SHIFT = "shift"
    TREND = "trend"
    TWO_OF_THREE = "two_of_three"


class PointType(StrEnum):
    """NHSRplotthedots' words for a point."""

    COMMON_CAUSE = "common_cause"
    IMPROVEMENT = "special_cause_improvement"
    CONCERN = "special_cause_concern"
    NEUTRAL_HIGH = "special_cause_neutral_high"
    NEUTRAL_LOW = "special_cause_neutral_low"


#: The point types by their code in `PointTable.point_type` (and in the XmR engine's arrays).
POINT_TYPES: tuple[PointType, ...] = (
    PointType.COMMON_CAUSE,
    PointType.IMPROVEMENT,
    PointType.CONCERN,
    PointType.NEUTRAL_HIGH,
    PointType.NEUTRAL_LOW,
)
#: The order rules are listed in: NHSRplotthedots' precedence, so the first one names the point.
#: Rule k of it is bit k of a point's rule bits (`PointTable.rule_bits`).
RULE_ORDER: tuple[Rule, ...] = (Rule.OUTSIDE_LIMITS, Rule.TREND, Rule.TWO_OF_THREE, Rule.SHIFT)
#: The rules that fired, by rule bits 0 to 15.
RULE_SETS: tuple[frozenset[Rule], ...] = tuple(
    frozenset(r for bit, r in enumerate(RULE_ORDER) if code >> bit & 1) for code in range(16)
)


class VariationIcon(StrEnum):
    COMMON_CAUSE = "common_cause"
    IMPROVEMENT_HIGH = "improvement_high"
    IMPROVEMENT_LOW = "improvement_low"
    CONCERN_HIGH = "concern_high"
    CONCERN_LOW = "concern_low"
    NEUTRAL_HIGH = "neutral_high"
    NEUTRAL_LOW = "neutral_low"


class AssuranceIcon(StrEnum):
    CONSISTENT_PASS = "consistent_pass"  # noqa: S105 (an icon, not a password)
    CONSISTENT_FAIL = "consistent_fail"
    INCONSISTENT = "inconsistent"


XLabel = str | dt.date | float | int


@dataclass(frozen=True)
class Series:
    """One series of observations, in time order.

    `values` are the measurements (or numerators, for p, pp, u and up charts); None or NaN is a
    missing value. `denominators` are needed for p, pp, u and up. For xbar and s charts there is
    one entry per observation and `x` repeats: consecutive observations sharing an `x` form one
    subgroup.
    """

    x: tuple[XLabel, ...]
    values: tuple[float | None, ...]
    denominators: tuple[float | None, ...] | None = None


@dataclass(frozen=True)
class Options:
    """How to compute a chart. Defaults are NHSRplotthedots' for XmR and qicharts2's for the rest.

    `rebase_at` holds 0-based subgroup indices where a new phase (recalculation) starts.
    `targets` may give one target for the whole series, or a tuple with one per subgroup (target
    changes; None where there is none).
    """

    chart: ChartType = ChartType.XMR
    direction: Direction = Direction.INCREASE
    target: float | None = None
    targets: tuple[float | None, ...] | None = None
    rebase_at: tuple[int, ...] = ()
    fix_after: int | None = None
    screen_outliers: bool = True
    exclude: tuple[int, ...] = ()


@dataclass(frozen=True)
class Point:
    x: XLabel
    value: float | None
    centre: float | None
    lower: float | None
    upper: float | None
    lower_2sigma: float | None
    upper_2sigma: float | None
    phase: int
    rules: frozenset[Rule]
    point_type: PointType
    target: float | None = None


FloatArray = NDArray[np.float64]


class PointTable(NamedTuple):
    """Every field of `Point` but `x` as one array, for points back to back: one series' or a
    whole batch's. NaN stands for None (a missing value, no limits, no target)."""

    value: FloatArray
    centre: FloatArray
    lower: FloatArray
    upper: FloatArray
    lower_2sigma: FloatArray
    upper_2sigma: FloatArray
    phase: NDArray[np.int64]
    rule_bits: NDArray[np.uint8]  # an index into RULE_SETS
    point_type: NDArray[np.int8]  # an index into POINT_TYPES
    target: FloatArray

    @classmethod
    def of_points(cls, points: Sequence[Point]) -> PointTable:
        def floats(values: list[float | None]) -> FloatArray:
            return np.array([math.nan if v is None else v for v in values], dtype=np.float64)

        return cls(
            value=floats([p.value for p in points]),
            centre=floats([p.centre for p in points]),
            lower=floats([p.lower for p in points]),
            upper=floats([p.upper for p in points]),
            lower_2sigma=floats([p.lower_2sigma for p in points]),
            upper_2sigma=floats([p.upper_2sigma for p in points]),
            phase=np.array([p.phase for p in points], dtype=np.int64),
            rule_bits=np.array([_RULE_BITS[p.rules] for p in points], dtype=np.uint8),
            point_type=np.array([_POINT_TYPE_CODES[p.point_type] for p in points], dtype=np.int8),
            target=floats([p.target for p in points]),
        )


_RULE_BITS = {rules: bits for bits, rules in enumerate(RULE_SETS)}
_POINT_TYPE_CODES = {point_type: code for code, point_type in enumerate(POINT_TYPES)}


def _none_for_nan(values: list[float]) -> list[float | None]:
    return [None if v != v else v for v in values]  # NaN is the only value not equal to itself


_Row = TypeVar("_Row")
_Table = TypeVar("_Table")


class OnDemand(Generic[_Table]):
    """A batch's table, made by `make` when a result first reads it, then kept for every result
    of the batch. A roll-up page asks ten thousand results for their icons and never for their
    points or phases: it should not pay for spreading each phase's limits over a million points,
    nor for the runs analysis of eleven thousand phases."""

    __slots__ = ("_make", "_table")

    def __init__(self, make: Callable[[], _Table]) -> None:
        self._make: Callable[[], _Table] | None = make
        self._table: _Table | None = None

    def get(self) -> _Table:
        if self._table is None:
            assert self._make is not None
            self._table = self._make()
            self._make = None  # let go of what the table was made from
        return self._table


class _Rows(Sequence[_Row]):
    """What `PointColumns` and `PhaseColumns` share: a run of rows of a table of arrays, turned
    into frozen dataclasses with their constructor (`_build`) when the first is asked for (by index
    or by iterating), all at once, and kept. Equal to another of its kind holding the same arrays,
    or to a tuple, holding equal objects; it hashes and shows as that tuple.

    Plain classes with read-only properties rather than frozen dataclasses: a batch makes one of
    each per series, and a frozen dataclass's `__init__` (an `object.__setattr__` call per field)
    cost about as much as all the rest of a series' result."""

    __slots__ = ("_items",)
    _items: tuple[_Row, ...] | None

    def _build(self) -> tuple[_Row, ...]:
        raise NotImplementedError

    def _labels_and_arrays(self) -> tuple[tuple[XLabel, ...], tuple[NDArray[Any], ...]]:
        raise NotImplementedError

    def _built(self) -> tuple[_Row, ...]:
        if self._items is None:
            self._items = self._build()
        return self._items

    @overload
    def __getitem__(self, index: int) -> _Row: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[_Row]: ...

    def __getitem__(self, index: int | slice) -> _Row | Sequence[_Row]:
        return self._built()[index]

    def __iter__(self) -> Iterator[_Row]:
        return iter(self._built())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, tuple):
            return self._built() == other
        if type(other) is not type(self) or not isinstance(other, _Rows):
            return NotImplemented
        labels, arrays = self._labels_and_arrays()
        their_labels, their_arrays = other._labels_and_arrays()
        pairs = zip(arrays, their_arrays, strict=True)
        return labels == their_labels and all(np.array_equal(a, b, equal_nan=True) for a, b in pairs)

    def __hash__(self) -> int:
        return hash(self._built())  # as the tuple it equals

    def __repr__(self) -> str:
        return repr(self._built())


class PointColumns(_Rows[Point]):
    """A result's points as columns: the labels `x`, and rows `start` to `start + len(x)` of `table`.

    The results of one batch share the batch's table, so making them copies nothing per point;
    the `Point`s are built when first asked for. A slice is columns too.
    """

    __slots__ = ("_start", "_table", "_x")

    def __init__(
        self, x: tuple[XLabel, ...], table: PointTable | OnDemand[PointTable], start: int = 0
    ) -> None:
        self._x, self._table, self._start, self._items = x, table, start, None

    @property
    def x(self) -> tuple[XLabel, ...]:
        return self._x

    @property
    def table(self) -> PointTable:
        table = self._table
        return table.get() if isinstance(table, OnDemand) else table

    @property
    def start(self) -> int:
        return self._start

    @classmethod
    def of(cls, points: Sequence[Point]) -> PointColumns:
        """`points` as columns (themselves if they are columns already)."""
        if isinstance(points, PointColumns):
            return points
        return cls(tuple(p.x for p in points), PointTable.of_points(points))

    def arrays(self) -> PointTable:
        """This result's rows of the table (views, not copies)."""
        rows = slice(self._start, self._start + len(self._x))
        return PointTable._make(column[rows] for column in self.table)

    def _build(self) -> tuple[Point, ...]:
        t = self.arrays()
        floats = (t.value, t.centre, t.lower, t.upper, t.lower_2sigma, t.upper_2sigma, t.target)
        optional = [_none_for_nan(column.tolist()) for column in floats]
        rule_sets, point_types = RULE_SETS, POINT_TYPES
        return tuple(
            Point(x, v, c, lo, up, lo2, up2, phase, rule_sets[bits], point_types[code], target)
            for x, v, c, lo, up, lo2, up2, target, phase, bits, code in zip(
                self._x, *optional, t.phase.tolist(), t.rule_bits.tolist(), t.point_type.tolist(), strict=True
            )
        )

    def _labels_and_arrays(self) -> tuple[tuple[XLabel, ...], tuple[NDArray[Any], ...]]:
        return tuple(self._x), self.arrays()

    def __len__(self) -> int:
        return len(self._x)

    @overload
    def __getitem__(self, index: int) -> Point: ...

    @overload
    def __getitem__(self, index: slice) -> PointColumns: ...

    def __getitem__(self, index: int | slice) -> Point | PointColumns:
        if isinstance(index, slice):
            return PointColumns(self._x[index], PointTable._make(column[index] for column in self.arrays()))
        return self._built()[index]

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (and copied) as its own rows only, not the whole batch's table.
        return (PointColumns, (self._x, self.arrays()))


@dataclass(frozen=True)
class Phase:
    """One phase (a qicharts2 part, an NHSRplotthedots rebase group) with Anhøj's runs figures."""

    index: int
    first_x: XLabel
    start: int  # 0-based index of the first subgroup of the phase
    n: int
    centre: float | None
    longest_run: int | None
    longest_run_max: int | None
    crossings: int | None
    crossings_min: int | None
    runs_signal: bool


IntArray = NDArray[np.int64]


class PhaseTable(NamedTuple):
    """Every field of `Phase` but `first_x` as one array, for phases back to back (a whole batch's).
    `phase` is `Phase.index` (a tuple's own `index` takes that name). NaN stands for no centre;
    where `useful` (the values off the centre line) is 0, the runs figures are None."""

    phase: IntArray
    start: IntArray
    n: IntArray
    centre: FloatArray
    useful: IntArray
    longest_run: IntArray
    longest_run_max: IntArray
    crossings: IntArray
    crossings_min: IntArray
    runs_signal: NDArray[np.bool_]


class PhaseColumns(_Rows[Phase]):
    """A result's phases as columns: rows `first` to `stop` of `table`, whose first values' labels
    are in `x` (the series' labels). The results of one batch share the batch's table; the
    `Phase`s are built when first asked for."""

    __slots__ = ("_first", "_stop", "_table", "_x")

    def __init__(
        self, x: tuple[XLabel, ...], table: PhaseTable | OnDemand[PhaseTable], first: int, stop: int
    ) -> None:
        self._x, self._table, self._first, self._stop, self._items = x, table, first, stop, None

    @property
    def x(self) -> tuple[XLabel, ...]:
        return self._x

    @property
    def table(self) -> PhaseTable:
        table = self._table
        return table.get() if isinstance(table, OnDemand) else table

    def arrays(self) -> PhaseTable:
        """This result's rows of the table (views, not copies)."""
        rows = slice(self._first, self._stop)
        return PhaseTable._make(column[rows] for column in self.table)

    def _build(self) -> tuple[Phase, ...]:
        x = self._x
        return tuple(
            Phase(
                index=index,
                first_x=x[start],
                start=start,
                n=n,
                centre=None if centre != centre else centre,  # NaN is the only value not equal to itself
                longest_run=longest if useful else None,
                longest_run_max=most if useful else None,
                crossings=crossings if useful else None,
                crossings_min=least if useful else None,
                runs_signal=signal,
            )
            for index, start, n, centre, useful, longest, most, crossings, least, signal in zip(
                *(column.tolist() for column in self.arrays()), strict=True
            )
        )

    def _labels_and_arrays(self) -> tuple[tuple[XLabel, ...], tuple[NDArray[Any], ...]]:
        t = self.arrays()
        return tuple(self._x[start] for start in t.start.tolist()), t

    def __len__(self) -> int:
        return self._stop - self._first

    def __reduce__(self) -> tuple[Any, ...]:
        return (PhaseColumns, (self._x, self.arrays(), 0, len(self)))


@dataclass(frozen=True)
class Result:
    """A computed chart. For the xmr charts of `compute` and `compute_batch`, `points` and `phases`
    are columns (`PointColumns`, `PhaseColumns`); for the others, tuples of `Point`s and `Phase`s.
    Either way they are sequences of them, and equal when their items are."""

    chart: ChartType
    options: Options
    points: Sequence[Point]
    phases: Sequence[Phase]
    variation_icon: VariationIcon | None
    assurance_icon: AssuranceIcon | None
    warnings: tuple[str, ...] = field(default=())
