"""`openqms demo-logins`: role, username and password of each demo login, one per line, tab-separated.

Nothing else goes to standard output: tools read it line by line to sign in as each role.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from openqms.demo.logins import DEMO_LOGINS


class Command(BaseCommand):
    help = "Print the demo logins (demo installations only): role, username and password, tab-separated."
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        for login in DEMO_LOGINS:
            self.stdout.write(f"{login.role}\t{login.username}\t{login.password}")
