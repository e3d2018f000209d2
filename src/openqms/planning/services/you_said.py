"""Publishing "you said, we did" for a unit and period: the rows are kept as they are now, so the
public page stays as published. Publishing the same period again changes nothing."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from openqms.audit.models import AuditEntry
from openqms.audit.services import created, record
from openqms.organisations.models import Unit
from openqms.people.models import User
from openqms.planning.models import YouSaidWeDid
from openqms.planning.selectors.you_said import rows_as_data, rows_for


@transaction.atomic
def publish(*, actor: User | None, unit: Unit, starts_on: dt.date, ends_on: dt.date) -> YouSaidWeDid:
    if ends_on < starts_on:
        raise ValidationError({"ends_on": "The period must end on or after the day it starts"})
    existing = YouSaidWeDid.objects.filter(unit=unit, starts_on=starts_on, ends_on=ends_on).first()
    if existing is not None:
        return existing
    rows = rows_as_data(rows_for(unit, starts_on, ends_on))
    page = YouSaidWeDid.objects.create(
        unit=unit, starts_on=starts_on, ends_on=ends_on, rows=rows, published_by=actor
    )
    changes = created({"unit": unit.pk, "starts_on": starts_on, "ends_on": ends_on, "rows": len(rows)})
    record(actor=actor, action=AuditEntry.Action.CREATE, target=page, changes=changes, unit_id=unit.pk)
    return page
