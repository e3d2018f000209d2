"""The Jinja2 environment: our templates first, then the NHS.UK frontend's component macros."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from jinja2 import (
    ChainableUndefined,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    pass_context,
)

from openqms.audit.presenters import readable
from openqms.nhsuk.dates import date_text
from openqms.organisations.selectors import PAGE_COMPONENTS, domain_label, question_for


def _url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


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
            "get_messages": get_messages,
            "DEBUG": settings.DEBUG,
            "readable_history": readable,
            "domain_label": domain_label,
            "component_question": component_question,
        }
    )
    env.filters["date"] = date_text
    return env
