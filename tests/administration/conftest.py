from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openqms.access.models import RoleAssignment
from openqms.audit.models import AuditEntry
from openqms.organisations.models import Unit
from openqms.people.models import User


@pytest.fixture
def ada(signed_in):  # type: ignore[no-untyped-def]
    """The test client, signed in as the administrator of Northshire."""
    return signed_in("ada_admin")


@pytest.fixture
def superuser(client, trust):  # type: ignore[no-untyped-def]
    person = User.objects.create_superuser(username="root", full_name="Root Superuser", password="x")
    client.force_login(person)
    return client


class Counts:
    """How many units, people, roles and audit entries there are, to show that nothing was written."""

    def __init__(self) -> None:
        self.before = self.now()

    @staticmethod
    def now() -> tuple[int, int, int, int]:
        return (
            Unit.objects.count(),
            User.objects.count(),
            RoleAssignment.objects.count(),
            AuditEntry.objects.count(),
        )

    def unchanged(self) -> bool:
        return self.now() == self.before

    def added(self) -> tuple[int, ...]:
        return tuple(a - b for a, b in zip(self.now(), self.before, strict=True))


@pytest.fixture
def counts(trust):  # type: ignore[no-untyped-def]
    return Counts()


def csv_file(text: str | bytes, name: str = "file.csv") -> SimpleUploadedFile:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/csv")


def upload(client, organisation, what: str, text: str | bytes, name: str = "file.csv"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("administration:import", args=[organisation.pk]), {"what": what, "file": csv_file(text, name)}
    )


@pytest.fixture
def medicine_admin(trust):  # type: ignore[no-untyped-def]
    """An administrator of part of Northshire only: Medicine and the units below it."""
    from openqms.access import services as access
    from openqms.people import services as people

    person = people.create_person(actor=None, username="mia_medicine_admin", full_name="Mia Medicine-Admin")
    access.grant_role(actor=None, person=person, unit=trust.medicine, role="administrator")
    return person
