"""Reading the trail. Callers must already have checked that the user may see the object."""

from __future__ import annotations

from django.db import models

from openqms.audit.models import AuditEntry


def history_of(obj: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by(
        "-sequence"
    )
