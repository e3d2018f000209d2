"""The Jinja2 environment: our templates first, then the NHS.UK frontend's component macros."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, FileSystemLoader, PackageLoader

from openqms.audit.presenters import readable
from openqms.nhsuk.dates import date_text


def static_folder(path: str) -> str:
    """The URL of a folder of static files, for templates that add file names to it (the NHS.UK
    template's `assetPath`). `static()` would ask the production storage's manifest for the folder,
    which lists files only, and fail every page."""
    return f"{settings.STATIC_URL}{path.strip('/')}"


def _url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options: Any) -> Environment:
    loader = options.pop("loader", None)
    dirs = [str(p) for p in getattr(loader, "searchpath", [])]
    options["loader"] = ChoiceLoader(
        [
            loader or FileSystemLoader(dirs),
            PackageLoader("nhsuk_frontend_jinja", "templates"),
        ]
    )
    # The NHS.UK macros read chained optional parameters; ChainableUndefined lets them.
    options["undefined"] = ChainableUndefined
    options.setdefault("extensions", [])
    env = Environment(**options)  # noqa: S701 (Django's backend turns autoescape on)
    env.globals.update(
        {
            "url": _url,
            "static": static,
            "static_folder": static_folder,
            "get_messages": get_messages,
            "DEBUG": settings.DEBUG,
            "readable_history": readable,
        }
    )
    env.filters["date"] = date_text
    return env
