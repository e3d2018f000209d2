"""The organisation's choice of improvement methods, made by its administrators (ADR 25).

Administrators have no clinical powers (ADR 4): choosing which project templates staff are offered
is an organisation setting, like its units, and changes no quality data.
"""

from __future__ import annotations

from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.db import transaction

from openqms.access import policy
from openqms.audit.models import AuditEntry
from openqms.audit.services import diff, record
from openqms.improvement.models import Method, OrganisationMethods
from openqms.organisations.models import Organisation
from openqms.people.models import User


@transaction.atomic
def choose_methods(
    *, actor: User | None, organisation: Organisation, methods: Collection[str]
) -> OrganisationMethods:
    """Offer exactly these methods to the organisation's staff. Projects already started keep theirs."""
    unknown = sorted(set(methods) - set(Method.values))
    if unknown:
        raise ValidationError({"methods": f"There is no improvement method called {', '.join(unknown)}"})
    if not methods:
        raise ValidationError({"methods": "Choose at least one improvement method for staff to use"})
    choice, made = OrganisationMethods.objects.select_for_update().get_or_create(organisation=organisation)
    before = {m: (getattr(choice, m) if not made else None) for m in Method.values}
    for m in Method.values:
        setattr(choice, m, m in methods)
    choice.updated_by = actor
    choice.save()
    changes = diff(before, {m: getattr(choice, m) for m in Method.values})
    if changes:
        root = policy.unit_of(organisation)
        record(
            actor=actor,
            action=AuditEntry.Action.CREATE if made else AuditEntry.Action.UPDATE,
            target=choice,
            changes=changes,
            unit_id=root.pk if root else None,
        )
    return choice
