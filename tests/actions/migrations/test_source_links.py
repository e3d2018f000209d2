"""The migration from stored link paths to a kind and an id (actions 0004-0006, ADR 0023): every path
OpenQMS wrote leads to the same page afterwards, any other is kept in `source_note`, and reversing
writes the paths back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from openqms.actions.models import Action
from openqms.actions.selectors import tracker as selectors
from openqms.actions.services import tracker as services
from openqms.assurance.models import Accreditation, Finding
from openqms.links.registry import Source
from tests.assurance import helpers as assurance
from tests.control import huddle_helpers as control
from tests.improvement import helpers as improvement

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("actions", "0003_kept_at_source")]
AFTER = [("actions", "0006_remove_source_url")]
DUE = dt.date(2027, 1, 1)
# Paths no page of OpenQMS ever raised an action from: the tracker's form took any path on the site.
UNKNOWN = ["/assurance/", "/assurance/units/4/", "/control/huddles/4/#issues", "/nowhere/12/"]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _back_to_the_latest() -> Any:
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _pages(trust: Any) -> dict[str, Source]:
    """One real thing of every kind, by the path an action raised from it stored until now."""
    huddle = control.huddle(trust)
    escalation = control.escalation(trust)
    run = assurance.run(trust, assurance.template(trust))
    accreditation = Accreditation.objects.create(
        unit=trust.ward_a, kind="accreditation", scheme="Infection Prevention", status="conditions"
    )
    finding = Finding.objects.create(accreditation=accreditation, severity="major", text="Sharps bins")
    project = improvement.project(trust)
    idea = improvement.idea(project)
    return {
        f"/control/huddles/{huddle.pk}/": Source("control.huddle", huddle.pk),
        f"/control/escalations/{escalation.pk}/": Source("control.escalation", escalation.pk),
        f"/assurance/audits/{run.pk}/": Source("assurance.audit", run.pk),
        f"/assurance/units/{trust.ward_a.pk}/#gaps": Source("assurance.gaps", trust.ward_a.pk),
        f"/assurance/accreditations/{accreditation.pk}/#finding-{finding.pk}": Source(
            "assurance.finding", finding.pk
        ),
        f"/improvement/projects/{project.pk}/": Source("improvement.project", project.pk),
        f"/improvement/projects/{project.pk}/ideas/{idea.pk}/": Source("improvement.idea", idea.pk),
    }


def test_each_path_becomes_a_link_to_the_same_page_and_any_other_path_is_kept(trust, client):
    pages = _pages(trust)
    old = _migrate(BEFORE).get_model("actions", "Action")
    for path in [*pages, *UNKNOWN]:
        old.objects.create(
            unit_id=trust.ward_a.pk, title=f"Raised from {path}", due_on=DUE, source_label=f"Label of {path}",
            source_url=path,
        )  # fmt: skip
    _migrate(AFTER)

    sam = trust.people["sam_senior"]
    for path, source in pages.items():
        action = Action.objects.get(title=f"Raised from {path}")
        assert (action.source, action.source_note, action.source_label) == (source, "", f"Label of {path}")
        assert selectors.source_link(sam, action).url == path
    for path in UNKNOWN:
        action = Action.objects.get(title=f"Raised from {path}")
        assert (action.source, action.source_note, action.source_label) == (None, path, f"Label of {path}")
        client.force_login(sam)
        page = client.get(reverse("actions:action", args=[action.pk])).content.decode()
        assert f"Label of {path} (it was linked to {path})" in page


def test_reversing_writes_every_path_back(trust):
    pages = _pages(trust)
    for path, source in pages.items():
        services.raise_action(actor=None, unit=trust.ward_a, title=path, due_on=DUE, source=source)
    Action.objects.create(unit=trust.ward_a, title="kept", due_on=DUE, source_note="/nowhere/12/")
    old = _migrate(BEFORE).get_model("actions", "Action")
    for path in pages:
        assert old.objects.get(title=path).source_url == path
    assert old.objects.get(title="kept").source_url == "/nowhere/12/"
    assert not old.objects.filter(title__in=["kept", *pages], source_url="").exists()
