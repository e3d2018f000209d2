"""A demo installation for the API's live checks: migrated, the demo trust loaded, and a token for
each of two demo personas (a senior leader and a ward's team member), each on the unit of its role."""

from __future__ import annotations

import os
from typing import Any

PERSONAS = ("demo.senior", "demo.member")


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "openqms.settings.test"
    import django

    django.setup()


def prepare() -> dict[str, str]:
    """Migrate, load the demo (unless the database already holds it) and return {username: token}."""
    from django.core.management import call_command

    from openqms.access import policy
    from openqms.access.models import RoleAssignment
    from openqms.api.services.tokens import create_token
    from openqms.people.models import User

    call_command("migrate", verbosity=0)
    if not User.objects.filter(username=PERSONAS[0]).exists():
        call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115 (closed with the process)
    secrets: dict[str, str] = {}
    for username in PERSONAS:
        person: Any = User.objects.get(username=username)
        unit = RoleAssignment.objects.current().filter(person=person).first().unit  # type: ignore[union-attr]
        secrets[username] = create_token(
            actor=None, person=person, unit=unit, name="live checks", permissions=set(policy.Permission)
        ).secret
    return secrets
