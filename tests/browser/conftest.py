"""A real headless Chromium against pytest-django's live server.

One browser for the whole run (starting Chromium is the slow part); a fresh context per test, so no
cookie or session leaks from one test into the next. Every context is watched (see helpers.Watch):
a console error, a failed request or a same-origin error response fails the test.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.personas import Trust, build_trust

from .helpers import Watch

# Playwright's sync API keeps an asyncio loop running in the test thread, and Django refuses ORM
# calls from a thread with a running loop. Nothing here is async, so the check is a false alarm.
# Django reads the variable at each call; the browser, and so the loop, lives to the session's end.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

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


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
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


@pytest.fixture
def base_url(live_server: Any) -> str:
    return str(live_server.url)


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
