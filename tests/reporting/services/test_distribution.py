"""Scheduled distribution: the period just ended goes out once its report is published, and never twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from openqms.reporting.models import Delivery
from openqms.reporting.periods import Period
from openqms.reporting.services.distribution import save_schedule, send_due
from tests.reporting import helpers as h

NOVEMBER = Period(dt.date(2026, 11, 1))


def _schedule(trust, **overrides):
    values = {
        "quarterly": False,
        "day_of_month": 10,
        "recipients": "board@example.nhs.uk",
        "attach_pdf": True,
    }
    return save_schedule(actor=trust.people["tess_team_leader"], unit=trust.ward_a, **(values | overrides))


def test_the_report_just_ended_is_sent_once_with_its_pdf(trust):
    _schedule(trust)
    h.report(trust, published=True, period=NOVEMBER)
    first = send_due(today=dt.date(2026, 12, 10))
    assert [o.words for o in first] == ["sent to 1"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Quality report: Ward A, November 2026"
    assert message.attachments[0][0] == "quality-report-wa-2026-11.pdf"
    assert message.attachments[0][1][:5] == b"%PDF-"
    again = send_due(today=dt.date(2026, 12, 11))
    assert [o.words for o in again] == ["already sent"]
    assert len(mail.outbox) == 1
    assert Delivery.objects.count() == 1


def test_nothing_goes_before_the_day_or_before_the_report_is_published(trust):
    _schedule(trust, attach_pdf=False)
    assert [o.words for o in send_due(today=dt.date(2026, 12, 9))] == ["not due yet"]
    h.report(trust, period=NOVEMBER)  # a draft
    assert [o.words for o in send_due(today=dt.date(2026, 12, 10))] == [
        "waiting for the report to be published"
    ]
    assert mail.outbox == []


def test_a_link_is_sent_when_the_pdf_is_not_attached(trust):
    _schedule(trust, attach_pdf=False)
    report = h.report(trust, published=True, period=NOVEMBER)
    send_due(today=dt.date(2026, 12, 12))
    assert f"/reports/{report.pk}/" in mail.outbox[0].body
    assert mail.outbox[0].attachments == []


def test_a_wrong_address_is_named_with_its_line(trust):
    with pytest.raises(ValidationError) as refused:
        _schedule(trust, recipients="board@example.nhs.uk\nnot an address")
    assert refused.value.message_dict == {
        "recipients": ["Line 2, “not an address”, is not an e-mail address."]
    }


def test_a_day_past_the_28th_is_refused(trust):
    with pytest.raises(ValidationError, match="from 1 to 28"):
        _schedule(trust, day_of_month=31)
