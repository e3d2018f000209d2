"""The `openqms` command: the project's own commands and every Django management command.

`openqms spc …` runs the SPC engine's command line without starting Django, so that an analyst's
chart is not slowed by the web application; every other word is a Django management command
(`openqms migrate`, `openqms demo`, `openqms verify-audit`, …).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and args[1] == "spc":
        from openqms.spc.cli import main as spc_main

        raise SystemExit(spc_main(args[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openqms.settings.development")
    from django.core.management import execute_from_command_line

    args[0] = "openqms"
    if len(args) > 1 and not args[1].startswith("-"):
        # Our commands are spelled with hyphens (`openqms verify-audit`); Django's modules cannot be.
        args[1] = args[1].replace("-", "_")
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
