"""The full SPC chart: structure, accessibility, escaping and determinism of the SVG."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from openqms.spc.render import render_chart
from openqms.spc.render.examples import example_results, months, xmr_result
from openqms.spc.types import (
    AssuranceIcon,
    ChartType,
    Options,
    Phase,
    Point,
    PointType,
    Result,
    Rule,
    VariationIcon,
)

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, parsed to check it)


def by_class(root: ET.Element, css_class: str) -> list[ET.Element]:
    return [e for e in root.iter() if css_class in (e.get("class") or "").split()]


def point(
    i: int,
    value: float | None,
    *,
    phase: int = 0,
    centre: float = 10.0,
    point_type=PointType.COMMON_CAUSE,
    rules: frozenset[Rule] = frozenset(),
    target: float | None = None,
) -> Point:
    return Point(
        x=months(dt.date(2024, 1, 1), 40)[i],
        value=value,
        centre=centre,
        lower=centre - 5,
        upper=centre + 5,
        lower_2sigma=centre - 3.3,
        upper_2sigma=centre + 3.3,
        phase=phase,
        rules=rules,
        point_type=point_type,
        target=target,
    )


def result_of(
    points: list[Point],
    *,
    variation: VariationIcon | None = VariationIcon.COMMON_CAUSE,
    assurance: AssuranceIcon | None = None,
) -> Result:
    phases = []
    for index in sorted({p.phase for p in points}):
        members = [i for i, p in enumerate(points) if p.phase == index]
        phases.append(
            Phase(
                index,
                points[members[0]].x,
                members[0],
                len(members),
                points[members[0]].centre,
                None,
                None,
                None,
                None,
                False,
            )
        )
    return Result(ChartType.XMR, Options(), tuple(points), tuple(phases), variation, assurance)


STEADY = result_of([point(i, 10.0 + (i % 3) - 1) for i in range(12)])


def test_the_chart_is_standalone_xml_in_the_svg_namespace_with_a_viewbox():
    root = parse(render_chart(STEADY, title="Falls per 1,000 bed days", width=640, height=320))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 640 320"
    assert (root.get("width"), root.get("height")) == ("640", "320")


def test_the_root_is_an_image_labelled_by_its_title_and_description():
    root = parse(render_chart(STEADY, title="Falls per 1,000 bed days"))
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    title = root.find("svg:title", NS)
    desc = root.find("svg:desc", NS)
    assert title is not None
    assert desc is not None
    assert (title.get("id"), title.text) == (title_id, "Falls per 1,000 bed days")
    assert desc.get("id") == desc_id


def test_the_generated_description_gives_points_latest_value_limits_and_icons_in_words():
    desc = parse(render_chart(STEADY, title="Falls")).find("svg:desc", NS)
    assert desc is not None
    assert desc.text is not None
    text = desc.text
    assert "12 points from Jan 2024 to Dec 2024" in text
    assert "Latest value: 11 (Dec 2024)" in text
    assert "the mean is 10" in text.lower()
    assert "5 (lower) and 15 (upper)" in text
    assert "No special cause variation" in text
    assert "The variation icon means common cause variation: no significant change" in text


def test_the_description_names_the_special_causes_that_occurred():
    points = [point(i, 10.0) for i in range(11)] + [
        point(11, 16.0, point_type=PointType.CONCERN, rules=frozenset({Rule.OUTSIDE_LIMITS}))
    ]
    desc = parse(render_chart(result_of(points), title="Waits")).find("svg:desc", NS)
    assert desc is not None
    assert desc.text is not None
    assert "1 point of concern" in desc.text
    assert "1 point is outside the process limits: Dec 2024" in desc.text


def test_a_description_given_by_the_caller_replaces_the_generated_one():
    desc = parse(render_chart(STEADY, title="Falls", description="Our own words")).find("svg:desc", NS)
    assert desc is not None
    assert desc.text == "Our own words"


def test_each_point_gets_the_class_and_colour_of_its_type():
    kinds = [
        PointType.COMMON_CAUSE,
        PointType.IMPROVEMENT,
        PointType.CONCERN,
        PointType.NEUTRAL_HIGH,
        PointType.NEUTRAL_LOW,
    ]
    expected = {
        PointType.COMMON_CAUSE: "#7b7d7d",
        PointType.IMPROVEMENT: "#289de0",
        PointType.CONCERN: "#fab428",
        PointType.NEUTRAL_HIGH: "#361475",
        PointType.NEUTRAL_LOW: "#361475",
    }
    root = parse(
        render_chart(result_of([point(i, 10.0 + i, point_type=k) for i, k in enumerate(kinds)]), title="t")
    )
    for kind in kinds:
        (element,) = by_class(root, f"spc-point--{kind.value}")
        assert element.get("fill") == expected[kind]


def test_special_cause_points_differ_from_common_cause_in_shape_or_outline_not_only_colour():
    kinds = [PointType.COMMON_CAUSE, PointType.IMPROVEMENT, PointType.CONCERN, PointType.NEUTRAL_HIGH]
    root = parse(
        render_chart(result_of([point(i, 10.0, point_type=k) for i, k in enumerate(kinds)]), title="t")
    )
    common = by_class(root, "spc-point--common_cause")[0]
    assert common.get("stroke") is None
    for kind in kinds[1:]:
        special = by_class(root, f"spc-point--{kind.value}")[0]
        assert special.get("stroke") is not None
    shapes = {by_class(root, f"spc-point--{k.value}")[0].get("d", "circle")[:1] for k in kinds[2:]}
    assert len(shapes) == 1
    assert "circle" not in shapes


def test_centre_and_limit_lines_have_one_segment_per_phase_and_none_across_a_boundary():
    points = [point(i, 10.0, phase=0, centre=10.0) for i in range(8)]
    points += [point(i, 20.0, phase=1, centre=20.0) for i in range(8, 14)]
    points += [point(i, 30.0, phase=2, centre=30.0) for i in range(14, 20)]
    root = parse(render_chart(result_of(points), title="t"))
    centres = by_class(root, "spc-centre")
    assert len(centres) == 3
    assert len(by_class(root, "spc-limit--upper")) == 3
    assert len(by_class(root, "spc-limit--lower")) == 3
    for element in centres:
        # A single horizontal run: one move and no vertical step within the phase.
        d = element.get("d", "")
        assert d.count("M") == 1
        assert "V" not in d


def test_limits_that_vary_within_a_phase_are_drawn_as_steps():
    points = [point(i, 10.0, centre=10.0 + (i % 2)) for i in range(6)]
    (centre,) = by_class(parse(render_chart(result_of(points), title="t")), "spc-centre")
    assert centre.get("d", "").count("V") == 5


def test_the_target_line_is_drawn_red_and_dashed_when_points_have_targets():
    points = [point(i, 10.0, target=12.0 if i < 6 else 14.0) for i in range(12)]
    (target,) = by_class(parse(render_chart(result_of(points), title="t")), "spc-target")
    assert target.get("stroke") == "#de1b1b"
    assert target.get("stroke-dasharray")
    assert "V" in target.get("d", "")  # it steps where the target changes


def test_there_is_no_target_line_without_a_target():
    assert not by_class(parse(render_chart(STEADY, title="t")), "spc-target")


def test_missing_values_leave_gaps_in_the_data_line_and_have_no_marker():
    points = [point(i, None if i in (4, 5) else 10.0) for i in range(10)]
    root = parse(render_chart(result_of(points), title="t"))
    (line,) = by_class(root, "spc-data")
    assert line.get("d", "").count("M") == 2
    assert len(by_class(root, "spc-point")) == 8


def test_nan_values_are_treated_as_missing():
    points = [point(i, float("nan") if i == 3 else 10.0) for i in range(6)]
    root = parse(render_chart(result_of(points), title="t"))
    assert by_class(root, "spc-data")[0].get("d", "").count("M") == 2


def test_annotations_get_a_marker_and_an_escaped_label():
    hostile = 'PDSA <script>alert("x")</script> & more'
    svg = render_chart(
        STEADY, title="t", annotations=[(dt.date(2024, 3, 1), hostile), ("2024-06-01", "Go live")]
    )
    assert "<script" not in svg
    root = parse(svg)
    assert len(by_class(root, "spc-annotation-marker")) == 2
    labels = ["".join(e.itertext()) for e in by_class(root, "spc-annotation-label")]
    assert any("<script>" in label and "&" in label for label in labels)


def test_crowded_annotations_are_staggered_onto_separate_rows():
    notes = [(dt.date(2024, m, 1), f"A long description of change {m}") for m in (2, 3, 4)]
    labels = by_class(parse(render_chart(STEADY, title="t", annotations=notes)), "spc-annotation-label")
    assert len({label.get("y") for label in labels}) == 3


def test_every_caller_supplied_string_is_escaped():
    nasty = "</title><script>x()</script>&amp; \x00"
    points = [
        Point(
            nasty if i == 0 else f"week {i}",
            1.0,
            1.0,
            0.0,
            2.0,
            None,
            None,
            0,
            frozenset(),
            PointType.COMMON_CAUSE,
        )
        for i in range(5)
    ]
    svg = render_chart(result_of(points), title=nasty, annotations=[(nasty, nasty)], description=nasty)
    assert "<script" not in svg
    root = parse(svg)
    title = root.find("svg:title", NS)
    assert title is not None
    assert title.text == "</title><script>x()</script>&amp; "


def test_icons_appear_top_right_with_their_meaning_as_a_tooltip():
    result = result_of(
        [point(i, 10.0, target=20.0) for i in range(12)],
        variation=VariationIcon.CONCERN_LOW,
        assurance=AssuranceIcon.CONSISTENT_FAIL,
    )
    root = parse(render_chart(result, title="t", width=800))
    (variation,) = by_class(root, "spc-icon-variation")
    (assurance,) = by_class(root, "spc-icon-assurance")
    assert float(variation.get("x", 0)) > 600
    assert float(assurance.get("x", 0)) > float(variation.get("x", 0))
    assert variation.findtext("svg:title", namespaces=NS) == "Special cause variation: concern, lower values"
    assert "consistently fail the target" in (assurance.findtext("svg:title", namespaces=NS) or "")


def test_text_is_real_svg_text_in_a_frutiger_then_arial_font_stack_at_a_readable_size():
    root = parse(render_chart(STEADY, title="t"))
    assert root.get("font-family", "").startswith("Frutiger")
    assert "Arial" in root.get("font-family", "")
    texts = list(root.iter("{http://www.w3.org/2000/svg}text"))
    assert texts
    assert all(float(t.get("font-size", 0)) >= 12 for t in texts)


def test_date_ticks_are_month_names_for_a_long_series_and_days_for_a_short_one():
    root = parse(render_chart(STEADY, title="t"))
    months_shown = [t.text or "" for t in by_class(root, "spc-tick-x")]
    assert months_shown[0] == "Jan 2024"
    assert all(re.fullmatch(r"[A-Z][a-z]{2} 20\d\d", label) for label in months_shown)
    days = [
        Point(dt.date(2024, 3, d), 5.0, 5.0, 1.0, 9.0, None, None, 0, frozenset(), PointType.COMMON_CAUSE)
        for d in range(1, 15)
    ]
    labels = [t.text for t in by_class(parse(render_chart(result_of(days), title="t")), "spc-tick-x")]
    assert "3 Mar" in labels or "4 Mar" in labels


def test_the_same_input_gives_the_same_bytes():
    result, notes = example_results()["concern-target"]
    first = render_chart(result, title="Same", annotations=notes)
    assert render_chart(result, title="Same", annotations=notes) == first


def test_rendering_is_the_same_in_a_fresh_interpreter_whatever_the_hash_seed():
    script = (
        "from openqms.spc.render import render_chart;"
        "from openqms.spc.render.examples import example_results;"
        "r, n = example_results()['shift-rebase'];"
        "print(render_chart(r, title='Seeded', annotations=n))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_two_different_charts_do_not_share_element_ids():
    first = parse(render_chart(STEADY, title="One")).get("aria-labelledby")
    second = parse(render_chart(STEADY, title="Two")).get("aria-labelledby")
    assert first != second


def test_an_empty_result_still_renders_a_valid_chart_saying_there_is_no_data():
    svg = render_chart(
        result_of([]) if False else Result(ChartType.XMR, Options(), (), (), None, None), title="t"
    )
    root = parse(svg)
    assert "No data to show" in "".join(root.itertext())


def test_a_computed_style_series_with_a_rebase_renders_a_line_per_phase():
    result, notes = example_results()["shift-rebase"]
    root = parse(render_chart(result, title="Shift", annotations=notes))
    assert len(by_class(root, "spc-centre")) == len(result.phases) == 2


def test_the_renderers_import_without_django():
    code = "import sys, openqms.spc.render; assert not any(m.startswith('django') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_xmr_helper_marks_a_point_outside_the_limits():
    result = xmr_result([10, 11, 9, 10, 11, 10, 9, 30])
    assert Rule.OUTSIDE_LIMITS in result.points[-1].rules
    assert re.search("outside the process limits", render_chart(result, title="t"))


def test_two_sigma_lines_are_off_by_default_and_faint_when_asked_for():
    assert not by_class(parse(render_chart(STEADY, title="t")), "spc-2sigma")
    lines = by_class(parse(render_chart(STEADY, title="t", show_2sigma=True)), "spc-2sigma")
    assert len(lines) == 2
    assert all(float(line.get("stroke-width", 9)) <= 1 for line in lines)


def test_the_description_explains_a_recalculation_and_the_assurance_icon_in_words():
    result, notes = example_results()["shift-rebase"]
    desc = parse(render_chart(result, title="t", annotations=notes)).findtext("svg:desc", namespaces=NS) or ""
    assert "The limits were recalculated once; the latest period starts Jan 2023 and has 18 points." in desc
    assert "The assurance icon means the process will not consistently meet or fail the target" in desc
    assert "Annotations: Jan 2023: New triage pathway; Jul 2023: Target set." in desc
