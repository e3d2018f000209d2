"""Building assurance data for tests through the services, as the pages would."""

from __future__ import annotations

import datetime as dt
from typing import Any

from openqms.assurance.framework_files import read_file
from openqms.assurance.models import AuditRun, AuditTemplate, Framework, Standard
from openqms.assurance.services.audits import save_answers, schedule_audit, start_audit
from openqms.assurance.services.standards import create_standard, load_framework
from openqms.assurance.services.templates import add_question, create_template, publish_version

_ROW = "SQS,Safe Quality Statements,2026,Care Regulator,2026-01-15,Safe,"
CSV = (
    "framework_code,framework_name,version,publisher,published_on,section,code,title,text\n"
    f"{_ROW}S1,Learning culture,We learn from incidents\n"
    f"{_ROW}S2,Infection prevention,We keep people safe\n"
    f"{_ROW}S3,Medicines optimisation,\n"
)


def framework(trust: Any, text: str = CSV) -> Framework:
    parsed = read_file(text.encode())
    assert not parsed.problems, parsed.problems
    return load_framework(actor=None, organisation=trust.org, parsed=parsed)


def standard(
    trust: Any, code: str = "IPC-01", unit: str = "board", shared: bool = False, **kw: Any
) -> Standard:
    fields = {
        "title": "Hand hygiene",
        "domain": "Safe care",
        "statement": "Staff clean their hands at the five moments.",
        "status": "approved",
    } | kw
    return create_standard(
        actor=None, owner_unit=getattr(trust, unit), code=code, shared_with_service_users=shared, **fields
    )


def template(
    trust: Any, std: Standard | None = None, *, code: str = "HH", sample: int = 2, publish: bool = True,
    unit: str = "board",
) -> AuditTemplate:  # fmt: skip
    t = create_template(
        actor=None, owner_unit=getattr(trust, unit), code=code, name="Hand hygiene audit", sample_size=sample,
        pass_threshold=80,
    )  # fmt: skip
    v = t.versions.get()
    add_question(actor=None, version=v, text="Hands cleaned before contact?", answer_type="yes_no",
                          standard=std, weight=2)  # fmt: skip
    add_question(actor=None, version=v, text="Bare below the elbows?", answer_type="yes_no",
                          standard=std, weight=1)  # fmt: skip
    add_question(actor=None, version=v, text="Notes", answer_type="text", weight=1)
    if publish:
        publish_version(actor=None, version=v)
    return t


def run(
    trust: Any, t: AuditTemplate, unit: str = "ward_a", *, started: bool = False, shared: bool = False,
    assignees: list[Any] | None = None, due: dt.date | None = None, recurrence: str = "once",
) -> AuditRun:  # fmt: skip
    r = schedule_audit(
        actor=None, template=t, unit=getattr(trust, unit),
        due_on=due or dt.date.today() + dt.timedelta(days=7),
        recurrence=recurrence, assignees=assignees or [], shared_with_service_users=shared,
    )  # fmt: skip
    if started:
        r = start_audit(actor=None, run=r)
    return r


def answer_all(r: AuditRun, values: list[list[str]]) -> None:
    """values[record][question index] for each record."""
    assert r.version is not None
    questions = list(r.version.questions.order_by("position"))
    for number, record in enumerate(values, start=1):
        save_answers(
            actor=None,
            run=r,
            record_number=number,
            values={q.pk: v for q, v in zip(questions, record, strict=False)},
        )
