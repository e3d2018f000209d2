"""What the browser tests share: the page watch, the accessibility check and signing in."""

from __future__ import annotations

import re
import weakref
from typing import Any
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response, WebError

from tests.personas import PASSWORD

# axe's own categories; "moderate" and "minor" findings are worth reading but not worth a red build.
BLOCKING_IMPACTS = frozenset({"serious", "critical"})

_axe = Axe()
_watches: weakref.WeakKeyDictionary[BrowserContext, Watch] = weakref.WeakKeyDictionary()


class Watch:
    """What went wrong in a browser context: console errors, failed requests, error responses."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.problems: list[str] = []
        self.expected: set[int] = set()

    def attach(self, context: BrowserContext) -> None:
        _watches[context] = self
        context.on("console", self._on_console)
        context.on("requestfailed", self._on_request_failed)
        context.on("response", self._on_response)
        context.on("weberror", self._on_web_error)

    def expect_status(self, *statuses: int) -> None:
        """Pages may answer with these statuses on purpose (a 404 for a unit out of scope)."""
        self.expected.update(statuses)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        # Chromium repeats every error response on the console; an expected one is no problem.
        found = re.search(r"status of (\d{3})", message.text)
        if found and int(found.group(1)) in self.expected:
            return
        self.problems.append(f"console error: {message.text} ({message.location.get('url')})")

    def _on_request_failed(self, request: Request) -> None:
        # Moving on to the next page cancels what the last one was still fetching (its favicon,
        # say): no fault. A missing file shows up as an error response instead.
        if request.failure == "net::ERR_ABORTED":
            return
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _on_response(self, response: Response) -> None:
        if response.status < 400 or not response.url.startswith(self.origin):
            return
        if response.status in self.expected and response.request.resource_type == "document":
            return
        self.problems.append(f"HTTP {response.status} for {urlsplit(response.url).path}")

    def _on_web_error(self, error: WebError) -> None:
        self.problems.append(f"uncaught script error: {error.error}")

    def assert_clean(self) -> None:
        problems, self.problems = self.problems, []
        assert not problems, "The browser reported problems:\n" + "\n".join(problems)


def watch_of(page: Page) -> Watch:
    return _watches[page.context]


def axe_check(page: Page) -> None:
    """Fail on any serious or critical accessibility violation, and on anything the watch saw.

    Every test calls this on every page it visits, after the page (and its scripts) have settled.
    """
    page.wait_for_load_state("load")
    results = _axe.run(page)
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    lines = []
    for violation in blocking:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = ", ".join(str(t) for t in node["target"])
            lines.append(f"    at {target}: {node.get('failureSummary', '')}")
    assert not blocking, f"Accessibility violations on {urlsplit(page.url).path}:\n" + "\n".join(lines)
    watch_of(page).assert_clean()


def sign_in(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real form, as a person would (test_sign_in.py checks the form itself)."""
    page.goto(f"{base_url}/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("load")


def signed_in_as(page: Page, base_url: str, person: Any) -> None:
    """Give the browser a signed-in session without the form: two page loads fewer per test."""
    client = Client()
    client.force_login(person)
    host = urlsplit(base_url).hostname
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "domain": host, "path": "/"}])
