"""`openqms create-token USERNAME --unit CODE [--expires DAYS]`: a new API token, printed once."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from openqms.access import policy
from openqms.api.models import ApiToken
from openqms.api.services import tokens
from openqms.organisations.models import Unit
from openqms.people.models import User


class Command(BaseCommand):
    help = (
        "Create an API token for a person (or a system's account) and print it; it is shown only this once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--unit", required=True, help="the code of the unit the token reaches (and below)"
        )
        parser.add_argument(
            "--organisation", help="the organisation's code, when unit codes repeat across them"
        )
        parser.add_argument("--expires", type=int, default=90, help="days until it expires (default 90)")
        parser.add_argument(
            "--permissions",
            default="view_unit,view_people,view,contribute",
            help="comma-separated: " + ", ".join(p.value for p in policy.Permission),
        )
        parser.add_argument(
            "--service", action="store_true", help="a system's token, managed by administrators"
        )
        parser.add_argument("--name", default="", help="what the token is for")

    def handle(self, *args: Any, **options: Any) -> None:
        person = User.objects.filter(username=options["username"]).first()
        if person is None:
            raise CommandError(f"No person has the username {options['username']}")
        units = Unit.objects.filter(code__iexact=options["unit"])
        if options["organisation"]:
            units = units.filter(organisation__code__iexact=options["organisation"])
        found = list(units[:2])
        if not found:
            raise CommandError(f"No unit has the code {options['unit']}")
        if len(found) > 1:
            raise CommandError(
                f"Several organisations have a unit {options['unit']}: add --organisation CODE"
            )
        try:
            permissions = [
                policy.Permission(p.strip()) for p in options["permissions"].split(",") if p.strip()
            ]
        except ValueError as exc:
            raise CommandError(f"Unknown permission: {exc}") from exc
        try:
            new = tokens.create_token(
                actor=None,
                person=person,
                unit=found[0],
                name=options["name"] or ("Service token" if options["service"] else "Command-line token"),
                permissions=permissions,
                kind=ApiToken.Kind.SERVICE if options["service"] else ApiToken.Kind.PERSONAL,
                expires_in_days=options["expires"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stderr.write(
            f"Token {new.token.prefix} for {person.username} on {found[0].name}, "
            f"expires {new.token.expires_at:%Y-%m-%d}. It is shown only now:"
        )
        self.stdout.write(new.secret)
