"""OpenQMS's statistical process control engine (pure: numpy only, no Django).

One series::

    from openqms.spc import ChartType, Direction, Options, Series, compute

    series = Series(x=("2024-01", "2024-02", ...), values=(41.0, 44.5, ...))
    result = compute(series, Options(direction=Direction.DECREASE, target=40.0))
    result.variation_icon, result.assurance_icon  # Making Data Count icons
    [(p.x, p.centre, p.lower, p.upper, p.point_type) for p in result.points]
    result.points.arrays().upper  # the same as columns (a numpy array per field of Point)

    compute(series, Options(chart=ChartType.I))  # qicharts2's charts: run, i, mr, p, pp, u, ...

Many series at once (a whole trust), either as results (whose points are views of the batch's
arrays until a `Point` is asked for) or as the engine's arrays alone::

    from openqms.spc import compute_batch, xmr_arrays

    results = compute_batch(list_of_series, Options(direction=Direction.INCREASE))
    arrays = xmr_arrays(flat_values, offsets, direction=directions, target=targets)

`xmr` follows NHSRplotthedots (Making Data Count); every other chart follows qicharts2.
docs/spc.md describes the rules, the JSON format and where the two packages differ.
"""

from openqms.spc.api import compute
from openqms.spc.batch import compute_batch
from openqms.spc.jsonio import result_to_dict, result_to_json
from openqms.spc.types import (
    POINT_TYPES,
    RULE_ORDER,
    RULE_SETS,
    AssuranceIcon,
    ChartType,
    Direction,
    Options,
    Phase,
    PhaseColumns,
    PhaseTable,
    Point,
    PointColumns,
    PointTable,
    PointType,
    Result,
    Rule,
    Series,
    VariationIcon,
    XLabel,
)
from openqms.spc.xmr import pad_to_flat, xmr_arrays
from openqms.spc.xmr_codes import XmrArrays

__all__ = [
    "POINT_TYPES",
    "RULE_ORDER",
    "RULE_SETS",
    "AssuranceIcon",
    "ChartType",
    "Direction",
    "Options",
    "Phase",
    "PhaseColumns",
    "PhaseTable",
    "Point",
    "PointColumns",
    "PointTable",
    "PointType",
    "Result",
    "Rule",
    "Series",
    "VariationIcon",
    "XLabel",
    "XmrArrays",
    "compute",
    "compute_batch",
    "pad_to_flat",
    "result_to_dict",
    "result_to_json",
    "xmr_arrays",
]
