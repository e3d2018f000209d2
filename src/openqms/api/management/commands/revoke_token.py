"""`openqms revoke-token PREFIX`: stop a token working (its prefix is the part after "oqt_")."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from openqms.api.models import ApiToken
from openqms.api.services import tokens


class Command(BaseCommand):
    help = "Revoke an API token by its prefix"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        prefix = options["prefix"].removeprefix("oqt_").split("_")[0]
        token = ApiToken.objects.filter(prefix=prefix).first()
        if token is None:
            raise CommandError(f"No token has the prefix {prefix}")
        tokens.revoke_token(actor=None, token=token)
        self.stdout.write(f"Revoked {token}")
