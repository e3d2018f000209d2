"""Process maps: shapes (start, step, decision, end) placed on a plane, and the flows between them.

A map is stored in its QiTool's data as {"shapes": [{"id", "kind", "text", "x", "y"}, ...],
"flows": [{"from", "to", "label"}, ...]}; x and y are the centre of the shape. It is drawn in the
page (static/improvement/process_map.js, which uses the same sizes as SIZE here) or typed as text,
and the two meet here:

- `parse_text` reads the typed form, one shape per line, in order: "? question | yes -> 4 | no -> 6"
  is a decision, "Start: …" and "End: …" are a start and an end, "step -> 7" jumps instead of going
  on to the next line, "step | -> 4 | again -> 2" lists every way on, and a line ending in "|" has
  no way on. It lays the shapes out (`lay_out`), so a typed map can then be rearranged;
- `as_text` writes a map back in that form (every shape and flow; the positions are not text);
- `check` is the one gate for a map from anywhere: every problem is named by its shape or flow;
- `render` draws the map as placed, with a title and a text description for screen readers.

Maps saved before maps could be drawn hold a list of numbered steps: `load` turns that into shapes
and flows and lays them out, so they open in the editor as if typed.
"""

from __future__ import annotations

import math
import re
import textwrap
from typing import Any

from openqms.improvement.tools import MAX_LINES, PALE, ToolError, printable

KINDS = {"start": "Start", "step": "Step", "decision": "Decision", "end": "End"}
MAX_SHAPES = 40
MAX_FLOWS = 120
MAX_TEXT = 120
MAX_LABEL = 20
LIMIT = 8000  # x and y of a shape's centre run from 0 to this
# width, height, characters per line and lines of words: process_map.js draws with the same
SIZE: dict[str, tuple[int, int, int, int]] = {
    "start": (200, 56, 28, 2),
    "step": (200, 72, 28, 4),
    "decision": (240, 120, 20, 3),
    "end": (200, 56, 28, 2),
}
FILL = {"start": "#d9f2e3", "step": PALE, "decision": "#fff9c4", "end": "#d9f2e3"}
ID = re.compile(r"[A-Za-z0-9_-]{1,20}")
ARROW = re.compile(r"\s*->\s*(\d+)\s*$")
TERMINAL = re.compile(r"(start|end)\s*:\s*", re.IGNORECASE)


