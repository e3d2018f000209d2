"""`openqms spc INPUT.csv`: one chart from a CSV file, as a table, JSON, SVG or PNG.

Exit status: 0 on success, 1 when the data or the options do not make a chart (the message names
the CSV line and column where there is one), 2 for a malformed command line. On any error no
output file is written.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
from collections.abc import Sequence
from typing import TextIO

from openqms.spc.api import compute
from openqms.spc.csvio import CsvError, CsvSeries, read_csv
from openqms.spc.jsonio import RULE_ORDER, result_to_json, x_to_json
from openqms.spc.types import ChartType, Direction, Options, Result, XLabel

__all__ = ["main"]

PROG = "openqms spc"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG,
        description="Compute a statistical process control chart from a CSV file with an 'x' column and "
        "either 'value' or 'numerator' and 'denominator'. An empty cell is a missing value.",
    )
    p.add_argument("input", help="the CSV file ('-' reads standard input)")
    p.add_argument(
        "--chart",
        choices=[c.value for c in ChartType],
        default=ChartType.XMR.value,
        help="chart type (default: xmr, the Making Data Count XmR chart)",
    )
    p.add_argument(
        "--direction",
        choices=[d.value for d in Direction],
        default=Direction.INCREASE.value,
        help="which way is improvement (default: increase)",
    )
    p.add_argument("--target", type=float, help="the target, for the assurance icon")
    p.add_argument(
        "--rebase",
        action="append",
        default=[],
        metavar="X",
        help="start a new phase (recalculate the limits) at this x, as written in the CSV; repeatable",
    )
    p.add_argument(
        "--fix-after",
        type=int,
        metavar="N",
        help="fix the limits on the first N points of each phase (xmr: N >= 12)",
    )
    p.add_argument(
        "--no-screen-outliers", action="store_true", help="keep large moving ranges when computing the limits"
    )
    p.add_argument("--format", choices=["table", "json"], default="table", help="output (default: table)")
    p.add_argument("--svg", metavar="FILE", help="also write the chart as SVG")
    p.add_argument("--png", metavar="FILE", help="also write the chart as PNG")
    p.add_argument("--title", help="the chart's title (default: the input file's name)")
    return p


def _options(args: argparse.Namespace, data: CsvSeries) -> Options:
    rebase_at: list[int] = []
    for text in args.rebase:
        k = data.subgroup_of_x(text)
        if k is None:
            raise CsvError(f"--rebase {text}: there is no such x in the file", column="x")
        rebase_at.append(k)
    if args.target is not None and not math.isfinite(args.target):
        raise CsvError(f"--target {args.target}: the target must be a finite number")
    return Options(
        chart=ChartType(args.chart),
        direction=Direction(args.direction),
        target=args.target,
        rebase_at=tuple(sorted(set(rebase_at))),
        fix_after=args.fix_after,
        screen_outliers=not args.no_screen_outliers,
    )


def _fmt(v: float | None) -> str:
    if v is None or math.isnan(v):
        return "-"
    return f"{v:.6g}"


def _x_text(x: XLabel) -> str:
    return str(x_to_json(x))


def _table(result: Result, out: TextIO) -> None:
    head = ["x", "value", "centre", "lower", "upper", "phase", "rules", "point type"]
    rows = [
        [
            _x_text(p.x),
            _fmt(p.value),
            _fmt(p.centre),
            _fmt(p.lower),
            _fmt(p.upper),
            str(p.phase),
            ",".join(r.value for r in RULE_ORDER if r in p.rules) or "-",
            p.point_type.value,
        ]
        for p in result.points
    ]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    numeric = {1, 2, 3, 4, 5}
    for r in [head, *rows]:
        cells = [
            c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        out.write("  ".join(cells).rstrip() + "\n")
    out.write("\n")
    out.write(f"chart: {result.chart.value}\n")
    out.write(f"variation icon: {result.variation_icon.value if result.variation_icon else '-'}\n")
    out.write(f"assurance icon: {result.assurance_icon.value if result.assurance_icon else '-'}\n")
    for ph in result.phases:
        runs = (
            f"longest run {ph.longest_run} (max {ph.longest_run_max}), crossings {ph.crossings} "
            f"(min {ph.crossings_min}), runs signal {'yes' if ph.runs_signal else 'no'}"
            if ph.longest_run is not None
            else "no useful points for the runs analysis"
        )
        out.write(
            f"phase {ph.index} from {_x_text(ph.first_x)}: n={ph.n}, centre {_fmt(ph.centre)}; {runs}\n"
        )
    for w in result.warnings:
        out.write(f"warning: {w}\n")


def _write_atomically(path: str, data: bytes) -> None:
    """Write through a temporary file so a failure leaves no partial file behind."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".openqms-spc-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; an image is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _read(path: str, chart: ChartType) -> CsvSeries:
    if path == "-":
        from openqms.spc.csvio import parse_csv

        return parse_csv(sys.stdin.read(), chart)
    return read_csv(path, chart)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as e:  # argparse has printed the usage and the reason
        return int(e.code) if isinstance(e.code, int) else 2
    chart = ChartType(args.chart)
    try:
        data = _read(args.input, chart)
        options = _options(args, data)
        result = compute(data.series, options)
        images: list[tuple[str, bytes]] = []
        if args.svg or args.png:
            from openqms.spc.render import render_chart, svg_to_png

            title = args.title or (os.path.basename(args.input) if args.input != "-" else "SPC chart")
            svg = render_chart(result, title=title)
            if args.svg:
                images.append((args.svg, svg.encode("utf-8")))
            if args.png:
                images.append((args.png, svg_to_png(svg)))
    except (CsvError, ValueError) as e:
        where = args.input if isinstance(e, CsvError) and e.line is not None else None
        prefix = f"{where}, " if where else ""
        print(f"{PROG}: error: {prefix}{e}", file=sys.stderr)
        return 1
    for path, blob in images:
        try:
            _write_atomically(path, blob)
        except OSError as e:
            print(f"{PROG}: error: cannot write {path}: {e.strerror}", file=sys.stderr)
            return 1
    if args.format == "json":
        sys.stdout.write(result_to_json(result) + "\n")
    else:
        _table(result, sys.stdout)
    return 0
