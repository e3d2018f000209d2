"""The tracker's writes: what the services refuse whatever page calls them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from openqms.actions.services import tracker as services

LATE = dt.date.today() - dt.timedelta(days=5)


def test_closing_through_the_edit_form_is_refused(trust):
    action = services.raise_action(actor=None, unit=trust.ward_a, title="x", due_on=LATE)
    with pytest.raises(ValidationError, match="Close an action with its evidence"):
        services.update_action(actor=None, action=action, status="closed")
