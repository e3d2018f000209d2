"""Importing units: `code,name,kind,parent_code`, one row per unit, parents in the file or existing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from openqms.administration.imports.reading import (
    Check,
    ImportReport,
    Row,
    administered_unit_ids,
    in_one_transaction,
    read_table,
)
from openqms.audit.models import AuditEntry
from openqms.audit.services import Change, created, record_many, snapshot
from openqms.organisations.models import PATH_SEGMENT, Organisation, Unit, UnitKind
from openqms.organisations.services import UNIT_FIELDS
from openqms.people.models import User
from openqms.tables import Problem

COLUMNS = ("code", "name", "kind", "parent_code")
# Unit.path holds eleven characters per level in 1,100: keep well inside it.
MAX_DEPTH = 90


@dataclass
class _NewUnit:
    line: int
    code: str
    name: str
    kind: str
    parent_code: str


KINDS = {**{v: v for v in UnitKind.values}, **{str(label).lower(): v for v, label in UnitKind.choices}}


def import_units(*, actor: User | None, organisation: Organisation, data: bytes) -> ImportReport:
    rows, problems = read_table(data, COLUMNS)
    if problems:
        return ImportReport(problems=problems)

    def check_and_write() -> ImportReport:
        report, plan, parents = _plan_units(actor, organisation, rows)
        if report.ok:
            _write_units(actor, organisation, plan, parents)
        return report

    return in_one_transaction(check_and_write)


def _plan_units(
    actor: User | None, organisation: Organisation, rows: list[Row]
) -> tuple[ImportReport, list[_NewUnit], dict[str, Unit]]:
    report = ImportReport()
    existing = {u.code: u for u in organisation.units.all()}
    code_by_pk = {u.pk: u.code for u in existing.values()}
    in_scope = administered_unit_ids(actor, organisation)
    new: dict[str, _NewUnit] = {}
    first_line: dict[str, int] = {}
    seen: dict[tuple[str, ...], int] = {}
    references: list[tuple[Check, str, str]] = []
    for row in rows:
        check = Check(row, report.problems)
        values = row.values
        key = (values["code"].upper(), values["name"], values["kind"].lower(), values["parent_code"].upper())
        if key in seen:
            check.fail("", f"This row repeats line {seen[key]}")
            continue
        seen[key] = row.line
        code = check.text("code", 30).upper()
        name = check.text("name", 200)
        kind_text = check.text("kind", 30)
        parent_code = check.text("parent_code", 30).upper()
        kind = KINDS.get(kind_text.lower(), "")
        if code and re.search(r"[\s,]", code):
            check.fail("code", "A code must not contain spaces or commas")
        if kind_text and not kind:
            check.fail("kind", f"Not a kind of unit: use one of {', '.join(UnitKind.values)}")
        if code in first_line:
            check.fail(
                "code", f"The code {code} is also on line {first_line[code]}: each unit needs its own code"
            )
            continue
        if code:
            first_line[code] = row.line
        if code and code == parent_code:
            check.fail("parent_code", f"A cycle: {code} cannot be its own parent")
            continue
        current = existing.get(code)
        if current is not None:
            _compare_existing_unit(
                check, current, in_scope, code_by_pk, name, kind, parent_code, organisation
            )
            if check.ok:
                report.unchanged.append(f"{name} ({code})")
            continue
        if parent_code:
            references.append((check, code, parent_code))
        if check.ok:
            new[code] = _NewUnit(row.line, code, name, kind, parent_code)
    parents = _resolve_unit_parents(references, new, first_line, existing, in_scope, organisation)
    bad_lines = {p.line for p in report.problems}
    plan = [unit for unit in new.values() if unit.line not in bad_lines]
    _check_cycles_and_depth(plan, parents, report)
    for unit in plan:
        report.created.append(f"{unit.name} ({unit.code}), in {unit.parent_code}")
    return report, plan, parents


def _compare_existing_unit(
    check: Check,
    current: Unit,
    in_scope: set[int],
    code_by_pk: dict[int, str],
    name: str,
    kind: str,
    parent_code: str,
    organisation: Organisation,
) -> None:
    if current.pk not in in_scope:
        check.fail("code", f"The code {current.code} is already used in {organisation.name}")
        return
    current_parent = code_by_pk.get(current.parent_id or 0, "")
    for column, theirs, ours in (
        ("name", current.name, name),
        ("kind", current.kind, kind),
        ("parent_code", current_parent, parent_code),
    ):
        if ours and theirs != ours:
            check.fail(
                column,
                f"The unit {current.code} already exists with {column} {theirs or '(none)'}: "
                "change it in the application, or make this row match",
            )


def _resolve_unit_parents(
    references: list[tuple[Check, str, str]],
    new: dict[str, _NewUnit],
    first_line: dict[str, int],
    existing: dict[str, Unit],
    in_scope: set[int],
    organisation: Organisation,
) -> dict[str, Unit]:
    """The existing unit each new unit goes under (units under new units are placed when written)."""
    parents: dict[str, Unit] = {}
    for check, code, parent_code in references:
        if parent_code in first_line and parent_code not in existing:
            continue  # a unit earlier or later in this file
        parent = existing.get(parent_code)
        if parent is None or parent.pk not in in_scope:
            check.fail(
                "parent_code",
                f"No unit has the code {parent_code}, in this file or among the units you administer "
                f"in {organisation.name}",
            )
        elif parent.is_archived:
            check.fail("parent_code", f"The unit {parent_code} is archived: restore it first")
        else:
            parents[code] = parent
    return parents


def _check_cycles_and_depth(plan: list[_NewUnit], parents: dict[str, Unit], report: ImportReport) -> None:
    by_code = {unit.code: unit for unit in plan}
    # The depth each new unit would have; None when it cannot be placed (a cycle, or a bad parent row).
    depth: dict[str, int | None] = {}
    for unit in plan:
        chain: list[str] = []
        code = unit.code
        while code in by_code and code not in depth and code not in chain:
            chain.append(code)
            code = by_code[code].parent_code
        base: int | None
        if code in chain:
            loop = chain[chain.index(code) :]
            for member in loop:
                depth[member] = None
                row = by_code[member]
                report.problems.append(
                    Problem(
                        row.line,
                        "parent_code",
                        row.parent_code,
                        f"A cycle: {' → '.join([*loop, loop[0]])}; a unit cannot be below itself",
                    )
                )
            chain, base = chain[: chain.index(code)], None
        elif code in depth:
            base = depth[code]
        elif chain and chain[-1] in parents:
            base = parents[chain[-1]].depth
        else:
            base = None
        for member in reversed(chain):
            base = None if base is None else base + 1
            depth[member] = base
            if base is not None and base > MAX_DEPTH:
                row = by_code[member]
                report.problems.append(
                    Problem(
                        row.line,
                        "parent_code",
                        row.parent_code,
                        f"The tree would be deeper than {MAX_DEPTH} levels",
                    )
                )


def _write_units(
    actor: User | None, organisation: Organisation, plan: list[_NewUnit], parents: dict[str, Unit]
) -> None:
    placed: dict[str, Unit] = {}
    waiting = list(plan)
    written: list[Unit] = []
    # One bulk insert per level of the tree: a unit's path needs its parent's id.
    while waiting:
        level = [n for n in waiting if n.code in parents or n.parent_code in placed]
        if not level:
            raise RuntimeError("Units left that cannot be placed: the checks should have refused this file")
        waiting = [n for n in waiting if n not in level]
        units = [
            Unit(
                organisation=organisation,
                parent=parents.get(n.code) or placed[n.parent_code],
                name=n.name,
                kind=n.kind,
                code=n.code,
                path="pending",
            )
            for n in level
        ]
        Unit.objects.bulk_create(units, batch_size=500)
        for unit in units:
            parent = unit.parent
            assert parent is not None
            unit.path = parent.path + PATH_SEGMENT.format(unit.pk)
            unit.depth = parent.depth + 1
            placed[unit.code] = unit
        written.extend(units)
    Unit.objects.bulk_update(written, ["path", "depth"], batch_size=500)
    record_many(
        actor=actor,
        changes=[
            Change(AuditEntry.Action.IMPORT, u, created(snapshot(u, UNIT_FIELDS)), u.pk) for u in written
        ],
    )