class MapError(ValueError):
    """Everything wrong with a map, each problem naming its shape or flow."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _words(text: str) -> str:
    return " ".join(printable(text).split())


def _short(text: str) -> str:
    shortened = textwrap.shorten(text, 40, placeholder="…")
    return text[:39] + "…" if shortened == "…" else shortened  # one long word: cut it


# --- checking ------------------------------------------------------------------------------------


def _name(number: int, shape: dict[str, Any]) -> str:
    text = shape.get("text") if isinstance(shape.get("text"), str) else ""
    text = _words(text or "")
    return f"Shape {number} (“{_short(text)}”)" if text else f"Shape {number}"


def _position(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def _check_shape(number: int, raw: Any, ids: dict[str, int], problems: list[str]) -> dict[str, Any] | None:
    if not isinstance(raw, dict):
        problems.append(f"Shape {number} is not a shape: give it an id, a kind, words and a position")
        return None
    name = _name(number, raw)
    shape_id = raw.get("id")
    if not isinstance(shape_id, str) or not ID.fullmatch(shape_id):
        problems.append(f"{name} has no valid id: use up to 20 letters, digits, - or _")
        return None
    if shape_id in ids:
        problems.append(f"{name} has the same id (“{shape_id}”) as shape {ids[shape_id]}")
        return None
    ids[shape_id] = number
    kind = raw.get("kind")
    if kind not in KINDS:
        problems.append(f"{name} is a “{kind}”: choose a start, a step, a decision or an end")
    text = _words(raw["text"]) if isinstance(raw.get("text"), str) else ""
    if not text:
        problems.append(f"{name} has no words: say what happens there")
    elif len(text) > MAX_TEXT:
        problems.append(f"{name} has {len(text)} characters: keep it to {MAX_TEXT} or fewer")
    elif "|" in text:
        problems.append(f"{name} contains “|”, which the typed form keeps for answers: use “/”")
    x, y = _position(raw.get("x")), _position(raw.get("y"))
    if x is None or y is None:
        problems.append(f"{name} has no position: give x and y as numbers")
    elif not (0 <= x <= LIMIT and 0 <= y <= LIMIT):
        problems.append(
            f"{name} is off the map at ({x:.0f}, {y:.0f}): x and y must each be from 0 to {LIMIT}"
        )
    return {"id": shape_id, "kind": kind, "text": text, "x": round(x or 0), "y": round(y or 0)}


def _check_flow(
    number: int, raw: Any, shapes: dict[str, dict[str, Any]], seen: dict[tuple[str, str], int],
    problems: list[str],
) -> dict[str, Any] | None:  # fmt: skip
    if not isinstance(raw, dict):
        problems.append(f"Flow {number} is not a flow: give the shape it comes from and goes to")
        return None
    source, target = raw.get("from"), raw.get("to")
    label = _words(raw["label"]) if isinstance(raw.get("label"), str) else ""
    if source not in shapes:
        problems.append(f"Flow {number} comes from a shape that is not on the map (“{source}”)")
        return None
    where = f"Flow {number} from “{_short(shapes[source]['text'])}”"
    if target not in shapes:
        problems.append(f"{where} goes to a shape that is not on the map (“{target}”)")
        return None
    if target == source:
        problems.append(f"{where} goes back to the same shape: connect it to another shape")
        return None
    where += f" to “{_short(shapes[target]['text'])}”"
    if (source, target) in seen:
        problems.append(f"{where} repeats flow {seen[source, target]}: delete one of them")
        return None
    seen[source, target] = number
    if len(label) > MAX_LABEL:
        problems.append(f"{where}: keep its label to {MAX_LABEL} characters or fewer (it has {len(label)})")
    elif "|" in label:
        problems.append(f"{where}: its label contains “|”, which the typed form keeps for answers")
    return {"from": source, "to": target, "label": label}


def check(raw: Any) -> dict[str, Any]:
    """The map, tidied (words without control characters or runs of spaces, whole-number positions),
    or MapError naming every shape and flow that is wrong."""
    if (
        not isinstance(raw, dict)
        or not isinstance(raw.get("shapes"), list)
        or not isinstance(raw.get("flows"), list)
    ):
        raise MapError(["Send the map as a list of shapes and a list of flows"])
    if not raw["shapes"]:
        raise MapError(["Keep at least one shape on the map"])
    if len(raw["shapes"]) > MAX_SHAPES:
        raise MapError(
            [f"A process map has at most {MAX_SHAPES} shapes and this one has {len(raw['shapes'])}: "
             "split it into two maps"]
        )  # fmt: skip
    if len(raw["flows"]) > MAX_FLOWS:
        raise MapError([f"A process map has at most {MAX_FLOWS} flows and this one has {len(raw['flows'])}"])
    problems: list[str] = []
    ids: dict[str, int] = {}
    shapes = [s for n, r in enumerate(raw["shapes"], 1) if (s := _check_shape(n, r, ids, problems))]
    by_id = {s["id"]: s for s in shapes}
    seen: dict[tuple[str, str], int] = {}
    flows = [f for n, r in enumerate(raw["flows"], 1) if (f := _check_flow(n, r, by_id, seen, problems))]
    if problems:
        raise MapError(problems)
    return {"shapes": shapes, "flows": flows}


# --- the typed form ------------------------------------------------------------------------------


def parse_text(text: str) -> dict[str, Any]:
    """A map from the typed form, laid out; ToolError names the first line that is wrong."""
    lines = [(n, line.strip()) for n, line in enumerate(printable(text).splitlines(), 1) if line.strip()]
    if not lines:
        raise ToolError("Enter at least one line")
    if len(lines) > MAX_LINES or len(lines) > MAX_SHAPES:
        raise ToolError(f"A process map has at most {MAX_SHAPES} steps: split it into two maps")
    count = len(lines)
    shapes: list[dict[str, Any]] = []
    flows: list[dict[str, Any]] = []
    for number, (n, line) in enumerate(lines, 1):

        def target(raw: str, *, n: int = n) -> str:
            # [0-9], not isdigit(): "²" is a digit to isdigit() and not a number to int().
            if not re.fullmatch(r"[0-9]{1,4}", raw) or not 1 <= int(raw) <= count:
                raise ToolError(f"Line {n}: “-> {raw}” must name a step from 1 to {count}")
            return f"s{int(raw)}"

        kind, body = "step", line
        if body.startswith("?"):
            kind, body = "decision", body[1:].strip()
        elif match := TERMINAL.match(body):
            kind, body = match.group(1).lower(), body[match.end() :]
        ways: list[tuple[str, str]] | None = None
        if "|" in body:
            words, *answers = (part.strip() for part in body.split("|"))
            ways = []
            for answer in filter(None, answers):
                label, arrow, raw = answer.partition("->")
                if not arrow:
                    raise ToolError(
                        f"Line {n}: write each answer as “answer -> step number”, like “yes -> 4”"
                    )
                ways.append((_words(label), target(raw.strip())))
        elif match := ARROW.search(body):
            words, ways = body[: match.start()].strip(), [("", target(match.group(1)))]
        else:
            words = body
        words = _words(words)
        if kind == "decision" and ("|" not in body or "->" in words):
            raise ToolError(
                f"Line {n}: a decision is a question, then its answers each after a |, "
                "like “? Urgent? | yes -> 4 | no -> 6”"
            )
        if not words:
            raise ToolError(f"Line {n}: say what happens in this step")
        if len(words) > MAX_TEXT:
            raise ToolError(f"Line {n}: keep each step to {MAX_TEXT} characters or fewer")
        if ways is None:
            ways = [("", f"s{number + 1}")] if kind in ("start", "step") and number < count else []
        for label, to in ways:
            if len(label) > MAX_LABEL:
                raise ToolError(f"Line {n}: keep each answer to {MAX_LABEL} characters or fewer")
            if to == f"s{number}":
                raise ToolError(f"Line {n}: a step cannot lead to itself")
            if any(f["from"] == f"s{number}" and f["to"] == to for f in flows):
                raise ToolError(f"Line {n}: two answers lead to the same step: give it one answer")
            flows.append({"from": f"s{number}", "to": to, "label": label})
        shapes.append({"id": f"s{number}", "kind": kind, "text": words})
    return lay_out({"shapes": shapes, "flows": flows})


def as_text(data: dict[str, Any]) -> str:
    """The map in the typed form: `parse_text` of it gives the same shapes and flows."""
    shapes = data["shapes"]
    number = {s["id"]: n for n, s in enumerate(shapes, 1)}
    lines = []
    for n, shape in enumerate(shapes, 1):
        prefix = {"decision": "? ", "start": "Start: ", "end": "End: "}.get(shape["kind"], "")
        ways = [(f["label"], number[f["to"]]) for f in data["flows"] if f["from"] == shape["id"]]
        goes_on = shape["kind"] in ("start", "step") and n < len(shapes)
        line = prefix + shape["text"]
        if goes_on and ways == [("", n + 1)]:
            pass  # the next line is where a step goes by default
        elif len(ways) == 1 and not ways[0][0] and shape["kind"] != "decision":
            line += f" -> {ways[0][1]}"
        elif ways or goes_on or shape["kind"] == "decision":
            line += " |" + "".join(f" {label + ' ' if label else ''}-> {to} |" for label, to in ways)
            line = line.removesuffix(" |") if ways else line
        lines.append(line)
    return "\n".join(lines)


# --- layout --------------------------------------------------------------------------------------

LANE, GAP, MARGIN, GRID = 300, 56, 40, 10


def _grid(value: float) -> int:
    """On the editor's 10-point grid, so that moving by the arrow keys keeps shapes in line."""
    return min(LIMIT, round(value / GRID) * GRID)


