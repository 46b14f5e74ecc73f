"""What the browser tests do again and again: sign in, check accessibility."""

import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.db import connection
from playwright.sync_api import expect

from assessments.services.two_factor import second_step_of
from tests.conftest import PASSWORD
from tests.two_factor import totp_token

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")
# As long as the auto-waiting assertions wait (conftest.TIMEOUT_MS).
TIMEOUT_S = 10


def off_thread(function, *args):
    """Run `function` in a thread of its own, with a database connection of its own:
    without a broker an approval renders its briefs at once, and pyHanko's asyncio.run
    cannot run beside Playwright's event loop in the test's thread."""

    def run():
        try:
            return function(*args)
        finally:
            connection.close()

    with ThreadPoolExecutor(1) as thread:
        return thread.submit(run).result()


def sign_in(page, user):
    """Sign `user` in through the real login form, and the second step for a user with an
    authenticator (supervisors, commanders and admins have one: tests/conftest.py);
    leaves `page` on the page after it."""
    page.goto("/accounts/login/")
    page.get_by_label(re.compile("username", re.IGNORECASE)).fill(user.get_username())
    page.get_by_label(re.compile("password", re.IGNORECASE)).fill(PASSWORD)
    page.locator("main").get_by_role("button", name=re.compile("sign in", re.IGNORECASE)).click()
    if second_step_of(user) == "verify":
        expect(page).to_have_url(re.compile("/accounts/verify/"))
        page.get_by_label(re.compile("code from your authenticator", re.IGNORECASE)).fill(
            totp_token(user)
        )
        page.locator("main").get_by_role("button", name=re.compile("verify", re.IGNORECASE)).click()
    # Attached rather than visible: on a phone the navigation is folded into its menu.
    expect(page.locator("form[data-sign-out]")).to_be_attached()
    return page


def signed_in_page(new_context, user, **context_options):
    page = new_context(**context_options).new_page()
    return sign_in(page, user)


def assert_accessible(page, name=None):
    """Run axe-core on `page`; fail on any serious or critical violation, listing them."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's Content-Security-
        # Policy does not govern (a <script> tag would be blocked as inline script).
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    results = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " helpUrl: v.helpUrl, nodes: v.nodes.map(n => ({target: n.target.join(' '),"
        " summary: n.failureSummary, html: n.html}))})))"
    )
    blocking = [violation for violation in results if violation["impact"] in BLOCKING_IMPACTS]
    assert not blocking, _describe_violations(name or page.url, blocking)


def _describe_violations(name, violations):
    lines = [f"axe-core found {len(violations)} serious or critical violation(s) on {name}:"]
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    at {node['target']}: {node['html'][:200]}")
            for detail in (node["summary"] or "").splitlines():
                lines.append(f"      {detail}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    ... and {len(violation['nodes']) - 10} more elements")
    return "\n".join(lines)


def wait_until(condition, message, timeout=TIMEOUT_S):
    """Poll `condition` (e.g. a database query) until it holds; fail with `message`.

    For what the browser cannot show, such as what reached the server: assertions on
    the page use Playwright's auto-waiting `expect` instead.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{message} (waited {timeout} s)")
        time.sleep(0.1)
