"""openqms send-digest: e-mail each person what needs them; people with nothing get nothing."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console

from openqms.console import progress_bar
from openqms.control.digest import digest_for, message_of


class Command(BaseCommand):
    help = (
        "E-mail each person a digest of what needs them (overdue actions, escalations, concerns, proposals)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="print the digests instead of sending them"
        )
        parser.add_argument("--user", metavar="USERNAME", help="only this person")

    def handle(self, *args: Any, dry_run: bool = False, user: str | None = None, **options: Any) -> None:
        people = get_user_model().objects.filter(is_active=True).order_by("username")
        if user:
            people = people.filter(username=user)
            if not people.exists():
                raise CommandError(f"No active person with the username {user!r}.")
        else:
            # Only people with a role can have anything needing them; no need to ask about the rest.
            people = people.filter(role_assignments__isnull=False).distinct()
        if dry_run:
            self._dry_run(list(people))
            return
        sent = skipped = no_address = 0
        connection = get_connection()
        with progress_bar(
            "{task.description}", console=Console(stderr=True), remaining=True, transient=False
        ) as progress:
            task = progress.add_task("Sending digests", total=people.count())
            for person in people.iterator(chunk_size=500):
                digest = digest_for(person)
                if digest is None:
                    skipped += 1
                elif not person.email:
                    no_address += 1
                else:
                    connection.send_messages([message_of(digest)])
                    sent += 1
                progress.advance(task)
        self.stdout.write(
            f"Sent {sent} {'digest' if sent == 1 else 'digests'}; {skipped} with nothing needing them"
            + (f"; {no_address} with no e-mail address" if no_address else "")
            + "."
        )

    def _dry_run(self, people: list[Any]) -> None:
        shown = 0
        for person in people:
            digest = digest_for(person)
            if digest is None:
                continue
            shown += 1
            self.stdout.write(f"To: {person.email or '(no e-mail address)'}  ({person.username})")
            self.stdout.write(f"Subject: {digest.subject}\n")
            self.stdout.write(digest.text)
            self.stdout.write("-" * 72)
        self.stdout.write(f"{shown} {'person has' if shown == 1 else 'people have'} something needing them.")
