"""The Jinja2 environment: our templates first, then the NHS.UK frontend's component macros."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.db import models
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from jinja2 import (
    ChainableUndefined,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    pass_context,
)
from jinja2.filters import do_indent
from jinja2.runtime import Context
from markupsafe import Markup

from openqms.access import policy
from openqms.audit.models import AuditEntry
from openqms.audit.presenters import ReadableChange, readable
from openqms.nhsuk.dates import date_text
from openqms.nhsuk.drawn import drawn
from openqms.organisations.models import Organisation, Unit
from openqms.organisations.selectors import PAGE_COMPONENTS, domain_label, question_for


def static_folder(path: str) -> str:
    """The URL of a folder of static files, for templates that add file names to it (the NHS.UK
    template's `assetPath`). `static()` would ask the production storage's manifest for the folder,
    which lists files only, and fail every page."""
    return f"{settings.STATIC_URL}{path.strip('/')}"


def _url(name: str, *args: Any, **kwargs: Any) -> str:
    values = (*args, *kwargs.values())
    # Only for plain numbers and text: a model instance would be reversed by its str(), which can change.
    if all(type(v) is int or type(v) is str for v in values):
        return _reversed(
            get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), name, args, tuple(kwargs.items())
        )
    return reverse(name, args=args or None, kwargs=kwargs or None)


@lru_cache(maxsize=8192)
def _reversed(urlconf: str, prefix: str, name: str, args: tuple[Any, ...], kwargs: tuple[Any, ...]) -> str:
    """`reverse`, kept by everything its answer depends on (the URLconf, the script prefix, the
    name and the arguments). A page reverses a URL for every row it links (a unit page's sub-units,
    My QMS's roles and grants), at 30-70 microseconds each; the same link is asked for on every page."""
    return reverse(name, urlconf=urlconf, args=args or None, kwargs=dict(kwargs) or None)


@pass_context
def _readable_history(
    context: Context, entries: Any, known: Any = ()
) -> list[tuple[AuditEntry, list[ReadableChange]]]:
    """A history as the reader may read it: an object of a unit they may not see is not named.
    `known`: objects the page has read already, named without a query (audit.presenters.readable)."""
    request = context.get("request")
    user = getattr(request, "user", None)

    def may_see(obj: models.Model) -> bool:
        if isinstance(obj, Unit):
            return policy.can(user, policy.Permission.VIEW_UNIT, obj)
        if isinstance(obj, Organisation) or policy.unit_of(obj) is None:
            return True  # people: whoever may read the history may read who did what
        return policy.can(user, policy.Permission.VIEW, obj)

    return readable(entries, may_see, known)


@pass_context
def component_question(context: Any, page: str) -> str:
    """The organisation's own question for a component's home page (its "four questions", ADR 24),
    for the organisation of the unit the person is working in."""
    unit = context.get("current_unit")
    organisation = unit.organisation if unit else None
    return format_html(
        '<p class="openqms-question"><span class="nhsuk-u-visually-hidden">Our question: </span>{}</p>',
        question_for(organisation, PAGE_COMPONENTS[page]),
    )


def indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    """Jinja's `indent`, the same text for the same input, without building a Markup for each
    line of markup: the NHS.UK components indent every nested component's HTML, and on a page of
    forms that per-line work was a fifth of the page's CPU. Every piece of marked-up input is safe
    already and the indent is whitespace (or markup the template wrote), so indenting the plain
    text and marking the result safe once gives what joining safe pieces gives."""
    if isinstance(s, Markup):
        return Markup(do_indent(str(s), width, first, blank))  # noqa: S704 (safe pieces, see above)
    return do_indent(s, width, first, blank)


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
            "readable_history": _readable_history,
            "domain_label": domain_label,
            "component_question": component_question,
            "drawn": drawn,
        }
    )
    env.filters["date"] = date_text
    env.filters["indent"] = indent
    return env
