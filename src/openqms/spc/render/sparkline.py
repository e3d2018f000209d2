"""A small chart for boards and summary tables: the line, the latest phase's limits, the latest point."""

from __future__ import annotations

import math

from openqms.spc.render.axes import build_x_scale, format_value
from openqms.spc.render.markup import SVG_NS, esc, num, tag
from openqms.spc.render.palette import BAND, CENTRE, GREY, POINT_WORDS, WHITE
from openqms.spc.render.shapes import marker, polyline_path
from openqms.spc.types import Result


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def render_sparkline(result: Result, *, title: str, width: int = 120, height: int = 32) -> str:
    """A sparkline SVG whose <title> (and aria-label) give the title and the latest value in words."""
    points = result.points
    xscale = build_x_scale([p.x for p in points])
    latest_phase = points[-1].phase if points else 0
    phase_indices = [i for i, p in enumerate(points) if p.phase == latest_phase]
    last_limits = points[-1] if points else None

    ys = [v for p in points if (v := _finite(p.value)) is not None]
    if last_limits is not None:
        limits = (last_limits.lower, last_limits.upper, last_limits.centre)
        ys.extend(v for v in limits if v is not None and math.isfinite(v))
    lo, hi = (min(ys), max(ys)) if ys else (0.0, 1.0)
    if hi - lo <= abs(hi) * 1e-12:
        # A flat line: widen around it, by more than 1 for huge values (1e300 + 1 is 1e300).
        widen = max(1.0, abs(hi) * 1e-6)
        lo, hi = lo - widen, hi + widen
    # Room for the emphasised last point, so it is never clipped at the edge.
    pad = 5.0
    span = xscale.hi - xscale.lo

    def px(position: float) -> float:
        if span <= 0:
            return width / 2
        return pad + (position - xscale.lo) / span * (width - 2 * pad)

    def py(value: float) -> float:
        return height - pad - (value - lo) / (hi - lo) * (height - 2 * pad)

    xs = [px(position) for position in xscale.positions]
    body = []
    if last_limits is not None and phase_indices:
        lower, upper = _finite(last_limits.lower), _finite(last_limits.upper)
        left, right = xs[phase_indices[0]], xs[phase_indices[-1]]
        if lower is not None and upper is not None:
            body.append(
                tag(
                    "rect",
                    {
                        "class": "spc-spark-band",
                        "x": left,
                        "y": py(upper),
                        "width": max(right - left, 1.0),
                        "height": max(py(lower) - py(upper), 0.5),
                        "fill": BAND,
                        "fill-opacity": 0.55,
                    },
                )
            )
        if (centre := _finite(last_limits.centre)) is not None:
            body.append(
                tag(
                    "path",
                    {
                        "class": "spc-spark-centre",
                        "d": f"M{num(left)} {num(py(centre))}H{num(right)}",
                        "stroke": CENTRE,
                        "stroke-width": 0.75,
                        "stroke-opacity": 0.6,
                    },
                )
            )
    line = polyline_path(
        [(x, None if (v := _finite(p.value)) is None else py(v)) for x, p in zip(xs, points, strict=True)]
    )
    if line:
        body.append(
            tag(
                "path",
                {
                    "class": "spc-spark-line",
                    "d": line,
                    "fill": "none",
                    "stroke": GREY,
                    "stroke-width": 1.5,
                    "stroke-linejoin": "round",
                },
            )
        )

    label = title
    valued = [(x, p) for x, p in zip(xs, points, strict=True) if _finite(p.value) is not None]
    if valued:
        x, point = valued[-1]
        value = _finite(point.value)
        if value is not None:
            # A white ring lifts the last point off the line at this small size.
            body.append(tag("circle", {"cx": x, "cy": py(value), "r": 3.8, "fill": WHITE}))
            body.append(marker(point.point_type, x, py(value), 2.6))
            label = f"{title}: latest value {format_value(value)}, {POINT_WORDS[point.point_type]}"
    return tag(
        "svg",
        {
            "xmlns": SVG_NS,
            "class": "spc-sparkline",
            "width": width,
            "height": height,
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "aria-label": label,
        },
        tag("title", {}, esc(label)) + "".join(body),
    )
