"""The demo's reports: the trust's and Medicine's last three months published and frozen, this
month's in draft with commentary asked for, and the trust's distribution schedule; once."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import timezone

from openqms.demo import reporting_demo
from openqms.demo.control_data import load_demo_trust, plan_control_demo
from openqms.demo.generator import SMALL, plan_demo
from openqms.reporting.models import CommentaryStatus, Report, Schedule, Status
from openqms.reporting.periods import Period


class _RolledBack(Exception):
    pass


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    today = timezone.localdate()
    demo = plan_control_demo(plan=plan_demo(size=SMALL, today=today), seed=2026, today=today)
    with django_db_blocker.unblock(), pytest.raises(_RolledBack), transaction.atomic():
        yield load_demo_trust(demo=demo)
        raise _RolledBack


@pytest.fixture
def organisation(_loaded, db):
    return _loaded


def test_three_months_are_published_and_this_month_is_a_draft_with_commentary_asked(organisation):
    current = Period.containing(timezone.localdate())
    for unit in organisation.units.filter(code__in=["MED"]) | organisation.units.filter(parent__isnull=True):
        reports = list(Report.objects.filter(unit=unit).order_by("period_start"))
        assert [r.status for r in reports] == [Status.PUBLISHED] * 3 + [Status.DRAFT]
        assert reports[-1].period_start == current.start
        assert all(r.frozen_html and r.frozen_data for r in reports[:3])
        waiting = reports[-1].commentaries.filter(status=CommentaryStatus.REQUESTED)
        assert waiting.exists()


def test_the_trust_has_a_distribution_schedule_and_loading_again_adds_nothing(organisation):
    assert Schedule.objects.filter(unit__organisation=organisation, day_of_month=10).count() == 1
    reports = Report.objects.count()
    assert reporting_demo.load(organisation, timezone.localdate()) == 0
    assert Report.objects.count() == reports
