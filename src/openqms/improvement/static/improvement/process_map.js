/* The process map editor: draw, place and connect shapes in the page, then save the whole map.

   Progressive enhancement of the process map page (improvement/_process_map.jinja): without this
   file the page shows the server's drawing and the typed form. Everything a pointer does (drag,
   tap to select, tap to connect) can also be done from the keyboard and the forms beside the
   drawing. No inline script or style attribute is written, so a strict Content-Security-Policy holds.
   The server checks the map again on save (improvement/process_map.py) and names every problem. */
(function () {
  "use strict";

  const root = document.getElementById("pm-editor");
  if (!root) return;

  const NS = "http://www.w3.org/2000/svg";
  // Width, height, characters per line and lines of words: as SIZE in improvement/process_map.py.
  const SIZE = { start: [200, 56, 28, 2], step: [200, 72, 28, 4], decision: [240, 120, 20, 3], end: [200, 56, 28, 2] };
  const KINDS = { start: "Start", step: "Step", decision: "Decision", end: "End" };
  const NEW_WORDS = { start: "Start", step: "New step", decision: "New question?", end: "End" };
  const LIMIT = Number(root.dataset.limit);
  const MOST = Number(root.dataset.most);
  const GRID = 10;
  const GAP = 56;

  let map = JSON.parse(root.dataset.map);
  let version = root.dataset.version;
  let selected = null;
  let picking = false;
  let dirty = false;

  const $ = (id) => document.getElementById(id);
  const canvas = $("pm-canvas");
  const status = $("pm-status");
  const textInput = $("pm-text");
  const target = $("pm-target");
  const labelInput = $("pm-label");

  function el(name, attrs, text) {
    const node = document.createElementNS(NS, name);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function html(name, attrs, text) {
    const node = document.createElement(name);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  const shapeOf = (id) => map.shapes.find((s) => s.id === id);
  const numberOf = (id) => map.shapes.findIndex((s) => s.id === id) + 1;
  const clamp = (v) => Math.max(0, Math.min(LIMIT, Math.round(v / GRID) * GRID));
  const short = (text) => (text.length > 40 ? text.slice(0, 39) + "…" : text);
  const tidy = (text) => text.replace(/[\u0000-\u001f\u007f]/g, "").split(/\s+/).filter(Boolean).join(" ");

  function say(message) {
    status.textContent = message;
  }

  function changed(message) {
    dirty = true;
    hideErrors();
    say(message + " Not saved yet.");
  }

  // Words wrapped as textwrap.wrap does on the server: whole words, long ones broken.
  function wrap(text, kind) {
    const [, , width, most] = SIZE[kind];
    const lines = [];
    let line = "";
    for (let word of text.split(" ")) {
      while (word.length > width) {
        if (line) { lines.push(line); line = ""; }
        lines.push(word.slice(0, width));
        word = word.slice(width);
      }
      if (!word) continue;
      if (!line) line = word;
      else if ((line + " " + word).length <= width) line += " " + word;
      else { lines.push(line); line = word; }
    }
    if (line) lines.push(line);
    if (lines.length > most) {
      const rest = lines.slice(most - 1).join(" ");
      lines.length = most - 1;
      lines.push(rest.slice(0, width - 1) + "…");
    }
    return lines;
  }

  // --- drawing ---------------------------------------------------------------------------------

  const svg = el("svg", { class: "pm-svg", role: "group", "aria-labelledby": "pm-editor-heading", "aria-describedby": "pm-help" });
  const defs = el("defs");
  const marker = el("marker", { id: "pm-edit-arrow", viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "8", markerHeight: "8", orient: "auto-start-reverse" });
  marker.append(el("path", { d: "M0,0 L10,5 L0,10 z", class: "pm-arrowhead" }));
  defs.append(marker);
  const flowLayer = el("g", { "aria-hidden": "true" });
  const shapeLayer = el("g");
  const labelLayer = el("g", { "aria-hidden": "true" });
  svg.append(defs, flowLayer, shapeLayer, labelLayer);
  canvas.append(svg);

  function outline(kind, grow, cls) {
    const [w, h] = SIZE[kind].map((v) => v + 2 * grow);
    if (kind === "decision") {
      return el("polygon", { points: `0,${-h / 2} ${w / 2},0 0,${h / 2} ${-w / 2},0`, class: cls });
    }
    const rx = kind === "step" ? 4 + grow : h / 2;
    return el("rect", { x: -w / 2, y: -h / 2, width: w, height: h, rx: rx, class: cls });
  }

  function drawShape(shape) {
    const n = numberOf(shape.id);
    const g = el("g", {
      class: `pm-shape pm-shape--${shape.kind}`,
      tabindex: "0",
      role: "button",
      "aria-pressed": String(shape.id === selected),
      "aria-label": `${n}, ${KINDS[shape.kind].toLowerCase()}: ${shape.text}`,
      "data-id": shape.id,
      transform: `translate(${shape.x} ${shape.y})`,
    });
    g.append(outline(shape.kind, 7, "pm-ring"), outline(shape.kind, 0, "pm-outline"));
    const lines = wrap(shape.text, shape.kind);
    lines.forEach((line, i) => {
      g.append(el("text", { x: 0, y: (4.5 - (lines.length - 1) * 7.5 + i * 15).toFixed(1), class: "pm-words" }, line));
    });
    return g;
  }

  // Where a line from the shape's centre towards (dx, dy) leaves its outline: as _edge on the server.
  function edge(shape, dx, dy) {
    const w = SIZE[shape.kind][0] / 2;
    const h = SIZE[shape.kind][1] / 2;
    if (!dx && !dy) return [shape.x, shape.y];
    const t = shape.kind === "decision"
      ? 1 / (Math.abs(dx) / w + Math.abs(dy) / h)
      : Math.min(dx ? w / Math.abs(dx) : Infinity, dy ? h / Math.abs(dy) : Infinity);
    return [shape.x + dx * t, shape.y + dy * t];
  }

  function drawFlows() {
    flowLayer.replaceChildren();
    labelLayer.replaceChildren();
    const pairs = new Set(map.flows.map((f) => f.from + " " + f.to));
    for (const flow of map.flows) {
      const a = shapeOf(flow.from);
      const b = shapeOf(flow.to);
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const length = Math.hypot(dx, dy) || 1;
      const shift = pairs.has(flow.to + " " + flow.from) ? 8 : 0;
      const ox = (-dy / length) * shift;
      const oy = (dx / length) * shift;
      const [x1, y1] = edge(a, dx, dy);
      const [x2, y2] = edge(b, -dx, -dy);
      flowLayer.append(el("line", { x1: x1 + ox, y1: y1 + oy, x2: x2 + ox, y2: y2 + oy, class: "pm-flow", "marker-end": "url(#pm-edit-arrow)" }));
      if (flow.label) {
        const mx = (x1 + x2) / 2 + ox;
        const my = (y1 + y2) / 2 + oy;
        const half = flow.label.length * 3.6 + 6;
        labelLayer.append(
          el("rect", { x: mx - half, y: my - 10, width: 2 * half, height: 20, rx: 3, class: "pm-label-box" }),
          el("text", { x: mx, y: my + 4.5, class: "pm-label" }, flow.label),
        );
      }
    }
  }

  function fit() {
    const right = Math.max(...map.shapes.map((s) => s.x + SIZE[s.kind][0] / 2), 0);
    const bottom = Math.max(...map.shapes.map((s) => s.y + SIZE[s.kind][1] / 2), 0);
    // Room to drag into, right and below; the canvas scrolls.
    const width = Math.min(LIMIT + 200, Math.max(canvas.clientWidth - 4, right + 240));
    const height = Math.min(LIMIT + 200, Math.max(480, bottom + 200));
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  }

  function draw() {
    const focused = document.activeElement && document.activeElement.closest && document.activeElement.closest(".pm-shape");
    const focusedId = focused ? focused.dataset.id : null;
    shapeLayer.replaceChildren(...map.shapes.map(drawShape));
    drawFlows();
    fit();
    if (focusedId && shapeOf(focusedId)) shapeElement(focusedId).focus();
    canvas.classList.toggle("pm-canvas--picking", picking);
    list();
    panel();
  }

  const shapeElement = (id) => shapeLayer.querySelector(`[data-id="${CSS.escape(id)}"]`);

  function place(shape) {
    shapeElement(shape.id).setAttribute("transform", `translate(${shape.x} ${shape.y})`);
    drawFlows();
  }

  // --- the map as a list (the drawing's text alternative) and the panel --------------------------

  function list() {
    const items = map.shapes.map((shape) => {
      const li = html("li");
      li.append(html("strong", {}, KINDS[shape.kind]), `: ${shape.text}`);
      const ways = map.flows.filter((f) => f.from === shape.id);
      if (ways.length) {
        const ul = html("ul");
        for (const way of ways) {
          const to = shapeOf(way.to);
          ul.append(html("li", {}, `${way.label ? way.label + ": " : ""}goes to ${numberOf(to.id)}, ${to.text}`));
        }
        li.append(ul);
      }
      return li;
    });
    $("pm-list").replaceChildren(...items);
  }

  function panel() {
    const shape = selected && shapeOf(selected);
    $("pm-actions").hidden = !shape;
    if (!shape) {
      $("pm-selected").textContent = "No shape selected. Select a shape to change it.";
      return;
    }
    const n = numberOf(shape.id);
    $("pm-selected").replaceChildren("Selected: ", html("strong", {}, `${n}, ${KINDS[shape.kind].toLowerCase()}`), ` “${short(shape.text)}”`);
    if (document.activeElement !== textInput) textInput.value = shape.text;
    const chosen = target.value;
    target.replaceChildren(
      ...map.shapes.filter((s) => s.id !== shape.id).map((s) => html("option", { value: s.id }, `${numberOf(s.id)}, ${KINDS[s.kind].toLowerCase()}: ${short(s.text)}`)),
    );
    if (chosen && chosen !== shape.id && shapeOf(chosen)) target.value = chosen;
    $("pm-pick").textContent = picking ? "Cancel connecting" : "Connect to a shape in the drawing";
    const rows = map.flows.filter((f) => f.from === shape.id).map((flow) => {
      const to = shapeOf(flow.to);
      const key = `${flow.from}-${flow.to}`;
      const li = html("li", { class: "pm-flow-row" });
      const form = html("form", { novalidate: "" });
      const row = html("div", { class: "pm-inline" });
      const input = html("input", { class: "nhsuk-input nhsuk-input--width-10", id: `pm-flow-${key}`, type: "text", maxlength: "20", value: flow.label, autocomplete: "off" });
      const relabel = html("button", { type: "submit", class: "nhsuk-button nhsuk-button--secondary nhsuk-button--small" }, "Change the label");
      const remove = html("button", { type: "button", class: "nhsuk-button nhsuk-button--warning nhsuk-button--small" }, "Delete the flow");
      const which = `: the flow to ${numberOf(to.id)}, ${short(to.text)}`;
      relabel.append(html("span", { class: "nhsuk-u-visually-hidden" }, which));
      remove.append(html("span", { class: "nhsuk-u-visually-hidden" }, which));
      row.append(input, relabel, remove);
      form.append(html("label", { class: "nhsuk-label", for: `pm-flow-${key}` }, `Label of the flow to ${numberOf(to.id)}, ${short(to.text)}`), row);
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const words = tidy(form.querySelector("input").value);
        if (words.includes("|")) { say("A label cannot contain “|”."); return; }
        flow.label = words;
        draw();
        changed(`Flow to “${short(to.text)}” ${words ? "labelled “" + words + "”" : "has no label now"}.`);
      });
      remove.addEventListener("click", () => {
        map.flows = map.flows.filter((f) => f !== flow);
        draw();
        $("pm-target").focus();
        changed(`Deleted the flow from “${short(shape.text)}” to “${short(to.text)}”.`);
      });
      li.append(form);
      return li;
    });
    $("pm-flows").replaceChildren(...(rows.length ? rows : [html("li", { class: "nhsuk-body-s" }, "None yet.")]));
  }

  // --- editing ---------------------------------------------------------------------------------

  function select(id) {
    selected = id;
    picking = false;
    draw();
    const shape = shapeOf(id);
    say(`Selected ${numberOf(id)}, ${KINDS[shape.kind].toLowerCase()}: “${short(shape.text)}”.`);
  }

  function connect(from, to, label) {
    const a = shapeOf(from);
    const b = shapeOf(to);
    if (!a || !b) return "Choose the shape to connect to";
    if (from === to) return "A flow must go to another shape";
    if (map.flows.some((f) => f.from === from && f.to === to)) return `“${short(a.text)}” already goes to “${short(b.text)}”`;
    if (label.includes("|")) return "A label cannot contain “|”";
    map.flows.push({ from: from, to: to, label: label });
    picking = false;
    draw();
    changed(`Connected “${short(a.text)}” to “${short(b.text)}”${label ? " (" + label + ")" : ""}.`);
    return null;
  }

  function activate(id) {
    if (picking && selected && id !== selected) {
      const problem = connect(selected, id, tidy(labelInput.value));
      if (problem) say(problem + ".");
      else labelInput.value = "";
      return;
    }
    select(id);
  }

  function fieldError(id, message) {
    const node = $(id);
    node.hidden = !message;
    node.textContent = message ? message : "";
    node.closest(".nhsuk-form-group").classList.toggle("nhsuk-form-group--error", Boolean(message));
  }

  function add(kind) {
    if (map.shapes.length >= MOST) {
      say(`A process map has at most ${MOST} shapes: split it into two maps.`);
      return;
    }
    const used = new Set(map.shapes.map((s) => s.id));
    let n = map.shapes.length + 1;
    while (used.has(`s${n}`)) n += 1;
    const near = (selected && shapeOf(selected)) || map.shapes[map.shapes.length - 1];
    const bottom = Math.max(...map.shapes.map((s) => s.y + SIZE[s.kind][1] / 2), 0);
    const shape = {
      id: `s${n}`,
      kind: kind,
      text: NEW_WORDS[kind],
      x: clamp(near ? near.x : 160),
      y: clamp(bottom + GAP + SIZE[kind][1] / 2),
    };
    map.shapes.push(shape);
    selected = shape.id;
    picking = false;
    draw();
    shapeElement(shape.id).scrollIntoView({ block: "nearest", inline: "nearest" });
    textInput.focus();
    textInput.select();
    changed(`Added ${KINDS[kind].toLowerCase()} ${map.shapes.length}: type its words and choose Change the words.`);
  }

  root.querySelectorAll("[data-add]").forEach((button) => button.addEventListener("click", () => add(button.dataset.add)));

  $("pm-rename").addEventListener("submit", (event) => {
    event.preventDefault();
    const shape = shapeOf(selected);
    const words = tidy(textInput.value);
    if (!words) return fieldError("pm-text-error", "Enter the words for the shape");
    if (words.includes("|")) return fieldError("pm-text-error", "The words cannot contain “|”: use “/”");
    fieldError("pm-text-error", "");
    const old = shape.text;
    shape.text = words;
    draw();
    changed(`Changed “${short(old)}” to “${short(words)}”.`);
  });

  $("pm-connect").addEventListener("submit", (event) => {
    event.preventDefault();
    const problem = connect(selected, target.value, tidy(labelInput.value));
    fieldError("pm-target-error", problem || "");
    if (!problem) labelInput.value = "";
  });

  $("pm-pick").addEventListener("click", () => {
    picking = !picking;
    draw();
    const shape = shapeOf(selected);
    say(picking ? `Now choose the shape to connect “${short(shape.text)}” to, in the drawing (Escape cancels).` : "Connecting cancelled.");
  });

  $("pm-delete").addEventListener("click", () => {
    const shape = shapeOf(selected);
    const flows = map.flows.filter((f) => f.from === shape.id || f.to === shape.id).length;
    map.shapes = map.shapes.filter((s) => s !== shape);
    map.flows = map.flows.filter((f) => f.from !== shape.id && f.to !== shape.id);
    selected = null;
    picking = false;
    draw();
    root.querySelector("[data-add=step]").focus();
    changed(`Deleted “${short(shape.text)}”${flows ? ` and its ${flows} flow${flows > 1 ? "s" : ""}` : ""}.`);
  });

  // --- pointer: drag to move, tap to select or to finish a connection ---------------------------

  let drag = null;

  function point(event) {
    const p = svg.createSVGPoint();
    p.x = event.clientX;
    p.y = event.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }

  shapeLayer.addEventListener("pointerdown", (event) => {
    const g = event.target.closest(".pm-shape");
    if (!g || event.button > 0) return;
    event.preventDefault();
    g.focus();
    g.setPointerCapture(event.pointerId);
    const shape = shapeOf(g.dataset.id);
    const at = point(event);
    drag = { shape: shape, g: g, dx: at.x - shape.x, dy: at.y - shape.y, x: shape.x, y: shape.y, moved: false };
  });

  shapeLayer.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const at = point(event);
    const x = clamp(at.x - drag.dx);
    const y = clamp(at.y - drag.dy);
    if (!drag.moved && Math.hypot(x - drag.x, y - drag.y) < GRID) return;
    drag.moved = true;
    drag.g.classList.add("pm-shape--dragging");
    drag.shape.x = x;
    drag.shape.y = y;
    place(drag.shape);
  });

  function drop(event) {
    if (!drag) return;
    const { shape, moved, g } = drag;
    drag = null;
    g.classList.remove("pm-shape--dragging");
    if (g.hasPointerCapture(event.pointerId)) g.releasePointerCapture(event.pointerId);
    if (event.type === "pointercancel" || !moved) {
      if (event.type === "pointerup") activate(shape.id);
      return;
    }
    fit();
    changed(`Moved “${short(shape.text)}”.`);
  }

  shapeLayer.addEventListener("pointerup", drop);
  shapeLayer.addEventListener("pointercancel", drop);

  // --- keyboard: Enter or Space selects (or finishes a connection), arrow keys move ------------

  const MOVES = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

  shapeLayer.addEventListener("keydown", (event) => {
    const g = event.target.closest(".pm-shape");
    if (!g) return;
    const shape = shapeOf(g.dataset.id);
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      activate(shape.id);
    } else if (MOVES[event.key]) {
      event.preventDefault();
      const step = event.shiftKey ? 5 * GRID : GRID;
      shape.x = clamp(shape.x + MOVES[event.key][0] * step);
      shape.y = clamp(shape.y + MOVES[event.key][1] * step);
      place(shape);
      fit();
      g.scrollIntoView({ block: "nearest", inline: "nearest" });
      changed(`Moved “${short(shape.text)}” to ${shape.x} across, ${shape.y} down.`);
    } else if (event.key === "Escape" && picking) {
      picking = false;
      draw();
      say("Connecting cancelled.");
    }
  });

  // --- saving ----------------------------------------------------------------------------------

  function hideErrors() {
    $("pm-errors").hidden = true;
  }

  function showErrors(messages) {
    $("pm-error-list").replaceChildren(...messages.map((m) => html("li", {}, m)));
    $("pm-errors").hidden = false;
    $("pm-errors").focus();
  }

  $("pm-save").addEventListener("click", async () => {
    const button = $("pm-save");
    button.disabled = true;
    say("Saving…");
    try {
      const response = await fetch(root.dataset.save, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          "X-CSRFToken": root.querySelector("input[name=csrfmiddlewaretoken]").value,
        },
        body: JSON.stringify({ shapes: map.shapes, flows: map.flows, version: version }),
      });
      const answer = await response.json();
      if (!response.ok) {
        say("The map was not saved.");
        showErrors(answer.errors || ["The map was not saved: try again"]);
        return;
      }
      version = answer.version;
      dirty = false;
      hideErrors();
      const source = document.getElementById("id_source");
      if (source) source.value = answer.source;  // the typed form follows the drawing
      say(answer.message);
    } catch (error) {
      say("The map was not saved: check the connection and try again.");
    } finally {
      button.disabled = false;
    }
  });

  window.addEventListener("beforeunload", (event) => {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // Saving the typed form leaves the page on purpose; the warning is for leaving by accident.
  const typed = document.getElementById("id_source");
  if (typed && typed.form) {
    typed.form.addEventListener("submit", () => { dirty = false; });
  }

  $("pm-figure").hidden = true;
  root.hidden = false;
  draw();
})();
