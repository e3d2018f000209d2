"""Every failed FHIR request answers an OperationOutcome whose issues name the element at fault.

`issue.expression` is a FHIRPath-like location: `Bundle.entry[3].resource.period.start` for an entry
of a Bundle, `MeasureReport.group[0].measureScore.value` for a single resource, or a search
parameter's name (`_count`) for a search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Issue:
    message: str
    expression: str | None = None
    code: str = "invalid"  # http://hl7.org/fhir/issue-type
    severity: str = "error"


class FhirProblem(Exception):
    """A request refused with these issues; nothing was written."""

    def __init__(self, status: int, issues: Sequence[Issue]) -> None:
        super().__init__(issues[0].message if issues else "The request has problems")
        self.status = status
        self.issues = list(issues)


def problem(status: int, message: str, expression: str | None = None, code: str = "invalid") -> FhirProblem:
    return FhirProblem(status, [Issue(message, expression, code)])


def outcome(issues: Sequence[Issue]) -> dict[str, Any]:
    return {
        "resourceType": "OperationOutcome",
        "issue": [
            {
                "severity": i.severity,
                "code": i.code,
                "diagnostics": i.message,
                **({"expression": [i.expression]} if i.expression else {}),
            }
            for i in issues
        ],
    }


def path_of(root: str, loc: Sequence[Any]) -> str:
    """A pydantic error location as a FHIRPath: ("entry", 1, "resource", "period") → Bundle.entry[1]…"""
    text = root
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def validation_issues(root: str, errors: Sequence[Any]) -> list[Issue]:
    """fhir.resources' (pydantic's) errors, each with its element's path."""
    issues = []
    for error in errors:
        # A RootModel's value shows as "root" (or "__root__") in the location: not an element.
        loc = [p for p in error.get("loc", ()) if p not in ("root", "__root__")]
        code = "required" if "missing" in str(error.get("type", "")) else "value"
        if error.get("type") == "extra_forbidden":
            code = "structure"
        message = str(error.get("msg", "Invalid"))
        issues.append(Issue(message, path_of(root, loc), code))
    return issues
