"""`openqms spc`: the command line, called in-process through main() and once as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from openqms.spc import Options, Series, compute
from openqms.spc.cli import main

STABLE = [10.0, 12, 11, 13, 10, 12, 11, 10, 13, 12, 11, 10, 12, 11]


def write(tmp_path: Path, text: str, name: str = "data.csv") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def value_csv(values: list[float | None], start_day: int = 1) -> str:
    rows = [f"2024-01-{start_day + i:02d},{'' if v is None else v}" for i, v in enumerate(values)]
    return "x,value\n" + "\n".join(rows) + "\n"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_it_prints_a_table_by_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([write(tmp_path, value_csv(STABLE))], capsys)
    assert code == 0
    assert err == ""
    header = out.splitlines()[0].split()
    assert header[:5] == ["x", "value", "centre", "lower", "upper"]
    assert "2024-01-01" in out
    assert "variation icon: common_cause" in out


def test_it_writes_the_documented_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values: list[float | None] = [*STABLE, None, 30.0]
    path = write(tmp_path, value_csv(values))
    code, out, _ = run([path, "--format", "json", "--target", "5", "--direction", "decrease"], capsys)
    assert code == 0
    doc = json.loads(out)
    assert doc["chart"] == "xmr"
    assert set(doc) >= {"chart", "variation_icon", "assurance_icon", "warnings", "phases", "points"}
    assert len(doc["points"]) == len(values)
    first = doc["points"][0]
    assert set(first) >= {"x", "value", "centre", "lower", "upper", "lower_2sigma", "upper_2sigma"}
    assert set(first) >= {"phase", "rules", "point_type"}
    assert first["x"] == "2024-01-01"
    assert doc["points"][14]["value"] is None
    assert doc["points"][-1]["rules"] == ["outside_limits"]
    assert doc["points"][-1]["point_type"] == "special_cause_concern"
    assert doc["variation_icon"] == "concern_high"
    assert doc["assurance_icon"] == "consistent_fail"
    (phase,) = doc["phases"]
    assert phase["x"] == "2024-01-01"
    assert phase["n"] == len(values)
    assert set(phase) >= {"longest_run", "longest_run_max", "crossings", "crossings_min", "runs_signal"}


def test_json_numbers_keep_full_precision(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = [0.1, 0.7, 0.3, 1.0 / 3.0, 0.45]
    _, out, _ = run([write(tmp_path, value_csv(values)), "--format", "json"], capsys)
    doc = json.loads(out)
    result = compute(Series(x=tuple(range(5)), values=tuple(values)), Options())
    for mine, p in zip(doc["points"], result.points, strict=True):
        assert mine["value"] == p.value
        assert mine["centre"] == p.centre
        assert mine["upper"] == p.upper
        assert mine["lower_2sigma"] == p.lower_2sigma
    assert repr(result.points[0].upper) in out


def test_a_rebase_names_an_x_as_written_in_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, value_csv(STABLE + [v + 20 for v in STABLE]))
    code, out, _ = run([path, "--format", "json", "--rebase", "2024-01-15"], capsys)
    assert code == 0
    doc = json.loads(out)
    assert [(ph["x"], ph["n"]) for ph in doc["phases"]] == [("2024-01-01", 14), ("2024-01-15", 14)]
    assert doc["points"][14]["phase"] == 1


def test_numerator_and_denominator_make_a_ratio_for_xmr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = "\n".join(f"{i},{n},{d}" for i, (n, d) in enumerate([(1, 10), (2, 10), (3, 12), (2, 8)], start=1))
    path = write(tmp_path, "x,numerator,denominator\n" + rows + "\n")
    code, out, _ = run([path, "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out)["points"][0]["value"] == 0.1
    assert json.loads(out)["points"][0]["x"] == 1


@pytest.mark.parametrize(
    ("text", "args", "expected"),
    [
        ("x,amount\n1,2\n2,3\n", [], "column 'value'"),
        ("x,value\n1,2\n2,abc\n3,4\n", [], "line 3, column 'value': 'abc' is not a number"),
        ("x,numerator,denominator\n1,2,5\n2,3,0\n", ["--chart", "p"], "line 3, column 'denominator'"),
        ("x,value\n1,2\n", [], "at least 2"),
        ("x,value\n1,2\n2,3\n2,4\n", [], "line 4, column 'x'"),
        ("x,value\n1,2\n2,3\n3,4\n", ["--rebase", "9"], "--rebase 9"),
        ("x,value\n" + "".join(f"{i},{i % 3}\n" for i in range(20)), ["--fix-after", "5"], "at least 12"),
        ("x,value\n1,2\n2,3\n", ["--chart", "p"], "'numerator' and 'denominator'"),
    ],
    ids=[
        "no-value-column",
        "text-in-number",
        "zero-denominator",
        "too-few-points",
        "repeated-x",
        "rebase-not-in-x",
        "fix-after-too-small",
        "p-chart-without-denominator",
    ],
)
def test_bad_input_exits_non_zero_with_a_message_and_writes_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, args: list[str], expected: str
) -> None:
    svg = tmp_path / "chart.svg"
    code, out, err = run([write(tmp_path, text), *args, "--svg", str(svg)], capsys)
    assert code == 1
    assert out == ""
    assert expected in err
    assert not svg.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "data.csv"]


def test_an_unknown_option_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([write(tmp_path, value_csv(STABLE)), "--colour", "red"], capsys)
    assert code == 2
    assert "unrecognized arguments: --colour" in err


def test_an_unknown_chart_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([write(tmp_path, value_csv(STABLE)), "--chart", "pie"], capsys)
    assert code == 2
    assert "--chart" in err


def test_a_missing_file_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([str(tmp_path / "nope.csv")], capsys)
    assert code == 1
    assert "cannot read" in err


def test_it_writes_svg_and_png_charts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    svg, png = tmp_path / "c.svg", tmp_path / "c.png"
    code, _, _ = run([write(tmp_path, value_csv(STABLE)), "--svg", str(svg), "--png", str(png)], capsys)
    assert code == 0
    assert svg.read_text().lstrip().startswith("<svg")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_other_charts_go_to_the_qicharts2_engine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run([write(tmp_path, value_csv(STABLE)), "--chart", "run", "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out)["chart"] == "run"


def test_subgroup_rows_share_an_x_for_xbar_charts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = "".join(f"2024-01-{d:02d},{v}\n" for d in range(1, 8) for v in (10 + d % 3, 11, 12 - d % 2))
    code, out, _ = run([write(tmp_path, "x,value\n" + rows), "--chart", "xbar", "--format", "json"], capsys)
    assert code == 0
    assert len(json.loads(out)["points"]) == 7


@pytest.mark.parametrize(
    "command",
    [["-m", "openqms.cli", "spc"], ["-m", "openqms.spc"]],
    ids=["openqms spc", "python -m openqms.spc"],
)
def test_the_command_line_runs_as_a_subprocess(tmp_path: Path, command: list[str]) -> None:
    path = write(tmp_path, value_csv(STABLE))
    proc = subprocess.run(
        [sys.executable, *command, path, "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["variation_icon"] == "common_cause"
    bad = subprocess.run(
        [sys.executable, "-m", "openqms.cli", "spc", str(tmp_path / "missing.csv")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 1
    assert "openqms spc: error" in bad.stderr
