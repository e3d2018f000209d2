"""The improvement pages the load journeys open (the portfolio and a project's page) cost the same
number of queries however many rows they show, measured with N rows and 2N (issue 17, ADR 36), and
the history table names a page of entries in one query per kind of thing named."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from openqms.access import policy
from openqms.audit.models import AuditEntry
from openqms.audit.presenters import readable
from openqms.control.services.measures import add_annotation, archive_annotation
from openqms.improvement.presenters.projects import project_page
from openqms.improvement.services.projects import record_progress
from openqms.improvement.services.team import add_project_measure
from tests.control import pages_helpers as control
from tests.improvement import helpers as h
from tests.page_queries import queries_of_page

pytestmark = pytest.mark.django_db


def _grow(project: Any, trust: Any, made: int, n: int) -> None:
    """Up to n of each: charted measures with an annotation, ideas with a cycle, progress steps."""
    for i in range(made, n):
        m = control.measure(trust.ward_a, name=f"Balancing {i}")
        control.monthly_values(m, control.STEADY)
        add_annotation(actor=None, measure=m, on=dt.date(2023, 3, 1), kind="event", label=f"Note {i}")
        add_project_measure(actor=None, project=project, measure=m, role="balancing")
        h.cycle(h.idea(project, text=f"Idea {i}"), title=f"Cycle {i}")
        record_progress(
            actor=None, project=project, stage="testing", score=Decimal("1.5"), on=dt.date(2023, 2, 1 + i)
        )


def test_a_project_pages_queries_do_not_grow_with_its_measures_cycles_and_progress(signed_in, trust):
    client = signed_in("tess_team_leader")
    project = h.project(trust)
    url = reverse("improvement:project", args=[project.pk])
    counts = []
    for made, n in ((0, 3), (3, 6)):
        _grow(project, trust, made, n)
        counts.append(queries_of_page(client, url))
    assert project.project_measures.count() == 7
    assert counts[0] == counts[1]


def test_the_portfolios_queries_do_not_grow_with_its_projects_and_their_measures(signed_in, trust):
    client = signed_in("tess_team_leader")
    url = reverse("improvement:home")
    counts = []
    made = 0
    for n in (2, 4):
        while made < n:
            project = h.project(trust, title=f"Project {made}")
            m = control.measure(trust.ward_a, name=f"Balancing {made}")
            control.monthly_values(m, control.STEADY)
            add_project_measure(actor=None, project=project, measure=m, role="balancing")
            made += 1
        counts.append(queries_of_page(client, url))
    assert counts[0] == counts[1]


def test_the_project_pages_charts_carry_their_live_annotations_and_the_table_lists_progress_newest_first(
    trust,
):
    project = h.project(trust)
    kept = add_annotation(
        actor=None, measure=project.aim_measure, on=dt.date(2023, 3, 1), kind="event", label="Bed rails"
    )
    gone = add_annotation(
        actor=None, measure=project.aim_measure, on=dt.date(2023, 4, 1), kind="event", label="Old rota"
    )
    archive_annotation(actor=None, annotation=gone)
    for day in (3, 1, 2):
        record_progress(
            actor=None, project=project, stage="testing", score=Decimal("1.5"), on=dt.date(2023, 2, day)
        )

    page = project_page(trust.people["mo_member"], project, today=dt.date(2023, 6, 20))

    (panel,) = page.panels
    assert panel.chart is not None
    assert kept.label in panel.chart
    assert gone.label not in panel.chart
    assert [r.on for r in page.progress][:3] == [
        dt.date(2023, 2, 3),
        dt.date(2023, 2, 2),
        dt.date(2023, 2, 1),
    ]
    assert page.progress_chart is not None


def _naming(project: Any, measures: list[Any]) -> list[AuditEntry]:
    # Entries as a charter's changes keep them: the measure's id before and after.
    return [
        AuditEntry(
            action="update",
            object_type="improvement.project",
            object_id=str(project.pk),
            changes_json=json.dumps(
                {"aim_measure": [m.pk, m.pk], "quality_domain": [None, project.quality_domain_id]}
            ),
        )
        for m in measures
    ]


def test_the_history_names_its_measures_and_domains_in_one_query_each_however_many(trust):
    project = h.project(trust)
    measures = [control.measure(trust.ward_a, name=f"Measure {i}") for i in range(6)]
    user = trust.people["mo_member"]
    policy.grants_of(user)  # fetched once, on the first question

    def may_see(obj: Any) -> bool:
        return policy.can(user, policy.Permission.VIEW, obj)

    counts = []
    for n in (3, 6):
        with CaptureQueriesContext(connection) as queries:
            named = readable(_naming(project, measures[:n]), may_see)
        counts.append(len(queries))
    assert counts == [3, 3]  # the measures, the domain, and the domain's organisation's top unit
    assert named[0][1][0].after == "Measure 0 – Ward A"
