"""Every form the pages offer, sent generated values as two roles: never a server error.

The pages are those of the authorization matrix that the role may open. Each form on them (a POST
form or a GET filter) is sent `PER_FORM` sets of values: for each field a valid choice, its own
value, nothing, or one of the awkward values below (Unicode digits, huge and impossible numbers,
impossible dates, markup, control characters, very long text), chosen by a seeded generator so a
failure repeats. Schemathesis does the same for the API (`make test-api-schema`).
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from tests.foundation.test_authorization_matrix import all_expectations

ROLES = ("tess_team_leader", "mo_member")
PER_FORM = int(os.environ.get("OPENQMS_FUZZ_PER_FORM", "6"))
AWKWARD = [
    "",
    " ",
    "0",
    "-1",
    "²",
    "١٢",
    "9" * 30,
    "1e309",
    "NaN",
    "-0.0",
    "2026-02-30",
    "31/13/2026",
    "<script>alert(1)</script>",
    "' OR '1'='1",
    "\u202egnp.exe",
    "\x00",
    "a" * 5000,
    "🙂" * 50,
    '=HYPERLINK("http://example.com")',
    "\t\r\n",
    "null",
    "[]",
    "../../etc/passwd",
]
# Forms that end the session or leave the site would stop the walk, not test a form.
NOT_SENT = ("/sign-out/",)


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name: the values it offers


class Forms(HTMLParser):
    """The forms of a page, with each field's name and the values it offers."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action", ""), a.get("method", "get").lower()))
        elif not self.forms:
            return
        elif tag in ("input", "textarea") and a.get("name") and a.get("type") != "file":
            self.forms[-1].fields.setdefault(a["name"], []).append(a.get("value", ""))
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self.forms[-1].fields.setdefault(self._select, [])
        elif tag == "option" and self._select:
            self.forms[-1].fields[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def values_for(rng: random.Random, fields: dict[str, list[str]]) -> dict[str, str]:
    data = {}
    for name, offered in fields.items():
        if name == "csrfmiddlewaretoken":
            continue
        roll = rng.random()
        if roll < 0.4 and offered:
            data[name] = rng.choice(offered)
        elif roll < 0.9:
            data[name] = rng.choice(AWKWARD)
        # else: left out
    return data


def test_no_form_answers_generated_values_with_a_server_error(client: Any, trust: Any) -> None:
    rng = random.Random(2026)
    pages = [
        (name, case)
        for name, cases in sorted(all_expectations().items())
        for case in cases
        if case.method == "get" and not name.startswith("api")
    ]
    # Each case's objects are made once, before any form is sent anything. Cases were written for a
    # database each; one that clashes with an earlier case's objects is left out (others reach
    # its page).
    urls = []
    for name, case in pages:
        try:
            with transaction.atomic():
                urls.append((reverse(name, kwargs=case.kwargs(trust) or None), case))
        except ValidationError:
            continue
    sent, errors = 0, []
    for role in ROLES:
        client.force_login(trust.people[role])
        for url, case in urls:
            if case.allowed.get(role, case.otherwise) != 200:
                continue
            page = client.get(url)
            if page.status_code != 200 or "text/html" not in page.get("Content-Type", ""):
                continue
            parser = Forms()
            parser.feed(page.content.decode())
            for form in parser.forms:
                target = urljoin(url, form.action or url)
                if urlsplit(target).netloc or target.startswith(NOT_SENT):
                    continue
                for _ in range(PER_FORM):
                    data = values_for(rng, form.fields)
                    send = client.post if form.method == "post" else client.get
                    response = send(target, data)
                    sent += 1
                    if response.status_code >= 500:
                        errors.append(
                            f"{role} {form.method.upper()} {target} {data!r:.300}: {response.status_code}"
                        )
                client.force_login(trust.people[role])  # a form may have signed the person out
    # About 2,400 at six sets a form (2026-12-02); with Schemathesis's 8,000 and more on the API,
    # over 10,000 generated requests in all.
    assert sent >= 2000, f"only {sent} generated requests: the walk lost its pages"
    assert not errors, f"{len(errors)} of {sent} generated requests failed:\n" + "\n".join(errors[:20])