def lay_out(data: dict[str, Any]) -> dict[str, Any]:
    """Place every shape: down the page in rows by the longest way to it from the first shape, a
    shape that a flow skips past moved into a lane beside, so that the flow does not cross it."""
    shapes, flows = data["shapes"], data["flows"]
    index = {s["id"]: i for i, s in enumerate(shapes)}
    forward = [(index[f["from"]], index[f["to"]]) for f in flows if index[f["to"]] > index[f["from"]]]
    rank = [0] * len(shapes)
    for i in range(len(shapes)):
        for a, b in forward:
            if a == i:
                rank[b] = max(rank[b], rank[a] + 1)
    lane = [0] * len(shapes)
    for r in set(rank):
        for k, i in enumerate(i for i in range(len(shapes)) if rank[i] == r):
            lane[i] = k
    for a, b in forward:
        if rank[b] - rank[a] > 1 and lane[a] == lane[b]:
            for i in range(len(shapes)):
                if rank[a] < rank[i] < rank[b] and lane[i] == lane[a]:
                    lane[i] = max(lane[j] for j in range(len(shapes)) if rank[j] == rank[i]) + 1
    tops, y = {}, MARGIN
    for r in sorted(set(rank)):
        tallest = max(SIZE[shapes[i]["kind"]][1] for i in range(len(shapes)) if rank[i] == r)
        tops[r] = (y, tallest)
        y += tallest + GAP
    placed = []
    for i, shape in enumerate(shapes):
        top, tallest = tops[rank[i]]
        x = MARGIN + SIZE["decision"][0] / 2 + lane[i] * LANE
        placed.append({**shape, "x": _grid(x), "y": _grid(top + tallest / 2)})
    return {"shapes": placed, "flows": [dict(f) for f in flows]}


