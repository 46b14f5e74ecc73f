"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Playwright cannot download browsers on our machines, so the tests use the Chromium that
`bin/install-system-packages` installs. Without it they skip on a developer's machine and
fail in CI (CI=true), where a silent skip would hide that they never ran.

Every test gets fresh browser contexts (no shared cookies or storage) from one browser
started for the whole session. A JavaScript error on any page fails the test.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# Without these, Chromium on a machine with no outside network hangs or stalls on
# background requests (updates, sync, QUIC probes).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Auto-waiting assertions and actions give up after this long: long enough for a slow CI
# machine and the checklist's autosave delay, short enough that a failure shows quickly.
TIMEOUT_MS = 10_000

expect.set_options(timeout=TIMEOUT_MS)


def pytest_collection_modifyitems(items):
    """Run the browser tests last: the browser, and its event loop, stay up until the end
    of the session, and no other test should run beside them."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = (
            f"{CHROMIUM} is missing: run bin/install-system-packages "
            "(browser tests skip outside CI and fail in CI, CI=true)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    # While Playwright's sync API is started, an asyncio loop counts as running in this
    # thread, so Django refuses the ORM calls of the tests and of pytest-django's database
    # set-up and flush (SynchronousOnlyOperation). The tests are synchronous code; the
    # loop only drives the browser. Set only for as long as that loop lives, so that it
    # reaches no other test (test_settings runs the deployment checks, which reject it).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_context(browser, live_server):
    """Open a fresh browser context (its own cookies and storage) on the live server.

    Any uncaught JavaScript error in one of its pages fails the test at teardown.
    """
    contexts = []
    page_errors = []

    def open_context(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.on(
            "page",
            lambda page: page.on("pageerror", lambda error: page_errors.append((page.url, error))),
        )
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        try:
            context.close()
        except PlaywrightError:
            pass  # already closed by the test
    assert not page_errors, "JavaScript errors:\n" + "\n".join(
        f"  {url}: {error}" for url, error in page_errors
    )


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()
