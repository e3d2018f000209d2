"""Every project started before methods existed follows the Model for Improvement once the methods
migration runs (ADR 25): the migration is undone on a database holding a project, then run again."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from openqms.improvement.models import Project
from tests.improvement import helpers as h

METHODS = ("improvement", "0007_improvement_methods")


def _before_methods() -> tuple[str, str]:
    """The improvement migration the methods migration follows (whatever it is numbered after a merge)."""
    module = importlib.import_module(f"openqms.improvement.migrations.{METHODS[1]}")
    return next(d for d in module.Migration.dependencies if d[0] == "improvement")


@pytest.mark.django_db(transaction=True)
def test_existing_projects_follow_the_model_for_improvement(trust):
    project = h.project(trust)
    executor = MigrationExecutor(connection)
    executor.migrate([_before_methods()])
    with connection.cursor() as cursor:
        columns = [
            c.name for c in connection.introspection.get_table_description(cursor, "improvement_project")
        ]
    assert "method" not in columns
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([METHODS])
    # The latest state again, so that the tests after this one find every table.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Project.objects.get(pk=project.pk).method == "model_for_improvement"