def keep_places(new: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """A retyped map keeps where its shapes were: a shape with the same words as before keeps its
    place, then a shape of the same kind on the same line (its words were edited); shapes that are
    new go below the rest, one under the other."""
    old_shapes = old.get("shapes", [])
    taken: set[int] = set()
    found: dict[int, dict[str, Any]] = {}
    for i, shape in enumerate(new["shapes"]):
        for k, before in enumerate(old_shapes):
            if k not in taken and (before["kind"], before["text"]) == (shape["kind"], shape["text"]):
                found[i] = before
                taken.add(k)
                break
    for i, shape in enumerate(new["shapes"]):
        if (
            i not in found
            and i < len(old_shapes)
            and i not in taken
            and old_shapes[i]["kind"] == shape["kind"]
        ):
            found[i] = old_shapes[i]
            taken.add(i)
    if not found:
        return new
    bottom = max(b["y"] + SIZE[b["kind"]][1] / 2 for b in found.values())
    left = min(b["x"] for b in found.values())
    shapes = []
    for i, shape in enumerate(new["shapes"]):
        if i in found:
            shapes.append({**shape, "x": found[i]["x"], "y": found[i]["y"]})
            continue
        height = SIZE[shape["kind"]][1]
        shapes.append({**shape, "x": left, "y": _grid(bottom + GAP + height / 2)})
        bottom += GAP + height
    return {"shapes": shapes, "flows": new["flows"]}


def load(stored: Any) -> dict[str, Any]:
    """The map held in a QiTool's data, in today's form whatever form it was saved in."""
    if isinstance(stored, list):  # numbered steps, as saved before maps could be drawn
        shapes = [
            {"id": f"s{s['number']}", "kind": "decision" if s["decision"] else "step", "text": s["text"]}
            for s in stored
        ]
        flows = [
            {"from": f"s{s['number']}", "to": f"s{to}", "label": label}
            for s in stored
            for label, to in s["flows"]
            if to != s["number"]
        ]
        return lay_out({"shapes": shapes, "flows": flows})
    if any("x" not in s or "y" not in s for s in stored["shapes"]):
        return lay_out(stored)
    return {"shapes": stored["shapes"], "flows": stored["flows"]}


# --- words for people who cannot see the drawing ---------------------------------------------------


def describe(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Each shape with its number, kind and words, and where its flows go: the drawing's text
    alternative in the page and in the SVG."""
    number = {s["id"]: n for n, s in enumerate(data["shapes"], 1)}
    text = {s["id"]: s["text"] for s in data["shapes"]}
    return [
        {
            "number": n,
            "id": s["id"],
            "kind": KINDS[s["kind"]],
            "text": s["text"],
            "ways": [
                {"label": f["label"], "number": number[f["to"]], "text": text[f["to"]]}
                for f in data["flows"]
                if f["from"] == s["id"]
            ],
        }
        for n, s in enumerate(data["shapes"], 1)
    ]


def description(data: dict[str, Any]) -> str:
    parts = [f"A process map of {len(data['shapes'])} shapes and {len(data['flows'])} flows."]
    for item in describe(data):
        ways = "; ".join(
            f"{w['label'] + ': ' if w['label'] else ''}goes to {w['number']}" for w in item["ways"]
        )
        parts.append(
            f"{item['number']}, {item['kind'].lower()}: {item['text']}" + (f" ({ways})." if ways else ".")
        )
    return " ".join(parts)
