"""A real headless Chromium against pytest-django's live server.

One browser for the whole package (starting Chromium is the slow part); a fresh context per test, so no
cookie or session leaks from one test into the next. Every context is watched (see helpers.Watch):
a console error, a failed request or a same-origin error response fails the test.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.personas import Trust, build_trust

from .helpers import Watch

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The hook sees the whole session's items; only ours get the marker, so `-m "not browser"`
    # (the PostgreSQL run) leaves them out without each module having to remember to say so.
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def trust(transactional_db: None) -> Trust:
    # The live server answers from another thread, so the trust must be committed, not held in
    # the test's rolled-back transaction as the suite-wide fixture does.
    return build_trust()


@pytest.fixture(scope="package", autouse=True)
def _orm_beside_playwright() -> Iterator[None]:
    """Let the ORM run while Playwright's event loop does, for this package only.

    Playwright's sync API keeps an asyncio loop running in the test thread, and Django refuses ORM
    calls from a thread with a running loop; nothing here is async, so that is a false alarm. The
    switch is turned off again when the package is done: left on, it would leak into every later
    test, and into subprocesses (`check --deploy` rightly fails with it set).
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


# One browser for the package, not the session: it is closed, and its event loop with it, before
# the tests that follow run, so that those see Django's usual async safety check.
@pytest.fixture(scope="package")
def browser(_orm_beside_playwright: None) -> Iterator[Browser]:
    executable = os.environ.get("OPENQMS_CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).is_file():
        message = f"Chromium not found at {executable} (set OPENQMS_CHROMIUM)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def _one_request_at_a_time(live_server: Any) -> Any:
    """The live server answers each request on a thread of its own, but with in-memory SQLite all
    of them share the test's one connection (Django's connections_override), and two requests at
    once (an HTMX save on `change` as another starts on `input`) can trip over each other's
    transaction. Pages here are tested one person at a time, so requests take turns."""
    httpd = live_server.thread.httpd
    app = httpd.get_app()
    turn = threading.Lock()

    def one_at_a_time(environ: dict[str, Any], start_response: Any) -> Any:
        with turn:
            response = app(environ, start_response)
            # Django's responses are made in full here; files stream after, with no database.
            return response

    httpd.set_app(one_at_a_time)
    return live_server


@pytest.fixture
def base_url(_one_request_at_a_time: Any) -> str:
    return str(_one_request_at_a_time.url)


@pytest.fixture
def watch(base_url: str) -> Watch:
    return Watch(base_url)


@pytest.fixture
def new_page(browser: Browser, watch: Watch) -> Iterator[Callable[..., Page]]:
    """new_page(viewport=..., has_touch=...): a page in a context of its own, watched."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> Page:
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(**options)
        # A missing element should fail in seconds, not hang the suite for Playwright's default 30.
        context.set_default_timeout(5_000)
        watch.attach(context)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    # Something that went wrong after the test's last check still fails it.
    watch.assert_clean()


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    return new_page()


@pytest.fixture
def screenshot() -> Callable[[Page, str], None]:
    """screenshot(page, "unit") writes docs/screenshots/unit.png, only when OPENQMS_SCREENSHOTS=1,
    so that ordinary runs leave the committed pictures alone."""

    def take(page: Page, name: str) -> None:
        if os.environ.get("OPENQMS_SCREENSHOTS") != "1":
            return
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True, animations="disabled")

    return take
