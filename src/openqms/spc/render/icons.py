"""OpenQMS's own variation and assurance icons.

Drawn in a 100 x 100 design box and scaled. The two families look different on purpose so they
are not confused at a glance: variation icons are solid discs with an arrow and a letter (H or
L for the direction of the change), assurance icons are white discs with a coloured ring and a
tick, a cross or a question mark.
"""

from __future__ import annotations

from openqms.spc.render.markup import SVG_NS, esc, tag
from openqms.spc.render.palette import (
    ASSURANCE_WORDS,
    BLUE,
    FONT_FAMILY,
    GREY,
    ORANGE,
    PURPLE,
    TEXT,
    VARIATION_WORDS,
    WHITE,
)
from openqms.spc.types import AssuranceIcon, Result, VariationIcon

_VARIATION_COLOURS: dict[VariationIcon, str] = {
    VariationIcon.COMMON_CAUSE: GREY,
    VariationIcon.IMPROVEMENT_HIGH: BLUE,
    VariationIcon.IMPROVEMENT_LOW: BLUE,
    VariationIcon.CONCERN_HIGH: ORANGE,
    VariationIcon.CONCERN_LOW: ORANGE,
    VariationIcon.NEUTRAL_HIGH: PURPLE,
    VariationIcon.NEUTRAL_LOW: PURPLE,
}
_HIGH = {VariationIcon.IMPROVEMENT_HIGH, VariationIcon.CONCERN_HIGH, VariationIcon.NEUTRAL_HIGH}

_ASSURANCE_COLOURS: dict[AssuranceIcon, str] = {
    AssuranceIcon.CONSISTENT_PASS: BLUE,
    AssuranceIcon.CONSISTENT_FAIL: ORANGE,
    AssuranceIcon.INCONSISTENT: GREY,
}


def _ink(fill: str) -> str:
    # White on the Making Data Count orange is too faint to read, so orange gets dark ink.
    return TEXT if fill == ORANGE else WHITE


def _unknown() -> str:
    return tag(
        "circle",
        {
            "cx": 50,
            "cy": 50,
            "r": 44,
            "fill": WHITE,
            "stroke": GREY,
            "stroke-width": 5,
            "stroke-dasharray": "9 7",
        },
    ) + tag("path", {"d": "M34 50H66", "stroke": GREY, "stroke-width": 8, "stroke-linecap": "round"})


def variation_icon_body(icon: VariationIcon | None) -> str:
    """The icon's shapes in a 100 x 100 box, for embedding in a larger SVG."""
    if icon is None:
        return _unknown()
    fill = _VARIATION_COLOURS[icon]
    ink = _ink(fill)
    disc = tag("circle", {"cx": 50, "cy": 50, "r": 48, "fill": fill})
    if icon is VariationIcon.COMMON_CAUSE:
        wave = "M17 50C25 22 42 22 50 50S75 78 83 50"
        return disc + tag(
            "path",
            {
                "d": wave,
                "fill": "none",
                "stroke": ink,
                "stroke-width": 8,
                "stroke-linecap": "round",
                "stroke-linejoin": "round",
            },
        )
    high = icon in _HIGH
    arrow = "M34 76V30M19 44L34 27 49 44" if high else "M34 24V70M19 56L34 73 49 56"
    return (
        disc
        + tag(
            "path",
            {
                "d": arrow,
                "fill": "none",
                "stroke": ink,
                "stroke-width": 9,
                "stroke-linecap": "round",
                "stroke-linejoin": "round",
            },
        )
        + tag(
            "text",
            {
                "x": 68,
                "y": 66,
                "text-anchor": "middle",
                "font-family": FONT_FAMILY,
                "font-size": 44,
                "font-weight": "bold",
                "fill": ink,
            },
            "H" if high else "L",
        )
    )


def assurance_icon_body(icon: AssuranceIcon | None) -> str:
    """The icon's shapes in a 100 x 100 box, for embedding in a larger SVG."""
    if icon is None:
        return _unknown()
    colour = _ASSURANCE_COLOURS[icon]
    ink = TEXT if colour == ORANGE else colour
    ring = tag("circle", {"cx": 50, "cy": 50, "r": 44, "fill": WHITE, "stroke": colour, "stroke-width": 9})
    stroke: dict[str, str | int | float | None] = {
        "fill": "none",
        "stroke": ink,
        "stroke-width": 11,
        "stroke-linecap": "round",
        "stroke-linejoin": "round",
    }
    if icon is AssuranceIcon.CONSISTENT_PASS:
        return ring + tag("path", {"d": "M29 52L44 66 71 36", **stroke})
    if icon is AssuranceIcon.CONSISTENT_FAIL:
        return ring + tag("path", {"d": "M33 33L67 67M67 33L33 67", **stroke})
    return ring + tag(
        "text",
        {
            "x": 50,
            "y": 68,
            "text-anchor": "middle",
            "font-family": FONT_FAMILY,
            "font-size": 52,
            "font-weight": "bold",
            "fill": ink,
        },
        "?",
    )


def _standalone(body: str, words: str, size: int, css_class: str) -> str:
    return tag(
        "svg",
        {
            "xmlns": SVG_NS,
            "class": css_class,
            "width": size,
            "height": size,
            "viewBox": "0 0 100 100",
            "role": "img",
            "aria-label": words,
        },
        tag("title", {}, esc(words)) + body,
    )


def variation_icon_svg(icon: VariationIcon | None, size: int = 40) -> str:
    """A standalone variation icon whose <title> and aria-label say what it means in words."""
    name = icon.value if icon is not None else "none"
    return _standalone(
        variation_icon_body(icon), VARIATION_WORDS[icon], size, f"spc-icon spc-icon--variation-{name}"
    )


def assurance_icon_svg(icon: AssuranceIcon | None, size: int = 40) -> str:
    """A standalone assurance icon whose <title> and aria-label say what it means in words."""
    name = icon.value if icon is not None else "none"
    return _standalone(
        assurance_icon_body(icon), ASSURANCE_WORDS[icon], size, f"spc-icon spc-icon--assurance-{name}"
    )


def nested_icon(body: str, words: str, x: float, y: float, size: float, css_class: str) -> str:
    """An icon placed inside a bigger SVG (the chart), keeping its words as a tooltip."""
    return tag(
        "svg",
        {"class": css_class, "x": x, "y": y, "width": size, "height": size, "viewBox": "0 0 100 100"},
        tag("title", {}, esc(words)) + body,
    )


def render_icons(result: Result, *, size: int = 40) -> str:
    """Both icons of a result side by side in one SVG; the assurance icon only when there is a target."""
    gap = size // 5
    icons = [
        nested_icon(
            variation_icon_body(result.variation_icon),
            VARIATION_WORDS[result.variation_icon],
            0,
            0,
            size,
            "spc-icon-variation",
        )
    ]
    words = [VARIATION_WORDS[result.variation_icon]]
    if result.assurance_icon is not None:
        icons.append(
            nested_icon(
                assurance_icon_body(result.assurance_icon),
                ASSURANCE_WORDS[result.assurance_icon],
                size + gap,
                0,
                size,
                "spc-icon-assurance",
            )
        )
        words.append(ASSURANCE_WORDS[result.assurance_icon])
    width = size * len(icons) + gap * (len(icons) - 1)
    label = ". ".join(words) + "."
    return tag(
        "svg",
        {
            "xmlns": SVG_NS,
            "class": "spc-icons",
            "width": width,
            "height": size,
            "viewBox": f"0 0 {width} {size}",
            "role": "img",
            "aria-label": label,
        },
        tag("title", {}, esc(label)) + "".join(icons),
    )
